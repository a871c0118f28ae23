import Decimal from 'decimal.js';
import { parseRelease } from '../../src/filing';
import { SHIPPED_RELEASE_TEXT } from '../../src/filing/shipped';
import { EXPECTED_COLUMNS, EXPECTED_GRID, printed } from '../fixtures/expected-grid';

const release = parseRelease(SHIPPED_RELEASE_TEXT);
const tableFacts = release.facts.filter((f) => f.table !== 'prose');

describe('the shipped Q2 2024 release', () => {
  test('parses without errors or warnings', () => {
    expect(release.issues).toEqual([]);
    expect(release.quarter).toBe('Q2-2024');
  });

  test('every check passes', () => {
    expect(release.checks.filter((c) => !c.pass)).toEqual([]);
    expect(release.checks.length).toBeGreaterThan(350);
  });

  const cases: [string, string, number, string][] = [];
  for (const [table, rows] of Object.entries(EXPECTED_GRID)) {
    for (const [row, figures] of Object.entries(rows)) {
      figures.split(' ').forEach((text, col) => cases.push([table, row, col, text]));
    }
  }

  test.each(cases)('%s / %s / column %i = %s', (table, row, col, text) => {
    const [period, currency] = EXPECTED_COLUMNS[table][col];
    if (row === 'weighted_shares' && currency === 'USD') {
      // The US$ column repeats the share count: checked, not a second fact.
      const check = release.checks.find((c) => c.id === 'income_statement.weighted_shares.usd' && c.period === period)!;
      expect(check.pass).toBe(true);
      expect(check.expected.toString()).toBe(printed(text));
      return;
    }
    const fmt = row === 'weighted_shares' || text.endsWith('%') ? null : currency;
    const found = tableFacts.filter((f) => f.table === table && f.row === row && f.period === period && f.currency === fmt);
    expect(found).toHaveLength(1);
    expect(found[0].value.toString()).toBe(new Decimal(printed(text)).toString());
  });

  test('no table fact beyond the printed grid', () => {
    const usdShareColumns = cases.filter(([, row, col]) => row === 'weighted_shares' && EXPECTED_COLUMNS.income_statement[col][1] === 'USD');
    expect(tableFacts).toHaveLength(cases.length - usdShareColumns.length);
  });

  test('every fact carries its provenance', () => {
    for (const f of release.facts) {
      expect(f.provenance.line).toBeGreaterThan(0);
      expect(f.provenance.rowLabel).not.toBe('');
      expect(f.provenance.column).not.toBe('');
      expect(f.provenance.table).toBe(f.table);
    }
    const at = (table: string, row: string, period: string, currency: string | null) =>
      release.facts.find((f) => f.table === table && f.row === row && f.period === period && f.currency === currency)!.provenance;
    expect(at('balance_sheet', 'cash', '2024-06-30', 'RMB')).toMatchObject({ line: 130, rowLabel: 'Cash and cash equivalents', column: 'Jun 30, 2024 RMB', raw: '1,837,757', repairs: [] });
    expect(at('balance_sheet', 'additional_paid_in_capital', '2024-06-30', 'USD')).toMatchObject({ line: 165, raw: '' });
    expect(at('balance_sheet', 'additional_paid_in_capital', '2024-06-30', 'USD').repairs).toHaveLength(1);
    expect(at('balance_sheet', 'aoci', '2023-12-31', 'RMB')).toMatchObject({ line: 169, rowLabel: 'Accumulated other comprehensive income' });
    expect(at('income_statement', 'general_admin', 'Q2-2023', 'RMB')).toMatchObject({ line: 188, raw: '(246.549)', column: 'Three Months Ended Jun 30, 2023 RMB' });
    expect(at('income_statement', 'comprehensive_loss_nci', 'H1-2024', 'USD')).toMatchObject({
      line: 211,
      rowLabel: 'Less: Comprehensive income (loss) attributable to non-controlling interests',
      column: 'Six Months Ended Jun 30, 2024 US$',
    });
    expect(at('gross_profit_reconciliation', 'sbc_cost_of_revenues', 'Q2-2024', 'RMB')).toMatchObject({ line: 219, raw: '5,076' });
    expect(at('ebitda_reconciliation', 'fx_loss_addback', 'Q1-2024', 'RMB')).toMatchObject({ line: 233, rowLabel: '- Foreign exchange loss' });
    expect(at('cash_flow', 'cash_end', 'Q2-2024', 'USD')).toMatchObject({ line: 264, column: 'Three Months Ended Jun 30, 2024 US$' });
    expect(at('net_margin_table', 'normalized_adj_ebitda_margin', 'Q1-2024', null)).toMatchObject({ line: 250, raw: '0.5%' });
  });

  test('dashes read as zero and are marked as printed', () => {
    const imp = tableFacts.filter((f) => f.row === 'impairment_long_lived_assets');
    expect(imp.map((f) => f.value.toString())).toEqual(['0', '0', '0', '0', '-185135', '0', '0']);
  });

  test('EPS is printed to the cent and margins to 0.1%', () => {
    const eps = tableFacts.find((f) => f.row === 'eps_basic_diluted')!;
    expect(eps.unit).toBe('per_share');
    expect(eps.roundedTo!.toString()).toBe('0.01');
    const gm = tableFacts.find((f) => f.row === 'gross_margin')!;
    expect(gm.unit).toBe('ratio');
    expect(gm.roundedTo!.toString()).toBe('0.001');
  });
});
