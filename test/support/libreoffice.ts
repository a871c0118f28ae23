import { spawn } from 'child_process';
import { accessSync, constants, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { delimiter, join } from 'path';
import { pathToFileURL } from 'url';
import type * as ExcelJS from 'exceljs';
import { address, parseAddress, sheetRef } from '../../src/sheets/a1';
import type { SheetPlan } from '../../src/sheets/plan';

/**
 * An independent spreadsheet engine for the .xlsx export: LibreOffice opens the file, recalculates every formula,
 * and saves it again; the values it computed are then read back and compared with what the calculation module says.
 *
 * Reading back: the converted file is opened with ExcelJS and each formula cell's cached result is taken. The
 * .xlsx route is preferred over the CSV filter because it keeps cell types: an error is `t="e"` (so #NAME? is
 * never mistaken for text), text results are `t="str"`, and numbers are not formatted for display. LibreOffice
 * writes results with 15 significant digits, the precision Excel itself computes to.
 */

/** The Debian package that provides `soffice` for headless conversion. */
export const LIBREOFFICE_PACKAGE = 'libreoffice-calc-nogui';

/** One value per cell, [row][column] from A1. Errors are their text ('#NAME?'); booleans are 1 and 0. */
export type RecalculatedValue = string | number | null;
/** Worksheet name → its recalculated grid. */
export type RecalculatedWorkbook = Map<string, RecalculatedValue[][]>;

/** `soffice` from $SOFFICE or the PATH (or macOS's application bundle); undefined when LibreOffice is absent. */
export function findSoffice(): string | undefined {
  const candidates = [
    process.env.SOFFICE,
    ...(process.env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, 'soffice')),
    '/Applications/LibreOffice.app/Contents/MacOS/soffice',
  ];
  for (const c of candidates) {
    if (!c) continue;
    try {
      accessSync(c, constants.X_OK);
      return c;
    } catch {
      // not here
    }
  }
  return undefined;
}

export function sofficeMissingMessage(): string {
  return `LibreOffice is not installed: no \`soffice\` on the PATH (or in $SOFFICE). On Debian or Ubuntu: apt-get install -y --no-install-recommends ${LIBREOFFICE_PACKAGE}`;
}

// Seeded into each fresh profile: "always recalculate" on load for OOXML and ODF files (by default LibreOffice
// keeps the results cached in the file, which would prove nothing).
const RECALC_ON_LOAD = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

export interface RecalculateOptions {
  /** Kills LibreOffice after this long (default 120 s: a cold start on a busy machine can take a while). */
  timeoutMs?: number;
}

/** Recalculates one workbook with LibreOffice and returns every sheet's values. */
export async function recalculate(xlsxPath: string, options: RecalculateOptions = {}): Promise<RecalculatedWorkbook> {
  const [book] = await recalculateAll([xlsxPath], options);
  return book;
}

/**
 * Recalculates several workbooks in ONE LibreOffice run (each start costs about a second), in a fresh profile
 * of its own, so concurrent calls never share one (a second instance on a busy profile silently does nothing).
 */
