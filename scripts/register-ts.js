/**
 * A require hook so Node can load the TypeScript sources directly, without a build:
 *
 *   node -r ./scripts/register-ts.js bench/some.bench.ts
 *
 * `.ts` files are transpiled one by one to CommonJS (typescript.transpileModule, no type check: `npm run lint`
 * does that; cached, see below); `.txt` files load as their text, as webpack's `asset/source` and the jest transform do.
 */
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

/**
 * Transpiled output is kept in node_modules/.cache, keyed by the source, the compiler's version and its options (the
 * text of `transpile`), and the compiler is loaded only on a miss: a process whose files are all cached never holds
 * TypeScript (≈100 MB of heap that every full garbage collection would mark, which inflated the benches' cold figures).
 */
const CACHE = path.join(__dirname, '..', 'node_modules', '.cache', 'kc-model-ts');
const TS_VERSION = require('typescript/package.json').version;
let ts;
function transpile(source, filename) {
  ts ??= require('typescript');
  const compilerOptions = {
    module: ts.ModuleKind.CommonJS,
    target: ts.ScriptTarget.ES2020,
    esModuleInterop: true,
    resolveJsonModule: true,
    isolatedModules: true,
    inlineSourceMap: true,
    inlineSources: true,
  };
  return ts.transpileModule(source, { compilerOptions, fileName: filename, reportDiagnostics: false }).outputText;
}

require.extensions['.ts'] = function loadTs(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const key = crypto.createHash('sha1').update(`${TS_VERSION}\0${transpile}\0${filename}\0${source}`).digest('hex');
  const cached = path.join(CACHE, `${key}.js`);
  let out;
  try {
    out = fs.readFileSync(cached, 'utf8');
  } catch {
    out = transpile(source, filename);
    try {
      fs.mkdirSync(CACHE, { recursive: true });
      // Written whole then renamed, so a process reading it at the same time never sees half a file.
      const tmp = `${cached}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, out);
      fs.renameSync(tmp, cached);
    } catch {
      // A read-only tree: transpile each time.
    }
  }
  module._compile(out, filename);
};

require.extensions['.txt'] = function loadTxt(module, filename) {
  module.exports = fs.readFileSync(filename, 'utf8');
};

// Stack traces point at the TypeScript lines (inline source maps).
if (typeof process.setSourceMapsEnabled === 'function') process.setSourceMapsEnabled(true);
