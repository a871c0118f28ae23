import type { ReleasePeriods } from './layout';
import { periodOfId } from './periods';

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
  const q = periodOfId(id)!;
  return `${ORDINALS[q.index - 1]} quarter of ${q.year}`;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const AMOUNT = /(negative\s+)?RMB\s?(-?[\d,]+(?:\.\d+)?)\s+million(\s*\(US\\?\$\s?([\d,]+(?:\.\d+)?)\s+million\))?/g;
const GROWTH = /\b(increase|decrease)d?\s+(?:significantly\s+|slightly\s+)?(?:by|of)\s+(-?\d+(?:\.\d+)?)%(?:\s+(year-over-year|quarter-over-quarter))?|(?:,|\band)\s+(-?\d+(?:\.\d+)?)%\s+(year-over-year|quarter-over-quarter)/g;

/**
 * A sentence of the body, and once a statement's subject is looked for in it, its head (see `mayOpenWith`) and its
 * text in lower case (see `holdsInOrder`).
 */
interface Sentence {
  index: number;
  text: string;
  /** The first HEAD characters after its leading white space, in lower case; null when lower-casing moves them. */
  head?: string | null;
  lower?: string;
}

/** Sentences of the body: split after a full stop followed by a capital (decimals have no space after their point). */
let lastBody: string | undefined;
let lastSentences: Sentence[] = [];
/**
 * Every statement is looked for in the same body: its sentences are split once (the last body's kept), and only
 * those that state an amount (AMOUNT needs "RMB" and "million") are kept: no other can be a statement.
 */
function sentences(body: string): Sentence[] {
  if (body !== lastBody) {
    lastSentences = amountSentences(body);
    lastBody = body;
  }
  return lastSentences;
}

/**
 * The opener (below) is anchored: after the sentence's leading white space, the subject starts at once or after
 * at most 42 characters (a capital, up to 40 characters, a space). So a sentence whose head has not the subject's
 * first word (ASCII, matched case-insensitively) by offset 42 cannot open with the subject, and is passed over
 * without running the opener: most sentences, for most subjects.
 */
const HEAD = 64;
const MAX_OFFSET = 42;
function mayOpenWith(s: Sentence, firstWord: string): boolean {
  if (firstWord.length > HEAD - MAX_OFFSET) return true;
  if (s.head === undefined) {
    const raw = s.text.trimStart().slice(0, HEAD);
    const lower = raw.toLowerCase();
    s.head = lower.length === raw.length ? lower : null;
  }
  if (s.head === null) return true;
  const at = s.head.indexOf(firstWord);
  return at >= 0 && at <= MAX_OFFSET;
}

/**
 * The opener needs the subject's words one after the other, and a word it matches case-insensitively (ASCII) is in
 * the sentence's lower-cased text: a sentence without them in order is passed over without running the opener. Most
 * sentences that pass `mayOpenWith` are another statement's with the same first word ("Total revenues…" for "Total
 * operating expenses"), so most subjects' openers are never run, nor compiled.
 */
function holdsInOrder(s: Sentence, words: string[]): boolean {
  const lower = (s.lower ??= s.text.toLowerCase());
  let at = 0;
  for (let k = 0; k < words.length; k++) {
    at = lower.indexOf(words[k], at);
    if (at < 0) return false;
    at += words[k].length;
  }
  return true;
}

/**
 * The sentences `/[^\n]+?(?:\.(?=\s+[A-Z"“])|\.?$)/gm` matches that hold "RMB" and "million": a sentence starts at any
 * character but a line feed and ends after the first full stop followed by white space and a capital or a quote, or
 * at the end of its line (after a full stop there, if any). No sentence spans a line feed and each line's first starts
 * where the line does, so only the lines that hold both words are cut, from full stop to full stop: most of a
 * release's lines are table rows, and a scan of every character cost more than the rest of the prose reader. Each
 * thing looked for (the words, full stops, line ends) is kept as its next place ahead, so the body is searched once
 * for each.
 */
