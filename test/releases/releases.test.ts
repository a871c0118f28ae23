/**
 * Every release case under test/releases/<case>/: its input read by content (as `kc-model check` reads a file) and
 * its whole grid (expected.tsv: metric, period, currency, value) asserted, with every check passing.
 */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { checkRelease, gateReport } from '../../src/cli/check';
import { parseRelease } from '../../src/filing';
import { nodeFormReaders } from '../../src/filing/node-readers';
import { readReleaseInput, type ReleaseInput } from '../../src/filing/read-input';
import { joinExhibits } from '../../src/filing/exhibits';
import { buildModel } from '../../src/model';
import { gridLines, TSV_HEADER } from '../support/release-render/grid-tsv';
import { refusalLines } from '../support/release-render/refusal';

const ROOT = __dirname;
const ALL = readdirSync(ROOT, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
/** Cases with a grid to give, and cases to refuse (expected-issues.txt: the issue codes, one per line). */
const CASES = ALL.filter((c) => readdirSync(join(ROOT, c)).includes('expected.tsv'));
const REFUSED = ALL.filter((c) => readdirSync(join(ROOT, c)).includes('expected-issues.txt'));
/** Releases read but refused by the gate (expected-refused.txt: the parser's error codes, then the failing check ids). */
const REFUSED_READ = ALL.filter((c) => readdirSync(join(ROOT, c)).includes('expected-refused.txt'));


/**
 * A case's input as `kc-model check` reads its files: each by content; a release given as two exhibits (its press
 * release, its statements: input-ex99-1.*, input-ex99-2.*) joined into one.
 */
async function readCase(dir: string): Promise<{ source: ReleaseInput['source']; repairs: ReleaseInput['repairs'] }> {
  const files = readdirSync(dir).filter((f) => f.startsWith('input')).sort();
  const read = await Promise.all(files.map(async (f) => ({ name: f, ...(await readReleaseInput(readFileSync(join(dir, f)), nodeFormReaders)) })));
  const joined = joinExhibits(read.map((r) => ({ name: r.name, text: r.source, form: r.form, repairs: r.repairs })));
  if (joined.length !== 1) throw new Error(`${dir}: ${joined.length} releases in one case`);
  return { source: joined[0].text, repairs: joined[0].repairs };
}

describe('release cases', () => {
  test('there are cases, each with one input (or the two exhibits of one release) and expected.tsv', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(6);
    for (const c of ALL) {
      const files = readdirSync(join(ROOT, c));
      const kinds = ['expected.tsv', 'expected-issues.txt', 'expected-refused.txt'].filter((k) => files.includes(k));
      const inputs = files.filter((f) => f.startsWith('input'));
      expect([c, inputs.length === 1 ? inputs[0].startsWith('input.') : inputs.length === 2 && inputs.every((f) => f.startsWith('input-ex99-')), kinds.length]).toEqual([c, true, 1]);
    }
  });

  test.each(CASES)('%s: the whole grid, every check passing', async (name) => {
    const dir = join(ROOT, name);
    const read = await readCase(dir);
    const report = checkRelease(read.source, (r) => buildModel(r).checks());
    expect(report.release.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const [header, ...expected] = readFileSync(join(dir, 'expected.tsv'), 'utf8').trimEnd().split('\n');
    expect(header).toBe(TSV_HEADER);
    const got = gridLines(report.release);
    // Line by line, so a failure names the figures that differ.
    const missing = expected.filter((l) => !got.includes(l));
    const extra = got.filter((l) => !expected.includes(l));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
    expect(got).toEqual(expected);
    expect(report.checks.filter((c) => !c.pass)).toEqual([]);
    expect(report.ok).toBe(true);
  });

  test.each(REFUSED)('%s: refused with its reasons, no fact, no company', async (name) => {
    const dir = join(ROOT, name);
    const input = readdirSync(dir).find((f) => f.startsWith('input.'))!;
    const read = await readReleaseInput(readFileSync(join(dir, input)), nodeFormReaders);
    const report = checkRelease(read.source, (r) => buildModel(r).checks());
    const want = readFileSync(join(dir, 'expected-issues.txt'), 'utf8').trim().split('\n');
    expect(report.release.issues.map((i) => i.code)).toEqual(want);
    expect(report.release.facts).toEqual([]);
    expect(report.release.company).toBe('');
    expect(report.ok).toBe(false);
  });

  test.each(REFUSED_READ)('%s: read, and refused by the gate with exactly its failing checks', async (name) => {
    const dir = join(ROOT, name);
    const input = readdirSync(dir).find((f) => f.startsWith('input.'))!;
    const read = await readReleaseInput(readFileSync(join(dir, input)), nodeFormReaders);
    const report = gateReport(read.source, read.repairs);
    expect(report.ok).toBe(false);
    expect(report.release.company).toBe('Kingsoft Cloud Holdings Limited');
    expect(refusalLines(report)).toEqual(readFileSync(join(dir, 'expected-refused.txt'), 'utf8').trim().split('\n'));
  });

  test('the grids of the Q2 2024 forms agree with the shipped text parsed directly', () => {
    const shipped = gridLines(parseRelease(readFileSync(join(ROOT, 'q2-2024-ocr-text', 'input.txt'), 'utf8')));
    expect(shipped).toHaveLength(592);
    for (const c of CASES.filter((n) => n.startsWith('q2-2024-'))) expect([c, readFileSync(join(ROOT, c, 'expected.tsv'), 'utf8').trimEnd().split('\n').slice(1)]).toEqual([c, shipped]);
  });
});
