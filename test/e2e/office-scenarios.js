/*
 * End-to-end scenarios of the task pane page itself (taskpane.html, production build with its real
 * Content-Security-Policy) under the real Office.js: the @microsoft/office-js package is served where the page
 * asks Microsoft's CDN for it, so no request leaves this machine. Outside Office the pane must start and say
 * where to open it — no CSP violation, no uncaught error, no console error. Run by test/e2e/run.js after the
 * preview's scenarios, in a browser profile of their own.
 */
'use strict';
require('./ts-require');
const fs = require('fs');
const path = require('path');
const { uiText } = require('../../src/i18n/ui.ts');
const h = require('./harness');
const { assert } = h;

const OFFICE_JS_DIST = path.join(path.dirname(require.resolve('@microsoft/office-js/package.json')), 'dist');
/** Where taskpane.html loads Office.js from; every file below it is served from the package's dist/. */
const OFFICE_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/';
/** Office.js frames its telemetry page even outside Office (the CSP's frame-src allows it): answered here, empty. */
const OFFICE_TELEMETRY = 'https://telemetryservice.firstpartyapps.oaspapps.com/';

/**
 * A page of its own browser profile with Office's CDN answered from the package and every other request off this
 * machine refused (and recorded), plus a record of what the user would never see but a broken pane shows first:
 * uncaught errors, console errors, CSP violations.
 */
async function openTaskpane(harness, lang) {
  const { context, close } = await h.launchBrowser({ locale: lang === 'ja' ? 'ja-JP' : 'en-US' });
  const record = { errors: [], officeFiles: [], telemetry: [], offMachine: [] };
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith(OFFICE_CDN)) {
      const file = path.join(OFFICE_JS_DIST, decodeURIComponent(new URL(url).pathname.slice(new URL(OFFICE_CDN).pathname.length)));
      if (!file.startsWith(OFFICE_JS_DIST) || !fs.existsSync(file)) return route.fulfill({ status: 404, body: '' });
      record.officeFiles.push(path.relative(OFFICE_JS_DIST, file));
      return route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body: fs.readFileSync(file) });
    }
    if (url.startsWith(OFFICE_TELEMETRY)) {
      record.telemetry.push(url);
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: '<!doctype html><title>telemetry</title>' });
    }
    if (h.isLocal(url)) return route.continue();
    record.offMachine.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window.__cspViolations = window.__cspViolations || []).push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page.on('pageerror', (e) => record.errors.push(`pageerror: ${e.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') record.errors.push(`console: ${msg.text()}`);
  });
  await page.goto(`${harness.server.origin}/taskpane.html`);
  return { page, record, close };
}

async function scenarioOutsideOffice({ harness }) {
  for (const lang of ['ja', 'en']) {
    const t = uiText(lang);
    const { page, record, close } = await openTaskpane(harness, lang);
    try {
      await page.getByRole('heading', { name: t.outsideExcel.title }).waitFor({ timeout: 30_000 });
      assert((await page.getByText(t.outsideExcel.body).count()) === 1, `${lang}: the pane does not say where to open it`);
      assert(record.officeFiles.includes('office.js'), `${lang}: the real office.js was not loaded (${record.officeFiles.join(', ')})`);
      // The policy is the built page's own, and it is in force.
      const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
      assert(policy && /script-src 'self' https:\/\/appsforoffice\.microsoft\.com/.test(policy), `${lang}: taskpane.html has no Content-Security-Policy`);
      // Let Office.js finish whatever it starts outside Office before judging.
      await page.waitForTimeout(1_500);
      const violations = await page.evaluate(() => window.__cspViolations || []);
      assert(violations.length === 0, `${lang}: CSP violations: ${violations.join(' | ')}`);
      assert(record.errors.length === 0, `${lang}: errors in the page: ${record.errors.slice(0, 3).join(' | ')}`);
      assert(record.offMachine.length === 0, `${lang}: requests off this machine: ${record.offMachine.slice(0, 3).join(' | ')}`);
    } finally {
      await page.close().catch(() => undefined);
      await close();
    }
  }
}

module.exports = [{ name: 'task pane page with the real Office.js and its CSP, outside Office: starts and says where to open it', run: scenarioOutsideOffice }];
