import { FakeWorkbook } from '../support/fake-workbook';

/**
 * The fake workbook against the documented behaviour of Excel (en-US) that the add-in relies on: what a written
 * string becomes, what the read properties return, which edge a border item draws, which names Excel refuses,
 * what deleting a sheet does to the names that pointed into it. Each rule is one the real Excel applies and the
 * first fake did not; a renderer tested only against a fake that stores what it is given hides these defects.
 */

type Grid = (string | number | boolean | null)[][];

async function roundTrip(write: (r: Excel.Range) => void, before?: (r: Excel.Range) => void) {
  const book = new FakeWorkbook();
  const ctx = book.context() as unknown as Excel.RequestContext;
  const ws = ctx.workbook.worksheets.add('S');
  const range = ws.getRange('A1');
  if (before) before(range);
  write(range);
  await ctx.sync();
  range.load('formulas,values,valueTypes,text,numberFormat');
  await ctx.sync();
  return { formula: range.formulas[0][0], value: range.values[0][0], type: range.valueTypes[0][0], text: range.text[0][0], format: range.numberFormat[0][0] };
}

describe('the fake reads written strings as en-US Excel does', () => {
  test.each<[string, string | number | boolean, string, string]>([
    // written, stored value, valueType, text shown
    ['Jun 30, 2024', 45473, 'Double', '30-Jun-24'],
    ['June 30, 2024', 45473, 'Double', '30-Jun-24'],
    ['2024-06-30', 45473, 'Double', '6/30/2024'],
    ['6/30/2024', 45473, 'Double', '6/30/2024'],
    ['31-Dec-2023', 45291, 'Double', '31-Dec-23'],
    ['16.8%', 0.168, 'Double', '16.80%'],
    ['057,250', 57250, 'Double', '57,250'],
    ['2,313,183', 2313183, 'Double', '2,313,183'],
    ['(246.549)', -246.549, 'Double', '-246.549'],
    ['169.879', 169.879, 'Double', '169.879'],
    ['TRUE', true, 'Boolean', 'TRUE'],
    ['false', false, 'Boolean', 'FALSE'],
    ['#N/A', '#N/A', 'Error', '#N/A'],
    ['Q2 2024', 'Q2 2024', 'String', 'Q2 2024'],
    ['2Q24', '2Q24', 'String', '2Q24'],
    ['Feb 30, 2024', 'Feb 30, 2024', 'String', 'Feb 30, 2024'],
    ['-', '-', 'String', '-'],
    ['1,2345', '1,2345', 'String', '1,2345'],
  ])('%s', async (written, value, type, text) => {
    for (const prop of ['formulas', 'values'] as const) {
      const r = await roundTrip((range) => (range[prop] = [[written]]));
      expect([prop, r.value, r.type, r.text]).toEqual([prop, value, type, text]);
      expect(r.formula).toEqual(value);
    }
  });

  test('a string beginning with = is a formula, and so is one beginning with - or + that is not a number', async () => {
    expect(await roundTrip((r) => (r.formulas = [['=SUM(B1:B3)']]))).toMatchObject({ formula: '=SUM(B1:B3)' });
    expect(await roundTrip((r) => (r.values = [['=1+2']]))).toMatchObject({ formula: '=1+2' });
    expect(await roundTrip((r) => (r.formulas = [['- Foreign exchange loss']]))).toMatchObject({ formula: '=- Foreign exchange loss' });
  });

  test("the ' prefix keeps a string as text; the prefix is not content (formulas and values return the text without it)", async () => {
    for (const s of ['Jun 30, 2024', '2024-06-30', '16.8%', '057,250', '(246.549)', 'TRUE', '=SUM(A1)', '- Foreign exchange loss']) {
      const r = await roundTrip((range) => (range.formulas = [[`'${s}`]]));
      expect(r).toEqual({ formula: s, value: s, type: 'String', text: s, format: 'General' });
    }
    expect((await roundTrip((range) => (range.values = [["''quoted"]]))).formula).toBe("'quoted");
  });

  test('a cell already formatted "@" keeps a written string as text; the format written after the string comes too late', async () => {
    const early = await roundTrip((r) => (r.values = [['16.8%']]), (r) => (r.numberFormat = [['@']]));
    expect(early).toMatchObject({ value: '16.8%', type: 'String', text: '16.8%' });
    const late = await roundTrip((r) => {
      r.values = [['16.8%']];
      r.numberFormat = [['@']];
    });
    expect(late).toMatchObject({ value: 0.168, type: 'Double' });
  });

  test('a General cell takes the format Excel infers from the string; numbers and booleans are stored as given', async () => {
    expect((await roundTrip((r) => (r.values = [['2024-06-30']]))).format).toBe('m/d/yyyy');
    expect((await roundTrip((r) => (r.values = [['16.8%']]))).format).toBe('0.00%');
    expect(await roundTrip((r) => (r.values = [[1234542]]))).toMatchObject({ formula: 1234542, type: 'Double', text: '1234542', format: 'General' });
    expect(await roundTrip((r) => (r.values = [[true]]))).toMatchObject({ formula: true, type: 'Boolean' });
  });

  test('a number keeps 15 significant digits', async () => {
    expect((await roundTrip((r) => (r.values = [[0.1 + 0.2]]))).formula).toBe(0.3);
    expect((await roundTrip((r) => (r.values = [[1234567.891234567]]))).formula).toBe(1234567.89123457);
  });

  test('null in a written array leaves the cell as it is', async () => {
    const book = new FakeWorkbook();
    const ctx = book.context() as unknown as Excel.RequestContext;
    const r = ctx.workbook.worksheets.add('S').getRange('A1:B1');
    r.values = [['a', 'b']];
    r.values = [[null, 'c']] as Grid as (string | number | boolean)[][];
    r.load('values');
    await ctx.sync();
    await ctx.sync();
    expect(book.sheet('S')!.peek(0, 0)!.formula).toBe('a');
    expect(book.sheet('S')!.peek(0, 1)!.formula).toBe('c');
  });

  test('text shows a number under its format', async () => {
    const shown = async (value: number, format: string) => (await roundTrip((r) => (r.numberFormat = [[format]]), (r) => (r.values = [[value]]))).text;
    expect(await shown(45473, 'm/d/yyyy')).toBe('6/30/2024');
    expect(await shown(1234567, '#,##0')).toBe('1,234,567');
    expect(await shown(-5, '#,##0;(#,##0)')).toBe('(5)');
    expect(await shown(0.168, '0.0%')).toBe('16.8%');
    expect(await shown(0, '#,##0;(#,##0);"–"')).toBe('–');
  });
});

