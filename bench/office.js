/*
 * Benchmark section "office": what the add-in costs in Excel, measured against the strict fake of the Excel API
 * (test/workbook/fake-excel.ts): context.sync() calls per command and the largest request for a 20,000-line plan
 * (Excel on the web refuses requests over 5 MB), and the task pane's production bundle size (gzipped).
 * Runs in a child process with a large heap: the fake keeps every cell as an object.
 */
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { spawnSync } = require('child_process');

const ROOT = path.join(__dirname, '..');
const LINES = 20000;
const MB = 1024 * 1024;

async function measure() {
  require('../test/e2e/ts-require.js');
  const { FakeExcel } = require('../test/workbook/fake-excel.ts');
  const { OfficePort } = require('../src/workbook/office/office-port.ts');
  const layout = require('../src/workbook/layout/index.ts');
  const { evaluate } = require('../src/evaluate/index.ts');
  const { bigPlan } = require('../test/layout/fixtures.ts');

  const excel = new FakeExcel();
  const port = new OfficePort(excel.run, { supports: () => true });
  const syncs = async (fn) => {
    const before = excel.syncCount;
    const requests = excel.requests.length;
    await fn();
    return { syncs: excel.syncCount - before, maxBytes: Math.max(0, ...excel.requests.slice(requests).map((r) => r.bytes)) };
  };
  const plan = bigPlan(LINES);
  const create = await syncs(() => layout.createPlanWorkbook(port, { lang: 'ja', plan }));
  let read;
  const readCost = await syncs(async () => {
    read = await layout.readPlan(port);
  });
  const evaluation = evaluate(read.plan, { inputFindings: read.inputFindings });
  const opts = { lang: 'ja', evaluatedAt: new Date(), version: 'bench' };
  const writeCost = await syncs(() => layout.writeResults(port, read, evaluation, opts));
  const summaryCost = await syncs(async () => {
    const again = await layout.readPlan(port);
    await layout.writeSummary(port, again, evaluation, opts);
  });
  return { lines: read.plan.lines.length, create, read: readCost, write: writeCost, summary: summaryCost, maxBytes: excel.maxRequestBytes };
}

function bundleSize() {
  const web = path.join(ROOT, 'dist', 'web');
  const html = fs.readFileSync(path.join(web, 'taskpane.html'), 'utf8');
  const scripts = [...html.matchAll(/<script[^>]+src="?([^" >]+)/g)].map((m) => m[1]).filter((s) => !/^https?:/.test(s));
  const gz = scripts.reduce((n, s) => n + zlib.gzipSync(fs.readFileSync(path.join(web, s.replace(/^\.?\//, '')))).length, 0);
  return { files: scripts.length, gzipKB: gz / 1024 };
}

async function run() {
  const r = spawnSync(process.execPath, ['--max-old-space-size=8192', __filename, '--child'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 16 * MB });
  if (r.status !== 0) throw new Error(`office bench failed: ${(r.stderr || '').trim().split('\n').slice(-3).join(' ')}`);
  const m = JSON.parse(r.stdout.trim().split('\n').pop());
  const b = bundleSize();
  const label = `${m.lines.toLocaleString('en-US')}-line plan`;
  return [
    { name: `office: syncs to evaluate, read (${label})`, value: m.read.syncs, unit: 'syncs', target: '≤ 2', ok: m.read.syncs <= 2 },
    { name: `office: syncs to evaluate, write (${label})`, value: m.write.syncs, unit: 'syncs', target: '≤ 2', ok: m.write.syncs <= 2 },
    { name: `office: syncs to export the summary (${label})`, value: m.summary.syncs, unit: 'syncs', target: '≤ 4', ok: m.summary.syncs <= 4 },
    { name: `office: syncs to create the plan from a file (${label})`, value: m.create.syncs, unit: 'syncs' },
    { name: `office: largest request, evaluate write (${label})`, value: m.write.maxBytes / 1024, unit: 'KB', target: '< 5,120 KB', ok: m.write.maxBytes < 5 * MB },
    { name: `office: largest request, any command (${label})`, value: m.maxBytes / 1024, unit: 'KB', target: '< 5,120 KB', ok: m.maxBytes < 5 * MB },
    { name: `task pane bundle (${b.files} scripts, gzipped)`, value: b.gzipKB, unit: 'KB', target: '≤ 300 KB', ok: b.gzipKB <= 300 },
  ];
}

if (process.argv.includes('--child')) {
  measure().then(
    (m) => console.log(JSON.stringify(m)),
    (e) => {
      console.error(e && e.stack ? e.stack : e);
      process.exit(1);
    },
  );
} else {
  module.exports = run;
}
