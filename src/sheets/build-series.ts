import { layouts } from '../filing/layout';
import { printedLabels } from './printed-labels';
import Decimal from 'decimal.js';
import type { CheckResult, Fact } from '../filing/types';
import { periodsOf } from './columns';
import { tryGet, type ModelReader } from './model-reader';
import type { SheetPlan, TabPlan } from './plan';
import { flowColumnPeriod, flowSeriesColumns, isPrinted, periodIdentity, stockSeriesColumns, type SeriesColumn } from './series';
import { openingDate } from '../filing/periods';
import { amount, blank, formula, section, writeLines, PRINTED as P, type DerivedCell, type LineDef } from './statement';
import { STYLE } from './styles';
import { CHECK_COLUMNS, PRINTED_TABLES, writeChecks } from './tabs/checks';
import { revenueCostLines } from './tabs/revenue-costs';
import { usdFigures, writeSeriesSources } from './tabs/series-sources';
import { BALANCE_SHEET, INCOME_STATEMENT, NON_GAAP } from './tabs/statements';
import { Registry, TabBuilder, type ColumnDef } from './tab-builder';
import { MODEL_TABS, TAB_COLORS } from './model-tabs';

/** The balance-sheet dates a flow column's period opens from (the day before it starts) and closes on. */
const openingDateOf = (period: string) => {
  const p = flowColumnPeriod(period);
  return p && openingDate(p);
};
const closingDate = (period: string) => flowColumnPeriod(period)?.end;

function cashFlowSeriesLines(model: ModelReader): LineDef[] {
  // The balance sheet's cash and restricted cash at the period's end (beginning) beside the statement's figure: a
  // link, whose value is the balance sheet's (the statement's own figure is checked against its release).
  const tie = (key: string, label: string, date: (p: string) => string | undefined): LineDef =>
    formula(key, label, '', {
      metric: undefined,
      link: true,
      formulaFor: (c) => {
        const d = date(c.period);
        return d ? `{BS:cash|${d}}+{BS:restricted_cash|${d}}` : undefined;
      },
      expect: (c) => {
        const d = date(c.period);
        const a = d ? tryGet(model, 'cash', d) : undefined;
        const b = d ? tryGet(model, 'restricted_cash', d) : undefined;
        return a && b ? a.value.add(b.value) : undefined;
      },
    });
  return [
    amount('cfo', P, { named: true }),
    amount('cfi', P),
    amount('cff', P),
    amount('fx_effect_cash', P),
    formula('net_change_cash', P, 'SUM({cfo}:{fx_effect_cash})', { total: 'total' }),
    amount('cash_begin', P),
    formula('cash_end', P, '{cash_begin}+{net_change_cash}', { total: 'grand', named: true }),
    blank(1),
    section('Tie to the balance sheet'),
    tie('bs_cash_end', 'Balance sheet: cash and cash equivalents + restricted cash at end of period', closingDate),
    tie('bs_cash_begin', 'Balance sheet: cash and cash equivalents + restricted cash at beginning of period', openingDateOf),
  ].map((l) => (l.formula === '' ? { ...l, formula: undefined } : l));
}

const CHAIN_KINDS: Record<string, string> = {
  'chain.balance': 'balance sheets: a date printed by several releases gives the same figures',
  'chain.cash': 'cash: each period’s ending cash is the next period’s beginning cash',
  'chain.ytd': 'year-to-date: each year-to-date figure is the sum of its quarters, across releases',
};

/**
 * The chains across releases, as KC Checks lists them: the passing checks one row per kind (how many), each failing
 * check on its own row. Listing every passing check would grow KC Checks by thousands of rows over years.
 */
