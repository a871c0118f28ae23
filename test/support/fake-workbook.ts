/**
 * An in-memory fake of the part of the Excel JavaScript API the add-in uses. Like Office.js it queues writes and
 * applies them at `sync()`, refuses to read a property that was not loaded and synced (PropertyNotLoaded), and
 * returns null objects from the *OrNullObject methods. It records every call and every sync with the size of its
 * request, and keeps a cell store that tests read back. No dependencies: it also runs in the browser tests.
 */

export interface CellState {
  /** What `range.formulas` returns: a formula "=...", a number, a string, a boolean, or "" for empty. */
  formula: string | number | boolean;
  /** The string is text even if it begins with "=" (written with the ' prefix or into an @ cell). */
  isText?: boolean;
  numberFormat: string;
  style: Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------------------------
// How en-US Excel reads a string written through range.formulas or range.values (as if typed): formulas, booleans,
// numbers with thousands separators, parentheses, currency and percent signs, and dates in the common spellings
// become formulas, booleans and numbers (dates as serials), and a General cell takes the format Excel infers. A
// leading apostrophe keeps the rest as text (the apostrophe is not content: range.formulas and values return the
// text without it), and so does a cell already formatted "@". See OfficeDev/office-js issues 229 and 1559.

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

function monthOf(word: string): number | undefined {
  const w = word.toLowerCase();
  const i = w === 'sept' ? 8 : MONTHS.indexOf(w) >= 0 ? MONTHS.indexOf(w) : MONTH_NAMES.indexOf(w);
  return i < 0 ? undefined : i + 1;
}

/** Excel's 1900 date system serial of a calendar date, or undefined for an impossible date. */
export function dateSerial(y: number, m: number, d: number): number | undefined {
  if (y < 100) y += y < 30 ? 2000 : 1900;
  const t = Date.UTC(y, m - 1, d);
  const dt = new Date(t);
  if (m < 1 || m > 12 || dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return undefined;
  return t / 86400000 + 25569;
}

function parseDate(t: string): { serial: number; format: string } | undefined {
  let m: RegExpExecArray | null;
  const pick = (y: number, mo: number | undefined, d: number, format: string) => {
    const serial = mo === undefined ? undefined : dateSerial(y, mo, d);
    return serial === undefined ? undefined : { serial, format };
  };
  if ((m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(t))) return pick(+m[1], +m[2], +m[3], 'm/d/yyyy');
  if ((m = /^(\d{1,2})[-/](\d{1,2})[-/](\d{2}|\d{4})$/.exec(t))) return pick(+m[3], +m[1], +m[2], 'm/d/yyyy');
  if ((m = /^([A-Za-z]+)\.? +(\d{1,2}),? +(\d{2}|\d{4})$/.exec(t))) return pick(+m[3], monthOf(m[1]), +m[2], 'd-mmm-yy');
  if ((m = /^(\d{1,2})[- ]([A-Za-z]+)\.?[- ](\d{2}|\d{4})$/.exec(t))) return pick(+m[3], monthOf(m[2]), +m[1], 'd-mmm-yy');
  if ((m = /^([A-Za-z]+)\.?[- ](\d{4})$/.exec(t))) return pick(+m[2], monthOf(m[1]), 1, 'mmm-yy');
  return undefined;
}

/** What en-US Excel stores for a string written without the text prefix into a cell of the given format. */
export function excelReads(text: string, numberFormat = 'General'): { value: string | number | boolean; isText?: boolean; format?: string } {
  if (numberFormat === '@') return { value: text, isText: true };
  if (text.startsWith("'")) return { value: text.slice(1), isText: true };
  const t = text.trim();
  if (t === '') return { value: text, isText: true };
  if (t.startsWith('=')) return { value: t };
  if (/^(true|false)$/i.test(t)) return { value: t.toUpperCase() === 'TRUE' };
  if (ERRORS.test(t.toUpperCase())) return { value: t.toUpperCase() };
  const n = /^(\()?([+-])?(\$)?((?:\d+(?:,\d{3})*)?(?:\.\d*)?)(?:[eE]([+-]?\d+))?(%)?(\))?$/.exec(t);
  if (n && /\d/.test(n[4]) && !!n[1] === !!n[7] && !(n[1] && n[2])) {
    let v = Number(Number(n[4].replace(/,/g, '')).toPrecision(15)) * (n[5] ? 10 ** Number(n[5]) : 1);
    if (n[6]) v /= 100;
    if (n[1] || n[2] === '-') v = -v;
    const decimals = n[4].includes('.') ? '.' + '0'.repeat(Math.min(n[4].split('.')[1].length, 2)) : '';
    const format = n[6] ? `0${decimals.length > 1 ? '.00' : ''}%` : n[3] ? `$#,##0${decimals ? '.00' : ''}_);($#,##0${decimals ? '.00' : ''})` : n[4].includes(',') ? `#,##0${decimals ? '.00' : ''}` : undefined;
    return { value: v, format };
  }
  const d = parseDate(t);
  if (d) return { value: d.serial, format: d.format };
  // "+x", "-x" and "@x" are the start of a formula to Excel, as when typed.
  if (/^[+\-@]./.test(t)) return { value: `=${t}` };
  return { value: text, isText: true };
}

/** Is this stored content a formula (as opposed to a text that begins with "=")? */
const isFormula = (c: Pick<CellState, 'formula' | 'isText'> | undefined) => !!c && typeof c.formula === 'string' && c.formula.startsWith('=') && !c.isText;

const ERRORS = /^#(N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!|SPILL!|CALC!)$/;

/** Excel.RangeValueType of a cell. The fake does not calculate: a formula cell reports Double. */
function valueTypeOf(c: CellState | undefined): string {
  if (!c || c.formula === '') return 'Empty';
  if (isFormula(c)) return 'Double';
  if (typeof c.formula === 'number') return 'Double';
  if (typeof c.formula === 'boolean') return 'Boolean';
  return !c.isText && ERRORS.test(c.formula) ? 'Error' : 'String';
}

/** What range.values returns: the constant; for a formula the fake's stand-in result, 0 (it does not calculate). */
function valueOf(c: CellState | undefined): string | number | boolean {
  if (!c) return '';
  return isFormula(c) ? 0 : c.formula;
}

function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** What range.text shows for a cell: its value under its number format (the formats the model uses). */
export function displayText(c: CellState | undefined): string {
  const v = valueOf(c);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'string') return v;
  const fmt = c?.numberFormat ?? 'General';
  const sections = fmt.split(';');
  const section = v < 0 && sections.length > 1 ? sections[1] : v === 0 && sections.length > 2 ? sections[2] : sections[0];
  const literal = (section.match(/"([^"]*)"/) ?? [])[1];
  if (literal !== undefined && !/[0#]/.test(section.replace(/"[^"]*"/g, ''))) return literal;
  const body = section.replace(/"[^"]*"|_.|\[[^\]]*\]|\\./g, '');
  if (/[dmy]/i.test(body) && !/[0#]/.test(body)) {
    const dt = new Date(Math.round((v - 25569) * 86400000));
    const [y, m, d] = [dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate()];
    if (/mmm/i.test(body)) return `${d}-${MONTHS[m - 1][0].toUpperCase()}${MONTHS[m - 1].slice(1)}-${String(y).slice(-2)}`;
    return `${m}/${d}/${y}`;
  }
  const places = (/0\.(0+)/.exec(body) ?? ['', ''])[1].length;
  const abs = v < 0 && sections.length > 1 ? -v : v;
  if (body.includes('%')) return `${(abs * 100).toFixed(places)}%`;
  if (/[0#]/.test(body)) {
    const [int, frac] = abs.toFixed(places).split('.');
    const num = (body.includes(',') ? group(int.replace('-', '')) : int.replace('-', '')) + (frac ? `.${frac}` : '');
    const sign = abs < 0 ? '-' : '';
    return body.replace(/[#0,.]+/, sign + num).replace(/[\s$]*$/, (x) => x).replace(/\s+$/, '');
  }
  if (Number.isInteger(v) && Math.abs(v) < 1e11) return String(v);
  return String(Number(v.toPrecision(10)));
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
  if (/^\$?\d+$/.test(from) && to && /^\$?\d+$/.test(to)) {
    // whole rows "5:7"
    const f = Number(from.replace('$', '')) - 1;
    return { row: f, col: 0, rows: Number(to.replace('$', '')) - f, cols: 16384 };
  }
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

/** Moves one A1 index (0-based) for an insertion or deletion; undefined when the deletion removed it. */
function moveIndex(i: number, at: number, count: number): number | undefined {
  if (i < at) return i;
  if (count < 0 && i < at - count) return undefined;
  return i + count;
}

/**
 * Rewrites the references of a formula into `sheet` after rows or columns were inserted or deleted there. `home` is
 * the sheet holding the formula ('' for a name): its unqualified references point into it.
 */
export function shiftReferences(formula: string, home: string, sheet: string, axis: 'rows' | 'columns', at: number, count: number): string {
  const same = (name: string) => name.replace(/''/g, "'").toLowerCase() === sheet.toLowerCase();
  const ref = /((?:'(?:[^']|'')+'|[A-Za-z_][\w.]*)!)?(\$?)([A-Z]{1,3})(\$?)(\d+)(?::(\$?)([A-Z]{1,3})(\$?)(\d+))?(?![\w(])/g;
  // Text in quotes is not a reference.
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, k) =>
      k % 2 === 1
        ? part
        : part.replace(ref, (whole, qual: string | undefined, d1, c1, d2, r1, d3, c2, d4, r2, offset: number, all: string) => {
            if (offset > 0 && /[\w.$]/.test(all[offset - 1])) return whole;
            const target = qual ? qual.slice(0, -1).replace(/^'|'$/g, '') : home;
            if (!target || !same(target)) return whole;
            const a = { col: parseA1(`${c1}1`).col, row: Number(r1) - 1 };
            const b = c2 ? { col: parseA1(`${c2}1`).col, row: Number(r2) - 1 } : a;
            const key = axis === 'rows' ? 'row' : 'col';
            let from: number | undefined = a[key];
            let to: number | undefined = b[key];
            if (count > 0) {
              from = moveIndex(from, at, count);
              to = moveIndex(to, at, count);
            } else {
              const lo = moveIndex(from, at, count) ?? (to >= at - count ? at : undefined);
              const hi = moveIndex(to, at, count) ?? (from < at ? at - 1 : undefined);
              if (lo === undefined || hi === undefined || hi < lo) return `${qual ?? ''}#REF!`;
              from = lo;
              to = hi;
            }
            const A = { ...a, [key]: from! };
            const B = { ...b, [key]: to! };
            const one = (dc: string, p: { row: number; col: number }, dr: string) => `${dc}${LETTERS(p.col)}${dr}${p.row + 1}`;
            return `${qual ?? ''}${one(d1, A, d2)}${c2 ? `:${one(d3, B, d4)}` : ''}`;
          }),
    )
    .join('');
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
  page: { orientation?: string; zoom?: unknown; printTitleRows?: string; printTitleColumns?: string; paperSize?: string; margins?: Record<string, number>; headersFooters?: Record<string, string> } = {};
  /** Conditional formats as Office.js adds them: range address, type, rule and format. */
  conditionalFormats: { address: string; type: string; rule?: unknown; format: { fontColor?: string; fill?: string; bold?: boolean } }[] = [];
  rowHeights = new Map<number, number>();
  /** Set by worksheet.activate(). */
  active = false;
  /** Excel.SheetVisibility: Visible, Hidden (the user can unhide it) or VeryHidden (only an API can). */
  visibility: 'Visible' | 'Hidden' | 'VeryHidden' = 'Visible';
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
  names = new Map<string, { name: string; formula: string; comment: string; visible?: boolean }>();
  calls: CallRecord[] = [];
  syncs = 0;
  /** Bytes of each request (JSON of the queued writes), as Excel on the web would receive them. */
  requestBytes: number[] = [];
  calculationSuspended = 0;
  /** Custom XML parts (ExcelApi 1.5) in the order added: id, the root element's namespace, the XML as stored. */
  xmlParts: { id: string; namespaceUri: string; xml: string }[] = [];
  private nextPartId = 1;
  /** Application.calculate calls (ExcelApi 1.1), by calculation type, applied at sync. */
  calculations: string[] = [];

  /** A part stored in the file by other means (another add-in, a damaged file), not through the API. */
  putXmlPart(xml: string, namespaceUri = rootNamespace(xml) ?? ''): string {
    const id = `{00000000-0000-4000-8000-${String(this.nextPartId++).padStart(12, '0')}}`;
    this.xmlParts.push({ id, namespaceUri, xml });
    return id;
  }

  sheet(name: string): Sheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  /** The selected range (sheet and A1 address), as the user left it; `select` moves it and raises the event. */
  selection: { sheet: string; address: string } | undefined;
  /** Handlers registered with workbook.onSelectionChanged.add (ExcelApi 1.2), active after the sync that added them. */
  selectionHandlers: ((args: { type: string }) => Promise<unknown> | void)[] = [];

  /**
   * The user selects a range: like Excel, the workbook's selection changes and every registered handler is called
   * with SelectionChangedEventArgs ({ workbook, type }), which carries no address (handlers read the selection
   * through a new batch). Resolves when the handlers have run.
   */
  async select(sheet: string, address: string): Promise<void> {
    if (!this.sheet(sheet)) throw new Error(`ItemNotFound: worksheet ${sheet}`);
    this.selection = { sheet: this.sheet(sheet)!.name, address };
    await Promise.all(this.selectionHandlers.map((h) => h({ type: 'WorkbookSelectionChanged' })));
  }

  /**
   * Inserts (count > 0) or deletes (count < 0) whole rows or columns of a sheet at a 0-based index, as Excel does:
   * cells below (or right) move, and every reference into the sheet — in names and in formulas on any sheet —
   * moves with its cells; a reference whose cells were all deleted becomes #REF!, a range that lost some rows
   * shrinks.
   */
  shift(sheetName: string, axis: 'rows' | 'columns', at: number, count: number): void {
    const s = this.sheet(sheetName);
    if (!s) throw new Error(`ItemNotFound: worksheet ${sheetName}`);
    const moved = new Map<string, CellState>();
    for (const [k, v] of s.cells) {
      const [r, c] = k.split(',').map(Number);
      const i = axis === 'rows' ? r : c;
      if (count < 0 && i >= at && i < at - count) continue;
      const j = i >= at ? i + count : i;
      moved.set(axis === 'rows' ? `${j},${c}` : `${r},${j}`, v);
    }
    s.cells = moved;
    const fix = (formula: string, home: string) => shiftReferences(formula, home, s.name, axis, at, count);
    for (const n of this.names.values()) n.formula = fix(n.formula, '');
    for (const other of this.sheets) for (const c of other.cells.values()) if (isFormula(c)) c.formula = fix(c.formula as string, other.name);
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

  /** Removes a sheet as Excel does: the sheet of every reference into it, in names and in other sheets' formulas, becomes #REF! (='KC'!$B$2 becomes =#REF!$B$2). */
  deleteSheet(name: string): void {
    const s = this.sheet(name);
    if (!s) throw new Error(`ItemNotFound: worksheet ${name}`);
    this.sheets = this.sheets.filter((x) => x !== s);
    const esc = s.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const ref = new RegExp(`(?:'${esc.replace(/'/g, "''")}'|(?<![\\w.'])${esc})!`, 'gi');
    for (const n of this.names.values()) n.formula = n.formula.replace(ref, '#REF!');
    for (const other of this.sheets) {
      for (const c of other.cells.values()) if (isFormula(c)) c.formula = (c.formula as string).replace(ref, '#REF!');
    }
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
  application: { suspendApiCalculationUntilNextSync: () => void; calculate: (calculationType: string) => void };
  constructor(readonly book: FakeWorkbook) {
    this.workbook = new FakeWorkbookApi(this);
    this.application = {
      suspendApiCalculationUntilNextSync: () => this.enqueue({ op: 'suspendApiCalculationUntilNextSync' }, () => (book.calculationSuspended += 1)),
      // Application.calculate(calculationType) (ExcelApi 1.1): 'Recalculate' | 'Full' | 'FullRebuild'. The fake does
      // not calculate; it records the request, applied at sync like every queued call.
      calculate: (calculationType) => {
        if (!['Recalculate', 'Full', 'FullRebuild'].includes(calculationType)) throw new Error(`InvalidArgument: calculationType ${calculationType}`);
        this.enqueue({ op: 'application.calculate', payload: calculationType }, () => book.calculations.push(calculationType));
      },
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
  customXmlParts: FakeCustomXmlParts;
  /** Workbook.onSelectionChanged (ExcelApi 1.2): a handler added in a batch is registered when the batch syncs. */
  onSelectionChanged: { add: (h: (args: { type: string }) => Promise<unknown> | void) => { remove: () => void } };
  constructor(private ctx: FakeContext) {
    this.worksheets = new FakeWorksheets(ctx);
    this.names = new FakeNames(ctx);
    this.customXmlParts = new FakeCustomXmlParts(ctx);
    this.onSelectionChanged = {
      add: (h) => {
        ctx.enqueue({ op: 'workbook.onSelectionChanged.add' }, () => ctx.book.selectionHandlers.push(h));
        return { remove: () => ctx.enqueue({ op: 'workbook.onSelectionChanged.remove' }, () => (ctx.book.selectionHandlers = ctx.book.selectionHandlers.filter((x) => x !== h))) };
      },
    };
  }
  /** Workbook.getSelectedRange (ExcelApi 1.1): the selected range, its address qualified with its sheet. */
  getSelectedRange(): FakeRange {
    const sel = this.ctx.book.selection;
    if (!sel) return new FakeRange(this.ctx, this.ctx.book.sheets[0]?.name ?? 'Sheet1', { row: 0, col: 0, rows: 1, cols: 1 });
    return new FakeRange(this.ctx, sel.sheet, parseRangeAddress(sel.address));
  }
}

/** The namespace of an XML document's root element (its default xmlns, or its prefix's), or undefined. */
export function rootNamespace(xml: string): string | undefined {
  const m = /^(?:\uFEFF)?\s*(?:<\?xml[^?]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)([^>]*)>/.exec(xml);
  if (!m) return undefined;
  const prefix = m[1].includes(':') ? m[1].split(':')[0] : '';
  const attr = new RegExp(`\\sxmlns${prefix ? ':' + prefix : ''}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(m[2]);
  return attr ? (attr[2] ?? attr[3]) : '';
}

/**
 * Well-formed enough for the fake: one root element, every tag closed in order, no stray '<' or '&'. Excel's
 * CustomXmlPartCollection.add refuses XML that is not well formed (InvalidArgument).
 */
export function wellFormedXml(xml: string): boolean {
  const body = xml.replace(/^\uFEFF?\s*(<\?xml[^?]*\?>)?/, '').replace(/<!--[\s\S]*?-->/g, '').replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
  const stack: string[] = [];
  let roots = 0;
  const tag = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/g;
  let at = 0;
  for (let m; (m = tag.exec(body)); ) {
    const text = body.slice(at, m.index);
    if (/[<]/.test(text) || /&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(text)) return false;
    if (stack.length === 0 && text.trim() !== '') return false;
    at = tag.lastIndex;
    if (m[1]) {
      if (stack.pop() !== m[2]) return false;
    } else {
      if (stack.length === 0) roots++;
      if (!m[4]) stack.push(m[2]);
    }
  }
  return stack.length === 0 && roots === 1 && body.slice(at).trim() === '';
}

/** CustomXmlPart (ExcelApi 1.5): id and namespaceUri readable once loaded and synced; getXml a ClientResult. */
class FakeCustomXmlPart extends Proxy_ {
  constructor(ctx: FakeContext, private ref: { id?: string }) {
    super(ctx);
  }
  loadedNow(props: string[]): this {
    for (const p of props) this.loaded.add(p);
    this.synced = true;
    return this;
  }
  private part() {
    return this.ctx.book.xmlParts.find((p) => p.id === this.ref.id);
  }
  get id(): string {
    this.need('id');
    return this.ref.id!;
  }
  get namespaceUri(): string {
    this.need('namespaceUri');
    return this.part()?.namespaceUri ?? '';
  }
  getXml(): { value: string } {
    let value: string | undefined;
    let done = false;
    this.ctx.enqueue({ op: 'customXmlPart.getXml' }, () => {
      const p = this.part();
      if (!p) throw new Error(`ItemNotFound: custom XML part ${this.ref.id}`);
      value = p.xml;
      done = true;
    });
    return {
      get value(): string {
        if (!done) throw new PropertyNotLoaded('value');
        return value!;
      },
    };
  }
  delete(): void {
    this.ctx.enqueue({ op: 'customXmlPart.delete', payload: this.ref.id }, () => {
      const book = this.ctx.book;
      if (!book.xmlParts.some((p) => p.id === this.ref.id)) throw new Error(`ItemNotFound: custom XML part ${this.ref.id}`);
      book.xmlParts = book.xmlParts.filter((p) => p.id !== this.ref.id);
    });
  }
}

/** CustomXmlPartCollection / CustomXmlPartScopedCollection: items as they are at the sync that loaded them. */
class FakeCustomXmlParts extends Proxy_ {
  private snapshot: FakeCustomXmlPart[] = [];
  constructor(ctx: FakeContext, private namespaceUri?: string) {
    super(ctx);
  }
  private matching() {
    return this.ctx.book.xmlParts.filter((p) => this.namespaceUri === undefined || p.namespaceUri === this.namespaceUri);
  }
  protected snapshotLoaded(): void {
    // `items/id,items/namespaceUri` loads the items' properties with the collection.
    this.snapshot = this.matching().map((p) => new FakeCustomXmlPart(this.ctx, { id: p.id }).loadedNow(['id', 'namespaceUri']));
  }
  /** `load('items/id')` loads the items too, as Office.js does. */
  load(props?: string | string[] | Record<string, unknown>): this {
    super.load(props);
    this.loaded.add('items');
    return this;
  }
  get items(): FakeCustomXmlPart[] {
    this.need('items');
    return this.snapshot;
  }
  /** Adds a part; its id is known after the sync (load it). Refuses XML that is not well formed. */
  add(xml: string): FakeCustomXmlPart {
    if (this.namespaceUri !== undefined) throw new Error('add is a method of workbook.customXmlParts');
    if (typeof xml !== 'string' || !wellFormedXml(xml)) throw new Error('InvalidArgument: The argument is invalid or missing or has an incorrect format.');
    const ref: { id?: string } = {};
    this.ctx.enqueue({ op: 'customXmlParts.add', payload: xml.length }, () => {
      ref.id = this.ctx.book.putXmlPart(xml);
    });
    return new FakeCustomXmlPart(this.ctx, ref);
  }
  getByNamespace(namespaceUri: string): FakeCustomXmlParts {
    return new FakeCustomXmlParts(this.ctx, namespaceUri);
  }
  getItem(id: string): FakeCustomXmlPart {
    return new FakeCustomXmlPart(this.ctx, { id });
  }
  getCount(): { value: number } {
    let value: number | undefined;
    this.ctx.enqueue({ op: 'customXmlParts.getCount' }, () => (value = this.matching().length));
    return {
      get value(): number {
        if (value === undefined) throw new PropertyNotLoaded('value');
        return value;
      },
    };
  }
}

/** A sheet name as Excel writes it in an address: quoted when it is not a plain word ('KC Income Statement'!D12). */
export function qualifiedSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** Why Excel refuses a sheet name, or '' (at most 31 characters, none of []:*?/\, not blank, no ' at either end, not History). */
export function badSheetName(name: string): string {
  if (name.trim() === '') return 'is blank';
  if (name.length > 31) return `is longer than 31 characters (${name.length})`;
  if (/[[\]:*?/\\]/.test(name)) return 'contains one of [ ] : * ? / \\';
  if (name.startsWith("'") || name.endsWith("'")) return "begins or ends with '";
  if (name.toLowerCase() === 'history') return 'is reserved';
  return '';
}

/** Why Excel refuses a defined name, or '': a letter, _ or \\ first, then letters, digits, _ . \\; not a cell reference (A1 or R1C1). */
export function badDefinedName(name: string): string {
  if (name.length === 0 || name.length > 255) return 'must have 1 to 255 characters';
  if (!/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name)) return 'has a character Excel does not allow';
  const a1 = /^([A-Za-z]{1,3})(\d+)$/.exec(name);
  if (a1) {
    let col = 0;
    for (const ch of a1[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
    if (col <= 16384 && Number(a1[2]) >= 1 && Number(a1[2]) <= 1048576) return 'looks like a cell reference';
  }
  if (/^[RrCc]$/.test(name) || /^[Rr]\d*[Cc]\d*$/.test(name) || /^[RrCc]\d+$/.test(name)) return 'looks like an R1C1 reference';
  return '';
}

const FIT = (v: unknown) => v === null || v === undefined || (Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 32767);

/** Why Excel refuses a pageLayout.zoom value, or '' (Excel.PageLayoutZoomOptions: scale 10-400, fit counts null or 1+). */
export function badZoom(v: unknown): string {
  if (typeof v !== 'object' || v === null) return 'is not an object';
  const z = v as Record<string, unknown>;
  const extra = Object.keys(z).filter((k) => !['scale', 'horizontalFitToPages', 'verticalFitToPages'].includes(k));
  if (extra.length) return `has unknown ${extra.join(', ')}`;
  if (!(z.scale === null || z.scale === undefined || (typeof z.scale === 'number' && z.scale >= 10 && z.scale <= 400))) return `scale ${String(z.scale)} is not 10-400`;
  if (!FIT(z.horizontalFitToPages) || !FIT(z.verticalFitToPages)) return 'a fit-to-pages count is not null or a whole number of pages';
  return '';
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
      const bad = badSheetName(name);
      if (bad) throw new Error(`InvalidArgument: sheet name ${JSON.stringify(name)} ${bad}`);
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
        set('pageLayout.orientation', v, (s) => {
          if (v !== 'Portrait' && v !== 'Landscape') throw new Error(`InvalidArgument: orientation ${String(v)}`);
          s.page.orientation = v;
        });
      },
      set zoom(v: unknown) {
        set('pageLayout.zoom', v, (s) => {
          const bad = badZoom(v);
          if (bad) throw new Error(`InvalidArgument: zoom ${bad}`);
          s.page.zoom = v;
        });
      },
      setPrintTitleRows: (rows: string) =>
        set('pageLayout.setPrintTitleRows', rows, (s) => {
          if (!/^\$?\d+:\$?\d+$/.test(rows)) throw new Error(`InvalidArgument: print title rows ${rows}`);
          s.page.printTitleRows = rows;
        }),
      // PageLayout.setPrintTitleColumns (ExcelApi 1.9): whole columns to repeat at the left of each printed page;
      // Excel refuses a cell or row address.
      setPrintTitleColumns: (columns: string) =>
        set('pageLayout.setPrintTitleColumns', columns, (s) => {
          if (!/^\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3}$/.test(columns)) throw new Error(`InvalidArgument: print title columns ${columns}`);
          s.page.printTitleColumns = columns;
        }),
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
  /** Deletes the sheet. As in Excel, names (and formulas elsewhere) that pointed into it now hold #REF!. */
  delete(): void {
    this.ctx.enqueue({ op: 'worksheet.delete', sheet: this.sheetName }, () => this.ctx.book.deleteSheet(this.sheetName));
  }
  set showGridlines(v: boolean) {
    this.ctx.enqueue({ op: 'worksheet.showGridlines', sheet: this.sheetName, payload: v }, () => (this.sheet().showGridlines = v));
  }
  set tabColor(v: string) {
    this.ctx.enqueue({ op: 'worksheet.tabColor', sheet: this.sheetName, payload: v }, () => (this.sheet().tabColor = v));
  }
  /** Worksheet.visibility (set: ExcelApi 1.2). Excel refuses to hide the last visible sheet. */
  set visibility(v: 'Visible' | 'Hidden' | 'VeryHidden') {
    this.ctx.enqueue({ op: 'worksheet.visibility', sheet: this.sheetName, payload: v }, () => {
      if (!['Visible', 'Hidden', 'VeryHidden'].includes(v)) throw new Error(`InvalidArgument: visibility ${String(v)}`);
      const s = this.sheet();
      if (v !== 'Visible' && !this.ctx.book.sheets.some((o) => o !== s && o.visibility === 'Visible')) throw new Error('InvalidOperation: a workbook must keep at least one visible sheet');
      s.visibility = v;
    });
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
  getUsedRange(valuesOnly?: boolean): FakeRange {
    this.ctx.book.calls.push({ op: 'getUsedRange', sheet: this.sheetName, payload: valuesOnly });
    return new FakeRange(this.ctx, this.sheetName, 'used');
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
  private data?: { formulas: (string | number | boolean)[][]; values: (string | number | boolean)[][]; valueTypes: string[][]; text: string[][]; numberFormat: string[][]; address: string; isNull: boolean; box: Box };
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
    this.grid('formulas', v, write);
  }
  /** Excel reads strings written to values exactly as those written to formulas (a "=..." string is a formula). */
  set values(v: (string | number | boolean | null)[][]) {
    this.grid('values', v, write);
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
      this.data = { formulas: [], values: [], valueTypes: [], text: [], numberFormat: [], address: '', isNull: true, box: { row: 0, col: 0, rows: 0, cols: 0 } };
      return;
    }
    const grids = { formulas: [] as (string | number | boolean)[][], values: [] as (string | number | boolean)[][], valueTypes: [] as string[][], text: [] as string[][], numberFormat: [] as string[][] };
    for (let r = 0; r < b.rows; r++) {
      for (const g of Object.values(grids)) g.push([]);
      for (let c = 0; c < b.cols; c++) {
        const cell = s.peek(b.row + r, b.col + c);
        grids.formulas[r].push(cell?.formula ?? '');
        grids.values[r].push(valueOf(cell));
        grids.valueTypes[r].push(valueTypeOf(cell));
        grids.text[r].push(displayText(cell));
        grids.numberFormat[r].push(cell?.numberFormat ?? 'General');
      }
    }
    const corner = `${LETTERS(b.col)}${b.row + 1}`;
    const far = `${LETTERS(b.col + b.cols - 1)}${b.row + b.rows}`;
    const address = `${qualifiedSheet(s.name)}!${corner === far ? corner : `${corner}:${far}`}`;
    this.data = { ...grids, address, isNull: false, box: b };
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
  get values(): (string | number | boolean)[][] {
    this.need('values');
    return this.data!.values;
  }
  get valueTypes(): string[][] {
    this.need('valueTypes');
    return this.data!.valueTypes;
  }
  get text(): string[][] {
    this.need('text');
    return this.data!.text;
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
  get rowCount(): number {
    this.need('rowCount');
    return this.data!.box.rows;
  }
  get columnCount(): number {
    this.need('columnCount');
    return this.data!.box.cols;
  }
  /** Range.insert for whole rows ("5:6", Down) or whole columns ("C:D", Right): see FakeWorkbook.shift. */
  insert(shift: 'Down' | 'Right'): void {
    const b = this.box;
    this.ctx.enqueue({ op: 'range.insert', sheet: this.sheetName, address: this.addr, payload: shift }, () => {
      if (shift === 'Down' && b.cols === 16384) this.ctx.book.shift(this.sheetName, 'rows', b.row, b.rows);
      else if (shift === 'Right' && b.rows === 1048576) this.ctx.book.shift(this.sheetName, 'columns', b.col, b.cols);
      else throw new Error('the fake inserts whole rows (Down) or whole columns (Right) only');
    });
  }
  /** Range.delete for whole rows (Up) or whole columns (Left). */
  delete(shift: 'Up' | 'Left'): void {
    const b = this.box;
    this.ctx.enqueue({ op: 'range.delete', sheet: this.sheetName, address: this.addr, payload: shift }, () => {
      if (shift === 'Up' && b.cols === 16384) this.ctx.book.shift(this.sheetName, 'rows', b.row, -b.rows);
      else if (shift === 'Left' && b.rows === 1048576) this.ctx.book.shift(this.sheetName, 'columns', b.col, -b.cols);
      else throw new Error('the fake deletes whole rows (Up) or whole columns (Left) only');
    });
  }
  get columnIndex(): number {
    this.need('columnIndex');
    return this.data!.box.col;
  }
}

/** One written cell, as en-US Excel stores it (see excelReads). null leaves the cell as it is. */
function write(cell: CellState, x: string | number | boolean | null): void {
  if (x === null) return;
  cell.isText = undefined;
  if (typeof x !== 'string') {
    // Excel keeps 15 significant digits of a number (0.1 + 0.2 is stored as 0.3).
    cell.formula = typeof x === 'number' ? Number(x.toPrecision(15)) : x;
    return;
  }
  if (x === '') {
    cell.formula = '';
    return;
  }
  const r = excelReads(x, cell.numberFormat);
  cell.formula = r.value;
  if (r.isText) cell.isText = true;
  if (r.format && cell.numberFormat === 'General') cell.numberFormat = r.format;
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
    // A border item of a range draws one line: EdgeTop only along the range's first row, EdgeBottom only along
    // its last row (Excel.BorderIndex), InsideHorizontal between its rows, Edge/InsideVertical likewise by column.
    const edgeProxy = (edge: string) =>
      new Proxy({} as Record<string, unknown>, {
        set: (_, prop: string, v) => {
          if (!['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideHorizontal', 'InsideVertical', 'DiagonalDown', 'DiagonalUp'].includes(edge)) throw new Error(`InvalidArgument: border index ${edge}`);
          range.enqueueWrite(`format.border.${edge}.${prop}`, v, (s, b) =>
            this.each(s, b, (c, r, col) => {
              const mark = (e: string) => (c.style[`border.${e}.${prop}`] = v);
              if (edge === 'EdgeTop' && r === b.row) mark('EdgeTop');
              if (edge === 'EdgeBottom' && r === b.row + b.rows - 1) mark('EdgeBottom');
              if (edge === 'EdgeLeft' && col === b.col) mark('EdgeLeft');
              if (edge === 'EdgeRight' && col === b.col + b.cols - 1) mark('EdgeRight');
              if (edge === 'InsideHorizontal') {
                if (r > b.row) mark('EdgeTop');
                if (r < b.row + b.rows - 1) mark('EdgeBottom');
              }
              if (edge === 'InsideVertical') {
                if (col > b.col) mark('EdgeLeft');
                if (col < b.col + b.cols - 1) mark('EdgeRight');
              }
              if (edge.startsWith('Diagonal')) mark(edge);
            }),
          );
          return true;
        },
      });
    this.borders = { getItem: (edge: string) => edgeProxy(edge) };
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
  private each(s: Sheet, b: Box, f: (c: CellState, row: number, col: number) => void): void {
    const rows = Math.min(b.rows, 2000);
    for (let r = b.row; r < b.row + rows; r++) for (let c = b.col; c < b.col + b.cols; c++) f(s.cell(r, c), r, c);
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
  add(name: string, reference: FakeRange | string, comment?: string): { visible: boolean } {
    const formula = typeof reference === 'string' ? reference : `='${reference.sheetName.replace(/'/g, "''")}'!${reference.addr.split(':')[0] === reference.addr.split(':')[1] ? '' : ''}${absolute(reference.addr)}`;
    this.ctx.enqueue({ op: 'names.add', payload: { name, formula, comment } }, () => {
      const bad = badDefinedName(name);
      if (bad) throw new Error(`InvalidArgument: name ${name} ${bad}`);
      if (this.ctx.book.names.has(name)) throw new Error(`ItemAlreadyExists: name ${name}`);
      this.ctx.book.names.set(name, { name, formula, comment: comment ?? '' });
    });
    // NamedItem.visible (ExcelApi 1.1): a hidden name is not listed in the Name Manager.
    const ctx = this.ctx;
    return {
      set visible(v: boolean) {
        ctx.enqueue({ op: 'name.visible', payload: { name, v } }, () => (ctx.book.names.get(name)!.visible = v));
      },
      get visible(): boolean {
        throw new PropertyNotLoaded('visible');
      },
    };
  }
}

function absolute(addr: string): string {
  const [a, b] = addr.split(':');
  const abs = (x: string) => x.replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2');
  return a === b ? abs(a) : `${abs(a)}:${abs(b)}`;
}

export type { Sheet };
