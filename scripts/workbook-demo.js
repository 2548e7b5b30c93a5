/*
 * `npm run demo`, the workbook part (after the build): the sample plan as a workbook, out/sample-plan.xlsx (what a
 * planner gets from `supply-plan template --from`), and that workbook checked, out/sample-plan.checked.xlsx (what
 * `supply-plan check` writes: results, highlights, notes, summary and log), through the real bin.
 *
 * `check` exits 0 (the submission scenario needs attention) or 1 (it has errors); anything above 1 fails.
 */
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.join(__dirname, '..');
const OUT = path.join(ROOT, 'out');
const PLAN = path.join(OUT, 'sample-plan.xlsx');
const CHECKED = path.join(OUT, 'sample-plan.checked.xlsx');
const extra = process.argv.slice(2);

function bin(...args) {
  const r = spawnSync(process.execPath, ['bin/supply-plan.js', ...args, ...extra], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.error) throw r.error;
  return r.status;
}

fs.mkdirSync(OUT, { recursive: true });
// `template` never overwrites a file: the demo makes its own fresh.
fs.rmSync(PLAN, { force: true });
const made = bin('template', path.relative(ROOT, PLAN), '--from', 'examples/sample-plan.json');
if (made !== 0) {
  process.exitCode = made || 1;
} else {
  const checked = bin('check', path.relative(ROOT, PLAN), '-o', path.relative(ROOT, CHECKED));
  if (checked === 0 || checked === 1) {
    console.log(`\n${path.relative(ROOT, PLAN)}: the sample plan as a workbook (type in 計画 and 取組・チェックリスト)`);
    console.log(`${path.relative(ROOT, CHECKED)}: checked — see サマリー for the summary, 結果 for every line and year`);
    if (checked === 1) console.log('(exit code 1: the submission scenario has error findings)');
  } else {
    process.exitCode = checked || 1;
  }
}
