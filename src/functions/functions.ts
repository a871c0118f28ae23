// Each from its own module, not the model's index: the parser and the model's code reach Excel in the chunk
// fetched with the release (see model/shared.ts), not in the script loaded at start.
import { findMetric } from '../model/catalogue';
import { ModelError } from '../model/errors';
import type { ModelValue } from '../model/model';
import { fiscalYear, half, nineMonths, quarter } from '../model/periods';
import { isLtm, ltm } from '../model/relative-periods';
import { loadedModel, sharedModel } from '../model/shared';
import type { Library } from '../model/library';
import { optionalText, requireText, toExcelError } from './errors';
import { inUnits, OPTIONS_GRAMMAR, parseOptions, type Options } from './options';

type Model = Library;

/*
 * The KC custom functions. Thin wrappers over the calculation module: argument checks, then a model query,
 * converted to a JS number only here, at the edge. The JSDoc below is the source of functions.json
 * (custom-functions-metadata-plugin), which also appends the CustomFunctions.associate calls.
 *
 * The release is data the add-in fetches when it starts: a cell calculated before the model has loaded gets a
 * promise and waits for it instead of showing an error. Once loaded, each call returns its value synchronously (a
 * cached lookup): thousands of KC cells then recalculate without one asynchronous round trip each, the pattern
 * behind #BUSY! reports. The return types are declared in the JSDoc (`@returns {number}`), which is what
 * custom-functions-metadata reads for functions.json; TypeScript infers `T | Promise<T>`.
 */

const METRIC_EXAMPLE = '"adj_ebitda" (see =KC.METRICS())';
const PERIOD_EXAMPLE = '"Q2-2024", "2Q24", "H1 2024" or "2024-06-30" (see =KC.PERIODS())';
const CURRENCY_EXAMPLE = '"RMB" or "USD"';
const OPTIONS_EXAMPLE = `${OPTIONS_GRAMMAR}, e.g. "units=millions; as=first"`;
/** The most periods one KC.SERIES or KC.TABLE spills (80 years of quarters). */
const MAX_PERIODS = 320;

/** The shared model after the load (a failed load is an Excel error with the reason). */
async function shared(): Promise<Model> {
  try {
    return await sharedModel();
  } catch (e) {
    throw toExcelError('not_available', `The Kingsoft Cloud release could not be loaded: ${(e as Error).message}`);
  }
}

/**
 * Runs a query and turns every failure into the right Excel error, never a raw exception or NaN: at once when the
 * model is loaded, else as a promise settled after the load.
 */
function guard<T>(fn: (model: Model) => T): T | Promise<T> {
  const loaded = loadedModel();
  return loaded ? query(loaded, fn) : shared().then((model) => query(model, fn));
}

function query<T>(model: Model, fn: (model: Model) => T): T {
  try {
    const v = fn(model);
    if (typeof v === 'number' && !Number.isFinite(v)) throw toExcelError('not_available', 'the figure cannot be computed (division by zero).');
    return v;
  } catch (e) {
    throw asExcelError(e);
  }
}

function asExcelError(e: unknown): CustomFunctions.Error {
  if (e instanceof CustomFunctions.Error) return e;
  if (e instanceof ModelError) return toExcelError(e.kind, e.message);
  return toExcelError('bad_argument', `unexpected error: ${(e as Error).message}`);
}

/** The edge conversion, Decimal to a JS number, done once per model value (toNumber goes through a string). */
const numbers = new WeakMap<ModelValue, number>();
function toNumber(v: ModelValue): number {
  let n = numbers.get(v);
  if (n === undefined) {
    n = v.value.toNumber();
    numbers.set(v, n);
  }
  return n;
}

function value(metric: unknown, period: unknown, currency?: unknown, options?: unknown): number | Promise<number> {
  // Inlined rather than through guard(): this is the per-cell hot path.
  const model = loadedModel();
  if (!model) return shared().then(() => value(metric, period, currency, options));
  try {
    const m = requireText(metric, 'metric', METRIC_EXAMPLE);
    const p = requireText(period, 'period', PERIOD_EXAMPLE);
    const c = optionalText(currency, 'currency', CURRENCY_EXAMPLE);
    if (options !== undefined && options !== null) {
      const o = parseOptions(optionalText(options, 'options', OPTIONS_EXAMPLE));
      return inUnits(o.as === 'first' ? model.getFirst(m, p, c) : model.get(m, p, c), o);
    }
    return toNumber(model.get(m, p, c));
  } catch (e) {
    throw asExcelError(e);
  }
}

