/*
 * Builds the web part of the add-in into dist/web (the CLI's tsc output owns dist/ itself):
 *   taskpane  src/taskpane/index.tsx + taskpane.html    what Excel loads (manifest.xml points at /taskpane.html)
 *   preview   src/preview/index.tsx  + preview.html     the browser preview; built only once src/preview/index.tsx exists
 * plus assets/ and manifest.xml copied alongside.
 *
 *   npx webpack --mode production          dist/web, with a Content-Security-Policy in taskpane.html
 *   npx webpack serve --mode development   https://localhost:3000 with the office-addin-dev-certs certificates
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const webpack = require('webpack');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');

const ROOT = __dirname;
const OUTPUT = path.join(ROOT, 'dist', 'web');
const DEV_PORT = 3000;
const CERT_DIR = path.join(os.homedir(), '.office-addin-dev-certs');
const DEV_ORIGIN = `https://localhost:${DEV_PORT}`;

/**
 * Where the built add-in will be served from. manifest.xml in the repository always names the dev origin; the copy in
 * dist/web names ADDIN_ORIGIN when it is set (ADDIN_ORIGIN=https://addins.example.com npm run build:web).
 */
function deploymentOrigin() {
  const origin = process.env.ADDIN_ORIGIN;
  if (!origin) return DEV_ORIGIN;
  const url = new URL(origin);
  if (url.protocol !== 'https:' || url.pathname !== '/' || url.search || url.hash) {
    throw new Error(`ADDIN_ORIGIN must be a bare https origin such as https://addins.example.com, not ${origin}`);
  }
  return url.origin;
}

/*
 * The task pane's policy. Scripts: our bundle and Office.js, which pulls its host files and strings from its own
 * CDN and, on some hosts, MicrosoftAjax.js from ajax.aspnetcdn.com. Styles need 'unsafe-inline' because Fluent UI
 * (Griffel) and Office.js insert <style> elements at run time. connect-src allows Office.js's own telemetry
 * endpoint and nothing else: the checker never calls a server. Office adds frame-ancestors itself; a <meta>
 * policy cannot set it.
 */
/**
 * The syntax level of everything the pages load, our code and node_modules alike. The manifest admits Excel with
 * ExcelApi 1.13 (manifest.xml), and the webviews those Excels use are (https://learn.microsoft.com/office/dev/add-ins/concepts/browsers-used-by-office-web-add-ins):
 * WebView2 (Chromium) on Windows, but EdgeHTML (Edge Legacy, which parses ES2017 and not object spread or `?.`)
 * where WebView2 is missing or a WIP-protected document forces it, and WKWebView on the Mac — the Safari of the
 * installed macOS, which for Office 2021 for Mac (16.50, macOS 10.14+) can be Safari 12 (no `?.`, no class
 * fields). ES2017 is what all of them parse. Trident (IE11, ES5) is left to the graceful-failure page
 * (src/taskpane/webview-check.js) Microsoft recommends (https://learn.microsoft.com/office/dev/add-ins/develop/support-ie-11).
 * test/addin/bundle-syntax.test.ts parses the built bundle at this level.
 */
const ECMA_TARGET = 'es2017';

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' https://appsforoffice.microsoft.com https://ajax.aspnetcdn.com",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self' https://browser.pipe.aria.microsoft.com",
  // Office.js frames its own telemetry page, outside Office too (test/e2e/office-scenarios.js sees it); refused, it
  // is a CSP violation and a console error in every pane.
  "frame-src 'self' https://telemetryservice.firstpartyapps.oaspapps.com",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/**
 * The pages to build; the preview joins in by itself once its entry file exists. `--env EXCEL_TESTS` adds the page
 * `npm run test:excel` sideloads into Excel (test/excel/in-excel.ts, scripts/test-excel.js).
 */
function pages(env = {}) {
  const list = [
    {
      name: 'taskpane',
      entry: './src/taskpane/index.tsx',
      template: './src/taskpane/taskpane.html',
      filename: 'taskpane.html',
      officeJs: true,
    },
  ];
  if (env.EXCEL_TESTS) {
    list.push({ name: 'excel-tests', entry: './test/excel/in-excel.ts', template: './src/taskpane/taskpane.html', filename: 'excel-tests.html', officeJs: true });
  }
  if (fs.existsSync(path.join(ROOT, 'src/preview/index.tsx'))) {
    const template = path.join(ROOT, 'src/preview/preview.html');
    list.push({
      name: 'preview',
      entry: './src/preview/index.tsx',
      // Until the preview has its own page, a bare one with the #root the React entry renders into.
      template: fs.existsSync(template) ? './src/preview/preview.html' : null,
      filename: 'preview.html',
      officeJs: false,
    });
  }
  return list;
}

/**
 * The preview's start reads (src/preview/start-reads.ts): the pane's read of the workbooks the page starts with,
 * computed now by the project's own code (scripts/preview-start-reads.js, in a process of its own), so the page
 * paints the pane without waiting for ExcelJS. Defined as a JSON.parse of a string: V8 parses JSON faster than the
 * same object as code.
 */
function startReads() {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'preview-start-reads.js')], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`scripts/preview-start-reads.js failed (exit ${r.status}):\n${r.stderr}`);
  JSON.parse(r.stdout);
  return `JSON.parse(${JSON.stringify(r.stdout)})`;
}

