/**
 * pdf.js ships ≈ 6 MB of source maps. With source maps on (bin/kc-model.js and the dev loader turn them on for our own
 * stack traces), Node parsed pdf.js's as it loaded — ≈ 70 MB held for the life of the process, ≈ 0.25 s added to the
 * first PDF. A PDF read by the CLI's readers loads pdf.js with them off and turns them back on. Run in a fresh Node
 * process, as `kc-model` runs.
 */
import { execFileSync } from 'child_process';
import { join } from 'path';

const ROOT = join(__dirname, '..', '..');

function inFreshNode(script: string): string {
  return execFileSync(process.execPath, ['-r', join(ROOT, 'scripts', 'register-ts.js'), '-e', script], { cwd: ROOT, encoding: 'utf8' }).trim();
}

test('reading PDFs (two at once) leaves pdf.js and its worker without parsed source maps, and source maps on', () => {
  const out = inFreshNode(`
    const { readFileSync } = require('fs');
    const { findSourceMap } = require('module');
    const { nodeFormReaders } = require('./src/filing/node-readers');
    const { readReleaseInput } = require('./src/filing/read-input');
    const on = process.sourceMapsEnabled;
    const bytes = () => new Uint8Array(readFileSync('test/releases/q2-2024-pdf/input.pdf'));
    Promise.all([readReleaseInput(bytes(), nodeFormReaders), readReleaseInput(bytes(), nodeFormReaders)]).then((rs) => {
      const maps = ['pdf.js', 'pdf.worker.js'].map((f) => findSourceMap(require.resolve('pdfjs-dist/legacy/build/' + f)) !== undefined);
      process.stdout.write(JSON.stringify({ on, after: process.sourceMapsEnabled, maps, forms: rs.map((r) => r.form) }));
    });`);
  expect(JSON.parse(out)).toEqual({ on: true, after: true, maps: [false, false], forms: ['pdf', 'pdf'] });
});
