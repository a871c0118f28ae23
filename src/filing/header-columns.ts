import { periodEnding, type Period } from './periods';
import type { Currency } from './types';
import { BoundedMemo } from './bounded-memo';

/**
 * A table's columns read from its printed headers, whatever the quarter: the duration words ("Three Months Ended",
 * "Six Months Ended", "Nine Months Ended", "Year Ended" / "Twelve Months Ended", "As of"), the end dates (on one
 * line, or the days on one line and the years on the next, as OCR and PDF text print them), and the currency row.
 * Each column becomes a typed period (start, end, months) and a currency. Columns group under the duration words in
 * order: a group ends after its US$ column (the release translates the last period of each group), or where the
 * dates go back in time. Undefined when the headers do not say enough to tell every column; a problem when their
 * words and dates name no period of a calendar year.
 */
export interface HeaderColumn {
  period: Period;
  currency: Currency | null;
  /** The header as printed, e.g. "Six Months Ended Jun 30, 2024 US$". */
  header: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DURATION = /\b(?:(Three|Six|Nine|Twelve) Months|(Year)) Ended\b|\b(As of)\b/gi;
const MONTHS_OF: Record<string, number> = { three: 3, six: 6, nine: 9, twelve: 12, year: 12, 'as of': 0 };
const CURRENCY = /^(RMB|US\\?\$|USS)$/;

interface PrintedDate {
  iso: string;
  text: string;
  /** A currency printed in the date's own cell ("Jun 30, 2024 RMB"). */
  currency?: Currency;
}

function printedDate(mon: string, day: string, year: string): PrintedDate | undefined {
  const m = MONTHS.indexOf(mon.slice(0, 3));
  if (m < 0) return undefined;
  return { iso: `${year}-${String(m + 1).padStart(2, '0')}-${day.padStart(2, '0')}`, text: `${mon.slice(0, 3)} ${Number(day)}, ${year}` };
}

/**
 * Every match of a global regular expression in a text, as `[...text.matchAll(re)]` lists them, without the copy of
 * the expression and the iterator matchAll makes (headers are read for every table of every release).
 */
function allMatches(re: RegExp, text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    out.push(m);
    if (m[0] === '') re.lastIndex++;
  }
  return out;
}

const DAYS = /([A-Z][a-z]{2})\.? (\d{1,2}),(?!\s*\d{4})/g;
const YEARS = /\b(\d{4})\b/g;
const DATES = /([A-Z][a-z]{2})[a-z]*\.? (\d{1,2}),\s*(\d{4})(?: (RMB|US\\?\$|USS)(?=\s|$))?/g;

/** The dates in the header lines, in order: "Jun 30, 2024" cells, or days and years on consecutive lines. */
function dates(lines: string[]): PrintedDate[] {
  for (let i = 0; i + 1 < lines.length; i++) {
    const days = allMatches(DAYS, lines[i]);
    if (days.length < 2) continue; // the years below matter only under two days or more
    const years = allMatches(YEARS, lines[i + 1]);
    if (days.length === years.length) return days.map((d, k) => printedDate(d[1], d[2], years[k][1])).filter((d): d is PrintedDate => !!d);
  }
  const joined = lines.join('\t').replace(/\s+/g, ' ');
  return allMatches(DATES, joined).flatMap((m): PrintedDate[] => {
    const d = printedDate(m[1], m[2], m[3]);
    if (!d) return [];
    if (m[4] !== undefined) d.currency = m[4] === 'RMB' ? 'RMB' : 'USD';
    return [d];
  });
}

/** The currency row: a line whose cells (after the label) are all currency signs. */
function currencies(lines: string[]): Currency[] | undefined {
  for (const line of lines) {
    // A line with no currency sign in it has no currency cell: not split (most header lines are titles and dates).
    if (line.indexOf('RMB') < 0 && line.indexOf('$') < 0 && line.indexOf('USS') < 0) continue;
    const cells = line.split('\t').slice(1).map((c) => c.trim()).filter((c) => c !== '');
    if (cells.length > 0 && cells.every((c) => CURRENCY.test(c))) return cells.map((c) => (c === 'RMB' ? 'RMB' : 'USD'));
  }
  return undefined;
}

/** Header lines whose duration words and dates name no period: "Six Months Ended Mar 31, 2024". */
export interface HeaderProblem {
  problem: string;
}

/**
 * The columns of each header text, read once: releases of a kind print the same headers (and a release parsed again
 * prints its own again), and nothing writes to what is read (table-columns.ts copies what it keeps).
 */
const readByText = new BoundedMemo<string, HeaderColumn[] | HeaderProblem | undefined>(2_000);

export function readHeaderColumns(lines: string[]): HeaderColumn[] | HeaderProblem | undefined {
  // Lines split from a text hold no line break, so the join tells them apart; any others are read each time.
  for (const l of lines) if (l.includes('\n')) return readColumns(lines);
  const text = lines.join('\n');
  return readByText.has(text) ? readByText.get(text) : readByText.keep(text, readColumns(lines));
}

function readColumns(lines: string[]): HeaderColumn[] | HeaderProblem | undefined {
  const durations = allMatches(DURATION, lines.join(' ')).map((m) => (m[1] ?? m[2] ?? m[3]).toLowerCase());
  const ds = dates(lines);
  if (ds.length === 0) return undefined;
  const cur = currencies(lines) ?? (ds.every((d) => d.currency) ? ds.map((d) => d.currency!) : undefined);
  if (cur && cur.length !== ds.length) return undefined;
  // Without duration words the columns are balance-sheet dates.
  const words = durations.length > 0 ? durations : ['as of'];
  const group: number[] = [];
  let g = 0;
  ds.forEach((d, k) => {
    if (k > 0 && g + 1 < words.length && ((cur && cur[k - 1] === 'USD') || d.iso < ds[k - 1].iso)) g++;
    group.push(g);
  });
  if (g + 1 !== words.length) return undefined;
  const out: HeaderColumn[] = [];
  for (let k = 0; k < ds.length; k++) {
    const word = words[group[k]];
    const printed = word === 'as of' ? '' : `${word[0].toUpperCase()}${word.slice(1)} ${word === 'year' ? '' : 'Months '}Ended `;
    const period = periodEnding(MONTHS_OF[word], ds[k].iso);
    if (!period) return { problem: `"${printed}${ds[k].text}" names no period` };
    const currency = cur ? cur[k] : null;
    out.push({ period, currency, header: `${printed}${ds[k].text}${currency ? (currency === 'USD' ? ' US$' : ' RMB') : ''}` });
  }
  return out;
}
