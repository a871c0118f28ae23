import Decimal from 'decimal.js';
import { BoundedMemo } from '../filing/bounded-memo';
import type { CheckResult, Currency, Fact, ParsedRelease, TableId } from '../filing/types';
import { CATALOGUE, findMetric, METRIC_ALIASES, requireMetric, type MetricDef } from './catalogue';
import { modelChecks } from './checks';
import { CASH_FLOWS, EPS_PER_ADS_TEXT, RATIOS, SHARES_PER_ADS, STOCK_SUMS } from './definitions';
import { ModelError } from './errors';
import { plus, plusSigned, PRINTED_RULE, TRANSLATION_RULE, toUsd, toUsdPerShare, ZERO } from './money';
import { AnswerCache, CONSTANT_ID, growthBasis, growthBetween, growthFigure, lookupValue, requireFlow, type Served } from './lookup';
import type { Model, ModelValue, PrintedList } from './model-value';
import { half, instant, parsePeriod, type Period, periodOfId, periodOrder, previousQuarter, priorYear, quarter, toDate } from './periods';

export type { Model, ModelValue, PrintedList } from './model-value';

/** Tables whose figures are the model's inputs, in priority order (a metric printed twice is read from the first). */
const PRIMARY: TableId[] = ['income_statement', 'balance_sheet', 'cash_flow', 'gross_profit_reconciliation', 'ebitda_reconciliation'];
/** Each PRIMARY table's rank (its index there), read per fact. */
const PRIMARY_RANK: Partial<Record<TableId, number>> = Object.fromEntries(PRIMARY.map((t, i) => [t, i]));

const TABLE_NAMES: Record<TableId, string> = {
  balance_sheet: 'balance sheet',
  income_statement: 'statements of comprehensive loss',
  gross_profit_reconciliation: 'gross profit reconciliation',
  gross_margin_table: 'gross margin table',
  ebitda_reconciliation: 'adjusted net loss / adjusted EBITDA reconciliation',
  net_margin_table: 'margins table',
  cash_flow: 'cash flow statement',
  prose: 'text of the release',
};

type Cur = 'RMB' | 'USD';
const CURRENCIES: Cur[] = ['RMB', 'USD'];

function parseCurrency(text: string | undefined): Cur {
  if (text === undefined) return 'RMB';
  const t = text.trim().toUpperCase();
  if (t === '' || t === 'RMB' || t === 'CNY') return 'RMB';
  if (t === 'USD' || t === 'US$') return 'USD';
  throw new ModelError('bad_currency', `"${text.trim()}" is not a currency here: use "RMB" (the default) or "USD" (the release's convenience translation).`);
}

/** Each catalogue metric's offset in a period's row of value slots (two slots per metric: RMB, then US$). */
const METRIC_SLOT = new Map<string, number>(CATALOGUE.map((d, i) => [d.id, 2 * i]));
const ROW = 2 * CATALOGUE.length;
const DEFS = new Map(CATALOGUE.map((d) => [d.id, d]));
/** Flow amounts, each with its slot offset: the metrics steps 2 and 3 derive from other periods. */
const TABLE_FLOW_METRICS = CATALOGUE.filter((d) => d.basis === 'flow' && d.unit === 'amount').map((def) => ({ def, slot: METRIC_SLOT.get(def.id)! }));
/** The flow amounts step 3 makes half-years of from two quarters (the cash-flow summary's lines), in catalogue order. */
const HALF_YEAR_METRICS = TABLE_FLOW_METRICS.filter(({ def }) => CASH_FLOWS.includes(def.id) || def.id === 'cash_begin' || def.id === 'cash_end');
/** The build's tables of definitions, listed once rather than per release. */
const STOCK_SUM_LIST = Object.entries(STOCK_SUMS).map(([id, sum]) => ({ def: DEFS.get(id)!, sum }));
/** The ratios, each with its slot offset (a ratio has no currency: noCurrency()). */
const RATIO_LIST = Object.entries(RATIOS).map(([id, ratio]) => ({ def: DEFS.get(id)!, ratio, slot: METRIC_SLOT.get(id)!, denSlot: METRIC_SLOT.get(ratio.den)! }));
/** The sign-neutral ids in the order step 7 lists them, each with its slot offset and its target's. */
const ALIAS_LIST = Object.entries(METRIC_ALIASES).map(([alias, target]) => ({ slot: METRIC_SLOT.get(alias)!, target: METRIC_SLOT.get(target)! }));
/**
 * The metrics whose values the build lists by metric (valuesOf): ratios' numerators and the per-ADS figure's net
 * loss; by slot offset / 2. The other metrics keep no list.
 */
const LISTED: boolean[] = CATALOGUE.map((d) => d.id === 'net_loss_attributable' || Object.values(RATIOS).some((r) => r.num === d.id));
/** Per catalogue metric (by slot offset / 2): the slot offset of the metric a sign-neutral id names, else -1. */
const ALIAS_TARGET_SLOT: number[] = CATALOGUE.map((d) => (METRIC_ALIASES[d.id] === undefined ? -1 : METRIC_SLOT.get(METRIC_ALIASES[d.id])!));

