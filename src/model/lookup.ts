import type Decimal from 'decimal.js';
import type { MetricDef } from './catalogue';
import { ModelError } from './errors';
import type { Cur } from './library-store';
import type { ModelValue } from './model-value';
import { instant, type Period } from './periods';

/**
 * The rules by which a model serves a metric, the same for one release's model (model.ts) and for a library of
 * releases (library.ts): where a figure is read (a balance at the end of the period asked for; a flow over the
 * period, never at a date; a constant anywhere), what is said of a figure the model does not give, and growth.
 */
export interface Served<V extends ModelValue> {
  /** The value a model holds (or computes) for a metric, period id and currency; undefined when it has none. */
  find(metric: string, period: string, currency: Cur): V | undefined;
  /** The ids of the periods a metric has a value at, in period order. */
  periodsWith(metric: string, currency: Cur): string[];
  /** What serves it: one release, or a library of several. */
  readonly kind: 'release' | 'library';
}

/** A message lists at most this many periods (the first and last ones). */
const LISTED = 12;

/** The value of a metric for a period, read where the metric's basis says; ModelError('not_available') if none. */
export function lookupValue<V extends ModelValue>(served: Served<V>, def: MetricDef, period: Period, currency: Cur): V {
  if (def.basis === 'constant') return served.find(def.id, CONSTANT_ID, currency)!;
  let at = period;
  if (def.basis === 'stock') {
    at = period.kind === 'instant' ? period : instant(period.end);
  } else if (period.kind === 'instant') {
    throw new ModelError('not_available', `${def.id} covers a period, not a date: use a quarter or half-year such as Q2-2024 or H1-2024.`);
  }
  const v = served.find(def.id, at.id, currency);
  if (v) return v;
  const have = served.periodsWith(def.id, currency);
  const what = def.basis === 'stock' ? `at ${at.id}${at.id !== period.id ? ` (the end of ${period.id})` : ''}` : `for ${period.id}`;
  const shown = have.length > LISTED ? [...have.slice(0, 6), '…', ...have.slice(-5)] : have;
  const subject = served.kind === 'library' ? 'library of releases does' : 'release does';
  throw new ModelError('not_available', `The ${subject} not give ${def.id} ${what}.${have.length ? ` Available: ${shown.join(', ')}.` : ''}`);
}

/** The period id constant figures (the convenience rate) are kept under. */
export const CONSTANT_ID = 'constant';

/** A growth basis as a function's argument gives it: "YOY" (the default) or "QOQ"; ModelError('bad_argument') else. */
export function growthBasis(basis: string | undefined): 'YOY' | 'QOQ' {
  const b = (basis ?? 'YOY').trim().toUpperCase() || 'YOY';
  if (b !== 'YOY' && b !== 'QOQ') throw new ModelError('bad_argument', `"${basis}" is not a growth basis: use "YOY" (year over year, the default) or "QOQ" (quarter over quarter).`);
  return b;
}

/** Growth is for figures over a period: ModelError('not_available') for a balance or a constant. */
export function requireFlow(def: MetricDef): void {
  if (def.basis !== 'flow') throw new ModelError('not_available', `growth is for figures over a period; ${def.id} is ${def.basis === 'stock' ? 'a balance at a date' : 'a constant'}.`);
}

/**
 * The growth of a flow metric from `prior` (the same period a year earlier, or the previous quarter: undefined when
 * the period has none) to `period`, on the RMB figures: a rate, or for a ratio the change in percentage points.
 */
export function growthBetween<V extends ModelValue>(served: Served<V>, def: MetricDef, period: Period, prior: Period | undefined, basis: 'YOY' | 'QOQ'): ModelValue {
  if (!prior) throw new ModelError('not_available', `quarter-over-quarter growth needs a quarter; ${period.id} is not one.`);
  const cur = lookupValue(served, def, period, 'RMB');
  let prev: ModelValue;
  try {
    prev = lookupValue(served, def, prior, 'RMB');
  } catch {
    throw new ModelError('not_available', `no comparable period: the ${served.kind} does not give ${def.id} for ${prior.id}, the ${basis === 'YOY' ? 'same period a year earlier' : 'previous quarter'}.`);
  }
  const value = growthFigure(def, cur.value, prev.value);
  if (value === 'nil') throw new ModelError('not_available', `no growth rate: ${def.id} is nil for ${prior.id}.`);
  if (value === 'sign_changed') {
    throw new ModelError('not_available', `not meaningful: the sign changed (${def.id} ${prior.id} ${prev.value.toString()}, ${period.id} ${cur.value.toString()}).`);
  }
  const formula = def.unit === 'ratio' ? `${def.id} ${period.id} − ${def.id} ${prior.id} (change in percentage points, as a fraction)` : `${def.id} ${period.id} / ${def.id} ${prior.id} − 1`;
  return { value, metric: def, period, currency: null, origin: 'computed', formula, facts: [...cur.facts, ...prev.facts] };
}

/**
 * Growth from a prior figure to the current one — the one rule for growth() and the prose checks of growth
 * statements: a ratio's change in points; none from nil; none through a change of sign (a loss turning into a profit:
 * terminals print "NM").
 */
export function growthFigure(def: MetricDef, cur: Decimal, prev: Decimal): Decimal | 'nil' | 'sign_changed' {
  if (def.unit === 'ratio') return cur.sub(prev);
  if (prev.isZero()) return 'nil';
  if (signChanged(prev, cur)) return 'sign_changed';
  return cur.div(prev).sub(1);
}

/** True when a figure crossed zero between two periods (growth between them is not meaningful). */
export function signChanged(from: Decimal, to: Decimal): boolean {
  return !from.isZero() && !to.isZero() && from.isNegative() !== to.isNegative();
}

/**
 * The values already served, by the metric, period and currency texts a caller gave (the custom functions ask for
 * the same few spellings over and over): bounded, as the spellings come from the cells of a workbook.
 */
export class AnswerCache<V> {
  private byMetric = new Map<string, Map<string, Map<string | undefined, V>>>();
  private size = 0;
  constructor(private readonly limit = 100_000) {}

  get(metric: string, period: string, currency: string | undefined): V | undefined {
    return this.byMetric.get(metric)?.get(period)?.get(currency);
  }

  /** Keeps `v` as the answer (unless the cache is full) and returns it. */
  keep(metric: string, period: string, currency: string | undefined, v: V): V {
    if (this.size >= this.limit) return v;
    let byPeriod = this.byMetric.get(metric);
    if (!byPeriod) this.byMetric.set(metric, (byPeriod = new Map()));
    let byCurrency = byPeriod.get(period);
    if (!byCurrency) byPeriod.set(period, (byCurrency = new Map()));
    if (!byCurrency.has(currency)) this.size++;
    byCurrency.set(currency, v);
    return v;
  }
}
