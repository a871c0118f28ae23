import { ModelError } from './errors';

/**
 * The metric catalogue: a public contract. Ids are stored in users' workbooks (`=KC.METRIC("gross_margin", ...)`),
 * so they are never renamed; new metrics are added.
 */

export type StatementId = 'income_statement' | 'non_gaap' | 'balance_sheet' | 'cash_flow' | 'operating';

/**
 * - `amount`: money in thousands (RMB or US$);
 * - `ratio`: a fraction of total revenues (or of its stated base);
 * - `per_share`: currency units per share;
 * - `shares`: a count;
 * - `rate`: RMB per US$.
 */
export type MetricUnit = 'amount' | 'ratio' | 'per_share' | 'shares' | 'rate';

/** `flow` metrics cover a period (quarter, half-year); `stock` metrics are read at a date. */
export type MetricBasis = 'flow' | 'stock' | 'constant';

export interface MetricDef {
  id: string;
  label: string;
  statement: StatementId;
  unit: MetricUnit;
  basis: MetricBasis;
}

const m = (id: string, label: string, statement: StatementId, unit: MetricUnit, basis: MetricBasis): MetricDef => ({ id, label, statement, unit, basis });

const IS = 'income_statement' as const;
const NG = 'non_gaap' as const;
const BS = 'balance_sheet' as const;
const CF = 'cash_flow' as const;
const OP = 'operating' as const;

