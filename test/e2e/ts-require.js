/*
 * Lets the end-to-end tests require the project's TypeScript sources (the UI texts, the policy's item names) so
 * they find buttons by the same words the pane shows, in both languages, instead of copies that drift. Types are
 * stripped, nothing is checked: `tsc --noEmit` does that for the project.
 */
'use strict';
const fs = require('fs');
const ts = require('typescript');

if (!require.extensions['.ts']) {
  require.extensions['.ts'] = (module, filename) => {
    const source = fs.readFileSync(filename, 'utf8');
    const out = ts.transpileModule(source, {
      fileName: filename,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, jsx: ts.JsxEmit.ReactJSX },
    });
    module._compile(out.outputText, filename);
  };
}