/**
 * Periods read from their text, shared by every model: the releases of a library name mostly the same periods, and a
 * Period is frozen and one per id (filing/periods.ts), so each text is read once (bounded: cells pass what users type).
 */
const PARSED_PERIODS = new BoundedMemo<string, Period>(10_000);

/** Ratios, share counts and the rate have no currency (stored under both). */
const noCurrency = (def: MetricDef) => def.unit === 'ratio' || def.unit === 'shares' || def.unit === 'rate';
/** noCurrency per catalogue metric (by slot offset / 2), read per printed figure without a call. */
const NO_CURRENCY: boolean[] = CATALOGUE.map(noCurrency);

const curSlot = (c: string): number => (c === 'RMB' ? 0 : c === 'USD' ? 1 : -1);

/**
 * One period's values: ROW slots, and the Period object of the latest value stored (what periods() lists); and the
 * sign-neutral copies made so far, by slot offset (see aliases()).
 */
interface Row {
  slots: (Slot | undefined)[];
  period: Period;
  copies: (ModelValue | undefined)[] | undefined;
}

type Built = Omit<ModelValue, 'metric' | 'period' | 'currency'>;

/**
 * A value stored but not yet made: US$ translations, ratios, per-ADS figures and the sign-neutral copies are made (and
 * their figures computed) when first looked up, because most of them are asked for by no check and no cell. Made once,
 * it is kept here and served for its slot and its place in the listing (which keep the Pending: no slot, row or index
 * to hold per value); everything served is as if made at once.
 */
class Pending {
  /** The value, once made. */
  value: ModelValue | undefined = undefined;
  constructor(
    readonly metric: MetricDef,
    readonly period: Period,
    readonly currency: Currency | null,
    readonly origin: ModelValue['origin'],
    /** Makes the value from `source` (one function per kind of value, not a closure per value). */
    readonly make: (model: ReleaseModel, source: never) => Built,
    readonly source: unknown,
  ) {}
}

/**
 * A figure printed in the release, as stored by step 1 of the build: one class, so that every printed value has one
 * shape made in one place (the keys in the order the other values' literals give them), and the most numerous of
 * the model's values is made by a constructor rather than by an object literal, whose allocation site V8 switches to
 * old-space allocation (throwing away the optimised code that made them) when most of what it made survives.
 */
class PrintedValue implements ModelValue {
  constructor(
    public value: Decimal,
    public origin: 'reported' | 'prose',
    public rule: string | undefined,
    public facts: Fact[],
    public roundedTo: Decimal | undefined,
    public metric: MetricDef,
    public period: Period,
    public currency: Currency | null,
  ) {}
}

type Slot = ModelValue | Pending;

/** What the build reads from the release's facts, gathered in one pass over them. */
interface FactScan {
  /** The first fact of the convenience rate. */
  rate: Fact | undefined;
  /** The facts with a metric of each PRIMARY table, then of the prose, each group in the release's order. */
  ranked: Fact[][];
  /** Every fact's period, in the order first named. */
  periodIds: Set<string>;
  /** The balance sheet's dates, in the order first named. */
  dates: Set<string>;
}

function scanFacts(facts: readonly Fact[]): FactScan {
  let rate: Fact | undefined;
  // The PRIMARY tables' groups, then the prose's: stored one by one, the same shape of array for every release, where
  // a mapped array grown by one was not (storePrinted's optimised code was thrown away for it).
  const ranked: Fact[][] = [];
  for (let r = 0; r <= PRIMARY.length; r++) ranked[r] = [];
  const prose = ranked[PRIMARY.length];
  const periodIds = new Set<string>();
  const dates = new Set<string>();
  // A period is added to the set only when it differs from the previous fact's (the order first named is the same).
  let last: string | undefined;
  // Indexed loops over the facts: for…of makes an iterator result per fact until the code is optimised (the cold
  // first pass); indexed stores rather than push (see record()).
  for (let i = 0; i < facts.length; i++) {
    const f = facts[i];
    if (f.period !== last) {
      last = f.period;
      periodIds.add(last);
    }
    if (f.table === 'balance_sheet') dates.add(f.period);
    if (!f.metric) continue;
    if (rate === undefined && f.metric === 'fx_rate') rate = f;
    if (f.table === 'prose') prose[prose.length] = f;
    else {
      const r = PRIMARY_RANK[f.table];
      if (r !== undefined) ranked[r][ranked[r].length] = f;
    }
  }
  return { rate, ranked, periodIds, dates };
}

/**
 * What a period derived from the year to date is made from: the year to date, its last quarter, and the formula.
 * The deferred values' sources are made by constructors, not object literals: they live as long as the model, and
 * V8 moves a literal whose objects survive to old-space allocation, throwing away the optimised step that made them.
 */
class YearToDateSource {
  constructor(
    readonly h: ModelValue,
    readonly b: ModelValue,
    readonly formula: string,
  ) {}
}

/** What a ratio is made from; shared by its RMB and US$ values, which share the figure too. */
class RatioSource {
  /** The figure, once made (set in the constructor: one shape for every source). */
  value: Decimal | undefined = undefined;
  constructor(
    readonly ratio: (typeof RATIOS)[string],
    readonly pid: string,
    /** The numerator as stored (made with the ratio: it may be a derived figure no check reads). */
    readonly num: Slot,
    readonly den: ModelValue,
  ) {}
}


