/*
 * `npm run demo` (after the build): the sample plan through the real bin, with plain node, as a table.
 * Extra arguments go to the command: `npm run demo -- --lang en`.
 *
 * The sample is ineligible on purpose (its conservative scenario falls short, one reducer line by exactly 0.1), so
 * the command's exit code 1 is the expected outcome here; anything above 1 fails the demo.
 */
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.join(__dirname, '..');
const args = ['bin/supply-plan.js', 'evaluate', 'examples/sample-plan.json', '--format', 'table', ...process.argv.slice(2)];
const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
if (r.error) throw r.error;
if (r.status === 1) console.log('\n(exit code 1: the sample plan has error findings on purpose)');
process.exitCode = r.status === null || r.status > 1 ? r.status || 1 : 0;
