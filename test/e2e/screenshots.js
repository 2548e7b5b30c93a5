/*
 * The screenshots in docs/screenshots/: the preview with the sample plan evaluated, the plan sheet's highlights in
 * view and the pane's findings beside them, once in Japanese and once in English.
 */
'use strict';
require('./ts-require');
const fs = require('fs');
const path = require('path');
const { SHEET_NAMES } = require('../../src/i18n/workbook.ts');
const h = require('./harness');
const P = require('./pane');

const OUT = path.resolve(__dirname, '..', '..', 'docs', 'screenshots');

async function takeScreenshots(harness) {
  fs.mkdirSync(OUT, { recursive: true });
  const files = [];
  for (const lang of ['ja', 'en']) {
    const page = await harness.openPreview({ lang });
    await page.setViewportSize({ width: 1440, height: 900 });
    await P.evaluateInPane(page, lang);
    const plan = SHEET_NAMES[lang].plan;
    if ((await h.currentSheet(page)) !== plan) await h.showSheet(page, plan);
    // Select the first short forecast from the review list, as a user would, so its cell is in view and selected.
    const shorts = (await P.findings(page, lang)).filter((f) => f.cell && f.cell.sheet === plan);
    if (shorts.length) await P.clickFinding(page, shorts[0]);
    await page.waitForTimeout(1800); // let the "located" flash fade
    // Scroll the year columns up against the frozen panes, so the highlighted years are in view.
    await page.evaluate(() => {
      const scroller = document.querySelector('.sv-scroll');
      const frozen = [...document.querySelectorAll('.sv-grid td.is-frozen-edge-col')][0];
      const first = document.querySelector('.sv-grid td[data-highlight]');
      if (scroller && frozen && first) {
        const edge = frozen.getBoundingClientRect().right;
        const target = first.getBoundingClientRect().left;
        scroller.scrollLeft += Math.max(0, target - edge - first.getBoundingClientRect().width);
      }
    });
    await page.evaluate(() => document.activeElement && document.activeElement.blur());
    const file = path.join(OUT, `preview-${lang}.png`);
    await page.screenshot({ path: file });
    files.push(file);
    await page.close();
  }
  return files;
}

module.exports = { takeScreenshots };
