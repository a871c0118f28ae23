import Decimal from 'decimal.js';
import { tryGet, type ModelReader, type ModelValueLike } from './model-reader';
import { address } from './a1';
import { periodOfId, previousQuarter, priorYear } from '../filing/periods';
import { STYLE } from './styles';
import type { ColumnDef, Format, TabBuilder } from './tab-builder';

/**
 * One line of a statement tab. Inputs are the release's reported figures (blue); formulas recompute what the
 * release derives (black), with the calculation module's value recorded as the cell's expectation.
 */
export interface LineDef {
  key: string;
  label: string;
  kind: 'input' | 'formula' | 'section' | 'blank';
  /** Catalogue metric of the row: source of an input, expectation of a formula. */
  metric?: string;
  /** Formula template: `{key}` same tab and column, `{TAB:key}` another tab, `{key|Q1-2024}` another period. */
  formula?: string;
  format?: Format;
  total?: 'total' | 'grand';
  indent?: number;
  /** Expected value = sign × the metric's value (add-backs print the opposite sign of the statement line). */
  expectSign?: 1 | -1;
  /** Restricts the row to some columns (e.g. margins only in RMB columns). */
  only?: (c: ColumnDef) => boolean;
  /** Register workbook names KC_<METRIC>_<PERIOD>[_USD] for this row's cells. */
  named?: boolean;
  /** Cross-tab references are links: green. */
  link?: boolean;
  /** A formula template for some columns of an input row (e.g. six months = Q1 + Q2), or undefined. */
  formulaFor?: (c: ColumnDef) => string | undefined;
  /** Expectation other than the metric's value (e.g. a growth rate). */
  expect?: (c: ColumnDef) => Decimal | undefined;
  /** Tolerance for the expectation when not the default. */
  tolerance?: { tolerance: number; rule: string };
}

/** A label left to the release: the row's label as printed in the release's table (see `writeLines`). */
export const PRINTED = '';

export const amount = (key: string, label: string, extra: Partial<LineDef> = {}): LineDef => ({ key, label, kind: 'input', metric: key, ...extra });
export const formula = (key: string, label: string, f: string, extra: Partial<LineDef> = {}): LineDef => ({ key, label, kind: 'formula', metric: key, formula: f, ...extra });
export const section = (label: string): LineDef => ({ key: `section:${label}`, label, kind: 'section' });
export const blank = (n: number): LineDef => ({ key: `blank:${n}`, label: '', kind: 'blank' });

const REF = /\{(?:([A-Z]+):)?([a-z0-9_]+)(?:\|([A-Za-z0-9-]+))?\}/g;

/** Resolves the relative periods PY (same period a year earlier) and PQ (previous quarter). */
export function relativePeriod(period: string, rel: string): string {
  if (rel !== 'PY' && rel !== 'PQ') return rel;
  const p = periodOfId(period);
  const r = !p || p.kind === 'instant' ? undefined : rel === 'PY' ? priorYear(p) : previousQuarter(p);
  return r?.id ?? 'none';
}

/** Workbook name for a metric in a column, e.g. KC_ADJ_EBITDA_Q2_2024, KC_CASH_2024_06_30_USD. */
export function cellName(metric: string, period: string, currency: string): string {
  return `KC_${metric.toUpperCase()}_${period.replace(/-/g, '_')}${currency === 'USD' ? '_USD' : ''}`;
}

const USD_TOLERANCE = { tolerance: 3, rule: 'US$ subtotal: the release adds rounded parts; up to 3 thousand' };

/** A formula cell of a statement tab, for the Checks tab to compare with the printed figure. */
export interface DerivedCell {
  tab: string;
  key: string;
  label: string;
  metric?: string;
  period: string;
  currency: 'RMB' | 'USD';
  row: number;
  col: number;
  sign: 1 | -1;
  format: Format;
  /** The calculation module's value of the cell. */
  expected?: number;
}

/**
 * How a time series of many releases fills its cells: a figure a release prints is an input; one the library
 * derives is a formula over the columns it comes from (Q4 = FY − 9M); where neither the row's own formula nor the
 * identity can be written (a release prints a total without its parts), the figure is recorded as printed.
 */
