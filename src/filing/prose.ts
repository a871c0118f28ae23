import { eraRequiresProse } from './eras';
import Decimal from 'decimal.js';
import type { ReleasePeriods } from './layout';
import { isSpace, readStatement } from './prose-structure';
import { NO_REPAIRS, type Log } from './grid';
import type { CheckResult, Currency, Fact } from './types';
import { decimalOf } from './interned';
import { hundredthOf } from './cells';
import { BoundedMemo } from './bounded-memo';
import { FactProvenance, FactRecord } from './fact-record';

/**
 * Facts stated in the release's prose, with the precision they are stated to. Each pattern names the sentence it
 * reads; `{cur}`, `{py}`, `{pq}` are RMB amounts in millions for the quarter, the same quarter last year and the
 * previous quarter; `{usd}` the US$ translation of `{cur}`; `{yoy}`/`{qoq}` growth percentages with their
 * direction words; `{m_cur}`... printed percentages.
 */
interface ProseSpec {
  /** Row key and label for provenance. */
  row: string;
  label: string;
  metric?: string;
  /** -1 when the prose states a magnitude the statements print as negative (costs, losses). */
  sign?: 1 | -1;
  pattern: string;
  /** Ratio statements: `{m_*}` groups are this metric's values. */
  ratioMetric?: string;
  ratioRoundedTo?: string;
  required?: boolean;
  /** A balance at a date: `{cur}` is at the quarter's end, `{pq}` at the previous quarter's end. */
  instant?: boolean;
}

const NUM = String.raw`-?[\d,]+(?:\.\d+)?`;
const PCT = String.raw`-?\d+(?:\.\d+)?`;

interface Compiled {
  /**
   * The pattern; when every match starts with words[0] (sticky), only what follows its opening words, to be tried
   * where `opensWith` has found them: V8 compiles a regex to machine code on its first run, at a cost that grows with
   * its length, and the opening words are checked already.
   */
  re: RegExp | null;
  /** Words every match contains (see literalWords). */
  words: string[];
  sticky: boolean;
  pattern: string;
}

const compiled = new Map<string, Compiled>();
function compile(pattern: string): Compiled {
  let c = compiled.get(pattern);
  if (!c) {
    const words = literalWords(pattern);
    const sticky = words.length > 0 && pattern.startsWith(words[0]);
    c = { re: null, words, sticky, pattern };
    compiled.set(pattern, c);
  }
  return c;
}

/**
 * The regex, made when first run: a RegExp parses its source when made, and most patterns' opening words are in no
 * body of a run (another era's wording). Only the form that is run is made.
 */
function regexOf(c: Compiled): RegExp {
  return (c.re ??= c.sticky ? new RegExp(build(c.pattern.slice(openingLength(c.words))), 'y') : new RegExp(build(c.pattern)));
}

/**
 * The length of a sticky pattern's opening words, one space between each, as its text has them (a pattern has no
 * double space): the rest of the pattern follows from there.
 */
function openingLength(words: string[]): number {
  let n = words.length - 1;
  for (let k = 0; k < words.length; k++) n += words[k].length;
  return n;
}

/**
 * The first match of a sentence pattern (where it starts, and its groups), or null. A match opens with the words its
 * pattern opens with (literal text up to its first group, class, escape or quantifier), so the regex is tried only
 * where the first of them is and the others follow it, in order: the leftmost match, as a scan of the whole body finds
 * it, while most bodies hold few such places (most sentences are another release's wording). Searching the body for
 * each word first was slower: a word opening with a common letter costs a scan of microseconds. The places of a
 * first word are found once per body for every pattern opening with it (`places`).
 */
function firstMatchOf(pattern: string, body: string, places: Map<string, number[]>): Match | null {
  const c = compile(pattern);
  const words = c.words;
  if (!c.sticky) {
    for (const w of words) if (!body.includes(w)) return null;
    return regexOf(c).exec(body);
  }
  const at = placesOf(words[0], body, places);
  // Most places of a first word are followed by one space and another word than the second (a table row, another
  // statement): told by two characters, without the call that reads any white space.
  const after = words[0].length;
  const second = words.length > 1 ? words[1].charCodeAt(0) : -1;
  for (let k = 0; k < at.length; k++) {
    const i = at[k] + after;
    if (second >= 0 && body.charCodeAt(i) === 32 && body.charCodeAt(i + 1) !== second && !isSpace(body.charCodeAt(i + 1))) continue;
    const rest = opensWith(body, at[k], words);
    if (rest < 0) continue;
    // The opening words' white space is as the pattern's `\s+` reads it (all of it: a word follows), so the rest of
    // the pattern matches from where they end exactly when the whole pattern matches from where they start.
    const re = regexOf(c);
    re.lastIndex = rest;
    const m = re.exec(body);
    if (m) return { index: at[k], groups: m.groups };
  }
  return null;
}

