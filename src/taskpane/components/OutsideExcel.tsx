import type { Lang } from '../../i18n/format';
import { uiText } from '../../i18n/ui';
import { PaneNotice } from './PaneNotice';

/** What the page says when it is opened outside Excel (a plain browser, or Office.js blocked). */
export function OutsideExcel({ lang }: { lang: Lang }) {
  const t = uiText(lang).outsideExcel;
  return <PaneNotice lang={lang} title={t.title} body={t.body} />;
}
