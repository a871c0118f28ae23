/** The add-in's own tabs, in workbook order. Their names are a contract: refresh rewrites only these. */
export const MODEL_TABS = [
  { key: 'income_statement', code: 'IS', name: 'KC Income Statement' },
  { key: 'balance_sheet', code: 'BS', name: 'KC Balance Sheet' },
  { key: 'cash_flow', code: 'CF', name: 'KC Cash Flow' },
  { key: 'non_gaap', code: 'NG', name: 'KC Non-GAAP' },
  { key: 'revenue_costs', code: 'RC', name: 'KC Revenue & Costs' },
  { key: 'checks', code: 'CK', name: 'KC Checks' },
  { key: 'sources', code: 'SRC', name: 'KC Sources' },
] as const;

export const TAB_COLORS: Record<string, string> = {
  income_statement: '#1F3864',
  balance_sheet: '#1F3864',
  cash_flow: '#1F3864',
  non_gaap: '#2E75B6',
  revenue_costs: '#2E75B6',
  checks: '#548235',
  sources: '#7F7F7F',
};