/** Where a sentence pattern matches, and its named groups. */
type Match = { index: number; groups?: Record<string, string> };

/** Where a word is in the body, found once for the patterns that open with it (five open with "Non-GAAP"). */
function placesOf(word: string, body: string, places: Map<string, number[]>): number[] {
  let at = places.get(word);
  if (!at) {
    at = [];
    for (let i = body.indexOf(word); i >= 0; i = body.indexOf(word, i + 1)) at.push(i);
    places.set(word, at);
  }
  return at;
}

/**
 * Where the words end when they are at `at`, one after the other with white space between (as the pattern's `\s+`
 * has it); -1 when they are not.
 */
function opensWith(body: string, at: number, words: string[]): number {
  let i = at + words[0].length;
  for (let k = 1; k < words.length; k++) {
    const from = i;
    // Mostly one space: tested before the call that knows every white space character.
    while (i < body.length && (body.charCodeAt(i) === 32 || isSpace(body.charCodeAt(i)))) i++;
    if (i === from || !body.startsWith(words[k], i)) return -1;
    i += words[k].length;
  }
  return i;
}

/**
 * Words every match of the pattern contains: its opening literal text, when no top-level `|` makes it optional (the
 * pattern's `{…}` stand for parenthesised groups, so the pattern has one where its regex has).
 */
function literalWords(pattern: string): string[] {
  if (hasTopLevelAlternation(pattern)) return [];
  const stop = pattern.search(/[{}\\()[\]?*+.|^$]/);
  let prefix = stop < 0 ? pattern : pattern.slice(0, stop);
  // A quantifier makes the character before it optional.
  if (stop >= 0 && '?*+{'.includes(pattern[stop])) prefix = prefix.slice(0, -1);
  return prefix.split(' ').filter((w) => w !== '');
}

function hasTopLevelAlternation(source: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}

/** The regex text each `{…}` of a sentence pattern stands for (see ProseSpec). */
const amountGroup = (g: string) => String.raw`(?<${g}_neg>negative )?RMB(?<${g}>${NUM}) million`;
const percentGroup = (g: string) => `(?<${g}>${PCT})%`;
const PLACEHOLDERS = new Map<string, string>([
  ['cur', amountGroup('cur')],
  ['py', amountGroup('py')],
  ['pq', amountGroup('pq')],
  ['usd', String.raw`\(US\\?\$(?<usd>${NUM}) million\)`],
  ['yoy_dir', '(?<yoy_dir>increase|decrease)d?'],
  ['qoq_dir', '(?<qoq_dir>increase|decrease)d?'],
  ['yoy', percentGroup('yoy')],
  ['qoq', percentGroup('qoq')],
  ['pp', `(?<pp>${PCT})`],
  ['m_cur', percentGroup('m_cur')],
  ['m_py', percentGroup('m_py')],
  ['m_pq', percentGroup('m_pq')],
]);

/** The regex source of a sentence pattern: its `{…}` replaced in one pass, and each space standing for `\s+`. */
function build(pattern: string): string {
  return pattern.replace(/\{(\w+)\}/g, (whole, name: string) => PLACEHOLDERS.get(name) ?? whole).replace(/ /g, String.raw`\s+`);
}

