import { releasePeriods, type ReleasePeriods } from '../filing/layout';
import { readPeriod } from '../filing/periods';
import type { ColumnDef } from './tab-builder';

/** The release's periods, from its quarter id ("Q2-2024"). */
export function periodsOf(quarter: string): ReleasePeriods {
  const p = readPeriod(quarter);
  if (p?.kind !== 'quarter') throw new Error(`not a quarter: ${quarter}`);
  return releasePeriods(p.index, p.year);
}

const THREE = 'Three months ended';
const SIX = 'Six months ended';

/** Columns of the statements of comprehensive loss and the reconciliations, as the release prints them. */
export function incomeColumns(p: ReleasePeriods): ColumnDef[] {
  return [
    { period: p.priorYearQuarter, currency: 'RMB', group: THREE, header: p.priorYearQuarterEndLabel },
    { period: p.priorQuarter, currency: 'RMB', group: THREE, header: p.priorQuarterEndLabel },
    { period: p.quarter, currency: 'RMB', group: THREE, header: p.quarterEndLabel },
    { period: p.quarter, currency: 'USD', group: THREE, header: p.quarterEndLabel },
    { period: p.priorYtd, currency: 'RMB', group: SIX, header: p.priorYearQuarterEndLabel },
    { period: p.ytd, currency: 'RMB', group: SIX, header: p.quarterEndLabel },
    { period: p.ytd, currency: 'USD', group: SIX, header: p.quarterEndLabel },
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
  return [...incomeColumns(p).slice(0, 4), { period: p.ytd, currency: 'RMB', group: SIX, header: `${p.quarterEndLabel} (Q1 + Q2)` }];
}

/** Quarters including the one the model derives (Q1 of last year = H1 - Q2), then the half-years. RMB only. */
export function analysisColumns(p: ReleasePeriods): ColumnDef[] {
  const y = Number(p.priorYtd.slice(3));
  return [
    { period: `Q1-${y}`, currency: 'RMB', group: THREE, header: `Mar 31, ${y} (derived)` },
    { period: p.priorYearQuarter, currency: 'RMB', group: THREE, header: p.priorYearQuarterEndLabel },
    { period: p.priorQuarter, currency: 'RMB', group: THREE, header: p.priorQuarterEndLabel },
    { period: p.quarter, currency: 'RMB', group: THREE, header: p.quarterEndLabel },
    { period: p.priorYtd, currency: 'RMB', group: SIX, header: p.priorYearQuarterEndLabel },
    { period: p.ytd, currency: 'RMB', group: SIX, header: p.quarterEndLabel },
  ];
}