describe('the fake draws borders as Excel does', () => {
  test('EdgeTop and EdgeBottom draw the outer edge of a range only; InsideHorizontal the lines between its rows', async () => {
    const book = new FakeWorkbook();
    const ctx = book.context() as unknown as Excel.RequestContext;
    const ws = ctx.workbook.worksheets.add('S');
    ws.getRange('A1:B3').format.borders.getItem('EdgeTop').style = 'Continuous';
    ws.getRange('A1:B3').format.borders.getItem('EdgeBottom').style = 'Double';
    ws.getRange('D1:D3').format.borders.getItem('InsideHorizontal').style = 'Continuous';
    await ctx.sync();
    const s = book.sheet('S')!;
    const top = (r: number, c: number) => s.peek(r, c)?.style['border.EdgeTop.style'];
    const bottom = (r: number, c: number) => s.peek(r, c)?.style['border.EdgeBottom.style'];
    expect([top(0, 0), top(0, 1), top(1, 0), top(2, 1)]).toEqual(['Continuous', 'Continuous', undefined, undefined]);
    expect([bottom(0, 0), bottom(1, 1), bottom(2, 0), bottom(2, 1)]).toEqual([undefined, undefined, 'Double', 'Double']);
    expect([top(0, 3), top(1, 3), top(2, 3), bottom(0, 3), bottom(1, 3), bottom(2, 3)]).toEqual([undefined, 'Continuous', 'Continuous', 'Continuous', 'Continuous', undefined]);
  });
});