function summarizeChains(all: CheckResult[]): CheckResult[] {
  const kinds = new Map<string, CheckResult[]>();
  for (const c of all) {
    const kind = c.id.split('.').slice(0, 2).join('.');
    kinds.set(kind, [...(kinds.get(kind) ?? []), c]);
  }
  const out: CheckResult[] = [];
  for (const [kind, checks] of kinds) {
    const passed = checks.filter((c) => c.pass);
    const n = new Decimal(passed.length);
    if (passed.length) {
      out.push({
        id: kind,
        name: `${passed.length} of ${checks.length} chain checks passed — ${CHAIN_KINDS[kind] ?? kind}`,
        kind: 'chain',
        period: `${passed[0].period} … ${passed[passed.length - 1].period}`,
        currency: null,
        expected: n,
        actual: n,
        difference: new Decimal(0),
        tolerance: new Decimal(0),
        toleranceRule: 'expected and actual: chain checks passed (each within its own tolerance); failures are listed on their own rows',
        pass: true,
      });
    }
    out.push(...checks.filter((c) => !c.pass));
  }
  return out;
}

/** The revenue and cost lines over a series: links to the statement tabs in every column, each row where it is given. */
function revenueCostSeriesLines(model: ModelReader, latest: string): LineDef[] {
  const has = (metric: string, period: string) => tryGet(model, metric, period) !== undefined;
  const components = ['idc_costs', 'cost_depreciation_amortization', 'solution_costs', 'fulfillment_costs', 'other_costs'];
  return revenueCostLines(periodsOf(latest), model).map((l) => {
    if (l.link) return { ...l, formulaFor: () => `{IS:${l.key}}` };
    if (l.key === 'ai_share_public_cloud') return { ...l, only: (c: ColumnDef) => has('ai_revenue', c.period) };
    if (l.key === 'cost_components' || l.key === 'cost_unexplained') return { ...l, only: (c: ColumnDef) => components.every((m) => has(m, c.period)) };
    return l.only ? { ...l, only: undefined } : l;
  });
}

/**
 * The model tabs of a library of many releases: one time series per tab, RMB (US$ figures stay available through
 * the functions and the Sources tab). The tab names, row layout, styles and names KC_<METRIC>_<PERIOD> are those of
 * the single-release tabs.
 */
