/**
 * Figures the model derives rather than reads: the first quarter of 2023 (six months less the second quarter), the
 * ratios on it, the 2024 half-year cash flows (the two quarters), and every US$ figure the release does not print.
 */
import { METRIC_ALIASES } from '../../src/model/catalogue';
import Decimal from 'decimal.js';
import { CATALOGUE, ModelError } from '../../src/model';
import { toUsd, toUsdPerShare } from '../../src/model/money';
import { getShippedModel } from '../../src/model/shipped';
import { EXPECTED_COLUMNS, EXPECTED_GRID, printed } from '../fixtures/expected-grid';
import { errorOf } from '../support/model-error';

const model = getShippedModel();
const DEF = new Map(CATALOGUE.map((d) => [d.id, d]));
const RATE = new Decimal('7.2672');
const TRANSLATED = 'RMB / 7.2672, rounded to the thousand (not printed in the release)';
const TRANSLATED_PER_SHARE = 'RMB / 7.2672, rounded to the cent (not printed in the release)';
const PRINTED = 'as printed in the release';
const Q1_2023 = 'Q1-2023 = H1-2023 − Q2-2023';

/** A printed figure as a Decimal, from the first table printing the row (the model's order of preference). */
const TABLE_ORDER = ['income_statement', 'balance_sheet', 'cash_flow', 'gross_profit_reconciliation', 'ebitda_reconciliation'];
function grid(row: string, period: string, currency: 'RMB' | 'USD' = 'RMB'): Decimal | undefined {
  for (const t of TABLE_ORDER) {
    const figures = EXPECTED_GRID[t][row];
    if (!figures) continue;
    const i = EXPECTED_COLUMNS[t].findIndex(([p, c]) => p === period && c === currency);
    if (i >= 0) return new Decimal(printed(figures.split(' ')[i]));
  }
  return undefined;
}

/** RMB -> US$ thousands, rounded half away from zero, in integer arithmetic (independent of the model's Decimal code). */
function usdThousands(rmb: Decimal): string {
  const num = BigInt(rmb.toFixed(0)) * 10000n;
  const den = 72672n;
  const sign = num < 0n ? -1n : 1n;
  return String(sign * ((2n * num * sign + den) / (2n * den)));
}
/** Per-share: RMB -> US$ to the cent, the same way. */
function usdCents(rmb: Decimal): string {
  const cents = BigInt(rmb.mul(100).toFixed(0)) * 10000n;
  const den = 72672n;
  const sign = cents < 0n ? -1n : 1n;
  return new Decimal(String(sign * ((2n * cents * sign + den) / (2n * den)))).div(100).toString();
}


/** Every amount row of the statements of comprehensive loss and the two reconciliations that is a catalogue metric. */
const Q1_ROWS = [...new Set(
  ['income_statement', 'gross_profit_reconciliation', 'ebitda_reconciliation'].flatMap((t) => Object.keys(EXPECTED_GRID[t]).filter((r) => DEF.get(r)?.unit === 'amount')),
)];

