import type { ReleasePeriods } from './layout';

/**
 * Reads a prose statement by its structure rather than by one release's sentence: a sentence that opens with the
 * statement's subject ("Total revenues", "IDC costs", …), its amounts in RMB millions (the first the quarter's,
 * with its US$ translation in brackets), each comparison amount placed by the words that name its period ("in the
 * same quarter of 2023", "last quarter", "in the second quarter of 2024", "as of June 30, 2024", "from RMB… to
 * RMB…"), and its growth rates by their direction word and basis ("increased by 10.5% year-over-year", "a decrease
 * of 7.4%"). Gives the same groups the sentence patterns give (cur, usd, py, pq, yoy, qoq and their signs and
 * directions), or the amounts it could not place, which are reported, never guessed.
 */
export interface StructuredStatement {
  index: number;
  groups: Record<string, string | undefined>;
  /** Amounts the sentence states that no period word places. */
  unplaced: string[];
}

const ORDINALS = ['first', 'second', 'third', 'fourth'];
const LONG_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function longDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${LONG_MONTHS[Number(m) - 1]} ${Number(d)}, ${y}`;
}

function quarterWords(id: string): string {
  const m = /^Q(\d)-(\d{4})$/.exec(id)!;
  return `${ORDINALS[Number(m[1]) - 1]} quarter of ${m[2]}`;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const AMOUNT = /(negative\s+)?RMB\s?(-?[\d,]+(?:\.\d+)?)\s+million(\s*\(US\\?\$\s?([\d,]+(?:\.\d+)?)\s+million\))?/g;
const GROWTH = /\b(increase|decrease)d?\s+(?:significantly\s+|slightly\s+)?(?:by|of)\s+(-?\d+(?:\.\d+)?)%(?:\s+(year-over-year|quarter-over-quarter))?|(?:,|\band)\s+(-?\d+(?:\.\d+)?)%\s+(year-over-year|quarter-over-quarter)/g;

/** Sentences of the body: split after a full stop followed by a capital (decimals have no space after their point). */
let lastBody: string | undefined;
let lastSentences: { index: number; text: string }[] = [];
/** Every statement is looked for in the same body: its sentences are split once (the last body's kept). */
function sentences(body: string): { index: number; text: string }[] {
  if (body !== lastBody) {
    lastSentences = splitSentences(body);
    lastBody = body;
  }
  return lastSentences;
}

function splitSentences(body: string): { index: number; text: string }[] {
  const out: { index: number; text: string }[] = [];
  const re = /[^\n]+?(?:\.(?=\s+[A-Z"“])|\.?$)/gm;
  for (const m of body.matchAll(re)) out.push({ index: m.index!, text: m[0].trim() ? m[0] : '' });
  return out.filter((s) => s.text.trim() !== '');
}

/** A statement's openers by subject, compiled once (neither is global: test() keeps no state between calls). */
const OPENERS = new Map<string, { opener: RegExp; atStart: RegExp }>();
function openers(subject: string): { opener: RegExp; atStart: RegExp } {
  let o = OPENERS.get(subject);
  if (!o) {
    o = {
      opener: new RegExp(`^\\s*(?:[A-Z][\\w ,'’()-]{0,40}?\\s)?${esc(subject).replace(/ /g, '\\s+')}\\s+(?:were|was|reached|amounted to|totaled|totalled|of)\\b`, 'i'),
      atStart: new RegExp(`^\\s*${esc(subject).replace(/ /g, '\\s+')}\\s+(?:were|was|reached|amounted to|totaled|totalled)\\b`, 'i'),
    };
    OPENERS.set(subject, o);
  }
  return o;
}

export function readStatement(body: string, subject: string, periods: ReleasePeriods, instant: boolean, skip: Set<number>): StructuredStatement | undefined {
  const { opener, atStart } = openers(subject);
  for (const s of sentences(body)) {
    if (skip.has(s.index)) continue;
    if (!atStart.test(s.text) && !(subject.length > 12 && opener.test(s.text))) continue;
    const groups: Record<string, string | undefined> = {};
    const unplaced: string[] = [];
    const amounts = [...s.text.matchAll(AMOUNT)];
    if (amounts.length === 0) continue;
    const py = instant ? [`as of ${longDate(periods.priorYearQuarterEnd)}`] : [`same quarter of ${periods.priorYearQuarter.slice(3)}`, 'same period of', 'same period in', 'same quarter last year', 'a year ago'];
    const pq = instant ? [`as of ${longDate(periods.priorQuarterEnd)}`] : ['last quarter', 'previous quarter', 'prior quarter', quarterWords(periods.priorQuarter)];
    const cur = instant ? [`as of ${longDate(periods.quarterEnd)}`] : ['this quarter', quarterWords(periods.quarter)];
    amounts.forEach((a, k) => {
      const after = s.text.slice(a.index! + a[0].length, amounts[k + 1]?.index ?? s.text.length).toLowerCase().replace(/\s+/g, ' ');
      const before = s.text.slice(k === 0 ? 0 : amounts[k - 1].index! + amounts[k - 1][0].length, a.index!).toLowerCase().replace(/\s+/g, ' ');
      const names = (words: string[]) => words.some((w) => after.slice(0, 60).includes(w.toLowerCase()));
      let which: 'cur' | 'py' | 'pq' | undefined;
      // "from RMBa million to RMBb million": a is the comparison, b the quarter's.
      if (/\bfrom $/.test(before) && / ?to $/.test(after) && amounts[k + 1]) which = names(pq) ? 'pq' : 'py';
      else if (/\bto $/.test(before) && k > 0) which = 'cur';
      else if (names(py)) which = 'py';
      else if (names(pq)) which = 'pq';
      else if (k === 0 || names(cur)) which = 'cur';
      if (!which || groups[which] !== undefined) {
        unplaced.push(a[0]);
        return;
      }
      groups[which] = a[2];
      if (a[1]) groups[`${which}_neg`] = a[1];
      if (which === 'cur' && a[4]) groups.usd = a[4];
    });
    const rates = [...s.text.matchAll(GROWTH)];
    for (const r of rates) {
      const dir = r[1];
      const value = r[2] ?? r[4];
      let basis: string | undefined = (r[3] ?? r[5])?.toLowerCase();
      // A rate without its basis compares with the one period the sentence compares with.
      if (!basis) basis = groups.py !== undefined && groups.pq === undefined ? 'year-over-year' : groups.pq !== undefined && groups.py === undefined ? 'quarter-over-quarter' : undefined;
      if (!basis) {
        unplaced.push(r[0]);
        continue;
      }
      const key = basis === 'year-over-year' ? 'yoy' : 'qoq';
      if (groups[key] !== undefined) continue;
      groups[key] = value;
      if (dir) groups[`${key}_dir`] = dir.toLowerCase();
    }
    if (groups.cur === undefined) continue;
    return { index: s.index, groups, unplaced };
  }
  return undefined;
}
