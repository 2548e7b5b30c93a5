/*
 * Benchmark section "engine": a synthetic plan of 100,000 lines × 10 years, parsed (lines checked by hand, zod for
 * anything else) and evaluated from the build in dist/. Median of 3 runs for each phase and for both together;
 * target under 1 s.
 */
const { spawnSync } = require('child_process');
const { parsePlan } = require('../dist/plan/parse.js');
const { evaluate } = require('../dist/evaluate/evaluate.js');
const { requiredMultiplier, LAST_TARGET_YEAR } = require('../dist/policy/index.js');

const LINES = 100_000;
const YEARS = Array.from({ length: 10 }, (_, i) => 2024 + i); // 2024–2033: informational, target and after-2030 years
const ITEMS = ['ボールねじ', 'reducer', 'ＣＮＣ', 'servo', 'linear guide', 'PLC'];
const USES = ['machine-tools', 'robots', 'machine-tools-and-robots'];
const TARGET_MS = 1000;
const RUNS = 3;

/**
 * A deterministic plan shaped like real ones: values typed with at most one decimal, most lines meeting every
 * target with some margin; 2% short in one year, 1% an ineligible item (鋳物), 1% declining after 2030, and one
 * line in eleven naming its own target points.
 */
function syntheticPlan() {
  const lines = [];
  for (let i = 0; i < LINES; i++) {
    const use = USES[i % USES.length];
    const baseline = Math.round((1000 + (i % 997) * 3.3) * 10) / 10;
    const margin = 0.01 * (1 + (i % 5));
    const capacity = {};
    for (const y of YEARS) {
      const m = Number(requiredMultiplier(use, Math.min(y, LAST_TARGET_YEAR)));
      let value = Math.round(baseline * (m + margin) * 10) / 10;
      if (i % 50 === 7 && y === 2027) value = Math.round(baseline * 1.2 * 10) / 10; // short
      if (i % 100 === 13 && y > LAST_TARGET_YEAR) value = Math.round(baseline * 1.1 * 10) / 10; // declines
      capacity[String(y)] = value;
    }
    lines.push({
      scenario: i % 2 ? 'base' : 'conservative',
      item: i % 100 === 42 ? '鋳物' : ITEMS[i % ITEMS.length],
      use,
      baseline2021: baseline,
      unit: '台/年',
      capacity,
      ...(i % 11 === 0 ? { targetYears: [2025, 2028, 2030] } : {}),
    });
  }
  return {
    format: 'supply-plan/1',
    applicant: { name: 'bench', joint: false },
    activity: { kind: 'capacity', start: '2024-04-01', end: '2034-03-31' },
    lines,
    checklist: {},
    overseas: [],
  };
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function ms(start) {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** One run, in this process: parse then evaluate, timed apart and together. Printed as JSON by the child. */
function runOnce() {
  const input = syntheticPlan();
  const t0 = process.hrtime.bigint();
  const parsed = parsePlan(input);
  const t1 = process.hrtime.bigint();
  if (!parsed.ok) throw new Error(`synthetic plan rejected: ${JSON.stringify(parsed.errors.slice(0, 3))}`);
  const evaluation = evaluate(parsed.plan);
  const t2 = process.hrtime.bigint();
  if (evaluation.lines.length !== LINES) throw new Error('evaluation lost lines');
  return {
    parse: Number(t1 - t0) / 1e6,
    evaluate: Number(t2 - t1) / 1e6,
    total: Number(t2 - t0) / 1e6,
    findings: evaluation.findings.length,
    // The kernel's high-water mark for this process (bytes); sampled RSS as a floor.
    peakRss: Math.max(process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024),
  };
}

/**
 * Each run is a fresh `node` process, as each `supply-plan evaluate` is: no run pays for the garbage or profits from
 * the warm JIT of another, and the peak RSS is that of one evaluation.
 */
function runInChild() {
  const r = spawnSync(process.execPath, [__filename, '--child'], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`run failed: ${(r.stderr || '').trim().split('\n')[0]}`);
  return JSON.parse(r.stdout);
}

/**
 * The command as a user runs it: `supply-plan evaluate plan.json [--format table]` on the synthetic plan, output to
 * the null device. Timed from spawn to exit (Node's start and module loading included); its peak memory.
 */
function commandRun(file, format) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [__filename, '--cli', file, format], { encoding: 'utf8', maxBuffer: 1 << 20 });
  const wall = ms(start);
  if (r.status !== 0 && r.status !== 1) throw new Error(`supply-plan evaluate failed: ${(r.stderr || '').trim().split('\n')[0]}`);
  return { wall, peakRss: JSON.parse(r.stdout).peakRss };
}