export function buildSeriesPlan(model: ModelReader): SheetPlan {
  const latest = model.release.quarter;
  const releases = model.releases!();
  const registry = new Registry();
  const names = new Map<string, string>(MODEL_TABS.map((t) => [t.code, t.name]));
  const span = `${releases[0].quarter.replace('-', ' ')} to ${latest.replace('-', ' ')}`;
  const source = `Source: ${model.release.company}, unaudited earnings releases ${span} (${releases.length} releases, Form 6-K exhibit 99.1). Blue: reported figures; black: formulas; black italic: derived from other periods (shaded columns: half-year, nine months, full year); green: links to other tabs.`;
  const units = (what: string) => `${what} in thousands of RMB (US$ figures: the KC functions and the Sources tab)`;
  const derived: DerivedCell[] = [];
  const tabs: TabPlan[] = [];
  const allNames: SheetPlan['names'] = [];
  const tables = layouts(periodsOf(latest));
  const PRINTED_IN = printedLabels(tables);
  const fill = { printed: isPrinted, identity: periodIdentity };
  const statement = (t: (typeof MODEL_TABS)[number], title: string, unitLine: string, columns: SeriesColumn[], lines: LineDef[]) => {
    const tab = new TabBuilder(t.key, t.name, columns.length + 1, registry);
    // Pages across, labels repeated: one page wide would shrink 50-76 columns to an unreadable scale.
    tab.print = { landscape: true, pagesAcross: true };
    tab.titleBlock(title, unitLine, source);
    tab.periodHeaders(columns);
    const currencyRow = tab.freeze.rows - 1;
    derived.push(...writeLines(tab, t.code, columns, lines, model, PRINTED_IN[t.code], fill));
    tab.fitLabelColumn();
    // Derived columns say so under their header; year-to-date columns are shaded, from the headers down.
    columns.forEach((c, i) => {
      if (c.derived) {
        tab.set(currencyRow, i + 1, 'RMB, derived');
        tab.style(currencyRow, i + 1, 1, 1, { italic: true });
      }
      if (c.ytd) tab.style(currencyRow - 2, i + 1, tab.row - currencyRow + 2, 1, STYLE.ytdShade);
    });
    tabs.push(tab.toPlan(TAB_COLORS[t.key]));
    allNames.push(...tab.names);
  };
  const [IS, BS, CF, NG, RC, CK, SRC] = MODEL_TABS;
  statement(IS, 'Kingsoft Cloud — unaudited condensed consolidated statements of comprehensive loss', units('Amounts') + ', except share and per-share data', flowSeriesColumns(model, 'total_revenues'), INCOME_STATEMENT);
  statement(BS, 'Kingsoft Cloud — unaudited condensed consolidated balance sheets', units('Amounts'), stockSeriesColumns(model, 'cash'), BALANCE_SHEET);
  statement(CF, 'Kingsoft Cloud — unaudited condensed consolidated statement of cash flows (summary)', units('Amounts'), flowSeriesColumns(model, 'cfo'), cashFlowSeriesLines(model));
  statement(NG, 'Kingsoft Cloud — non-GAAP reconciliations and margins', units('Amounts') + '; margins as a percentage of total revenues', flowSeriesColumns(model, 'total_revenues'), NON_GAAP);
  statement(RC, 'Kingsoft Cloud — revenue mix, AI revenue, cost breakdown and growth', 'Amounts in thousands of RMB; shares of revenues and growth as percentages; mix changes in percentage points', flowSeriesColumns(model, 'total_revenues'), revenueCostSeriesLines(model, latest));

  const chains = summarizeChains(model.chainChecks?.() ?? []);
  // Live checks compare the formulas with the figures the latest release prints (as on the single-release tabs):
  // earlier releases were checked when they were read, and the chains tie each release's figures to the others'.
  // Checking every column of every release would multiply KC Checks by the number of releases.
  const printed = (metric: string, period: string, currency: string | null): Fact | undefined =>
    model.release.facts.find((f) => f.metric === metric && f.period === period && PRINTED_TABLES.has(f.table) && (f.currency === currency || f.unit === 'ratio'));
  const checks = new TabBuilder(CK.key, CK.name, CHECK_COLUMNS, registry);
  // One row per release: the checks the add-in ran on it when it was read (its gate accepts no release that fails one).
  const recorded: CheckResult[] = (releases as { quarter: string; form?: string; checksPassed?: number }[]).map((r) => {
    const n = new Decimal(r.checksPassed ?? 0);
    return {
      id: `release.${r.quarter}`,
      name: `${r.quarter.replace('-', ' ')} release (${r.form ?? 'text'}): ${n.toString()} checks, all passed`,
      kind: 'release',
      period: r.quarter,
      currency: null,
      expected: n,
      actual: n,
      difference: new Decimal(0),
      tolerance: new Decimal(0),
      toleranceRule: 'expected: checks run; actual: checks passed (a release that fails one is refused)',
      pass: true,
    };
  });
  writeChecks(checks, model, derived, names, {
    printed,
    chains,
    recorded,
    liveTitle: `Live checks: model tab formulas against the figures printed in the latest release, ${latest.replace('-', ' ')} (they recalculate when an input changes)`,
    recordedTitle: 'Release checks run by the add-in when it read each release (recorded, one row per release: checks run and passed)',
    source: `Source: ${model.release.company}, earnings releases ${span} (${releases.length} releases)`,
  });
  tabs.push(checks.toPlan(TAB_COLORS.checks));
  allNames.push(...checks.names);

  const usdNamed = [...INCOME_STATEMENT, ...BALANCE_SHEET, ...cashFlowSeriesLines(model), ...NON_GAAP]
    .filter((l) => l.named && l.metric && (l.format ?? 'amount') !== 'percent')
    .map((l) => ({ metric: l.metric!, label: l.label === P ? l.metric! : l.label, perShare: l.format === 'perShare' }));
  const usd = usdFigures(model, usdNamed);
  const sources = new TabBuilder(SRC.key, SRC.name, 13, registry);
  writeSeriesSources(sources, model, span, usd);
  tabs.push(sources.toPlan(TAB_COLORS.sources));
  allNames.push(...sources.names);

  return { release: `${model.release.company} ${latest}`, tabs, names: allNames };
}
