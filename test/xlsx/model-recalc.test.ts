import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { getShippedModel } from '../../src/model/shipped';
import { buildPlan } from '../../src/sheets/build';
import type { SheetPlan } from '../../src/sheets/plan';
import { writeXlsx } from '../../src/xlsx/render';
import { describeMismatches, findSoffice, formulaErrors, recalculate, sofficeMissingMessage, verifyFormulas, type RecalculatedWorkbook } from '../support/libreoffice';

/**
 * The real model workbook — built from the shipped release by the calculation module, exported with ExcelJS —
 * recalculated by LibreOffice: every formula cell must give the calculation module's value.
 */
const run = findSoffice() !== undefined || Boolean(process.env.CI);
if (!run) console.warn(`Skipping the model recalculation test. ${sofficeMissingMessage()}`);
const describeLibreOffice = run ? describe : describe.skip;

describeLibreOffice('the exported model, recalculated by LibreOffice', () => {
  let dir: string;
  let plan: SheetPlan;
  let values: RecalculatedWorkbook;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kc-model-recalc-'));
    plan = buildPlan(getShippedModel());
    await writeXlsx(plan, join(dir, 'KC-model.xlsx'));
    values = await recalculate(join(dir, 'KC-model.xlsx'));
  }, 180_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('every formula cell equals the calculation module', () => {
    const mismatches = verifyFormulas(plan, values);
    if (mismatches.length > 0) throw new Error(`formula cells disagree with the model:\n${describeMismatches(mismatches)}`);
    const expectations = plan.tabs.reduce((n, t) => n + t.expectations.length, 0);
    expect(expectations).toBeGreaterThan(300);
  });

  test('no formula cell evaluates to an error', () => {
    expect(formulaErrors(plan, values)).toEqual([]);
  });

  test('the Checks tab reports every check passing, computed by the engine, live and recorded counted apart', () => {
    const checks = values.get('KC Checks')!;
    const row = (label: RegExp) => checks.find((r) => label.test(String(r[0])))!;
    const live = row(/^Live checks \(/);
    const recorded = row(/^Release checks run by the add-in \(/);
    const all = row(/^All checks$/);
    expect([live[3], recorded[3], all[3]]).toEqual([0, 0, 0]);
    expect(live[2]).toBe(live[1]);
    expect(recorded[2]).toBe(recorded[1]);
    expect(recorded[1]).toBe(getShippedModel().checks().length);
    expect(all[1]).toBe((live[1] as number) + (recorded[1] as number));
    expect(row(/^Status$/)[1]).toBe('ALL CHECKS PASS');
    const statuses = checks.map((r) => r[7]).filter((s) => s === 'PASS' || s === 'FAIL');
    expect(statuses.length).toBe(all[1]);
    expect(statuses.every((s) => s === 'PASS')).toBe(true);
  });

  test('the cached results written in the file agree with what LibreOffice computes', () => {
    const disagree: string[] = [];
    for (const t of plan.tabs) {
      const grid = values.get(t.name)!;
      t.results?.forEach((row, r) =>
        row.forEach((cached, c) => {
          if (cached === null) return;
          const got = grid[r]?.[c];
          const same = typeof cached === 'number' ? typeof got === 'number' && Math.abs(got - cached) <= 1e-6 * Math.max(1, Math.abs(cached)) : got === cached;
          if (!same) disagree.push(`${t.name}!${String.fromCharCode(65 + c)}${r + 1}: cached ${JSON.stringify(cached)}, LibreOffice ${JSON.stringify(got)}`);
        }),
      );
    }
    expect(disagree).toEqual([]);
  });

  test('headline figures land where their names say', () => {
    const is = values.get('KC Income Statement')!;
    const ng = values.get('KC Non-GAAP')!;
    const cell = (grid: (string | number | null)[][], a1: string) => {
      const m = /^\$([A-Z]+)\$(\d+)$/.exec(a1)!;
      return grid[Number(m[2]) - 1][m[1].charCodeAt(0) - 65];
    };
    const named = (name: string) => {
      const n = plan.names.find((x) => x.name === name)!;
      return cell(values.get(n.tab)!, n.address);
    };
    expect(named('KC_TOTAL_REVENUES_Q2_2024')).toBe(1891780);
    expect(named('KC_ADJ_EBITDA_Q2_2024')).toBe(60594);
    expect(named('KC_ADJ_EBITDA_Q2_2024_USD')).toBe(8338);
    expect(named('KC_NORMALIZED_ADJ_EBITDA_Q1_2024')).toBe(9366);
    expect(named('KC_NET_LOSS_H1_2024')).toBe(-717334);
    expect(named('KC_TOTAL_ASSETS_2024_06_30')).toBe(16460960);
    expect(named('KC_CASH_END_Q2_2024')).toBe(2096404);
    expect(named('KC_EPS_BASIC_DILUTED_Q2_2024')).toBe(-0.1);
    expect(Math.round((named('KC_ADJ_GROSS_MARGIN_Q2_2024') as number) * 1000)).toBe(171);
    void is;
    void ng;
  });
});
