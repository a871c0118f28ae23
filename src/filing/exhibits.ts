import type { CopyRepair } from './copied-text';
import type { RefusedInput } from './input';
import { quarter } from './periods';

/**
 * Some releases came as two exhibits (Q1 2023: the press release as Exhibit 99.1, its financial statements as
 * Exhibit 99.2). Read by content, each alone is refused (the press release has no tables; the tables no headline);
 * together, the press release followed by its tables, they are the release. This pairs them: a press release with
 * no statements and a statements exhibit with no headline, of the same quarter, are read as one release.
 */
export interface ExhibitSource {
  text: string | RefusedInput;
  name: string;
  form: string;
  repairs: CopyRepair[];
}

const HEADLINE = /Kingsoft Cloud Announces Unaudited (First|Second|Third|Fourth) Quarter(?: and (?:Fiscal|Full) Year)? (\d{4}) Financial Results/i;
const QUARTER_WORD: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4 };
/** A statement row with its figures (prose never prints "Total assets" followed by a column of thousands). */
const STATEMENTS = /^[ \t]*Total assets\b[^\n]*\d{1,3},\d{3}/m;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DATE = /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(\d{1,2}),\s*(\d{4})\b/gi;

export type ExhibitPart = { part: 'press_release' | 'tables'; quarter: string };

/** What a text is, if it is one of a release's two exhibits: its part and the quarter it reports. */
export function exhibitPart(text: string): ExhibitPart | undefined {
  const headline = HEADLINE.exec(text);
  const statements = STATEMENTS.test(text);
  if (headline && !statements) return { part: 'press_release', quarter: quarter(QUARTER_WORD[headline[1].toLowerCase()], Number(headline[2])).id };
  if (headline || !statements) return undefined;
  // The statements' quarter: the latest quarter-end date their headers print (the balance sheet's and the columns').
  let last: { y: number; m: number } | undefined;
  for (const d of text.matchAll(DATE)) {
    const m = MONTHS.indexOf(d[1].slice(0, 3).toLowerCase()) + 1;
    const y = Number(d[3]);
    if (m % 3 !== 0) continue;
    if (!last || y * 12 + m > last.y * 12 + last.m) last = { y, m };
  }
  return last && { part: 'tables', quarter: quarter(last.m / 3, last.y).id };
}

/**
 * The sources with each pair of exhibits of one release joined into one source (the press release then its tables,
 * named "press + tables"), in the place of the press release; every other source as it was. A quarter with more than
 * one candidate of either part is left alone (which tables belong to which text cannot be told).
 */
export function joinExhibits<T extends ExhibitSource>(sources: T[]): (T | ExhibitSource)[] {
  const parts = sources.map((s) => (typeof s.text === 'string' ? exhibitPart(s.text) : undefined));
  const of = (part: string, quarter: string) => parts.flatMap((p, i) => (p?.part === part && p.quarter === quarter ? [i] : []));
  const joined = new Map<number, ExhibitSource>();
  const used = new Set<number>();
  parts.forEach((p, i) => {
    if (p?.part !== 'press_release') return;
    const press = of('press_release', p.quarter);
    const tables = of('tables', p.quarter);
    if (press.length !== 1 || tables.length !== 1) return;
    const a = sources[i];
    const b = sources[tables[0]];
    const text = `${a.text as string}\n\n${b.text as string}`;
    const shift = (a.text as string).split('\n').length + 1;
    joined.set(i, {
      text,
      name: `${a.name} + ${b.name}`,
      form: a.form === b.form ? a.form : `${a.form} + ${b.form}`,
      repairs: [...a.repairs, ...b.repairs.map((r) => ({ ...r, line: r.line + shift }))],
    });
    used.add(tables[0]);
  });
  return sources.flatMap((s, i) => (used.has(i) ? [] : [joined.get(i) ?? s]));
}
