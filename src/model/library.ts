import Decimal from 'decimal.js';
import type { CheckResult, Fact, ParsedRelease } from '../filing/types';
import { CATALOGUE, findMetric, METRIC_ALIASES, requireMetric, type MetricDef } from './catalogue';
import { EPS_PER_ADS_TEXT, RATIOS, SHARES_PER_ADS, STOCK_SUMS } from './definitions';
import { ModelError } from './errors';
import { timesSign, toUsd, toUsdPerShare } from './money';
import type { Model, ModelValue, PrintedList } from './model';
import { fiscalYear, half, instant, nineMonths, periodOrder, previousQuarter, priorYear, quarter, readPeriod, type Period } from '../filing/periods';
import { isLtm, ltm, ltmQuarter, readLibraryPeriod, RELATIVE_FORMS } from './relative-periods';
import { ACCEPTED_FORMS } from './periods';
import { ValueStore, type Cur, type Slot } from './library-store';
import { sameValue } from '../filing/same-value';
import { BoundedMemo } from '../filing/bounded-memo';
import { learnFacts, ownerOf, SHARED } from './fact-owners';
import { AnswerCache, growthBasis, growthBetween, lookupValue, requireFlow, type Served } from './lookup';
import { keyIdCount, printedFigures } from './printed-figures';

/** Sign-neutral ids (net_income for net_loss, …): served as copies of the metric they name, after the rest is built. */
const ALIAS_IDS = new Set(Object.keys(METRIC_ALIASES));

/**
 * The library model: one model over any number of accepted releases (each through the one gate). For each metric,
 * period and currency it keeps every release that printed the figure, serves the latest release's, keeps the first
 * reported, lists restatements, checks the chains between releases, and derives the periods no release prints.
 *
 * Policy (which value wins):
 * - a figure printed in a table beats one stated only in the prose, whatever the release; among printed figures the
 *   latest release's wins (releases ordered by the quarter they report; a later-added copy of one quarter wins);
 * - a figure no release prints is derived from the served figures (Q4 = FY − 9M, …), never from superseded ones;
 * - US$: a figure printed in US$ is served as printed by the latest release that printed it; any other US$ figure is
 *   the served RMB figure at the rate of the latest release it rests on (the latest release covering its period);
 * - a year-to-date figure an older release printed, built on a quarter a later release restated, is superseded: it
 *   is listed as such and the served figure is re-derived from the restated quarter.
 */

export interface ReleaseInfo {
  /** The quarter the release reports, e.g. Q2-2024. */
  quarter: string;
  /** The release date as the text states it (ISO), if found. */
  date?: string;
  /** The form it was read from: text, html, copied_text, pdf_text, pdf, or synthetic. */
  form: string;
  /** File name or description. */
  name: string;
  rate: Decimal;
  /** Facts the release gave, and its checks (all passed: the gate accepted it). */
  facts: number;
  checksPassed: number;
}

export interface LibraryEntry {
  release: ParsedRelease;
  model: Model;
  checks: CheckResult[];
  form?: string;
  name?: string;
  date?: string;
}

/** What the library reads of a release model beyond Model: its printed figures, and values without an error. */
type ReleaseModelLike = Model & { printedList(): PrintedList; valueOf(m: string, p: string, c: Cur): ModelValue | undefined };

interface Rel extends ReleaseInfo {
  index: number;
  release: ParsedRelease;
  model: ReleaseModelLike;
  checks: CheckResult[];
}

/** A value of the library: a release model's value, or one the library derived, computed or translated. */
export type LibraryValue = ModelValue;

export interface Restatement {
  metric: string;
  period: string;
  currency: 'RMB';
  first: { value: Decimal; release: ReleaseInfo; line: number; rowLabel: string };
  latest: { value: Decimal; release: ReleaseInfo; line: number; rowLabel: string };
}

export interface Superseded {
  metric: string;
  period: string;
  /** The superseded figure and the release that printed it. */
  value: Decimal;
  release: ReleaseInfo;
  line: number;
  /** The restated quarter it was built on. */
  because: string;
  /** The figure served instead. */
  served: Decimal;
}

export interface Library extends Model {
  releases(): ReleaseInfo[];
  restatements(): Restatement[];
  superseded(): Superseded[];
  /** Every value of the model, sorted by metric (catalogue order), period and currency. */
  values(): LibraryValue[];
  /** The value as first reported (`as=first`), else the served value. */
  getFirst(metric: string, period: string, currency?: string): ModelValue;
  /** The period a text names, relative spellings resolved against the latest quarter. */
  period(text: string): Period;
  latestQuarter(): Period | undefined;
  /** The convenience rate of the latest release covering a period (of the latest release when omitted). */
  fxRate(period?: string): { rate: Decimal; release: ReleaseInfo };
  /** Chain checks across releases only. */
  chainChecks(): CheckResult[];
  /** Every release that printed the figure (in a table or its text), in library order, with the value it printed. */
  printedBy(metric: string, period: string, currency?: string): { release: ReleaseInfo; value: Decimal; origin: string; line: number }[];
  /** The release a fact of the library was read from. */
  releaseOf(fact: Fact): ParsedRelease | undefined;
}

const CURRENCIES: Cur[] = ['RMB', 'USD'];
const ZERO = new Decimal(0);
const PRINTED = new Set(['reported', 'prose']);

const LIB_STOCK_SUMS = STOCK_SUMS;
/** The metrics a sum adds up, by sum (read per date and currency). */
const PART_IDS = new Map<object, string[]>();
const partIdsOf = (sum: { parts: [string, 1 | -1][] }): string[] => {
  let ids = PART_IDS.get(sum);
  if (ids === undefined) PART_IDS.set(sum, (ids = sum.parts.map((x) => x[0])));
  return ids;
};
/** The metrics net loss per ADS is computed from, in the order the figure's facts are listed. */
const PER_ADS_INPUTS = ['net_loss_attributable', 'weighted_shares'];

/** Ratios and sign-neutral ids by id (Maps: an id a caller passes is never taken for an Object property). */
const RATIO_DEFS = new Map(Object.entries(RATIOS));
const ALIASES = new Map(Object.entries(METRIC_ALIASES));

/** A year's quarters and its year-to-date periods (YTD[0] is Q1, then H1, 9M, FY). */
interface YearFrame {
  Q: Period[];
  YTD: Period[];
}
function yearFrame(y: number): YearFrame {
  const Q = [1, 2, 3, 4].map((i) => quarter(i, y));
  return { Q, YTD: [Q[0], half(1, y), nineMonths(y), fiscalYear(y)] };
}

/** Flow amounts: the metrics derived over periods, checked along chains and summed into LTM. */
const FLOW_AMOUNTS = CATALOGUE.filter((d) => d.basis === 'flow' && d.unit === 'amount' && !ALIAS_IDS.has(d.id));
const FLOW_AMOUNT_IDS = new Set(FLOW_AMOUNTS.map((d) => d.id));

const quarterEnd = (id: string) => readPeriod(id)?.end ?? '';

const relName = (r: ReleaseInfo) => `the ${r.quarter} release (${r.form})`;

/** A figure a release printed, with the release; the next print of the same figure by a later release. */
interface Print {
  v: ModelValue;
  rel: Rel;
  next: Print | undefined;
  /** "the Q2-2024 release (text), line 93", once named in a chain check. */
  at: string | undefined;
}

/**
 * Every print of one metric, period and currency, in library order, and those printed in a table: the first print,
 * linked to the later ones (most figures are printed by one release, the rest by two or three, and a list per
 * figure was most of the build's allocations).
 */
interface Prints extends Print {
  m: string;
  p: string;
  c: Cur;
  tail: Print;
  tables: Print[] | undefined;
}

