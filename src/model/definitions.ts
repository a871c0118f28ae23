/** Ratios the model computes from amounts: numerator / denominator (× sign). All over total revenues unless stated. */
export const RATIOS: Record<string, { num: string; den: string; sign?: -1; text: string }> = {
  gross_margin: { num: 'gross_profit', den: 'total_revenues', text: 'gross profit / total revenues' },
  adj_gross_margin: { num: 'adj_gross_profit', den: 'total_revenues', text: 'adjusted gross profit / total revenues' },
  net_loss_margin: { num: 'net_loss', den: 'total_revenues', text: 'net loss / total revenues' },
  adj_net_loss_margin: { num: 'adj_net_loss', den: 'total_revenues', text: 'adjusted net loss / total revenues' },
  adj_ebitda_margin: { num: 'adj_ebitda', den: 'total_revenues', text: 'adjusted EBITDA / total revenues' },
  normalized_adj_ebitda_margin: { num: 'normalized_adj_ebitda', den: 'total_revenues', text: 'normalized adjusted EBITDA / total revenues' },
  adj_operating_margin: { num: 'adj_operating_income', den: 'total_revenues', text: 'non-GAAP operating profit (loss) / total revenues' },
  public_cloud_mix: { num: 'public_cloud_revenue', den: 'total_revenues', text: 'public cloud revenue / total revenues' },
  enterprise_cloud_mix: { num: 'enterprise_cloud_revenue', den: 'total_revenues', text: 'enterprise cloud revenue / total revenues' },
  ai_share_public_cloud: { num: 'ai_revenue', den: 'public_cloud_revenue', text: 'AI revenue / public cloud revenue' },
  opex_ratio: { num: 'total_operating_expenses', den: 'total_revenues', sign: -1, text: '- total operating expenses / total revenues' },
};

/** Balance-sheet figures the model adds: Σ sign × part, in each currency. */
export const STOCK_SUMS: Record<string, { parts: [string, 1 | -1][]; text: string }> = {
  total_debt: { parts: [['short_term_loans', 1], ['long_term_loans', 1]], text: 'short-term bank loans + long-term bank loans' },
  net_debt: {
    parts: [['short_term_loans', 1], ['long_term_loans', 1], ['cash', -1], ['restricted_cash', -1]],
    text: 'short-term + long-term bank loans - cash and cash equivalents - restricted cash',
  },
  // Net debt's positive reading for a company holding more cash than loans: no sign to guess.
  net_cash: {
    parts: [['cash', 1], ['restricted_cash', 1], ['short_term_loans', -1], ['long_term_loans', -1]],
    text: 'cash and cash equivalents + restricted cash - short-term - long-term bank loans (positive: more cash than bank loans)',
  },
};

/** One ADS represents 15 ordinary shares: a fact of KC's ADS programme (not of any one release's text). */
export const SHARES_PER_ADS = 15;
export const EPS_PER_ADS_TEXT = `net loss attributable × 1,000 / (weighted-average shares / ${SHARES_PER_ADS}): 1 ADS = ${SHARES_PER_ADS} ordinary shares under KC's ADS programme`;

/**
 * The release's non-GAAP definitions ("Use of Non-GAAP Financial Measures" and its footnotes), in the statements'
 * signs: costs, losses and tax expense are negative, so "adding back" a loss subtracts the printed line.
 */
export const NON_GAAP: Record<string, { parts: [string, 1 | -1][]; text: string }> = {
  adj_gross_profit: { parts: [['gross_profit', 1], ['sbc_cost_of_revenues', 1]], text: 'gross profit + share-based compensation in cost of revenues' },
  adj_net_loss: {
    parts: [['net_loss', 1], ['sbc', 1], ['fx_loss', -1], ['impairment_long_lived_assets', -1]],
    text: 'net loss + share-based compensation + foreign exchange loss + impairment of long-lived assets',
  },
  adj_ebitda: {
    parts: [['adj_net_loss', 1], ['interest_income', -1], ['interest_expense', -1], ['income_tax', -1], ['depreciation_amortization', 1]],
    text: 'adjusted net loss - interest income + interest expense + income tax expense (benefit) + depreciation and amortization',
  },
  normalized_adj_ebitda: { parts: [['adj_ebitda', 1], ['disposal_loss_gain', 1]], text: 'adjusted EBITDA + loss (gain) on disposal of property and equipment' },
};

/** Cash-flow lines that add up over quarters (the balances do not). */
export const CASH_FLOWS = ['cfo', 'cfi', 'cff', 'fx_effect_cash', 'net_change_cash'];
