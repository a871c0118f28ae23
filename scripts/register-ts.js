/**
 * A require hook so Node can load the TypeScript sources directly, without a build:
 *
 *   node -r ./scripts/register-ts.js bench/some.bench.ts
 *
 * `.ts` files are transpiled one by one to CommonJS (typescript.transpileModule, no type check: `npm run lint`
 * does that); `.txt` files load as their text, as webpack's `asset/source` and the jest transform do.
 */
'use strict';
const fs = require('fs');
const ts = require('typescript');

const compilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2020,
  esModuleInterop: true,
  resolveJsonModule: true,
  isolatedModules: true,
  inlineSourceMap: true,
  inlineSources: true,
};

require.extensions['.ts'] = function loadTs(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: filename, reportDiagnostics: false });
  module._compile(outputText, filename);
};

require.extensions['.txt'] = function loadTxt(module, filename) {
  module.exports = fs.readFileSync(filename, 'utf8');
};

// Stack traces point at the TypeScript lines (inline source maps).
if (typeof process.setSourceMapsEnabled === 'function') process.setSourceMapsEnabled(true);
