#!/usr/bin/env node
/*
 * `npm run test:e2e`: the browser preview, end to end, in Debian's Chromium (playwright-core; no browser download).
 * Builds the preview if its sources changed, serves it on a free localhost port, runs every scenario in
 * scenarios.js in its own page, and ends with one line: `E2E: <passed> passed, <failed> failed` (exit 1 on any
 * failure). A failing scenario leaves a screenshot in test-results/e2e/.
 *
 *   node test/e2e/run.js                  all scenarios
 *   node test/e2e/run.js 2 5              only scenarios 2 and 5
 *   node test/e2e/run.js --screenshots    also write docs/screenshots/preview-ja.png and preview-en.png
 *   node test/e2e/run.js --no-build       use dist/web as it is
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { startHarness } = require('./harness');
// The preview's scenarios, then the task pane page's own under the real Office.js.
const scenarios = [...require('./scenarios'), ...require('./office-scenarios')];

const ROOT = path.resolve(__dirname, '..', '..');
const RESULTS = path.join(ROOT, 'test-results', 'e2e');
const SCENARIO_TIMEOUT_MS = 180_000;

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms);
    }),
  ]);
}

async function main(argv) {
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  const only = argv.filter((a) => /^\d+$/.test(a)).map(Number);
  const selected = scenarios.map((s, i) => ({ ...s, n: i + 1 })).filter((s) => only.length === 0 || only.includes(s.n));

  const harness = await startHarness({ build: !flags.has('--no-build') });
  let passed = 0;
  let failed = 0;
  try {
    console.log(`e2e: preview at ${harness.server.url}, ${selected.length} scenario(s)`);
    for (const s of selected) {
      const started = Date.now();
      harness.consoleErrors.length = 0;
      try {
        await withTimeout(s.run({ harness }), SCENARIO_TIMEOUT_MS, `scenario ${s.n}`);
        // An uncaught error in the page is a failure even when what the user sees looked right.
        const errors = harness.consoleErrors.filter((e) => !/favicon/.test(e));
        if (errors.length) throw new Error(`errors in the page: ${errors.slice(0, 3).join(' | ')}`);
        passed++;
        console.log(`ok ${s.n} - ${s.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      } catch (e) {
        failed++;
        console.log(`not ok ${s.n} - ${s.name}`);
        console.log(`  ${String(e && e.stack ? e.stack : e).split('\n').slice(0, 6).join('\n  ')}`);
        try {
          fs.mkdirSync(RESULTS, { recursive: true });
          const pages = harness.context.pages();
          const page = pages[pages.length - 1];
          if (page) {
            const file = path.join(RESULTS, `scenario-${s.n}.png`);
            await page.screenshot({ path: file });
            console.log(`  screenshot: ${path.relative(ROOT, file)}`);
          }
        } catch {
          /* a screenshot is a courtesy */
        }
      } finally {
        await harness.closePages();
      }
    }
    if (flags.has('--screenshots')) {
      const { takeScreenshots } = require('./screenshots');
      const files = await takeScreenshots(harness);
      for (const f of files) console.log(`screenshot: ${path.relative(ROOT, f)}`);
      await harness.closePages();
    }
  } finally {
    await harness.stop();
  }
  console.log(`E2E: ${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(`e2e: ${e && e.stack ? e.stack : e}`);
    console.log('E2E: 0 passed, 1 failed');
    process.exit(1);
  },
);