describe('Q1-2023 = H1-2023 − Q2-2023', () => {
  test('26 statement amounts and 8 reconciliation amounts are derived', () => {
    expect(Q1_ROWS).toHaveLength(34);
  });

  test.each(Q1_ROWS)('%s', (metric) => {
    const expected = grid(metric, 'H1-2023')!.sub(grid(metric, 'Q2-2023')!);
    for (const spelling of ['Q1-2023', '1Q23', 'q1 2023', "Q1'23", '1Q2023']) {
      const v = model.get(metric, spelling);
      expect(v.value.toString()).toBe(expected.toString());
      expect([v.origin, v.formula, v.period.id, v.currency]).toEqual(['derived', Q1_2023, 'Q1-2023', 'RMB']);
      expect(v.facts.map((f) => [f.metric, f.period, f.currency])).toEqual([
        [metric, 'H1-2023', 'RMB'],
        [metric, 'Q2-2023', 'RMB'],
      ]);
    }
    expect(model.source(metric, 'Q1-2023')).toMatch(/^Derived: Q1-2023 = H1-2023 − Q2-2023; from the /);
    // In US$: the derived RMB figure translated (no first-quarter 2023 column is printed in either currency).
    const usd = model.get(metric, 'Q1-2023', 'USD');
    expect([usd.value.toString(), usd.origin, usd.rule, usd.formula, usd.currency]).toEqual([usdThousands(expected), 'translated', TRANSLATED, Q1_2023, 'USD']);
  });

  test('the figures, by hand', () => {
    const q1 = (m: string) => model.get(m, 'Q1-2023').value.toNumber();
    expect(q1('total_revenues')).toBe(1864400); // 3,699,803 − 1,835,403
    expect(q1('public_cloud_revenue')).toBe(1153674); // 2,313,183 − 1,159,509
    expect(q1('enterprise_cloud_revenue')).toBe(709976);
    expect(q1('other_revenue')).toBe(750);
    expect(q1('cost_of_revenues')).toBe(-1670215);
    expect(q1('gross_profit')).toBe(194185);
    expect(q1('impairment_long_lived_assets')).toBe(-185135); // the whole half-year impairment fell in Q1
    expect(q1('total_operating_expenses')).toBe(-792051);
    expect(q1('operating_loss')).toBe(-597866);
    expect(q1('fx_loss')).toBe(93); // a small gain in Q1: the half-year loss is less than Q2's
    expect(q1('net_loss')).toBe(-608821);
    expect(q1('sbc')).toBe(11309);
    expect(q1('adj_net_loss')).toBe(-412470);
    expect(q1('depreciation_amortization')).toBe(266535);
    expect(q1('adj_ebitda')).toBe(-130547);
    expect(q1('disposal_loss_gain')).toBe(20216);
    expect(q1('normalized_adj_ebitda')).toBe(-110331);
  });

  test('the derived quarter satisfies the statements\' identities and the non-GAAP definitions', () => {
    const v = (m: string) => model.get(m, 'Q1-2023').value;
    const sum = (...ms: string[]) => ms.reduce((a, m) => a.add(v(m)), new Decimal(0));
    const identities: [string, Decimal, Decimal][] = [
      ['total revenues', v('total_revenues'), sum('public_cloud_revenue', 'enterprise_cloud_revenue', 'other_revenue')],
      ['gross profit', v('gross_profit'), sum('total_revenues', 'cost_of_revenues')],
      ['operating expenses', v('total_operating_expenses'), sum('selling_marketing', 'general_admin', 'research_development', 'impairment_long_lived_assets')],
      ['operating loss', v('operating_loss'), sum('gross_profit', 'total_operating_expenses')],
      ['loss before tax', v('loss_before_income_taxes'), sum('operating_loss', 'interest_income', 'interest_expense', 'fx_loss', 'other_loss_net', 'other_income_expense_net')],
      ['net loss', v('net_loss'), sum('loss_before_income_taxes', 'income_tax')],
      ['attributable', v('net_loss_attributable'), v('net_loss').sub(v('net_loss_nci'))],
      ['comprehensive loss', v('comprehensive_loss'), sum('net_loss', 'fx_translation_adjustments')],
      ['comprehensive attributable', v('comprehensive_loss_attributable'), v('comprehensive_loss').sub(v('comprehensive_loss_nci'))],
      ['adjusted gross profit', v('adj_gross_profit'), sum('gross_profit', 'sbc_cost_of_revenues')],
      ['adjusted net loss', v('adj_net_loss'), v('net_loss').add(v('sbc')).sub(v('fx_loss')).sub(v('impairment_long_lived_assets'))],
      ['adjusted EBITDA', v('adj_ebitda'), v('adj_net_loss').sub(v('interest_income')).sub(v('interest_expense')).sub(v('income_tax')).add(v('depreciation_amortization'))],
      ['normalized adjusted EBITDA', v('normalized_adj_ebitda'), sum('adj_ebitda', 'disposal_loss_gain')],
    ];
    for (const [name, left, right] of identities) expect([name, left.toString()]).toEqual([name, right.toString()]);
  });

  test('not derived: per-share figures and share counts (they do not subtract), and cash flows (H1-2023 is not printed)', () => {
    for (const m of ['eps_basic_diluted', 'weighted_shares', 'cfo', 'cfi', 'cff', 'fx_effect_cash', 'net_change_cash', 'cash_begin', 'cash_end']) {
      const e = errorOf(() => model.get(m, 'Q1-2023'));
      expect([m, e.kind]).toEqual([m, 'not_available']);
      expect(e.message).toMatch(new RegExp(`^The release does not give ${m} for Q1-2023\\. Available: `));
    }
    // Prose-only figures are not derived either.
    for (const m of ['idc_costs', 'ai_revenue']) expect(errorOf(() => model.get(m, 'Q1-2023')).kind).toBe('not_available');
  });
});

