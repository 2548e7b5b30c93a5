import type { ReactNode } from 'react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { Lang } from '../../i18n/format';
import { uiText } from '../../i18n/ui';
import { usePaneStyles } from './styles';

/**
 * A page-sized notice in place of the pane, with its own theme provider (it shows where the pane itself cannot run:
 * outside Excel, or in an Excel without the APIs the pane needs): the product name, a title and what to do.
 */
export function PaneNotice({ lang, title, body, testId }: { lang: Lang; title: string; body: ReactNode; testId?: string }) {
  return (
    <FluentProvider theme={webLightTheme} lang={lang}>
      <NoticeBody lang={lang} title={title} body={body} testId={testId} />
    </FluentProvider>
  );
}

function NoticeBody({ lang, title, body, testId }: { lang: Lang; title: string; body: ReactNode; testId?: string }) {
  const s = usePaneStyles();
  return (
    <main className={s.panel} style={{ padding: '16px' }} data-testid={testId}>
      <h1 className={s.heading}>{uiText(lang).productName}</h1>
      <h2 className={s.subheading}>{title}</h2>
      <p className={s.text}>{body}</p>
    </main>
  );
}