describe('the fake refuses what Excel refuses', () => {
  const addSheet = async (name: string) => {
    const book = new FakeWorkbook();
    const ctx = book.context() as unknown as Excel.RequestContext;
    ctx.workbook.worksheets.add(name);
    await ctx.sync();
    return book;
  };

  test('sheet names: at most 31 characters, none of [ ] : * ? / \\', async () => {
    await expect(addSheet('K'.repeat(31))).resolves.toBeDefined();
    await expect(addSheet('K'.repeat(32))).rejects.toThrow(/InvalidArgument.*longer than 31/);
    for (const ch of ['[', ']', ':', '*', '?', '/', '\\']) await expect(addSheet(`KC ${ch} tab`)).rejects.toThrow(/InvalidArgument/);
    await expect(addSheet("'KC")).rejects.toThrow(/InvalidArgument/);
    await expect(addSheet('History')).rejects.toThrow(/InvalidArgument/);
    await expect(addSheet('KC Revenue & Costs')).resolves.toBeDefined();
  });

  test('defined names that look like cell references (A1 or R1C1) or hold bad characters', async () => {
    const addName = async (name: string) => {
      const book = new FakeWorkbook();
      const ctx = book.context() as unknown as Excel.RequestContext;
      const ws = ctx.workbook.worksheets.add('S');
      ctx.workbook.names.add(name, ws.getRange('A1'));
      await ctx.sync();
      return book.names.get(name)!.formula;
    };
    await expect(addName('KC_ADJ_EBITDA_Q2_2024')).resolves.toBe("='S'!$A$1");
    await expect(addName('XFE1')).resolves.toBeDefined(); // beyond the last column, so not a reference
    for (const bad of ['KC1', 'Q2', 'A1048576', 'R1C1', 'R', 'c', 'R2', 'KC ADJ', '1KC', 'KC-1']) await expect(addName(bad)).rejects.toThrow(/InvalidArgument/);
  });

  test('pageLayout: orientation Portrait or Landscape; zoom scale 10-400, fit-to-pages null or a whole number of pages', async () => {
    const layout = async (f: (p: Excel.PageLayout) => void) => {
      const book = new FakeWorkbook();
      const ctx = book.context() as unknown as Excel.RequestContext;
      f(ctx.workbook.worksheets.add('S').pageLayout);
      await ctx.sync();
      return book.sheet('S')!.page;
    };
    await expect(layout((p) => (p.zoom = { horizontalFitToPages: 1, verticalFitToPages: null as unknown as number }))).resolves.toEqual({ zoom: { horizontalFitToPages: 1, verticalFitToPages: null } });
    await expect(layout((p) => (p.zoom = { scale: 85 }))).resolves.toBeDefined();
    await expect(layout((p) => (p.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 }))).rejects.toThrow(/InvalidArgument: zoom/);
    await expect(layout((p) => (p.zoom = { scale: 5 }))).rejects.toThrow(/InvalidArgument: zoom/);
    await expect(layout((p) => (p.orientation = 'Sideways' as Excel.PageOrientation))).rejects.toThrow(/InvalidArgument: orientation/);
    await expect(layout((p) => p.setPrintTitleRows('A1:B2'))).rejects.toThrow(/InvalidArgument/);
    // Print title columns: whole columns only (the labels repeated at the left of each page).
    await expect(layout((p) => p.setPrintTitleColumns('$A:$A'))).resolves.toEqual({ printTitleColumns: '$A:$A' });
    await expect(layout((p) => p.setPrintTitleColumns('A:B'))).resolves.toEqual({ printTitleColumns: 'A:B' });
    for (const bad of ['A1:B2', '$1:$7', 'A', '']) await expect(layout((p) => p.setPrintTitleColumns(bad))).rejects.toThrow(/InvalidArgument: print title columns/);
  });
});

