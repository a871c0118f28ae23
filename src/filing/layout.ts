import { ERA_ROWS, eraRequiresRow } from './eras';
import type { Currency, TableId } from './types';
import type { CellFormat } from './cells';
import { dateLabel, fiscalYear, periodEnding, previousQuarter, priorYear, quarter } from './periods';
import { BoundedMemo } from './bounded-memo';

/**
 * The printed layout of each table of the release: the rows in order (label as printed, key, catalogue metric)
 * and how a table is found. Row order matters: it is how a missing or unknown row is detected.
 */

export interface RowSpec {
  key: string;
  /** Printed label, compared after normalising case, spacing and leading "- " / "Less:". */
  label: string;
  /** Catalogue metric id when the row is that metric with the catalogue's sign. */
  metric?: string;
  /** Section headers carry no figures; figures on one are an OCR garbage row. */
  header?: boolean;
  format?: CellFormat;
  /** Printed rounding of the row's figures (per-share rows are printed to the cent). */
  roundedTo?: string;
  /** Other printed labels of the same row (wording that changed over the releases: "Net (loss) profit"). */
  aliases?: string[];
  /** A row some releases print and others do not (a line added later): never reported missing. */
  optional?: boolean;
  /**
   * A row the layout does not know, kept as printed (`new:<label>`): reported as new, and a part of the subtotal that
   * closes its block. `after` is the key of the known row printed before it.
   */
  asReported?: boolean;
  after?: string;
}

export interface ColumnSpec {
  period: string;
  currency: Currency | null;
  /** Column header as the release prints it. */
  header: string;
}

export interface TableLayout {
  id: TableId;
  title: string;
  /** Title line of a statement table (the other tables have none). */
  anchor?: RegExp;
  rows: RowSpec[];
  columns: ColumnSpec[];
  /** The printed column headers are illegible: columns are taken from this table's layout and proven by identities. */
  headerIllegible?: boolean;
  /** Rows carry no labels in the text: they are identified by identities (see repair.ts). */
  labelsLost?: boolean;
}

/**
 * A row with every property set, in one order (those it does not have undefined): every row is an object of one
 * shape, so that the code reading rows for each cell of each table (the parser, its identities) sees one kind.
 */
export function rowSpec(s: RowSpec, optional = s.optional): RowSpec {
  return { key: s.key, label: s.label, metric: s.metric, header: s.header, format: s.format, roundedTo: s.roundedTo, aliases: s.aliases, optional, asReported: s.asReported, after: s.after };
}

/**
 * A table's layout with every property set, in one order (those it does not have undefined), and its columns (or
 * rows) as given: every layout is an object of one shape, so that the code reading a table's layout for each of its
 * cells sees one kind.
 */
export function tableLayout(l: TableLayout, columns: ColumnSpec[] = l.columns, rows: RowSpec[] = l.rows): TableLayout {
  return { id: l.id, title: l.title, anchor: l.anchor, rows, columns, headerIllegible: l.headerIllegible, labelsLost: l.labelsLost };
}

const r = (key: string, label: string, metric?: string, extra: Partial<RowSpec> = {}): RowSpec => rowSpec({ key, label, metric, ...extra });
const h = (label: string): RowSpec => rowSpec({ key: `header:${label}`, label, header: true });

/** Periods a release's columns cover (examples for the Q2 2024 release). */
export interface ReleasePeriods {
  /** Quarter number of the release, 1–4: Q1 prints three months only, Q2 adds six months, Q3 nine, Q4 the year. */
  q?: number;
  quarter: string; // Q2-2024
  priorYearQuarter: string; // Q2-2023
  priorQuarter: string; // Q1-2024
  ytd: string; // H1-2024
  priorYtd: string; // H1-2023
  quarterEnd: string; // 2024-06-30
  fiscalYearEnd: string; // 2023-12-31
  priorQuarterEnd: string; // 2024-03-31
  priorYearQuarterEnd: string; // 2023-06-30
  quarterEndLabel: string; // Jun 30, 2024
  priorYearQuarterEndLabel: string; // Jun 30, 2023
  priorQuarterEndLabel: string; // Mar 31, 2024
  fiscalYearEndLabel: string; // Dec 31, 2023
}