describe('ratios on the derived quarter', () => {
  const RATIOS: [string, string, string, 1 | -1, string][] = [
    ['gross_margin', 'gross_profit', 'total_revenues', 1, '10.4%'],
    ['adj_gross_margin', 'adj_gross_profit', 'total_revenues', 1, '10.4%'],
    ['net_loss_margin', 'net_loss', 'total_revenues', 1, '-32.7%'],
    ['adj_net_loss_margin', 'adj_net_loss', 'total_revenues', 1, '-22.1%'],
    ['adj_ebitda_margin', 'adj_ebitda', 'total_revenues', 1, '-7.0%'],
    ['normalized_adj_ebitda_margin', 'normalized_adj_ebitda', 'total_revenues', 1, '-5.9%'],
    ['public_cloud_mix', 'public_cloud_revenue', 'total_revenues', 1, '61.9%'],
    ['enterprise_cloud_mix', 'enterprise_cloud_revenue', 'total_revenues', 1, '38.1%'],
    ['opex_ratio', 'total_operating_expenses', 'total_revenues', -1, '42.5%'],
  ];
  test.each(RATIOS)('%s = %s / %s', (metric, num, den, sign, pct) => {
    const n = grid(num, 'H1-2023')!.sub(grid(num, 'Q2-2023')!);
    const d = grid(den, 'H1-2023')!.sub(grid(den, 'Q2-2023')!);
    const v = model.get(metric, 'Q1-2023');
    expect(v.value.sub(n.div(d).mul(sign)).abs().toNumber()).toBeLessThan(1e-15);
    expect(`${v.value.mul(100).toDecimalPlaces(1, Decimal.ROUND_HALF_UP).toFixed(1)}%`).toBe(pct);
    expect(v.origin).toBe('computed');
    expect(v.formula).toMatch(/ \(Q1-2023 derived: Q1-2023 = H1-2023 − Q2-2023\)$/);
    expect(v.facts).toHaveLength(4);
    expect(model.get(metric, 'Q1-2023', 'USD').value.eq(v.value)).toBe(true);
  });

  test('growth on the derived quarter: Q1-2024 against Q1-2023', () => {
    const g = model.growth('total_revenues', 'Q1-2024');
    expect(g.value.toString()).toBe(new Decimal(1775684).div(1864400).sub(1).toString()); // −4.8%
    expect(g.value.mul(100).toDecimalPlaces(1).toNumber()).toBe(-4.8);
    const pp = model.growth('gross_margin', '1Q24');
    expect(pp.value.toString()).toBe(new Decimal(293253).div(1775684).sub(new Decimal(194185).div(1864400)).toString());
    // Q1-2023's own comparables (Q1-2022, Q4-2022) are not in the release.
    expect(errorOf(() => model.growth('total_revenues', 'Q1-2023')).kind).toBe('not_available');
    expect(errorOf(() => model.growth('total_revenues', 'Q1-2023', 'QOQ')).kind).toBe('not_available');
    expect(model.growth('total_revenues', 'Q2-2023', 'QOQ').value.toString()).toBe(new Decimal(1835403).div(1864400).sub(1).toString());
  });
});

