/*
 * What every end-to-end scenario needs: the preview served on a free localhost port, Debian's Chromium driven by
 * playwright-core, a page per scenario, a record of every request the pages make, and small helpers for the sheet
 * view (read a cell, edit a cell) that go through the UI exactly as a user does.
 */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');
const { startPreviewServer, ensureBuilt } = require('../../scripts/preview-server');

/** The tests' own build of the web part (production, as shipped), apart from the dist/web people work with. */
const E2E_DIST = path.resolve(__dirname, '..', '..', 'dist', 'e2e-web');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

class AssertionError extends Error {}

function assert(condition, message) {
  if (!condition) throw new AssertionError(message);
}

/** Poll `fn` until it returns a truthy value (returned) or time runs out (the last error or `message` thrown). */
async function eventually(fn, message, timeout = 10_000) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
      last = undefined;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) {
      throw new AssertionError(`${message}${last ? ` (last error: ${last.message})` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A URL that stays on this machine. */
function isLocal(url) {
  if (/^(data|blob|about):/.test(url)) return true;
  try {
    const u = new URL(url);
    return (u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'ws:') && (u.hostname === 'localhost' || u.hostname === '127.0.0.1' || u.hostname === '[::1]');
  } catch {
    return false;
  }
}

async function launchBrowser(options = {}) {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: install Debian's Chromium (apt-get install -y chromium) or set CHROMIUM_PATH`);
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'supply-plan-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    acceptDownloads: true,
    viewport: { width: 1440, height: 900 },
    locale: 'ja-JP',
    ...options,
  });
  const close = async () => {
    await context.close().catch(() => undefined);
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { context, close };
}

/**
 * Start everything: build the preview if its sources changed, serve it on a free port, launch Chromium. Every
 * request any page makes is recorded in `requests`.
 */
async function startHarness({ build = true } = {}) {
  if (build) ensureBuilt({ dir: E2E_DIST, mode: process.env.E2E_MODE || 'production' });
  const server = await startPreviewServer({ port: 0, dir: E2E_DIST });
  const { context, close } = await launchBrowser();
  const requests = [];
  context.on('request', (req) => requests.push(req.url()));
  const consoleErrors = [];
  const pages = [];

  async function openPreview(query = {}) {
    const page = await context.newPage();
    pages.push(page);
    page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(`console: ${msg.text()}`);
    });
    const qs = new URLSearchParams(query).toString();
    await page.goto(`${server.url}${qs ? `?${qs}` : ''}`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    return page;
  }

  async function stop() {
    for (const p of pages) await p.close().catch(() => undefined);
    await close();
    await server.close();
  }

  // Close pages a scenario left open, so each one starts from a quiet browser.
  async function closePages() {
    while (pages.length) await pages.pop().close().catch(() => undefined);
  }

  return { server, context, requests, consoleErrors, openPreview, closePages, stop };
}

// -------------------------------------------------------------------------------------------------------------
// Sheet-view helpers: the grid as a user sees it.

const sheetGrid = (page) => page.locator('table[role="grid"]');

/** The gridcell of `address` on the sheet shown now. */
function cell(page, address) {
  return sheetGrid(page).locator(`td[role="gridcell"][data-address="${address}"]`);
}

async function cellText(page, address) {
  return ((await cell(page, address).textContent()) ?? '').trim();
}

async function isHighlighted(page, address) {
  return (await cell(page, address).getAttribute('data-highlight')) !== null;
}

/** The tab of a sheet in the sheet view (the pane has tabs of its own). */
function sheetTab(page, name) {
  return page.locator('.sv-tabs').getByRole('tab', { name, exact: true });
}

async function showSheet(page, name) {
  const tab = sheetTab(page, name);
  await tab.click();
  await eventually(async () => (await sheetGrid(page).getAttribute('data-sheet')) === name, `sheet "${name}" is not shown`);
}

async function currentSheet(page) {
  return sheetGrid(page).getAttribute('data-sheet');
}

async function nameBox(page) {
  return ((await page.getByTestId('name-box').textContent()) ?? '').trim();
}

/** Type into a cell as a user does: select it, start editing (double-click), replace the text, Enter. */
async function editCell(page, address, text) {
  const c = cell(page, address);
  await c.scrollIntoViewIfNeeded();
  await c.dblclick();
  const editor = c.locator('input');
  await editor.waitFor({ state: 'visible' });
  await editor.fill(text);
  await editor.press('Enter');
  await eventually(async () => (await c.locator('input').count()) === 0, `the editor of ${address} did not close`);
}

/** Wait for the sheet view's re-evaluation after an edit (the status bar counts them). */
async function waitForReevaluation(page, before, timeout = 15_000) {
  const status = page.getByTestId('status');
  await eventually(
    async () => Number(await status.getAttribute('data-evaluations')) > before && (await status.getAttribute('data-pending')) === 'false',
    'the sheet edit was not re-evaluated',
    timeout,
  );
}

async function evaluationCount(page) {
  return Number(await page.getByTestId('status').getAttribute('data-evaluations'));
}

module.exports = {
  AssertionError,
  assert,
  eventually,
  isLocal,
  launchBrowser,
  startHarness,
  sheetGrid,
  cell,
  cellText,
  isHighlighted,
  showSheet,
  sheetTab,
  currentSheet,
  nameBox,
  editCell,
  waitForReevaluation,
  evaluationCount,
  CHROMIUM,
  CHROMIUM_ARGS,
  E2E_DIST,
};