const SPECS: ProseSpec[] = [
  { row: 'total_revenues', label: 'Total revenues', metric: 'total_revenues', required: true,
    pattern: 'Total revenues reached {cur} {usd}, {yoy_dir} by {yoy} year-over-year and {qoq} quarter-over-quarter from {py} in the same quarter of \\d{4} and {pq} in the (?:first|second|third|fourth) quarter' },
  { row: 'total_revenues', label: 'Total revenues (CFO quote)', metric: 'total_revenues',
    pattern: 'total revenues returned to year-over-year growth track, arriving at {cur}, {yoy_dir} by {yoy} year-over-year and {qoq} quarter-over-quarter' },
  { row: 'public_cloud_revenue', label: 'Revenues from public cloud services', metric: 'public_cloud_revenue',
    pattern: 'Revenues from public cloud services were {cur} {usd}, {yoy_dir} by {yoy} from {py} in the same quarter of \\d{4} and {qoq} from {pq} last quarter' },
  { row: 'enterprise_cloud_revenue', label: 'Revenues from enterprise cloud services', metric: 'enterprise_cloud_revenue',
    pattern: 'Revenues from enterprise cloud services were {cur} {usd}, representing a {yoy_dir} of {yoy} from {py} in the same quarter of \\d{4} and an {qoq_dir} of {qoq} from {pq} last quarter' },
  { row: 'cost_of_revenues', label: 'Cost of revenues', metric: 'cost_of_revenues', sign: -1,
    pattern: 'Cost of revenues was {cur} {usd}, representing a {yoy_dir} of {yoy} from {py} in the same quarter' },
  { row: 'idc_costs', label: 'IDC costs', metric: 'idc_costs', sign: -1, required: true,
    pattern: 'IDC costs {yoy_dir} significantly by {yoy} year-over-year from {py} to {cur} {usd} this quarter' },
  { row: 'cost_depreciation_amortization', label: 'Depreciation and amortization costs', metric: 'cost_depreciation_amortization', sign: -1, required: true,
    pattern: 'Depreciation and amortization costs {yoy_dir} by {yoy} from {py} in the same quarter of \\d{4} to {cur} {usd} this quarter' },
  { row: 'solution_costs', label: 'Solution development and services costs', metric: 'solution_costs', sign: -1, required: true,
    pattern: 'Solution development and services costs {yoy_dir} by {yoy} year-over-year from {py} in the same quarter of \\d{4} to {cur} {usd} this quarter' },
  { row: 'fulfillment_costs', label: 'Fulfillment costs', metric: 'fulfillment_costs', sign: -1, required: true,
    pattern: 'Fulfillment costs and other costs were {cur} {usd} and' },
  { row: 'other_costs', label: 'Other costs', metric: 'other_costs', sign: -1, required: true,
    pattern: 'Fulfillment costs and other costs were RMB[\\d.,]+ million \\(US\\\\?\\$[\\d.,]+ million\\) and {cur} {usd} this quarter' },
  { row: 'gross_profit', label: 'Gross profit', metric: 'gross_profit',
    pattern: 'Gross profit was {cur} {usd}, representing a significant {yoy_dir} of {yoy} from {py} in the same quarter' },
  { row: 'gross_margin', label: 'Gross margin', ratioMetric: 'gross_margin', ratioRoundedTo: '0.001',
    pattern: 'Gross margin was {m_cur}, compared with {m_py} in the same period' },
  { row: 'adj_gross_profit', label: 'Non-GAAP gross profit', metric: 'adj_gross_profit',
    pattern: 'Non-GAAP gross profit was {cur} {usd}, compared with {py} in the same period' },
  { row: 'adj_gross_profit', label: 'Adjusted gross profit', metric: 'adj_gross_profit',
    pattern: 'Adjusted gross profit was {cur}, {yoy_dir} by {yoy} from {py} in the same quarter' },
  { row: 'adj_gross_margin', label: 'Non-GAAP gross margin', ratioMetric: 'adj_gross_margin', ratioRoundedTo: '0.001',
    pattern: 'Non-GAAP gross margin was {m_cur}, compared with {m_py} in the same period' },
  { row: 'adj_gross_margin', label: 'Adjusted gross margin', ratioMetric: 'adj_gross_margin', ratioRoundedTo: '0.001',
    pattern: 'adjusted gross margin was {m_cur}, significantly increased by {pp} percentage points from {m_py} in the same quarter' },
  { row: 'total_operating_expenses', label: 'Total operating expenses', metric: 'total_operating_expenses', sign: -1,
    pattern: 'Total operating expenses were {cur} {usd}, {yoy_dir} by {yoy} from {py} in the same period in \\d{4} and {qoq} from {pq} last quarter' },
  { row: 'selling_marketing', label: 'Selling and marketing expenses', metric: 'selling_marketing', sign: -1,
    pattern: 'Selling and marketing expenses were {cur} {usd}, {yoy_dir} by {yoy} from {py} in the same period in \\d{4} and {qoq_dir} by {qoq} from {pq} last quarter' },
  { row: 'general_admin', label: 'General and administrative expenses', metric: 'general_admin', sign: -1,
    pattern: 'General and administrative expenses were {cur} {usd}, compared with {py} in the same period in \\d{4} and {pq} last quarter' },
  { row: 'research_development', label: 'Research and development expenses', metric: 'research_development', sign: -1,
    pattern: 'Research and development expenses were {cur} {usd}, {yoy_dir} by {yoy} from {py} in the same period in \\d{4} and {qoq_dir} by {qoq} from {pq} last quarter' },
  { row: 'operating_loss', label: 'Operating loss', metric: 'operating_loss', sign: -1,
    pattern: 'Operating loss was {cur} {usd}, significantly decreased compared with operating loss of {py} in the same quarter of \\d{4} and slightly increased from {pq} last quarter' },
  { row: 'net_loss', label: 'Net loss', metric: 'net_loss', sign: -1,
    pattern: 'Net loss was {cur} {usd}, significantly decreased compared with net loss of {py} in the same quarter of \\d{4} and {pq} last quarter' },
  { row: 'adj_net_loss', label: 'Non-GAAP net loss', metric: 'adj_net_loss', sign: -1,
    pattern: 'Non-GAAP net loss was {cur} {usd}, compared with {py} in the same quarter of \\d{4} and {pq} last quarter' },
  { row: 'adj_ebitda', label: 'Non-GAAP EBITDA', metric: 'adj_ebitda',
    pattern: 'Non-GAAP EBITDA was {cur} {usd}, compared with {py} in the same quarter of \\d{4} and {pq} last quarter' },
  { row: 'adj_ebitda_margin', label: 'Non-GAAP EBITDA margin', ratioMetric: 'adj_ebitda_margin', ratioRoundedTo: '0.001',
    pattern: 'Non-GAAP EBITDA margin was {m_cur}, compared with {m_py} in the same quarter of \\d{4} and {m_pq} last quarter' },
  { row: 'adj_ebitda', label: 'Adjusted EBITDA (CFO quote)', metric: 'adj_ebitda',
    pattern: 'Adjusted EBITDA turned to profit last quarter and steadily increased to {cur}, significantly improving from {py} in the same quarter' },
  { row: 'cfo', label: 'Net inflow of operating cash', metric: 'cfo',
    pattern: 'net inflow of operating cash at {cur}, compared with {py} in the same period and {pq} last quarter' },
  { row: 'cash', label: 'Cash and cash equivalents', metric: 'cash', required: true, instant: true,
    pattern: 'Cash and cash equivalents were {cur} {usd} as of [A-Z][a-z]+ \\d+, \\d{4}, compared with {pq} as of [A-Z][a-z]+ \\d+, \\d{4}' },
];

