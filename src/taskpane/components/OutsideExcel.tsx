import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { Lang } from '../../i18n/format';
import { uiText } from '../../i18n/ui';
import { usePaneStyles } from './styles';

/** What the page says when it is opened outside Excel (a plain browser, or Office.js blocked). */
export function OutsideExcel({ lang }: { lang: Lang }) {
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
    <main className={s.panel} style={{ padding: '16px' }}>
      <h1 className={s.heading}>{t.productName}</h1>
      <h2 className={s.subheading}>{t.outsideExcel.title}</h2>
      <p className={s.text}>{t.outsideExcel.body}</p>
    </main>
  );
}
