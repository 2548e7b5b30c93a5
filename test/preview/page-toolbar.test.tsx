/**
 * @jest-environment jsdom
 */
/**
 * The preview page's toolbar (src/preview/PageToolbar.tsx) is plain HTML now, not Fluent UI's Toolbar: what that
 * gave for free must still be there for a keyboard user — one Tab stop, arrow keys between the controls, Home/End —
 * and each command must run and say what it does.
 */
import { act, fireEvent, render, screen } from '@testing-library/react';
import { computeAccessibleDescription } from 'dom-accessibility-api';
import { PageToolbar, toolbarTarget } from '../../src/preview/PageToolbar';
import { previewText } from '../../src/preview/texts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function setup(lang: 'ja' | 'en' = 'ja') {
  const calls: string[] = [];
  const t = previewText(lang);
  render(
    <PageToolbar
      t={t}
      lang={lang}
      onNew={() => calls.push('new')}
      onSample={() => calls.push('sample')}
      onOpen={() => calls.push('open')}
      onDownload={() => calls.push('download')}
      onLang={(l) => calls.push(`lang:${l}`)}
    />,
  );
  const toolbar = screen.getByRole('toolbar', { name: t.toolbarLabel });
  const controls = [...toolbar.querySelectorAll<HTMLElement>('button, select')];
  return { calls, t, toolbar, controls };
}

describe('toolbarTarget', () => {
  it('wraps around at both ends and goes to the first and last control on Home and End', () => {
    expect(toolbarTarget('ArrowRight', 4, 5)).toBe(0);
    expect(toolbarTarget('ArrowLeft', 0, 5)).toBe(4);
    expect(toolbarTarget('ArrowRight', 1, 5)).toBe(2);
    expect(toolbarTarget('Home', 3, 5)).toBe(0);
    expect(toolbarTarget('End', 0, 5)).toBe(4);
    expect(toolbarTarget('ArrowDown', 0, 5)).toBeNull();
    expect(toolbarTarget('a', 0, 5)).toBeNull();
  });
});

describe('the page toolbar', () => {
  it('has one Tab stop, which follows the control last focused', () => {
    const { controls } = setup();
    expect(controls).toHaveLength(5);
    expect(controls.map((c) => c.tabIndex)).toEqual([0, -1, -1, -1, -1]);
    fireEvent.keyDown(controls[0], { key: 'ArrowRight' });
    expect(document.activeElement).toBe(controls[1]);
    expect(controls.map((c) => c.tabIndex)).toEqual([-1, 0, -1, -1, -1]);
  });

  it('moves with the arrow keys, Home and End, across the language list too', () => {
    const { controls } = setup();
    act(() => controls[0].focus());
    fireEvent.keyDown(controls[0], { key: 'ArrowLeft' });
    expect(document.activeElement).toBe(controls[4]);
    expect(document.activeElement?.tagName).toBe('SELECT');
    fireEvent.keyDown(controls[4], { key: 'ArrowRight' });
    expect(document.activeElement).toBe(controls[0]);
    fireEvent.keyDown(controls[0], { key: 'End' });
    expect(document.activeElement).toBe(controls[4]);
    fireEvent.keyDown(controls[4], { key: 'Home' });
    expect(document.activeElement).toBe(controls[0]);
  });

  it('leaves Up and Down to the language list (they change its value there)', () => {
    const { controls } = setup();
    act(() => controls[4].focus());
    const down = fireEvent.keyDown(controls[4], { key: 'ArrowDown' });
    expect(down).toBe(true); // not prevented
    expect(document.activeElement).toBe(controls[4]);
  });

  it('runs each command and switches the language; each button says what it does', () => {
    const { calls, t } = setup();
    for (const [label, hint] of [
      [t.newWorkbook, t.newWorkbookHint],
      [t.sample, t.sampleHint],
      [t.open, t.openHint],
      [t.download, t.downloadHint],
    ]) {
      const button = screen.getByRole('button', { name: label });
      expect(computeAccessibleDescription(button)).toBe(hint);
      fireEvent.click(button);
    }
    fireEvent.change(screen.getByTestId('language'), { target: { value: 'en' } });
    expect(calls).toEqual(['new', 'sample', 'open', 'download', 'lang:en']);
  });

  it('is in English when the page is', () => {
    setup('en');
    expect(screen.getByTestId('download').textContent).toContain('Download');
    expect((screen.getByTestId('language') as HTMLSelectElement).value).toBe('en');
  });
});
