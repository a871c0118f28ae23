/**
 * Generated bad inputs for the form readers: the (synthetic) EDGAR exhibit and its browser copy, cut, with a piece
 * deleted or repeated, at random places (seeded, so a failure replays). Reading never throws; a mutated release is
 * refused or warned about with coded issues, or, accepted without a word, it gives exactly the shipped release's
 * facts.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { checkRelease } from '../../src/cli/check';
import { parseRelease, type ParsedRelease } from '../../src/filing';
import { nodeFormReaders } from '../../src/filing/node-readers';
import { readReleaseInput } from '../../src/filing/read-input';
import { SHIPPED_RELEASE_TEXT } from '../../src/filing/shipped';
import { buildModel } from '../../src/model';

const CASES = join(__dirname, '..', 'releases');
const shipped = parseRelease(SHIPPED_RELEASE_TEXT);
const values = (r: ParsedRelease) => r.facts.map((f) => `${f.table}|${f.row}|${f.period}|${f.currency}|${f.value.toString()}`).sort();

function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(text: string, next: () => number): { what: string; text: string } {
  const at = Math.floor(next() * text.length);
  const len = 1 + Math.floor(next() * 300);
  switch (Math.floor(next() * 3)) {
    case 0:
      return { what: `cut at ${at}`, text: text.slice(0, at) };
    case 1:
      return { what: `${len} characters deleted at ${at}`, text: text.slice(0, at) + text.slice(at + len) };
    default:
      return { what: `${len} characters repeated at ${at}`, text: text.slice(0, at + len) + text.slice(at, at + len) + text.slice(at + len) };
  }
}

describe.each([
  ['EDGAR HTML exhibit', 'q2-2024-edgar-html/input.htm', 11],
  ['browser copy', 'q2-2024-browser-copy/input.txt', 12],
  ['pdftotext -layout text', 'q2-2024-pdftotext-layout/input.txt', 13],
])('mutations of the %s', (_, file, seed) => {
  const original = readFileSync(join(CASES, file), 'utf8');
  const next = rng(seed);
  const mutations = Array.from({ length: 40 }, () => mutate(original, next));

  test.each(mutations.map((m) => [m.what, m.text]))('%s: refused with codes, or the same facts', async (_what, text) => {
    const input = await readReleaseInput(new TextEncoder().encode(text), nodeFormReaders);
    const report = checkRelease(input.source, (r) => buildModel(r).checks());
    expect(report.release.issues.every((i) => /^[a-z]+\.[a-z_]+$/.test(i.code))).toBe(true);
    // Accepted without a word: then it is the release, figure for figure.
    if (report.ok && report.release.issues.length === 0) expect(values(report.release)).toEqual(values(shipped));
  });
});