class ReleaseModel implements Model {
  readonly rate: Decimal;
  /**
   * The values by period id, in a row of ROW slots per period (rows in the order periods were first stored): looked
   * up by the metric's offset, with no key string to build per lookup.
   */
  private rows = new Map<string, Row>();
  private rowList: Row[] = [];
  /**
   * Every value in the order stored, with its slot offset: the currency it is stored under is the offset's parity
   * (null-currency values are stored twice, once per currency).
   */
  private entries: Slot[] = [];
  private entrySlots: number[] = [];
  /** How many of the first entries are the release's printed figures (step 1 of the build stores them first). */
  private printedCount = 0;
  /** How many entries were stored before step 5 (the RMB amounts translated on request); -1 before step 5. */
  private translatedFrom = -1;
  /** Whether step 7 is done (the sign-neutral copies made on request). */
  private aliased = false;
  /**
   * While building: per LISTED metric (by slot offset / 2), its values in the order stored. One place per metric from
   * the start: a metric listing nothing is read as a hole, not past the end (which throws optimised code away).
   */
  private byMetric: (Slot[] | undefined)[] = new Array(CATALOGUE.length);
  /** Answers by the arguments exactly as passed: metric -> period -> currency (no key string to build per call). */
  private answers = new AnswerCache<ModelValue>();
  /** What lookups and growth read (lookup.ts). */
  private served: Served<ModelValue> = {
    find: (metric, period, currency) => this.has(metric, period, currency),
    periodsWith: (metric, currency) => this.periodList.filter((p) => this.originOf(metric, p.id, currency) !== undefined).map((p) => p.id),
    kind: 'release',
  };
  private periodList: Period[] = [];
  /** Set when first asked for; declared with the others so that every model has one shape from the start. */
  private checkList: CheckResult[] | undefined = undefined;

  constructor(readonly release: ParsedRelease) {
    const scan = scanFacts(release.facts);
    if (!scan.rate) throw new ModelError('not_available', 'the release states no RMB/US$ convenience rate');
    this.rate = scan.rate.value;
    this.build(scan);
  }

  // ---- building -------------------------------------------------------------------------------------------

  /** Stores a value unless one is stored under its metric, period and currency (the first stored stands). */
  private put(def: MetricDef, period: Period, currency: Cur, v: Built): void {
    const row = this.rowOf(period);
    const at = METRIC_SLOT.get(def.id)! + (currency === 'USD' ? 1 : 0);
    if (row.slots[at] !== undefined) return;
    // Every caller passes a fresh object literal, which becomes the stored value: completed in place, because an
    // object spread of these varied shapes took most of the model's build time.
    const item = v as ModelValue;
    item.metric = def;
    item.period = period;
    item.currency = noCurrency(def) ? null : currency;
    this.record(row, at, item, period);
  }

  /** Stores a value to be made by `make` from `source` when first looked up (unless one is stored there). */
  private defer<S>(def: MetricDef, period: Period, currency: Cur, origin: ModelValue['origin'], make: (model: ReleaseModel, source: S) => Built, source: S): void {
    const row = this.rowOf(period);
    const at = METRIC_SLOT.get(def.id)! + (currency === 'USD' ? 1 : 0);
    if (row.slots[at] !== undefined) return;
    this.record(row, at, new Pending(def, period, noCurrency(def) ? null : currency, origin, make as Pending['make'], source), period);
  }

  /** The row of a period's values, made with its first value. */
  private rowOf(period: Period): Row {
    let row = this.rows.get(period.id);
    if (row === undefined) {
      row = { slots: new Array<Slot | undefined>(ROW), period, copies: undefined };
      this.rows.set(period.id, row);
      this.rowList[this.rowList.length] = row;
    }
    return row;
  }

  /** Puts an item in its empty slot `at` of `row`, and in the listings (entries, and its metric's if LISTED). */
  private record(row: Row, at: number, item: Slot, period: Period): void {
    row.slots[at] = item;
    row.period = period;
    // Indexed stores rather than push: they stay fast even where a library has replaced Array.prototype.push by a
    // polyfill (pdf.js's legacy build does; the readers put it back, see filing/keep-builtins.ts).
    const entries = this.entries;
    entries[entries.length] = item;
    this.entrySlots[this.entrySlots.length] = at;
    const m = at >> 1;
    if (LISTED[m]) {
      const list = (this.byMetric[m] ??= []);
      list[list.length] = item;
    }
  }

  /** A stored value, made now if it was deferred (made once: the Pending then holds the value). */
  private made(s: Slot): ModelValue {
    if (!(s instanceof Pending)) return s;
    if (s.value !== undefined) return s.value;
    const value = s.make(this, s.source as never) as ModelValue;
    value.metric = s.metric;
    value.period = s.period;
    value.currency = s.currency;
    s.value = value;
    return value;
  }