export const CATALOGUE: readonly MetricDef[] = [
  // Statements of comprehensive loss (signs as presented: costs, expenses, losses and tax expense negative)
  m('public_cloud_revenue', 'Public cloud services revenue', IS, 'amount', 'flow'),
  m('enterprise_cloud_revenue', 'Enterprise cloud services revenue', IS, 'amount', 'flow'),
  m('other_revenue', 'Other revenues', IS, 'amount', 'flow'),
  m('total_revenues', 'Total revenues', IS, 'amount', 'flow'),
  m('cost_of_revenues', 'Cost of revenues', IS, 'amount', 'flow'),
  m('gross_profit', 'Gross profit', IS, 'amount', 'flow'),
  m('selling_marketing', 'Selling and marketing expenses', IS, 'amount', 'flow'),
  m('general_admin', 'General and administrative expenses', IS, 'amount', 'flow'),
  m('research_development', 'Research and development expenses', IS, 'amount', 'flow'),
  m('impairment_long_lived_assets', 'Impairment of long-lived assets', IS, 'amount', 'flow'),
  m('total_operating_expenses', 'Total operating expenses', IS, 'amount', 'flow'),
  m('operating_loss', 'Operating loss', IS, 'amount', 'flow'),
  m('interest_income', 'Interest income', IS, 'amount', 'flow'),
  m('interest_expense', 'Interest expense', IS, 'amount', 'flow'),
  m('fx_loss', 'Foreign exchange loss', IS, 'amount', 'flow'),
  m('other_loss_net', 'Other loss, net', IS, 'amount', 'flow'),
  m('other_income_expense_net', 'Other income (expense), net', IS, 'amount', 'flow'),
  m('loss_before_income_taxes', 'Loss before income taxes', IS, 'amount', 'flow'),
  m('income_tax', 'Income tax (expense) benefit', IS, 'amount', 'flow'),
  m('net_loss', 'Net loss', IS, 'amount', 'flow'),
  m('net_loss_nci', 'Net income (loss) attributable to non-controlling interests', IS, 'amount', 'flow'),
  m('net_loss_attributable', 'Net loss attributable to Kingsoft Cloud Holdings Limited', IS, 'amount', 'flow'),
  m('eps_basic_diluted', 'Net loss per share, basic and diluted', IS, 'per_share', 'flow'),
  m('weighted_shares', 'Shares used in the net loss per share computation, basic and diluted', IS, 'shares', 'flow'),
  m('fx_translation_adjustments', 'Foreign currency translation adjustments', IS, 'amount', 'flow'),
  m('comprehensive_loss', 'Comprehensive loss', IS, 'amount', 'flow'),
  m('comprehensive_loss_nci', 'Comprehensive income (loss) attributable to non-controlling interests', IS, 'amount', 'flow'),
  m('comprehensive_loss_attributable', 'Comprehensive loss attributable to Kingsoft Cloud Holdings Limited shareholders', IS, 'amount', 'flow'),

  // Non-GAAP measures and margins, as the release defines them
  m('sbc_cost_of_revenues', 'Share-based compensation allocated in cost of revenues', NG, 'amount', 'flow'),
  m('adj_gross_profit', 'Adjusted gross profit (Non-GAAP)', NG, 'amount', 'flow'),
  m('gross_margin', 'Gross margin', NG, 'ratio', 'flow'),
  m('adj_gross_margin', 'Adjusted gross margin (Non-GAAP)', NG, 'ratio', 'flow'),
  m('sbc', 'Share-based compensation expenses', NG, 'amount', 'flow'),
  m('adj_net_loss', 'Adjusted net loss (Non-GAAP)', NG, 'amount', 'flow'),
  m('depreciation_amortization', 'Depreciation and amortization', NG, 'amount', 'flow'),
  m('adj_ebitda', 'Adjusted EBITDA (Non-GAAP)', NG, 'amount', 'flow'),
  m('disposal_loss_gain', 'Loss (gain) on disposal of property and equipment', NG, 'amount', 'flow'),
  m('normalized_adj_ebitda', 'Normalized adjusted EBITDA', NG, 'amount', 'flow'),
  m('net_loss_margin', 'Net loss margin', NG, 'ratio', 'flow'),
  m('adj_net_loss_margin', 'Adjusted net loss margin (Non-GAAP)', NG, 'ratio', 'flow'),
  m('adj_ebitda_margin', 'Adjusted EBITDA margin (Non-GAAP)', NG, 'ratio', 'flow'),
  m('normalized_adj_ebitda_margin', 'Normalized adjusted EBITDA margin', NG, 'ratio', 'flow'),
  m('adj_operating_income', 'Non-GAAP operating profit (loss)', NG, 'amount', 'flow'),
  m('adj_operating_margin', 'Non-GAAP operating profit (loss) margin', NG, 'ratio', 'flow'),
  // Sign-neutral ids beside the ids named for a loss (which never change): the same figures, signs as presented.
  m('net_income', 'Net income (loss), sign as presented (same figure as net_loss)', IS, 'amount', 'flow'),
  m('operating_income', 'Operating income (loss), sign as presented (same figure as operating_loss)', IS, 'amount', 'flow'),
  m('adj_net_income', 'Adjusted net income (loss) (Non-GAAP), sign as presented (same figure as adj_net_loss)', NG, 'amount', 'flow'),

  // Balance sheet (contra items negative, as presented)
  m('cash', 'Cash and cash equivalents', BS, 'amount', 'stock'),
  m('restricted_cash', 'Restricted cash', BS, 'amount', 'stock'),
  m('accounts_receivable', 'Accounts receivable, net', BS, 'amount', 'stock'),
  m('prepayments_current', 'Prepayments and other assets (current)', BS, 'amount', 'stock'),
  m('due_from_related_current', 'Amounts due from related parties (current)', BS, 'amount', 'stock'),
  m('total_current_assets', 'Total current assets', BS, 'amount', 'stock'),
  m('property_equipment', 'Property and equipment, net', BS, 'amount', 'stock'),
  m('intangible_assets', 'Intangible assets, net', BS, 'amount', 'stock'),
  m('goodwill', 'Goodwill', BS, 'amount', 'stock'),
  m('prepayments_noncurrent', 'Prepayments and other assets (non-current)', BS, 'amount', 'stock'),
  m('equity_investments', 'Equity investments', BS, 'amount', 'stock'),
  m('due_from_related_noncurrent', 'Amounts due from related parties (non-current)', BS, 'amount', 'stock'),
  m('operating_lease_rou', 'Operating lease right-of-use assets', BS, 'amount', 'stock'),
  m('total_noncurrent_assets', 'Total non-current assets', BS, 'amount', 'stock'),
  m('total_assets', 'Total assets', BS, 'amount', 'stock'),
  m('accounts_payable', 'Accounts payable', BS, 'amount', 'stock'),
  m('accrued_expenses', 'Accrued expenses and other current liabilities', BS, 'amount', 'stock'),
  m('short_term_loans', 'Short-term bank loans', BS, 'amount', 'stock'),
  m('income_tax_payable', 'Income tax payable', BS, 'amount', 'stock'),
  m('due_to_related_current', 'Amounts due to related parties (current)', BS, 'amount', 'stock'),
  m('operating_lease_liab_current', 'Current operating lease liabilities', BS, 'amount', 'stock'),
  m('total_current_liabilities', 'Total current liabilities', BS, 'amount', 'stock'),
  m('long_term_loans', 'Long-term bank loans', BS, 'amount', 'stock'),
  m('due_to_related_noncurrent', 'Amounts due to related parties (non-current)', BS, 'amount', 'stock'),
  m('deferred_tax_liabilities', 'Deferred tax liabilities', BS, 'amount', 'stock'),
  m('other_liabilities', 'Other liabilities', BS, 'amount', 'stock'),
  m('operating_lease_liab_noncurrent', 'Non-current operating lease liabilities', BS, 'amount', 'stock'),
  m('total_noncurrent_liabilities', 'Total non-current liabilities', BS, 'amount', 'stock'),
  m('total_liabilities', 'Total liabilities', BS, 'amount', 'stock'),
  m('ordinary_shares', 'Ordinary shares', BS, 'amount', 'stock'),
  m('treasury_stock', 'Treasury stock', BS, 'amount', 'stock'),
  m('additional_paid_in_capital', 'Additional paid-in capital', BS, 'amount', 'stock'),
  m('statutory_reserves', 'Statutory reserves funds', BS, 'amount', 'stock'),
  m('accumulated_deficit', 'Accumulated deficit', BS, 'amount', 'stock'),
  m('aoci', 'Accumulated other comprehensive income', BS, 'amount', 'stock'),
  m('total_kc_equity', "Total Kingsoft Cloud Holdings Limited shareholders' equity", BS, 'amount', 'stock'),
  m('noncontrolling_interests', 'Non-controlling interests', BS, 'amount', 'stock'),
  m('total_equity', 'Total equity', BS, 'amount', 'stock'),
  m('total_liabilities_equity', "Total liabilities, non-controlling interests and shareholders' equity", BS, 'amount', 'stock'),

  // Cash flow summary
  m('cfo', 'Net cash generated from (used in) operating activities', CF, 'amount', 'flow'),
  m('cfi', 'Net cash generated from (used in) investing activities', CF, 'amount', 'flow'),
  m('cff', 'Net cash (used in) generated from financing activities', CF, 'amount', 'flow'),
  m('fx_effect_cash', 'Effect of exchange rate changes on cash, cash equivalents and restricted cash', CF, 'amount', 'flow'),
  m('net_change_cash', 'Net increase (decrease) in cash, cash equivalents and restricted cash', CF, 'amount', 'flow'),
  m('cash_begin', 'Cash, cash equivalents and restricted cash at beginning of period', CF, 'amount', 'flow'),
  m('cash_end', 'Cash, cash equivalents and restricted cash at end of period', CF, 'amount', 'flow'),

  // Facts given only in the prose
  m('ai_revenue', 'AI revenue', OP, 'amount', 'flow'),
  m('ai_gross_billing', 'Gross billing of AI business (stated from 2025)', OP, 'amount', 'flow'),
  m('ecosystem_revenue', 'Ecosystem revenue (stated from 2025)', OP, 'amount', 'flow'),
  m('idc_costs', 'IDC costs (in cost of revenues)', OP, 'amount', 'flow'),
  m('cost_depreciation_amortization', 'Depreciation and amortization costs (in cost of revenues)', OP, 'amount', 'flow'),
  m('solution_costs', 'Solution development and services costs', OP, 'amount', 'flow'),
  m('fulfillment_costs', 'Fulfillment costs', OP, 'amount', 'flow'),
  m('other_costs', 'Other costs (in cost of revenues)', OP, 'amount', 'flow'),
  m('shares_outstanding', 'Ordinary shares outstanding', OP, 'shares', 'stock'),
  m('ads_outstanding', 'ADSs outstanding equivalent (1 ADS = 15 ordinary shares)', OP, 'shares', 'stock'),
  m('fx_rate', 'Convenience translation rate (RMB per US$)', OP, 'rate', 'constant'),

  // Analyst additions, each derived from release figures
  m('public_cloud_mix', 'Public cloud share of total revenues', OP, 'ratio', 'flow'),
  m('enterprise_cloud_mix', 'Enterprise cloud share of total revenues', OP, 'ratio', 'flow'),
  m('ai_share_public_cloud', 'AI revenue share of public cloud revenue', OP, 'ratio', 'flow'),
  m('opex_ratio', 'Total operating expenses as a share of total revenues', OP, 'ratio', 'flow'),
  m('total_debt', 'Total bank loans', BS, 'amount', 'stock'),
  m('net_debt', 'Net debt (bank loans less cash and restricted cash)', BS, 'amount', 'stock'),
  // Library additions
  m('net_cash', 'Net cash (cash and restricted cash less bank loans; positive when cash exceeds loans)', BS, 'amount', 'stock'),
  m('eps_per_ads', 'Net loss per ADS, basic and diluted (1 ADS = 15 ordinary shares, per KC\'s ADS programme)', IS, 'per_share', 'flow'),
];