export async function recalculateAll(xlsxPaths: string[], options: RecalculateOptions = {}): Promise<RecalculatedWorkbook[]> {
  const soffice = findSoffice();
  if (!soffice) throw new Error(sofficeMissingMessage());
  const work = mkdtempSync(join(tmpdir(), 'kc-libreoffice-'));
  try {
    const profile = join(work, 'profile');
    mkdirSync(join(profile, 'user'), { recursive: true });
    writeFileSync(join(profile, 'user', 'registrymodifications.xcu'), RECALC_ON_LOAD);
    const inDir = join(work, 'in');
    const outDir = join(work, 'out');
    mkdirSync(inDir);
    mkdirSync(outDir);
    // Copies with distinct names: outputs are named after their inputs, and two inputs may share a base name.
    const inputs = xlsxPaths.map((p, i) => {
      if (!existsSync(p)) throw new Error(`no such workbook: ${p}`);
      const copy = join(inDir, `book-${i}.xlsx`);
      copyFileSync(p, copy);
      return copy;
    });

    const args = [
      '--headless', '--norestore', '--nologo', '--nodefault', '--nolockcheck',
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      '--convert-to', 'xlsx:Calc MS Excel 2007 XML',
      '--outdir', outDir,
      ...inputs,
    ];
    const run = await runProcess(soffice, args, options.timeoutMs ?? 120_000);

    const books: RecalculatedWorkbook[] = [];
    for (let i = 0; i < inputs.length; i++) {
      const out = join(outDir, `book-${i}.xlsx`);
      // LibreOffice exits 0 even when it wrote nothing (e.g. a profile in use): the file is the only proof.
      if (!existsSync(out)) {
        throw new Error(`LibreOffice wrote no recalculated copy of ${xlsxPaths[i]} (exit ${run.code}).\nstdout: ${run.stdout}\nstderr: ${run.stderr}`);
      }
      books.push(await readValues(out));
    }
    return books;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function runProcess(cmd: string, args: string[], timeoutMs: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // Its own process group, so a timeout also ends soffice.bin behind the `soffice` launcher script.
    const child = spawn(cmd, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
      reject(new Error(`LibreOffice did not finish within ${timeoutMs / 1000} s: ${cmd} ${args.join(' ')}`));
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`could not start LibreOffice (${cmd}): ${e.message}. ${sofficeMissingMessage()}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Every sheet of a workbook as a grid of values; formula cells give their cached results (what the last engine
 *  to save the file computed). */
export async function readValues(xlsxPath: string): Promise<RecalculatedWorkbook> {
  const { Workbook, ValueType } = require('exceljs') as typeof ExcelJS;
  const wb = new Workbook();
  await wb.xlsx.readFile(xlsxPath);
  const book: RecalculatedWorkbook = new Map();
  wb.eachSheet((ws) => {
    const grid: RecalculatedValue[][] = [];
    let width = 0;
    ws.eachRow((row, r) => {
      row.eachCell((cell, c) => {
        // `cell.value` drops falsy formula results (0, FALSE, ""): ExcelJS copies only truthy fields; `cell.result`
        // does not.
        const v = cell.type === ValueType.Formula ? plainValue(cell.result as ExcelJS.CellValue | undefined) : plainValue(cell.value);
        if (v === null) return;
        (grid[r - 1] ??= [])[c - 1] = v;
        width = Math.max(width, c);
      });
    });
    // Dense: null wherever the sheet is empty.
    for (let r = 0; r < grid.length; r++) grid[r] = Array.from({ length: width }, (_, c) => grid[r]?.[c] ?? null);
    book.set(ws.name, grid);
  });
  return book;
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

function plainValue(v: ExcelJS.CellValue | undefined): RecalculatedValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Date) return (v.getTime() - EXCEL_EPOCH_MS) / 86_400_000; // a number shown as a date
  if ('error' in v) return v.error;
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('text' in v) return typeof v.text === 'string' ? v.text : plainValue(v.text as ExcelJS.CellValue);
  return null;
}

const ERROR_VALUE = /^(#NULL!|#DIV\/0!|#VALUE!|#REF!|#NAME\?|#NUM!|#N\/A|#GETTING_DATA|#SPILL!|#CALC!|Err:\d+)$/;

/** Spreadsheet error values as the engines write them (#REF!, #NAME?, #DIV/0!, …, and LibreOffice's Err:502). */
export function isErrorValue(v: RecalculatedValue): v is string {
  return typeof v === 'string' && ERROR_VALUE.test(v);
}

export interface FormulaMismatch {
  sheet: string;
  cell: string;
  formula: string;
  expected: number;
  /** What the engine computed: a number, text, an error's text ('#NAME?'), or null for no value at all. */
  actual: RecalculatedValue;
  rule: string;
}

/**
 * Compares every FormulaExpectation of the plan with the engine's value. "Exact" (tolerance 0) means equal to 15
 * significant digits, the precision both engines keep; anything that is not a number (an error, text, nothing)
 * is a mismatch.
 */
export function verifyFormulas(plan: SheetPlan, recalculated: RecalculatedWorkbook): FormulaMismatch[] {
  const mismatches: FormulaMismatch[] = [];
  for (const tab of plan.tabs) {
    const grid = recalculated.get(tab.name);
    for (const e of tab.expectations) {
      const { row, col } = parseAddress(e.address);
      const actual = grid?.[row]?.[col] ?? null;
      if (typeof actual === 'number' && agrees(actual, e.expected, e.tolerance)) continue;
      mismatches.push({
        sheet: tab.name,
        cell: address(row, col),
        formula: tab.formulas[row]?.[col] ?? '(the plan has no formula here)',
        expected: e.expected,
        actual,
        rule: e.rule,
      });
    }
  }
  return mismatches;
}

function agrees(actual: number, expected: number, tolerance: number): boolean {
  return Math.abs(actual - expected) <= tolerance || actual.toPrecision(15) === expected.toPrecision(15);
}

export interface FormulaError {
  sheet: string;
  cell: string;
  formula: string;
  error: string;
}

/** Every formula cell of the plan (with or without an expectation) whose value is an error. */
export function formulaErrors(plan: SheetPlan, recalculated: RecalculatedWorkbook): FormulaError[] {
  const errors: FormulaError[] = [];
  for (const tab of plan.tabs) {
    const grid = recalculated.get(tab.name);
    tab.formulas.forEach((row, r) =>
      row.forEach((formula, c) => {
        const v = grid?.[r]?.[c] ?? null;
        if (formula !== null && isErrorValue(v)) errors.push({ sheet: tab.name, cell: address(r, c), formula, error: v });
      }),
    );
  }
  return errors;
}

/** One line per mismatch, for test failure messages. */
export function describeMismatches(mismatches: FormulaMismatch[]): string {
  return mismatches
    .map((m) => `${sheetRef(m.sheet, m.cell)} ${m.formula}: expected ${m.expected}, got ${JSON.stringify(m.actual)} (${m.rule})`)
    .join('\n');
}
