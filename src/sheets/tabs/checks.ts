import type { Fact } from '../../filing/types';
import { address, sheetRef } from '../a1';
import type { ModelReader } from '../model-reader';
import type { DerivedCell } from '../statement';
import { STYLE } from '../styles';
import type { TabBuilder } from '../tab-builder';

/** Tables whose printed figures the model tabs' formulas must reproduce. */
const PRINTED_TABLES = new Set(['income_statement', 'balance_sheet', 'cash_flow', 'gross_profit_reconciliation', 'ebitda_reconciliation', 'gross_margin_table', 'net_margin_table']);

const HEAD = ['Check', 'Period', 'Currency', 'Expected', 'Actual', 'Difference', 'Tolerance', 'Status', 'Rule / source'];
export const CHECK_COLUMNS = HEAD.length;

/**
 * Every check of the model, with a live pass/fail summary at the top:
 * 1. each formula of the model tabs against the figure the release prints (live: edit an input and watch it fail);
 * 2. every identity the calculation module verified (expected, actual, difference, tolerance, status).
 */
export function writeChecks(tab: TabBuilder, model: ModelReader, derived: DerivedCell[], sheetNames: Map<string, string>): void {
  tab.titleBlock(
    'Kingsoft Cloud — model checks',
    'Amounts in thousands (RMB or US$); ratios as fractions. Status: PASS when |difference| ≤ tolerance.',
    `Source: ${model.release.company}, ${model.release.quarter} earnings release`,
  );
  const sRun = tab.addRow();
  const sPass = tab.addRow();
  const sFail = tab.addRow();
  const sAll = tab.addRow();
  tab.addRow();
  const header = tab.addRow();
  HEAD.forEach((h, i) => tab.set(header, i, h));
  tab.style(header, 0, 1, HEAD.length, STYLE.headerLabel);
  tab.freeze = { rows: header + 1, columns: 1 };
  const first = header + 1;

  // 1. Model-tab formulas vs printed figures.
  const sec1 = tab.addRow();
  tab.set(sec1, 0, 'Model tab formulas vs the figures printed in the release');
  tab.style(sec1, 0, 1, 1, STYLE.section);
  const printed = (metric: string, period: string, currency: string | null): Fact | undefined =>
    model.release.facts.find((f) => f.metric === metric && f.period === period && PRINTED_TABLES.has(f.table) && (f.currency === currency || f.unit === 'ratio'));
  for (const d of derived) {
    if (!d.metric) continue;
    const fact = printed(d.metric, d.period, d.format === 'percent' ? null : d.currency);
    if (!fact) continue;
    const r = tab.addRow();
    const sheet = sheetNames.get(d.tab)!;
    const expected = fact.value.mul(d.sign).toNumber();
    const ratio = fact.unit === 'ratio';
    const tol = ratio ? 0.0005 : d.format === 'perShare' ? 0.005 : d.currency === 'USD' ? 3 : 0;
    tab.set(r, 0, `${sheet}: ${d.label}`);
    tab.set(r, 1, d.period);
    tab.set(r, 2, ratio ? '' : d.currency === 'USD' ? 'US$' : 'RMB');
    tab.set(r, 3, expected, ratio ? 'percent' : d.format);
    tab.style(r, 3, 1, 1, STYLE.input);
    tab.setFormula(r, 4, sheetRef(sheet, address(d.row, d.col)), ratio ? 'percent' : d.format);
    tab.style(r, 4, 1, 1, STYLE.link);
    tab.setFormula(r, 5, `${address(r, 4)}-${address(r, 3)}`, ratio ? 'percent' : d.format);
    tab.set(r, 6, tol, ratio ? 'percent' : 'general');
    tab.setFormula(r, 7, `IF(ABS(${address(r, 5)})<=${address(r, 6)},"PASS","FAIL")`, 'general');
    tab.set(r, 8, `${fact.provenance.table} line ${fact.provenance.line}: "${fact.provenance.rowLabel}" ${fact.provenance.column}`);
  }

  // 2. Identities verified by the calculation module.
  const sec2 = tab.addRow();
  tab.set(sec2, 0, 'Identities verified by the calculation module');
  tab.style(sec2, 0, 1, 1, STYLE.section);
  for (const c of model.checks()) {
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
  }
  const last = tab.row - 1;
  const status = `${address(first, 7)}:${address(last, 7)}`;
  const summary: [number, string, string][] = [
    [sRun, 'Checks run', `COUNTIF(${status},"PASS")+COUNTIF(${status},"FAIL")`],
    [sPass, 'Passed', `COUNTIF(${status},"PASS")`],
    [sFail, 'Failed', `COUNTIF(${status},"FAIL")`],
  ];
  const total = tab.values.slice(first).filter((row, i) => row[7] === 'PASS' || row[7] === 'FAIL' || tab.formulas[first + i][7]).length;
  const failing = model.checks().filter((c) => !c.pass).length;
  for (const [r, label, f] of summary) {
    tab.set(r, 0, label);
    tab.style(r, 0, 1, 1, { bold: true });
    tab.setFormula(r, 1, f, 'general', {
      value: label === 'Checks run' ? total : label === 'Passed' ? total - failing : failing,
      tolerance: 0,
      rule: 'count of the status column',
    });
  }
  tab.set(sAll, 0, 'Status');
  tab.style(sAll, 0, 1, 1, { bold: true });
  tab.setFormula(sAll, 1, `IF(${address(sFail, 1)}=0,"ALL CHECKS PASS","CHECKS FAILING")`, 'general');
  tab.style(sAll, 1, 1, 1, { bold: true });
  tab.nameCell('KC_CHECKS_FAILED', sFail, 1, 'Number of failing checks in the model (0 when the model ties to the release)');
  tab.widths = [420, 80, 60, 100, 100, 90, 70, 60, 380];
}
