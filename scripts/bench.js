#!/usr/bin/env node
/**
 * `npm run bench`: runs every bench/*.bench.ts in name order (each prints its own figures), then prints the
 * production bundle sizes in dist/ against the size target. Builds the production add-in first.
 */
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const BENCH = path.join(ROOT, 'bench');
const DIST = path.join(ROOT, 'dist');
const TARGET_KB = 150;

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  return r.status === null ? 1 : r.status;
}

let failed = 0;

// Benchmarks measure the production build, whatever dist/ held before (npm start leaves a development build).
console.log('== npm run build (production) ==');
if (run('npm', ['run', 'build', '--silent']) !== 0) {
  console.log('build failed');
  process.exit(1);
}

const benches = fs.existsSync(BENCH)
  ? fs.readdirSync(BENCH).filter((f) => f.endsWith('.bench.ts')).sort()
  : [];
if (benches.length === 0) console.log('No bench/*.bench.ts files.');
for (const file of benches) {
  console.log(`\n== ${file} ==`);
  const status = run(process.execPath, ['-r', path.join(__dirname, 'register-ts.js'), path.join(BENCH, file)]);
  if (status !== 0) {
    console.log(`${file} exited with status ${status}`);
    failed++;
  }
}

console.log('\n== Bundle sizes (production build, dist/) ==');

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? walk(p) : [p];
  });
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
// The add-in is what Excel downloads: its scripts, page and stylesheet. The CLI bundle (dist/cli) is not part of it.
const addin = walk(DIST)
  .filter((p) => !path.relative(DIST, p).startsWith(`cli${path.sep}`))
  .filter((p) => /\.(js|html|css)$/.test(p))
  // help.html is the README, opened only from a function's help link: documentation, not the add-in.
  .filter((p) => path.basename(p) !== 'help.html')
  .map((p) => ({ name: path.relative(DIST, p), size: fs.statSync(p).size }))
  .sort((a, b) => b.size - a.size);
for (const f of addin) console.log(`  ${f.name.padEnd(40)} ${kb(f.size).padStart(10)}`);
// What Excel loads at start: addin.js, the page and its stylesheet; then, before any figure is served, the chunk groups
// that read the workbook's releases and build the model (`library`, `add-release`: see src/model/shared.ts and
// src/taskpane/workbook-store.ts). Every other chunk group (the model-tab writer, the HTML parser, pdf.js) is fetched
// on demand. dist/chunks.json (webpack.config.js, ChunkMapPlugin) lists each group's files.
const AT_START = ['library', 'add-release'];
const groups = JSON.parse(fs.readFileSync(path.join(DIST, 'chunks.json'), 'utf8'));
const sizeOf = (f) => fs.statSync(path.join(DIST, f)).size;
const script = addin.filter((f) => !/\.[0-9a-f]{8}\.js$/.test(f.name)).reduce((s, f) => s + f.size, 0);
const startFiles = new Set(AT_START.flatMap((g) => groups[g] ?? []));
const model = [...startFiles].reduce((s, f) => s + sizeOf(f), 0);
const ok = script <= TARGET_KB * 1024;
console.log(`  ${'add-in script, page and stylesheet'.padEnd(40)} ${kb(script).padStart(10)}   target: under ${TARGET_KB} KB minified — ${ok ? 'met' : 'NOT met'}`);
console.log(`  ${'model code, fetched with the release'.padEnd(40)} ${kb(model).padStart(10)}   (${AT_START.join(', ')})`);
console.log(`  ${'loaded at start in all'.padEnd(40)} ${kb(script + model).padStart(10)}`);
for (const [g, files] of Object.entries(groups)) {
  if (g === 'addin' || AT_START.includes(g)) continue;
  const later = files.filter((f) => !startFiles.has(f)).reduce((s, f) => s + sizeOf(f), 0);
  console.log(`  ${`on demand: ${g}`.padEnd(40)} ${kb(later).padStart(10)}`);
}
const cli = path.join(DIST, 'cli', 'kc-model.js');
if (fs.existsSync(cli)) console.log(`  ${'cli/kc-model.js (not part of the add-in)'.padEnd(40)} ${kb(fs.statSync(cli).size).padStart(10)}`);

if (failed > 0) {
  console.log(`\n${failed} benchmark file(s) failed`);
  process.exit(1);
}
