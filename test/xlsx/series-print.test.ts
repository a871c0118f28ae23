import { buildLibrary } from '../../src/model/library';
import { buildPlan } from '../../src/sheets/build';
import { PRINTABLE_WIDTH_LANDSCAPE, pagesAcrossScale } from '../../src/sheets/page';
import { renderWorkbook } from '../../src/xlsx/render';
import { refreshModelTabs } from '../../src/excel/refresh-tabs';
import { FakeWorkbook } from '../support/fake-workbook';
import { syntheticLibraryEntries } from '../support/synthetic-library';

/**
 * Time-series tabs (a library of SYNTHETIC test releases Q1 2023 … Q3 2025 around the real Q2 2024 one) print
 * pages across: landscape, at a readable scale, the label column and the header rows repeated on every page.
 */
const lib = buildLibrary(syntheticLibraryEntries());
const plan = buildPlan(lib);
const STATEMENTS = ['KC Income Statement', 'KC Balance Sheet', 'KC Cash Flow', 'KC Non-GAAP', 'KC Revenue & Costs'];

test('the plan: statement tabs of a time series print pages across, labels and headers repeated, at 70-100 %', () => {
  for (const name of STATEMENTS) {
    const t = plan.tabs.find((x) => x.name === name)!;
    expect(t.cols).toBeGreaterThan(10);
    expect([name, t.print]).toEqual([name, expect.objectContaining({ landscape: true, fitToWidth: false, repeatRows: t.freeze.rows, repeatColumns: 1 })]);
    expect(t.freeze.rows).toBeGreaterThan(3);
    const scale = t.print!.scale!;
    expect(scale).toBeGreaterThanOrEqual(70);
    expect(scale).toBeLessThanOrEqual(100);
    // At that scale the labels and at least four quarters share a page.
    const used = ((t.columnWidths[0] + t.columnWidths.slice(1, 5).reduce((a, b) => a + b, 0)) * scale) / 100;
    expect(used).toBeLessThanOrEqual(PRINTABLE_WIDTH_LANDSCAPE);
  }
});

test('pagesAcrossScale: 100 % when it fits, never below 70 %, multiples of 5', () => {
  expect(pagesAcrossScale([200, 86, 86, 86, 86, 86], 1)).toBe(100);
  expect(pagesAcrossScale([440, 86, 86, 86, 86], 1)).toBe(80);
  expect(pagesAcrossScale([440, 120, 120, 120, 120], 1)).toBe(70);
  expect(pagesAcrossScale([2000, 500, 500, 500, 500], 1)).toBe(70);
});

test('the .xlsx renderer: scale, no fit to one page, print title rows and columns', () => {
  const wb = renderWorkbook(plan);
  for (const name of STATEMENTS) {
    const t = plan.tabs.find((x) => x.name === name)!;
    const ps = wb.getWorksheet(name)!.pageSetup;
    expect([name, ps]).toEqual([name, expect.objectContaining({ orientation: 'landscape', fitToPage: false, scale: t.print!.scale, printTitlesRow: `1:${t.freeze.rows}`, printTitlesColumn: 'A:A' })]);
  }
});

test('the Office.js renderer: zoom at the scale (not fit to one page), title rows and columns set', async () => {
  const book = new FakeWorkbook();
  const result = await refreshModelTabs((batch) => batch(book.context() as unknown as Excel.RequestContext), plan);
  expect(result.kind).not.toBe('failed');
  for (const name of STATEMENTS) {
    const t = plan.tabs.find((x) => x.name === name)!;
    expect([name, book.sheet(name)!.page]).toEqual([name, expect.objectContaining({ orientation: 'Landscape', zoom: { scale: t.print!.scale }, printTitleRows: `$1:$${t.freeze.rows}`, printTitleColumns: '$A:$A' })]);
  }
});
