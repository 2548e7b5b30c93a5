import type { Lang } from '../../i18n/format';
import { uiText } from '../../i18n/ui';
import { REQUIRED_EXCEL_API, REQUIRED_EXCEL_PRODUCT } from '../../workbook/office/requirements';
import { PaneNotice } from './PaneNotice';

/**
 * What the pane says inside an Excel without the APIs it needs (the manifest keeps such Excels out, but a
 * centrally deployed or cached add-in can still open there): which Excel it needs, and that nothing was written.
 */
export function UnsupportedExcel({ lang }: { lang: Lang }) {
  const t = uiText(lang).unsupportedExcel;
  return <PaneNotice lang={lang} title={t.title} body={t.body(REQUIRED_EXCEL_PRODUCT[lang], REQUIRED_EXCEL_API)} testId="unsupported-excel" />;
}
