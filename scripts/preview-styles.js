#!/usr/bin/env node
/*
 * Prints, as HTML, the Fluent UI (Griffel) style elements the preview's first render inserts: the page renders
 * (react-dom/server, in this process) as it starts — the sample and the blank workbook, in Japanese and in English,
 * each pane drawn from its start read — and Griffel's SSR helper writes out every CSS rule those renders used,
 * bucket by bucket (`renderToStyleElements`). webpack.config.js puts them in preview.html's <head>; the page's
 * renderer takes them over (`RendererProvider` rehydrates its cache from them, src/preview/index.tsx), so its first
 * render inserts none of these rules itself, and the browser parses them with the HTML, before the scripts run.
 * Only the styles are taken from this render: the page still renders itself (no hydration of server HTML). A rule
 * missing here is inserted at run time as before; one too many is unused CSS.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const ts = require('typescript');

for (const ext of ['.ts', '.tsx']) {
  if (require.extensions[ext]) continue;
  require.extensions[ext] = (module, filename) => {
    const out = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
      fileName: filename,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, resolveJsonModule: true, jsx: ts.JsxEmit.ReactJSX },
    });
    module._compile(out.outputText, filename);
  };
}

const SRC = path.join(__dirname, '..', 'src', 'preview');

async function main() {
  // What webpack defines into the page (start-reads.ts reads it): given on stdin by webpack.config.js, which has
  // computed them already (scripts/preview-start-reads.js), or computed here.
  const given = process.argv.includes('--reads-on-stdin') ? fs.readFileSync(0, 'utf8') : '';
  globalThis.__PREVIEW_START_READS__ = given ? JSON.parse(given) : await require(path.join(SRC, 'compute-start-reads.ts')).computeStartReads();
  const { createElement } = require('react');
  const { renderToString, renderToStaticMarkup } = require('react-dom/server');
  const { createDOMRenderer, RendererProvider, SSRProvider, renderToStyleElements } = require('@fluentui/react-components');
  const { PreviewApp } = require(path.join(SRC, 'PreviewApp.tsx'));
  const { blankSession, sampleSession } = require(path.join(SRC, 'workbooks.ts'));

  // One renderer for every render: each rule once, in Griffel's bucket order.
  const renderer = createDOMRenderer(undefined);
  for (const lang of ['ja', 'en']) {
    const langRef = { current: lang };
    for (const session of [sampleSession(() => langRef.current, lang), blankSession(() => langRef.current)]) {
      const app = createElement(PreviewApp, { initialSession: session, initialLang: lang, langRef });
      renderToString(createElement(RendererProvider, { renderer }, createElement(SSRProvider, null, app)));
    }
  }
  return renderToStaticMarkup(createElement('div', null, ...renderToStyleElements(renderer))).replace(/^<div>|<\/div>$/g, '');
}

main().then(
  (html) => process.stdout.write(html),
  (e) => {
    process.stderr.write(`preview styles: ${e && e.stack ? e.stack : e}\n`);
    process.exit(1);
  },
);