/**
 * Any metric of the catalogue for a period: amounts in thousands (costs and losses negative), ratios as fractions, EPS in currency units, share counts in shares.
 * @customfunction METRIC
 * @helpurl https://localhost:3000/help.html#kcmetric
 * @param metric Metric id, e.g. "gross_margin" or "adj_ebitda" (see =KC.METRICS()).
 * @param period Period, e.g. "Q2-2024", "2Q24", "H1 2024", "FY-2023" or a date such as "2024-06-30".
 * @param [currency] "RMB" (default) or "USD" (the release's convenience translation).
 * @param [options] Options, e.g. "units=millions; as=first" (units thousands, millions or units; as latest or first).
 * @returns {number} The figure as the release presents it.
 */
export function metric(metric: string, period: string, currency?: string, options?: string) {
  return value(metric, period, currency, options);
}

/**
 * Total revenues, in thousands.
 * @customfunction REVENUE
 * @helpurl https://localhost:3000/help.html#kcrevenue
 * @param period Period, e.g. "Q2-2024", "2Q24" or "H1 2024".
 * @param [currency] "RMB" (default) or "USD".
 * @returns {number} Total revenues in thousands.
 */
export function revenue(period: string, currency?: string) {
  return value('total_revenues', period, currency);
}

/**
 * Gross profit, in thousands.
 * @customfunction GROSS_PROFIT
 * @helpurl https://localhost:3000/help.html#kcgross_profit
 * @param period Period, e.g. "Q2-2024", "2Q24" or "H1 2024".
 * @param [currency] "RMB" (default) or "USD".
 * @returns {number} Gross profit in thousands.
 */
export function grossProfit(period: string, currency?: string) {
  return value('gross_profit', period, currency);
}

/**
 * Adjusted (non-GAAP) gross profit: gross profit with the share-based compensation in cost of revenues added back, in thousands.
 * @customfunction ADJ_GROSS_PROFIT
 * @helpurl https://localhost:3000/help.html#kcadj_gross_profit
 * @param period Period, e.g. "Q2-2024", "2Q24" or "H1 2024".
 * @param [currency] "RMB" (default) or "USD".
 * @returns {number} Adjusted gross profit in thousands.
 */
export function adjGrossProfit(period: string, currency?: string) {
  return value('adj_gross_profit', period, currency);
}

/**
 * Net loss, in thousands (negative for a loss).
 * @customfunction NET_LOSS
 * @helpurl https://localhost:3000/help.html#kcnet_loss
 * @param period Period, e.g. "Q2-2024", "2Q24" or "H1 2024".
 * @param [currency] "RMB" (default) or "USD".
 * @returns {number} Net loss in thousands, negative.
 */
export function netLoss(period: string, currency?: string) {
  return value('net_loss', period, currency);
}

/**
 * Adjusted (non-GAAP) net loss: net loss excluding share-based compensation, foreign exchange loss and impairment of long-lived assets, in thousands.
 * @customfunction ADJ_NET_LOSS
 * @helpurl https://localhost:3000/help.html#kcadj_net_loss
 * @param period Period, e.g. "Q2-2024", "2Q24" or "H1 2024".
 * @param [currency] "RMB" (default) or "USD".
 * @returns {number} Adjusted net loss in thousands, negative for a loss.
 */
export function adjNetLoss(period: string, currency?: string) {
  return value('adj_net_loss', period, currency);
}

/**
 * Adjusted EBITDA (non-GAAP): adjusted net loss excluding interest income, interest expense, income tax and depreciation and amortization, in thousands.
 * @customfunction ADJ_EBITDA
 * @helpurl https://localhost:3000/help.html#kcadj_ebitda
 * @param period Period, e.g. "Q2-2024", "2Q24" or "H1 2024".
 * @param [currency] "RMB" (default) or "USD".
 * @returns {number} Adjusted EBITDA in thousands.
 */
export function adjEbitda(period: string, currency?: string) {
  return value('adj_ebitda', period, currency);
}