/**
 * A figure's prints, made by these constructors rather than by object literals: one shape per kind, made in one place,
 * and no literal whose objects nearly all live until the build ends (V8 moves such a literal to old-space allocation
 * mid-run, and throws away the optimised code that makes them).
 */
class LaterPrint implements Print {
  next: Print | undefined = undefined;
  at: string | undefined = undefined;
  constructor(
    readonly v: ModelValue,
    readonly rel: Rel,
  ) {}
}

class FirstPrint implements Prints {
  next: Print | undefined = undefined;
  at: string | undefined = undefined;
  tail: Print;
  tables: Print[] | undefined = undefined;
  constructor(
    readonly v: ModelValue,
    readonly rel: Rel,
    readonly m: string,
    readonly p: string,
    readonly c: Cur,
  ) {
    this.tail = this;
  }
}

const NO_PRINTS: Print[] = [];

// A check result's fields, declared for the class below by the interface of its name (one list, not two).
interface ChainCheck extends CheckResult {}
/**
 * A chain check's result. Made by a constructor, not an object literal: the results live as long as the library, and
 * V8 moves a literal whose objects survive to old-space allocation, throwing away the optimised chain checks that
 * made them (a constructor has no such per-site decision). The keys in the order of every other check result's.
 */
class ChainCheck implements CheckResult {
  constructor(id: string, name: string, period: string, expected: Decimal, actual: Decimal, difference: Decimal, pass: boolean, line: number | undefined) {
    this.id = id;
    this.name = name;
    this.kind = 'chain';
    this.period = period;
    this.currency = 'RMB';
    this.expected = expected;
    this.actual = actual;
    this.difference = difference;
    this.tolerance = ZERO;
    this.toleranceRule = 'exact';
    this.pass = pass;
    this.line = line;
  }
}

/** The prints of a figure in a table, in library order. */
function tablesOf(e: Prints): Print[] {
  if (e.tables) return e.tables;
  const out: Print[] = [];
  for (let x: Print | undefined = e; x; x = x.next) if (x.v.origin === 'reported') out.push(x);
  return (e.tables = out);
}

/** The periods an LTM figure to one quarter is built from. */
interface LtmFrame {
  q: Period;
  p: Period;
  four: Period[];
  ytd: Period;
  priorYtd: Period;
  fyBefore: Period;
}

class ReleaseLibrary implements Library {
  private rels: Rel[];
  /**
   * Every value by metric, period and currency. The figures a check needs (printed, derived, balance-sheet
   * additions, EPS per ADS) are built with the library; US$ translations, ratios, LTM and the sign-neutral ids are
   * computed on first request from those (resolve) and kept: values() and entries() compute them all.
   */
  private store = new ValueStore<LibraryValue>();
  /** Every release's prints of each figure, in the order first printed (while the library is built). */
  private prints: Prints[] = [];
  /** The RMB prints the chain checks read, by metric and period: flow amounts' year-to-date figures, and cash. */
  private chainPrints = new Map<string, Map<string, Prints>>();
  /** The RMB prints of balances (but the rate) and of ending cash, in the order first printed: the chains' own lists. */
  private balancePrints: Prints[] = [];
  private cashEndPrints: Prints[] = [];
  /** The last release (in library order) of each parsed release: the release its facts are found in. */
  private relOfRelease = new Map<ParsedRelease, Rel>();
  private order = new Map<Rel, number>();
  private restated: Restatement[] = [];
  private supersededList: Superseded[] = [];
  private chain: CheckResult[] = [];
  private periodList?: Period[];
  /** Texts read as periods (relative ones against this library's latest quarter); bounded, as cells pass what users type. */
  private periodCache = new BoundedMemo<string, Period>(10_000);
  private answers = new AnswerCache<ModelValue>();
  /** What lookups and growth read (lookup.ts); made once the releases are known. */
  private served!: Served<LibraryValue>;
  private latestQ?: Period;
  private defs = new Map(CATALOGUE.map((d) => [d.id, d]));
  /** The periods of the values built with the library (every other value is at one of them, or at an LTM period). */
  private builtPeriods = new Map<string, Period>();
  /** The quarters the values cover: the library serves an LTM to each. */
  private quarterIds = new Set<string>();
  private ltmFrames = new Map<string, LtmFrame | null>();
  /** True once every value computed on request has been computed. */
  private complete = false;

  constructor(entries: LibraryEntry[]) {
    if (entries.length === 0) throw new ModelError('not_available', 'the library holds no accepted release');
    const rels = entries.map((e, i) => {
      const rateFact = firstRateFact(e.release.facts);
      return {
        index: i,
        quarter: e.release.quarter,
        date: e.date,
        form: e.form ?? 'text',
        name: e.name ?? `${e.release.quarter} release`,
        rate: rateFact ? rateFact.value : new Decimal(0),
        facts: e.release.facts.length,
        checksPassed: passed(e.checks),
        release: e.release,
        model: e.model as ReleaseModelLike,
        checks: e.checks,
      };
    });
    // Oldest first: by the quarter reported, then in the order given (a later copy of one quarter wins). Each
    // release's quarter end is read once, by its index, rather than twice per comparison. Quarter ends are ISO dates,
    // which compare by their characters as a collation would.
    const ends = rels.map((r) => quarterEnd(r.quarter));
    this.rels = rels.sort((a, b) => {
      const x = ends[a.index];
      const y = ends[b.index];
      if (x !== y) return x < y ? -1 : 1;
      return a.index - b.index;
    });
    this.rels.forEach((r, i) => this.order.set(r, i));
    for (const r of this.rels) {
      learnFacts(r.release);
      this.relOfRelease.set(r.release, r);
    }
    this.latestQ = readPeriod(this.latest.quarter);
    this.served = {
      find: (m, p, c) => this.resolve(m, p, c),
      periodsWith: (m, c) => this.periods().filter((p) => this.resolve(m, p.id, c)).map((p) => p.id),
      kind: this.rels.length > 1 ? 'library' : 'release',
    };
    this.build();
  }

  get latest(): Rel {
    return this.rels[this.rels.length - 1];
  }
  get release(): ParsedRelease {
    return this.latest.release;
  }
  get rate(): Decimal {
    return this.latest.rate;
  }

  private key(m: string, p: string, c: Cur) {
    return `${m}|${p}|${c}`;
  }

  /** A value stored (built, or computed on request before): what the build and the chain checks read. */
  private has(m: string, p: string, c: Cur): LibraryValue | undefined {
    return this.store.get(m, p, c);
  }

  /** The one way a value is stored. */
  private setVal(m: string, p: string, c: Cur, v: LibraryValue): void {
    this.store.set(m, p, c, v);
  }

  private deleteVal(m: string, p: string, c: Cur): void {
    this.store.set(m, p, c, null);
  }

  private relsOf(facts: Fact[]): Rel[] {
    const s = new Set<Rel>();
    for (let i = 0; i < facts.length; i++) {
      const r = this.relOf(facts[i]);
      if (r) s.add(r);
    }
    if (s.size < 2) return [...s];
    return [...s].sort((a, b) => this.order.get(a)! - this.order.get(b)!);
  }

  /** The latest release (in library order) whose facts hold a fact. */
  private relOf(f: Fact): Rel | undefined {
    const owner = ownerOf(f);
    if (owner === undefined) return undefined;
    if (owner !== SHARED) return this.relOfRelease.get(owner);
    for (let i = this.rels.length - 1; i >= 0; i--) if (this.rels[i].release.facts.includes(f)) return this.rels[i];
    return undefined;
  }

