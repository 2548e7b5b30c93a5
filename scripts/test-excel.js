#!/usr/bin/env node
/*
 * `npm run test:excel`: the adapter checks of test/excel/adapter-suite.ts inside real Excel. Needs Excel (Windows
 * or Mac) on this machine; anywhere else it says so and skips (exit 0), as it does when the test packages are
 * missing. With Excel it:
 *   1. starts office-addin-test-server on https://localhost:4201, which the page reports to;
 *   2. serves the web part with the checks page (webpack serve --env EXCEL_TESTS, https://localhost:3000);
 *   3. sideloads a copy of manifest.xml whose pane is excel-tests.html (office-addin-debugging, as `npm start`);
 *   4. waits for the results (5 minutes at most), prints them, unloads the add-in; exit 1 on any failure.
 * The same checks run over the strict fake in `npx jest test/workbook/excel-suite.test.ts`. See docs/sideload.md.
 */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn, spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..');
const PORT = 4201;
const TIMEOUT_MS = 5 * 60 * 1000;

function skip(reason) {
  console.log(`test:excel: skipped — ${reason}`);
  process.exit(0);
}

function resolvable(name) {
  try {
    require.resolve(name, { paths: [ROOT] });
    return true;
  } catch {
    return false;
  }
}

async function main() {
  if (process.platform !== 'win32' && process.platform !== 'darwin') {
    skip(`it needs desktop Excel (Windows or Mac) on this machine; this is ${process.platform}. The same checks ran over the fake: npx jest test/workbook/excel-suite.test.ts`);
  }
  const missing = ['office-addin-test-server', 'office-addin-test-helpers'].filter((p) => !resolvable(p));
  if (missing.length > 0) skip(`install the test packages first: npm install --save-dev ${missing.join(' ')}`);
  const certs = path.join(os.homedir(), '.office-addin-dev-certs', 'localhost.crt');
  if (!fs.existsSync(certs)) skip('no development certificate: run "npx office-addin-dev-certs install" once (docs/sideload.md)');

  const { TestServer } = require('office-addin-test-server');
  const server = new TestServer(PORT);
  await server.startTestServer(true);

  const webpack = path.join(ROOT, 'node_modules', 'webpack-cli', 'bin', 'cli.js');
  const dev = spawn(process.execPath, [webpack, 'serve', '--mode', 'development', '--env', 'EXCEL_TESTS'], { cwd: ROOT, stdio: 'inherit' });
  const manifest = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'supply-plan-excel-')), 'manifest.xml');
  fs.writeFileSync(manifest, fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8').split('/taskpane.html').join('/excel-tests.html'));
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  const debugging = (verb, ...args) => spawnSync(npx, ['--yes', 'office-addin-debugging', verb, manifest, ...args], { cwd: ROOT, stdio: 'inherit' });

  let failed = true;
  try {
    const started = debugging('start', 'desktop', '--app', 'excel', '--no-debug');
    if (started.status !== 0) throw new Error('office-addin-debugging could not sideload the add-in');
    const results = await Promise.race([
      server.getTestResults(),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no results from Excel within ${TIMEOUT_MS / 60000} minutes`)), TIMEOUT_MS)),
    ]);
    const { host, results: checks } = typeof results === 'string' ? JSON.parse(results) : results;
    console.log(`Excel: ${host.platform}, ${host.language}, ExcelApi 1.20: ${host.excelApi120}`);
    for (const c of checks) console.log(`${c.passed ? 'ok' : 'not ok'} - ${c.name}${c.message ? ` (${c.message})` : ''}`);
    failed = checks.some((c) => !c.passed);
    console.log(`Excel: ${checks.filter((c) => c.passed).length} passed, ${checks.filter((c) => !c.passed).length} failed`);
  } finally {
    debugging('stop');
    dev.kill();
    await server.stopTestServer().catch(() => undefined);
  }
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(`test:excel: ${e && e.stack ? e.stack : e}`);
  process.exit(1);
});
