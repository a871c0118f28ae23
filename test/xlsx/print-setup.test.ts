import { getShippedModel } from '../../src/model/shipped';
import { buildPlan } from '../../src/sheets/build';
import { renderWorkbook } from '../../src/xlsx/render';

const plan = buildPlan(getShippedModel());
const wb = renderWorkbook(plan);

test('the exported statements print landscape, one page wide, header rows repeated', () => {
  const ws = wb.getWorksheet('KC Income Statement')!;
  expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:7' });
  expect(wb.getWorksheet('KC Checks')!.pageSetup.printTitlesRow).toBe('1:11');
});

test('the balance sheet prints portrait on one page', () => {
  expect(wb.getWorksheet('KC Balance Sheet')!.pageSetup).toMatchObject({ orientation: 'portrait', fitToWidth: 1, fitToHeight: 1 });
});

test('every tab prints on A4 inside a Letter-sized area, with the tab, release, page x of y and print date', () => {
  for (const t of plan.tabs) {
    const ws = wb.getWorksheet(t.name)!;
    expect(ws.pageSetup.paperSize).toBe(9);
    // A4 is 8.27 in wide; Letter 8.5 in by 11 in: the printable area of A4 less these margins fits Letter.
    const m = ws.pageSetup.margins!;
    expect(11.69 - m.left - m.right).toBeLessThanOrEqual(11 - 1.2);
    expect(ws.headerFooter.oddHeader).toBe(`&L&A&R${plan.release}`);
    expect(ws.headerFooter.oddFooter).toMatch(/&D/);
    expect(ws.headerFooter.oddFooter).toMatch(/Page &P of &N/);
  }
});

test('long column headers are not cut off: the column is wide enough for them', () => {
  const cf = plan.tabs.find((t) => t.name === 'KC Cash Flow')!;
  const col = cf.values[5].indexOf('Jun 30, 2024 (Q1 + Q2)');
  expect(col).toBeGreaterThan(0);
  expect(cf.columnWidths[col]).toBeGreaterThanOrEqual('Jun 30, 2024 (Q1 + Q2)'.length * 6);
});

test('Checks and Sources are narrow enough to print one page wide at a readable scale', () => {
  // Printable width of A4 landscape less the margins, in points; long text wraps instead of widening the page.
  const printable = (11.69 - 2) * 72;
  const scale = (name: string) => printable / plan.tabs.find((t) => t.name === name)!.columnWidths.reduce((a, b) => a + b, 0);
  expect(scale('KC Checks')).toBeGreaterThanOrEqual(0.75);
  expect(scale('KC Sources')).toBeGreaterThanOrEqual(0.65);
  for (const name of ['KC Checks', 'KC Sources']) {
    const ws = wb.getWorksheet(name)!;
    const tall = plan.tabs.find((x) => x.name === name)!.values.filter((_, r) => (ws.getRow(r + 1).height ?? 0) > 20).length;
    expect(tall).toBeGreaterThan(10); // wrapped rows are made tall enough
  }
});