/** Periods of a quarter-q release of a year (for a first quarter the year to date is the quarter itself). */
export function releasePeriods(q: number, year: number): ReleasePeriods {
  const cur = quarter(q, year);
  const pq = previousQuarter(cur)!;
  const py = priorYear(cur);
  // Year to date: the quarter's months from January (H1 for a second quarter).
  const ytd = periodEnding(3 * q, cur.end)!;
  return {
    q,
    quarter: cur.id,
    priorYearQuarter: py.id,
    priorQuarter: pq.id,
    ytd: ytd.id,
    priorYtd: priorYear(ytd).id,
    quarterEnd: cur.end,
    fiscalYearEnd: fiscalYear(year - 1).end,
    priorQuarterEnd: pq.end,
    priorYearQuarterEnd: py.end,
    quarterEndLabel: dateLabel(cur.end),
    priorYearQuarterEndLabel: dateLabel(py.end),
    priorQuarterEndLabel: dateLabel(pq.end),
    fiscalYearEndLabel: dateLabel(fiscalYear(year - 1).end),
  };
}

const YTD_WORD: Record<number, string> = { 2: 'Six Months Ended', 3: 'Nine Months Ended', 4: 'Year Ended' };

/**
 * The usual column order of a quarter-q release: three months (prior-year quarter, prior quarter, quarter, US$), then
 * the year to date (prior year, this year, US$) except in a first quarter. A table's printed headers decide its
 * actual order (header-columns.ts); this order is used where a table's headers are illegible.
 */
function quarterColumns(p: ReleasePeriods, withCurrency: boolean): ColumnSpec[] {
  const c = (period: string, currency: Currency, words: string, date: string): ColumnSpec => ({
    period,
    currency: withCurrency ? currency : null,
    header: `${words} ${date}${withCurrency ? (currency === 'USD' ? ' US$' : ' RMB') : ''}`,
  });
  const three = 'Three Months Ended';
  const cols = [
    c(p.priorYearQuarter, 'RMB', three, p.priorYearQuarterEndLabel),
    c(p.priorQuarter, 'RMB', three, p.priorQuarterEndLabel),
    c(p.quarter, 'RMB', three, p.quarterEndLabel),
    c(p.quarter, 'USD', three, p.quarterEndLabel),
  ];
  const q = p.q ?? 2;
  if (q !== 1) {
    cols.push(
      c(p.priorYtd, 'RMB', YTD_WORD[q], p.priorYearQuarterEndLabel),
      c(p.ytd, 'RMB', YTD_WORD[q], p.quarterEndLabel),
      c(p.ytd, 'USD', YTD_WORD[q], p.quarterEndLabel),
    );
  }
  // Margin tables print no US$ columns.
  return withCurrency ? cols : cols.filter((_, i) => i !== 3 && i !== 6);
}

export function layouts(p: ReleasePeriods): TableLayout[] {
  return printedLayouts(p).map((l) => tableLayout(l, l.columns, l.rows.map((r) => (ERA_ROWS.has(`${l.id}.${r.key}`) ? eraRow(r, `${l.id}.${r.key}`, p.quarter) : r))));
}

/**
 * A row whose requirement depends on the release's era (eras.ts; `name`, its `table.row`, is in ERA_ROWS): optional
 * outside the eras that print it. The one rule of `layouts` and `sharedLayouts`.
 */
function eraRow(row: RowSpec, name: string, quarter: string): RowSpec {
  // Made with its own `optional` (a copy of the row with it changed after would make every row's changeable).
  return rowSpec(row, !eraRequiresRow(quarter, name));
}

/**
 * The layouts as printed, before the eras decide their optional rows. Their rows are the same in every quarter:
 * `shared` gives a table's row list made before, in place of a new one.
 */
