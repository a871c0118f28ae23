import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, copyFileSync, existsSync, readdirSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main } from '../../src/cli/kc-model';
import { valuesRows, VALUES_COLUMNS } from '../../src/cli/library';
import { SHIPPED_RELEASE_TEXT } from '../../src/filing/shipped';
import { buildLibrary } from '../../src/model/library';
import { syntheticLibraryEntries } from '../support/synthetic-library';

/** kc-model over several releases: check, export and values. */
async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, (s) => (out += s + '\n'), (s) => (err += s + '\n'));
  return { code, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'kc-cli-library-'));
const text = join(dir, 'kc-2024q2.txt');
writeFileSync(text, SHIPPED_RELEASE_TEXT);
const RELEASES = join(__dirname, '..', 'releases');
const html = readdirSync(RELEASES, { recursive: true, withFileTypes: false } as never).map(String).find((f: string) => /\.html?$/.test(f));
const folder = join(dir, 'releases');
mkdirSync(folder);
copyFileSync(text, join(folder, 'a-text.txt'));
if (html) copyFileSync(join(RELEASES, html), join(folder, 'b-edgar.htm'));

describe('kc-model values: every value of the model, one per line', () => {
  test('of the shipped release by default: a header row, then metric, period, currency, value, origin, release, first_reported', async () => {
    const r = await run('values');
    expect(r.code).toBe(0);
    const lines = r.out.replace(/\n$/, '').split('\n');
    expect(lines[0]).toBe(VALUES_COLUMNS.join('\t'));
    expect(lines).toContain('total_revenues\tQ2-2024\tRMB\t1891780\treported\tQ2-2024 text\t');
    expect(lines).toContain('total_revenues\tQ2-2024\tUSD\t260318\treported\tQ2-2024 text\t');
    expect(lines).toContain('fx_rate\t\t\t7.2672\tprose\tQ2-2024 text\t');
    expect(lines.some((l) => /^total_revenues\tQ1-2023\tRMB\t\d+\tderived\tQ2-2024 text\t$/.test(l))).toBe(true);
    expect(lines.some((l) => /^cash\t2023-12-31\tUSD\t310338\ttranslated\t/.test(l))).toBe(true);
    expect(lines.some((l) => /^gross_margin\tQ2-2024\t\t0\.168\d+\tcomputed\t/.test(l))).toBe(true);
    for (const l of lines) expect(l.split('\t')).toHaveLength(7);
    // Every origin is one of the five.
    expect(new Set(lines.slice(1).map((l) => l.split('\t')[4]))).toEqual(new Set(['reported', 'prose', 'derived', 'computed', 'translated']));
  });

  test('--csv: the same rows as CSV', async () => {
    const tsv = (await run('values')).out.replace(/\n$/, '').split('\n');
    const csv = (await run('values', '--csv')).out.replace(/\n$/, '').split('\n');
    expect(csv).toHaveLength(tsv.length);
    expect(csv[0]).toBe(VALUES_COLUMNS.join(','));
    expect(csv).toContain('total_revenues,Q2-2024,RMB,1891780,reported,Q2-2024 text,');
  });

  test('first_reported where a later release restated the figure (synthetic library)', () => {
    const lib = buildLibrary(syntheticLibraryEntries({ 'Q3-2025': { edits: { 'total_revenues|Q2-2025': 5000, 'total_revenues|9M-2025': 5000 } } }));
    const rows = valuesRows(lib);
    const q2 = rows.find((r) => r[0] === 'total_revenues' && r[1] === 'Q2-2025' && r[2] === 'RMB')!;
    expect(Number(q2[3]) - Number(q2[6])).toBe(5000);
    expect(q2[5]).toBe('Q3-2025 synthetic');
    expect(rows.filter((r) => r[6] !== '' && r[2] === 'RMB').map((r) => `${r[0]} ${r[1]}`)).toEqual(['total_revenues Q2-2025']);
  });

  test('an unknown option is a usage error', async () => {
    expect((await run('values', '--json')).code).toBe(2);
  });
});

describe('check and export take several releases, files or folders', () => {
  test('one file: the single-release report, unchanged', async () => {
    const one = await run('check', text);
    const shipped = await run('check');
    expect(one.code).toBe(0);
    expect(one.out.split('\n').slice(1)).toEqual(shipped.out.split('\n').slice(1));
    expect(one.out).not.toMatch(/Library:/);
  });

  test('a folder of the release in two forms: both accepted, the balance sheets agree, no restatement', async () => {
    const r = await run('check', folder);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(html ? /Library: 2 of 2 releases accepted \(Q2-2024 text, Q2-2024 html\)/ : /Library: 1 of 1/);
    expect(r.out).toMatch(/Restatements: 0/);
    expect(r.out).toMatch(/Result: OK — every release is accepted and every chain closes/);
    const json = JSON.parse((await run('check', folder, text, '--json')).out);
    expect(json.ok).toBe(true);
    expect(json.releases.map((x: { quarter: string }) => x.quarter)).toEqual(html ? ['Q2-2024', 'Q2-2024', 'Q2-2024'] : ['Q2-2024', 'Q2-2024']);
  });

  test('a refused release among them: exit 1, the others still reported', async () => {
    const bad = join(dir, 'bad.txt');
    // Cash and restricted cash exchanged on the balance sheet: the gate refuses it.
    const lines = SHIPPED_RELEASE_TEXT.split('\n');
    const a = lines.findIndex((l) => l.startsWith('Cash and cash equivalents\t'));
    const figures = (l: string) => l.slice(l.indexOf('\t'));
    [lines[a], lines[a + 1]] = ['Cash and cash equivalents' + figures(lines[a + 1]), 'Restricted cash' + figures(lines[a])];
    writeFileSync(bad, lines.join('\n'));
    const r = await run('check', text, bad);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/Library: 1 of 2 releases accepted/);
    expect(r.out).toMatch(/Result: REJECTED/);
    const out = join(dir, 'refused.xlsx');
    expect((await run('export', text, bad, '-o', out)).code).toBe(1);
    expect(existsSync(out)).toBe(false);
  });

  test('export of several releases writes the library\'s workbook', async () => {
    const out = join(dir, 'lib.xlsx');
    const r = await run('export', folder, '-o', out);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/from a library of \d releases, as of the Q2-2024 release/);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
  });
});