export interface SeriesFill {
  /** Whether a value is printed by a release (an input) rather than derived by the library. */
  printed: (mv: ModelValueLike) => boolean;
  /** The period identity template of a cell (`{key|FY-2024}-{key|9M-2024}`), for figures that add up over time. */
  identity: (line: LineDef, c: ColumnDef) => string | undefined;
}

export function writeLines(
  tab: TabBuilder,
  tabCode: string,
  columns: ColumnDef[],
  input: LineDef[],
  model: ModelReader,
  printed: (key: string) => string | undefined = () => undefined,
  series?: SeriesFill,
): DerivedCell[] {
  const derived: DerivedCell[] = [];
  const lines = input.map((l) => {
    if (l.kind === 'blank' || l.label !== PRINTED) return l;
    const label = printed(l.key);
    if (!label) throw new Error(`no printed label for ${tabCode} row ${l.key}`);
    return { ...l, label };
  });
  // First pass: place rows so formulas may refer to rows below them.
  const placed = lines.map((line) => {
    const row = tab.addRow();
    columns.forEach((c, i) => tab.registry.put(tabCode, tab.name, line.key, c.period, c.currency, row, i + 1));
    return row;
  });
  const format = (line: LineDef): Format => line.format ?? 'amount';
  const templateFor = (line: LineDef, c: ColumnDef) => line.formulaFor?.(c) ?? (line.kind === 'formula' ? line.formula : undefined);
  // Labels and reported inputs first, then formulas in row order: a formula is written only where every cell it
  // refers to holds something, so no formula divides by or adds an empty cell.
  lines.forEach((line, li) => {
    const row = placed[li];
    if (line.kind === 'blank') return;
    tab.set(row, 0, line.label);
    if (line.indent) tab.style(row, 0, 1, 1, { indent: line.indent });
    if (line.kind === 'section') {
      tab.style(row, 0, 1, 1, STYLE.section);
      return;
    }
    columns.forEach((c, i) => {
      if ((line.only && !line.only(c)) || templateFor(line, c)) return;
      const mv = line.metric ? tryGet(model, line.metric, c.period, c.currency) : undefined;
      if (!mv) return;
      if (series && !series.printed(mv) && series.identity(line, c)) return;
      tab.set(row, i + 1, mv.value.toNumber(), format(line));
      tab.cellKeys[address(row, i + 1)] = { metric: line.metric!, period: c.period, currency: c.currency };
      tab.style(row, i + 1, 1, 1, STYLE.input);
      tab.registry.fill(tabCode, line.key, c.period, c.currency);
      if (line.named && line.metric) tab.nameCell(cellName(line.metric, c.period, c.currency), row, i + 1, `${line.label}, ${c.group.toLowerCase()} ${c.header} (${c.currency === 'USD' ? 'US$' : 'RMB'})`);
    });
  });
  // Formulas may refer to other formula cells of the same row (Q1 = H1 - Q2 links): repeat until nothing is left
  // that can be written.
  const pending: { line: LineDef; row: number; c: ColumnDef; col: number }[] = [];
  lines.forEach((line, li) => {
    if (line.kind === 'blank' || line.kind === 'section') return;
    columns.forEach((c, i) => {
      if (line.only && !line.only(c)) return;
      if (!templateFor(line, c) && !(series && tab.values[placed[li]][i + 1] === null && series.identity(line, c))) return;
      pending.push({ line, row: placed[li], c, col: i + 1 });
    });
  });
  // The row's own formula first; a period identity only where no own formula can be written yet.
  // Modes, in order of preference: 0 the row's own formula; 1 (a series) a period identity for a figure no release
  // prints (Q4 = FY − 9M); 2 (a series) the printed figure where its parts are not given (a total printed alone).
  // Each write may unblock formulas of an earlier mode, so the loop returns to mode 0 after any progress.
  const valueOf = (line: LineDef, c: ColumnDef) => (line.metric ? tryGet(model, line.metric, c.period, c.currency) : undefined);
  const recordFigure = (line: LineDef, row: number, c: ColumnDef, col: number, mv: ModelValueLike) => {
    tab.set(row, col, mv.value.mul(line.expectSign ?? 1).toNumber(), format(line));
    tab.cellKeys[address(row, col)] = { metric: line.metric!, period: c.period, currency: c.currency, ...(line.expectSign === -1 ? { sign: -1 as const } : {}) };
    tab.style(row, col, 1, 1, STYLE.input);
    tab.registry.fill(tabCode, line.key, c.period, c.currency);
    if (line.named) tab.nameCell(cellName(line.metric!, c.period, c.currency), row, col, `${line.label}, ${c.group.toLowerCase()} ${c.header} (RMB)`);
  };
  let mode = 0;
  for (;;) {
    let progress = false;
    for (let k = 0; k < pending.length; k++) {
      const { line, row, c, col } = pending[k];
      if (mode === 2) {
        const mv = !line.expect ? valueOf(line, c) : undefined;
        if (!mv || !series!.printed(mv)) continue;
        pending.splice(k--, 1);
        progress = true;
        recordFigure(line, row, c, col, mv);
        continue;
      }
      let missing = false;
      let template = templateFor(line, c);
      if (mode === 1) {
        const mv = valueOf(line, c);
        template = mv && !series!.printed(mv) ? series!.identity(line, c) : undefined;
      }
      if (!template) continue;
      const text = template.replace(REF, (_, t: string | undefined, key: string, period: string | undefined) => {
        const ref = tab.registry.ref(tabCode, t ?? tabCode, key, period ? relativePeriod(c.period, period) : c.period, c.currency);
        if (!ref) missing = true;
        return ref ?? '#REF!';
      });
      if (missing) continue;
      pending.splice(k--, 1);
      progress = true;
      const fmt = format(line);
      const mv = valueOf(line, c);
      const value = line.expect ? line.expect(c) : mv ? mv.value.mul(line.expectSign ?? 1) : undefined;
      const tol =
        line.tolerance ??
        (fmt === 'percent' || fmt === 'perShare' || fmt === 'points'
          ? { tolerance: 1e-9, rule: 'same arithmetic as the calculation module: floating-point agreement' }
          : c.currency === 'USD'
            ? USD_TOLERANCE
            : { tolerance: 0, rule: 'RMB identity: exact' });
      tab.setFormula(row, col, text, fmt, value ? { value: new Decimal(value), ...tol } : undefined);
      // A cell that shows the metric itself (not a growth rate or another expectation) can be traced to it.
      if (mv && line.metric && !line.expect) tab.cellKeys[address(row, col)] = { metric: line.metric, period: c.period, currency: c.currency, ...(line.expectSign === -1 ? { sign: -1 as const } : {}) };
      // Green only for a link to another tab; a same-tab calculation in a linked row (Q1 = H1 − Q2) is black; a
      // period identity of a series (Q4 = FY − 9M) is black italic: a derived figure.
      tab.style(row, col, 1, 1, mode === 1 ? STYLE.derived : line.link && text.includes('!') ? STYLE.link : STYLE.formula);
      tab.registry.fill(tabCode, line.key, c.period, c.currency);
      derived.push({ tab: tabCode, key: line.key, label: line.label, metric: line.metric, period: c.period, currency: c.currency, row, col, sign: line.expectSign ?? 1, format: fmt, expected: value ? new Decimal(value).toNumber() : undefined });
      if (line.named && line.metric) tab.nameCell(cellName(line.metric, c.period, c.currency), row, col, `${line.label}, ${c.group.toLowerCase()} ${c.header} (${c.currency === 'USD' ? 'US$' : 'RMB'})`);
    }
    if (progress) mode = 0;
    else if (series && mode < 2) mode++;
    else break;
  }
  // A series: a derived figure no formula can give is recorded as the library computes it.
  if (series) {
    for (const { line, row, c, col } of pending) {
      const mv = !line.expect ? valueOf(line, c) : undefined;
      if (mv) recordFigure(line, row, c, col, mv);
    }
  }
  lines.forEach((line, li) => {
    if (line.total) tab.styleRow(placed[li], line.total === 'grand' ? STYLE.grandTotal : STYLE.total);
  });
  return derived;
}