/** Child: main() of the CLI with stdout going to the null device; prints its peak memory. */
async function cliChild(file, format) {
  const fs = require('fs');
  const os = require('os');
  const { main } = require('../dist/cli/main.js');
  const fd = fs.openSync(os.devNull, 'w');
  const io = { stdout: (t) => fs.writeSync(fd, t), stderr: () => {}, readStdin: async () => '', env: process.env, cwd: process.cwd() };
  await main(['evaluate', file, '--format', format], io);
  fs.closeSync(fd);
  process.stdout.write(JSON.stringify({ peakRss: process.resourceUsage().maxRSS * 1024 }));
}

async function engine() {
  const runs = Array.from({ length: RUNS }, runInChild);
  const parse = median(runs.map((r) => r.parse));
  const evaluateMs = median(runs.map((r) => r.evaluate));
  const total = median(runs.map((r) => r.total));
  const label = `${LINES.toLocaleString('en-US')} lines × ${YEARS.length} years`;
  return [
    { name: `engine: parse (checked by hand, zod for what is not plain), ${label}`, value: parse, unit: 'ms' },
    { name: `engine: evaluate, ${label}`, value: evaluateMs, unit: 'ms', target: `< ${TARGET_MS} ms`, ok: evaluateMs < TARGET_MS },
    { name: `engine: parse + evaluate, ${label}`, value: total, unit: 'ms', target: `< ${TARGET_MS} ms`, ok: total < TARGET_MS },
    { name: 'engine: throughput (parse + evaluate)', value: Math.round(LINES / (total / 1000)), unit: 'lines/s' },
    { name: 'engine: findings per run', value: runs[0].findings, unit: '' },
    { name: 'engine: peak RSS (one run)', value: Math.round(Math.max(...runs.map((r) => r.peakRss)) / 1024 / 1024), unit: 'MB' },
    ...commandRows(label),
    ...groupRows(),
  ];
}

/**
 * Issue #11's figure: a plan of 100,000 lines × 10 years with one-decimal forecasts (as 億円 figures are) in 20,000
 * target groups of 5 lines (plants of one item and use), evaluated by the whole command, against a floor measured
 * in the same run: reading the file, parsing it as JSON and writing JSON of the report's size.
 */
const GROUP_LINES = 5;
function groupedPlan() {
  const lines = [];
  for (let i = 0; i < LINES; i++) {
    const g = Math.floor(i / GROUP_LINES);
    const use = USES[Math.floor(g / 6) % USES.length];
    const baseline = Math.round((10 + (i % 997) * 0.7) * 10) / 10;
    const capacity = {};
    for (const y of YEARS) {
      const m = Number(requiredMultiplier(use, Math.min(y, LAST_TARGET_YEAR)));
      let value = Math.round(baseline * (m + 0.02 * (1 + (i % 3))) * 10) / 10;
      if (g % 40 === 3 && y === 2027) value = Math.round(baseline * 1.1 * 10) / 10; // a short group
      capacity[String(y)] = value;
    }
    lines.push({
      scenario: `S${Math.floor(g / 18)}`,
      item: ITEMS[g % ITEMS.length],
      use,
      site: `plant ${i % GROUP_LINES}`,
      baseline2021: baseline,
      unit: '億円/年',
      capacity,
    });
  }
  return {
    format: 'supply-plan/2',
    applicant: { name: 'bench', joint: false },
    activities: [{ id: 'CAP', kind: 'capacity', start: '2024-04-01', end: '2034-03-31', capitalInvestment: true }],
    lines,
    checklist: {},
  };
}

