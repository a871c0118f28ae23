import Decimal from 'decimal.js';
import { CATALOGUE } from '../../src/model';
import { getShippedModel } from '../../src/model/shipped';
import { EXPECTED_COLUMNS, EXPECTED_GRID, printed } from '../fixtures/expected-grid';

const model = getShippedModel();
const ids = new Set(CATALOGUE.map((m) => m.id));

/** Spellings an analyst might type for each canonical period. */
const SPELLINGS: Record<string, string[]> = {
  'Q2-2023': ['Q2-2023', '2Q23', 'q2 2023'],
  'Q1-2024': ['Q1-2024', '1Q2024', "Q1'24"],
  'Q2-2024': ['Q2-2024', '2Q24', 'Q2 2024'],
  'H1-2023': ['H1-2023', '1H23', '6M-2023'],
  'H1-2024': ['H1-2024', 'H1 2024', '1H2024'],
  '2023-12-31': ['2023-12-31', 'Q4-2023', 'FY-2023'],
  '2024-06-30': ['2024-06-30', 'Q2-2024', 'H1-2024'],
};

// Every printed figure of every table row that is a catalogue metric (reconciliation add-back rows are not).
const cases: [string, string, string, string | null, string][] = [];
for (const [table, rows] of Object.entries(EXPECTED_GRID)) {
  for (const [row, figures] of Object.entries(rows)) {
    if (!ids.has(row)) continue;
    figures.split(' ').forEach((text, col) => {
      const [period, currency] = EXPECTED_COLUMNS[table][col];
      cases.push([table, row, period, currency, text]);
    });
  }
}

describe('every catalogue metric, every period, as the release prints it', () => {
  test(`${cases.length} printed figures are covered`, () => {
    expect(cases.length).toBe(441);
  });

  test.each(cases)('%s %s %s %s = %s', (table, metric, period, currency, text) => {
    const spellings = SPELLINGS[period];
    for (const p of spellings) {
      const v = model.get(metric, p, currency ?? undefined);
      if (text.endsWith('%')) {
        // Printed margins: the model computes the exact ratio; rounded to the printed 0.1% it is the printed figure.
        expect(v.value.mul(100).toDecimalPlaces(1, Decimal.ROUND_HALF_UP).toString()).toBe(new Decimal(text.slice(0, -1)).toString());
        expect(v.origin).toBe('computed');
      } else {
        expect(v.value.toString()).toBe(new Decimal(printed(text)).toString());
        if (currency === 'USD' && metric !== 'weighted_shares') expect(v.rule).toBe('as printed in the release');
      }
    }
    void table;
  });

  test('figures stated only in the prose, with their precision', () => {
    const prose: [string, string, string | undefined, string, string][] = [
      ['ai_revenue', 'Q2-2024', undefined, '326000', '1000'],
      ['idc_costs', 'Q2-2024', undefined, '-728200', '100'],
      ['idc_costs', 'Q2-2023', undefined, '-860700', '100'],
      ['idc_costs', 'Q2-2024', 'USD', '-100200', '100'],
      ['cost_depreciation_amortization', 'Q2-2024', undefined, '-265900', '100'],
      ['cost_depreciation_amortization', 'Q2-2023', undefined, '-202100', '100'],
      ['solution_costs', 'Q2-2024', undefined, '-491100', '100'],
      ['solution_costs', 'Q2-2023', undefined, '-452900', '100'],
      ['fulfillment_costs', 'Q2-2024', undefined, '-37600', '100'],
      ['other_costs', 'Q2-2024', undefined, '-50600', '100'],
      ['cash', '2024-03-31', undefined, '1881700', '100'],
      ['cash', 'Q1-2024', undefined, '1881700', '100'],
    ];
    for (const [m, p, c, value, rounded] of prose) {
      const v = model.get(m, p, c);
      expect([m, p, c, v.value.toString(), v.roundedTo?.toString(), v.origin]).toEqual([m, p, c, value, rounded, 'prose']);
    }
    expect(model.get('shares_outstanding', 'Q2-2024').value.toString()).toBe('3596874352');
    expect(model.get('ads_outstanding', '2024-06-30').value.toString()).toBe('239791623');
    expect(model.get('fx_rate', 'Q1-2024').value.toString()).toBe('7.2672');
    expect(model.get('fx_rate', 'FY-2023').value.toString()).toBe('7.2672');
  });

  test('analyst additions, from the printed figures', () => {
    const q = (m: string, p = 'Q2-2024', c?: string) => model.get(m, p, c).value;
    expect(q('public_cloud_mix').toString()).toBe(new Decimal(1234542).div(1891780).toString());
    expect(q('enterprise_cloud_mix', 'H1-2024').toString()).toBe(new Decimal(1245400).div(3667464).toString());
    expect(q('ai_share_public_cloud').toString()).toBe(new Decimal(326000).div(1234542).toString());
    expect(q('opex_ratio').toString()).toBe(new Decimal(595916).div(1891780).toString());
    expect(q('total_debt', '2024-06-30').toString()).toBe(String(1385769 + 197352));
    expect(q('net_debt', '2024-06-30').toString()).toBe(String(1385769 + 197352 - 1837757 - 258647));
    expect(q('net_debt', '2024-06-30', 'USD').toString()).toBe(String(190688 + 27157 - 252884 - 35591));
    expect(q('net_debt', 'FY-2023').toString()).toBe(String(1110896 + 100000 - 2255287 - 234194));
  });

  test('every catalogue metric resolves for at least one period', () => {
    const periods = model.periods().map((p) => p.id);
    for (const m of CATALOGUE) {
      const found = periods.some((p) => {
        try {
          model.get(m.id, p);
          return true;
        } catch {
          return false;
        }
      });
      expect([m.id, found]).toEqual([m.id, true]);
    }
  });
});