/**
 * Normalized adjusted EBITDA: adjusted EBITDA excluding the loss (gain) on disposal of property and equipment, in thousands.
 * @customfunction NORMALIZED_ADJ_EBITDA
 * @helpurl https://localhost:3000/help.html#kcnormalized_adj_ebitda
 * @param period Period, e.g. "Q2-2024", "2Q24" or "H1 2024".
 * @param [currency] "RMB" (default) or "USD".
 * @returns {number} Normalized adjusted EBITDA in thousands.
 */
export function normalizedAdjEbitda(period: string, currency?: string) {
  return value('normalized_adj_ebitda', period, currency);
}

/**
 * Gross margin: gross profit as a fraction of total revenues.
 * @customfunction GROSS_MARGIN
 * @helpurl https://localhost:3000/help.html#kcgross_margin
 * @param period Period, e.g. "Q2-2024", "2Q24" or "H1 2024".
 * @returns {number} Gross margin as a fraction (0.168 for 16.8%).
 */
export function grossMargin(period: string) {
  return value('gross_margin', period);
}

/**
 * Adjusted (non-GAAP) gross margin: adjusted gross profit as a fraction of total revenues.
 * @customfunction ADJ_GROSS_MARGIN
 * @helpurl https://localhost:3000/help.html#kcadj_gross_margin
 * @param period Period, e.g. "Q2-2024", "2Q24" or "H1 2024".
 * @returns {number} Adjusted gross margin as a fraction (0.171 for 17.1%).
 */
export function adjGrossMargin(period: string) {
  return value('adj_gross_margin', period);
}

/**
 * Adjusted EBITDA margin: adjusted EBITDA as a fraction of total revenues.
 * @customfunction ADJ_EBITDA_MARGIN
 * @helpurl https://localhost:3000/help.html#kcadj_ebitda_margin
 * @param period Period, e.g. "Q2-2024", "2Q24" or "H1 2024".
 * @returns {number} Adjusted EBITDA margin as a fraction (0.032 for 3.2%).
 */
export function adjEbitdaMargin(period: string) {
  return value('adj_ebitda_margin', period);
}

/**
 * Growth of a metric as a fraction: year over year (default) or quarter over quarter. For ratio metrics, the change in percentage points as a fraction (0.058 for +5.8 pp).
 * @customfunction GROWTH
 * @helpurl https://localhost:3000/help.html#kcgrowth
 * @param metric Metric id, e.g. "total_revenues" (see =KC.METRICS()).
 * @param period Period, e.g. "Q2-2024" or "2Q24".
 * @param [basis] "YOY" (default) or "QOQ".
 * @returns {number} Growth as a fraction (0.031 for +3.1%).
 */
export function growth(metric: string, period: string, basis?: string) {
  return guard((model) => {
    const m = requireText(metric, 'metric', METRIC_EXAMPLE);
    const p = requireText(period, 'period', PERIOD_EXAMPLE);
    const b = optionalText(basis, 'basis', '"YOY" or "QOQ"');
    return model.growth(m, p, b).value.toNumber();
  });
}

/**
 * Where a figure comes from: the release table, row, column and line, or the formula that derived it, and any OCR repair applied.
 * @customfunction SOURCE
 * @helpurl https://localhost:3000/help.html#kcsource
 * @param metric Metric id, e.g. "adj_ebitda".
 * @param period Period, e.g. "Q2-2024".
 * @param [currency] "RMB" (default) or "USD".
 * @returns {string} A description of the figure's source.
 */
export function source(metric: string, period: string, currency?: string) {
  return guard((model) => {
    const m = requireText(metric, 'metric', METRIC_EXAMPLE);
    const p = requireText(period, 'period', PERIOD_EXAMPLE);
    const c = optionalText(currency, 'currency', CURRENCY_EXAMPLE);
    return model.source(m, p, c);
  });
}

/**
 * The periods the release covers, one per row (quarters, half-years and balance-sheet dates).
 * @customfunction PERIODS
 * @helpurl https://localhost:3000/help.html#kcperiods
 * @returns {string[][]} A one-column array of period ids.
 */
export function periods() {
  return guard((model) => model.periods().map((p) => [p.id]));
}

/**
 * The metric catalogue: id, label, statement and unit, one metric per row under a header row.
 * @customfunction METRICS
 * @helpurl https://localhost:3000/help.html#kcmetrics
 * @returns {string[][]} A four-column array: id, label, statement, unit.
 */
