import { ModelError } from './errors';

/**
 * Periods: quarters (Q2-2024), half-years (H1-2024, the release's "six months ended"), fiscal years (FY-2023) and
 * dates (2024-06-30, for balance-sheet items). Analysts type them many ways; all map to one canonical id.
 */
export type PeriodKind = 'quarter' | 'half' | 'year' | 'instant';

export interface Period {
  /** Canonical id: Q2-2024, H1-2024, FY-2023 or 2024-06-30. */
  id: string;
  kind: PeriodKind;
  year: number;
  /** Quarter 1–4 or half 1–2; 0 for years and dates. */
  index: number;
  /** ISO date the period ends on (the balance-sheet date for stock metrics). */
  end: string;
  /** Header text, e.g. "Three months ended Jun 30, 2024". */
  label: string;
}

export const ACCEPTED_FORMS =
  'Q2-2024, Q2 2024, q2-2024, 2Q24, 2Q2024, Q2\'24, Q2-24, H1-2024, H1 2024, 1H24, 6M-2024, FY-2023, FY2023, FY23, or a quarter-end date such as 2024-06-30';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const QUARTER_END = ['03-31', '06-30', '09-30', '12-31'];

function year(text: string): number {
  return text.length === 2 ? 2000 + Number(text) : Number(text);
}

function dateLabel(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${MONTHS[Number(m) - 1]} ${Number(d)}, ${y}`;
}

export function quarter(q: number, y: number): Period {
  const end = `${y}-${QUARTER_END[q - 1]}`;
  return { id: `Q${q}-${y}`, kind: 'quarter', year: y, index: q, end, label: `Three months ended ${dateLabel(end)}` };
}

export function half(h: number, y: number): Period {
  const end = `${y}-${h === 1 ? '06-30' : '12-31'}`;
  return { id: `H${h}-${y}`, kind: 'half', year: y, index: h, end, label: `Six months ended ${dateLabel(end)}` };
}

export function fiscalYear(y: number): Period {
  return { id: `FY-${y}`, kind: 'year', year: y, index: 0, end: `${y}-12-31`, label: `Year ended ${dateLabel(`${y}-12-31`)}` };
}

export function instant(iso: string): Period {
  return { id: iso, kind: 'instant', year: Number(iso.slice(0, 4)), index: 0, end: iso, label: `As of ${dateLabel(iso)}` };
}

const Y = "(\\d{4}|\\d{2})";
const PATTERNS: [RegExp, (m: RegExpExecArray) => Period | undefined][] = [
  // Q2-2024, Q2 2024, Q2'24, Q2-24, Q22024, Q2/2024
  [new RegExp(`^Q([1-4])\\s*[-\\s'’/]?\\s*${Y}$`), (m) => quarter(Number(m[1]), year(m[2]))],
  // 2Q24, 2Q2024, 2Q-2024
  [new RegExp(`^([1-4])Q\\s*[-\\s'’]?\\s*${Y}$`), (m) => quarter(Number(m[1]), year(m[2]))],
  // H1-2024, H1 2024, H1'24
  [new RegExp(`^H([12])\\s*[-\\s'’/]?\\s*${Y}$`), (m) => half(Number(m[1]), year(m[2]))],
  // 1H24, 1H2024
  [new RegExp(`^([12])H\\s*[-\\s'’]?\\s*${Y}$`), (m) => half(Number(m[1]), year(m[2]))],
  // 6M-2024, 6M 2024, 6M24: the six months to June
  [new RegExp(`^6M\\s*[-\\s'’]?\\s*${Y}$`), (m) => half(1, year(m[1]))],
  // FY-2023, FY2023, FY23, FY 2023
  [new RegExp(`^FY\\s*[-\\s'’]?\\s*${Y}$`), (m) => fiscalYear(year(m[1]))],
  // 2024-06-30: a quarter-end date
  [/^(\d{4})-(\d{2})-(\d{2})$/, (m) => (QUARTER_END.includes(`${m[2]}-${m[3]}`) ? instant(`${m[1]}-${m[2]}-${m[3]}`) : undefined)],
];

/** Parses any accepted spelling; throws ModelError('unknown_period') listing the accepted forms. */
export function parsePeriod(text: string): Period {
  const t = text.trim().toUpperCase();
  for (const [re, make] of PATTERNS) {
    const m = re.exec(t);
    if (!m) continue;
    const p = make(m);
    if (p && p.year >= 1990 && p.year <= 2099) return p;
  }
  throw new ModelError('unknown_period', `"${text.trim()}" is not a period. Accepted: ${ACCEPTED_FORMS}.`);
}

/** The same period a year earlier. */
export function priorYear(p: Period): Period {
  switch (p.kind) {
    case 'quarter':
      return quarter(p.index, p.year - 1);
    case 'half':
      return half(p.index, p.year - 1);
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

/** Sort key: by end date, then quarters before halves before years. */
export function periodOrder(p: Period): string {
  return `${p.end}|${{ quarter: 1, half: 2, year: 3, instant: 0 }[p.kind]}`;
}
