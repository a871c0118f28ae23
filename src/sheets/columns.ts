import { releasePeriods, type ReleasePeriods } from '../filing/layout';
import { dateLabel, periodOfId, quarter, readPeriod } from '../filing/periods';
import type { ColumnDef } from './tab-builder';

/** The release's periods, from its quarter id ("Q2-2024"). */
export function periodsOf(quarter: string): ReleasePeriods {
  const p = readPeriod(quarter);
  if (p?.kind !== 'quarter') throw new Error(`not a quarter: ${quarter}`);
  return releasePeriods(p.index, p.year);
}

const THREE = 'Three months ended';
const SIX = 'Six months ended';
/** The year-to-date group of a quarter-q release (a first-quarter release prints none). */
const YTD: Record<number, string> = { 2: SIX, 3: 'Nine months ended', 4: 'Year ended' };
const ytdGroup = (p: ReleasePeriods) => YTD[p.q ?? 2];

/** Columns of the statements of comprehensive loss and the reconciliations, as the release prints them. */
export function incomeColumns(p: ReleasePeriods): ColumnDef[] {
  const three: ColumnDef[] = [
    { period: p.priorYearQuarter, currency: 'RMB', group: THREE, header: p.priorYearQuarterEndLabel },
    { period: p.priorQuarter, currency: 'RMB', group: THREE, header: p.priorQuarterEndLabel },
    { period: p.quarter, currency: 'RMB', group: THREE, header: p.quarterEndLabel },
    { period: p.quarter, currency: 'USD', group: THREE, header: p.quarterEndLabel },
  ];
  const ytd = ytdGroup(p);
  if (!ytd) return three;
  return [
    ...three,
    { period: p.priorYtd, currency: 'RMB', group: ytd, header: p.priorYearQuarterEndLabel },
    { period: p.ytd, currency: 'RMB', group: ytd, header: p.quarterEndLabel },
    { period: p.ytd, currency: 'USD', group: ytd, header: p.quarterEndLabel },
  ];
}

export function balanceColumns(p: ReleasePeriods): ColumnDef[] {
  return [
    { period: p.fiscalYearEnd, currency: 'RMB', group: 'As of', header: p.fiscalYearEndLabel },
    { period: p.quarterEnd, currency: 'RMB', group: 'As of', header: p.quarterEndLabel },
    { period: p.quarterEnd, currency: 'USD', group: 'As of', header: p.quarterEndLabel },
  ];
}

/** The release's three quarters and the US$ column, plus the six months the model derives from Q1 + Q2. */
export function cashFlowColumns(p: ReleasePeriods): ColumnDef[] {
  const three = incomeColumns(p).slice(0, 4);
  // Only a second-quarter release prints both quarters of its year to date.
  return (p.q ?? 2) === 2 ? [...three, { period: p.ytd, currency: 'RMB', group: SIX, header: `${p.quarterEndLabel} (Q1 + Q2)` }] : three;
}

/** Quarters including the one the model derives (Q1 of last year = H1 - Q2), then the half-years. RMB only. */
export function analysisColumns(p: ReleasePeriods): ColumnDef[] {
  const q = p.q ?? 2;
  if (q !== 2) {
    // The derived first quarter exists only beside a printed half-year; other releases show their own columns.
    const own: ColumnDef[] = [
      { period: p.priorYearQuarter, currency: 'RMB', group: THREE, header: p.priorYearQuarterEndLabel },
      { period: p.priorQuarter, currency: 'RMB', group: THREE, header: p.priorQuarterEndLabel },
      { period: p.quarter, currency: 'RMB', group: THREE, header: p.quarterEndLabel },
    ];
    return q === 1 ? own : [...own, { period: p.priorYtd, currency: 'RMB', group: YTD[q], header: p.priorYearQuarterEndLabel }, { period: p.ytd, currency: 'RMB', group: YTD[q], header: p.quarterEndLabel }];
  }
  const q1 = quarter(1, periodOfId(p.priorYtd)!.year);
  return [
    { period: q1.id, currency: 'RMB', group: THREE, header: `${dateLabel(q1.end)} (derived)` },
    { period: p.priorYearQuarter, currency: 'RMB', group: THREE, header: p.priorYearQuarterEndLabel },
    { period: p.priorQuarter, currency: 'RMB', group: THREE, header: p.priorQuarterEndLabel },
    { period: p.quarter, currency: 'RMB', group: THREE, header: p.quarterEndLabel },
    { period: p.priorYtd, currency: 'RMB', group: SIX, header: p.priorYearQuarterEndLabel },
    { period: p.ytd, currency: 'RMB', group: SIX, header: p.quarterEndLabel },
  ];
}
