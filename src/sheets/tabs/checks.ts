import type { CheckResult, Fact } from '../../filing/types';
import { address, sheetRef } from '../a1';
import type { ModelReader } from '../model-reader';
import type { DerivedCell } from '../statement';
import { STYLE } from '../styles';
import type { TabBuilder } from '../tab-builder';

/** Tables whose printed figures the model tabs' formulas must reproduce. */
export const PRINTED_TABLES = new Set(['income_statement', 'balance_sheet', 'cash_flow', 'gross_profit_reconciliation', 'ebitda_reconciliation', 'gross_margin_table', 'net_margin_table']);

const HEAD = ['Check', 'Period', 'Currency', 'Expected', 'Actual', 'Difference', 'Tolerance', 'Status', 'Rule / source'];
/** Columns holding numbers: their headers are right-aligned over them. */
const NUMERIC = new Set([3, 4, 5, 6]);
export const CHECK_COLUMNS = HEAD.length;

const RED = { fontColor: '#9C0006', fill: '#FFC7CE', bold: true };

/**
 * The model's checks, in two kinds that the summary counts apart:
 * 1. live checks: each formula of the model tabs against the figure the release prints. They are formulas and
 *    recalculate: edit an input and watch one fail;
 * 2. release checks run by the add-in when it read the release: recorded results (expected, actual, difference,
 *    tolerance, status), in the colour of recorded inputs. They do not recalculate.
 * A failing check turns red by conditional formatting, whichever way it came to fail.
 */
export interface SeriesChecks {
  /** The printed figure a live check compares with (the release that serves it, among many). */
  printed: (metric: string, period: string, currency: string | null) => Fact | undefined;
  /** Chains across releases (recorded), listed apart from each release's own checks. */
  chains: CheckResult[];
  /** Each release's own checks, in place of the model's list (a library lists one row per release). */
  recorded: CheckResult[];
  recordedTitle: string;
  liveTitle: string;
  source: string;
}

