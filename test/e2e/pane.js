/*
 * Task-pane helpers for the end-to-end scenarios: find the pane's controls by the words it shows (taken from the
 * project's own UI texts), and read the findings list back as data.
 */
'use strict';
require('./ts-require');
const { uiText } = require('../../src/i18n/ui.ts');
const { eventually } = require('./harness');

const pane = (page) => page.locator('#pane-root');

/** Select one of the pane's tabs (Start, Plan, Checklist, Evaluate, Summary). */
async function paneTab(page, lang, key) {
  const t = uiText(lang);
  await pane(page).getByRole('tab', { name: t.tabs[key], exact: true }).click();
  await pane(page).locator(`#panel-${key}`).waitFor({ state: 'visible' });
}

function panel(page, key) {
  return pane(page).locator(`#panel-${key}`);
}

/** Wait until no pane command runs (every button usable again). */
async function paneIdle(page, timeout = 20_000) {
  await eventually(
    async () =>
      pane(page).evaluate((root) => !root.querySelector('[role="progressbar"]') && !root.querySelector('.fui-Spinner')),
    'the task pane stayed busy',
    timeout,
  );
}

/** "Go to cell 'Activity & checklist'!B11" → { sheet, address }. */
function parseCellLabel(label) {
  const bang = label.lastIndexOf('!');
  if (bang < 0) return null;
  let sheet = label.slice(0, bang).trim();
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, address: label.slice(bang + 1).trim() };
}

/**
 * The findings the pane lists now, as { severity, text, message, section, cell: {sheet, address} | null, index }.
 * `index` is the position among the list items, for clicking one.
 */
async function findings(page, lang) {
  const t = uiText(lang);
  const prefix = t.evaluate.goToCell('\u0000').split('\u0000');
  const items = await panel(page, 'evaluate')
    .locator('li[data-finding]')
    .evaluateAll((lis) =>
      lis.map((li) => ({
        text: li.textContent || '',
        severity: li.getAttribute('data-finding') || '',
        message: li.querySelector('[data-part="message"]')?.textContent || '',
        meta: li.querySelector('[data-part="section"]')?.textContent || '',
        clickable: !!li.querySelector('button'),
      })),
    );
  const sourceLabel = `${t.evaluate.section}: `;
  return items
    .map((it, index) => ({ ...it, index }))
    .filter((it) => it.meta.startsWith(sourceLabel))
    .map((it) => {
      const [section, where = ''] = it.meta.slice(sourceLabel.length).split(' · ');
      let cell = null;
      if (where.startsWith(prefix[0]) && where.endsWith(prefix[1] ?? '')) {
        cell = parseCellLabel(where.slice(prefix[0].length, where.length - (prefix[1] ?? '').length));
      }
      return { severity: it.severity, text: it.text, message: it.message.trim(), section: section.trim(), cell, index: it.index, clickable: it.clickable };
    });
}

/** Click the n-th list item of the findings (by `index` from `findings`). */
async function clickFinding(page, finding) {
  // The finding itself is the first button of its entry (set-to-required, acknowledge … follow it).
  await panel(page, 'evaluate').locator('li[data-finding]').nth(finding.index).locator('button').first().click();
}

/** Run Evaluate in the pane and wait for its result. */
async function evaluateInPane(page, lang) {
  const t = uiText(lang);
  await paneTab(page, lang, 'evaluate');
  const p = panel(page, 'evaluate');
  await p.getByRole('button', { name: t.evaluate.run, exact: true }).click();
  await waitForResult(page);
}

/** The pane moves focus to the result heading when an evaluation is done: that is the signal to wait for. */
async function waitForResult(page) {
  await eventually(
    async () => page.evaluate(() => document.activeElement && document.activeElement.id === 'result-heading'),
    'no evaluation result appeared',
    30_000,
  );
  await paneIdle(page);
}

module.exports = { pane, panel, paneTab, paneIdle, findings, clickFinding, evaluateInPane, waitForResult, parseCellLabel, uiText };