/** The subject a statement of each row opens with, for reading another release's wording by its structure. */
const SUBJECTS: Record<string, string> = {
  total_revenues: 'Total revenues',
  public_cloud_revenue: 'Revenues from public cloud services',
  enterprise_cloud_revenue: 'Revenues from enterprise cloud services',
  cost_of_revenues: 'Cost of revenues',
  idc_costs: 'IDC costs',
  cost_depreciation_amortization: 'Depreciation and amortization costs',
  solution_costs: 'Solution development and services costs',
  fulfillment_costs: 'Fulfillment costs',
  other_costs: 'Other costs',
  gross_profit: 'Gross profit',
  adj_gross_profit: 'Non-GAAP gross profit',
  total_operating_expenses: 'Total operating expenses',
  selling_marketing: 'Selling and marketing expenses',
  general_admin: 'General and administrative expenses',
  research_development: 'Research and development expenses',
  operating_loss: 'Operating loss',
  net_loss: 'Net loss',
  adj_net_loss: 'Non-GAAP net loss',
  adj_ebitda: 'Non-GAAP EBITDA',
  cash: 'Cash and cash equivalents',
};

export interface ProseResult {
  facts: Fact[];
  rate?: Decimal;
  /** Checks among the prose's own statements (a figure stated twice). */
  checks: CheckResult[];
}

/** 10 to a power: a stated figure's rounding, made once per power. */
const powersOfTen = new Map<number, Decimal>();
function tenTo(power: number): Decimal {
  let p = powersOfTen.get(power);
  // Read as written ("1e-3"): the same Decimal the power gives, without its division.
  if (!p) powersOfTen.set(power, (p = new Decimal(`1e${power}`)));
  return p;
}