test('deleting a sheet turns the names and formulas that pointed into it into #REF!', async () => {
  const book = new FakeWorkbook();
  book.addUserSheet('My analysis', { B1: "='KC Non-GAAP'!D26", B2: "='KC Non-GAAP Extra'!D26" });
  book.addUserSheet('KC Non-GAAP', { D26: 60594 });
  book.addUserSheet('KC Non-GAAP Extra', { D26: 1 });
  book.names.set('KC_ADJ_EBITDA_Q2_2024', { name: 'KC_ADJ_EBITDA_Q2_2024', formula: "='KC Non-GAAP'!$D$26", comment: '' });
  book.names.set('Mine', { name: 'Mine', formula: "='My analysis'!$B$1", comment: '' });
  const ctx = book.context() as unknown as Excel.RequestContext;
  ctx.workbook.worksheets.getItem('KC Non-GAAP').delete();
  await ctx.sync();
  expect(book.sheet('KC Non-GAAP')).toBeUndefined();
  expect(book.names.get('KC_ADJ_EBITDA_Q2_2024')!.formula).toBe('=#REF!$D$26');
  expect(book.names.get('Mine')!.formula).toBe("='My analysis'!$B$1");
  expect(book.sheet('My analysis')!.peek(0, 1)!.formula).toBe('=#REF!D26');
  expect(book.sheet('My analysis')!.peek(1, 1)!.formula).toBe("='KC Non-GAAP Extra'!D26");
});

describe('the fake inserts and deletes rows and columns as Excel does', () => {
  function book3() {
    const book = new FakeWorkbook();
    book.addUserSheet('KC Tab', { A1: 'head', A5: 'Revenue', D5: 100, D6: '=D5*2', D7: '=SUM(D5:D6)' });
    book.addUserSheet('Mine', { B1: "='KC Tab'!D5", B2: "=SUM('KC Tab'!D5:D7)", B3: '="KC Tab!D5"' });
    book.names.set('_KC_LAYOUT_X', { name: '_KC_LAYOUT_X', formula: "='KC Tab'!$A$1:$H$80", comment: '' });
    book.names.set('KC_REV', { name: 'KC_REV', formula: "='KC Tab'!$D$5", comment: '' });
    return book;
  }

  test('inserted rows move the cells below them, and every reference (names, formulas on any sheet) moves too', async () => {
    const book = book3();
    const ctx = book.context() as unknown as Excel.RequestContext;
    ctx.workbook.worksheets.getItem('KC Tab').getRange('3:4').insert('Down' as Excel.InsertShiftDirection);
    await ctx.sync();
    const tab = book.sheet('KC Tab')!;
    expect(tab.peek(6, 0)!.formula).toBe('Revenue');
    expect(tab.peek(6, 3)!.formula).toBe(100);
    expect(tab.peek(7, 3)!.formula).toBe('=D7*2');
    expect(tab.peek(8, 3)!.formula).toBe('=SUM(D7:D8)');
    expect(tab.peek(0, 0)!.formula).toBe('head'); // above the insertion: unmoved
    expect(book.names.get('_KC_LAYOUT_X')!.formula).toBe("='KC Tab'!$A$1:$H$82");
    expect(book.names.get('KC_REV')!.formula).toBe("='KC Tab'!$D$7");
    const mine = book.sheet('Mine')!;
    expect(mine.peek(0, 1)!.formula).toBe("='KC Tab'!D7");
    expect(mine.peek(1, 1)!.formula).toBe("=SUM('KC Tab'!D7:D9)");
    expect(mine.peek(2, 1)!.formula).toBe('="KC Tab!D5"'); // text in quotes is not a reference
  });

  test('an inserted column moves the cells right of it and widens a range that spans it', async () => {
    const book = book3();
    const ctx = book.context() as unknown as Excel.RequestContext;
    ctx.workbook.worksheets.getItem('KC Tab').getRange('C:C').insert('Right' as Excel.InsertShiftDirection);
    await ctx.sync();
    expect(book.sheet('KC Tab')!.peek(4, 4)!.formula).toBe(100);
    expect(book.names.get('_KC_LAYOUT_X')!.formula).toBe("='KC Tab'!$A$1:$I$80");
    expect(book.names.get('KC_REV')!.formula).toBe("='KC Tab'!$E$5");
  });

  test('deleted rows: a range shrinks, a reference to a deleted cell becomes #REF!', async () => {
    const book = book3();
    const ctx = book.context() as unknown as Excel.RequestContext;
    ctx.workbook.worksheets.getItem('KC Tab').getRange('5:5').delete('Up' as Excel.DeleteShiftDirection);
    await ctx.sync();
    expect(book.names.get('_KC_LAYOUT_X')!.formula).toBe("='KC Tab'!$A$1:$H$79");
    expect(book.names.get('KC_REV')!.formula).toBe("='KC Tab'!#REF!");
    expect(book.sheet('KC Tab')!.peek(4, 3)!.formula).toBe('=#REF!*2');
    expect(book.sheet('Mine')!.peek(1, 1)!.formula).toBe("=SUM('KC Tab'!D5:D6)");
  });
});

