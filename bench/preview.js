/*
 * Benchmark section "preview" (collected by bench/run.js; also runs alone: node bench/preview.js).
 *
 * In Debian's headless Chromium, against the production build served from localhost:
 *   - navigation → interactive task pane: from the start of navigation to the pane having read the workbook and
 *     painted it (the page sets a `pane-interactive` performance mark then). Cold = a fresh browser profile; warm =
 *     the median of further loads with the HTTP cache filled. Target 500 ms: Microsoft's add-in load guidance.
 *   - evaluation of the sample: from the click on Evaluate to the result shown in the pane with the results
 *     written to the workbook and the sheet view redrawn, median of 5.
 */
'use strict';
const path = require('path');
const fs = require('fs');
const { ensureBuilt, startPreviewServer, DIST } = require('../scripts/preview-server');
const { launchBrowser } = require('../test/e2e/harness');

const LOAD_TARGET_MS = 500;
const WARM_RUNS = 5;
const EVAL_RUNS = 5;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function loadTime(context, url) {
  const page = await context.newPage();
  try {
    await page.goto(url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
    const ms = await page.evaluate(() => performance.getEntriesByName('pane-interactive')[0].startTime);
    return { page, ms };
  } catch (e) {
    await page.close();
    throw e;
  }
}

/**
 * Click Evaluate in the pane and time it until the pane shows the result (it moves focus to the result heading
 * then) and the sheet view has redrawn with the written results, measured in the page.
 */
async function evaluationTime(page) {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const pane = document.getElementById('pane-root');
        const button = pane.querySelector('#panel-evaluate button');
        if (!button) return reject(new Error('no Evaluate button'));
        const grid = document.querySelector('table[role="grid"]');
        let gridChanged = !grid;
        const observer = new MutationObserver(() => (gridChanged = true));
        if (grid) observer.observe(grid, { subtree: true, childList: true, characterData: true, attributes: true });
        // Focus elsewhere first, so the focus move to the result heading marks this evaluation's end.
        button.focus();
        const started = performance.now();
        button.click();
        const check = () => {
          const done = document.activeElement && document.activeElement.id === 'result-heading' && gridChanged;
          if (done) {
            observer.disconnect();
            requestAnimationFrame(() => resolve(performance.now() - started));
          } else if (performance.now() - started > 60_000) {
            observer.disconnect();
            reject(new Error('the evaluation did not finish'));
          } else setTimeout(check, 0);
        };
        check();
      }),
  );
}

async function run() {
  ensureBuilt({ quiet: true });
  const server = await startPreviewServer({ port: 0 });
  const rows = [];
  try {
    const url = `${server.url}?lang=ja`;
    // Cold: a fresh profile, nothing cached.
    const cold = await launchBrowser();
    let coldMs;
    try {
      const { page, ms } = await loadTime(cold.context, url);
      coldMs = ms;
      await page.close();
    } finally {
      await cold.close();
    }

    const warm = await launchBrowser();
    const warmTimes = [];
    const evalTimes = [];
    try {
      (await loadTime(warm.context, url)).page.close();
      for (let i = 0; i < WARM_RUNS; i++) {
        const { page, ms } = await loadTime(warm.context, url);
        warmTimes.push(ms);
        await page.close();
      }
      const { page } = await loadTime(warm.context, url);
      await page.locator('#tab-evaluate').click();
      await page.locator('#panel-evaluate button').first().waitFor();
      for (let i = 0; i < EVAL_RUNS; i++) evalTimes.push(await evaluationTime(page));
      await page.close();
    } finally {
      await warm.close();
    }

    const jsBytes = fs
      .readdirSync(DIST)
      .filter((f) => f.endsWith('.js') && /^(runtime|preview|vendor-[^.]*preview)/.test(f))
      .reduce((sum, f) => sum + fs.statSync(path.join(DIST, f)).size, 0);

    const target = `< ${LOAD_TARGET_MS} ms`;
    rows.push({ name: 'preview: navigation → interactive task pane (cold)', value: Math.round(coldMs), unit: 'ms', target, ok: coldMs < LOAD_TARGET_MS });
    const warmMedian = median(warmTimes);
    rows.push({
      name: `preview: navigation → interactive task pane (warm, median of ${WARM_RUNS})`,
      value: Math.round(warmMedian),
      unit: 'ms',
      target,
      ok: warmMedian < LOAD_TARGET_MS,
    });
    rows.push({ name: `preview: evaluate the sample, click → result shown (median of ${EVAL_RUNS})`, value: Math.round(median(evalTimes)), unit: 'ms' });
    rows.push({ name: 'preview: JavaScript of the preview page (uncompressed)', value: Math.round(jsBytes / 1024), unit: 'KiB' });
  } finally {
    await server.close();
  }
  return rows;
}

module.exports = { run };

if (require.main === module) {
  run()
    .then((rows) => {
      for (const r of rows) console.log(`${r.name}: ${r.value} ${r.unit}${r.target ? ` (target ${r.target}: ${r.ok ? 'ok' : 'MISSED'})` : ''}`);
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
