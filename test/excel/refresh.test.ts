import { getShippedModel } from '../../src/model/shipped';
import { address, parseAddress } from '../../src/sheets/a1';
import { buildPlan } from '../../src/sheets/build';
import type { SheetPlan } from '../../src/sheets/plan';
import { formulaGrid } from '../../src/excel/cells';
import { refreshModelTabs, type Runner } from '../../src/excel/refresh-tabs';
import { FakeWorkbook, PropertyNotLoaded } from '../support/fake-workbook';
import { cellsOf } from '../support/a1-cells';

const plan = buildPlan(getShippedModel());
const runnerFor = (book: FakeWorkbook): Runner => (batch) => batch(book.context() as unknown as Excel.RequestContext);


async function fresh(): Promise<FakeWorkbook> {
  const book = new FakeWorkbook();
  book.addUserSheet('My analysis', { A1: 'Adj. EBITDA Q2', B1: "='KC Non-GAAP'!D26", A2: 'note', B2: 42 });
  const r = await refreshModelTabs(runnerFor(book), plan);
  expect(r).toMatchObject({ kind: 'written', syncs: 2, edits: [] });
  return book;
}

describe('writing the plan with Office.js', () => {
  test('every value, formula and number format lands as planned', async () => {
    const book = await fresh();
    for (const tab of plan.tabs) {
      const sheet = book.sheet(tab.name)!;
      const grid = formulaGrid(tab);
      for (let r = 0; r < tab.rows; r++) {
        for (let c = 0; c < tab.cols; c++) {
          const cell = sheet.peek(r, c);
          const want = grid[r][c];
          const got = cell?.formula ?? '';
          expect([tab.name, address(r, c), got]).toEqual([tab.name, address(r, c), typeof want === 'string' && want.startsWith("'") ? want.slice(1) : want]);
          expect(cell?.numberFormat ?? 'General').toBe(tab.numberFormats[r][c]);
        }
      }
    }
  });

  test('styles, widths, frozen panes, gridlines and tab colours as planned', async () => {
    const book = await fresh();
    for (const tab of plan.tabs) {
      const sheet = book.sheet(tab.name)!;
      for (const { address: a, style } of tab.styles.slice(0, 60)) {
        const [r, c] = cellsOf(a)[0];
        const s = sheet.peek(r, c)!.style;
        if (style.bold !== undefined) expect(s['font.bold']).toBeDefined();
        if (style.fontColor) expect(typeof s['font.color']).toBe('string');
        if (style.borderTop) expect(s['border.EdgeTop.style']).toBeDefined();
      }
      tab.columnWidths.forEach((w, c) => expect(sheet.columnWidths.get(c)).toBe(w));
      expect(sheet.freeze).toEqual(tab.freeze.rows > 0 && tab.freeze.columns > 0 ? tab.freeze : { rows: tab.freeze.rows, columns: tab.freeze.columns });
      expect(sheet.showGridlines).toBe(false);
      expect(sheet.tabColor).toBe(tab.tabColor);
    }
    const is = book.sheet('KC Income Statement')!;
    const rev = plan.tabs[0].values.findIndex((r) => r[0] === 'Total revenues');
    expect(is.peek(rev, 1)!.style).toMatchObject({ 'font.bold': true, 'border.EdgeTop.style': 'Continuous', 'font.color': '#000000' });
    expect(is.peek(rev - 1, 1)!.style['font.color']).toBe('#0000FF');
  });

  test('one sync for the write, calculation suspended, no sync in loops', async () => {
    const book = await fresh();
    expect(book.syncs).toBe(2); // the read, then the whole write
    expect(book.calculationSuspended).toBe(1);
    const writeCalls = book.calls.slice(book.calls.findIndex((c) => c.op === 'sync') + 1);
    expect(writeCalls.filter((c) => c.op === 'sync')).toHaveLength(1);
    expect(writeCalls[0].op).toBe('suspendApiCalculationUntilNextSync');
    // Whole 2-D arrays: one formulas write and one numberFormat write per tab.
    expect(writeCalls.filter((c) => c.op === 'range.formulas')).toHaveLength(plan.tabs.length);
    expect(writeCalls.filter((c) => c.op === 'range.numberFormat')).toHaveLength(plan.tabs.length);
    expect(book.requestBytes[1]).toBeLessThan(5 * 1024 * 1024);
  });

  test('workbook names point at the headline cells', async () => {
    const book = await fresh();
    expect(book.names.size).toBe(plan.names.length);
    const n = plan.names.find((x) => x.name === 'KC_ADJ_EBITDA_Q2_2024')!;
    expect(book.names.get('KC_ADJ_EBITDA_Q2_2024')).toMatchObject({ formula: `='KC Non-GAAP'!${n.address}` });
    const { row, col } = parseAddress(n.address);
    expect(book.sheet('KC Non-GAAP')!.peek(row, col)!.formula).toMatch(/^=/);
  });

  test('a second refresh finds no edits and changes nothing', async () => {
    const book = await fresh();
    const before = book.snapshot();
    const names = JSON.stringify([...book.names.entries()]);
    const r = await refreshModelTabs(runnerFor(book), plan, { confirm: async () => { throw new Error('no confirmation expected'); } });
    expect(r).toMatchObject({ kind: 'written', edits: [] });
    expect(book.snapshot()).toBe(before);
    expect(JSON.stringify([...book.names.entries()])).toBe(names);
    expect(book.calls.filter((c) => c.op === 'names.add')).toHaveLength(plan.names.length); // not re-added
  });

  test("the user's sheet is untouched and its formula into a model tab keeps its text", async () => {
    const book = await fresh();
    const user = book.snapshot('My analysis');
    await refreshModelTabs(runnerFor(book), plan);
    expect(book.snapshot('My analysis')).toBe(user);
    expect(book.sheet('My analysis')!.peek(0, 1)!.formula).toBe("='KC Non-GAAP'!D26");
    expect(book.calls.filter((c) => c.sheet === 'My analysis')).toEqual([]);
    expect(book.sheets.map((s) => s.name)[0]).toBe('My analysis');
  });

  test("edits in a model tab are listed; cancelling writes nothing", async () => {
    const book = await fresh();
    const is = book.sheet('KC Income Statement')!;
    const rev = plan.tabs[0].values.findIndex((r) => r[0] === 'Public cloud services');
    is.cell(rev, 3).formula = 1300000; // a changed input
    is.cell(rev + 3, 3).formula = '=D9+D10'; // a changed formula
    is.cell(60, 10).formula = 'my note'; // typed outside the model's cells
    const before = book.snapshot();
    const syncs = book.syncs;
    let asked: unknown[] = [];
    const r = await refreshModelTabs(runnerFor(book), plan, { confirm: async (edits) => ((asked = edits), false) });
    expect(r.kind).toBe('cancelled');
    expect(asked).toEqual([
      { tab: 'KC Income Statement', address: `D${rev + 1}`, current: '1300000', planned: '1234542' },
      { tab: 'KC Income Statement', address: `D${rev + 4}`, current: '=D9+D10', planned: `=SUM(D${rev + 1}:D${rev + 3})` },
      { tab: 'KC Income Statement', address: 'K61', current: 'my note', planned: '' },
    ]);
    expect(book.snapshot()).toBe(before);
    expect(book.syncs - syncs).toBe(1); // only the read
  });

  test('confirming overwrites the edits and restores the model', async () => {
    const book = await fresh();
    const clean = book.snapshot();
    book.sheet('KC Balance Sheet')!.cell(9, 1).formula = 1;
    const r = await refreshModelTabs(runnerFor(book), plan, { confirm: async () => true });
    expect(r).toMatchObject({ kind: 'written', syncs: 2 });
    expect(book.snapshot()).toBe(clean);
  });

  test('two refreshes at once: the second is refused as busy', async () => {
    const book = new FakeWorkbook();
    const [a, b] = await Promise.all([refreshModelTabs(runnerFor(book), plan), refreshModelTabs(runnerFor(book), plan)]);
    expect([a.kind, b.kind].sort()).toEqual(['busy', 'written']);
    expect(book.syncs).toBe(2);
  });

  test('text beginning with = or - stays text', async () => {
    const book = await fresh();
    const src = book.sheet('KC Sources')!;
    const texts = [...src.cells.values()].map((c) => c.formula).filter((v) => typeof v === 'string' && /^[-=+@]/.test(v));
    expect(texts.length).toBeGreaterThan(0); // e.g. the row label "- Foreign exchange loss"
    const plannedFormulas = plan.tabs.find((t) => t.name === 'KC Sources')!.formulas.flat().filter(Boolean);
    expect(plannedFormulas).toHaveLength(0);
    const grid = formulaGrid(plan.tabs.find((t) => t.name === 'KC Sources')!);
    expect(grid.flat().some((v) => typeof v === 'string' && v.startsWith("'-"))).toBe(true);
  });

  test('stale KC names are removed; a user name is left alone', async () => {
    const book = await fresh();
    book.names.set('KC_OLD_METRIC', { name: 'KC_OLD_METRIC', formula: "='KC Income Statement'!$B$99", comment: '' });
    book.names.set('MyName', { name: 'MyName', formula: "='My analysis'!$B$2", comment: '' });
    book.names.set('KC_MINE', { name: 'KC_MINE', formula: "='My analysis'!$B$1", comment: '' });
    await refreshModelTabs(runnerFor(book), plan);
    expect(book.names.has('KC_OLD_METRIC')).toBe(false);
    expect(book.names.get('MyName')!.formula).toBe("='My analysis'!$B$2");
    expect(book.names.get('KC_MINE')!.formula).toBe("='My analysis'!$B$1");
  });

  test('the fake behaves like Office.js: unloaded properties throw, shapes are checked', async () => {
    const book = new FakeWorkbook();
    const ctx = book.context() as unknown as Excel.RequestContext;
    const ws = ctx.workbook.worksheets.add('X');
    const range = ws.getRange('A1:B2');
    expect(() => range.formulas).toThrow(PropertyNotLoaded);
    expect(() => (range.formulas = [[1]])).toThrow(/doesn't match the size/);
    await ctx.sync();
    range.load('formulas');
    await ctx.sync();
    expect(range.formulas).toEqual([['', ''], ['', '']]);
  });
});

export { plan as refreshPlan };
export type { SheetPlan };

describe('formats grouped', () => {
  test('each distinct style is applied once per multi-area range, and every cell ends with its planned style', async () => {
    const { styleGroups } = await import('../../src/excel/batch');
    const { resolveStyles, styledExtent } = await import('../../src/sheets/resolve-styles');
    const book = new FakeWorkbook();
    await refreshModelTabs(runnerFor(book), plan);
    for (const tab of plan.tabs) {
      const groups = styleGroups(tab);
      expect(new Set(groups.map((g) => JSON.stringify(g.style))).size).toBe(groups.length);
      const { rows, cols } = styledExtent(tab);
      const want = resolveStyles(tab, rows, cols);
      const sheet = book.sheet(tab.name)!;
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) {
          const s = want[r][c];
          const got = sheet.peek(r, c)?.style ?? {};
          if (s?.fontColor) expect(got['font.color']).toBe(s.fontColor);
          if (s?.bold) expect(got['font.bold']).toBe(true);
          if (s?.fill) expect(got['fill.color']).toBe(s.fill);
          if (s?.borderTop) expect(got['border.EdgeTop.style']).toBeDefined();
          if (!s) expect(got).toEqual({});
        }
      }
    }
    const styleCalls = book.calls.filter((c) => c.op.startsWith('format.') && c.op !== 'format.columnWidth');
    const styleRanges = plan.tabs.reduce((n, t) => n + t.styles.length, 0);
    expect(styleCalls.length).toBeLessThan(styleRanges / 2);
  });
});

