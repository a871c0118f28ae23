import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { buildLibrary } from '../../src/model/library';
import { buildPlan } from '../../src/sheets/build';
import { parseAddress } from '../../src/sheets/a1';
import type { SheetPlan } from '../../src/sheets/plan';
import { writeXlsx } from '../../src/xlsx/render';
import { describeMismatches, findSoffice, formulaErrors, recalculate, sofficeMissingMessage, verifyFormulas, type RecalculatedWorkbook } from '../support/libreoffice';
import { syntheticLibraryEntries } from '../support/synthetic-library';

/**
 * The workbook of a library of releases (the real Q2 2024 release among SYNTHETIC test releases Q1 2023 … Q3 2025;
 * one of them prints its year-to-date columns only, so Q4 2024 is derived), exported as `kc-model export` exports
 * it, recalculated by LibreOffice: every formula cell equals the library's value, no error, all checks pass.
 */
const run = findSoffice() !== undefined || Boolean(process.env.CI);
if (!run) console.warn(`Skipping the library recalculation test. ${sofficeMissingMessage()}`);
const describeLibreOffice = run ? describe : describe.skip;

describeLibreOffice('the exported library workbook, recalculated by LibreOffice', () => {
  let dir: string;
  let plan: SheetPlan;
  let values: RecalculatedWorkbook;
  const lib = buildLibrary(syntheticLibraryEntries({ 'Q4-2024': { ytdOnly: true } }));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kc-library-recalc-'));
    plan = buildPlan(lib);
    await writeXlsx(plan, join(dir, 'KC-library.xlsx'));
    values = await recalculate(join(dir, 'KC-library.xlsx'));
  }, 240_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('every formula cell equals the library’s value', () => {
    const mismatches = verifyFormulas(plan, values);
    if (mismatches.length > 0) throw new Error(`formula cells disagree with the library:\n${describeMismatches(mismatches)}`);
    expect(plan.tabs.reduce((n, t) => n + t.expectations.length, 0)).toBeGreaterThan(500);
  });

  test('no formula cell evaluates to an error', () => {
    expect(formulaErrors(plan, values)).toEqual([]);
  });

  test('every figure cell shows the library’s figure, recalculated', () => {
    const wrong: string[] = [];
    for (const t of plan.tabs) {
      const grid = values.get(t.name)!;
      for (const [a, k] of Object.entries(t.cellKeys ?? {})) {
        const { row, col } = parseAddress(a);
        const want = lib.get(k.metric, k.period, k.currency).value.toNumber() * (k.sign ?? 1);
        const got = grid[row]?.[col];
        if (typeof got !== 'number' || Math.abs(got - want) > 1e-9 * Math.max(1, Math.abs(want))) wrong.push(`${t.name}!${a} ${k.metric} ${k.period}: ${grid[row]?.[col]} ≠ ${want}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  test('KC Checks: live checks, release checks and chains across releases all pass, computed by the engine', () => {
    const checks = values.get('KC Checks')!;
    const row = (label: RegExp) => checks.find((r) => label.test(String(r[0])))!;
    const kinds = checks.filter((r) => / chain checks passed — /.test(String(r[0])));
    expect(row(/^Chains across releases/)[1]).toBe(kinds.length);
    expect(kinds.reduce((n, r) => n + (r[3] as number), 0)).toBe(lib.chainChecks().length);
    expect([row(/^Live checks \(/)[3], row(/^Release checks run/)[3], row(/^Chains across releases/)[3], row(/^All checks$/)[3]]).toEqual([0, 0, 0, 0]);
    expect(row(/^Status$/)[1]).toBe('ALL CHECKS PASS');
  });

  test('names of every period land on the library’s figures, the derived Q4 2024 too', () => {
    const named = (name: string) => {
      const n = plan.names.find((x) => x.name === name)!;
      const { row, col } = parseAddress(n.address);
      return values.get(n.tab)![row][col];
    };
    for (const [name, metric, period, cur] of [
      ['KC_TOTAL_REVENUES_Q4_2024', 'total_revenues', 'Q4-2024', 'RMB'],
      ['KC_TOTAL_REVENUES_Q2_2024', 'total_revenues', 'Q2-2024', 'RMB'],
      ['KC_ADJ_EBITDA_Q3_2025', 'adj_ebitda', 'Q3-2025', 'RMB'],
      ['KC_NET_LOSS_FY_2024', 'net_loss', 'FY-2024', 'RMB'],
      ['KC_CASH_2025_09_30', 'cash', '2025-09-30', 'RMB'],
      ['KC_ADJ_EBITDA_Q2_2024_USD', 'adj_ebitda', 'Q2-2024', 'USD'],
    ] as const) expect([name, named(name)]).toEqual([name, lib.get(metric, period, cur).value.toNumber()]);
    expect(named('KC_ADJ_EBITDA_Q2_2024_USD')).toBe(8338);
  });
});