  /** The value stored under metric, period and currency, if any (made if deferred). */
  private has(metric: string, period: string, currency: Cur): ModelValue | undefined {
    const m = METRIC_SLOT.get(metric);
    const row = this.rows.get(period);
    const c = curSlot(currency);
    if (m === undefined || row === undefined || c < 0) return undefined;
    // valueAt() written out: the checks look values up by the thousand, in the cold first pass. Most empty slots hold
    // nothing to make (before step 5, or an RMB slot of a metric that is no sign-neutral id): answered here.
    const s = row.slots[m + c];
    if (s === undefined) return this.translatedFrom < 0 || (c === 0 && ALIAS_TARGET_SLOT[m >> 1] < 0) ? undefined : this.unstored(row, m + c);
    return s instanceof Pending ? this.made(s) : s;
  }

  /** The value in slot `at` of `row`: stored (made if deferred), or a translation or copy made on request. */
  private valueAt(row: Row, at: number): ModelValue | undefined {
    const s = row.slots[at];
    if (s === undefined) return this.unstored(row, at);
    return s instanceof Pending ? this.made(s) : s;
  }

  /**
   * The origin of the value stored under metric, period and currency (or to be made there on request), without
   * making it; undefined where there is none.
   */
  private originAt(row: Row, at: number): ModelValue['origin'] | undefined {
    const s = row.slots[at];
    if (s !== undefined) return s.origin;
    if (this.translates(row, at)) return 'translated';
    const target = this.aliasTarget(at);
    // A copy has its target's origin (made or not).
    return target < 0 ? undefined : this.originAt(row, target);
  }

  /**
   * Whether the empty slot `at` of `row` is an RMB amount's US$ translation (step 5): an odd offset of a metric with
   * a currency, after step 5, whose RMB slot holds a value. Every RMB value of such a metric was stored before step 5
   * (later steps store ratios, which have no currency; copies are kept apart, in row.copies), and a slot empty now was
   * empty then.
   */
  private translates(row: Row, at: number): boolean {
    return this.translatedFrom >= 0 && (at & 1) === 1 && !NO_CURRENCY[at >> 1] && row.slots[at - 1] !== undefined;
  }

  /** The slot offset of the value an empty slot `at` is a sign-neutral copy of (after step 7), else -1. */
  private aliasTarget(at: number): number {
    if (!this.aliased) return -1;
    const target = ALIAS_TARGET_SLOT[at >> 1];
    return target < 0 ? -1 : target + (at & 1);
  }

  /** A value of an empty slot made on request (a translation, or a sign-neutral copy) and kept; else undefined. */
  private unstored(row: Row, at: number): ModelValue | undefined {
    if (this.translates(row, at)) {
      const rmb = row.slots[at - 1]!;
      const value = ReleaseModel.translatedValue(this, rmb) as ModelValue;
      value.metric = rmb.metric;
      value.period = rmb.period;
      value.currency = 'USD';
      // Kept in its slot: the only value with origin 'translated' in a US$ slot (see allEntries()).
      row.slots[at] = value;
      return value;
    }
    const target = this.aliasTarget(at);
    if (target < 0) return undefined;
    const made = row.copies?.[at];
    if (made !== undefined) return made;
    const v = this.valueAt(row, target);
    if (v === undefined) return undefined;
    const value = ReleaseModel.aliasValue(v) as ModelValue;
    value.metric = CATALOGUE[at >> 1];
    value.period = v.period;
    value.currency = NO_CURRENCY[at >> 1] ? null : (v.currency ?? 'RMB');
    (row.copies ??= [])[at] = value;
    return value;
  }

  /** The values of one LISTED metric, in the order stored (while building). */
  private valuesOf(metric: string): readonly Slot[] {
    const m = METRIC_SLOT.get(metric)! / 2;
    if (!LISTED[m]) throw new Error(`${metric}'s values are not listed by metric (see LISTED)`);
    return this.byMetric[m] ?? [];
  }

  /** The period growth compares with (made once per period and basis: only its id is read). */
  private priors = new Map<Period, { YOY?: Period; QOQ?: Period | undefined }>();
  private priorOf(p: Period, basis: 'YOY' | 'QOQ'): Period | undefined {
    let known = this.priors.get(p);
    if (!known) this.priors.set(p, (known = {}));
    if (!(basis in known)) known[basis] = basis === 'YOY' ? priorYear(p) : previousQuarter(p);
    return known[basis];
  }

  private periodOf(id: string): Period {
    return PARSED_PERIODS.get(id) ?? PARSED_PERIODS.keep(id, parsePeriod(id));
  }

  private build(scan: FactScan): void {
    // Smaller steps than one long function: each is compiled and optimised on its own.
    this.storePrinted(scan.ranked);
    this.printedCount = this.entries.length;
    const flowPeriods = this.flowPeriods(scan.periodIds);
    this.deriveFromYearToDate(flowPeriods);
    this.halvesFromQuarters(flowPeriods);
    this.stockSums(scan.dates);
    this.perAds();
    this.translations();
    this.ratios();
    this.aliases();
    this.byMetric = [];
    // Each period's sort key made once (not per comparison); the sort is stable, as before. The keys (an ISO date, then
    // a rank of digits) are ordered by their characters as the locale's collation orders them, without setting one up.
    const listed = this.rowList.filter((r) => r.period !== CONSTANT).map((r) => ({ period: r.period, order: periodOrder(r.period) }));
    listed.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
    this.periodList = listed.map((x) => x.period);
  }

