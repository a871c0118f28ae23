import { loadedModel, ModelError, sharedModel, type Model, type ModelValue } from '../model';
import { optionalText, requireText, toExcelError } from './errors';

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

function value(metric: unknown, period: unknown, currency?: unknown): number | Promise<number> {
  // Inlined rather than through guard(): this is the per-cell hot path.
  const model = loadedModel();
  if (!model) return shared().then(() => value(metric, period, currency));
  try {
    const m = requireText(metric, 'metric', METRIC_EXAMPLE);
    const p = requireText(period, 'period', PERIOD_EXAMPLE);
    const c = optionalText(currency, 'currency', CURRENCY_EXAMPLE);
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
 * @returns {number} The figure as the release presents it.
 */
export function metric(metric: string, period: string, currency?: string) {
  return value(metric, period, currency);
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
 * @returns {number} RMB per US$ (7.2672 for the Q2 2024 release).
 */
export function fxRate() {
  return guard((model) => model.get('fx_rate', model.release.quarter).value.toNumber());
}

