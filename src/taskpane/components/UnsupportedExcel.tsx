import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { Lang } from '../../i18n/format';
import { uiText } from '../../i18n/ui';
import { REQUIRED_EXCEL_API, REQUIRED_EXCEL_PRODUCT } from '../../workbook/office/requirements';
import { usePaneStyles } from './styles';

/**
 * What the pane says inside an Excel without the APIs it needs (the manifest keeps such Excels out, but a
 * centrally deployed or cached add-in can still open there): which Excel it needs, and that nothing was written.
 */
export function UnsupportedExcel({ lang }: { lang: Lang }) {
  return (
    <FluentProvider theme={webLightTheme} lang={lang}>
      <Notice lang={lang} />
    </FluentProvider>
  );
}

function Notice({ lang }: { lang: Lang }) {
  const s = usePaneStyles();
  const t = uiText(lang);
  return (
    <main className={s.panel} style={{ padding: '16px' }} data-testid="unsupported-excel">
      <h1 className={s.heading}>{t.productName}</h1>
      <h2 className={s.subheading}>{t.unsupportedExcel.title}</h2>
      <p className={s.text}>{t.unsupportedExcel.body(REQUIRED_EXCEL_PRODUCT[lang], REQUIRED_EXCEL_API)}</p>
    </main>
  );
}