  /**
   * 1. Reported table figures, then figures stated only in the prose: the facts of the PRIMARY tables in that order,
   *    then the prose (each group in the release's order, as a stable sort by table rank gives them; see scanFacts).
   */
  private storePrinted(ranked: Fact[][]): void {
    for (let g = 0; g < ranked.length; g++) {
      const group = ranked[g];
      for (let i = 0; i < group.length; i++) {
        const f = group[i];
        const m = METRIC_SLOT.get(f.metric!)!;
        const def = CATALOGUE[m >> 1];
        if (def.unit === 'ratio') continue; // ratios are computed; printed ratios are checks
        // The period's row looked up by the fact's period text, which names a stored row's period by its id; the
        // text is read (and the row made) only for a period not stored yet (or one spelt as the constant's id).
        let row = def.basis === 'constant' ? this.rowOf(CONSTANT) : this.rows.get(f.period);
        if (row === undefined || (row.period === CONSTANT && def.basis !== 'constant')) row = this.rowOf(this.periodOf(f.period));
        const period = row.period;
        const origin = f.table === 'prose' ? 'prose' : 'reported';
        // Whole values made in one piece (PrintedValue); none is made for a figure printed again (the first stored
        // stands).
        const none = NO_CURRENCY[m >> 1];
        // The slots it fills: its currency's, or both (RMB, then US$) for a figure printed without a currency, which
        // share one facts list (as a translation or an alias shares its source's: nothing changes a value's facts once
        // stored). One path for both, so that the optimised code holds one copy of the storing, not three.
        const c = f.currency;
        const first = c === 'USD' ? m + 1 : m;
        const last = c ? first : m + 1;
        const rule = c === 'USD' ? PRINTED_RULE : undefined;
        let facts: Fact[] | undefined;
        for (let at = first; at <= last; at++) {
          if (row.slots[at] !== undefined) continue;
          // Array.of, not an array literal: these lists outlive the build, and V8 moves a literal whose arrays survive
          // to old-space allocation, throwing away the optimised storing that allocated them (a built-in has no such
          // per-site decision).
          facts ??= Array.of(f);
          this.record(row, at, new PrintedValue(f.value, origin, rule, facts, f.roundedTo, def, period, none ? null : c || (at === m ? 'RMB' : 'USD')), period);
        }
      }
    }
  }

  /** Flow periods (quarters, half-years, nine months, years) the facts name, in the order first named. */
  private flowPeriods(periodIds: Set<string>): string[] {
    const flowPeriods: string[] = [];
    for (const id of periodIds) {
      const p = periodOfId(id);
      if (p !== undefined && p.kind !== 'instant') flowPeriods.push(id);
    }
    return flowPeriods;
  }

  private deriveFromYearToDate(flowPeriods: string[]): void {
    // 2. Periods the release implies from its year to date less its quarter (flow amounts printed for both):
    //    Q1 = H1 − Q2 (second quarter), H1 = 9M − Q3 (third quarter), 9M = FY − Q4 (fourth quarter).
    for (const id of flowPeriods) {
      const p = this.periodOf(id);
      // A year-to-date period of n quarters (H1, 9M, FY), its last quarter, and the year-to-date period before it.
      if (p.kind === 'half' ? p.index !== 1 : p.kind !== 'nine_months' && p.kind !== 'year') continue;
      const n = p.months / 3;
      const last = quarter(n, p.year).id;
      const beforePeriod = toDate(n - 1, p.year);
      const before = beforePeriod.id;
      const hRow = this.rows.get(p.id);
      const bRow = this.rows.get(last);
      if (hRow === undefined || bRow === undefined) continue;
      // The formula (the same for every metric) is made for the first value.
      let formula: string | undefined;
      // The row of the period before, if stored already (else made with this step's first value, and read again).
      let beforeRow = this.rows.get(before);
      for (let i = 0; i < TABLE_FLOW_METRICS.length; i++) {
        const { def, slot } = TABLE_FLOW_METRICS[i];
        // Only step 1's figures are read: reported values, which are never deferred (an earlier step's derived ones
        // are, and are passed over), so h and b are values.
        const h = hRow.slots[slot];
        const b = bRow.slots[slot];
        if (!h || !b || h.origin !== 'reported' || b.origin !== 'reported') continue;
        // The RMB slot of the period before, if stored already.
        if (beforeRow !== undefined && beforeRow.slots[slot] !== undefined) continue;
        // Deferred: most of these figures are read by no check (the difference and its facts made on first lookup).
        const source = new YearToDateSource(h as ModelValue, b as ModelValue, (formula ??= `${before} = ${p.id} − ${last}`));
        this.defer(def, beforePeriod, 'RMB', 'derived', ReleaseModel.yearToDateValue, source);
        beforeRow ??= this.rows.get(before);
      }
    }
  }