describe('H1-2024 cash flow = Q1-2024 + Q2-2024', () => {
  const FLOWS: [string, number][] = [
    ['cfo', -321336 + 151169],
    ['cfi', -1169017 - 654829],
    ['cff', 1112096 + 523950],
    ['fx_effect_cash', -20464 - 14646],
    ['net_change_cash', -398721 + 5644],
  ];
  test.each(FLOWS)('%s', (metric, expected) => {
    for (const spelling of ['H1-2024', '1H24', '6M-2024', 'h1 2024']) {
      const v = model.get(metric, spelling);
      expect([v.value.toNumber(), v.origin, v.formula, v.period.id]).toEqual([expected, 'derived', 'H1-2024 = Q1-2024 + Q2-2024', 'H1-2024']);
      expect(v.facts.map((f) => f.period)).toEqual(['Q1-2024', 'Q2-2024']);
    }
    expect(model.get(metric, 'H1-2024').value.toString()).toBe(grid(metric, 'Q1-2024')!.add(grid(metric, 'Q2-2024')!).toString());
    const usd = model.get(metric, 'H1-2024', 'USD');
    expect([usd.value.toString(), usd.origin, usd.rule]).toEqual([usdThousands(new Decimal(expected)), 'translated', TRANSLATED]);
  });

  test('balances: the beginning of Q1, the end of Q2', () => {
    const begin = model.get('cash_begin', 'H1-2024');
    const end = model.get('cash_end', 'H1-2024');
    expect([begin.value.toNumber(), begin.origin, begin.formula]).toEqual([2489481, 'derived', 'H1-2024 beginning balance = Q1-2024 beginning balance']);
    expect([end.value.toNumber(), end.origin, end.formula]).toEqual([2096404, 'derived', 'H1-2024 ending balance = Q2-2024 ending balance']);
    expect(begin.facts.map((f) => f.period)).toEqual(['Q1-2024']);
    expect(end.facts.map((f) => f.period)).toEqual(['Q2-2024']);
    // Beginning + net change = end, for the half-year as for each quarter.
    expect(begin.value.add(model.get('net_change_cash', 'H1-2024').value).eq(end.value)).toBe(true);
    // Net change = the flows.
    const flows = ['cfo', 'cfi', 'cff', 'fx_effect_cash'].reduce((a, m) => a.add(model.get(m, 'H1-2024').value), new Decimal(0));
    expect(flows.eq(model.get('net_change_cash', 'H1-2024').value)).toBe(true);
    // The half-year's ending balance in US$ matches the printed Q2-2024 US$ ending balance.
    expect(model.get('cash_end', 'H1-2024', 'USD').value.toNumber()).toBe(288475);
    expect(model.get('cash_begin', 'H1-2024', 'USD').value.toString()).toBe(usdThousands(new Decimal(2489481)));
  });

  test('H1-2023 cash flow is not available (no Q1-2023 cash flow is printed)', () => {
    for (const m of ['cfo', 'cfi', 'cff', 'fx_effect_cash', 'net_change_cash', 'cash_begin', 'cash_end']) {
      for (const currency of [undefined, 'USD']) {
        const e = errorOf(() => model.get(m, '1H23', currency));
        expect([m, e.kind, e.message]).toEqual([m, 'not_available', `The release does not give ${m} for H1-2023. Available: Q2-2023, Q1-2024, Q2-2024, H1-2024.`]);
      }
      expect(errorOf(() => model.growth(m, 'H1-2024')).message).toBe(`no comparable period: the release does not give ${m} for H1-2023, the same period a year earlier.`);
    }
  });
});

