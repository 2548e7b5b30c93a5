#!/usr/bin/env node
/*
 * The browser preview's server: builds the web part when it is missing or older than its sources, then serves
 * dist/web over plain HTTP on localhost (no certificates needed: the preview never loads Office.js).
 *
 *   npm run preview                        build (production) if needed, serve on http://localhost:3100/preview.html
 *   PORT=4000 npm run preview              another port (PORT=0: any free port)
 *   node scripts/preview-server.js --build --dev   force a development build first
 *   node scripts/preview-server.js --no-build      serve what dist/web holds
 *
 * Also a module: the end-to-end tests and the benchmark start it in-process (`startPreviewServer`).
 */
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist', 'web');
const DEFAULT_PORT = 3100;
/** What the web build is made from: if any of it is newer than the built page, build again. */
const SOURCES = ['src', 'examples', 'assets', 'webpack.config.js', 'package.json', 'tsconfig.json', 'manifest.xml'];

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

function newestMtime(p) {
  let stat;
  try {
    stat = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

/** True when dist/web/preview.html is missing or older than anything it is built from. */
function needsBuild(dir = DIST) {
  const page = path.join(dir, 'preview.html');
  if (!fs.existsSync(page)) return true;
  const built = fs.statSync(page).mtimeMs;
  return SOURCES.some((s) => newestMtime(path.join(ROOT, s)) > built);
}

/**
 * Run webpack (the project's config: task pane and preview) into `dir` (dist/web unless told otherwise: the
 * end-to-end tests build into a directory of their own, so a build someone starts meanwhile cannot pull files from
 * under a running test). Throws when the build fails.
 */
function build({ mode = 'production', quiet = false, dir = DIST } = {}) {
  const webpack = path.join(ROOT, 'node_modules', 'webpack-cli', 'bin', 'cli.js');
  const started = Date.now();
  const rel = path.relative(ROOT, dir);
  if (!quiet) process.stderr.write(`preview: building ${rel} (webpack --mode ${mode}) …\n`);
  const args = [webpack, '--mode', mode];
  if (path.resolve(dir) !== DIST) args.push('--output-path', path.resolve(dir));
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', stdio: quiet ? 'pipe' : ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) {
    if (quiet) process.stderr.write(`${r.stdout || ''}${r.stderr || ''}`);
    throw new Error(`webpack --mode ${mode} failed (exit ${r.status})`);
  }
  if (!fs.existsSync(path.join(dir, 'preview.html'))) {
    throw new Error(`the build has no ${rel}/preview.html: webpack.config.js did not pick up src/preview/index.tsx`);
  }
  if (!quiet) process.stderr.write(`preview: built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

/** Build when needed (or when `force`). */
function ensureBuilt({ force = false, mode = 'production', quiet = false, dir = DIST } = {}) {
  if (force || needsBuild(dir)) build({ mode, quiet, dir });
}

function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(body);
}

function handler(dir) {
  const base = path.resolve(dir);
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed\n', { Allow: 'GET, HEAD' });
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch {
      return send(res, 400, 'bad request\n');
    }
    if (pathname === '/') return send(res, 302, '', { Location: '/preview.html' });
    const file = path.resolve(base, `.${pathname}`);
    if (file !== base && !file.startsWith(base + path.sep)) return send(res, 403, 'forbidden\n');
    fs.stat(file, (err, stat) => {
      if (err || !stat.isFile()) return send(res, 404, `not found: ${pathname}\n`);
      const type = TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
      // Hashed bundles never change; pages are always fetched fresh.
      const cache = /\.[0-9a-f]{8}\.js$/.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache';
      res.writeHead(200, {
        'Content-Type': type,
        'Content-Length': stat.size,
        'Cache-Control': cache,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
      });
      if (req.method === 'HEAD') return res.end();
      fs.createReadStream(file).pipe(res);
    });
  };
}

/**
 * Serve `dir` on http://localhost:port. Resolves once listening, with the URL of the preview page and a close().
 * port 0 picks a free port.
 */
function startPreviewServer({ port = DEFAULT_PORT, host = '127.0.0.1', dir = DIST } = {}) {
  const server = http.createServer(handler(dir));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const actual = server.address().port;
      const origin = `http://localhost:${actual}`;
      resolve({
        server,
        port: actual,
        origin,
        url: `${origin}/preview.html`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

const USAGE = `usage: node scripts/preview-server.js [--build] [--dev] [--no-build]
  builds dist/web when it is missing or older than its sources (--build: always; --dev: development mode;
  --no-build: never), then serves it on http://localhost:$PORT/preview.html (PORT default ${DEFAULT_PORT}; 0 = any free port)`;

async function main(argv) {
  const args = new Set(argv);
  if (args.has('--help') || args.has('-h')) {
    console.log(USAGE);
    return;
  }
  const unknown = argv.filter((a) => !['--build', '--dev', '--no-build'].includes(a));
  if (unknown.length) throw new Error(`unknown option ${unknown[0]}\n${USAGE}`);
  const mode = args.has('--dev') ? 'development' : 'production';
  if (!args.has('--no-build')) ensureBuilt({ force: args.has('--build'), mode });
  else if (!fs.existsSync(path.join(DIST, 'preview.html'))) throw new Error('dist/web/preview.html is missing: run without --no-build');
  const envPort = process.env.PORT;
  const port = envPort !== undefined && envPort !== '' ? Number(envPort) : DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${envPort}"`);
  let running;
  try {
    running = await startPreviewServer({ port, host: process.env.HOST || '127.0.0.1' });
  } catch (e) {
    if (e && e.code === 'EADDRINUSE') throw new Error(`port ${port} is in use: set PORT to another one (PORT=0 picks a free port)`);
    throw e;
  }
  console.log(`Preview: ${running.url}`);
  console.log('(offline: no Office.js, no network; Ctrl+C stops)');
  const stop = () => running.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

module.exports = { startPreviewServer, ensureBuilt, needsBuild, build, DIST, DEFAULT_PORT };

if (require.main === module) {
  main(process.argv.slice(2)).catch((e) => {
    console.error(`preview: ${e.message}`);
    process.exit(1);
  });
}