type Stated = { value: Decimal; roundedTo: Decimal };

/**
 * Stated figures read once per text (and per sign): the same amounts recur in a release's sentences and from one
 * release to the next. The values are immutable and `add` copies them into each fact.
 */
const statedMillions = [0, 1, 2, 3].map(() => new BoundedMemo<string, Stated>(20_000));
const statedPercents = new BoundedMemo<string, Stated>(20_000);

function millions(text: string, negative: boolean, sign: number): Stated {
  const table = statedMillions[(negative ? 2 : 0) + (sign === 1 ? 0 : 1)];
  return table.get(text) ?? table.keep(text, readMillions(text, negative, sign));
}

const THOUSAND = new Decimal(1000);
const MINUS_THOUSAND = new Decimal(-1000);

/** An amount stated in millions, in thousands (exported for its test: the same Decimal as the product it replaces). */
export function readMillions(text: string, negative: boolean, sign: number): Stated {
  const clean = text.includes(',') ? text.replace(/,/g, '') : text;
  const decimals = decimalPlaces(clean);
  // One product with the sign in it (× ±1000): rounding half up is symmetric about zero, so this is the value that
  // × 1000 and then negating gives. A text with no more digits than the precision gives an exact product: read with
  // its exponent three higher (and negated), the same Decimal without a multiplication.
  const negate = negative === (sign === 1);
  if (clean.length <= Decimal.precision) {
    const thousandfold = new Decimal(`${clean}e3`);
    return { value: negate ? thousandfold.neg() : thousandfold, roundedTo: tenTo(3 - decimals) };
  }
  const value = decimalOf(clean).mul(negate ? MINUS_THOUSAND : THOUSAND);
  return { value, roundedTo: tenTo(3 - decimals) };
}

function pct(text: string): Stated {
  return statedPercents.get(text) ?? statedPercents.keep(text, readPercent(text));
}

function readPercent(text: string): Stated {
  const decimals = decimalPlaces(text);
  return { value: hundredthOf(text), roundedTo: tenTo(-(decimals + 2)) };
}

/** A stated rate of decrease, negated: read once per text, as the rate is (`pct`). */
const statedDecreases = new BoundedMemo<string, Stated>(20_000);
function decrease(text: string): Stated {
  const cached = statedDecreases.get(text);
  if (cached !== undefined) return cached;
  const p = pct(text);
  return statedDecreases.keep(text, { value: p.value.neg(), roundedTo: p.roundedTo });
}

/** A statement's growth facts' row key and label for one basis: made once per statement, not once per release. */
interface GrowthNames {
  row: string;
  label: string;
}
const GROWTH_NAMES = { yoy: new Map<ProseSpec, GrowthNames>(), qoq: new Map<ProseSpec, GrowthNames>() };
function growthNames(spec: ProseSpec, which: 'yoy' | 'qoq'): GrowthNames {
  const made = GROWTH_NAMES[which];
  let names = made.get(spec);
  if (names === undefined) {
    names = { row: `growth_${which}:${spec.row}`, label: `${spec.label}, ${which === 'yoy' ? 'year-over-year' : 'quarter-over-quarter'} change` };
    made.set(spec, names);
  }
  return names;
}

/** The digits after a stated figure's point (its text has one point at most). */
function decimalPlaces(text: string): number {
  const point = text.indexOf('.');
  return point < 0 ? 0 : text.length - point - 1;
}

/** The group of an amount's "negative" and of a rate's direction word (constant keys: no name made per lookup). */
const SIGN_GROUP = { cur: 'cur_neg', py: 'py_neg', pq: 'pq_neg' } as const;
const DIRECTION_GROUP = { yoy: 'yoy_dir', qoq: 'qoq_dir' } as const;

/** Markdown emphasis and footnote marks, and each one's every occurrence. */
const MARKS = ['*', '¹', '²', '³', '⁴', '⁵'];
const EVERY_MARK = [/\*/g, /¹/g, /²/g, /³/g, /⁴/g, /⁵/g];

/** Removes markdown emphasis and footnote marks, keeping every character's line. */
function plain(text: string): string {
  // Most texts have none, and a text with marks has a few of one or two kinds: each kind is looked for, and cut out
  // where it is, by a search for its character (quicker than a scan of every character by a class regex), in one
  // copy of the text (not a list of its pieces joined again).
  let out = text;
  for (let k = 0; k < MARKS.length; k++) if (out.includes(MARKS[k])) out = out.replace(EVERY_MARK[k], '');
  return out;
}