export function metrics() {
  return guard((model) => [['id', 'label', 'statement', 'unit'], ...model.metrics().map((d) => [d.id, d.label, d.statement, d.unit])]);
}

/**
 * The release's convenience translation rate, RMB per US$1.00.
 * @customfunction FX_RATE
 * @helpurl https://localhost:3000/help.html#kcfx_rate
 * @param [period] A period: the rate of the latest release covering it (default: the latest release's rate).
 * @returns {number} RMB per US$ (7.2672 for the Q2 2024 release).
 */
export function fxRate(period?: string) {
  return guard((model) => {
    const p = optionalText(period, 'period', PERIOD_EXAMPLE);
    return p === undefined ? model.get('fx_rate', model.release.quarter).value.toNumber() : model.fxRate(p).rate.toNumber();
  });
}


// ---- time series ------------------------------------------------------------------------------------------------

/** A cell of a spilled array: the number, or #N/A with the reason when the library does not give the figure. */
function cell(model: Model, metric: string, period: string, currency: string | undefined, o: Options): number | CustomFunctions.Error {
  try {
    return inUnits(o.as === 'first' ? model.getFirst(metric, period, currency) : model.get(metric, period, currency), o);
  } catch (e) {
    if (e instanceof ModelError && e.kind === 'not_available') return toExcelError('not_available', e.message);
    throw e;
  }
}

/** The periods from..to: quarters, or half-years, years or LTMs when both ends are of that kind. */
function periodRange(model: Model, fromText: string, toText: string): string[] {
  const from = model.period(fromText);
  const to = model.period(toText);
  const kind = (p: typeof from) => (isLtm(p) ? 'ltm' : p.kind === 'instant' ? 'quarter' : p.kind);
  if (kind(from) !== kind(to)) throw new ModelError('bad_argument', `from (${from.id}) and to (${to.id}) must be periods of one kind: two quarters (or quarter-end dates), two half-years, two years or two LTMs.`);
  if (from.end > to.end) throw new ModelError('bad_argument', `from (${from.id}) is after to (${to.id}).`);
  const out: string[] = [];
  const step = kind(from) === 'year' ? 12 : kind(from) === 'half' ? 6 : kind(from) === 'nine_months' ? 12 : 3;
  let y = Number(from.end.slice(0, 4));
  let mo = Number(from.end.slice(5, 7));
  while (`${y}-${String(mo).padStart(2, '0')}` <= to.end.slice(0, 7)) {
    const q = Math.ceil(mo / 3);
    const k = kind(from);
    out.push((k === 'year' ? fiscalYear(y) : k === 'half' ? half(mo <= 6 ? 1 : 2, y) : k === 'nine_months' ? nineMonths(y) : k === 'ltm' ? ltm(quarter(q, y)) : quarter(q, y)).id);
    if (out.length > MAX_PERIODS) throw new ModelError('bad_argument', `from ${from.id} to ${to.id} is more than ${MAX_PERIODS} periods.`);
    mo += step;
    while (mo > 12) {
      mo -= 12;
      y++;
    }
  }
  return out;
}

/** The texts of a range or a comma-separated list (empty cells skipped). */
function list(value: unknown, name: string, example: string): string[] {
  const cells = Array.isArray(value) ? (value as unknown[][]).flat() : [value];
  const out: string[] = [];
  for (const c of cells) {
    if (c === null || c === undefined || (typeof c === 'string' && c.trim() === '')) continue;
    if (typeof c !== 'string') throw toExcelError('bad_argument', `${name} must be text such as ${example}; got the ${typeof c} ${String(c)}.`);
    for (const part of c.split(',')) if (part.trim() !== '') out.push(part.trim());
  }
  if (out.length === 0) throw toExcelError('bad_argument', `${name} is empty; give a range of ids or a comma-separated list such as ${example}.`);
  if (out.length > MAX_PERIODS) throw toExcelError('bad_argument', `${name}: at most ${MAX_PERIODS} items.`);
  return out;
}

/** A single cell's text given as a 1×1 range (how Excel passes a scalar to a range parameter). */
function single(value: unknown): unknown {
  return Array.isArray(value) && value.length === 1 && Array.isArray(value[0]) && value[0].length === 1 ? value[0][0] : value;
}