  /** The release the facts come from when they all come from one (facts of no release passed over), else undefined. */
  private onlyRel(facts: Fact[]): Rel | undefined {
    let only: Rel | undefined;
    for (let i = 0; i < facts.length; i++) {
      const r = this.relOf(facts[i]);
      if (r === undefined || r === only) continue;
      if (only !== undefined) return undefined;
      only = r;
    }
    return only;
  }

  /** The latest release (in library order) the facts come from: the last of relsOf, without building the list. */
  private latestRelOf(facts: Fact[]): Rel | undefined {
    let best: Rel | undefined;
    let bestOrder = -1;
    // Indexed loops over facts here and above: for…of makes an iterator result per fact until the code is optimised.
    for (let i = 0; i < facts.length; i++) {
      const r = this.relOf(facts[i]);
      if (r === undefined || r === best) continue;
      const o = this.order.get(r)!;
      if (o > bestOrder) {
        best = r;
        bestOrder = o;
      }
    }
    return best;
  }

  /** The release model's own object when it holds the same figure (same source text), else the value. */
  private own(m: string, p: string, c: Cur, v: LibraryValue): LibraryValue {
    const from = this.latestRelOf(v.facts);
    if (from) {
      const own = from.model.valueOf(m, p, c);
      if (own && own.origin === v.origin && sameValue(own.value, v.value) && sameFacts(own.facts, v.facts)) {
        return own as LibraryValue;
      }
    }
    return v;
  }

  /** Stores a value (and returns it); reuses the release model's own object when it holds the same figure. */
  private put(m: string, p: string, c: Cur, v: LibraryValue): LibraryValue {
    const stored = this.own(m, p, c, v);
    this.setVal(m, p, c, stored);
    return stored;
  }

  // ---- building -------------------------------------------------------------------------------------------

  private build(): void {
    // 1. Every printed figure of every release.
    this.collectPrints();
    // 2. Served: a table figure beats a prose one; the latest release wins. First reported kept; restatements listed.
    // The years listed after the loop, by the caller: the loop is long enough to be optimised while it runs, and code
    // after it that had not run yet would throw the optimised code away (no type feedback for it).
    this.yearList = [...this.serve()].sort();
    // 3. Periods no release prints, from the served figures.
    this.derivePeriods();
    // 4. Balance-sheet additions, in each currency from that currency's printed lines.
    this.stockSums();
    // 5. EPS per ADS.
    this.epsPerAds();
    // 6.–9. US$ for every RMB figure not printed in US$ (at the rate of the latest release it rests on), ratios
    // recomputed on the served and derived amounts, LTM of flow amounts and their ratios, and the sign-neutral ids
    // (the same figures as the metric they name, never chained or derived twice): no check reads them, so each is
    // computed on first request (resolve) from the figures above. Their periods are those figures' and the LTM's.
    this.coverPeriods();
    for (const [alias, target] of ALIASES) {
      const def = this.defs.get(alias)!;
      for (const [k, v] of this.firsts) if (v.metric.id === target) this.firsts.set(`${alias}${k.slice(target.length)}`, { ...v, metric: def });
    }
    this.chainChecksBuild();
    // Read again from the release models when asked (printedBy): not kept.
    this.prints = [];
    this.chainPrints = new Map();
    this.balancePrints = [];
    this.cashEndPrints = [];
  }