/** Sign-neutral ids and the metric whose figures they serve. */
export const METRIC_ALIASES: Readonly<Record<string, string>> = { net_income: 'net_loss', operating_income: 'operating_loss', adj_net_income: 'adj_net_loss' };

const BY_ID = new Map(CATALOGUE.map((d) => [d.id, d]));

/** Looks a metric up by id, case-insensitively and ignoring surrounding whitespace. */
export function findMetric(id: string): MetricDef | undefined {
  return BY_ID.get(id.trim().toLowerCase());
}

/** The metric for an id, or the error a cell shows: the id is unknown, with the nearest ids if any. */
export function requireMetric(id: string): MetricDef {
  const def = findMetric(id);
  if (def) return def;
  const t = id.trim().toLowerCase();
  const near = CATALOGUE.filter((d) => t.length >= 3 && (d.id.includes(t.replace(/[\s-]+/g, '_')) || t.includes(d.id))).map((d) => d.id);
  throw new ModelError(
    'unknown_metric',
    `"${id.trim()}" is not a metric id.${near.length ? ` Did you mean ${near.slice(0, 3).join(', ')}?` : ''} See =KC.METRICS() for the ${CATALOGUE.length} ids (e.g. total_revenues, adj_ebitda, gross_margin).`,
  );
}
