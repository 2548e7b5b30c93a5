/** @jest-environment jsdom */
/**
 * The panels' chunk (src/taskpane/lazy-panels.ts) cannot be loaded — the add-in's server is out of reach: the tab
 * says so and offers Try again, which loads it once the connection is back.
 */
import type { ReactNode } from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { RendererProvider, createDOMRenderer } from '@fluentui/react-components';
import { App } from '../../src/taskpane/App';
import { FakeActions } from './fake-actions';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
jest.setTimeout(30_000);

let mockOffline = true;
jest.mock('../../src/taskpane/components/panels', () => {
  if (mockOffline) throw new Error('ChunkLoadError: Loading chunk failed.');
  return jest.requireActual('../../src/taskpane/components/panels');
});

const styleSink = createDOMRenderer(document.implementation.createHTMLDocument('styles'));
document.head.insertAdjacentHTML('beforeend', '<style>.fui-Tab__content--reserved-space { display: none; }</style>');
function Styles({ children }: { children: ReactNode }) {
  return (
    <RendererProvider renderer={styleSink} targetDocument={document}>
      {children}
    </RendererProvider>
  );
}

const FAILED = 'This panel could not be loaded. Check the connection and try again.';

test('a chunk that cannot be loaded shows a message and Try again, which loads it once it can be', async () => {
  render(<App actions={new FakeActions()} initialLang="en" />, { wrapper: Styles });
  fireEvent.click(screen.getByRole('tab', { name: 'Plan' }));
  expect(await screen.findByText(FAILED)).toBeTruthy();
  // Still offline: asked again, it fails again and says so again.
  fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
  expect(screen.queryByText(FAILED)).toBeNull();
  expect(await screen.findByText(FAILED)).toBeTruthy();
  // The connection is back.
  mockOffline = false;
  fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
  expect(await screen.findByRole('button', { name: 'Save plan' }, { timeout: 10_000 })).toBeTruthy();
  expect(screen.queryByText(FAILED)).toBeNull();
});
