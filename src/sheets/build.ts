import { layouts } from '../filing/layout';
import { printedLabels } from './printed-labels';
import { periodsOf, analysisColumns, balanceColumns, cashFlowColumns, incomeColumns } from './columns';
import { MODEL_TABS, TAB_COLORS } from './model-tabs';
import { isSeries, type ModelReader } from './model-reader';
import { buildSeriesPlan } from './build-series';
import type { SheetPlan, TabPlan } from './plan';
import { writeLines, type DerivedCell } from './statement';
import { CHECK_COLUMNS, writeChecks } from './tabs/checks';
import { revenueCostLines } from './tabs/revenue-costs';
import { writeSources } from './tabs/sources';
import { BALANCE_SHEET, INCOME_STATEMENT, NON_GAAP, cashFlowLines } from './tabs/statements';
import { Registry, TabBuilder, type ColumnDef } from './tab-builder';
import type { LineDef } from './statement';

export { MODEL_TABS, TAB_COLORS };

/** Builds every model tab from the model: one plan, drawn the same by the Office.js and the .xlsx renderers. */
export function buildPlan(model: ModelReader): SheetPlan {
  // A library of many releases: the tabs are a time series (the shipped release alone keeps the release's layout).
  if (isSeries(model)) return buildSeriesPlan(model);
  const p = periodsOf(model.release.quarter);
  const registry = new Registry();
  const names = new Map<string, string>(MODEL_TABS.map((t) => [t.code, t.name]));
  const source = `Source: ${model.release.company}, unaudited ${p.quarter.replace('-', ' ')} earnings release (Form 6-K exhibit 99.1). Blue: reported figures; black: formulas; green: links to other tabs.`;
  const fx = model.release.facts.find((f) => f.row === 'fx_rate')?.value.toString() ?? '7.2672';
  const units = (what: string) => `${what} in thousands of RMB or US$ (US$ at the release's convenience rate of RMB${fx} = US$1.00)`;
  const derived: DerivedCell[] = [];
  const tabs: TabPlan[] = [];
  const allNames: SheetPlan['names'] = [];

  // Row labels as the release prints them, from the parser's table layouts.
  const tables = layouts(p);
  const PRINTED_IN = printedLabels(tables);
  const statement = (t: (typeof MODEL_TABS)[number], title: string, unitLine: string, columns: ColumnDef[], lines: LineDef[]) => {
    const tab = new TabBuilder(t.key, t.name, columns.length + 1, registry);
    // The balance sheet is long and narrow: portrait, on one page.
    if (t.key === 'balance_sheet') tab.print = { landscape: false, fitToHeight: 1 };
    tab.titleBlock(title, unitLine, source);
    tab.periodHeaders(columns);
    derived.push(...writeLines(tab, t.code, columns, lines, model, PRINTED_IN[t.code]));
    tab.fitLabelColumn();
    tabs.push(tab.toPlan(TAB_COLORS[t.key]));
    allNames.push(...tab.names);
  };
  const [IS, BS, CF, NG, RC, CK, SRC] = MODEL_TABS;
  statement(IS, 'Kingsoft Cloud — unaudited condensed consolidated statements of comprehensive loss', units('Amounts') + ', except share and per-share data', incomeColumns(p), INCOME_STATEMENT);
  statement(BS, 'Kingsoft Cloud — unaudited condensed consolidated balance sheets', units('Amounts'), balanceColumns(p), BALANCE_SHEET);
  statement(CF, 'Kingsoft Cloud — unaudited condensed consolidated statement of cash flows (summary)', units('Amounts'), cashFlowColumns(p), cashFlowLines(p));
  statement(NG, 'Kingsoft Cloud — non-GAAP reconciliations and margins', units('Amounts') + '; margins as a percentage of total revenues', incomeColumns(p), NON_GAAP);
  statement(RC, 'Kingsoft Cloud — revenue mix, AI revenue, cost breakdown and growth', 'Amounts in thousands of RMB; shares of revenues and growth as percentages; mix changes in percentage points', analysisColumns(p), revenueCostLines(p, model));

  const checks = new TabBuilder(CK.key, CK.name, CHECK_COLUMNS, registry);
  writeChecks(checks, model, derived, names);
  tabs.push(checks.toPlan(TAB_COLORS.checks));
  allNames.push(...checks.names);

  const sources = new TabBuilder(SRC.key, SRC.name, 12, registry);
  writeSources(sources, model);
  tabs.push(sources.toPlan(TAB_COLORS.sources));

  return { release: `${model.release.company} ${model.release.quarter}`, tabs, names: allNames };
}
