/**
 * Reading a PDF must leave the runtime's built-ins as they were: pdf.js's legacy build replaces Array.prototype.push
 * (and more) with core-js polyfills when it loads, which slowed every array of the CLI and of the add-in's shared
 * runtime after the first PDF. The CLI path runs in a fresh Node process, as `kc-model` does.
 */
import { execFileSync } from 'child_process';
import { join } from 'path';
import { loadKeepingBuiltins } from '../../src/filing/keep-builtins';

const ROOT = join(__dirname, '..', '..');

function inFreshNode(script: string): string {
  return execFileSync(process.execPath, ['-r', join(ROOT, 'scripts', 'register-ts.js'), '-e', script], { cwd: ROOT, encoding: 'utf8' }).trim();
}

describe('loading pdf.js keeps the built-ins', () => {
  test('pdf.js loaded bare replaces Array.prototype.push (why the guard exists)', () => {
    // Identity, not Function.prototype.toString: core-js makes its polyfills print as "[native code]".
    const out = inFreshNode(`const push = Array.prototype.push; console.log = () => {};
      require('pdfjs-dist/legacy/build/pdf.js'); process.stdout.write(String([].push === push));`);
    expect(out).toBe('false');
  });

  test('reading a PDF with the readers of the CLI leaves push, JSON.parse and structuredClone native, and still reads it', () => {
    const out = inFreshNode(`
      const { readFileSync } = require('fs');
      const { nodeFormReaders } = require('./src/filing/node-readers');
      const { readReleaseInput } = require('./src/filing/read-input');
      const sc = globalThis.structuredClone, push = Array.prototype.push, parse = JSON.parse;
      readReleaseInput(new Uint8Array(readFileSync('test/releases/q2-2024-pdf/input.pdf')), nodeFormReaders).then((r) => {
        process.stdout.write(JSON.stringify({ form: r.form, chars: r.source.length, push: [].push === push, parse: JSON.parse === parse, sc: globalThis.structuredClone === sc }));
      });`);
    const r = JSON.parse(out) as { form: string; chars: number; push: boolean; parse: boolean; sc: boolean };
    expect(r).toEqual({ form: 'pdf', chars: expect.any(Number), push: true, parse: true, sc: true });
    expect(r.chars).toBeGreaterThan(10_000);
  });
});

describe('loadKeepingBuiltins', () => {
  const proto = Array.prototype as unknown as Record<string, unknown>;
  afterEach(() => {
    delete proto.kcAdded;
  });

  test('puts back what a load replaced, keeps what it added, names what it put back', () => {
    const includes = Array.prototype.includes;
    const { value, restored } = loadKeepingBuiltins(() => {
      Object.defineProperty(Array.prototype, 'includes', { value: () => true, writable: true, configurable: true });
      Object.defineProperty(Array.prototype, 'kcAdded', { value: () => 1, writable: true, configurable: true });
      return 42;
    });
    expect(value).toBe(42);
    expect(restored).toEqual(['Array.prototype.includes']);
    expect(Array.prototype.includes).toBe(includes);
    expect([1].includes(2)).toBe(false);
    expect(typeof proto.kcAdded).toBe('function');
  });

  test('two loads that overlap leave the built-in as it was before either (the second saw the first\'s replacement)', async () => {
    const hypot = Math.hypot;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = loadKeepingBuiltins(async () => {
      Math.hypot = () => 1;
      await gate;
      return 'first';
    });
    const second = loadKeepingBuiltins(async () => {
      await gate;
      return 'second';
    });
    release();
    await Promise.all([first, second]);
    expect(Math.hypot).toBe(hypot);
  });

  test('async loads are restored when they settle, and on failure too', async () => {
    const hypot = Math.hypot;
    const r = await loadKeepingBuiltins(async () => {
      await Promise.resolve();
      Math.hypot = () => 0;
      return 'loaded';
    });
    expect(r).toEqual({ value: 'loaded', restored: ['Math.hypot'] });
    expect(Math.hypot).toBe(hypot);
    await expect(
      loadKeepingBuiltins(async () => {
        Math.hypot = () => 0;
        throw new Error('load failed');
      }),
    ).rejects.toThrow('load failed');
    expect(Math.hypot).toBe(hypot);
    expect(() =>
      loadKeepingBuiltins(() => {
        Math.hypot = () => 0;
        throw new Error('sync failed');
      }),
    ).toThrow('sync failed');
    expect(Math.hypot).toBe(hypot);
  });
});
