import type { CheckResult, Fact, ParsedRelease } from '../filing/types';
import type { CellKey, SheetPlan } from '../sheets/plan';

/**
 * Tracing a figure: from a selected cell (a KC tab's figure cell, through the plan's cell keys, or a cell whose
 * formula calls KC.*) to the model's value and its provenance: the release, the line of the release text with the
 * lines around it and the figure marked, the repairs, the checks that cover it, the formula if it is derived. Pure
 * data, built from the plan and the model through the narrow `TraceModel` below (what a library of releases must
 * also offer); the pane shows it as text.
 */

/** What tracing needs from the model (src/model's Model satisfies it). */
export interface TraceModel {
  release: ParsedRelease;
  get(
    metric: string,
    period: string,
    currency?: string,
  ): { value: { toNumber(): number }; origin: string; formula?: string; rule?: string; facts: Fact[]; metric?: { label?: string; unit?: string }; period?: { id: string } };
  source(metric: string, period: string, currency?: string): string;
  checks(): CheckResult[];
  /** The release a figure's fact was read from (a library of releases); the model's own release otherwise. */
  releaseOf?(fact: Fact): ParsedRelease | undefined;
  /** A library's releases that printed the figure, each with its value (a single release's model has none). */
  printedBy?(metric: string, period: string, currency?: string): { release: { name: string; quarter: string; form: string }; value: { toNumber(): number }; origin: string; line: number }[];
}

export interface TraceLine {
  number: number;
  text: string;
  /** [start, end) of the figure in the line's text, when found there. */
  mark?: [number, number];
}

export interface TraceSource {
  release: string;
  line: number;
  table: string;
  rowLabel: string;
  column: string;
  /** The cell text as read, before any repair. */
  raw: string;
  /** The line and the lines around it (two each side). */
  lines: TraceLine[];
}

/** One release that printed the figure: today the workbook has one; a library lists each, restated or not. */
export interface TraceRelease {
  release: string;
  value: string;
  restated?: boolean;
}

export interface Trace {
  /** The selected cell, 'Sheet'!A1. */
  cell: string;
  /** "Total revenues · Q2-2024 · RMB" */
  figure: string;
  value: string;
  /** reported, prose, derived, computed, translated */
  origin: string;
  /** The selected cell's formula, when it holds one. */
  formula?: string;
  /** How the model derives the figure, when it does. */
  derivation?: string;
  /** The model's one-paragraph provenance (Model.source). */
  summary: string;
  sources: TraceSource[];
  repairs: { id: string; kind: string; line: number; read: string; repaired: string; proof: string }[];
  checks: { name: string; period: string; currency: string; pass: boolean; detail: string }[];
  releases: TraceRelease[];
}

/** A selection as the pane reads it: the sheet, the top-left cell, and what range.formulas returns for it. */
export interface Selected {
  tab: string;
  address: string;
  formula: string | number | boolean;
}

export type TraceAnswer = { trace: Trace } | { message: string };

/** The KC.* functions that return one metric, by function name. */
const FUNCTION_METRIC: Record<string, string> = {
  REVENUE: 'total_revenues',
  GROSS_PROFIT: 'gross_profit',
  ADJ_GROSS_PROFIT: 'adj_gross_profit',
  NET_LOSS: 'net_loss',
  ADJ_NET_LOSS: 'adj_net_loss',
  ADJ_EBITDA: 'adj_ebitda',
  NORMALIZED_ADJ_EBITDA: 'normalized_adj_ebitda',
  GROSS_MARGIN: 'gross_margin',
  ADJ_GROSS_MARGIN: 'adj_gross_margin',
  ADJ_EBITDA_MARGIN: 'adj_ebitda_margin',
};

/** Splits a function's argument text at top-level commas; string literals unquoted, anything else as written. */
function args(text: string): { value: string; literal: boolean }[] {
  const out: { value: string; literal: boolean }[] = [];
  const re = /\s*(?:"((?:[^"]|"")*)"|([^,]*))\s*(?:,|$)/gy;
  let m: RegExpExecArray | null;
  while (re.lastIndex < text.length && (m = re.exec(text))) {
    if (m[0] === '') break;
    out.push(m[1] !== undefined ? { value: m[1].replace(/""/g, '"'), literal: true } : { value: m[2].trim(), literal: false });
  }
  return out;
}

const currencyOf = (c: string | undefined): 'RMB' | 'USD' => (c && /^(usd|us\$)$/i.test(c.trim()) ? 'USD' : 'RMB');