describe('the fake hides sheets, hides names and raises selection events as Excel does', () => {
  test('a very hidden sheet keeps its cells; the last visible sheet cannot be hidden', async () => {
    const book = new FakeWorkbook();
    book.addUserSheet('Mine', {});
    const ctx = book.context() as unknown as Excel.RequestContext;
    const data = ctx.workbook.worksheets.add('Data');
    data.getRange('A1').formulas = [["'x"]];
    data.visibility = 'VeryHidden';
    await ctx.sync();
    expect(book.sheet('Data')!.visibility).toBe('VeryHidden');
    expect(book.sheet('Data')!.peek(0, 0)!.formula).toBe('x');
    const only = new FakeWorkbook();
    const c2 = only.context() as unknown as Excel.RequestContext;
    c2.workbook.worksheets.add('Only').visibility = 'VeryHidden';
    await expect(c2.sync()).rejects.toThrow(/at least one visible sheet/);
  });

  test('names.add returns the item; visible = false hides it', async () => {
    const book = new FakeWorkbook();
    book.addUserSheet('S', { A1: 1 });
    const ctx = book.context() as unknown as Excel.RequestContext;
    ctx.workbook.names.add('_KC_X', ctx.workbook.worksheets.getItem('S').getRange('A1:B2')).visible = false;
    await ctx.sync();
    expect(book.names.get('_KC_X')).toMatchObject({ formula: "='S'!$A$1:$B$2", visible: false });
  });

  test('onSelectionChanged handlers run after their batch syncs, get no address, and read the selection in a new batch', async () => {
    const book = new FakeWorkbook();
    book.addUserSheet('KC Tab', { D5: 100 });
    const seen: string[] = [];
    const ctx = book.context() as unknown as Excel.RequestContext;
    ctx.workbook.onSelectionChanged.add(async (args) => {
      expect(Object.keys(args)).toEqual(['type']);
      const c = book.context() as unknown as Excel.RequestContext;
      const r = c.workbook.getSelectedRange();
      r.load('address,formulas');
      await c.sync();
      seen.push(`${r.address}=${String(r.formulas[0][0])}`);
    });
    await book.select('KC Tab', 'D5'); // not yet registered
    await ctx.sync();
    await book.select('KC Tab', 'D5');
    expect(seen).toEqual(["'KC Tab'!D5=100"]);
  });
});