test('statements print landscape, one page wide, with their header rows repeated', async () => {
  const book = new FakeWorkbook();
  await refreshModelTabs(runnerFor(book), plan);
  expect(book.sheet('KC Income Statement')!.page).toMatchObject({ orientation: 'Landscape', zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 }, printTitleRows: '$1:$7' });
});

test('every tab prints on A4 within a Letter-sized area, with tab name, release, page x of y and print date', async () => {
  const book = new FakeWorkbook();
  await refreshModelTabs(runnerFor(book), plan);
  for (const tab of plan.tabs) {
    const page = book.sheet(tab.name)!.page;
    expect(page.paperSize).toBe('A4');
    expect(page.margins).toMatchObject({ left: 72, right: 72 });
    expect(page.headersFooters).toEqual({ leftHeader: '&A', rightHeader: plan.release, leftFooter: 'Printed &D', rightFooter: 'Page &P of &N' });
  }
  expect(book.sheet('KC Balance Sheet')!.page).toMatchObject({ orientation: 'Portrait', zoom: { horizontalFitToPages: 1, verticalFitToPages: 1 } });
});

test('a failing check turns red by conditional format, written through Office.js; a refresh does not stack them', async () => {
  const book = new FakeWorkbook();
  await refreshModelTabs(runnerFor(book), plan);
  await refreshModelTabs(runnerFor(book), plan);
  const cfs = book.sheet('KC Checks')!.conditionalFormats;
  const planned = plan.tabs.find((t) => t.name === 'KC Checks')!.conditionalFormats!;
  expect(cfs).toHaveLength(planned.length);
  expect(cfs[0]).toEqual({ address: planned[0].address, type: 'ContainsText', rule: { operator: 'Contains', text: 'FAIL' }, format: { fontColor: '#9C0006', fill: '#FFC7CE', bold: true } });
  expect(cfs.find((f) => f.type === 'CellValue')!.rule).toEqual({ formula1: '0', operator: 'GreaterThan' });
});