/** The figure a formula's first KC.* call returns, or why it cannot be traced without calculating. */
export function keyOfFormula(formula: string): CellKey | { message: string } | undefined {
  const m = /\bKC\.([A-Z_]+)\s*\(([^()]*)\)/i.exec(formula);
  if (!m) return undefined;
  const fn = m[1].toUpperCase();
  const a = args(m[2]);
  const nonLiteral = a.find((x) => !x.literal && x.value !== '');
  const pick = (metric: string, rest: { value: string; literal: boolean }[]) =>
    nonLiteral
      ? { message: `KC.${fn} takes its arguments from other cells (${nonLiteral.value}); select a figure in a KC tab, or write them as text, to trace it.` }
      : rest[0]
        ? { metric, period: rest[0].value, currency: currencyOf(rest[1]?.value) }
        : { message: `KC.${fn} has no period to trace.` };
  if (FUNCTION_METRIC[fn]) return pick(FUNCTION_METRIC[fn], a);
  if (fn === 'METRIC' || fn === 'SOURCE') return pick(a[0]?.value ?? '', a.slice(1));
  if (fn === 'GROWTH') return pick(a[0]?.value ?? '', a.slice(1, 2));
  return { message: `KC.${fn} is not one figure of a release.` };
}

/** The figure a KC tab's cell shows, from the plan's cell keys. */
export function keyOfCell(plan: SheetPlan, tab: string, address: string): CellKey | undefined {
  return plan.tabs.find((t) => t.name === tab)?.cellKeys?.[address.replace(/\$/g, '')];
}

function formatValue(v: number, unit: string | undefined, currency: string | null): string {
  if (unit === 'ratio') return `${(v * 100).toFixed(1)}%`;
  if (unit === 'per_share') return `${currency === 'USD' ? 'US$' : 'RMB'} ${v.toFixed(4)}`;
  if (unit === 'shares' || unit === 'rate') return v.toLocaleString('en-US', { maximumFractionDigits: 4 });
  const text = Math.abs(v).toLocaleString('en-US', { maximumFractionDigits: 0 });
  return `${currency === 'USD' ? 'US$' : 'RMB'} ${v < 0 ? `(${text})` : text} thousand`;
}

/** The line of the release text and two lines each side, with the figure as read marked in its line. */
export function linesAround(text: string[], line: number, raw: string, around = 2): TraceLine[] {
  const out: TraceLine[] = [];
  for (let n = Math.max(1, line - around); n <= Math.min(text.length, line + around); n++) {
    const t = text[n - 1];
    const at = n === line && raw ? t.indexOf(raw) : -1;
    out.push({ number: n, text: t, ...(at >= 0 ? { mark: [at, at + raw.length] as [number, number] } : {}) });
  }
  return out;
}

const releaseName = (r: ParsedRelease) => `${r.company} ${r.quarter.replace('-', ' ')} earnings release`;

/** Builds the trace of one figure; a figure the model does not have is a message, never an exception. */
/** The text of a release, for showing a figure's line: one text (a single release), or each release's. */
export type ReleaseTexts = string | ((release: ParsedRelease) => string | undefined);