function printedLayouts(p: ReleasePeriods, shared?: (id: TableId) => RowSpec[] | undefined): TableLayout[] {
  const isColumns = quarterColumns(p, true);
  const marginColumns = quarterColumns(p, false);
  const printed: TableLayout[] = [
    {
      id: 'balance_sheet',
      title: 'Unaudited condensed consolidated balance sheets',
      anchor: /CONDENSED CONSOLIDATED BALANCE SHEETS/i,
      columns: [
        { period: p.fiscalYearEnd, currency: 'RMB', header: `${p.fiscalYearEndLabel} RMB` },
        { period: p.quarterEnd, currency: 'RMB', header: `${p.quarterEndLabel} RMB` },
        { period: p.quarterEnd, currency: 'USD', header: `${p.quarterEndLabel} US$` },
      ],
      rows: shared?.('balance_sheet') ?? [
        h('ASSETS'),
        h('Current assets:'),
        r('cash', 'Cash and cash equivalents', 'cash'),
        r('restricted_cash', 'Restricted cash', 'restricted_cash'),
        r('accounts_receivable', 'Accounts receivable, net', 'accounts_receivable'),
        r('prepayments_current', 'Prepayments and other assets', 'prepayments_current'),
        r('due_from_related_current', 'Amounts due from related parties', 'due_from_related_current'),
        r('total_current_assets', 'Total current assets', 'total_current_assets'),
        h('Non-current assets:'),
        r('property_equipment', 'Property and equipment, net', 'property_equipment'),
        r('intangible_assets', 'Intangible assets, net', 'intangible_assets'),
        r('goodwill', 'Goodwill', 'goodwill'),
        r('prepayments_noncurrent', 'Prepayments and other assets', 'prepayments_noncurrent'),
        r('equity_investments', 'Equity investments', 'equity_investments'),
        r('due_from_related_noncurrent', 'Amounts due from related parties', 'due_from_related_noncurrent'),
        r('operating_lease_rou', 'Operating lease right-of-use assets', 'operating_lease_rou'),
        r('total_noncurrent_assets', 'Total non-current assets', 'total_noncurrent_assets'),
        r('total_assets', 'Total assets', 'total_assets'),
        h("LIABILITIES, NON-CONTROLLING INTERESTS AND SHAREHOLDERS' EQUITY Current liabilities:"),
        r('accounts_payable', 'Accounts payable', 'accounts_payable'),
        r('accrued_expenses', 'Accrued expenses and other current liabilities', 'accrued_expenses'),
        r('short_term_loans', 'Short-term bank loans', 'short_term_loans'),
        r('income_tax_payable', 'Income tax payable', 'income_tax_payable'),
        r('due_to_related_current', 'Amounts due to related parties', 'due_to_related_current'),
        r('operating_lease_liab_current', 'Current operating lease liabilities', 'operating_lease_liab_current'),
        r('total_current_liabilities', 'Total current liabilities', 'total_current_liabilities'),
        h('Non-current liabilities:'),
        r('long_term_loans', 'Long-term bank loans', 'long_term_loans'),
        r('due_to_related_noncurrent', 'Amounts due to related parties', 'due_to_related_noncurrent'),
        r('deferred_tax_liabilities', 'Deferred tax liabilities', 'deferred_tax_liabilities'),
        r('other_liabilities', 'Other liabilities', 'other_liabilities'),
        r('operating_lease_liab_noncurrent', 'Non-current operating lease liabilities', 'operating_lease_liab_noncurrent'),
        r('total_noncurrent_liabilities', 'Total non-current liabilities', 'total_noncurrent_liabilities'),
        r('total_liabilities', 'Total liabilities', 'total_liabilities'),
        h("Shareholders' equity:"),
        r('ordinary_shares', 'Ordinary shares', 'ordinary_shares'),
        r('treasury_stock', 'Treasury stock', 'treasury_stock'),
        r('additional_paid_in_capital', 'Additional paid-in capital', 'additional_paid_in_capital'),
        r('statutory_reserves', 'Statutory reserves funds', 'statutory_reserves'),
        r('accumulated_deficit', 'Accumulated deficit', 'accumulated_deficit'),
        r('aoci', 'Accumulated other comprehensive income', 'aoci'),
        r('total_kc_equity', "Total Kingsoft Cloud Holdings Limited shareholders' equity", 'total_kc_equity'),
        r('noncontrolling_interests', 'Non-controlling interests', 'noncontrolling_interests'),
        r('total_equity', 'Total equity', 'total_equity'),
        r('total_liabilities_equity', "Total liabilities, non-controlling interests and shareholders' equity", 'total_liabilities_equity'),
      ],
    },
    {
      id: 'income_statement',
      title: 'Unaudited condensed consolidated statements of comprehensive loss',
      anchor: /CONDENSED CONSOLIDATED STATEMENTS OF COMPREHENSIVE LOSS/i,
      columns: isColumns,
      rows: shared?.('income_statement') ?? [
        h('Revenues:'),
        r('public_cloud_revenue', 'Public cloud services', 'public_cloud_revenue'),
        r('enterprise_cloud_revenue', 'Enterprise cloud services', 'enterprise_cloud_revenue'),
        r('other_revenue', 'Others', 'other_revenue'),
        r('total_revenues', 'Total revenues', 'total_revenues'),
        r('cost_of_revenues', 'Cost of revenues', 'cost_of_revenues'),
        r('gross_profit', 'Gross profit', 'gross_profit'),
        h('Operating expenses:'),
        r('selling_marketing', 'Selling and marketing expenses', 'selling_marketing'),
        r('general_admin', 'General and administrative expenses', 'general_admin'),
        r('research_development', 'Research and development expenses', 'research_development'),
        r('impairment_long_lived_assets', 'Impairment of long-lived assets', 'impairment_long_lived_assets'),
        r('total_operating_expenses', 'Total operating expenses', 'total_operating_expenses'),
        r('operating_loss', 'Operating loss', 'operating_loss', { aliases: ['Operating (loss) profit', 'Operating profit (loss)', 'Operating (loss) income', 'Operating income (loss)'] }),
        r('interest_income', 'Interest income', 'interest_income'),
        r('interest_expense', 'Interest expense', 'interest_expense'),
        r('fx_loss', 'Foreign exchange loss', 'fx_loss'),
        r('other_loss_net', 'Other loss, net', 'other_loss_net'),
        r('other_income_expense_net', 'Other income (expense), net', 'other_income_expense_net'),
        r('loss_before_income_taxes', 'Loss before income taxes', 'loss_before_income_taxes', { aliases: ['(Loss) income before income taxes', '(Loss) profit before income taxes', 'Income (loss) before income taxes'] }),
        r('income_tax', 'Income tax (expense) benefit', 'income_tax', { aliases: ['Income tax (benefit) expense', 'Income tax benefit (expense)', 'Income tax expense', 'Income tax benefit'] }),
        r('net_loss', 'Net loss', 'net_loss', { aliases: ['Net (loss) income', 'Net (loss) profit', 'Net income (loss)', 'Net profit (loss)'] }),
        r('net_loss_nci', 'Less: net income (loss) attributable to non-controlling interests', 'net_loss_nci'),
        r('net_loss_attributable', 'Net loss attributable to Kingsoft Cloud Holdings Limited', 'net_loss_attributable', { aliases: ['Net (loss) income attributable to Kingsoft Cloud Holdings Limited', 'Net (loss) profit attributable to Kingsoft Cloud Holdings Limited'] }),
        h('Net loss per share:'),
        r('eps_basic_diluted', 'Basic and diluted', 'eps_basic_diluted', { format: 'per_share', roundedTo: '0.01' }),
        h('Shares used in the net loss per share computation:'),
        r('weighted_shares', 'Basic and diluted', 'weighted_shares', { format: 'shares' }),
        h('Other comprehensive income (loss), net of tax of nil:'),
        r('fx_translation_adjustments', 'Foreign currency translation adjustments', 'fx_translation_adjustments'),
        r('comprehensive_loss', 'Comprehensive loss', 'comprehensive_loss'),
        r('comprehensive_loss_nci', 'Less: Comprehensive income (loss) attributable to non-controlling interests', 'comprehensive_loss_nci'),
        r('comprehensive_loss_attributable', 'Comprehensive loss attributable to Kingsoft Cloud Holdings Limited shareholders', 'comprehensive_loss_attributable'),
      ],
    },
    {
      id: 'gross_profit_reconciliation',
      title: 'Reconciliation of gross profit to adjusted gross profit',
      // The block right after the income statement whose rows start with figures.
      columns: isColumns,
      headerIllegible: true,
      labelsLost: true,
      rows: shared?.('gross_profit_reconciliation') ?? [
        r('gross_profit', 'Gross profit', 'gross_profit'),
        r('sbc_cost_of_revenues', 'Share-based compensation expenses allocated in cost of revenues', 'sbc_cost_of_revenues'),
        r('adj_gross_profit', 'Adjusted gross profit (Non-GAAP Financial Measure)', 'adj_gross_profit'),
      ],
    },
    {
      id: 'gross_margin_table',
      title: 'Gross margin and adjusted gross margin',
      columns: marginColumns,
      headerIllegible: true,
      rows: shared?.('gross_margin_table') ?? [
        r('gross_margin', 'Gross margin', 'gross_margin', { format: 'percent', roundedTo: '0.001' }),
        r('adj_gross_margin', 'Adjusted gross margin (Non-GAAP Financial Measure)', 'adj_gross_margin', { format: 'percent', roundedTo: '0.001' }),
      ],
    },
    {
      id: 'ebitda_reconciliation',
      title: 'Reconciliation of net loss to adjusted net loss, adjusted EBITDA and normalized adjusted EBITDA',
      columns: isColumns,
      rows: shared?.('ebitda_reconciliation') ?? [
        r('net_loss', 'Net Loss', 'net_loss', { aliases: ['Net (loss) income', 'Net (loss) profit', 'Net income (loss)'] }),
        h('Adjustments:'),
        r('sbc', 'Share-based compensation expenses', 'sbc'),
        r('fx_loss_addback', 'Foreign exchange loss'),
        r('impairment_addback', 'Impairment of long-lived assets'),
        r('adj_net_loss', 'Adjusted net loss (Non-GAAP Financial Measure)', 'adj_net_loss', { aliases: ['Non-GAAP net (loss) profit', 'Non-GAAP net loss', 'Adjusted net (loss) profit (Non-GAAP Financial Measure)', 'Adjusted net (loss) income (Non-GAAP Financial Measure)'] }),
        h('Adjustments:'),
        r('interest_income_adjustment', 'Interest income'),
        r('interest_expense_addback', 'Interest expense'),
        r('income_tax_addback', 'Income tax expense (benefit)', undefined, { aliases: ['Income tax (benefit) expense', 'Income tax expense'] }),
        r('depreciation_amortization', 'Depreciation and amortization', 'depreciation_amortization'),
        r('adj_ebitda', 'Adjusted EBITDA (Non-GAAP Financial Measure)', 'adj_ebitda'),
        r('disposal_loss_gain', 'Loss (gain) on disposal of property and equipment', 'disposal_loss_gain'),
        r('normalized_adj_ebitda', 'Excluding loss or gain on disposal of property and equipment, normalized Adjusted EBITDA', 'normalized_adj_ebitda'),
        // From the Q4 2024 release: operating loss excluding share-based compensation, impairment of long-lived assets
        // and amortization of intangible assets.
        r('operating_loss_start', 'Operating loss', undefined, { optional: true, aliases: ['Operating (loss) profit', 'Operating profit (loss)'] }),
        r('sbc_operating', 'Share-based compensation expenses', undefined, { optional: true }),
        r('impairment_operating', 'Impairment of long-lived assets', undefined, { optional: true }),
        r('amortization_intangibles', 'Amortization of intangible assets', undefined, { optional: true }),
        r('adj_operating_income', 'Non-GAAP operating profit (loss)', 'adj_operating_income', { optional: true, aliases: ['Non-GAAP operating loss', 'Non-GAAP operating (loss) profit'] }),
      ],
    },
    {
      id: 'net_margin_table',
      title: 'Net loss, adjusted net loss and adjusted EBITDA margins',
      columns: marginColumns,
      headerIllegible: true,
      rows: shared?.('net_margin_table') ?? [
        r('net_loss_margin', 'Net loss margin', 'net_loss_margin', { format: 'percent', roundedTo: '0.001' }),
        r('adj_net_loss_margin', 'Adjusted net loss margin (Non-GAAP Financial Measure)', 'adj_net_loss_margin', { format: 'percent', roundedTo: '0.001' }),
        r('adj_ebitda_margin', 'Adjusted EBITDA margin (Non-GAAP Financial Measure)', 'adj_ebitda_margin', { format: 'percent', roundedTo: '0.001' }),
        r('normalized_adj_ebitda_margin', 'Normalized Adjusted EBITDA margin', 'normalized_adj_ebitda_margin', { format: 'percent', roundedTo: '0.001' }),
        r('adj_operating_margin', 'Non-GAAP operating profit (loss) margin', 'adj_operating_margin', { format: 'percent', roundedTo: '0.001', optional: true, aliases: ['Non-GAAP operating margin'] }),
      ],
    },
    {
      id: 'cash_flow',
      title: 'Unaudited condensed consolidated statement of cash flows',
      anchor: /CONDENSED CONSOLIDATED STATEMENTS? OF CASH FLOWS/i,
      columns: isColumns.slice(0, 4),
      rows: shared?.('cash_flow') ?? [
        r('cfo', 'Net cash generated from (used in) operating activities', 'cfo'),
        r('cfi', 'Net cash generated from (used in) investing activities', 'cfi'),
        r('cff', 'Net cash (used in) generated from financing activities', 'cff'),
        r('fx_effect_cash', 'Effect of exchange rate changes on cash, cash equivalents and restricted cash', 'fx_effect_cash'),
        r('net_change_cash', 'Net increase (decrease) in cash, cash equivalents and restricted cash', 'net_change_cash'),
        r('cash_begin', 'Cash, cash equivalents and restricted cash at beginning of period', 'cash_begin'),
        r('cash_end', 'Cash, cash equivalents and restricted cash at end of period', 'cash_end'),
      ],
    },
  ];
  return printed.map((l) => tableLayout(l));
}

