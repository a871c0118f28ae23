/**
 * Periods, the one module for the whole product (filing reads them from headers, the model serves them, the sheets
 * lay them out). A period is typed by its start, end and length in months; its canonical id is a public contract
 * stored in workbooks:
 *   quarters `Q3-2024`, half-years `H1-2024` / `H2-2024`, nine months `9M-2024`, fiscal years `FY-2024`, and ISO
 *   dates `2024-06-30` for balance-sheet instants.
 * Kingsoft Cloud's fiscal year is the calendar year, so a duration and its end date name one period.
 * Analysts type periods many ways; every accepted spelling maps to one canonical period: ACCEPTED_FORMS, and
 * beside them 9M-2024, 9M24, 9M 2024, Q1-Q3 2024 (Q1-Q2 is H1, Q1-Q4 the year), FQ2 2024, 2024Q2, 2024-Q2, Q2_2024.
 */
import { BoundedMemo } from './bounded-memo';

export type PeriodKind = 'quarter' | 'half' | 'nine_months' | 'year' | 'instant';

export interface Period {
  /** Canonical id: Q2-2024, H1-2024, 9M-2024, FY-2023 or 2024-06-30. */
  id: string;
  kind: PeriodKind;
  year: number;
  /** Quarter 1–4 or half 1–2; 0 for nine months, years and dates. */
  index: number;
  /** ISO date the period starts on (the date itself for an instant). */
  start: string;
  /** ISO date the period ends on (the balance-sheet date for stock metrics). */
  end: string;
  /** Length in months: 3, 6, 9, 12; 0 for an instant. */
  months: number;
  /** Header text, e.g. "Three months ended Jun 30, 2024". */
  label: string;
}

export const ACCEPTED_FORMS =
  'Q2-2024, Q2 2024, q2-2024, 2Q24, 2Q2024, Q2\'24, Q2-24, H1-2024, H1 2024, 1H24, 6M-2024, FY-2023, FY2023, FY23, or a quarter-end date such as 2024-06-30';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const QUARTER_END = ['03-31', '06-30', '09-30', '12-31'];

const pad = (n: number) => String(n).padStart(2, '0');

function year(text: string): number {
  return text.length === 2 ? 2000 + Number(text) : Number(text);
}

