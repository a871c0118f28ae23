/**
 * Reading a PDF loads pdf.js, whose legacy build replaces built-ins with its polyfills (core-js) at load: under
 * Node 20 Array.prototype.push and JSON.parse became much slower functions for the rest of the process, so every
 * release parsed after a PDF was read paid for them. The Node readers put the native ones back once pdf.js has
 * loaded; the PDF still reads.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { parseRelease } from '../../src/filing';
import { nodeFormReaders } from '../../src/filing/node-readers';
import { readReleaseInput } from '../../src/filing/read-input';

test('reading a PDF leaves Array.prototype.push and JSON.parse native, and the PDF reads', async () => {
  const push = Array.prototype.push;
  const parse = JSON.parse;
  const read = await readReleaseInput(new Uint8Array(readFileSync(join(__dirname, '..', 'releases', 'q2-2024-pdf', 'input.pdf'))), nodeFormReaders);
  expect(read.form).toBe('pdf');
  expect(Array.prototype.push).toBe(push);
  expect(JSON.parse).toBe(parse);
  expect(Object.getOwnPropertyDescriptor(Array.prototype, 'push')).toMatchObject({ writable: true, enumerable: false, configurable: true });
  const release = parseRelease(read.source!);
  expect(release.quarter).toBe('Q2-2024');
  expect(release.issues.filter((i) => i.severity === 'error')).toEqual([]);
});