/** The dev server's TLS options, read only when serving so that a build never needs certificates. */
function httpsOptions() {
  const files = { key: 'localhost.key', cert: 'localhost.crt', ca: 'ca.crt' };
  const options = {};
  for (const [option, file] of Object.entries(files)) {
    const full = path.join(CERT_DIR, file);
    if (!fs.existsSync(full)) {
      throw new Error(`${full} is missing: run "node scripts/dev-certs.js" (npm run dev-server does it for you).`);
    }
    options[option] = fs.readFileSync(full);
  }
  return options;
}

/**
 * Our own makeStyles calls compiled ahead of time, as Fluent UI ships its own (Griffel's webpack loader turns
 * `makeStyles({...})` into `__styles(classes, cssRules)`): no style is resolved in the browser (stylis, rtl-css-js),
 * which was ~35 % of the pane's first render in a fresh browser. The rules are still inserted at run time as before.
 */
const GRIFFEL_AOT = { loader: '@griffel/webpack-loader' };

module.exports = (env = {}, argv = {}) => {
  const production = argv.mode === 'production';
  const serving = Boolean(env.WEBPACK_SERVE);
  const list = pages(env);

  return {
    mode: production ? 'production' : 'development',
    context: ROOT,
    // Each page its own runtime, and no chunk shared between pages (below): the task pane's code is generated for
    // the task pane alone, so nothing the preview uses (from a package both import) reaches what Excel loads.
    entry: Object.fromEntries(list.map((page) => [page.name, list.length > 1 ? { import: page.entry, runtime: `runtime-${page.name}` } : page.entry])),
    // webpack's own runtime code at the same level as the bundle.
    target: ['web', ECMA_TARGET],
    output: {
      path: OUTPUT,
      filename: production ? '[name].[contenthash:8].js' : '[name].js',
      chunkFilename: production ? '[name].[contenthash:8].js' : '[name].js',
      // Relative URLs, so that dist/web can be served from any path.
      publicPath: 'auto',
      clean: true,
    },
    // No eval-based source maps in production: the CSP has no 'unsafe-eval'.
    devtool: production ? 'source-map' : 'eval-cheap-module-source-map',
    resolve: {
      extensions: ['.tsx', '.ts', '.js', '.json'],
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: [
            GRIFFEL_AOT,
            {
              loader: 'ts-loader',
              // Type checking is `tsc --noEmit`'s job; the bundle only needs the types stripped. ES modules (not the
              // tsconfig's CommonJS, which the CLI needs) let webpack tree-shake Fluent UI down to what we use.
              options: {
                transpileOnly: true,
                configFile: path.join(ROOT, 'tsconfig.json'),
                compilerOptions: { module: 'es2020', target: ECMA_TARGET },
              },
            },
          ],
        },
        {
          // Packages ship ES2020+ syntax (Fluent UI's `?.`, object spread): lowered to the same level as our code.
          // TypeScript does it (already a dependency; transpile only, no type checks).
          test: /\.m?js$/,
          include: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: {
              transpileOnly: true,
              configFile: path.join(ROOT, 'tsconfig.json'),
              compilerOptions: { module: 'es2020', target: ECMA_TARGET, allowJs: true, sourceMap: false },
            },
          },
        },
      ],
    },
    optimization: {
      splitChunks: {
        chunks: 'all',
        cacheGroups: {
          default: false,
          defaultVendors: false,
          // React, Fluent UI and friends change far less often than our code: cacheable files of their own, one set
          // per page (a package both pages use is in each page's file, built for that page). Named by the chunks of
          // the page that share them, so the preview's first paint never loads what only its workbook needs (ExcelJS).
          ...Object.fromEntries(
            list.map((page) => [
              `vendor-${page.name}`,
              {
                test: /[\\/]node_modules[\\/]/,
                chunks: (chunk) => list.length === 1 || chunk.runtime === `runtime-${page.name}`,
                name: (module, chunks) => `vendor-${chunks.map((chunk) => chunk.name).sort().join('~')}`,
                priority: 10,
                reuseExistingChunk: true,
              },
            ]),
          ),
        },
      },
    },
    // An Excel add-in with Fluent UI is larger than webpack's web-page budget; bench and review track size instead.
    performance: { hints: false },
    plugins: [
      ...(list.some((page) => page.name === 'preview') ? [new webpack.DefinePlugin({ __PREVIEW_START_READS__: startReads() })] : []),
      ...list.map(
        (page) =>
          new HtmlWebpackPlugin({
            filename: page.filename,
            ...(page.template
              ? { template: page.template }
              : { templateContent: '<!doctype html><html lang="ja"><head><meta charset="UTF-8" /></head><body><div id="root"></div></body></html>' }),
            chunks: [page.name],
            inject: 'body',
            scriptLoading: 'defer',
            title: '供給確保計画チェッカー',
            // The template writes it as the first element of <head>, ahead of Office.js, so that it governs every
            // script Office.js loads. Not in development: the dev server's eval source maps and hot reload break it.
            contentSecurityPolicy: production && page.officeJs ? CONTENT_SECURITY_POLICY : '',
          }),
      ),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets', to: 'assets' },
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            // Comments are notes for the repository's readers (and would name the dev origin); Office ignores them.
            transform: (content) =>
              content
                .toString('utf8')
                .replace(/[ \t]*<!--[\s\S]*?-->\r?\n?/g, '')
                .split(DEV_ORIGIN)
                .join(deploymentOrigin()),
          },
        ],
      }),
    ],
    devServer: serving
      ? {
          port: DEV_PORT,
          host: 'localhost',
          server: { type: 'https', options: httpsOptions() },
          headers: { 'Access-Control-Allow-Origin': '*' },
          static: false,
          hot: true,
          historyApiFallback: false,
          client: { overlay: { warnings: false, errors: true } },
        }
      : undefined,
  };
};