describe('US$: printed where printed, else RMB / 7.2672 rounded half-up to the thousand', () => {
  /** US$ figures the release prints, in the tables or the prose. */
  const printedUsd = (id: string, period: string) => {
    const metric = METRIC_ALIASES[id] ?? id; // a sign-neutral id serves its metric's figures
    const fromGrid = grid(metric, period, 'USD');
    if (fromGrid) return fromGrid;
    const prose = model.release.facts.find((f) => f.table === 'prose' && f.metric === metric && f.period === period && f.currency === 'USD');
    return prose?.value;
  };

  test('every amount in every period follows the rule', () => {
    const tally = { printed: 0, translated: 0, computed: 0 };
    for (const d of CATALOGUE.filter((x) => x.unit === 'amount')) {
      for (const p of model.periods()) {
        let rmb;
        try {
          rmb = model.get(d.id, p.id, 'RMB');
        } catch {
          continue;
        }
        if (rmb.period.id !== p.id) continue;
        const usd = model.get(d.id, p.id, 'USD');
        const where = `${d.id} ${p.id}`;
        const shown = printedUsd(d.id, p.id);
        if (shown) {
          tally.printed++;
          expect([where, usd.value.toString(), usd.rule, usd.currency]).toEqual([where, shown.toString(), PRINTED, 'USD']);
          expect([where, usd.origin]).toEqual([where, rmb.origin === 'prose' ? 'prose' : 'reported']);
        } else if (usd.origin === 'computed') {
          // Debt sums at Jun 30, 2024: from the printed US$ lines, as the RMB ones are from the RMB lines.
          tally.computed++;
          expect(['total_debt', 'net_debt', 'net_cash']).toContain(d.id);
          expect(p.id).toBe('2024-06-30');
        } else {
          tally.translated++;
          expect([where, usd.value.toString(), usd.origin, usd.rule, usd.currency]).toEqual([where, usdThousands(rmb.value), 'translated', TRANSLATED, 'USD']);
          // The RMB figure's derivation is kept with the translation.
          expect(usd.formula).toBe(rmb.formula);
          expect(usd.facts).toBe(rmb.facts);
        }
      }
    }
    // Printed US$: 2 columns for the 26 statement amounts, the 2 + 6 further reconciliation amounts; 1 for the 39
    // balance-sheet lines and the 7 cash-flow lines; and 5 prose-only cost lines stated in US$ too. The three
    // sign-neutral ids (net_income, operating_income, adj_net_income) serve their metrics' 2 printed and 4 translated
    // figures each.
    expect(tally).toEqual({ printed: 26 * 2 + 2 * 2 + 6 * 2 + 39 + 7 + 5 + 3 * 2, translated: 204 + 3 * 4, computed: 3 });
  });

  test('spot checks', () => {
    const usd = (m: string, p: string) => model.get(m, p, 'USD');
    expect([usd('total_revenues', 'Q2-2024').value.toNumber(), usd('total_revenues', 'Q2-2024').origin]).toEqual([260318, 'reported']);
    expect([usd('total_revenues', 'Q2-2023').value.toNumber(), usd('total_revenues', 'Q2-2023').origin]).toEqual([252560, 'translated']); // 1,835,403 / 7.2672 = 252,559.86
    expect(usd('total_revenues', 'Q1-2024').value.toNumber()).toBe(244342); // 1,775,684 / 7.2672 = 244,342.25
    expect(usd('total_revenues', 'Q1-2023').value.toNumber()).toBe(256550); // 1,864,400 / 7.2672 = 256,549.98
    expect(usd('cash', '2023-12-31').value.toNumber()).toBe(310338); // 2,255,287 / 7.2672 = 310,337.82
    expect(usd('cash', '2024-03-31').value.toNumber()).toBe(258931); // the prose RMB1,881.7 million, translated
    expect(usd('idc_costs', 'Q2-2023').value.toNumber()).toBe(-118436); // the prose RMB860.7 million, translated
    expect(usd('idc_costs', 'Q2-2024').value.toNumber()).toBe(-100200); // the prose US$100.2 million, as stated
  });

  test('rounding is half away from zero, to the thousand', () => {
    // 3.6336 = 0.5 × 7.2672: exactly half a thousand.
    expect(toUsd(new Decimal('3.6336'), RATE).toString()).toBe('1');
    expect(toUsd(new Decimal('-3.6336'), RATE).toString()).toBe('-1');
    expect(toUsd(new Decimal('3.6335'), RATE).toString()).toBe('0');
    expect(toUsd(new Decimal('10.9008'), RATE).toString()).toBe('2'); // 1.5
    expect(toUsd(new Decimal('-10.9008'), RATE).toString()).toBe('-2');
    expect(toUsdPerShare(new Decimal('0.036336'), RATE).toString()).toBe('0.01'); // 0.005
    expect(toUsdPerShare(new Decimal('-0.036336'), RATE).toString()).toBe('-0.01');
    // The independent integer rounding used above agrees.
    for (const x of ['3.6336', '-3.6336', '10.9008', '1835403', '-1278585', '1864400']) {
      if (Number.isInteger(Number(x))) expect(toUsd(new Decimal(x), RATE).toString()).toBe(usdThousands(new Decimal(x)));
    }
  });

  test('ratios are the same in both currencies, and have none', () => {
    let n = 0;
    for (const d of CATALOGUE.filter((x) => x.unit === 'ratio')) {
      for (const p of model.periods()) {
        let rmb;
        try {
          rmb = model.get(d.id, p.id);
        } catch {
          continue;
        }
        n++;
        for (const c of ['RMB', 'USD', 'usd', 'US$', 'cny']) {
          const v = model.get(d.id, p.id, c);
          expect([d.id, p.id, c, v.value.toString(), v.currency, v.origin]).toEqual([d.id, p.id, c, rmb.value.toString(), null, 'computed']);
        }
      }
    }
    expect(n).toBe(6 * 6 + 3 * 6 + 1);
  });
});

