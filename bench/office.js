/*
 * Benchmark section "office": what the add-in costs in Excel, measured against the strict fake of the Excel API
 * (test/workbook/fake-excel.ts) playing Excel on the web (5 MB request and response limits) and Microsoft 365 on
 * Windows: context.sync() calls, the largest response and the largest request to read and to evaluate plans of
 * 1,000, 5,000 and 20,000 lines; and the task pane's production bundle size (gzipped).
 * Runs in a child process with a large heap: the fake keeps every cell as an object.
 */
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { spawnSync } = require('child_process');

const ROOT = path.join(__dirname, '..');
const SIZES = (process.env.BENCH_OFFICE_LINES || '1000,5000,20000').split(',').map(Number);
const MB = 1024 * 1024;

async function measure() {
  require('../test/e2e/ts-require.js');
  const { FakeExcel, WEB, M365_WINDOWS, supportsOn } = require('../test/workbook/fake-excel.ts');
  const { OfficePort } = require('../src/workbook/office/office-port.ts');
  const layout = require('../src/workbook/layout/index.ts');
  const { evaluate } = require('../src/evaluate/index.ts');
  const { bigPlan } = require('../test/layout/fixtures.ts');

  /** The same workbook, seen by another host (reads and writes go to the same sheets). */
  const sameWorkbook = (excel, profile) => {
    const other = new FakeExcel({ profile });
    other.sheets.push(...excel.sheets);
    for (const [k, v] of excel.names) other.names.set(k, v);
    for (const [k, v] of excel.tables) other.tables.set(k, v);
    return other;
  };
  const cost = async (excel, fn) => {
    const from = excel.requests.length;
    await fn();
    const done = excel.requests.slice(from).filter((r) => !r.refused);
    return {
      syncs: excel.requests.length - from,
      maxResponse: Math.max(0, ...done.map((r) => r.responseBytes)),
      maxRequest: Math.max(0, ...done.map((r) => r.bytes)),
    };
  };
  /**
   * The plan sheet as a planner's workbook holds it (header in row 4, 2022–2035), put straight into the fake (a
   * template written through the fake takes minutes at 20,000 lines), then checked once, so the measured read and
   * write are those of a plan that has been checked before (computed columns, results, summary and log in place).
   */
  const planned = async (lines) => {
    const plan = bigPlan(lines);
    const years = Array.from({ length: 14 }, (_, i) => 2022 + i);
    const rows = [[], [], [], ['シナリオ', '品目', '使途', '基準（2021年）', '単位', '目標時点', ...years]];
    for (const l of plan.lines) rows.push([l.scenario, l.item, l.use, l.baseline2021, l.unit, null, ...years.map((y) => l.capacity[String(y)] ?? null)]);
    const web = new FakeExcel({ profile: WEB });
    web.addSheet('計画', rows);
    web.addSheet('取組・チェックリスト', [['申請者名', 'Bench Ltd.']]);
    const port = new OfficePort(web.run, { supports: supportsOn(WEB) });
    const read = await layout.readPlan(port);
    await layout.writeResults(port, read, evaluate(read.plan, { inputFindings: read.inputFindings }), { lang: 'ja', evaluatedAt: new Date(), version: 'bench' });
    return web;
  };
  const out = [];
  for (const lines of SIZES) {
    const web = await planned(lines);
    for (const excel of [web, sameWorkbook(web, M365_WINDOWS)]) {
      const port = new OfficePort(excel.run, { supports: supportsOn(excel.profile) });
      let read;
      const readCost = await cost(excel, async () => {
        read = await layout.readPlan(port);
      });
      const evaluation = evaluate(read.plan, { inputFindings: read.inputFindings });
      const writeCost = await cost(excel, () => layout.writeResults(port, read, evaluation, { lang: 'ja', evaluatedAt: new Date(), version: 'bench' }));
      out.push({ lines: read.plan.lines.length, host: excel.profile.name, read: readCost, write: writeCost });
    }
  }
  return out;
}

function bundleSize() {
  // `npm run bench` builds dist/web first; BENCH_WEB_DIR measures another production build (dist/e2e-web).
  const web = process.env.BENCH_WEB_DIR || path.join(ROOT, 'dist', 'web');
  const html = fs.readFileSync(path.join(web, 'taskpane.html'), 'utf8');
  const scripts = [...html.matchAll(/<script[^>]+src="?([^" >]+)/g)].map((m) => m[1]).filter((s) => !/^https?:/.test(s));
  const gz = scripts.reduce((n, s) => n + zlib.gzipSync(fs.readFileSync(path.join(web, s.replace(/^\.?\//, '')))).length, 0);
  return { files: scripts.length, gzipKB: gz / 1024 };
}

async function run() {
  const r = spawnSync(process.execPath, ['--max-old-space-size=8192', __filename, '--child'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 16 * MB });
  if (r.status !== 0) throw new Error(`office bench failed: ${(r.stderr || '').trim().split('\n').slice(-3).join(' ')}`);
  return rowsFrom(JSON.parse(r.stdout.trim().split('\n').pop()));
}

/** The table rows for the child's measurements (and the bundle). */
function rowsFrom(results) {
  const rows = [];
  for (const m of results) {
    const label = `${m.lines.toLocaleString('en-US')} lines, ${m.host}`;
    rows.push(
      { name: `office: syncs to read (${label})`, value: m.read.syncs, unit: 'syncs' },
      { name: `office: largest response, read (${label})`, value: m.read.maxResponse / 1024, unit: 'KB', target: '< 5,120 KB', ok: m.read.maxResponse < 5 * MB },
      { name: `office: syncs to evaluate, write (${label})`, value: m.write.syncs, unit: 'syncs', target: '≤ 2', ok: m.write.syncs <= 2 },
      { name: `office: largest request, evaluate write (${label})`, value: m.write.maxRequest / 1024, unit: 'KB', target: '< 5,120 KB', ok: m.write.maxRequest < 5 * MB },
    );
  }
  const b = bundleSize();
  rows.push({ name: `task pane bundle (${b.files} scripts, ES2017, gzipped)`, value: b.gzipKB, unit: 'KB', target: '≤ 300 KB', ok: b.gzipKB <= 300 });
  return rows;
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
  module.exports.rowsFrom = rowsFrom;
}