  private collectPrints(): void {
    const figures = this.rels.map((r) => printedFigures(r.model));
    // The first print of each figure by key id, while grouping.
    const firsts: (Prints | undefined)[] = new Array(keyIdCount());
    for (let j = 0; j < this.rels.length; j++) {
      const r = this.rels[j];
      const ids = figures[j].ids;
      const { values, slots } = r.model.printedList();
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i];
        if (id < 0) continue;
        const v = values[i];
        const e = firsts[id];
        if (e) {
          e.tail = e.tail.next = new LaterPrint(v, r);
          continue;
        }
        const first = new FirstPrint(v, r, v.metric.id, v.period.id, slots[i] & 1 ? 'USD' : 'RMB');
        firsts[id] = first;
        this.addPrints(first, v.period);
      }
    }
  }

  private addPrints(e: Prints, period: Period): void {
    this.prints.push(e);
    if (e.c !== 'RMB') return;
    if (e.m !== 'fx_rate' && e.v.metric.basis === 'stock') this.balancePrints.push(e);
    if (e.m === 'cash_end') this.cashEndPrints.push(e);
    const ytd = (period.kind === 'half' && period.index === 1) || period.kind === 'nine_months' || period.kind === 'year';
    if (!(e.m === 'cash_begin' || e.m === 'cash_end' || (ytd && FLOW_AMOUNT_IDS.has(e.m)))) return;
    let byPeriod = this.chainPrints.get(e.m);
    if (!byPeriod) this.chainPrints.set(e.m, (byPeriod = new Map()));
    byPeriod.set(e.p, e);
  }

  /** Stores the served figures; returns the years of the printed figures. */
  private serve(): Set<number> {
    const years = new Set<number>();
    // Indexed loops over the prints here and in the chain checks: one step per figure of the library.
    const prints = this.prints;
    for (let k = 0; k < prints.length; k++) {
      const e = prints[k];
      const metric = e.m;
      const period = e.p;
      const cur = e.c;
      // The first and the last table print, and how many; the last print of any kind when none is in a table.
      let first: Print | undefined;
      let last: Print | undefined;
      let tables = 0;
      for (let x: Print | undefined = e; x; x = x.next) {
        if (x.v.origin !== 'reported') continue;
        first ??= x;
        last = x;
        tables++;
      }
      const served = last ?? e.tail;
      first ??= e;
      const value: LibraryValue = served.v;
      this.setVal(metric, period, cur, value);
      if (value.period.kind !== 'instant' && value.period.year > 0) years.add(value.period.year);
      if (metric === 'fx_rate' || tables < 2) continue;
      if (!sameValue(first.v.value, served.v.value)) this.firsts.set(this.key(metric, period, cur), first.v);
      if (cur === 'RMB') {
        // Every change from one release to the next is a restatement (even one a later release reverses).
        let a = first;
        for (let b = first.next; b; b = b.next) {
          if (b.v.origin !== 'reported') continue;
          if (!sameValue(a.v.value, b.v.value)) this.restated.push({ metric, period, currency: 'RMB', first: this.side(a.v, a.rel), latest: this.side(b.v, b.rel) });
          a = b;
        }
      }
    }
    return years;
  }

  /** The periods and quarters of the values built (the values computed on request are at these or at LTM periods). */
  private coverPeriods(): void {
    for (const byPeriod of this.store.byMetric.values()) {
      for (const s of byPeriod.values()) {
        // RMB and US$ of one key are at one period.
        const v = s.RMB ?? s.USD;
        if (!v || v.period.id === 'constant') continue;
        this.builtPeriods.set(v.period.id, v.period);
        if (v.period.kind === 'quarter') this.quarterIds.add(v.period.id);
      }
    }
  }

  private firsts = new Map<string, ModelValue>();

  private side(v: ModelValue, rel: Rel) {
    const f = v.facts[0];
    return { value: v.value, release: rel as ReleaseInfo, line: f?.provenance.line ?? 0, rowLabel: f?.provenance.rowLabel ?? '' };
  }

  private flowAmounts(): MetricDef[] {
    return FLOW_AMOUNTS;
  }

  /** The years of the printed figures (not of balance-sheet dates). */
  private yearList: number[] = [];
  private years(): number[] {
    return this.yearList;
  }

  private derive(def: MetricDef, target: Period, a: LibraryValue, b: LibraryValue, sign: 1 | -1, formula: string): LibraryValue {
    return this.put(def.id, target.id, 'RMB', {
      value: sign === 1 ? a.value.add(b.value) : a.value.sub(b.value),
      metric: def,
      period: target,
      currency: 'RMB',
      origin: 'derived',
      formula,
      // concat, not a spread: one call rather than an iterator step per fact (every derived figure of the build).
      facts: a.facts.concat(b.facts),
    });
  }

  private derivePeriods(): void {
    const years = this.years().map(yearFrame);
    for (const def of this.flowAmounts()) {
      // Every derivation of a metric rests on figures of that metric.
      const byPeriod = this.store.byMetric.get(def.id);
      if (!byPeriod) continue;
      for (const frame of years) this.deriveYear(def, byPeriod, frame);
    }
  }

  /** The periods of one year no release prints, for one metric, from its served figures of that year. */
  private deriveYear(def: MetricDef, byPeriod: Map<string, Slot<LibraryValue>>, { Q, YTD }: YearFrame): void {
    /** A figure usable as an input of a derivation: table figures and derived ones (never prose, which is rounded). */
    const input = (v: LibraryValue | undefined) => (v && (v.origin === 'reported' || v.origin === 'derived') ? v : undefined);
    const balance = def.id === 'cash_begin' || def.id === 'cash_end';
    // The year's RMB figures of the metric, read once and kept as they are derived (YTD[0] is Q[0]).
    const qs = Q.map((x) => byPeriod.get(x.id)?.RMB ?? undefined);
    const ys = YTD.map((x, i) => (i === 0 ? qs[0] : (byPeriod.get(x.id)?.RMB ?? undefined)));
    // Twice: a quarter derived in the first pass can complete a year-to-date figure in the second.
    for (let pass = 0; pass < 2; pass++) {
      for (let i = 1; i < 4; i++) {
        if (balance) {
          // Balances at the ends of periods: the year-to-date beginning is the year's, its end the quarter's.
          const qb = input(qs[i]);
          if (def.id === 'cash_end' && qb && !ys[i])
            ys[i] = this.put(def.id, YTD[i].id, 'RMB', { ...vOf(qb), period: YTD[i], origin: 'derived', formula: `${YTD[i].id} ending balance = ${Q[i].id} ending balance` });
          const q1 = input(qs[0]);
          if (def.id === 'cash_begin' && q1 && (qb || this.has('cash_end', Q[i].id, 'RMB')) && !ys[i])
            ys[i] = this.put(def.id, YTD[i].id, 'RMB', { ...vOf(q1), period: YTD[i], origin: 'derived', formula: `${YTD[i].id} beginning balance = ${Q[0].id} beginning balance` });
          continue;
        }
        const ytd = input(ys[i]);
        const prev = input(ys[i - 1]);
        const q = input(qs[i]);
        // Q2 = H1 − Q1, Q3 = 9M − H1, Q4 = FY − 9M (Q1 of a year = H1 − Q2 from the comparative columns).
        if (ytd && prev && !q) qs[i] = this.derive(def, Q[i], ytd, prev, -1, `${Q[i].id} = ${YTD[i].id} − ${YTD[i - 1].id}`);
        if (i === 1 && ytd && q && !prev && !qs[0]) qs[0] = ys[0] = this.derive(def, Q[0], ytd, q, -1, `${Q[0].id} = ${YTD[1].id} − ${Q[1].id}`);
        // H1 = Q1 + Q2, 9M = H1 + Q3, FY = 9M + Q4.
        const q2 = input(qs[i]);
        const prev2 = input(ys[i - 1]);
        if (!ys[i] && q2 && prev2) ys[i] = this.derive(def, YTD[i], prev2, q2, 1, `${YTD[i].id} = ${YTD[i - 1].id} + ${Q[i].id}`);
      }
    }
  }

  private stockSums(): void {
    const dates = new Set<string>();
    for (const [m, byPeriod] of this.store.byMetric) {
      // A value's metric is its key's.
      if (this.defs.get(m)?.statement !== 'balance_sheet') continue;
      for (const s of byPeriod.values()) {
        const v = s.RMB ?? s.USD;
        if (v && v.period.kind === 'instant' && v.period.id !== 'constant') dates.add(v.period.id);
      }
    }
    for (const [id, def] of Object.entries(LIB_STOCK_SUMS)) {
      const mdef = this.defs.get(id);
      if (!mdef) continue;
      for (const d of dates) {
        for (const c of CURRENCIES) {
          const parts = this.printedParts(def.parts, d, c);
          if (!parts) continue;
          const facts: Fact[] = [];
          for (let k = 0; k < parts.length; k++) {
            const fs = parts[k].facts;
            for (let n = 0; n < fs.length; n++) facts.push(fs[n]);
          }
          // Most sums are a release model's own, of the same printed lines: kept as they are, not added up again.
          const own = this.ownComputed(id, d, c, def.text, partIdsOf(def), parts, facts);
          if (own) {
            this.setVal(id, d, c, own);
            continue;
          }
          let value = ZERO;
          for (let k = 0; k < parts.length; k++) value = value.add(timesSign(parts[k].value, def.parts[k][1]));
          this.put(id, d, c, { value, metric: mdef, period: instant(d), currency: c, origin: 'computed', formula: def.text, facts });
        }
      }
    }
  }

  /** The values of a sum's parts at a date in a currency, when every part is printed in a table there. */
  private printedParts(parts: [string, 1 | -1][], date: string, c: Cur): LibraryValue[] | undefined {
    const out: LibraryValue[] = [];
    for (let k = 0; k < parts.length; k++) {
      const v = this.has(parts[k][0], date, c);
      if (!v || v.origin !== 'reported') return undefined;
      out.push(v);
    }
    return out;
  }

  private epsPerAds(): void {
    const def = this.defs.get('eps_per_ads');
    const losses = this.store.byMetric.get('net_loss_attributable');
    if (!def || !losses) return;
    for (const s of losses.values()) this.epsPerAdsOf(def, s.RMB ?? undefined);
  }

  private epsPerAdsOf(def: MetricDef, v: LibraryValue | undefined): void {
    if (!v || v.currency !== 'RMB') return;
    const shares = this.has('weighted_shares', v.period.id, 'RMB');
    if (!shares || shares.value.isZero()) return;
    const facts = v.facts.concat(shares.facts);
    // The release model's own figure when it rests on these very values (its first stored values stand, so its
    // figure was made from them): the one put() would keep, without working the division out a second time.
    const own = this.ownComputed('eps_per_ads', v.period.id, 'RMB', EPS_PER_ADS_TEXT, PER_ADS_INPUTS, [v, shares], facts);
    if (own) {
      this.setVal('eps_per_ads', v.period.id, 'RMB', own);
      return;
    }
    // Thousands of RMB per ADS: net loss attributable / (weighted shares / 15).
    this.put('eps_per_ads', v.period.id, 'RMB', {
      value: v.value.mul(1000).mul(SHARES_PER_ADS).div(shares.value),
      metric: def,
      period: v.period,
      currency: 'RMB',
      origin: 'computed',
      formula: EPS_PER_ADS_TEXT,
      facts,
    });
  }

  /**
   * The figure `m` at `p` in `c` of the release the facts come from, when that model computed it by `formula` from
   * these very values (`inputs`, stored under the metrics `ids` at `p` in `c`): the object put() would keep (the same
   * rule on the same values gives the same figure, and a model's first stored value stands), found without working
   * the figure out again.
   */
  private ownComputed(m: string, p: string, c: Cur, formula: string, ids: readonly string[], inputs: LibraryValue[], facts: Fact[]): LibraryValue | undefined {
    const from = this.latestRelOf(facts);
    if (!from) return undefined;
    const model = from.model;
    for (let k = 0; k < ids.length; k++) if (model.valueOf(ids[k], p, c) !== inputs[k]) return undefined;
    const own = model.valueOf(m, p, c);
    return own && own.origin === 'computed' && own.formula === formula && sameFacts(own.facts, facts) ? (own as LibraryValue) : undefined;
  }

  /** The release whose rate translates a value: the latest release its figures come from. */
  private rateRel(v: ModelValue): Rel {
    return this.latestRelOf(v.facts) ?? this.latest;
  }

  /** The rate as text per release (Decimal.toString each time was a large share of translating). */
  private rateTexts = new Map<Rel, string>();
  private rateText(r: Rel): string {
    let t = this.rateTexts.get(r);
    if (t === undefined) this.rateTexts.set(r, (t = r.rate.toString()));
    return t;
  }

  // ---- values computed on first request -------------------------------------------------------------------

  /**
   * A value: the one stored, else one of the figures computed on request (US$ translations, ratios, LTM, the
   * sign-neutral ids), worked out from the figures built with the library and kept (as none when there is none).
   */
  private resolve(m: string, p: string, c: Cur): LibraryValue | undefined {
    const s = this.store.slot(m, p);
    const v = s?.[c];
    if (v !== undefined) return v ?? undefined;
    if (this.complete) return undefined;
    const made = this.compute(m, p, c);
    if (made) this.store.set(m, p, c, made);
    else if (s) s[c] = null;
    return made;
  }

  private compute(m: string, p: string, c: Cur): LibraryValue | undefined {
    const target = ALIASES.get(m);
    if (target !== undefined) {
      // Sign-neutral ids: the same figures as the metric they name.
      const v = this.resolve(target, p, c);
      return v && { ...v, metric: this.defs.get(m)! };
    }
    const r = RATIO_DEFS.get(m);
    if (r !== undefined) {
      this.ratio(this.defs.get(m)!, r, p);
      return this.has(m, p, c);
    }
    if (p.startsWith('LTM-')) return this.ltmValue(m, p, c);
    if (c === 'USD') return this.translation(m, p);
    return undefined;
  }

  /** US$ for an RMB figure not printed in US$: at the rate of the latest release it rests on. */
  private translation(m: string, p: string): LibraryValue | undefined {
    const v = this.has(m, p, 'RMB');
    if (!v || v.currency !== 'RMB' || v.period.id === 'constant') return undefined;
    const r = this.rateRel(v);
    const perShare = v.metric.unit === 'per_share';
    return this.own(m, p, 'USD', {
      value: perShare ? toUsdPerShare(v.value, r.rate) : toUsd(v.value, r.rate),
      metric: v.metric,
      period: v.period,
      currency: 'USD',
      origin: 'translated',
      formula: v.formula,
      rule: `RMB / ${this.rateText(r)}, rounded to the ${perShare ? 'cent' : 'thousand'} (not printed in the release)`,
      facts: v.facts,
    });
  }

  /** A ratio recomputed on the served (and derived) amounts of a period, stored in both currencies. */
  private ratio(def: MetricDef, r: (typeof RATIOS)[string], pid: string): void {
    const num = this.resolve(r.num, pid, 'RMB');
    const den = this.resolve(r.den, pid, 'RMB');
    if (!num || num.currency !== 'RMB' || !den || den.value.isZero()) return;
    const value = num.value.div(den.value).mul(r.sign ?? 1);
    const derived = num.origin === 'derived' || den.origin === 'derived';
    for (const c of CURRENCIES) {
      if (this.has(def.id, pid, c)) continue;
      this.put(def.id, pid, c, { value, metric: def, period: num.period, currency: null, origin: 'computed', formula: `${r.text}${derived ? ` (${pid} derived: ${num.formula ?? den.formula})` : ''}`, facts: [...num.facts, ...den.facts] });
    }
  }

  /** The quarter an LTM period ends with and the periods it is built from; null when no value covers that quarter. */
  private ltmFrame(pid: string): LtmFrame | null {
    let f = this.ltmFrames.get(pid);
    if (f !== undefined) return f;
    f = null;
    const qid = pid.slice(4);
    if (this.quarterIds.has(qid)) {
      const q = readPeriod(qid)!;
      const q1 = previousQuarter(q)!;
      const q2 = previousQuarter(q1)!;
      const ytd = [q, half(1, q.year), nineMonths(q.year), fiscalYear(q.year)][q.index - 1];
      f = { q, p: ltm(q), four: [q, q1, q2, previousQuarter(q2)!], ytd, priorYtd: priorYear(ytd), fyBefore: fiscalYear(q.year - 1) };
    }
    this.ltmFrames.set(pid, f);
    return f;
  }

  /** LTM of a flow amount: the last four quarters, else FY(y−1) + YTD(y) − YTD(y−1); in US$ at the latest rate it rests on. */
  private ltmValue(m: string, pid: string, c: Cur): LibraryValue | undefined {
    const def = this.defs.get(m);
    if (!def || def.basis !== 'flow' || def.unit !== 'amount' || def.id === 'cash_begin' || def.id === 'cash_end') return undefined;
    const frame = this.ltmFrame(pid);
    if (!frame) return undefined;
    const { q, p, four, ytd, priorYtd, fyBefore } = frame;
    if (c === 'USD') {
      const v = this.resolve(m, pid, 'RMB');
      if (!v) return undefined;
      const r = this.rateRel(v);
      return this.own(m, pid, 'USD', { value: toUsd(v.value, r.rate), metric: def, period: p, currency: 'USD', origin: 'translated', formula: v.formula, rule: `RMB / ${this.rateText(r)}, rounded to the thousand (not printed in the release)`, facts: v.facts });
    }
    const vs = four.map((x) => this.has(def.id, x.id, 'RMB'));
    let value: Decimal;
    let facts: Fact[];
    let formula: string;
    if (vs.every((v) => v && v.origin !== 'prose')) {
      value = vs.reduce((a, v) => a.add(v!.value), ZERO);
      facts = vs.flatMap((v) => v!.facts);
      formula = `${p.id} = ${[...four].reverse().map((x) => x.id).join(' + ')}`;
    } else {
      // FY(y−1) + YTD(y) − YTD(y−1), the way analysts build LTM from year-to-date columns.
      if (q.index === 4) return undefined;
      const fy = this.has(def.id, fyBefore.id, 'RMB');
      const a = this.has(def.id, ytd.id, 'RMB');
      const b = this.has(def.id, priorYtd.id, 'RMB');
      if (!fy || !a || !b || [fy, a, b].some((v) => v.origin === 'prose')) return undefined;
      value = fy.value.add(a.value).sub(b.value);
      facts = [...fy.facts, ...a.facts, ...b.facts];
      formula = `${p.id} = FY-${q.year - 1} + ${ytd.id} − ${priorYtd.id}`;
    }
    return this.own(def.id, pid, 'RMB', { value, metric: def, period: p, currency: 'RMB', origin: 'derived', formula, facts });
  }

  /**
   * Computes every value computed on request (for the lists of all values).
   */
  private materialize(): void {
    if (this.complete) return;
    for (const [m, byPeriod] of this.store.byMetric) {
      if (ALIASES.has(m) || RATIO_DEFS.has(m)) continue;
      for (const [p, s] of byPeriod) if (s.RMB) this.resolve(m, p, 'USD');
    }
    for (const [id, r] of RATIO_DEFS) {
      const nums = this.store.byMetric.get(r.num);
      if (nums) for (const p of [...nums.keys()]) for (const c of CURRENCIES) this.resolve(id, p, c);
    }
    for (const qid of this.quarterIds) {
      const pid = `LTM-${qid}`;
      for (const def of FLOW_AMOUNTS) for (const c of CURRENCIES) this.resolve(def.id, pid, c);
      for (const id of RATIO_DEFS.keys()) for (const c of CURRENCIES) this.resolve(id, pid, c);
    }
    for (const [alias, target] of ALIASES) {
      const byPeriod = this.store.byMetric.get(target);
      if (byPeriod) for (const [p, s] of [...byPeriod]) for (const c of CURRENCIES) if (s[c]) this.resolve(alias, p, c);
    }
    this.complete = true;
  }

  // ---- chains across releases ------------------------------------------------------------------------------

  printedBy(metric: string, period: string, currency?: string): { release: ReleaseInfo; value: Decimal; origin: string; line: number }[] {
    const def = findMetric(metric);
    if (!def) return [];
    const p = this.period(period).id;
    const c = parseCur(currency);
    const out: { release: ReleaseInfo; value: Decimal; origin: string; line: number }[] = [];
    // The prints the library merged (a sign-neutral id is never printed: it copies the metric it names).
    if (ALIAS_IDS.has(def.id)) return out;
    for (const rel of this.rels) {
      const v = rel.model.valueOf(def.id, p, c);
      if (v && PRINTED.has(v.origin)) out.push({ release: rel, value: v.value, origin: v.origin, line: v.facts[0]?.provenance.line ?? 0 });
    }
    return out;
  }

  releaseOf(fact: Fact): ParsedRelease | undefined {
    return this.relOf(fact)?.release;
  }

  /** The table prints of an RMB figure the chain checks read (a flow amount's year-to-date figure, or cash). */
  private printsOf(m: string, p: string): Print[] {
    const e = this.chainPrints.get(m)?.get(p);
    return e ? tablesOf(e) : NO_PRINTS;
  }

  private isRestated(m: string, p: string): Restatement | undefined {
    return this.restated.find((r) => r.metric === m && r.period === p);
  }

  private at(x: Print): string {
    return (x.at ??= `${this.relName(x.rel)}, line ${x.v.facts[0]?.provenance.line ?? '?'}`);
  }

  private relNames = new Map<Rel, string>();
  private relName(r: Rel): string {
    let t = this.relNames.get(r);
    if (t === undefined) this.relNames.set(r, (t = relName(r)));
    return t;
  }

  private chainChecksBuild(): void {
    const out = this.chain;
    // Most chains close: their difference is the one ZERO rather than a subtraction each (x − x is +0 in decimal.js
    // but when rounding towards −∞, where it is −0, as in IEEE 754); a pair of zeros, whose signs may differ
    // (−0 − +0 is −0), takes the subtraction.
    const differenceOf = (expected: Decimal, actual: Decimal): Decimal => {
      const closes = !expected.isZero() && sameValue(expected, actual) && expected.isFinite() && Decimal.rounding !== Decimal.ROUND_FLOOR;
      return closes ? ZERO : expected.sub(actual);
    };
    // Each result made whole, with its final name and verdict: a result changed once made changes the shape V8
    // shares with every check result (the parser's too), and throws away the optimised code that reads them.
    const check = (id: string, name: string, period: string, expected: Decimal, actual: Decimal, difference: Decimal, pass: boolean, line?: number): CheckResult =>
      new ChainCheck(id, name, period, expected, actual, difference, pass, line);
    // Balance sheets of one date printed by several releases: agree, or are a listed restatement.
    const balances = this.balancePrints;
    for (let k = 0; k < balances.length; k++) {
      const e = balances[k];
      // Printed by one release: nothing to compare.
      if (!e.next) continue;
      const m = e.m;
      const p = e.p;
      const tables = tablesOf(e);
      for (let i = 1; i < tables.length; i++) {
        const a = tables[i - 1];
        const b = tables[i];
        if (a.rel === b.rel) continue;
        const same = sameValue(a.v.value, b.v.value);
        const name = `${m} at ${p}: ${this.at(a)} and ${this.at(b)} ${same ? 'agree' : 'differ: a restatement, listed by KC.RESTATEMENTS()'}`;
        // Two prints of one balance that differ are a restatement by definition (listed), not a broken chain.
        out.push(check(balanceCheckId(m), name, p, b.v.value, a.v.value, differenceOf(b.v.value, a.v.value), true, b.v.facts[0]?.provenance.line));
      }
    }
    // Ending cash of one quarter = beginning cash of the next: every print of one against every print of the other
    // by another release. (Quarters' ending cash is only ever printed, never derived: in the order first printed.)
    const cashEnds = this.cashEndPrints;
    for (let k = 0; k < cashEnds.length; k++) {
      const e = cashEnds[k];
      const v = this.has('cash_end', e.p, 'RMB');
      if (!v || v.currency !== 'RMB' || v.period.kind !== 'quarter') continue;
      const next = v.period.index === 4 ? quarter(1, v.period.year + 1) : quarter(v.period.index + 1, v.period.year);
      const explained = this.isRestated('cash_end', v.period.id) || this.isRestated('cash_begin', next.id);
      for (const a of this.printsOf('cash_end', v.period.id)) {
        for (const b of this.printsOf('cash_begin', next.id)) {
          if (a.rel === b.rel) continue;
          const ok = sameValue(a.v.value, b.v.value);
          const name = `Cash at the end of ${v.period.id} (${this.at(a)}) = cash at the beginning of ${next.id} (${this.at(b)})${!ok && explained ? ' — differs, explained by a restatement' : ''}`;
          const difference = differenceOf(b.v.value, a.v.value);
          out.push(check(cashCheckId(next.id), name, next.id, b.v.value, a.v.value, difference, difference.isZero() || (!ok && !!explained), b.v.facts[0]?.provenance.line));
        }
      }
    }
    const frames = this.years().map(yearFrame);
    // Year-to-date = previous year-to-date + quarter, across releases: each year-to-date figure a release printed
    // against the served previous year-to-date figure and the served quarter (in order, so that a year-to-date
    // figure re-derived after a restatement is what the next one is checked against).
    for (const def of this.flowAmounts()) {
      if (def.id === 'cash_begin' || def.id === 'cash_end' || !this.chainPrints.has(def.id)) continue;
      const id = `chain.ytd.${def.id}`;
      for (const { Q, YTD } of frames) {
        for (let i = 1; i < 4; i++) {
          const ytdPrints = this.printsOf(def.id, YTD[i].id);
          if (!ytdPrints.length) continue;
          const p = this.has(def.id, YTD[i - 1].id, 'RMB');
          const q = this.has(def.id, Q[i].id, 'RMB');
          if (!p || !q || p.origin === 'prose' || q.origin !== 'reported') continue;
          // A figure derived from this very year-to-date figure would close trivially.
          if (p.origin === 'derived' && !p.formula?.includes('supersedes')) continue;
          // The one release both inputs come from, if they come from one.
          const pOnly = this.onlyRel(p.facts);
          const only = pOnly && pOnly === this.onlyRel(q.facts) ? pOnly : undefined;
          // The sum and the inputs' labels are worked out for the first check made: most year-to-date prints are
          // their own release's, whose columns its own identities check, and make none.
          let sum: Decimal | undefined;
          let pLabel = '';
          let qLabel = '';
          for (let k = 0; k < ytdPrints.length; k++) {
            const t = ytdPrints[k];
            // Only across releases (a release's own columns are checked by its own identities).
            if (t.rel === only) continue;
            if (sum === undefined) {
              sum = p.value.add(q.value);
              pLabel = this.inputLabel(p);
              qLabel = this.inputLabel(q);
            }
            const name = `${def.id} ${YTD[i].id} (${this.at(t)}) = ${YTD[i - 1].id} (${pLabel}) + ${Q[i].id} (${qLabel})`;
            const difference = differenceOf(t.v.value, sum);
            // A restatement of an input printed after this year-to-date figure supersedes it (when it does not close).
            const r = difference.isZero()
              ? undefined
              : [this.isRestated(def.id, YTD[i - 1].id), this.isRestated(def.id, Q[i].id)].find((x) => x && this.rels.indexOf(x.latest.release as Rel) > this.rels.indexOf(t.rel));
            const c1 = r
              ? check(id, `${name} — superseded: ${r.period} was restated by ${relName(r.latest.release)} (line ${r.latest.line})`, YTD[i].id, t.v.value, sum, difference, true, t.v.facts[0]?.provenance.line)
              : check(id, name, YTD[i].id, t.v.value, sum, difference, difference.isZero(), t.v.facts[0]?.provenance.line);
            if (r) this.supersede(def, YTD[i], t, r, sum, [p, q]);
            out.push(c1);
          }
        }
      }
    }
  }

  /** How a year-to-date chain names an input: the release and line that printed it, or how it was derived. */
  private inputLabel(v: ModelValue): string {
    return v.origin === 'reported' ? `${this.relName(this.latestRelOf(v.facts)!)}, line ${v.facts[0]?.provenance.line}` : `derived: ${v.formula}`;
  }

  private supersede(def: MetricDef, period: Period, old: Print, r: Restatement, sum: Decimal, parts: ModelValue[]): void {
    this.supersededList.push({ metric: def.id, period: period.id, value: old.v.value, release: old.rel, line: old.v.facts[0]?.provenance.line ?? 0, because: r.period, served: sum });
    const cur = this.has(def.id, period.id, 'RMB');
    // Served from the superseded print: re-derive it from the restated inputs (and its US$ and ratios follow).
    if (cur && cur.facts[0] === old.v.facts[0]) {
      // The values computed on request (the sign-neutral ids, LTM, US$ translations, ratios) are worked out after the
      // build, from the served figures: so they rest on this re-derived figure, not on the superseded print.
      const facts = parts.flatMap((x) => x.facts);
      const formula = `${period.id} = ${parts.map((x) => x.period.id).join(' + ')} (supersedes ${old.v.value} printed by ${relName(old.rel)}, line ${old.v.facts[0]?.provenance.line}, built on ${r.period} before its restatement)`;
      this.setVal(def.id, period.id, 'RMB', { value: sum, metric: def, period, currency: 'RMB', origin: 'derived', formula, facts });
      const r2 = this.rateRel({ facts } as ModelValue);
      if (this.has(def.id, period.id, 'USD')?.origin !== 'reported') this.setVal(def.id, period.id, 'USD', { value: toUsd(sum, r2.rate), metric: def, period, currency: 'USD', origin: 'translated', formula, rule: `RMB / ${r2.rate}, rounded to the thousand (not printed in the release)`, facts });
      for (const [id, rr] of Object.entries(RATIOS)) {
        if (rr.num !== def.id && rr.den !== def.id) continue;
        for (const c of CURRENCIES) this.deleteVal(id, period.id, c);
        this.ratio(this.defs.get(id)!, rr, period.id);
      }
      this.followSupersession(def, period);
    }
  }

  /**
   * The figures the build derived from a year-to-date figure later superseded: the year's later year-to-date sums
   * (9M = H1 + Q3, FY = 9M + Q4) derived again from the re-derived figure, and EPS per ADS where the loss changed.
   * A quarter derived as a difference (Q3 = 9M − H1) is left: its other input is a print of the release whose
   * year-to-date figures were built on the old quarter, so which side to trust is not known.
   */
  private followSupersession(def: MetricDef, period: Period): void {
    const { Q, YTD } = yearFrame(period.year);
    const changed = [period];
    for (let j = YTD.findIndex((x) => x.id === period.id) + 1; j > 0 && j < 4; j++) {
      const v = this.has(def.id, YTD[j].id, 'RMB');
      if (v?.origin !== 'derived' || v.formula !== `${YTD[j].id} = ${YTD[j - 1].id} + ${Q[j].id}`) break;
      const prev = this.has(def.id, YTD[j - 1].id, 'RMB')!;
      const q = this.has(def.id, Q[j].id, 'RMB')!;
      this.derive(def, YTD[j], prev, q, 1, v.formula);
      // Its US$ is translated on request, from the figure just derived.
      if (this.has(def.id, YTD[j].id, 'USD')?.origin !== 'reported') this.store.forget(def.id, YTD[j].id, 'USD');
      changed.push(YTD[j]);
    }
    const eps = this.defs.get('eps_per_ads');
    if (def.id === 'net_loss_attributable' && eps) {
      for (const p of changed) {
        for (const c of CURRENCIES) this.store.forget('eps_per_ads', p.id, c);
        this.epsPerAdsOf(eps, this.has(def.id, p.id, 'RMB'));
      }
    }
  }

  // ---- queries ----------------------------------------------------------------------------------------------

  releases(): ReleaseInfo[] {
    return this.rels.map(({ quarter, date, form, name, rate, facts, checksPassed }) => ({ quarter, date, form, name, rate, facts, checksPassed }));
  }
  restatements(): Restatement[] {
    return this.restated;
  }
  superseded(): Superseded[] {
    return this.supersededList;
  }
  chainChecks(): CheckResult[] {
    return this.chain;
  }
  checks(): CheckResult[] {
    return [...this.rels.flatMap((r) => r.checks), ...this.chain];
  }
  periods(): Period[] {
    if (this.periodList) return this.periodList;
    // The periods of the values built, and each LTM period the library serves a figure for.
    const seen = new Map(this.builtPeriods);
    for (const qid of this.quarterIds) {
      const pid = `LTM-${qid}`;
      if (FLOW_AMOUNTS.some((d) => this.resolve(d.id, pid, 'RMB'))) seen.set(pid, this.ltmFrame(pid)!.p);
    }
    return (this.periodList = [...seen.values()].sort((a, b) => periodOrder(a).localeCompare(periodOrder(b)) || a.id.localeCompare(b.id)));
  }
  metrics(): readonly MetricDef[] {
    return CATALOGUE;
  }
  latestQuarter(): Period | undefined {
    return this.latestQ;
  }

  period(text: string): Period {
    let p = this.periodCache.get(text);
    if (p) return p;
    p = readLibraryPeriod(text, this.latestQ);
    if (!p) throw new ModelError('unknown_period', `"${text.trim()}" is not a period. Accepted: ${ACCEPTED_FORMS}; LTM and relative periods: ${RELATIVE_FORMS}.`);
    return this.periodCache.keep(text, p);
  }

  get(metric: string, period: string, currency?: string): ModelValue {
    const hit = this.answers.get(metric, period, currency);
    if (hit) return hit;
    return this.answers.keep(metric, period, currency, lookupValue(this.served, requireMetric(metric), this.period(period), parseCur(currency)));
  }

  getFirst(metric: string, period: string, currency?: string): ModelValue {
    const v = this.get(metric, period, currency);
    const f = this.firsts.get(this.key(v.metric.id, v.period.id, (v.currency ?? parseCur(currency)) as Cur));
    return f ?? v;
  }

  growth(metric: string, period: string, basis?: string): ModelValue {
    const p = this.period(period);
    // The release model's rules, on the library's figures.
    const def = requireMetric(metric);
    const b = growthBasis(basis);
    requireFlow(def);
    const prior = isLtm(p) ? (b === 'YOY' ? ltm(priorYear(ltmQuarter(p))) : ltm(previousQuarter(ltmQuarter(p))!)) : b === 'YOY' ? priorYear(p) : previousQuarter(p);
    return growthBetween(this.served, def, p, prior, b);
  }

  source(metric: string, period: string, currency?: string): string {
    const v = this.get(metric, period, currency) as LibraryValue;
    const rs = this.relsOf(v.facts);
    const from = rs[rs.length - 1];
    const many = this.rels.length > 1;
    let text: string;
    const own = from && from.model.valueOf(v.metric.id, v.period.id, (v.currency ?? parseCur(currency)) as Cur) === v;
    if (own) {
      text = from.model.source(v.metric.id, v.period.id, currency);
      if (many) text = `${text.replace(/\.$/, '')}; in ${relName(from)}.`;
    } else {
      const where = (f: Fact) => {
        const r = this.relOf(f);
        return `${f.period} ${f.provenance.rowLabel ? `"${f.provenance.rowLabel}" ` : ''}(${r ? relName(r) : 'a release'}, line ${f.provenance.line})`;
      };
      const uniq = [...new Set(v.facts)];
      text =
        v.origin === 'translated'
          ? `Translated: ${v.rule}; from the RMB figure ${v.formula ? `derived as ${v.formula} ` : ''}in ${uniq.map(where).join('; ')}.`
          : `${v.origin === 'derived' ? 'Derived' : v.origin === 'computed' ? 'Computed' : 'Reported'}: ${v.formula ?? ''}; from ${uniq.map(where).join('; ')}.`;
    }
    if (v.currency === 'USD' && v.origin === 'translated' && from) {
      text = `${text.replace(/\.$/, '')}. Rate: RMB${from.rate} to US$1.00, the convenience rate of ${relName(from)}, the latest release covering ${v.period.id}.`;
    } else if (v.currency === 'USD' && (v.origin === 'reported' || v.origin === 'prose') && from) {
      text = `${text.replace(/\.$/, '')}. Printed in US$ by ${relName(from)}, the latest release printing it, at its rate RMB${from.rate} to US$1.00.`;
    }
    const r = this.restated.filter((x) => x.metric === v.metric.id && x.period === v.period.id);
    for (const x of r) {
      text += ` RESTATED: first reported ${x.first.value} by ${relName(x.first.release)} (line ${x.first.line}), ${x.latest.value} by ${relName(x.latest.release)} (line ${x.latest.line}); serving the latest.`;
    }
    const s = this.supersededList.filter((x) => x.metric === v.metric.id && x.period === v.period.id);
    for (const x of s) text += ` SUPERSEDED: ${x.value} as printed by ${relName(x.release)} (line ${x.line}) was built on ${x.because} before its restatement.`;
    return text;
  }

  fxRate(period?: string): { rate: Decimal; release: ReleaseInfo } {
    if (period === undefined) return { rate: this.latest.rate, release: this.latest };
    const p = this.period(period);
    // The latest release printing any figure for the period (or at its end date).
    for (let i = this.rels.length - 1; i >= 0; i--) {
      const r = this.rels[i];
      if (r.release.facts.some((f) => f.period === p.id || (p.kind !== 'instant' && f.period === p.end) || (isLtm(p) && f.period === ltmQuarter(p).id))) return { rate: r.rate, release: r };
    }
    throw new ModelError('not_available', `no release in the library covers ${p.id}; the releases cover ${this.rels.map((r) => r.quarter).join(', ')}.`);
  }

  values(): LibraryValue[] {
    const order = new Map(CATALOGUE.map((d, i) => [d.id, i]));
    const pOrder = (p: Period) => (p.id === 'constant' ? '' : periodOrder(p) + p.id);
    this.materialize();
    const all: LibraryValue[] = [];
    for (const [, , , v] of this.store.values()) all.push(v);
    return all.sort(
      (a, b) => order.get(a.metric.id)! - order.get(b.metric.id)! || pOrder(a.period).localeCompare(pOrder(b.period)) || String(a.currency).localeCompare(String(b.currency)),
    );
  }

  /** The key's value and its first-reported value where it differs, and the release each comes from. */
  entries(): { key: [string, string, Cur]; value: LibraryValue; first?: ModelValue; from?: ReleaseInfo }[] {
    const out: { key: [string, string, Cur]; value: LibraryValue; first?: ModelValue; from?: ReleaseInfo }[] = [];
    this.materialize();
    for (const [m, p, c, v] of this.store.values()) {
      const rs = this.relsOf(v.facts);
      out.push({ key: [m, p, c], value: v, first: this.firsts.get(this.key(m, p, c)), from: rs[rs.length - 1] });
    }
    const order = new Map(CATALOGUE.map((d, i) => [d.id, i]));
    const rank = (id: string) => {
      const p = id === 'constant' ? undefined : readLibraryPeriod(id, this.latestQ);
      return p ? periodOrder(p) + id : '';
    };
    const ranks = new Map<string, string>();
    const r = (id: string) => ranks.get(id) ?? (ranks.set(id, rank(id)), ranks.get(id)!);
    return out.sort((a, b) => order.get(a.key[0])! - order.get(b.key[0])! || r(a.key[1]).localeCompare(r(b.key[1])) || a.key[2].localeCompare(b.key[2]));
  }

  valueOf(metric: string, period: string, currency: Cur): ModelValue | undefined {
    return currency === 'RMB' || currency === 'USD' ? this.resolve(metric, period, currency) : undefined;
  }
}

