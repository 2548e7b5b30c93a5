/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// Node export conditions: ExcelJS's uuid has only an ES module build under jsdom's default "browser" condition.
/**
 * The preview paints its pane from a start read made at build time, before ExcelJS and the workbook have loaded
 * (src/preview/start-reads.ts, session.ts). A planner must see exactly what the loaded workbook shows, and nothing
 * they do before it has loaded may be lost or run against the start read.
 */
import { deserialize, serialize } from 'node:v8';
import type { ReactElement } from 'react';
import { render as rtlRender, screen, waitFor } from '@testing-library/react';
import { RendererProvider, createDOMRenderer } from '@fluentui/react-components';
import type { Lang } from '../../src/i18n/format';
import { SHEET_NAMES } from '../../src/i18n/workbook';
import { App } from '../../src/taskpane/App';
import type { PaneActions } from '../../src/taskpane/actions';
import { computeStartReads } from '../../src/preview/compute-start-reads';
import type { StartReads } from '../../src/preview/start-reads';
import { blankSession, sampleSession } from '../../src/preview/workbooks';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
// Browsers and Node have structuredClone; jest's jsdom environment does not pass it through.
globalThis.structuredClone ??= <T,>(value: T): T => deserialize(serialize(value)) as T;
jest.setTimeout(60_000);

const styleSink = createDOMRenderer(document.implementation.createHTMLDocument('styles'));
function render(ui: ReactElement) {
  return rtlRender(<RendererProvider renderer={styleSink} targetDocument={document}>{ui}</RendererProvider>);
}

const LANGS: Lang[] = ['ja', 'en'];
const global = globalThis as { __PREVIEW_START_READS__?: StartReads };
let reads: StartReads;

beforeAll(async () => {
  // What webpack.config.js defines into the page (scripts/preview-start-reads.js runs the same function).
  reads = await computeStartReads();
  global.__PREVIEW_START_READS__ = reads;
});
afterAll(() => {
  delete global.__PREVIEW_START_READS__;
});

describe.each(LANGS)('start reads (%s)', (lang) => {
  test('the sample: the pane reads it before the workbook loads, exactly as the loaded workbook reads', async () => {
    const session = sampleSession(() => lang, lang);
    const first = await session.actions.detect();
    expect(session.loaded()).toBeUndefined();
    expect(first.hasPlan).toBe(true);
    expect(first.plan.lines.length).toBeGreaterThan(0);
    await session.load();
    expect(await session.stale).toBe(false);
    expect(await session.actions.detect()).toEqual(first);
  });

  test('a blank workbook: no plan, as the loaded one', async () => {
    const session = blankSession(() => lang);
    const first = await session.actions.detect();
    expect(session.loaded()).toBeUndefined();
    expect(first.hasPlan).toBe(false);
    await session.load();
    expect(await session.stale).toBe(false);
    expect(await session.actions.detect()).toEqual(first);
  });
});

/** The pane as drawn, with the ids and provider classes generated per mount made comparable. */
async function paneAsShown(actions: PaneActions, lang: Lang): Promise<string> {
  const { container, unmount } = render(<App actions={actions} lang={lang} />);
  const t = lang === 'ja' ? /計画を入力/ : /Enter the plan/;
  await screen.findAllByRole('button', { name: t });
  // Idle: no command running (the first read done and drawn).
  await waitFor(() => expect(container.querySelector('[aria-busy="true"]')).toBeNull());
  const html = container.innerHTML.replace(/:r[0-9a-z]+:/g, ':id:').replace(/fui-FluentProviderr[0-9a-z]+/g, 'fui-FluentProvider-id');
  unmount();
  return html;
}

test.each(LANGS)('the pane drawn from the start read is the pane drawn from the loaded sample (%s)', async (lang) => {
  const early = sampleSession(() => lang, lang);
  const fromStartRead = await paneAsShown(early.actions, lang);
  expect(early.loaded()).toBeUndefined();

  const loaded = sampleSession(() => lang, lang);
  await loaded.load();
  const fromWorkbook = await paneAsShown(loaded.actions, lang);
  expect(fromStartRead).toBe(fromWorkbook);
});

test.each(LANGS)('the pane given the start read as it mounts draws it in its first render, without reading, as the loaded sample draws (%s)', async (lang) => {
  const early = sampleSession(() => lang, lang);
  const detect = jest.spyOn(early.actions, 'detect');
  const initialRead = early.startRead();
  expect(initialRead).toBeDefined();
  let firstReadDone = false;
  void early.firstRead.then(() => (firstReadDone = true));
  const { container, unmount } = render(<App actions={early.actions} lang={lang} initialRead={initialRead} />);
  // Drawn by the first render: no wait, no read, nothing busy.
  const drawn = container.innerHTML;
  expect(container.querySelector('[aria-busy="true"]')).toBeNull();
  expect(detect).not.toHaveBeenCalled();
  await Promise.resolve();
  expect(firstReadDone).toBe(true);
  unmount();
  expect(early.loaded()).toBeUndefined();

  const loaded = sampleSession(() => lang, lang);
  await loaded.load();
  expect(loaded.startRead()).toBeUndefined();
  const fromWorkbook = await paneAsShown(loaded.actions, lang);
  // Tabster adds its focus-trap helpers after mounting (not part of what a render draws).
  const comparable = (html: string) =>
    html
      .replace(/:r[0-9a-z]+:/g, ':id:')
      .replace(/fui-FluentProviderr[0-9a-z]+/g, 'fui-FluentProvider-id')
      .replace(/<i [^>]*data-tabster-dummy[^>]*><\/i>/g, '');
  expect(comparable(drawn)).toBe(comparable(fromWorkbook));
});

test('a command given before the workbook has loaded waits for it, runs on it, and later reads see its writes', async () => {
  const session = sampleSession(() => 'ja', 'ja');
  const evaluation = session.actions.evaluate();
  // Queued behind the evaluation: read from the workbook, not from the start read.
  const after = session.actions.detect();
  const result = await evaluation;
  expect(result.findings.length).toBeGreaterThan(0);
  expect(session.loaded()).toBeDefined();
  const read = await after;
  expect(read.hasPlan).toBe(true);
  // The results sheet the evaluation wrote is in the workbook.
  expect(session.loaded()!.visibleSheets()).toContain(SHEET_NAMES.ja.results);
});

test('a start read that is not what the workbook reads is reported, and the session says the pane must read again', async () => {
  const wrong = structuredClone(reads);
  wrong['sample:en']!.plan.applicant.name = 'Not the sample';
  global.__PREVIEW_START_READS__ = wrong;
  const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    const session = sampleSession(() => 'en', 'en');
    expect((await session.actions.detect()).plan.applicant.name).toBe('Not the sample');
    await session.load();
    expect(await session.stale).toBe(true);
    expect(error).toHaveBeenCalledWith(expect.stringMatching(/start read .* differs/));
    expect((await session.actions.detect()).plan.applicant.name).not.toBe('Not the sample');
  } finally {
    error.mockRestore();
    global.__PREVIEW_START_READS__ = reads;
  }
});