  private halvesFromQuarters(flowPeriods: string[]): void {
    // 3. Half-years from two quarters where the release gives only the quarters (the cash-flow summary).
    for (const id of flowPeriods) {
      const p = this.periodOf(id);
      if (p.kind !== 'quarter' || p.index !== 2) continue;
      const h1 = half(1, p.year);
      const q1Id = quarter(1, p.year).id;
      // The sum's formula, the same for every line, made for the first.
      let formula: string | undefined;
      // Only the cash-flow lines (and the cash balances) are made half-years of.
      for (let i = 0; i < HALF_YEAR_METRICS.length; i++) {
        const { def } = HALF_YEAR_METRICS[i];
        if (this.has(def.id, h1.id, 'RMB')) continue;
        const a = this.has(def.id, q1Id, 'RMB');
        const b = this.has(def.id, p.id, 'RMB');
        if (!a || !b || a.origin !== 'reported' || b.origin !== 'reported') continue;
        if (def.id === 'cash_begin') {
          this.put(def, h1, 'RMB', { value: a.value, origin: 'derived', formula: `${h1.id} beginning balance = ${q1Id} beginning balance`, facts: a.facts });
        } else if (def.id === 'cash_end') {
          this.put(def, h1, 'RMB', { value: b.value, origin: 'derived', formula: `${h1.id} ending balance = ${p.id} ending balance`, facts: b.facts });
        } else {
          this.put(def, h1, 'RMB', { value: plus(a.value, b.value), origin: 'derived', formula: (formula ??= `${h1.id} = ${q1Id} + ${p.id}`), facts: a.facts.concat(b.facts) });
        }
      }
    }
  }

  private stockSums(dates: Set<string>): void {
    // 4. Balance-sheet additions, in each currency from that currency's printed lines (at the balance sheet's dates).
    for (let k = 0; k < STOCK_SUM_LIST.length; k++) {
      const { def, sum } = STOCK_SUM_LIST[k];
      const parts = sum.parts;
      for (const d of dates) {
        // The date's Period, made for its first sum.
        let at: Period | undefined;
        for (let j = 0; j < CURRENCIES.length; j++) {
          const c = CURRENCIES[j];
          // Every part printed in this currency at this date, or no sum.
          const vs: ModelValue[] = [];
          for (let i = 0; i < parts.length; i++) {
            const v = this.has(parts[i][0], d, c);
            if (!v || v.origin !== 'reported') break;
            vs[i] = v;
          }
          if (vs.length < parts.length) continue;
          let value = ZERO;
          const facts: Fact[] = [];
          for (let i = 0; i < parts.length; i++) {
            value = plusSigned(value, vs[i].value, parts[i][1]);
            const fs = vs[i].facts;
            for (let n = 0; n < fs.length; n++) facts[facts.length] = fs[n];
          }
          this.put(def, (at ??= instant(d)), c, { value, origin: 'computed', formula: sum.text, facts });
        }
      }
    }
  }

  private perAds(): void {
    // 4b. Net loss per ADS from the RMB lines (1 ADS = 15 ordinary shares, KC's ADS programme).
    const perAds = DEFS.get('eps_per_ads')!;
    const values = this.valuesOf('net_loss_attributable');
    for (let i = 0; i < values.length; i++) {
      const n = values[i];
      if (n.currency !== 'RMB') continue;
      // Made if deferred (a quarter derived from the year to date).
      const v = this.made(n);
      const shares = this.has('weighted_shares', v.period.id, 'RMB');
      if (!shares || shares.value.isZero()) continue;
      this.defer(perAds, v.period, 'RMB', 'computed', ReleaseModel.perAdsValue, { v, shares });
    }
  }

  private translations(): void {
    // 5. US$ for every RMB amount the release does not print in US$: made on request (unstored()), listed after the
    //    values stored so far (allEntries()). Most are asked for by no check and no cell.
    this.translatedFrom = this.entries.length;
  }

  private ratios(): void {
    // 6. Ratios over total revenues (and the AI share of public cloud), from the RMB amounts.
    for (let k = 0; k < RATIO_LIST.length; k++) {
      const { def, ratio: r, slot, denSlot } = RATIO_LIST[k];
      // The numerator's RMB values, one per period (a slot holds one value), in the order stored.
      const nums = this.valuesOf(r.num);
      for (let i = 0; i < nums.length; i++) {
        const num = nums[i];
        if (num.currency !== 'RMB') continue;
        const pid = num.period.id;
        // The numerator's row holds the denominator too: read from it (an RMB slot empty before step 7 holds none).
        const row = this.rowOf(num.period);
        const d = row.slots[denSlot];
        if (d === undefined) continue;
        const den = this.made(d);
        if (den.value.isZero()) continue;
        const source = new RatioSource(r, pid, num, den);
        // Stored under RMB, then US$ (defer() written out for both): a ratio has no currency, so both are one value,
        // made once, the same in every field.
        let pending: Pending | undefined;
        for (let at = slot; at <= slot + 1; at++) {
          if (row.slots[at] !== undefined) continue;
          pending ??= new Pending(def, num.period, null, 'computed', ReleaseModel.ratioValue as Pending['make'], source);
          this.record(row, at, pending, num.period);
        }
      }
    }
  }

  private aliases(): void {
    // 7. Sign-neutral ids: the same figures as the metric they name, in every period and currency; made on request
    //    (unstored()), listed last (allEntries()).
    this.aliased = true;
  }