export function writeChecks(tab: TabBuilder, model: ModelReader, derived: DerivedCell[], sheetNames: Map<string, string>, series?: SeriesChecks): void {
  tab.titleBlock(
    'Kingsoft Cloud — model checks',
    'Amounts in thousands (RMB or US$); ratios as fractions. Status: PASS when |difference| ≤ tolerance. Blue: recorded results; black: live formulas; green: links.',
    series?.source ?? `Source: ${model.release.company}, ${model.release.quarter} earnings release`,
  );
  const sHead = tab.addRow();
  const sLive = tab.addRow();
  const sRecorded = tab.addRow();
  const sChains = series ? tab.addRow() : -1;
  const sAll = tab.addRow();
  const sStatus = tab.addRow();
  tab.addRow();
  const header = tab.addRow();
  HEAD.forEach((h, i) => tab.set(header, i, h));
  tab.style(header, 0, 1, HEAD.length, { ...STYLE.headerLabel, wrapText: true });
  for (const c of NUMERIC) tab.style(header, c, 1, 1, { horizontalAlignment: 'right' });
  tab.style(header, 7, 1, 1, { horizontalAlignment: 'center' });
  tab.freeze = { rows: header + 1, columns: 1 };

  // 1. Live: model-tab formulas vs printed figures.
  const sec1 = tab.addRow();
  tab.set(sec1, 0, series?.liveTitle ?? 'Live checks: model tab formulas against the figures printed in the release (they recalculate when an input changes)');
  tab.style(sec1, 0, 1, 1, STYLE.section);
  const printed = series?.printed ?? ((metric: string, period: string, currency: string | null): Fact | undefined =>
    model.release.facts.find((f) => f.metric === metric && f.period === period && PRINTED_TABLES.has(f.table) && (f.currency === currency || f.unit === 'ratio')));
  const liveFirst = tab.row;
  let liveFailing = 0;
  for (const d of derived) {
    if (!d.metric) continue;
    const fact = printed(d.metric, d.period, d.format === 'percent' ? null : d.currency);
    if (!fact) continue;
    const r = tab.addRow();
    const sheet = sheetNames.get(d.tab)!;
    const expected = fact.value.mul(d.sign).toNumber();
    const ratio = fact.unit === 'ratio';
    const tol = ratio ? 0.0005 : d.format === 'perShare' ? 0.005 : d.currency === 'USD' ? 3 : 0;
    const fmt = ratio ? 'percent' : d.format;
    tab.set(r, 0, `${sheet}: ${d.label}`);
    tab.set(r, 1, d.period);
    tab.set(r, 2, ratio ? '' : d.currency === 'USD' ? 'US$' : 'RMB');
    tab.set(r, 3, expected, fmt);
    tab.style(r, 3, 1, 1, STYLE.input);
    const rule = { tolerance: 1e-9, rule: 'the linked cell: the calculation module value' };
    const actual = d.expected;
    tab.setFormula(r, 4, sheetRef(sheet, address(d.row, d.col)), fmt, actual === undefined ? undefined : { value: actual, ...rule });
    tab.style(r, 4, 1, 1, STYLE.link);
    tab.setFormula(r, 5, `${address(r, 4)}-${address(r, 3)}`, fmt, actual === undefined ? undefined : { value: actual - expected, ...rule });
    tab.style(r, 5, 1, 1, STYLE.formula);
    tab.set(r, 6, tol, ratio ? 'percent' : 'general');
    tab.style(r, 6, 1, 1, STYLE.input);
    tab.setFormula(r, 7, `IF(ABS(${address(r, 5)})<=${address(r, 6)},"PASS","FAIL")`, 'general');
    const pass = actual !== undefined && Math.abs(actual - expected) <= tol + 1e-9;
    if (!pass) liveFailing++;
    tab.setTextResult(r, 7, pass ? 'PASS' : 'FAIL');
    tab.style(r, 7, 1, 1, { ...STYLE.formula, horizontalAlignment: 'center' });
    // Where the printed figure stands; its full provenance (row label, column header) is on the Sources tab.
    tab.set(r, 8, `release line ${fact.provenance.line} (${fact.provenance.table.replace(/_/g, ' ')})`);
  }
  const liveLast = tab.row - 1;

  // 2. Recorded: identities verified by the add-in's calculation module when it read the release.
  const sec2 = tab.addRow();
  tab.set(sec2, 0, series?.recordedTitle ?? 'Release checks run by the add-in when it read the release (recorded results: they do not recalculate)');
  tab.style(sec2, 0, 1, 1, STYLE.section);
  const recordedFirst = tab.row;
  const chainSet = new Set(series?.chains ?? []);
  const recordedChecks = series ? series.recorded : model.checks().filter((c) => !chainSet.has(c));
  const writeRecorded = (c: CheckResult) => {
    const r = tab.addRow();
    const fmt = c.kind === 'margin' ? 'percent' : c.kind === 'eps' ? 'perShare' : 'general';
    tab.set(r, 0, `${c.name} (${c.id})`);
    tab.set(r, 1, c.period);
    tab.set(r, 2, c.currency === 'USD' ? 'US$' : c.currency ?? '');
    tab.set(r, 3, c.expected.toNumber(), fmt === 'general' ? 'amount' : fmt);
    tab.set(r, 4, c.actual.toDecimalPlaces(6).toNumber(), fmt === 'general' ? 'amount' : fmt);
    tab.set(r, 5, c.difference.toDecimalPlaces(6).toNumber(), 'general');
    tab.set(r, 6, c.tolerance.toNumber(), 'general');
    tab.set(r, 7, c.pass ? 'PASS' : 'FAIL');
    tab.set(r, 8, `${c.toleranceRule}${c.line ? `; release line ${c.line}` : ''}`);
    tab.style(r, 3, 1, 5, STYLE.input);
    tab.style(r, 7, 1, 1, { horizontalAlignment: 'center' });
  };
  recordedChecks.forEach(writeRecorded);
  const recordedLast = tab.row - 1;
  const recordedFailing = recordedChecks.filter((c) => !c.pass).length;
  // 3. Chains across releases: each release's figures against the others' (recorded by the library).
  let chainsFirst = tab.row;
  let chainsFailing = 0;
  if (series) {
    const sec3 = tab.addRow();
    tab.set(sec3, 0, 'Chains across releases checked by the add-in (a period printed by several releases, ending cash = next beginning cash, year-to-date = sum of quarters; recorded)');
    tab.style(sec3, 0, 1, 1, STYLE.section);
    chainsFirst = tab.row;
    series.chains.forEach(writeRecorded);
    chainsFailing = series.chains.filter((c) => !c.pass).length;
  }
  const chainsLast = tab.row - 1;
  const chainsCount = series ? chainsLast - chainsFirst + 1 : 0;
  const liveCount = liveLast - liveFirst + 1;
  const recordedCount = recordedLast - recordedFirst + 1;

  // Summary: counts of each kind, computed by the spreadsheet from the status columns.
  ['Summary', 'Checks', 'Passed', 'Failed'].forEach((h, i) => tab.set(sHead, i, h));
  tab.style(sHead, 0, 1, 1, STYLE.headerLabel);
  tab.style(sHead, 1, 1, 3, STYLE.header);
  const status = (from: number, to: number) => `${address(from, 7)}:${address(to, 7)}`;
  const counts = (r: number, label: string, range: string, total: number, failing: number) => {
    tab.set(r, 0, label);
    tab.style(r, 0, 1, 1, { bold: true });
    const rule = 'count of the status column';
    tab.setFormula(r, 1, `COUNTIF(${range},"PASS")+COUNTIF(${range},"FAIL")`, 'shares', { value: total, tolerance: 0, rule });
    tab.setFormula(r, 2, `COUNTIF(${range},"PASS")`, 'shares', { value: total - failing, tolerance: 0, rule });
    tab.setFormula(r, 3, `COUNTIF(${range},"FAIL")`, 'shares', { value: failing, tolerance: 0, rule });
  };
  counts(sLive, 'Live checks (formulas that recalculate)', status(liveFirst, liveLast), liveCount, liveFailing);
  counts(sRecorded, 'Release checks run by the add-in (recorded)', status(recordedFirst, recordedLast), recordedCount, recordedFailing);
  if (series) counts(sChains, 'Chains across releases (recorded)', status(chainsFirst, Math.max(chainsFirst, chainsLast)), chainsCount, chainsFailing);
  tab.set(sAll, 0, 'All checks');
  tab.style(sAll, 0, 1, 4, STYLE.total);
  const allFailing = liveFailing + recordedFailing + chainsFailing;
  ([1, 2, 3] as const).forEach((c) => {
    const total = liveCount + recordedCount + chainsCount;
    const value = c === 1 ? total : c === 2 ? total - allFailing : allFailing;
    tab.setFormula(sAll, c, `${address(sLive, c)}+${address(sRecorded, c)}${series ? `+${address(sChains, c)}` : ''}`, 'shares', { value, tolerance: 0, rule: series ? 'live + recorded + chains' : 'live + recorded' });
  });
  tab.set(sStatus, 0, 'Status');
  tab.style(sStatus, 0, 1, 1, { bold: true });
  tab.setFormula(sStatus, 1, `IF(${address(sAll, 3)}=0,"ALL CHECKS PASS","CHECKS FAILING")`, 'general');
  tab.setTextResult(sStatus, 1, allFailing === 0 ? 'ALL CHECKS PASS' : 'CHECKS FAILING');
  tab.style(sStatus, 1, 1, 1, { bold: true });
  tab.nameCell('KC_CHECKS_FAILED', sAll, 3, 'Number of failing checks in the model, live and recorded (0 when the model ties to the release)');

  // A failing check turns red whichever way it fails: a live formula recalculating, or a recorded result.
  tab.conditionalFormats.push(
    { address: status(liveFirst, Math.max(recordedLast, chainsLast)), textContains: 'FAIL', style: RED },
    { address: `${address(sLive, 3)}:${address(sAll, 3)}`, greaterThan: 0, style: RED },
    { address: address(sStatus, 1), textContains: 'FAIL', style: RED },
  );
  tab.widths = [250, 62, 52, 82, 82, 74, 62, 56, 210];
  // Long labels wrap within their columns, so the tab prints readably on a page's width.
  tab.wrap(liveFirst, Math.max(recordedLast, chainsLast) - liveFirst + 1, [0, 8]);
}