/**
 * A metric for every quarter (or half-year, year, LTM) from..to, spilling as a row, or a column with "orient=column"; "header=yes" adds the period ids.
 * @customfunction SERIES
 * @helpurl https://localhost:3000/help.html#kcseries
 * @param metric Metric id, e.g. "total_revenues" (see =KC.METRICS()).
 * @param from First period, e.g. "Q1-2023", "FQ-4" or "FY-2023".
 * @param to Last period, e.g. "Q2-2024" or "FQ0".
 * @param [currency] "RMB" (default) or "USD".
 * @param [options] Options, e.g. "units=millions; orient=column; header=yes; as=first".
 * @returns {any[][]} The figures, one per period; #N/A where the library does not give one.
 */
export function series(metric: string, from: string, to: string, currency?: string, options?: string) {
  return guard((model) => {
    const m = requireText(single(metric), 'metric', METRIC_EXAMPLE);
    const f = requireText(single(from), 'from', PERIOD_EXAMPLE);
    const t = requireText(single(to), 'to', PERIOD_EXAMPLE);
    const c = optionalText(single(currency), 'currency', CURRENCY_EXAMPLE);
    const o = parseOptions(optionalText(single(options), 'options', OPTIONS_EXAMPLE));
    const ps = periodRange(model, f, t);
    const row: (number | string | CustomFunctions.Error)[] = ps.map((p) => cell(model, m, p, c, o));
    const rows = o.header ? [ps, row] : [row];
    return o.orient === 'column' ? rows[0].map((_, i) => rows.map((r) => r[i])) : rows;
  });
}

/**
 * A block of figures: metrics down, periods across (or the other way with "orient=column"); metrics and periods are ranges or comma-separated lists.
 * @customfunction TABLE
 * @helpurl https://localhost:3000/help.html#kctable
 * @param metrics Metric ids: a range, or a list such as "total_revenues, adj_ebitda".
 * @param periods Periods: a range, or a list such as "Q1-2024, Q2-2024, FQ0, LTM".
 * @param [currency] "RMB" (default) or "USD".
 * @param [options] Options, e.g. "units=millions; header=yes; as=first".
 * @returns {any[][]} The figures; #N/A where the library does not give one.
 */
export function table(metrics: any[][], periods: any[][], currency?: string, options?: string) {
  return guard((model) => {
    const ms = list(metrics, 'metrics', '"total_revenues, adj_ebitda"');
    const ps = list(periods, 'periods', '"Q1-2024, Q2-2024"');
    const c = optionalText(single(currency), 'currency', CURRENCY_EXAMPLE);
    const o = parseOptions(optionalText(single(options), 'options', OPTIONS_EXAMPLE));
    // Unknown ids and spellings fail the whole call with their message.
    for (const m of ms) if (!findMetric(m)) model.get(m, ps[0], c);
    const ids = ps.map((p) => model.period(p).id);
    const body: (number | string | CustomFunctions.Error)[][] = ms.map((m) => ps.map((p) => cell(model, m, p, c, o)));
    let rows = o.header ? [['', ...ids], ...body.map((r, i) => [ms[i], ...r])] : body;
    if (o.orient === 'column') rows = rows[0].map((_, i) => rows.map((r) => r[i]));
    return rows;
  });
}

/**
 * The library's releases, oldest first: quarter, release date, form, rate, facts and checks passed, under a header row.
 * @customfunction RELEASES
 * @helpurl https://localhost:3000/help.html#kcreleases
 * @returns {any[][]} One release per row.
 */
export function releases() {
  return guard((model) => [
    ['quarter', 'release date', 'form', 'rate', 'facts', 'checks passed'],
    ...model.releases().map((r) => [r.quarter, r.date ?? '', r.form, r.rate.toNumber(), r.facts, r.checksPassed]),
  ]);
}

/**
 * Every restated figure: metric, period, the first-reported value and release, the restated value and release, under a header row.
 * @customfunction RESTATEMENTS
 * @helpurl https://localhost:3000/help.html#kcrestatements
 * @returns {any[][]} One restated figure per row (the header row alone when nothing was restated).
 */
export function restatements() {
  return guard((model) => [
    ['metric', 'period', 'currency', 'first reported', 'first release', 'first line', 'restated', 'restating release', 'restating line'],
    ...model.restatements().map((r) => [r.metric, r.period, r.currency, r.first.value.toNumber(), r.first.release.quarter, r.first.line, r.latest.value.toNumber(), r.latest.release.quarter, r.latest.line]),
  ]);
}
