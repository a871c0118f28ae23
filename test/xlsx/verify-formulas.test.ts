import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import * as ExcelJS from 'exceljs';
import type { SheetPlan } from '../../src/sheets/plan';
import {
  LIBREOFFICE_PACKAGE,
  describeMismatches,
  formulaErrors,
  isErrorValue,
  readValues,
  recalculate,
  verifyFormulas,
  type RecalculatedWorkbook,
} from '../support/libreoffice';
import { DraftTab, EXACT, RATIO } from '../support/xlsx-plan-fixtures';

/** The comparison and reading-back halves of test/support/libreoffice.ts, without LibreOffice. */

function plan(): SheetPlan {
  const t = new DraftTab('income_statement', 'KC Income Statement', 4, 3, [260, 86, 86]);
  t.input('B1', 100).input('B2', 200);
  t.formula('B3', '=SUM(B1:B2)', 300);
  t.formula('B4', '=B1/B3', 1 / 3, RATIO);
  t.formula('C1', '=B1*3', 300, EXACT);
  t.formula('C2', '=IF(B1>0,"PASS","FAIL")', undefined);
  return { release: 'test', tabs: [t.toPlan()], names: [] };
}

const grid = (cells: Record<string, string | number | null>): RecalculatedWorkbook => {
  const g: (string | number | null)[][] = Array.from({ length: 4 }, () => [null, null, null]);
  for (const [a1, v] of Object.entries(cells)) g[Number(a1.slice(1)) - 1][a1.charCodeAt(0) - 65] = v;
  return new Map([['KC Income Statement', g]]);
};

describe('verifyFormulas', () => {
  test('no mismatch when every value agrees (exact, or within the tolerance)', () => {
    expect(verifyFormulas(plan(), grid({ B1: 100, B2: 200, B3: 300, B4: 0.333333333333333, C1: 300, C2: 'PASS' }))).toEqual([]);
  });

  test('exact means equal to 15 significant digits (both engines keep 15)', () => {
    const p = plan();
    p.tabs[0].expectations.find((e) => e.address === 'C1')!.expected = 0.1 + 0.2; // 0.30000000000000004 in binary
    expect(verifyFormulas(p, grid({ B4: 1 / 3, C1: 0.3, B3: 300 }))).toEqual([]);
    expect(verifyFormulas(p, grid({ B4: 1 / 3, C1: 0.300000000000001, B3: 300 })).map((m) => m.cell)).toEqual(['C1']);
  });

  test('reports a wrong value, an error, text and a missing value, with the plan\'s formula', () => {
    const m = verifyFormulas(plan(), grid({ B3: 299, B4: '#DIV/0!', C1: 'n/a' }));
    expect(m).toEqual([
      { sheet: 'KC Income Statement', cell: 'B3', formula: '=SUM(B1:B2)', expected: 300, actual: 299, rule: 'RMB identity: exact' },
      { sheet: 'KC Income Statement', cell: 'B4', formula: '=B1/B3', expected: 1 / 3, actual: '#DIV/0!', rule: 'ratio: floating-point agreement' },
      { sheet: 'KC Income Statement', cell: 'C1', formula: '=B1*3', expected: 300, actual: 'n/a', rule: 'RMB identity: exact' },
    ]);
    expect(describeMismatches(m)).toContain(`'KC Income Statement'!B4 =B1/B3: expected ${1 / 3}, got "#DIV/0!"`);
    expect(verifyFormulas(plan(), grid({ B4: 1 / 3, C1: 300 })).map((x) => [x.cell, x.actual])).toEqual([['B3', null]]);
  });

  test('a tab missing from the recalculated workbook fails every expectation on it', () => {
    expect(verifyFormulas(plan(), new Map()).map((m) => m.actual)).toEqual([null, null, null]);
  });

  test('formulaErrors covers formula cells without expectations; error values are recognised', () => {
    expect(formulaErrors(plan(), grid({ B3: 300, B4: 1 / 3, C1: 300, C2: 'Err:502' }))).toEqual([
      { sheet: 'KC Income Statement', cell: 'C2', formula: '=IF(B1>0,"PASS","FAIL")', error: 'Err:502' },
    ]);
    for (const e of ['#REF!', '#NAME?', '#DIV/0!', '#VALUE!', '#N/A', '#NUM!', '#NULL!', 'Err:508']) expect(isErrorValue(e)).toBe(true);
    for (const v of ['PASS', '#1 customer', 0, null]) expect(isErrorValue(v)).toBe(false);
  });
});

describe('readValues', () => {
  test('takes formula results, including the falsy ones ExcelJS drops from cell.value (0, FALSE)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kc-read-'));
    try {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('KC Checks');
      ws.getCell('A1').value = 'Difference';
      ws.getCell('B1').value = { formula: 'C1-C1', result: 0 };
      ws.getCell('B2').value = { formula: 'C1=0', result: false };
      ws.getCell('B3').value = { formula: '1/0', result: { error: '#DIV/0!' } };
      ws.getCell('B4').value = { formula: 'IF(TRUE,"PASS")', result: 'PASS' };
      ws.getCell('C1').value = 7;
      ws.getCell('C3').value = { formula: 'C1*2' }; // never calculated: no value
      await wb.xlsx.writeFile(join(dir, 'book.xlsx'));
      const values = await readValues(join(dir, 'book.xlsx'));
      expect(values.get('KC Checks')).toEqual([
        ['Difference', 0, 7],
        [null, 0, null],
        [null, '#DIV/0!', null],
        [null, 'PASS', null],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('recalculate without LibreOffice', () => {
  /** Runs `fn` with $SOFFICE pointing at a shell script standing in for LibreOffice. */
  async function withFakeSoffice(script: string, fn: (workbook: string) => Promise<void>): Promise<void> {
    const dir = mkdtempSync(join(tmpdir(), 'kc-fake-soffice-'));
    const saved = process.env.SOFFICE;
    try {
      const fake = join(dir, 'soffice');
      writeFileSync(fake, `#!/bin/sh\n${script}\n`);
      chmodSync(fake, 0o755);
      const workbook = join(dir, 'book.xlsx');
      writeFileSync(workbook, 'not really a workbook');
      process.env.SOFFICE = fake;
      await fn(workbook);
    } finally {
      if (saved === undefined) delete process.env.SOFFICE;
      else process.env.SOFFICE = saved;
      rmSync(dir, { recursive: true, force: true });
    }
  }

  test('a run that exits 0 but writes nothing is an error, not an empty result', async () => {
    await withFakeSoffice('exit 0', (book) => expect(recalculate(book)).rejects.toThrow(`LibreOffice wrote no recalculated copy of ${book} (exit 0)`));
  });

  test('a run that hangs is stopped at the timeout', async () => {
    await withFakeSoffice('sleep 30', (book) => expect(recalculate(book, { timeoutMs: 300 })).rejects.toThrow('LibreOffice did not finish within 0.3 s'));
  });

  test('names the Debian package to install', async () => {
    const saved = { PATH: process.env.PATH, SOFFICE: process.env.SOFFICE };
    process.env.PATH = '';
    delete process.env.SOFFICE;
    try {
      await expect(recalculate('/nonexistent.xlsx')).rejects.toThrow(`apt-get install -y --no-install-recommends ${LIBREOFFICE_PACKAGE}`);
    } finally {
      process.env.PATH = saved.PATH;
      if (saved.SOFFICE !== undefined) process.env.SOFFICE = saved.SOFFICE;
    }
  });
});