  // ---- deferred values, made on first lookup ------------------------------------------------------------------

  /** A period derived from the year to date less its last quarter (step 2). */
  private static yearToDateValue(_: ReleaseModel, { h, b, formula }: YearToDateSource): Built {
    return { value: plusSigned(h.value, b.value, -1), origin: 'derived', formula, facts: h.facts.concat(b.facts) };
  }

  /** Net loss per ADS (step 4b). */
  private static perAdsValue(_: ReleaseModel, { v, shares }: { v: ModelValue; shares: ModelValue }): Built {
    return { value: v.value.mul(1000).mul(SHARES_PER_ADS).div(shares.value), origin: 'computed', formula: EPS_PER_ADS_TEXT, facts: v.facts.concat(shares.facts) };
  }

  /** US$ at the release's rate (step 5). */
  private static translatedValue(model: ReleaseModel, rmb: Slot): Built {
    const v = model.made(rmb);
    const rate = model.rate;
    const perShare = v.metric.unit === 'per_share';
    return {
      value: perShare ? toUsdPerShare(v.value, rate) : toUsd(v.value, rate),
      origin: 'translated',
      formula: v.formula,
      rule: perShare ? `RMB / ${rate.toString()}, rounded to the cent (not printed in the release)` : TRANSLATION_RULE(rate),
      facts: v.facts,
    };
  }

  /** A ratio (step 6): its RMB and US$ values share the figure, computed once. */
  private static ratioValue(model: ReleaseModel, s: RatioSource): Built {
    const { ratio: r, pid, den } = s;
    const num = model.made(s.num);
    const derived = num.origin === 'derived' || den.origin === 'derived';
    return {
      value: (s.value ??= num.value.div(den.value).mul(r.sign ?? 1)),
      origin: 'computed',
      formula: `${r.text}${derived ? ` (${pid} derived: ${num.formula ?? den.formula})` : ''}`,
      facts: num.facts.concat(den.facts),
    };
  }

  /** A sign-neutral id's value (step 7): the very figure of the value it names. */
  private static aliasValue(v: ModelValue): Built {
    return { value: v.value, origin: v.origin, formula: v.formula, rule: v.rule, facts: v.facts, roundedTo: v.roundedTo };
  }

  // ---- queries ----------------------------------------------------------------------------------------------

  periods(): Period[] {
    return this.periodList;
  }

  metrics(): readonly MetricDef[] {
    return CATALOGUE;
  }

  get(metric: string, period: string, currency?: string): ModelValue {
    // The hot path: custom functions call this per cell, with the same few spellings over and over.
    const hit = this.answers.get(metric, period, currency);
    if (hit) return hit;
    const def = requireMetric(metric);
    const cur = parseCurrency(currency);
    const p = this.periodOf(period.trim());
    return this.answers.keep(metric, period, currency, lookupValue(this.served, def, p, cur));
  }

  growth(metric: string, period: string, basis?: string): ModelValue {
    const def = requireMetric(metric);
    const b = growthBasis(basis);
    requireFlow(def);
    const p = this.periodOf(period.trim());
    return growthBetween(this.served, def, p, this.priorOf(p, b), b);
  }

  /**
   * growth(metric, period, basis).value, or undefined wherever growth() throws: the same lookups without the value's
   * formula, facts and error messages, which a prose check of a growth statement never reads.
   */
  growthValue(metric: string, period: string, basis: 'YOY' | 'QOQ'): Decimal | undefined {
    try {
      const def = findMetric(metric);
      if (!def || def.basis !== 'flow') return undefined;
      const p = this.periodOf(period.trim());
      const prior = this.priorOf(p, basis);
      // lookup() refuses a flow figure at an instant.
      if (!prior || p.kind === 'instant') return undefined;
      const cur = this.has(def.id, p.id, 'RMB');
      if (!cur || prior.kind === 'instant') return undefined;
      const prev = this.has(def.id, prior.id, 'RMB');
      if (!prev) return undefined;
      const value = growthFigure(def, cur.value, prev.value);
      return value instanceof Decimal ? value : undefined;
    } catch {
      return undefined;
    }
  }

  source(metric: string, period: string, currency?: string): string {
    const v = this.get(metric, period, currency);
    const precision = (f: Fact) =>
      !f.roundedTo ? '' : f.unit === 'thousands' ? ` (stated to the nearest ${f.roundedTo.div(1000).toString()} million)` : ` (stated to ${f.roundedTo.toString()})`;
    const where = (f: Fact) =>
      f.table === 'prose'
        ? `the ${TABLE_NAMES.prose}, line ${f.provenance.line}: "${f.provenance.raw}"${precision(f)}`
        : `the ${TABLE_NAMES[f.table]}, row "${f.provenance.rowLabel}", column "${f.provenance.column}", line ${f.provenance.line}`;
    const repairs = v.facts
      .flatMap((f) => f.provenance.repairs)
      .map((id) => this.release.repairs.find((r) => r.id === id)!)
      .map((r) => `OCR repair ${r.id} (${r.kind.replace(/_/g, ' ')}): read "${r.read}", repaired to ${r.repaired}; proof: ${r.identity}`);
    const head =
      v.origin === 'reported' || v.origin === 'prose'
        ? `Reported in ${where(v.facts[0])}`
        : v.origin === 'translated'
          ? `Translated: ${v.rule}; from the RMB figure ${v.formula ? `derived as ${v.formula} ` : ''}in ${v.facts.map(where).join('; ')}`
          : `${v.origin === 'derived' ? 'Derived' : 'Computed'}: ${v.formula}; from ${v.facts.map(where).join('; ')}`;
    return [head, ...repairs].join('. ') + '.';
  }

