/**
 * The task pane as webpack builds it for production must parse in every webview the manifest admits: ES2017 for the
 * bundle (EdgeHTML and the Safari of older macOS; see ECMA_TARGET in webpack.config.js), ES5 for the small check
 * that explains itself in Internet Explorer's webview. A newer construct anywhere — ours or a package's — leaves a
 * blank pane there, which no other test would notice. It also keeps the pane's download within its budget.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import zlib from 'zlib';
import { createRequire } from 'module';
import * as acorn from 'acorn';
import webpack from 'webpack';

const ROOT = path.resolve(__dirname, '../..');
const BUDGET_GZIP_KB = 300;

type ConfigFactory = (env: Record<string, unknown>, argv: { mode: string }) => webpack.Configuration;
const configFactory = createRequire(__filename)(path.join(ROOT, 'webpack.config.js')) as ConfigFactory;

let out: string;
let scripts: string[];

beforeAll(async () => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'supply-plan-bundle-'));
  const config = configFactory({}, { mode: 'production' });
  const stats = await new Promise<webpack.Stats>((resolve, reject) => {
    webpack({ ...config, output: { ...config.output, path: out }, devtool: false }, (error, result) =>
      error || !result ? reject(error ?? new Error('no stats')) : resolve(result),
    );
  });
  expect(stats.toJson({ all: false, errors: true }).errors ?? []).toEqual([]);
  const html = fs.readFileSync(path.join(out, 'taskpane.html'), 'utf8');
  scripts = [...html.matchAll(/<script[^>]+src="?([^" >]+)/g)].map((m) => m[1]).filter((src) => !/^https?:/.test(src));
}, 600_000);

afterAll(() => {
  if (out) fs.rmSync(out, { recursive: true, force: true });
});

function parseError(file: string, ecmaVersion: acorn.ecmaVersion): string | null {
  const code = fs.readFileSync(path.join(out, file), 'utf8');
  try {
    acorn.parse(code, { ecmaVersion, sourceType: 'script' });
    return null;
  } catch (e) {
    const pos = (e as { pos?: number }).pos ?? 0;
    return `${file}: ${(e as Error).message} near «${code.slice(Math.max(0, pos - 60), pos + 30)}»`;
  }
}

test('every script of the task pane parses as ES2017, what EdgeHTML and Safari 12 understand', () => {
  const bundle = scripts.filter((s) => !s.includes('webview-check'));
  expect(bundle.length).toBeGreaterThan(1);
  expect(bundle.map((s) => parseError(s, 2017)).filter(Boolean)).toEqual([]);
});

test('the Internet Explorer check loads before the bundle and is plain ES5', () => {
  expect(scripts[0]).toBe('assets/webview-check.js');
  expect(parseError('assets/webview-check.js', 5)).toBeNull();
});

test(`the task pane downloads at most ${BUDGET_GZIP_KB} KB gzipped`, () => {
  const bytes = scripts.reduce((n, s) => n + zlib.gzipSync(fs.readFileSync(path.join(out, s))).length, 0);
  expect(bytes / 1024).toBeLessThanOrEqual(BUDGET_GZIP_KB);
});
