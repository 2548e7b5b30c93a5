/**
 * The task pane runs in the browser Office gives it: on older Macs that is Safari before 16.4, which cannot parse a
 * regular expression with a lookbehind. One such literal anywhere in the bundle is a syntax error that leaves the
 * pane blank. Our own sources that the pane bundles must not use one.
 */
import fs from 'fs';
import path from 'path';

const SRC = path.resolve(__dirname, '../../src');
/** What webpack bundles for the pane (the CLI's folder is Node only). */
const BUNDLED = ['taskpane', 'preview', 'workbook', 'plan', 'evaluate', 'i18n', 'policy'];

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.(ts|tsx)$/.test(e.name) ? [p] : [];
  });
}

test('no regular expression in the pane bundle uses a lookbehind (Safari before 16.4 cannot parse one)', () => {
  const files = BUNDLED.flatMap((d) => sources(path.join(SRC, d)));
  expect(files.length).toBeGreaterThan(20);
  const offending = files.flatMap((file) =>
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .map((line, i) => ({ line, at: `${path.relative(SRC, file)}:${i + 1}` }))
      // Comments may talk about lookbehinds; code may not have one.
      .filter(({ line }) => !/^\s*(\/\/|\*|\/\*)/.test(line) && /\(\?<[=!]/.test(line))
      .map(({ at }) => at),
  );
  expect(offending).toEqual([]);
});