/**
 * Child: the floor — read the file, JSON.parse it, and serialise `bytes` of pretty JSON (the report's size) to the
 * null device, 1,000 lines at a time with JSON.stringify (what writing a report costs at the least).
 */
function floorChild(file, bytes) {
  const fs = require('fs');
  const os = require('os');
  const plan = JSON.parse(fs.readFileSync(file, 'utf8'));
  const fd = fs.openSync(os.devNull, 'w');
  let written = 0;
  for (let i = 0; written < bytes; i = (i + 1000) % plan.lines.length) {
    written += fs.writeSync(fd, JSON.stringify(plan.lines.slice(i, i + 1000), null, 2));
  }
  fs.closeSync(fd);
  process.stdout.write(JSON.stringify({ peakRss: process.resourceUsage().maxRSS * 1024 }));
}

function groupRows() {
  const fs = require('fs');
  const os = require('os');
  const path = require('path');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'supply-plan-bench-'));
  const file = path.join(dir, 'plan.json');
  try {
    fs.writeFileSync(file, JSON.stringify(groupedPlan()));
    // The report's size, measured once.
    const sized = spawnSync(process.execPath, [path.join(__dirname, '..', 'bin', 'supply-plan.js'), 'evaluate', file, '--format', 'json'], { maxBuffer: 4 << 30 });
    const bytes = sized.stdout.length;
    const command = commandRun(file, 'json');
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [__filename, '--floor', file, String(bytes)], { encoding: 'utf8', maxBuffer: 1 << 20 });
    const floorMs = ms(start);
    if (r.status !== 0) throw new Error(`floor failed: ${(r.stderr || '').trim().split('\n')[0]}`);
    const floorRss = JSON.parse(r.stdout).peakRss;
    const label = `${LINES.toLocaleString('en-US')} lines in ${(LINES / GROUP_LINES).toLocaleString('en-US')} groups × ${YEARS.length} years`;
    const timeRatio = command.wall / floorMs;
    const rssRatio = command.peakRss / floorRss;
    return [
      { name: `supply-plan evaluate --format json, ${label}`, value: command.wall, unit: 'ms' },
      { name: `floor: read + JSON.parse + write ${Math.round(bytes / 1e6)} MB of JSON`, value: floorMs, unit: 'ms' },
      { name: 'evaluate ÷ floor, time', value: Math.round(timeRatio * 100) / 100, unit: '×', target: '≤ 2×', ok: timeRatio <= 2 },
      { name: `supply-plan evaluate (groups): peak RSS`, value: Math.round(command.peakRss / 1024 / 1024), unit: 'MB' },
      { name: 'floor: peak RSS', value: Math.round(floorRss / 1024 / 1024), unit: 'MB' },
      { name: 'evaluate ÷ floor, memory', value: Math.round(rssRatio * 100) / 100, unit: '×', target: '≤ 2×', ok: rssRatio <= 2 },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function commandRows(label) {
  const fs = require('fs');
  const os = require('os');
  const path = require('path');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'supply-plan-bench-'));
  const file = path.join(dir, 'plan.json');
  try {
    fs.writeFileSync(file, JSON.stringify(syntheticPlan()));
    return ['json', 'table'].flatMap((format) => {
      const r = commandRun(file, format);
      return [
        { name: `supply-plan evaluate --format ${format} (output discarded), ${label}`, value: r.wall, unit: 'ms' },
        { name: `supply-plan evaluate --format ${format}: peak RSS`, value: Math.round(r.peakRss / 1024 / 1024), unit: 'MB' },
      ];
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module && process.argv[2] === '--child') {
  process.stdout.write(JSON.stringify(runOnce()));
} else if (require.main === module && process.argv[2] === '--floor') {
  floorChild(process.argv[3], Number(process.argv[4]));
} else if (require.main === module && process.argv[2] === '--cli') {
  cliChild(process.argv[3], process.argv[4]).catch((e) => {
    process.stderr.write(`${e && e.stack ? e.stack : e}\n`);
    process.exit(2);
  });
} else {
  module.exports = engine;
  module.exports.groupRows = groupRows;
}
