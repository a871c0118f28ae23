import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main } from '../../src/cli/kc-model';
import { SHIPPED_RELEASE_TEXT } from '../../src/filing/shipped';
import { acceptRelease } from '../../src/model/gate';

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, (s) => out.push(s), (s) => err.push(s));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('kc-model check and export apply the add-in\'s gate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kc-gate-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  // Deleting the comprehensive loss row: the parser reads the rest, the required-rows check refuses.
  const lines = SHIPPED_RELEASE_TEXT.split('\n');
  lines.splice(lines.findIndex((l) => l.startsWith('Comprehensive loss\t')), 1);
  const refused = lines.join('\n');

  test('check: a refused release fails with the gate\'s check, exit 1', async () => {
    expect(acceptRelease(refused).accepted).toBe(false);
    const r = await run(['check', write('refused.txt', refused)]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/FAIL required\.income_statement \[Q2-2024\] line \d+: Every row of the unaudited condensed consolidated statements of comprehensive loss is present; missing: "Comprehensive loss"/);
    expect(r.out).toMatch(/Result: REJECTED/);
    const j = await run(['check', write('refused.txt', refused), '--json']);
    expect(j.code).toBe(1);
    const report = JSON.parse(j.out);
    expect(report.ok).toBe(false);
    expect(report.checks.filter((c: { pass: boolean }) => !c.pass).map((c: { id: string }) => c.id)).toEqual(['required.income_statement']);
  });

  test('export: a refused release writes nothing, exit 1', async () => {
    const out = join(dir, 'model.xlsx');
    const r = await run(['export', write('refused.txt', refused), '-o', out]);
    expect(r.code).toBe(1);
    expect(existsSync(out)).toBe(false);
    expect(r.err).toMatch(/fails its checks; .*model\.xlsx was not written/);
  });

  test('check: the shipped release passes, exit 0, with every check the gate ran', async () => {
    const r = await run(['check', '--json']);
    expect(r.code).toBe(0);
    const v = acceptRelease(SHIPPED_RELEASE_TEXT);
    expect(JSON.parse(r.out).checks).toHaveLength(v.checks.length);
  });
});