/** "Jun 30, 2024" from "2024-06-30". */
export function dateLabel(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${MONTHS[Number(m) - 1]} ${Number(d)}, ${y}`;
}

/** The first day of the month `months` before the month after `end` (a period of whole months ending on `end`). */
function startOf(end: string, months: number): string {
  const y = Number(end.slice(0, 4));
  const m = Number(end.slice(5, 7));
  const first = y * 12 + (m - 1) - months + 1;
  return `${Math.floor(first / 12)}-${pad((first % 12) + 1)}-01`;
}

function duration(kind: PeriodKind, id: string, y: number, index: number, end: string, months: number, label: string): Period {
  return { id, kind, year: y, index, start: startOf(end, months), end, months, label };
}

/**
 * A period is plain data named by its id, and the parser, model and library ask for the same few hundred periods
 * hundreds of thousands of times: each is made once, frozen (shared, so nobody may change it) and handed out again.
 * Bounded, for periods made from what users type.
 */
const MADE = new BoundedMemo<string, Period>(10_000);
function keep(p: Period): Period {
  return MADE.keep(p.id, Object.freeze(p));
}

export function quarter(q: number, y: number): Period {
  const made = MADE.get(`Q${q}-${y}`);
  if (made) return made;
  const end = `${y}-${QUARTER_END[q - 1]}`;
  return keep(duration('quarter', `Q${q}-${y}`, y, q, end, 3, `Three months ended ${dateLabel(end)}`));
}

export function half(h: number, y: number): Period {
  const made = MADE.get(`H${h}-${y}`);
  if (made) return made;
  const end = `${y}-${h === 1 ? '06-30' : '12-31'}`;
  return keep(duration('half', `H${h}-${y}`, y, h, end, 6, `Six months ended ${dateLabel(end)}`));
}

export function nineMonths(y: number): Period {
  return MADE.get(`9M-${y}`) ?? keep(duration('nine_months', `9M-${y}`, y, 0, `${y}-09-30`, 9, `Nine months ended ${dateLabel(`${y}-09-30`)}`));
}

export function fiscalYear(y: number): Period {
  return MADE.get(`FY-${y}`) ?? keep(duration('year', `FY-${y}`, y, 0, `${y}-12-31`, 12, `Year ended ${dateLabel(`${y}-12-31`)}`));
}

export function instant(iso: string): Period {
  return MADE.get(iso) ?? keep({ id: iso, kind: 'instant', year: Number(iso.slice(0, 4)), index: 0, start: iso, end: iso, months: 0, label: `As of ${dateLabel(iso)}` });
}

/**
 * The period a table header names: a duration in months ending on a quarter-end date ("Six Months Ended Jun 30,
 * 2024"), or an instant (months 0). Undefined when the pair names no period of a calendar fiscal year (six months
 * to March, a date that is no quarter end).
 */
export function periodEnding(months: number, end: string): Period | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(end)) return undefined;
  const y = Number(end.slice(0, 4));
  const md = end.slice(5);
  const q = QUARTER_END.indexOf(md) + 1;
  if (q === 0) return undefined;
  if (months === 0) return instant(end);
  switch (months) {
    case 3:
      return quarter(q, y);
    case 6:
      return q === 2 || q === 4 ? half(q / 2, y) : undefined;
    case 9:
      return q === 3 ? nineMonths(y) : undefined;
    case 12:
      return q === 4 ? fiscalYear(y) : undefined;
    default:
      return undefined;
  }
}

/** The year-to-date period to quarter `q` of year `y`: Q1, H1, 9M, FY (Q1-Q2 is the first half, Q1-Q3 nine months). */
export function toDate(q: number, y: number): Period {
  return q === 1 ? quarter(1, y) : q === 2 ? half(1, y) : q === 3 ? nineMonths(y) : fiscalYear(y);
}

const Y = "(\\d{4}|\\d{2})";
const SEP = "\\s*[-\\s'’/_]?\\s*";
const PATTERNS: [RegExp, (m: RegExpExecArray) => Period | undefined][] = [
  // Q2-2024, Q2 2024, Q2'24, Q2-24, Q22024, Q2/2024, Q2_2024; FQ2 2024, FQ2-2024 (fiscal quarter)
  [new RegExp(`^F?Q([1-4])${SEP}${Y}$`), (m) => quarter(Number(m[1]), year(m[2]))],
  // 2Q24, 2Q2024, 2Q-2024
  [new RegExp(`^([1-4])Q\\s*[-\\s'’]?\\s*${Y}$`), (m) => quarter(Number(m[1]), year(m[2]))],
  // 2024Q2, 2024-Q2, 2024 Q2 (four-digit year first)
  [/^(\d{4})\s*[-\s_]?\s*F?Q([1-4])$/, (m) => quarter(Number(m[2]), Number(m[1]))],
  // H1-2024, H1 2024, H1'24
  [new RegExp(`^H([12])${SEP}${Y}$`), (m) => half(Number(m[1]), year(m[2]))],
  // 1H24, 1H2024
  [new RegExp(`^([12])H\\s*[-\\s'’]?\\s*${Y}$`), (m) => half(Number(m[1]), year(m[2]))],
  // 6M-2024, 6M 2024, 6M24: the six months to June; 9M-2024, 9M 2024, 9M24: the nine months to September
  [new RegExp(`^([69])M\\s*[-\\s'’]?\\s*${Y}$`), (m) => (m[1] === '6' ? half(1, year(m[2])) : nineMonths(year(m[2])))],
  // Q1-Q3 2024, Q1-Q2 2024, Q1–Q4 2024: cumulative quarters
  [new RegExp(`^Q1\\s*[-–]\\s*Q([2-4])${SEP}${Y}$`), (m) => toDate(Number(m[1]), year(m[2]))],
  // FY-2023, FY2023, FY23, FY 2023
  [new RegExp(`^FY\\s*[-\\s'’]?\\s*${Y}$`), (m) => fiscalYear(year(m[1]))],
  // 2024-06-30: a quarter-end date
  [/^(\d{4})-(\d{2})-(\d{2})$/, (m) => (QUARTER_END.includes(`${m[2]}-${m[3]}`) ? instant(`${m[1]}-${m[2]}-${m[3]}`) : undefined)],
];

/** Any accepted spelling to its canonical period; undefined when the text is not a period. */
export function readPeriod(text: string): Period | undefined {
  const canonical = readCanonicalId(text);
  if (canonical) return canonical;
  const t = text.trim().toUpperCase();
  for (const [re, make] of PATTERNS) {
    const m = re.exec(t);
    if (!m) continue;
    const p = make(m);
    if (p && p.year >= 1990 && p.year <= 2099) return p;
  }
  return undefined;
}

/** The period a canonical id names (Q2-2024, H1-2024, 9M-2024, FY-2024, a quarter-end date); undefined for any other text. */
export function periodOfId(id: string): Period | undefined {
  return readCanonicalId(id);
}

/** The balance-sheet date a period opens from, the day before it starts: 2023-12-31 for Q1-2024, H1-2024 and FY-2024. */
export function openingDate(p: Period): string {
  const y = Number(p.start.slice(0, 4));
  const q = (Number(p.start.slice(5, 7)) + 2) / 3; // the quarter it starts with
  return q === 1 ? `${y - 1}-12-31` : `${y}-${QUARTER_END[q - 2]}`;
}

/**
 * A canonical id (Q2-2024, H1-2024, 9M-2024, FY-2024, a quarter-end date), read by its characters: the ids the model
 * and library ask for, read without the spelling patterns (each a regex, compiled when first run). The period the
 * patterns give such a text; undefined for any other text (and for a year out of range or a date that is no quarter
 * end), which the patterns read.
 */
function readCanonicalId(text: string): Period | undefined {
  if (text.length === 7 && text.charCodeAt(2) === 45 && digitsAt(text, 3, 7)) {
    const y = Number(text.slice(3));
    if (y < 1990 || y > 2099) return undefined;
    const n = text.charCodeAt(1) - 48;
    switch (text[0]) {
      case 'Q':
        return n >= 1 && n <= 4 ? quarter(n, y) : undefined;
      case 'H':
        return n === 1 || n === 2 ? half(n, y) : undefined;
      case '9':
        return text[1] === 'M' ? nineMonths(y) : undefined;
      case 'F':
        return text[1] === 'Y' ? fiscalYear(y) : undefined;
      default:
        return undefined;
    }
  }
  if (text.length === 10 && digitsAt(text, 0, 4) && text[4] === '-' && digitsAt(text, 5, 7) && text[7] === '-' && digitsAt(text, 8, 10)) {
    const y = Number(text.slice(0, 4));
    return y >= 1990 && y <= 2099 && QUARTER_END.includes(text.slice(5)) ? instant(text) : undefined;
  }
  return undefined;
}

/** Whether the characters from `from` to `to` are ASCII digits (a regex `\d`). */
function digitsAt(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** The same period a year earlier. */
export function priorYear(p: Period): Period {
  switch (p.kind) {
    case 'quarter':
      return quarter(p.index, p.year - 1);
    case 'half':
      return half(p.index, p.year - 1);
    case 'nine_months':
      return nineMonths(p.year - 1);
    case 'year':
      return fiscalYear(p.year - 1);
    case 'instant':
      return instant(`${p.year - 1}${p.end.slice(4)}`);
  }
}

/** The quarter before a quarter (undefined for other kinds). */
export function previousQuarter(p: Period): Period | undefined {
  if (p.kind !== 'quarter') return undefined;
  return p.index === 1 ? quarter(4, p.year - 1) : quarter(p.index - 1, p.year);
}

/** Sort key: by end date, then instants, quarters, halves, nine months, years. */
export function periodOrder(p: Period): string {
  return `${p.end}|${{ instant: 0, quarter: 1, half: 2, nine_months: 2.5, year: 3 }[p.kind]}`;
}
