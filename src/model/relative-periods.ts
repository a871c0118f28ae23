import { ModelError } from './errors';
import { dateLabel, fiscalYear, previousQuarter, quarter, readPeriod, type Period } from '../filing/periods';

/**
 * Periods a library of releases adds to the period module's spellings:
 * - LTM, the last twelve months to a quarter: `LTM Q2-2024`, `LTM-Q2-2024`, `LTM 2Q24` (any quarter spelling after
 *   "LTM"); canonical id `LTM-Q2-2024`;
 * - relative periods, measured from the latest quarter in the library, as Capital IQ writes them: `FQ0` (the latest
 *   quarter), `FQ-1`, `FQ-2`, …; `FY0` (the latest complete fiscal year), `FY-1`, …; `LTM` (= `LTM0`, the LTM to the
 *   latest quarter), `LTM-1`, … (the LTM to one quarter earlier).
 * Told from absolute periods by the digits: a relative offset is 0 or a minus sign and ONE digit (FY-1 … FY-9,
 * FQ-1 … FQ-9, LTM-1 … LTM-9; FQ and LTM also take two digits, FQ-12); a two- or four-digit year is absolute
 * (FY-23 and FY-2023 are the fiscal year 2023, as before).
 */

const LTM = /^LTM\s*[-\s]?\s*(.+)$/;
const RELATIVE = /^(FQ|FY|LTM)\s*(?:([-−])\s*(\d{1,2})|\+?\s*(0))?$/;

/** The LTM period to a quarter. Its kind is 'year' (twelve months); its id starts with LTM. */
export function ltm(q: Period): Period {
  return { id: `LTM-${q.id}`, kind: 'year', year: q.year, index: 0, start: `${q.year - 1}${nextDay(q.end)}`, end: q.end, months: 12, label: `Twelve months ended ${dateLabel(q.end)}` };
}

/** "-07-01" for a period ending "2024-06-30": the month-day after a quarter end (the start of the next quarter). */
function nextDay(end: string): string {
  return { '03-31': '-04-01', '06-30': '-07-01', '09-30': '-10-01', '12-31': '-01-01' }[end.slice(5)] ?? '-01-01';
}

export const isLtm = (p: Period) => p.id.startsWith('LTM-');

/** The quarter an LTM period ends with. */
export function ltmQuarter(p: Period): Period {
  return readPeriod(p.id.slice(4))!;
}

export const RELATIVE_FORMS = 'FQ0, FQ-1, FY0, FY-1, LTM, LTM-1, LTM Q2-2024';

function back(q: Period, n: number): Period {
  let p = q;
  for (let i = 0; i < n; i++) p = previousQuarter(p)!;
  return p;
}

/**
 * Any spelling, relative ones resolved against the library's latest quarter (`latest`, a quarter; undefined when
 * the library is empty). Undefined when the text is no period at all.
 */
export function readLibraryPeriod(text: string, latest: Period | undefined): Period | undefined {
  const t = text.trim().toUpperCase();
  const rel = RELATIVE.exec(t);
  if (rel) {
    if (!latest) throw new ModelError('not_available', `"${text.trim()}" is measured from the latest quarter, and the library holds no release.`);
    const n = rel[3] ? Number(rel[3]) : 0;
    if (rel[1] === 'FY' && rel[3] && rel[3].length > 1) return readPeriod(t); // FY-23: the year 2023
    const fq = back(latest, rel[1] === 'FY' ? 0 : n);
    if (rel[1] === 'FQ') return fq;
    if (rel[1] === 'LTM') return ltm(fq);
    // FY0: the latest complete fiscal year (the year of the latest quarter when that quarter is Q4).
    const y0 = latest.index === 4 ? latest.year : latest.year - 1;
    return fiscalYear(y0 - n);
  }
  const m = LTM.exec(t);
  if (m) {
    const q = readPeriod(m[1]);
    if (q?.kind === 'quarter') return ltm(q);
    return undefined;
  }
  return readPeriod(t);
}

export { quarter };