describe('per-share figures and share counts', () => {
  test('EPS: printed in US$ for Q2-2024 and H1-2024, translated to the cent elsewhere', () => {
    const cases: [string, string, string, string, string][] = [
      ['Q2-2024', '-0.1', '-0.01', 'reported', PRINTED],
      ['H1-2024', '-0.2', '-0.03', 'reported', PRINTED],
      ['Q2-2023', '-0.14', '-0.02', 'translated', TRANSLATED_PER_SHARE],
      ['Q1-2024', '-0.1', '-0.01', 'translated', TRANSLATED_PER_SHARE],
      ['H1-2023', '-0.31', '-0.04', 'translated', TRANSLATED_PER_SHARE],
    ];
    for (const [p, rmb, usd, origin, rule] of cases) {
      const r = model.get('eps_basic_diluted', p);
      const u = model.get('eps_basic_diluted', p, 'USD');
      expect([p, r.value.toString(), r.origin, r.currency]).toEqual([p, rmb, 'reported', 'RMB']);
      expect([p, u.value.toString(), u.origin, u.rule, u.currency]).toEqual([p, usd, origin, rule, 'USD']);
      if (origin === 'translated') expect(u.value.toString()).toBe(usdCents(r.value));
    }
  });

  test('EPS = net loss attributable / weighted shares, to the printed cent, in each printed currency', () => {
    for (const p of ['Q2-2023', 'H1-2023', 'Q1-2024', 'Q2-2024', 'H1-2024']) {
      const shares = model.get('weighted_shares', p).value;
      for (const c of p.endsWith('2024') && p !== 'Q1-2024' ? ['RMB', 'USD'] : ['RMB']) {
        const eps = model.get('net_loss_attributable', p, c).value.mul(1000).div(shares).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
        expect([p, c, eps.toString()]).toEqual([p, c, model.get('eps_basic_diluted', p, c).value.toString()]);
      }
    }
  });

  test('share counts have no currency: the same count whichever is asked for', () => {
    for (const [m, p, n] of [
      ['weighted_shares', 'Q2-2024', '3649307331'],
      ['weighted_shares', 'H1-2024', '3632583338'],
      ['weighted_shares', 'Q2-2023', '3554529097'],
      ['shares_outstanding', '2024-06-30', '3596874352'],
      ['ads_outstanding', '2024-06-30', '239791623'],
    ]) {
      for (const c of [undefined, 'RMB', 'USD']) {
        const v = model.get(m, p, c);
        expect([m, p, c, v.value.toString(), v.currency, v.rule]).toEqual([m, p, c, n, null, undefined]);
      }
    }
    // ADSs: 15 ordinary shares each.
    expect(new Decimal(3596874352).div(15).round().toNumber()).toBe(239791623);
  });
});

describe('growth rule of the calculation module', () => {
  test('a change of sign (adjusted EBITDA −61,395 to 60,594) has no growth rate: not meaningful', () => {
    expect(model.get('adj_ebitda', 'Q2-2023').value.toNumber()).toBe(-61395);
    expect(errorOf(() => model.growth('adj_ebitda', 'Q2-2024', 'YOY'))).toMatchObject({ kind: 'not_available', message: expect.stringContaining('not meaningful: the sign changed') });
  });
});
