/**
 * An in-memory fake of the part of the Excel JavaScript API the add-in uses. Like Office.js it queues writes and
 * applies them at `sync()`, refuses to read a property that was not loaded and synced (PropertyNotLoaded), and
 * returns null objects from the *OrNullObject methods. It records every call and every sync with the size of its
 * request, and keeps a cell store that tests read back. No dependencies: it also runs in the browser tests.
 */

export interface CellState {
  /** What `range.formulas` returns: a formula "=...", a number, a string, a boolean, or "" for empty. */
  formula: string | number | boolean;
  numberFormat: string;
  style: Record<string, unknown>;
}

export interface CallRecord {
  op: string;
  sheet?: string;
  address?: string;
  payload?: unknown;
}

const LETTERS = (col: number) => {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
};

function parseA1(a: string): { row: number; col: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(a);
  if (!m) throw new Error(`InvalidArgument: bad address ${a}`);
  let col = 0;
  for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

function parseRangeAddress(a: string): { row: number; col: number; rows: number; cols: number } {
  const bare = a.includes('!') ? a.slice(a.lastIndexOf('!') + 1) : a;
  const [from, to] = bare.split(':');
  const col = /^\$?([A-Z]+)$/.exec(from);
  if (col && to) {
    // whole columns "B:D"
    const f = parseA1(`${from}1`).col;
    const t = parseA1(`${to}1`).col;
    return { row: 0, col: f, rows: 1048576, cols: t - f + 1 };
  }
  const f = parseA1(from);
  const t = to ? parseA1(to) : f;
  return { row: f.row, col: f.col, rows: t.row - f.row + 1, cols: t.col - f.col + 1 };
}

export class PropertyNotLoaded extends Error {
  constructor(what: string) {
    super(`PropertyNotLoaded: The property '${what}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`);
    this.name = 'PropertyNotLoaded';
  }
}

class Sheet {
  cells = new Map<string, CellState>();
  columnWidths = new Map<number, number>();
  freeze: { rows: number; columns: number } = { rows: 0, columns: 0 };
  showGridlines = true;
  tabColor = '';
  page: { orientation?: string; zoom?: unknown; printTitleRows?: string; paperSize?: string; margins?: Record<string, number>; headersFooters?: Record<string, string> } = {};
  /** Conditional formats as Office.js adds them: range address, type, rule and format. */
  conditionalFormats: { address: string; type: string; rule?: unknown; format: { fontColor?: string; fill?: string; bold?: boolean } }[] = [];
  rowHeights = new Map<number, number>();
  /** Set by worksheet.activate(). */
  active = false;
  constructor(public name: string) {}
  cell(r: number, c: number): CellState {
    const k = `${r},${c}`;
    let s = this.cells.get(k);
    if (!s) {
      s = { formula: '', numberFormat: 'General', style: {} };
      this.cells.set(k, s);
    }
    return s;
  }
  peek(r: number, c: number): CellState | undefined {
    return this.cells.get(`${r},${c}`);
  }
  used(): { row: number; col: number; rows: number; cols: number } | undefined {
    let r0 = Infinity, c0 = Infinity, r1 = -1, c1 = -1;
    for (const [k, v] of this.cells) {
      if (v.formula === '') continue;
      const [r, c] = k.split(',').map(Number);
      r0 = Math.min(r0, r); c0 = Math.min(c0, c); r1 = Math.max(r1, r); c1 = Math.max(c1, c);
    }
    return r1 < 0 ? undefined : { row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
  }
}

export class FakeWorkbook {
  sheets: Sheet[] = [];
  names = new Map<string, { name: string; formula: string; comment: string }>();
  calls: CallRecord[] = [];
  syncs = 0;
  /** Bytes of each request (JSON of the queued writes), as Excel on the web would receive them. */
  requestBytes: number[] = [];
  calculationSuspended = 0;

  sheet(name: string): Sheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  /** A user's sheet, made directly (not through the API). */
  addUserSheet(name: string, cells: Record<string, string | number>): void {
    const s = new Sheet(name);
    for (const [a, v] of Object.entries(cells)) {
      const { row, col } = parseA1(a);
      s.cell(row, col).formula = v;
    }
    this.sheets.push(s);
  }

  /** A snapshot of every sheet's cells, for comparing before and after. */
  snapshot(sheet?: string): string {
    const pick = sheet ? this.sheets.filter((s) => s.name === sheet) : this.sheets;
    return JSON.stringify(
      pick.map((s) => ({
        name: s.name,
        cells: [...s.cells.entries()].filter(([, v]) => v.formula !== '' || Object.keys(v.style).length > 0 || v.numberFormat !== 'General').sort(),
        widths: [...s.columnWidths.entries()].sort(),
        heights: [...s.rowHeights.entries()].sort(),
        freeze: s.freeze,
        grid: s.showGridlines,
        tab: s.tabColor,
        page: s.page,
        conditionalFormats: s.conditionalFormats,
      })),
    );
  }

  context(): FakeContext {
    return new FakeContext(this);
  }
}

type Pending = { apply: () => void; record: CallRecord };

export class FakeContext {
  private queue: Pending[] = [];
  private loads: (() => void)[] = [];
  workbook: FakeWorkbookApi;
  application: { suspendApiCalculationUntilNextSync: () => void };
  constructor(readonly book: FakeWorkbook) {
    this.workbook = new FakeWorkbookApi(this);
    this.application = {
      suspendApiCalculationUntilNextSync: () => this.enqueue({ op: 'suspendApiCalculationUntilNextSync' }, () => (book.calculationSuspended += 1)),
    };
  }
  enqueue(record: CallRecord, apply: () => void): void {
    this.book.calls.push(record);
    this.queue.push({ apply, record });
  }
  onSync(fn: () => void): void {
    this.loads.push(fn);
  }
  async sync(): Promise<void> {
    this.book.syncs++;
    const q = this.queue;
    this.queue = [];
    this.book.requestBytes.push(JSON.stringify(q.map((p) => p.record)).length);
    this.book.calls.push({ op: 'sync' });
    for (const p of q) p.apply();
    const loads = this.loads;
    this.loads = [];
    for (const l of loads) l();
  }
}

/** Base for proxies: tracks loaded properties. */
class Proxy_ {
  protected loaded = new Set<string>();
  protected synced = false;
  constructor(protected ctx: FakeContext) {}
  protected need(prop: string): void {
    if (!this.synced || !this.loaded.has(prop)) throw new PropertyNotLoaded(prop);
  }
  load(props?: string | string[] | Record<string, unknown>): this {
    const list = typeof props === 'string' ? props.split(',').map((p) => p.trim()) : Array.isArray(props) ? props : Object.keys(props ?? {});
    for (const p of list) this.loaded.add(p.replace(/^items\//, ''));
    this.ctx.onSync(() => {
      this.synced = true;
      this.snapshotLoaded();
    });
    return this;
  }
  protected snapshotLoaded(): void {}
}

class FakeWorkbookApi {
  worksheets: FakeWorksheets;
  names: FakeNames;
  constructor(ctx: FakeContext) {
    this.worksheets = new FakeWorksheets(ctx);
    this.names = new FakeNames(ctx);
  }
}

class FakeWorksheets extends Proxy_ {
  items: FakeWorksheet[] = [];
  protected snapshotLoaded(): void {
    this.items = this.ctx.book.sheets.map((s) => new FakeWorksheet(this.ctx, s.name, true));
  }
  getItem(name: string): FakeWorksheet {
    this.ctx.book.calls.push({ op: 'worksheets.getItem', sheet: name });
    return new FakeWorksheet(this.ctx, name, true);
  }
  getItemOrNullObject(name: string): FakeWorksheet {
    this.ctx.book.calls.push({ op: 'worksheets.getItemOrNullObject', sheet: name });
    return new FakeWorksheet(this.ctx, name, false);
  }
  add(name: string): FakeWorksheet {
    this.ctx.enqueue({ op: 'worksheets.add', sheet: name }, () => {
      if (this.ctx.book.sheet(name)) throw new Error(`ItemAlreadyExists: ${name}`);
      this.ctx.book.sheets.push(new Sheet(name));
    });
    return new FakeWorksheet(this.ctx, name, true);
  }
}

class FakeWorksheet extends Proxy_ {
  freezePanes: { freezeAt: (r: FakeRange) => void; freezeRows: (n: number) => void; freezeColumns: (n: number) => void; unfreeze: () => void };
  private _isNull = false;
  constructor(
    ctx: FakeContext,
    readonly sheetName: string,
    private mustExist: boolean,
  ) {
    super(ctx);
    const set = (op: string, payload: unknown, f: (s: Sheet) => void) => this.ctx.enqueue({ op, sheet: sheetName, payload }, () => f(this.sheet()));
    this.freezePanes = {
      freezeAt: (r) => set('freezePanes.freezeAt', r.addr, (s) => (s.freeze = { rows: r.box.row + r.box.rows, columns: r.box.col + r.box.cols })),
      freezeRows: (n) => set('freezePanes.freezeRows', n, (s) => (s.freeze = { rows: n, columns: 0 })),
      freezeColumns: (n) => set('freezePanes.freezeColumns', n, (s) => (s.freeze = { rows: 0, columns: n })),
      unfreeze: () => set('freezePanes.unfreeze', null, (s) => (s.freeze = { rows: 0, columns: 0 })),
    };
  }
  sheet(): Sheet {
    const s = this.ctx.book.sheet(this.sheetName);
    if (!s) throw new Error(`ItemNotFound: worksheet ${this.sheetName}`);
    return s;
  }
  protected snapshotLoaded(): void {
    this._isNull = !this.ctx.book.sheet(this.sheetName);
  }
  get isNullObject(): boolean {
    this.need('isNullObject');
    return this._isNull;
  }
  get pageLayout() {
    const set = (op: string, v: unknown, f: (s: Sheet) => void) => this.ctx.enqueue({ op, sheet: this.sheetName, payload: v }, () => f(this.sheet()));
    return {
      set orientation(v: string) {
        set('pageLayout.orientation', v, (s) => (s.page.orientation = v));
      },
      set zoom(v: unknown) {
        set('pageLayout.zoom', v, (s) => (s.page.zoom = v));
      },
      setPrintTitleRows: (rows: string) => set('pageLayout.setPrintTitleRows', rows, (s) => (s.page.printTitleRows = rows)),
      set paperSize(v: string) {
        set('pageLayout.paperSize', v, (s) => (s.page.paperSize = v));
      },
      set leftMargin(v: number) {
        set('pageLayout.leftMargin', v, (s) => (s.page.margins = { ...s.page.margins, left: v }));
      },
      set rightMargin(v: number) {
        set('pageLayout.rightMargin', v, (s) => (s.page.margins = { ...s.page.margins, right: v }));
      },
      set topMargin(v: number) {
        set('pageLayout.topMargin', v, (s) => (s.page.margins = { ...s.page.margins, top: v }));
      },
      set bottomMargin(v: number) {
        set('pageLayout.bottomMargin', v, (s) => (s.page.margins = { ...s.page.margins, bottom: v }));
      },
      set headerMargin(v: number) {
        set('pageLayout.headerMargin', v, (s) => (s.page.margins = { ...s.page.margins, header: v }));
      },
      set footerMargin(v: number) {
        set('pageLayout.footerMargin', v, (s) => (s.page.margins = { ...s.page.margins, footer: v }));
      },
      // Excel's HeaderFooter (defaultForAllPages): each part a string with format codes (&A, &P, &N, &D).
      headersFooters: {
        defaultForAllPages: Object.defineProperties(
          {},
          Object.fromEntries(
            ['leftHeader', 'centerHeader', 'rightHeader', 'leftFooter', 'centerFooter', 'rightFooter'].map((k) => [
              k,
              { set: (v: string) => set(`pageLayout.headersFooters.defaultForAllPages.${k}`, v, (s) => (s.page.headersFooters = { ...s.page.headersFooters, [k]: v })), enumerable: true },
            ]),
          ),
        ) as Record<string, string>,
      },
    };
  }
  activate(): void {
    this.ctx.enqueue({ op: 'worksheet.activate', sheet: this.sheetName }, () => {
      for (const s of this.ctx.book.sheets) s.active = false;
      this.sheet().active = true;
    });
  }
  load(props?: string | string[]): this {
    super.load(props);
    this.loaded.add('isNullObject');
    return this;
  }
  get name(): string {
    return this.sheetName;
  }
  set showGridlines(v: boolean) {
    this.ctx.enqueue({ op: 'worksheet.showGridlines', sheet: this.sheetName, payload: v }, () => (this.sheet().showGridlines = v));
  }
  set tabColor(v: string) {
    this.ctx.enqueue({ op: 'worksheet.tabColor', sheet: this.sheetName, payload: v }, () => (this.sheet().tabColor = v));
  }
  getRange(address?: string): FakeRange {
    return new FakeRange(this.ctx, this.sheetName, address ? parseRangeAddress(address) : { row: 0, col: 0, rows: 1048576, cols: 16384 });
  }
  getRangeByIndexes(row: number, col: number, rows: number, cols: number): FakeRange {
    return new FakeRange(this.ctx, this.sheetName, { row, col, rows, cols });
  }
  /** A multi-area range: its format applies to every area, recorded as one call. */
  getRanges(addresses: string): { format: FakeFormat } {
    const areas = addresses.split(',').map((a) => new FakeRange(this.ctx, this.sheetName, parseRangeAddress(a.trim())));
    const anchor = areas[0];
    anchor.areas = areas.slice(1).map((a) => a.box);
    return { format: anchor.format };
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    this.ctx.book.calls.push({ op: 'getUsedRangeOrNullObject', sheet: this.sheetName, payload: valuesOnly });
    return new FakeRange(this.ctx, this.sheetName, 'used');
  }
}

type Box = { row: number; col: number; rows: number; cols: number };

class FakeRange extends Proxy_ {
  /** Further areas of a multi-area range (getRanges): format writes apply to them too. */
  areas: Box[] = [];
  private data?: { formulas: (string | number | boolean)[][]; numberFormat: string[][]; address: string; isNull: boolean; box: Box };
  format: FakeFormat;
  constructor(
    ctx: FakeContext,
    readonly sheetName: string,
    private where: Box | 'used',
  ) {
    super(ctx);
    this.format = new FakeFormat(this);
  }
  /** Office.js ConditionalFormatCollection: add(type) gives a format whose rule and format the caller sets. */
  get conditionalFormats() {
    return {
      add: (type: string) => {
        const cf = {
          textComparison: { format: { font: {} as { color?: string; bold?: boolean }, fill: {} as { color?: string } }, rule: undefined as unknown },
          cellValue: { format: { font: {} as { color?: string; bold?: boolean }, fill: {} as { color?: string } }, rule: undefined as unknown },
        };
        // The caller sets the rule and format after add(); the fake reads them when the request runs.
        this.enqueueWrite('conditionalFormats.add', type, (s, b) => {
          const part = type === 'ContainsText' ? cf.textComparison : type === 'CellValue' ? cf.cellValue : undefined;
          if (!part) throw new Error(`InvalidArgument: conditional format type ${type}`);
          if (!part.rule) throw new Error('InvalidArgument: a conditional format needs a rule');
          s.conditionalFormats.push({
            address: `${LETTERS(b.col)}${b.row + 1}:${LETTERS(b.col + b.cols - 1)}${b.row + b.rows}`,
            type,
            rule: part.rule,
            format: { fontColor: part.format.font.color, fill: part.format.fill.color, bold: part.format.font.bold },
          });
        });
        return cf;
      },
      clearAll: () => this.enqueueWrite('conditionalFormats.clearAll', null, (s) => (s.conditionalFormats = [])),
    };
  }
  get box(): Box {
    if (this.where === 'used') throw new Error('used range box is only known after sync');
    return this.where;
  }
  get addr(): string {
    const b = this.box;
    return `${LETTERS(b.col)}${b.row + 1}:${LETTERS(b.col + b.cols - 1)}${b.row + b.rows}`;
  }
  enqueueWrite(op: string, payload: unknown, f: (s: Sheet, b: Box) => void): void {
    const boxes = [this.box, ...this.areas];
    const address = boxes.length > 1 ? `${this.addr} +${boxes.length - 1} areas` : this.addr;
    this.ctx.enqueue({ op, sheet: this.sheetName, address, payload }, () => {
      const s = this.ctx.book.sheet(this.sheetName);
      if (!s) throw new Error(`ItemNotFound: worksheet ${this.sheetName}`);
      for (const b of boxes) f(s, b);
    });
  }
  private grid<T>(name: string, v: T[][], apply: (cell: CellState, x: T) => void): void {
    const b = this.box;
    if (v.length !== b.rows || v.some((r) => r.length !== b.cols)) {
      throw new Error(`InvalidArgument: The number of rows or columns in the input array doesn't match the size or dimensions of the range (${name} ${this.addr}).`);
    }
    this.enqueueWrite(`range.${name}`, v, (s) => v.forEach((row, r) => row.forEach((x, c) => apply(s.cell(b.row + r, b.col + c), x))));
  }
  set formulas(v: (string | number | boolean | null)[][]) {
    this.grid('formulas', v, (cell, x) => {
      // Excel keeps a leading apostrophe as the "text" marker, not as content.
      cell.formula = x === null ? '' : typeof x === 'string' && x.startsWith("'") ? x.slice(1) : x;
    });
  }
  set values(v: (string | number | boolean | null)[][]) {
    this.grid('values', v, (cell, x) => (cell.formula = x === null ? '' : x));
  }
  set numberFormat(v: string[][]) {
    this.grid('numberFormat', v, (cell, x) => (cell.numberFormat = x));
  }
  clear(applyTo?: string): void {
    this.enqueueWrite('range.clear', applyTo ?? 'All', (s, b) => {
      for (const k of [...s.cells.keys()]) {
        const [r, c] = k.split(',').map(Number);
        if (r >= b.row && r < b.row + b.rows && c >= b.col && c < b.col + b.cols) s.cells.delete(k);
      }
    });
  }
  protected snapshotLoaded(): void {
    const s = this.ctx.book.sheet(this.sheetName);
    const b = this.where === 'used' ? s?.used() : this.where;
    if (!s || !b) {
      this.data = { formulas: [], numberFormat: [], address: '', isNull: true, box: { row: 0, col: 0, rows: 0, cols: 0 } };
      return;
    }
    const formulas: (string | number | boolean)[][] = [];
    const formats: string[][] = [];
    for (let r = 0; r < b.rows; r++) {
      formulas.push([]);
      formats.push([]);
      for (let c = 0; c < b.cols; c++) {
        const cell = s.peek(b.row + r, b.col + c);
        formulas[r].push(cell?.formula ?? '');
        formats[r].push(cell?.numberFormat ?? 'General');
      }
    }
    const address = `${s.name}!${LETTERS(b.col)}${b.row + 1}:${LETTERS(b.col + b.cols - 1)}${b.row + b.rows}`;
    this.data = { formulas, numberFormat: formats, address, isNull: false, box: b };
  }
  load(props?: string | string[]): this {
    super.load(props);
    this.loaded.add('isNullObject');
    return this;
  }
  get isNullObject(): boolean {
    this.need('isNullObject');
    return this.data!.isNull;
  }
  get formulas(): (string | number | boolean)[][] {
    this.need('formulas');
    return this.data!.formulas;
  }
  get numberFormat(): string[][] {
    this.need('numberFormat');
    return this.data!.numberFormat;
  }
  get address(): string {
    this.need('address');
    return this.data!.address;
  }
  get rowIndex(): number {
    this.need('rowIndex');
    return this.data!.box.row;
  }
  get columnIndex(): number {
    this.need('columnIndex');
    return this.data!.box.col;
  }
}

class FakeFormat {
  font: Record<string, unknown>;
  fill: Record<string, unknown>;
  borders: { getItem: (edge: string) => Record<string, unknown> };
  constructor(private range: FakeRange) {
    const styleProxy = (prefix: string) =>
      new Proxy({} as Record<string, unknown>, {
        set: (_, prop: string, v) => {
          range.enqueueWrite(`format.${prefix}${prop}`, v, (s, b) => this.each(s, b, (c) => (c.style[`${prefix}${prop}`] = v)));
          return true;
        },
      });
    this.font = styleProxy('font.');
    this.fill = styleProxy('fill.');
    this.borders = { getItem: (edge: string) => styleProxy(`border.${edge}.`) };
    return new Proxy(this, {
      set: (target, prop: string, v) => {
        if (prop === 'rowHeight') {
          range.enqueueWrite('format.rowHeight', v, (s, b) => {
            for (let r = b.row; r < b.row + b.rows; r++) s.rowHeights.set(r, v);
          });
        } else if (prop === 'columnWidth') {
          range.enqueueWrite('format.columnWidth', v, (s, b) => {
            for (let c = b.col; c < b.col + b.cols; c++) s.columnWidths.set(c, v);
          });
        } else {
          range.enqueueWrite(`format.${prop}`, v, (s, b) => this.each(s, b, (c) => (c.style[prop] = v)));
        }
        void target;
        return true;
      },
    });
  }
  /** Excel fits the rows to their content; the fake records the call. */
  autofitRows(): void {
    this.range.enqueueWrite('format.autofitRows', null, () => undefined);
  }
  private each(s: Sheet, b: Box, f: (c: CellState) => void): void {
    const rows = Math.min(b.rows, 2000);
    for (let r = b.row; r < b.row + rows; r++) for (let c = b.col; c < b.col + b.cols; c++) f(s.cell(r, c));
  }
}

class FakeNames extends Proxy_ {
  items: { name: string; formula: string; comment: string; delete: () => void }[] = [];
  protected snapshotLoaded(): void {
    this.items = [...this.ctx.book.names.values()].map((n) => ({ ...n, delete: () => this.remove(n.name) }));
  }
  private remove(name: string): void {
    this.ctx.enqueue({ op: 'names.delete', payload: name }, () => {
      if (!this.ctx.book.names.delete(name)) throw new Error(`ItemNotFound: name ${name}`);
    });
  }
  getItem(name: string) {
    return { delete: () => this.remove(name) };
  }
  add(name: string, reference: FakeRange | string, comment?: string): void {
    const formula = typeof reference === 'string' ? reference : `='${reference.sheetName.replace(/'/g, "''")}'!${reference.addr.split(':')[0] === reference.addr.split(':')[1] ? '' : ''}${absolute(reference.addr)}`;
    this.ctx.enqueue({ op: 'names.add', payload: { name, formula, comment } }, () => {
      if (this.ctx.book.names.has(name)) throw new Error(`ItemAlreadyExists: name ${name}`);
      this.ctx.book.names.set(name, { name, formula, comment: comment ?? '' });
    });
  }
}

function absolute(addr: string): string {
  const [a, b] = addr.split(':');
  const abs = (x: string) => x.replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2');
  return a === b ? abs(a) : `${abs(a)}:${abs(b)}`;
}

export type { Sheet };
