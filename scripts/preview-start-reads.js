#!/usr/bin/env node
/*
 * Prints the preview's start reads as JSON (src/preview/compute-start-reads.ts): what the pane reads from the
 * workbooks the page starts with, computed by the project's own TypeScript (types stripped, as the bundle's are).
 * webpack.config.js runs it in a process of its own and defines the result into the preview page.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const ts = require('typescript');

if (!require.extensions['.ts']) {
  require.extensions['.ts'] = (module, filename) => {
    const out = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
      fileName: filename,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, resolveJsonModule: true },
    });
    module._compile(out.outputText, filename);
  };
}

const { computeStartReads } = require(path.join(__dirname, '..', 'src', 'preview', 'compute-start-reads.ts'));

computeStartReads().then(
  (reads) => process.stdout.write(JSON.stringify(reads)),
  (e) => {
    process.stderr.write(`preview start reads: ${e && e.stack ? e.stack : e}\n`);
    process.exit(1);
  },
);