/**
 * Each table's rows as printed, made once (from any quarter's layouts: the rows do not depend on it), and which of them
 * the eras decide, with their `table.row` names.
 */
let printedRowsOnce: Map<TableId, { rows: RowSpec[]; era: { index: number; name: string }[] }> | undefined;
function printedRows(p: ReleasePeriods): Map<TableId, { rows: RowSpec[]; era: { index: number; name: string }[] }> {
  if (printedRowsOnce) return printedRowsOnce;
  printedRowsOnce = new Map();
  for (const l of printedLayouts(p)) {
    const era: { index: number; name: string }[] = [];
    for (let i = 0; i < l.rows.length; i++) if (ERA_ROWS.has(`${l.id}.${l.rows[i].key}`)) era.push({ index: i, name: `${l.id}.${l.rows[i].key}` });
    printedRowsOnce.set(l.id, { rows: l.rows, era });
  }
  return printedRowsOnce;
}

/** A table's rows with its era rows optional or not as the quarter's era says (as `layouts` makes them), one list per table and era. */
const rowsByEra = new BoundedMemo<string, RowSpec[]>(64);
function eraRows(id: TableId, p: ReleasePeriods): RowSpec[] {
  const { rows, era } = printedRows(p).get(id)!;
  if (era.length === 0) return rows;
  // Keyed by what the quarter's era says of each era row.
  let key: string = id;
  for (const e of era) key += eraRequiresRow(p.quarter, e.name) ? ' 0' : ' 1';
  let out = rowsByEra.get(key);
  if (out) return out;
  out = rows.slice();
  for (let k = 0; k < era.length; k++) out[era[k].index] = eraRow(rows[era[k].index], era[k].name, p.quarter);
  return rowsByEra.keep(key, out);
}