/** A prose fact's column ("Q2-2024 RMB (prose)"), made once per period and currency. */
const PROSE_COLUMNS = new Map<Currency | null, BoundedMemo<string, string>>();
function proseColumn(period: string, currency: Currency | null): string {
  let columns = PROSE_COLUMNS.get(currency);
  if (columns === undefined) PROSE_COLUMNS.set(currency, (columns = new BoundedMemo<string, string>(10_000)));
  return columns.get(period) ?? columns.keep(period, `${period}${currency ? ' ' + currency : ''} (prose)`);
}

export function readProse(text: string, periods: ReleasePeriods, log: Log): ProseResult {
  const body = plain(text);
  // Line starts, for the line number of each match: found once, as far as a match asks (the statements are in the
  // release's first lines; its tables follow).
  const starts = [0];
  let allStarts = false;
  const lineAt = (index: number) => {
    while (!allStarts && starts[starts.length - 1] <= index) {
      const feed = body.indexOf('\n', starts[starts.length - 1]);
      if (feed < 0) allStarts = true;
      else starts.push(feed + 1);
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const facts: Fact[] = [];
  // Each row's facts so far, to find a figure stated again (a row has a few).
  const byRow = new Map<string, Fact[]>();
  const add = (
    row: string,
    metric: string | undefined,
    period: string,
    currency: Currency | null,
    unit: Fact['unit'],
    v: { value: Decimal; roundedTo?: Decimal },
    line: number,
    rowLabel: string,
    raw: string,
  ) => {
    // The same figure stated twice in one sentence's line is one fact; stated again elsewhere (the CFO's quote and
    // the results section), each statement is a fact of its own, so each is checked.
    let same = byRow.get(row);
    if (same === undefined) byRow.set(row, (same = []));
    for (let j = 0; j < same.length; j++) {
      const f = same[j];
      if (f.period === period && f.currency === currency && f.provenance.line === line) return;
    }
    const provenance = new FactProvenance(line, 'prose', rowLabel, proseColumn(period, currency), raw, NO_REPAIRS);
    const fact: Fact = new FactRecord('prose', row, metric, period, currency, unit, v.value, v.roundedTo, provenance);
    same.push(fact);
    facts.push(fact);
  };

  // Rows some sentence pattern reads; a row none reads is looked for by its statement's structure (another release's
  // wording), once.
  // Each pattern's match is found once and used both here and below (each exec starts from the body's start).
  const places = new Map<string, number[]>();
  const firstMatch = new Map(SPECS.map((spec) => [spec, firstMatchOf(spec.pattern, body, places)] as const));
  const matched = new Set(SPECS.filter((spec) => firstMatch.get(spec)).map((spec) => spec.row));
  const byStructure = new Set<string>();
  const used = new Set<number>();
  for (const spec of SPECS) {
    let m: { index: number; groups?: Record<string, string | undefined> } | null = firstMatch.get(spec) ?? null;
    const subject = SUBJECTS[spec.row];
    if ((!m || !m.groups) && subject && !matched.has(spec.row) && !byStructure.has(spec.row)) {
      byStructure.add(spec.row);
      const st = readStatement(body, subject, periods, !!spec.instant, used);
      if (st) {
        used.add(st.index);
        m = st;
        // Said, not silent: the statement's wording is not the one this reader knows sentence by sentence.
        log.warn(`prose: the statement of ${spec.label.toLowerCase()} (line ${lineAt(st.index)}) is worded differently; read by its structure: ${['cur', 'usd', 'py', 'pq', 'yoy', 'qoq'].filter((k) => st.groups[k] !== undefined).join(', ')}`, lineAt(st.index), 'prose', 'prose.by_structure');
        for (const u of st.unplaced) log.warn(`prose: "${u}" in the statement of ${spec.label.toLowerCase()} (line ${lineAt(st.index)}) names no period this release's columns have; not read`, lineAt(st.index), 'prose', 'prose.unplaced');
      }
    }
    if (!m || !m.groups) {
      if (spec.required) log.error(`prose statement not found: ${spec.label}`, undefined, 'prose');
      else log.warn(`prose statement not found: ${spec.label}`, undefined, 'prose');
      continue;
    }
    const g = m.groups as Record<string, string>;
    const line = lineAt(m.index);
    const sign = spec.sign ?? 1;
    const amount = (which: 'cur' | 'py' | 'pq', period: string) => {
      if (g[which] === undefined) return;
      add(spec.row, spec.metric, period, 'RMB', 'thousands', millions(g[which], !!g[SIGN_GROUP[which]], sign), line, spec.label, `RMB${g[which]} million`);
    };
    const cur = spec.instant ? periods.quarterEnd : periods.quarter;
    amount('cur', cur);
    amount('py', spec.instant ? periods.priorYearQuarterEnd : periods.priorYearQuarter);
    amount('pq', spec.instant ? periods.priorQuarterEnd : periods.priorQuarter);
    if (g.usd !== undefined) {
      add(spec.row, spec.metric, cur, 'USD', 'thousands', millions(g.usd, !!g.cur_neg, sign), line, spec.label, `US$${g.usd} million`);
    }
    const growth = (which: 'yoy' | 'qoq', inherit?: string) => {
      if (g[which] === undefined) return;
      const dir = g[DIRECTION_GROUP[which]] ?? inherit;
      const names = growthNames(spec, which);
      add(names.row, undefined, periods.quarter, null, 'ratio', dir === 'decrease' ? decrease(g[which]) : pct(g[which]), line, names.label, `${g[which]}%`);
    };
    growth('yoy');
    growth('qoq', g.yoy_dir);
    if (spec.ratioMetric) {
      const ratio = (which: 'm_cur' | 'm_py' | 'm_pq', period: string) => {
        if (g[which] === undefined) return;
        add(spec.row, spec.ratioMetric, period, null, 'ratio', pct(g[which]), line, spec.label, `${g[which]}%`);
      };
      ratio('m_cur', periods.quarter);
      ratio('m_py', periods.priorYearQuarter);
      ratio('m_pq', periods.priorQuarter);
      if (g.pp !== undefined) {
        const p = pct(`${g.pp}`);
        add(`change_pp_yoy:${spec.row}`, undefined, periods.quarter, null, 'ratio', p, line, `${spec.label}, year-over-year change in percentage points`, `${g.pp} percentage points`);
      }
    }
  }

  // Single facts with their own sentences.
  // `required`: true (an error when missing), false (a warning), or 'era' with the statement's id: required in the
  // eras that state it (eras.ts), and not expected (nothing said) in the others.
  const one = (re: RegExp, label: string, fn: (m: RegExpExecArray, line: number) => void, required: boolean | { era: string } = false) => {
    const m = re.exec(body);
    if (!m) {
      if (typeof required === 'object') {
        if (eraRequiresProse(periods.quarter, required.era)) log.error(`prose statement not found: ${label}`, undefined, 'prose', 'prose.era_statement_missing');
      } else if (required) log.error(`prose statement not found: ${label}`, undefined, 'prose');
      else log.warn(`prose statement not found: ${label}`, undefined, 'prose');
      return;
    }
    fn(m, lineAt(m.index));
  };
  one(/Other revenues were nil this quarter/, 'Other revenues', (m, line) =>
    add('other_revenue', 'other_revenue', periods.quarter, 'RMB', 'thousands', { value: new Decimal(0) }, line, 'Other revenues', m[0]),
  );
  one(/AI revenue of RMB(\d+(?:\.\d+)?) million, approximately (\d+)% of revenues from public cloud services, doubling from (\d+)% last quarter/, 'AI revenue', (m, line) => {
    add('ai_revenue', 'ai_revenue', periods.quarter, 'RMB', 'thousands', millions(m[1], false, 1), line, 'AI revenue', `RMB${m[1]} million`);
    add('ai_share_public_cloud', 'ai_share_public_cloud', periods.quarter, null, 'ratio', pct(m[2]), line, 'AI revenue share of public cloud revenue (approximately)', `${m[2]}%`);
    add('ai_share_public_cloud', 'ai_share_public_cloud', periods.priorQuarter, null, 'ratio', pct(m[3]), line, 'AI revenue share of public cloud revenue (approximately)', `${m[3]}%`);
  }, { era: 'ai_revenue' });
  // From 2025 the prose states the AI business by its gross billing, and the revenue from the ecosystem (eras.ts).
  one(/gross billing of (?:the |our )?AI business (?:reached|was|were|amounted to) RMB([\d,]+(?:\.\d+)?) million/i, 'Gross billing of AI business', (m, line) =>
    add('ai_gross_billing', 'ai_gross_billing', periods.quarter, 'RMB', 'thousands', millions(m[1], false, 1), line, 'Gross billing of AI business', `RMB${m[1]} million`),
  { era: 'ai_gross_billing' });
  one(/(?:revenues? from (?:the |our )?(?:[A-Z][a-z]+ and [A-Z][a-z]+ )?ecosystem|ecosystem revenues?) (?:reached|was|were|amounted to) RMB([\d,]+(?:\.\d+)?) million/i, 'Ecosystem revenue', (m, line) =>
    add('ecosystem_revenue', 'ecosystem_revenue', periods.quarter, 'RMB', 'thousands', millions(m[1], false, 1), line, 'Ecosystem revenue', `RMB${m[1]} million`),
  { era: 'ecosystem_revenue' });
  one(/Basic and diluted net loss per share was RMB(\d+\.\d+) \(US\\?\$(\d+\.\d+)\), compared with RMB(\d+\.\d+) in the same quarter of \d{4} and RMB(\d+\.\d+) last quarter/, 'Net loss per share', (m, line) => {
    // "net loss per share was RMB0.10": a loss, printed negative in the statements.
    const eps = (t: string) => ({ value: new Decimal(t).neg(), roundedTo: new Decimal('0.01') });
    add('eps_basic_diluted', 'eps_basic_diluted', periods.quarter, 'RMB', 'per_share', eps(m[1]), line, 'Basic and diluted net loss per share', `RMB${m[1]}`);
    add('eps_basic_diluted', 'eps_basic_diluted', periods.quarter, 'USD', 'per_share', eps(m[2]), line, 'Basic and diluted net loss per share', `US$${m[2]}`);
    add('eps_basic_diluted', 'eps_basic_diluted', periods.priorYearQuarter, 'RMB', 'per_share', eps(m[3]), line, 'Basic and diluted net loss per share', `RMB${m[3]}`);
    add('eps_basic_diluted', 'eps_basic_diluted', periods.priorQuarter, 'RMB', 'per_share', eps(m[4]), line, 'Basic and diluted net loss per share', `RMB${m[4]}`);
  });
  one(/Outstanding ordinary shares were ([\d,]+) as of ([A-Z][a-z]+ \d+, \d{4}), equivalent to about ([\d,]+) ADSs/, 'Outstanding ordinary shares', (m, line) => {
    add('shares_outstanding', 'shares_outstanding', periods.quarterEnd, null, 'shares', { value: new Decimal(m[1].replace(/,/g, '')) }, line, 'Outstanding ordinary shares', m[1]);
    add('ads_outstanding', 'ads_outstanding', periods.quarterEnd, null, 'shares', { value: new Decimal(m[3].replace(/,/g, '')), roundedTo: new Decimal(1) }, line, 'ADSs outstanding (about)', m[3]);
  }, true);
  let rate: Decimal | undefined;
  let rateLine = 0;
  one(/RMB(\d+\.\d+) to US\\?\$1\.00/, 'Convenience translation rate', (m, line) => {
    rate = new Decimal(m[1]);
    rateLine = line;
    add('fx_rate', 'fx_rate', periods.quarterEnd, null, 'rate', { value: rate }, line, 'Convenience translation rate (RMB per US$1.00)', `RMB${m[1]} to US$1.00`);
  });
  // The release states the rate again (the footnote and the "Exchange Rate" section): every later statement must
  // give the same rate. Checked here, not kept as a fact: it is one figure.
  const checks: CheckResult[] = [];
  // Every statement in text order: a global regex run on from each match (no iterator and no copy of the regex).
  const statedRate = /RMB(\d+\.\d+) to US\\?\$1\.00/g;
  for (let m = rate ? statedRate.exec(body) : null; m; m = statedRate.exec(body)) {
    const line = lineAt(m.index);
    if (line !== rateLine) {
      const again = new Decimal(m[1]);
      checks.push({ id: `prose.fx_rate@line${line}`, name: `Rate stated again (RMB${m[1]}) = the rate of line ${rateLine}`, kind: 'prose', period: periods.quarterEnd, currency: null,
        expected: rate!, actual: again, difference: rate!.sub(again), tolerance: again.sub(again), toleranceRule: 'exact', pass: again.eq(rate!), line });
    }
  }
  return { facts, rate, checks };
}
