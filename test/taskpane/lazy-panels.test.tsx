/** @jest-environment jsdom */
/**
 * The pane's panels other than Start come in a chunk of their own after the first paint (src/taskpane/lazy-panels.ts).
 * A planner who opens another tab before it has arrived must see that it is coming, then the panel itself. Nothing
 * here loads the chunk beforehand (the other pane tests do, in a beforeAll); lazy-panels-offline.test.tsx has the
 * chunk that cannot be loaded.
 */
import type { ReactNode } from 'react';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { RendererProvider, createDOMRenderer } from '@fluentui/react-components';
import { App } from '../../src/taskpane/App';
import { FakeActions } from './fake-actions';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
jest.setTimeout(30_000);

const styleSink = createDOMRenderer(document.implementation.createHTMLDocument('styles'));
document.head.insertAdjacentHTML('beforeend', '<style>.fui-Tab__content--reserved-space { display: none; }</style>');
function Styles({ children }: { children: ReactNode }) {
  return (
    <RendererProvider renderer={styleSink} targetDocument={document}>
      {children}
    </RendererProvider>
  );
}

test('a tab opened before the panels have arrived says it is loading, then shows the panel', async () => {
  render(<App actions={new FakeActions()} initialLang="ja" />, { wrapper: Styles });
  // The Start panel is in the first render, with no wait.
  expect(screen.getByRole('tabpanel').id).toBe('panel-start');
  // Opened at once (nothing has run since the pane mounted, so the chunk cannot be there yet): the panel says it is
  // coming, as a status a screen reader announces.
  fireEvent.click(screen.getByRole('tab', { name: '計画' }));
  const panel = screen.getByRole('tabpanel');
  expect(panel.id).toBe('panel-plan');
  expect(within(panel).getByRole('status').textContent).toBe('この画面を読み込んでいます…');
  // Then the panel itself, in the same place.
  expect(await within(panel).findByRole('button', { name: '計画を保存' }, { timeout: 10_000 })).toBeTruthy();
  expect(screen.queryByText('この画面を読み込んでいます…')).toBeNull();
});