  checks(): CheckResult[] {
    this.checkList ??= this.release.checks.concat(modelChecks(this));
    return this.checkList;
  }

  /**
   * Every value the model holds by its key, metric|period|currency (the library merges releases from these), in the
   * order stored: the values stored before step 5, the translations (in the order of their RMB values), the ratios,
   * then the sign-neutral copies (per id, in the order of the values they copy: its target's values stored before
   * step 5, then their translations).
   */
  *allEntries(): IterableIterator<[string, ModelValue]> {
    const { entries, entrySlots } = this;
    const before = this.translatedFrom < 0 ? entries.length : this.translatedFrom;
    for (let i = 0; i < before; i++) yield this.entry(this.made(entries[i]), entrySlots[i]);
    if (this.translatedFrom >= 0) {
      for (let i = 0; i < before; i++) {
        const row = this.translationRow(i);
        if (row !== undefined) yield this.entry(this.valueAt(row, entrySlots[i] + 1)!, entrySlots[i] + 1);
      }
    }
    for (let i = before; i < entries.length; i++) yield this.entry(this.made(entries[i]), entrySlots[i]);
    if (!this.aliased) return;
    for (let k = 0; k < ALIAS_LIST.length; k++) {
      const { slot, target } = ALIAS_LIST[k];
      // The target's values stored before step 5, then their translations.
      for (let i = 0; i < before; i++) {
        const at = entrySlots[i];
        if (at >> 1 !== target >> 1) continue;
        const copy = this.copyAt(this.rows.get(entries[i].period.id)!, slot + (at & 1));
        if (copy !== undefined) yield this.entry(copy, slot + (at & 1));
      }
      for (let i = 0; i < before; i++) {
        if (entrySlots[i] !== target) continue;
        const row = this.translationRow(i);
        if (row === undefined) continue;
        const copy = this.copyAt(row, slot + 1);
        if (copy !== undefined) yield this.entry(copy, slot + 1);
      }
    }
  }

  private entry(v: ModelValue, at: number): [string, ModelValue] {
    return [`${v.metric.id}|${v.period.id}|${at & 1 ? 'USD' : 'RMB'}`, v];
  }

  /**
   * The row of entry i's translation, if it has one: an RMB amount stored before step 5 whose US$ slot was empty at
   * step 5 (empty still, or holding the translation made since: no value stored before step 5 is 'translated').
   */
  private translationRow(i: number): Row | undefined {
    const at = this.entrySlots[i];
    if (at & 1 || NO_CURRENCY[at >> 1]) return undefined;
    const row = this.rows.get(this.entries[i].period.id)!;
    const usd = row.slots[at + 1];
    return usd === undefined || usd.origin === 'translated' ? row : undefined;
  }

  /** The sign-neutral copy in slot `at` of `row`, unless the slot holds a value of its own (stored or translated). */
  private copyAt(row: Row, at: number): ModelValue | undefined {
    if (row.slots[at] !== undefined || this.translates(row, at)) return undefined;
    return this.unstored(row, at);
  }

  /**
   * The figures printed in the release (reported in a table or stated in the prose), in the order allEntries() lists
   * them, without making the values computed from them, the sign-neutral copies left out — for the library, which
   * reads every one of every release: the first `count` values, each with its slot offset, which with its period
   * names its key (a metric's offset is the same in every release; an odd offset is US$). The model's own arrays,
   * not copies: nothing changes them once built.
   */
  printedList(): PrintedList {
    return { count: this.printedCount, values: this.entries as readonly ModelValue[], slots: this.entrySlots };
  }

  /** The origin of the value stored under metric, period and currency, without making a deferred one (the checks). */
  originOf(metric: string, period: string, currency: Cur): ModelValue['origin'] | undefined {
    const m = METRIC_SLOT.get(metric);
    const row = this.rows.get(period);
    const c = curSlot(currency);
    return m === undefined || row === undefined || c < 0 ? undefined : this.originAt(row, m + c);
  }

  /** Internal access for the checks module. */
  valueOf(metric: string, period: string, currency: Cur): ModelValue | undefined {
    return this.has(metric, period, currency);
  }
}

/** The figure constant across periods (the convenience rate) is stored under one pseudo-period. */
const CONSTANT: Period = { id: CONSTANT_ID, kind: 'instant', year: 0, index: 0, start: '', end: '', months: 0, label: 'constant' };

export type { ReleaseModel };

export function buildModel(release: ParsedRelease): Model & { valueOf: ReleaseModel['valueOf']; allEntries: ReleaseModel['allEntries']; printedList: ReleaseModel['printedList'] } {
  return new ReleaseModel(release);
}
