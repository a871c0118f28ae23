import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import * as ExcelJS from 'exceljs';
import { parseAddress } from '../../src/sheets/a1';
import type { SheetPlan } from '../../src/sheets/plan';
import { writeXlsx } from '../../src/xlsx/render';
import {
  describeMismatches,
  findSoffice,
  formulaErrors,
  recalculateAll,
  sofficeMissingMessage,
  verifyFormulas,
  type RecalculatedWorkbook,
} from '../support/libreoffice';
import { BROKEN, CK, FORMULA_LIKE_TEXT, IS, NG, brokenKcPlan, formulaCells, largePlan } from '../support/xlsx-plan-fixtures';

/**
 * The exported workbook, recalculated by an independent engine (LibreOffice), must give every formula cell the
 * value the calculation module computes. All three workbooks go through ONE LibreOffice run.
 *
 * Skipped only when LibreOffice is absent and this is not CI (CI installs it: there a missing soffice fails).
 */
const soffice = findSoffice();
const run = soffice !== undefined || Boolean(process.env.CI);
if (!run) console.warn(`Skipping the LibreOffice recalculation tests. ${sofficeMissingMessage()}`);
const describeLibreOffice = run ? describe : describe.skip;

describeLibreOffice(`LibreOffice recalculation${run ? '' : ' (skipped: soffice not found)'}`, () => {
  let dir: string;
  let good: SheetPlan;
  let broken: SheetPlan;
  let goodValues: RecalculatedWorkbook;
  let brokenValues: RecalculatedWorkbook;
  let staleValues: RecalculatedWorkbook;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kc-recalc-'));
    good = largePlan();
    broken = brokenKcPlan();
    await writeXlsx(good, join(dir, 'good.xlsx'));
    await writeXlsx(broken, join(dir, 'broken.xlsx'));
    await writeStaleWorkbook(join(dir, 'stale.xlsx'));
    [goodValues, brokenValues, staleValues] = await recalculateAll([join(dir, 'good.xlsx'), join(dir, 'broken.xlsx'), join(dir, 'stale.xlsx')]);
  }, 180_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('recalculates on load: a stale cached result is replaced', () => {
    expect(staleValues.get('Stale')![2][0]).toBe(30.5);
  });

  test('every formula cell of the plan evaluates to what the calculation module computes', () => {
    const mismatches = verifyFormulas(good, goodValues);
    if (mismatches.length > 0) throw new Error(`formula cells disagree with the model:\n${describeMismatches(mismatches)}`);
    expect(formulaErrors(good, goodValues)).toEqual([]);
    // Every formula cell is covered: all have an expectation but the three PASS/FAIL status cells (text).
    const expected = new Set(good.tabs.flatMap((t) => t.expectations.map((e) => `${t.name}!${e.address}`)));
    const unchecked = formulaCells(good).filter(([sheet, a1]) => !expected.has(`${sheet}!${a1}`)).map(([sheet, a1]) => `${sheet}!${a1}`);
    expect(unchecked).toEqual([`${CK}!E4`, `${CK}!E5`, `${CK}!E6`]);
    expect(expected.size).toBeGreaterThan(300);
  });

  test('amounts agree exactly; ratios within their tolerance', () => {
    const is = goodValues.get(IS)!;
    expect(is[11][3]).toBe(1891780); // total revenues, Q2 2024
    expect(is[19][3]).toBe(-277569); // operating loss
    expect(is[19][5]).toBe(-551726); // six months
    const ng = goodValues.get(NG)!;
    expect(ng[14][3]).toBeCloseTo(60594 / 1891780, 12); // through the names KC_ADJ_EBITDA_Q2_2024 / KC_TOTAL_REVENUES_Q2_2024
    const checks = goodValues.get(CK)!;
    expect([checks[3][4], checks[4][4], checks[5][4], checks[7][1]]).toEqual(['PASS', 'PASS', 'PASS', 3]);
  });

  test('a broken formula is reported with its sheet, cell, formula, expected and actual value', () => {
    const mismatches = verifyFormulas(broken, brokenValues);
    const expectationOf = (sheet: string, cell: string) => broken.tabs.find((t) => t.name === sheet)!.expectations.find((e) => e.address === cell)!;
    expect(mismatches).toEqual(
      BROKEN.map((b) => ({ sheet: b.sheet, cell: b.cell, formula: b.formula, expected: expectationOf(b.sheet, b.cell).expected, actual: b.actual, rule: expectationOf(b.sheet, b.cell).rule })),
    );
    expect(formulaErrors(broken, brokenValues)).toEqual([{ sheet: BROKEN[1].sheet, cell: 'F8', formula: BROKEN[1].formula, error: '#NAME?' }]);
  });

  test('text beginning with = is still text after recalculation', () => {
    const is = goodValues.get(IS)!;
    for (const [a1, text] of Object.entries(FORMULA_LIKE_TEXT)) {
      const { row, col } = parseAddress(a1);
      expect(is[row][col]).toBe(text);
    }
  });
});

/** A workbook as Excel might save it: a formula whose cached result is wrong. */
async function writeStaleWorkbook(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Stale');
  ws.getCell('A1').value = 10;
  ws.getCell('A2').value = 20.5;
  ws.getCell('A3').value = { formula: 'A1+A2', result: 999 };
  await wb.xlsx.writeFile(path);
}