/**
 * The ids of the balance and cash chain checks, by metric and by period: made once and shared by every check of that
 * id (a library checks each balance once per pair of releases printing it) rather than kept once per check, and looked
 * up without building a key. Bounded: ids come from the releases' figures.
 */
const BALANCE_CHECK_IDS = new BoundedMemo<string, string>(10_000);
const CASH_CHECK_IDS = new BoundedMemo<string, string>(10_000);
const balanceCheckId = (m: string): string => BALANCE_CHECK_IDS.get(m) ?? BALANCE_CHECK_IDS.keep(m, `chain.balance.${m}`);
const cashCheckId = (p: string): string => CASH_CHECK_IDS.get(p) ?? CASH_CHECK_IDS.keep(p, `chain.cash.${p}`);

/** Whether two lists hold the same facts in the same order. */
function sameFacts(a: Fact[], b: Fact[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The release's first fact of the convenience rate (an indexed loop: the prose facts, the rate's, come last). */
function firstRateFact(facts: Fact[]): Fact | undefined {
  for (let i = 0; i < facts.length; i++) if (facts[i].metric === 'fx_rate') return facts[i];
  return undefined;
}

function passed(checks: CheckResult[]): number {
  let n = 0;
  for (let i = 0; i < checks.length; i++) if (checks[i].pass) n++;
  return n;
}

function vOf(v: LibraryValue): LibraryValue {
  return { value: v.value, metric: v.metric, period: v.period, currency: v.currency, origin: v.origin, facts: v.facts };
}

function parseCur(text: string | undefined): Cur {
  if (text === undefined) return 'RMB';
  const t = text.trim().toUpperCase();
  if (t === '' || t === 'RMB' || t === 'CNY') return 'RMB';
  if (t === 'USD' || t === 'US$') return 'USD';
  throw new ModelError('bad_currency', `"${text.trim()}" is not a currency here: use "RMB" (the default) or "USD" (the release's convenience translation).`);
}

export type { ReleaseLibrary };

/** The library of a set of accepted releases (each already through the gate). */
export function buildLibrary(entries: LibraryEntry[]): Library & { entries: ReleaseLibrary['entries']; valueOf: ReleaseLibrary['valueOf'] } {
  return new ReleaseLibrary(entries);
}

export function isLibrary(m: Model): m is Library {
  return typeof (m as Partial<Library>).restatements === 'function';
}

/** The release date a text states ("Date: August 20, 2024", or the dateline), as an ISO date. */
export function releaseDate(text: string): string | undefined {
  const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
  const m = /(?:Date:\s*|[A-Z]{4,},\s*)(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{1,2}),\s+(\d{4})/.exec(text.slice(0, 8000));
  if (!m) return undefined;
  return `${m[3]}-${String(MONTHS.indexOf(m[1].toLowerCase()) + 1).padStart(2, '0')}-${m[2].padStart(2, '0')}`;
}