function amountSentences(body: string): Sentence[] {
  const n = body.length;
  const next = (what: string, from: number) => {
    const at = body.indexOf(what, from);
    return at < 0 ? n : at;
  };
  // The next line terminator other than a line feed (where `$` also matches) from `from`; the text's length if none.
  // Each kind's next place is kept: a search for a character is quicker than a scan by a class, and most texts have
  // none of them.
  let cr = -1;
  let ls = -1;
  let ps = -1;
  const nextLineBreak = (from: number) => {
    if (cr < from) cr = next('\r', from);
    if (ls < from) ls = next('\u2028', from);
    if (ps < from) ps = next('\u2029', from);
    return cr < ls ? (cr < ps ? cr : ps) : ls < ps ? ls : ps;
  };
  const out: Sentence[] = [];
  let rmb = next('RMB', 0);
  let million = next('million', 0);
  let dot = -1;
  let lineBreak = -1;
  while (rmb < n && million < n) {
    // The line of the later word holds both, or the other word's next place is looked for from that line.
    const later = rmb > million ? rmb : million;
    const lineStart = body.lastIndexOf('\n', later) + 1;
    if (rmb < lineStart) rmb = next('RMB', lineStart);
    else if (million < lineStart) million = next('million', lineStart);
    else {
      const lineEnd = next('\n', later);
      for (let start = lineStart; start < lineEnd; ) {
        if (lineBreak <= start) lineBreak = nextLineBreak(start + 1);
        if (dot <= start) dot = next('.', start + 1);
        const stop = lineBreak < lineEnd ? lineBreak : lineEnd;
        while (dot < stop && !opensSentence(body, dot + 1) && !endsLine(body, dot + 1)) dot = next('.', dot + 1);
        const end = dot < stop ? dot + 1 : stop;
        if (rmb < start) rmb = next('RMB', start);
        if (million < start) million = next('million', start);
        if (rmb + 3 <= end && million + 7 <= end) out.push({ index: start, text: body.slice(start, end) });
        start = end;
      }
      if (rmb < lineEnd) rmb = next('RMB', lineEnd);
      if (million < lineEnd) million = next('million', lineEnd);
    }
  }
  return out;
}

/** `$` in a multiline regex: the end of the text, or a line terminator next. */
function endsLine(body: string, i: number): boolean {
  if (i >= body.length) return true;
  const c = body.charCodeAt(i);
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

/** `(?=\s+[A-Z"“])`: white space, then a capital or a quote. */
function opensSentence(body: string, i: number): boolean {
  let j = i;
  while (j < body.length && isSpace(body.charCodeAt(j))) j++;
  if (j === i || j >= body.length) return false;
  const c = body.charCodeAt(j);
  return (c >= 65 && c <= 90) || c === 34 || c === 0x201c;
}

/** A regex `\s` character. */
export function isSpace(c: number): boolean {
  return (
    (c >= 9 && c <= 13) ||
    c === 32 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * A statement's opener by subject: a subject of more than 12 characters may follow a few words ("In the quarter,
 * total revenues were…") and be followed by "of"; a shorter one must open the sentence. (The opener of a long subject
 * matches whatever the short form would, so it is the only one a long subject needs.) Not global: test() keeps no
 * state between calls.
 */
function openerRegex(subject: string): RegExp {
  const words = esc(subject).replace(/ /g, '\\s+');
  return subject.length > 12
    ? new RegExp(`^\\s*(?:[A-Z][\\w ,'’()-]{0,40}?\\s)?${words}\\s+(?:were|was|reached|amounted to|totaled|totalled|of)\\b`, 'i')
    : new RegExp(`^\\s*${words}\\s+(?:were|was|reached|amounted to|totaled|totalled)\\b`, 'i');
}

/**
 * Per subject, once: its first word and its words in lower case (`mayOpenWith`, `holdsInOrder`; no words, so no
 * sentence passed over, for a subject not in ASCII), and its opener, made when first run.
 */
interface Opener {
  subject: string;
  firstWord: string;
  words: string[];
  regex?: RegExp;
}
const OPENERS = new Map<string, Opener>();
function openerOf(subject: string): Opener {
  let o = OPENERS.get(subject);
  if (!o) {
    const ascii = /^[\x00-\x7f]*$/.test(subject);
    o = { subject, firstWord: subject.split(' ')[0].toLowerCase(), words: ascii ? subject.toLowerCase().split(' ') : [] };
    OPENERS.set(subject, o);
  }
  return o;
}

function opens(o: Opener, s: Sentence): boolean {
  if (!mayOpenWith(s, o.firstWord) || !holdsInOrder(s, o.words)) return false;
  o.regex ??= openerRegex(o.subject);
  return o.regex.test(s.text);
}

export function readStatement(body: string, subject: string, periods: ReleasePeriods, instant: boolean, skip: Set<number>): StructuredStatement | undefined {
  const opener = openerOf(subject);
  const all = sentences(body);
  for (let i = 0; i < all.length; i++) {
    const s = all[i];
    if (skip.has(s.index) || !opens(opener, s)) continue;
    const groups: Record<string, string | undefined> = {};
    const unplaced: string[] = [];
    const amounts = [...s.text.matchAll(AMOUNT)];
    if (amounts.length === 0) continue;
    const py = instant ? [`as of ${longDate(periods.priorYearQuarterEnd)}`] : [`same quarter of ${periodOfId(periods.priorYearQuarter)!.year}`, 'same period of', 'same period in', 'same quarter last year', 'a year ago'];
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