export function traceFigure(model: TraceModel, key: CellKey, releaseText: ReleaseTexts | undefined, selected: Selected): TraceAnswer {
  let v: ReturnType<TraceModel['get']>;
  let summary: string;
  try {
    v = model.get(key.metric, key.period, key.currency);
    summary = model.source(key.metric, key.period, key.currency);
  } catch (e) {
    return { message: `No figure to trace: ${(e as Error).message}` };
  }
  const period = v.period?.id ?? key.period;
  const currency = key.currency;
  const unit = v.metric?.unit ?? v.facts[0]?.unit;
  const value = formatValue(v.value.toNumber() * (key.sign ?? 1), unit === 'amount' ? 'thousands' : unit, unit === 'ratio' ? null : currency);
  const release = releaseName(model.release);
  // Each fact's line is shown from the text of the release it was read from.
  const relOf = (f: Fact) => model.releaseOf?.(f) ?? model.release;
  const split = new Map<ParsedRelease, string[] | undefined>();
  const linesOf = (r: ParsedRelease) => {
    if (!split.has(r)) split.set(r, (typeof releaseText === 'function' ? releaseText(r) : releaseText)?.split(/\r?\n/));
    return split.get(r);
  };
  const sources: TraceSource[] = v.facts.map((f) => {
    const lines = linesOf(relOf(f));
    return {
      release: releaseName(relOf(f)),
      line: f.provenance.line,
      table: f.table,
      rowLabel: f.provenance.rowLabel,
      column: f.provenance.column,
      raw: f.provenance.raw,
      lines: lines ? linesAround(lines, f.provenance.line, f.provenance.raw) : [],
    };
  });
  const repairIds = new Set(v.facts.flatMap((f) => f.provenance.repairs));
  const repairs = [...new Set(v.facts.map(relOf))]
    .flatMap((r) => r.repairs)
    .filter((r) => repairIds.has(r.id))
    .map((r) => ({ id: r.id, kind: r.kind.replace(/_/g, ' '), line: r.line, read: r.read, repaired: r.repaired, proof: r.identity }));
  // The checks on the figure's own line and period (the identities whose reported side it is), and the ones named
  // after its row.
  const covered = (c: CheckResult) =>
    v.facts.some(
      (f) =>
        c.period === f.period &&
        (c.currency === null || f.currency === null || c.currency === f.currency) &&
        (c.line === f.provenance.line || c.id === `${f.table}.${f.row}` || c.id.startsWith(`${f.table}.${f.row}.`)),
    );
  const checks = model
    .checks()
    .filter(covered)
    .map((c) => ({
      name: c.name,
      period: c.period,
      currency: c.currency === 'USD' ? 'US$' : (c.currency ?? ''),
      pass: c.pass,
      detail: `${c.pass ? 'passes' : 'FAILS'}: expected ${c.expected.toString()}, actual ${c.actual.toString()} (${c.toleranceRule})`,
    }));
  const label = v.metric?.label ?? key.metric;
  const formula = typeof selected.formula === 'string' && selected.formula.startsWith('=') ? selected.formula : undefined;
  return {
    trace: {
      cell: `'${selected.tab.replace(/'/g, "''")}'!${selected.address}`,
      figure: [label, period, unit === 'ratio' ? '' : currency === 'USD' ? 'US$' : 'RMB'].filter(Boolean).join(' · '),
      value,
      origin: v.origin,
      ...(formula ? { formula } : {}),
      ...(v.formula || v.rule ? { derivation: [v.formula, v.rule].filter(Boolean).join('; ') } : {}),
      summary,
      sources,
      repairs,
      checks,
      releases: printedBy(model, key, v.value, (n) => formatValue(n * (key.sign ?? 1), unit === 'amount' ? 'thousands' : unit, unit === 'ratio' ? null : currency)) ?? [{ release, value }],
    },
  };
}

/**
 * The releases of the library that printed the figure, each with the value it printed, restated where it differs
 * from the figure served; undefined for a single release's model or a figure no release printed (derived).
 */
function printedBy(model: TraceModel, key: CellKey, served: { toNumber(): number }, format: (n: number) => string): TraceRelease[] | undefined {
  let prints: ReturnType<NonNullable<TraceModel['printedBy']>> = [];
  try {
    prints = model.printedBy?.(key.metric, key.period, key.currency) ?? [];
  } catch {
    return undefined;
  }
  if (!prints.length) return undefined;
  return prints.map((p) => ({
    release: `${p.release.name} (${p.release.quarter}, ${p.release.form}${p.origin === 'prose' ? ', in its text' : ''}, line ${p.line})`,
    value: format(p.value.toNumber()),
    ...(p.value.toNumber() !== served.toNumber() ? { restated: true } : {}),
  }));
}

/** The trace of a selected cell: a KC tab's figure, or a cell that calls KC.*; otherwise why there is none. */
export function traceSelection(plan: SheetPlan | undefined, model: TraceModel, releaseText: ReleaseTexts | undefined, selected: Selected): TraceAnswer {
  const inPlan = plan?.tabs.some((t) => t.name === selected.tab);
  if (inPlan) {
    const key = keyOfCell(plan!, selected.tab, selected.address);
    if (key) return traceFigure(model, key, releaseText, selected);
  }
  const key = typeof selected.formula === 'string' ? keyOfFormula(selected.formula) : undefined;
  if (key && 'message' in key) return key;
  if (key) return traceFigure(model, key, releaseText, selected);
  return { message: inPlan ? `${selected.tab}!${selected.address} is not one of the release's figures.` : 'Select a figure in a KC tab, or a cell that calls a KC function, to see where it comes from.' };
}