/**
 * The layouts of a quarter's release, as `layouts` makes them, for callers that never write to a layout (the
 * parser): quarters whose rows say the same share one row list (and what is worked out once per list, the rows by
 * label: tables.ts), and the rows, the same in every quarter, are not made again for each.
 */
export function sharedLayouts(p: ReleasePeriods): TableLayout[] {
  return printedLayouts(p, (id) => eraRows(id, p));
}

const normalised = new BoundedMemo<string, string>(10_000);

/** Normalises a printed label for matching: case, spacing, leading "- " and "Less:". Memoised: labels repeat. */
export function normLabel(label: string): string {
  // A line of prose (located tables look at every line) is no label and is not seen again: not kept, and not looked
  // up (hashing a paragraph to find nothing).
  if (label.length > 200) return normalise(label);
  let n = normalised.get(label);
  if (n === undefined) {
    n = normalise(label);
    normalised.keep(label, n);
  }
  return n;
}

// Each replacement matches only what it changes (a lone space stays, an apostrophe stays): a label already in that
// form is not copied again, and most are (every prose line is looked at when the tables are located).
function normalise(label: string): string {
  return label
    .toLowerCase()
    .replace(/\\\$/g, '$')
    .replace(/^[\s\-–—]+/, '')
    .replace(/^less:\s*/, '')
    .replace(/’/g, "'")
    .replace(/\s\s+|[^\S ]/g, ' ')
    .trim();
}
