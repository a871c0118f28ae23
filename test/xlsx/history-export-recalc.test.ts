import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { libraryReport } from '../../src/cli/library';
import { main, readSources } from '../../src/cli/kc-model';
import { buildPlan } from '../../src/sheets/build';
import { parseAddress } from '../../src/sheets/a1';
import type { SheetPlan } from '../../src/sheets/plan';
import type { Library } from '../../src/model/library';
import { describeMismatches, findSoffice, formulaErrors, recalculate, sofficeMissingMessage, verifyFormulas, type RecalculatedWorkbook } from '../support/libreoffice';

/**
 * `kc-model export test/library-releases/history -o x.xlsx`: the workbook the CLI writes from a folder of releases
 * in mixed forms (the real Q2 2024 release among SYNTHETIC test releases Q1 2023 … Q3 2025: OCR text, EDGAR HTML,
 * newswire copy, pdftotext layout, PDF), recalculated by LibreOffice. The file under test is the CLI's own output;
 * the expected values come from the same releases read again into a library.
 */
const run = findSoffice() !== undefined || Boolean(process.env.CI);
if (!run) console.warn(`Skipping the history export recalculation test. ${sofficeMissingMessage()}`);
const describeLibreOffice = run ? describe : describe.skip;
const HISTORY = join(__dirname, '..', 'library-releases', 'history');

describeLibreOffice('kc-model export of the history folder, recalculated by LibreOffice', () => {
  let dir: string;
  let plan: SheetPlan;
  let lib: Library;
  let values: RecalculatedWorkbook;
  let said = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kc-history-export-'));
    const output = join(dir, 'x.xlsx');
    const code = await main(['export', HISTORY, '-o', output], (s) => (said += s + '\n'), (s) => (said += s + '\n'));
    if (code !== 0) throw new Error(`kc-model export exited ${code}:\n${said}`);
    const r = libraryReport(await readSources([HISTORY]));
    lib = r.library!;
    plan = buildPlan(lib);
    values = await recalculate(output);
  }, 300_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('the CLI reads every release of the folder into one library', () => {
    expect(said).toMatch(/from a library of 11 releases, as of the Q3-2025 release/);
    expect(lib.releases().length).toBe(11);
  });

  test('every formula cell equals the library’s value', () => {
    const mismatches = verifyFormulas(plan, values);
    if (mismatches.length > 0) throw new Error(`formula cells disagree with the library:\n${describeMismatches(mismatches)}`);
    expect(plan.tabs.reduce((n, t) => n + t.expectations.length, 0)).toBeGreaterThan(500);
  });

  test('no formula cell evaluates to an error, and no cell of any sheet is an error', () => {
    expect(formulaErrors(plan, values)).toEqual([]);
    const errors: string[] = [];
    for (const [sheet, grid] of values) grid.forEach((row, r) => row.forEach((v, c) => {
      if (typeof v === 'string' && /^(#[A-Z/0!?]+|Err:\d+)$/.test(v)) errors.push(`${sheet} r${r + 1} c${c + 1}: ${v}`);
    }));
    expect(errors).toEqual([]);
  });

  test('every figure cell shows the library’s figure', () => {
    const wrong: string[] = [];
    let seen = 0;
    for (const t of plan.tabs) {
      const grid = values.get(t.name)!;
      for (const [a, k] of Object.entries(t.cellKeys ?? {})) {
        const { row, col } = parseAddress(a);
        const want = lib.get(k.metric, k.period, k.currency).value.toNumber() * (k.sign ?? 1);
        const got = grid[row]?.[col];
        seen++;
        if (typeof got !== 'number' || Math.abs(got - want) > 1e-9 * Math.max(1, Math.abs(want))) wrong.push(`${t.name}!${a} ${k.metric} ${k.period}: ${got} ≠ ${want}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(seen).toBeGreaterThan(1000);
  });

  test('KC Checks: ALL CHECKS PASS, computed by LibreOffice', () => {
    const checks = values.get('KC Checks')!;
    const row = (label: RegExp) => checks.find((r) => label.test(String(r[0])))!;
    expect([row(/^Live checks \(/)[3], row(/^Release checks run/)[3], row(/^Chains across releases/)[3], row(/^All checks$/)[3]]).toEqual([0, 0, 0, 0]);
    expect(row(/^Status$/)[1]).toBe('ALL CHECKS PASS');
  });
});
