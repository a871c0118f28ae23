import { existsSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main } from '../../src/cli/kc-model';
import { SHIPPED_RELEASE_TEXT } from '../../src/filing/shipped';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, (s) => (out += s + '\n'), (s) => (err += s + '\n'));
  return { code, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'kc-cli-'));
const seed = join(dir, 'release.txt');
writeFileSync(seed, SHIPPED_RELEASE_TEXT);

describe('kc-model check', () => {
  test('prints the facts count, every repair and the checks; exit 0', async () => {
    const r = await run('check', seed);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Release: release\.txt — Kingsoft Cloud Holdings Limited, Q2-2024$/m);
    expect(r.out).toMatch(/^Facts: 592 \(474 from tables, 118 from the prose\)$/m);
    expect(r.out).toMatch(/^Repairs: 19$/m);
    expect(r.out).toContain('R11  line 180  thousands_dot   Public cloud services | Three Months Ended Jun 30, 2024 US$: 169.879 -> 169,879');
    expect(r.out).toMatch(/^Checks: (\d+) run, \1 passed, 0 failed$/m);
    expect(r.out).toMatch(/Result: OK/);
  });

  test('the shipped release is the default', async () => {
    const r = await run('check');
    expect(r.code).toBe(0);
    expect(r.out).toContain('kc-2024q2-earnings-release.txt (shipped)');
  });

  test('--json prints facts with provenance, repairs and checks', async () => {
    const r = await run('check', seed, '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.ok).toBe(true);
    const cash = j.facts.find((f: { row: string; period: string; currency: string }) => f.row === 'cash' && f.period === '2024-06-30' && f.currency === 'RMB');
    expect(cash).toMatchObject({ table: 'balance_sheet', value: '1837757', provenance: { line: 130, rowLabel: 'Cash and cash equivalents', column: 'Jun 30, 2024 RMB' } });
    expect(j.repairs).toHaveLength(19);
    expect(j.checks.every((c: { pass: boolean }) => c.pass)).toBe(true);
    expect(typeof j.checks[0].expected).toBe('string');
  });

  test('a tampered release: exit 1 with the failing identity and line', async () => {
    const bad = join(dir, 'bad.txt');
    writeFileSync(bad, SHIPPED_RELEASE_TEXT.replace('Total revenues\t1,835,403', 'Total revenues\t1,835,503'));
    const r = await run('check', bad);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/FAIL income_statement\.total_revenues \[Q2-2023 RMB\] line 183: Total revenues = public cloud \+ enterprise cloud \+ others — expected 1835503, actual 1835403, difference 100/);
    expect(r.out).toContain('Result: REJECTED');
  });

  test('usage errors exit 2; a missing file exits 3', async () => {
    expect(await run('check', join(dir, 'missing.txt'))).toMatchObject({ code: 3, err: expect.stringContaining('file not found') });
    expect(await run('frobnicate')).toMatchObject({ code: 2, err: expect.stringContaining('unknown command "frobnicate"') });
    expect(await run('check', seed, '--yaml')).toMatchObject({ code: 2, err: expect.stringContaining('unexpected option --yaml') });
    expect(await run('export', seed, '-o')).toMatchObject({ code: 2, err: expect.stringContaining('-o needs a file name') });
    expect((await run('help')).code).toBe(0);
  });

  test('check runs the model checks too (prose, definitions)', async () => {
    const r = await run('check', seed);
    expect(r.out).toMatch(/^  prose +\d+ passed$/m);
    expect(r.out).toMatch(/^  definition +\d+ passed$/m);
  });
});

describe('kc-model export', () => {
  test('writes the workbook from the shipped release', async () => {
    const file = join(dir, 'model.xlsx');
    const r = await run('export', '-o', file);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Wrote .*model\.xlsx: 7 tabs \(KC Income Statement, KC Balance Sheet, KC Cash Flow, KC Non-GAAP, KC Revenue & Costs, KC Checks, KC Sources\), \d+ formulas, \d+ names\.$/m);
    expect(existsSync(file)).toBe(true);
  });

  test('a release that fails its checks writes nothing', async () => {
    const bad = join(dir, 'bad-export.txt');
    writeFileSync(bad, SHIPPED_RELEASE_TEXT.replace('Total revenues\t1,835,403', 'Total revenues\t1,835,503'));
    const file = join(dir, 'never.xlsx');
    const r = await run('export', bad, '-o', file);
    expect(r.code).toBe(1);
    expect(r.err).toContain('was not written');
    expect(existsSync(file)).toBe(false);
  });
});
