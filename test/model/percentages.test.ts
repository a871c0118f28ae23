/**
 * Every percentage the release prints, reproduced by the model to the printed precision: the 30 cells of the two
 * margin tables, and every growth rate and margin quoted in the prose (lines 40–82).
 */
import Decimal from 'decimal.js';
import { SHIPPED_RELEASE_TEXT } from '../../src/filing/shipped';
import { ModelError } from '../../src/model';
import { getShippedModel } from '../../src/model/shipped';
import { EXPECTED_COLUMNS, EXPECTED_GRID } from '../fixtures/expected-grid';

const model = getShippedModel();
const LINES = SHIPPED_RELEASE_TEXT.split(/\r?\n/);

/** A fraction as printed: percent rounded half away from zero to `decimals` places, e.g. "-3.3". */
const asPrinted = (v: Decimal, decimals: number) => v.mul(100).toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP).toFixed(decimals);
const decimalsOf = (text: string) => (text.includes('.') ? text.split('.')[1].length : 0);

describe('the margin tables: all 30 printed cells', () => {
  const LABELS: Record<string, string> = {
    gross_margin: 'Gross margin',
    adj_gross_margin: 'Adjusted gross margin (Non-GAAP Financial Measure)',
    net_loss_margin: 'Net loss margin',
    adj_net_loss_margin: 'Adjusted net loss margin (Non-GAAP Financial Measure)',
    adj_ebitda_margin: 'Adjusted EBITDA margin (Non-GAAP Financial Measure)',
    normalized_adj_ebitda_margin: 'Normalized Adjusted EBITDA margin',
  };
  const cells: [string, string, string][] = [];
  for (const table of ['gross_margin_table', 'net_margin_table']) {
    for (const [row, figures] of Object.entries(EXPECTED_GRID[table])) {
      figures.split(' ').forEach((text, i) => cells.push([row, EXPECTED_COLUMNS[table][i][0], text]));
    }
  }

  test('30 cells, each row as printed in the release text', () => {
    expect(cells).toHaveLength(30);
    for (const [row, label] of Object.entries(LABELS)) {
      const table = EXPECTED_GRID.gross_margin_table[row] ? 'gross_margin_table' : 'net_margin_table';
      expect(LINES).toContain(`${label}\t${EXPECTED_GRID[table][row].split(' ').join('\t')}`);
    }
  });

  test.each(cells)('%s %s: %s', (metric, period, text) => {
    const v = model.get(metric, period);
    expect(`${asPrinted(v.value, 1)}%`).toBe(text);
    // A ratio, the same whatever the currency asked for.
    expect(model.get(metric, period, 'USD').value.eq(v.value)).toBe(true);
    expect([v.origin, v.currency]).toEqual(['computed', null]);
  });
});

/**
 * Percentages quoted in the prose. `quote` is the release text that states it (checked to be there); `printed`
 * is the figure with its sign (a decrease is negative); `via` says how the model gives it.
 */
type Quoted = {
  what: string;
  quote: string;
  line: number;
  printed: string;
  metric: string;
  period: string;
  via: 'YOY' | 'QOQ' | 'level';
};
const QUOTED: Quoted[] = [
  { what: 'total revenues +3.1% YoY', quote: 'Total revenues reached RMB1,891.8 million (US\\$260.3¹ million), increased by 3.1% year-over-year', line: 46, printed: '3.1', metric: 'total_revenues', period: 'Q2-2024', via: 'YOY' },
  { what: 'total revenues +6.5% QoQ', quote: 'increased by 3.1% year-over-year and 6.5% quarter-over-quarter from RMB1,835.4 million', line: 46, printed: '6.5', metric: 'total_revenues', period: 'Q2-2024', via: 'QOQ' },
  { what: 'total revenues +3.1% YoY (CFO quote)', quote: 'arriving at RMB1,891.8 million, increased by 3.1% year-over-year', line: 42, printed: '3.1', metric: 'total_revenues', period: 'Q2-2024', via: 'YOY' },
  { what: 'total revenues +6.5% QoQ (CFO quote)', quote: 'increased by 3.1% year-over-year and 6.5% quarter-over-quarter.', line: 42, printed: '6.5', metric: 'total_revenues', period: 'Q2-2024', via: 'QOQ' },
  { what: 'public cloud +6.5% YoY', quote: 'Revenues from public cloud services were RMB1,234.5 million (US\\$169.9 million), increased by 6.5% from RMB1,159.5 million', line: 48, printed: '6.5', metric: 'public_cloud_revenue', period: 'Q2-2024', via: 'YOY' },
  { what: 'public cloud +4.0% QoQ', quote: 'and 4.0% from RMB1,187.4 million last quarter', line: 48, printed: '4.0', metric: 'public_cloud_revenue', period: 'Q2-2024', via: 'QOQ' },
  { what: 'enterprise cloud −2.7% YoY', quote: 'representing a decrease of 2.7% from RMB675.2 million', line: 50, printed: '-2.7', metric: 'enterprise_cloud_revenue', period: 'Q2-2024', via: 'YOY' },
  { what: 'enterprise cloud +11.7% QoQ', quote: 'an increase of 11.7% from RMB588.2 million last quarter', line: 50, printed: '11.7', metric: 'enterprise_cloud_revenue', period: 'Q2-2024', via: 'QOQ' },
  { what: 'cost of revenues −3.4% YoY', quote: 'Cost of revenues was RMB1,573.4 million (US\\$216.5 million), representing a decrease of 3.4%', line: 56, printed: '-3.4', metric: 'cost_of_revenues', period: 'Q2-2024', via: 'YOY' },
  { what: 'IDC costs −15.4% YoY', quote: 'IDC costs decreased significantly by 15.4% year-over-year', line: 56, printed: '-15.4', metric: 'idc_costs', period: 'Q2-2024', via: 'YOY' },
  { what: 'D&A costs +31.6% YoY', quote: 'Depreciation and amortization costs increased by 31.6%', line: 56, printed: '31.6', metric: 'cost_depreciation_amortization', period: 'Q2-2024', via: 'YOY' },
  { what: 'solution costs +8.4% YoY', quote: 'Solution development and services costs increased by 8.4% year-over-year', line: 56, printed: '8.4', metric: 'solution_costs', period: 'Q2-2024', via: 'YOY' },
  { what: 'gross profit +54.1% YoY', quote: 'representing a significant increase of 54.1% from RMB206.6 million', line: 58, printed: '54.1', metric: 'gross_profit', period: 'Q2-2024', via: 'YOY' },
  { what: 'gross margin 16.8%', quote: '**Gross margin** was 16.8%, compared with 11.3% in the same period in 2023', line: 58, printed: '16.8', metric: 'gross_margin', period: 'Q2-2024', via: 'level' },
  { what: 'gross margin 11.3% a year earlier', quote: '**Gross margin** was 16.8%, compared with 11.3% in the same period in 2023', line: 58, printed: '11.3', metric: 'gross_margin', period: 'Q2-2023', via: 'level' },
  { what: 'adjusted gross margin 17.1%', quote: '**Non-GAAP gross margin**² was 17.1%, compared with 11.3% in the same period in 2023', line: 58, printed: '17.1', metric: 'adj_gross_margin', period: 'Q2-2024', via: 'level' },
  { what: 'adjusted gross margin 11.3% a year earlier', quote: '**Non-GAAP gross margin**² was 17.1%, compared with 11.3% in the same period in 2023', line: 58, printed: '11.3', metric: 'adj_gross_margin', period: 'Q2-2023', via: 'level' },
  { what: 'adjusted gross margin 17.1% (CFO quote)', quote: 'our adjusted gross margin was 17.1%', line: 42, printed: '17.1', metric: 'adj_gross_margin', period: 'Q2-2024', via: 'level' },
  { what: 'adjusted gross margin +5.8 pp YoY', quote: 'significantly increased by 5.8 percentage points from 11.3% in the same quarter of 2023', line: 42, printed: '5.8', metric: 'adj_gross_margin', period: 'Q2-2024', via: 'YOY' },
  { what: 'adjusted gross margin 11.3% a year earlier (CFO quote)', quote: 'by 5.8 percentage points from 11.3% in the same quarter of 2023', line: 42, printed: '11.3', metric: 'adj_gross_margin', period: 'Q2-2023', via: 'level' },
  { what: 'adjusted gross profit +56.4% YoY', quote: 'Adjusted gross profit was RMB323.4 million, increased by 56.4% from RMB206.8 million', line: 42, printed: '56.4', metric: 'adj_gross_profit', period: 'Q2-2024', via: 'YOY' },
  { what: 'total opex +4.6% YoY', quote: 'Total operating expenses were RMB595.9 million (US\\$82.0 million), increased by 4.6% from RMB569.7 million', line: 60, printed: '4.6', metric: 'total_operating_expenses', period: 'Q2-2024', via: 'YOY' },
  { what: 'total opex +5.0% QoQ', quote: 'and 5.0% from RMB567.4 million last quarter', line: 60, printed: '5.0', metric: 'total_operating_expenses', period: 'Q2-2024', via: 'QOQ' },
  { what: 'S&M −2.7% YoY', quote: 'Selling and marketing expenses were RMB125.7 million (US\\$17.3 million), decreased by 2.7%', line: 62, printed: '-2.7', metric: 'selling_marketing', period: 'Q2-2024', via: 'YOY' },
  { what: 'S&M +7.7% QoQ', quote: 'increased by 7.7% from RMB116.8 million last quarter', line: 62, printed: '7.7', metric: 'selling_marketing', period: 'Q2-2024', via: 'QOQ' },
  { what: 'R&D +5.2% YoY', quote: 'Research and development expenses were RMB204.0 million (US\\$28.1 million), increased by 5.2%', line: 66, printed: '5.2', metric: 'research_development', period: 'Q2-2024', via: 'YOY' },
  { what: 'R&D −12.1% QoQ', quote: 'decreased by 12.1% from RMB232.0 million last quarter', line: 66, printed: '-12.1', metric: 'research_development', period: 'Q2-2024', via: 'QOQ' },
  { what: 'adjusted EBITDA margin 3.2%', quote: '**Non-GAAP EBITDA margin** was 3.2%, compared with -3.3% in the same quarter of 2023 and 1.9% last quarter', line: 76, printed: '3.2', metric: 'adj_ebitda_margin', period: 'Q2-2024', via: 'level' },
  { what: 'adjusted EBITDA margin −3.3% a year earlier', quote: 'compared with -3.3% in the same quarter of 2023', line: 76, printed: '-3.3', metric: 'adj_ebitda_margin', period: 'Q2-2023', via: 'level' },
  { what: 'adjusted EBITDA margin 1.9% last quarter', quote: 'and 1.9% last quarter', line: 76, printed: '1.9', metric: 'adj_ebitda_margin', period: 'Q1-2024', via: 'level' },
  { what: 'AI revenue ≈ 26% of public cloud revenue', quote: 'AI revenue of RMB326 million, approximately 26% of revenues from public cloud services', line: 40, printed: '26', metric: 'ai_share_public_cloud', period: 'Q2-2024', via: 'level' },
];

describe('every percentage quoted in the prose, to its printed precision', () => {
  test.each(QUOTED.map((q) => [q.what, q] as const))('%s', (_, q) => {
    expect(q.line).toBeGreaterThanOrEqual(40);
    expect(q.line).toBeLessThanOrEqual(82);
    expect(LINES[q.line - 1]).toContain(q.quote);
    // The quote states the figure: a margin with its sign, a change as a magnitude with its direction word.
    const magnitude = q.printed.replace(/^-/, '');
    if (q.via === 'level') expect(q.quote).toContain(`${q.printed}%`);
    else {
      expect(q.quote).toContain(q.metric === 'adj_gross_margin' ? `${magnitude} percentage points` : `${magnitude}%`);
      if (q.printed.startsWith('-')) expect(q.quote).toMatch(/decrease/);
    }
    const v = q.via === 'level' ? model.get(q.metric, q.period) : model.growth(q.metric, q.period, q.via);
    expect(asPrinted(v.value, decimalsOf(q.printed))).toBe(q.printed);
    expect(v.origin).toBe('computed');
    expect(v.period.id).toBe(q.period);
  });

  test('growth rates are computed from the RMB figures: current / comparable − 1', () => {
    const yoy = model.growth('total_revenues', 'Q2-2024');
    expect(yoy.value.toString()).toBe(new Decimal(1891780).div(1835403).sub(1).toString());
    expect(yoy.formula).toBe('total_revenues Q2-2024 / total_revenues Q2-2023 − 1');
    expect(yoy.facts.map((f) => f.period)).toEqual(['Q2-2024', 'Q2-2023']);
    const qoq = model.growth('research_development', '2Q24', 'qoq');
    expect(qoq.value.toString()).toBe(new Decimal(-203959).div(-231963).sub(1).toString());
    expect(qoq.formula).toBe('research_development Q2-2024 / research_development Q1-2024 − 1');
    // The prose-only cost lines grow from the prose figures.
    expect(model.growth('idc_costs', 'Q2-2024').value.toString()).toBe(new Decimal(-728200).div(-860700).sub(1).toString());
  });

  test('a change in a margin is the difference in percentage points, as a fraction', () => {
    const pp = model.growth('adj_gross_margin', 'Q2-2024', 'YOY');
    expect(pp.value.toString()).toBe(new Decimal(323423).div(1891780).sub(new Decimal(206775).div(1835403)).toString());
    expect(pp.formula).toBe('adj_gross_margin Q2-2024 − adj_gross_margin Q2-2023 (change in percentage points, as a fraction)');
    // From the exact ratios, not the rounded ones: gross margin is up 5.6 points (16.83% - 11.26%), though the
    // printed 16.8% and 11.3% differ by 5.5. Adjusted EBITDA margin: up 6.5 points on the year, 1.3 on the quarter.
    expect(asPrinted(model.growth('gross_margin', 'Q2-2024').value, 1)).toBe('5.6');
    expect(asPrinted(model.growth('adj_ebitda_margin', 'Q2-2024').value, 1)).toBe('6.5');
    expect(asPrinted(model.growth('adj_ebitda_margin', 'Q2-2024', 'QOQ').value, 1)).toBe('1.3');
  });

  test('the list covers every percentage the parser reads from the prose', () => {
    const covered = new Set(
      QUOTED.map((q) => (q.via === 'level' ? `${q.metric}|${q.period}` : q.metric === 'adj_gross_margin' ? `change_pp_yoy:${q.metric}|${q.period}` : `growth_${q.via.toLowerCase()}:${q.metric}|${q.period}`)),
    );
    const read = model.release.facts.filter((f) => f.table === 'prose' && f.unit === 'ratio').map((f) => `${f.metric ?? f.row}|${f.period}`);
    // The one the model cannot reproduce: "doubling from 13% last quarter" (no first-quarter AI revenue is given).
    expect(read.filter((k) => !covered.has(k))).toEqual(['ai_share_public_cloud|Q1-2024']);
    expect([...covered].filter((k) => !read.includes(k))).toEqual([]);
  });

  test('"doubling from 13% last quarter": the release gives no first-quarter AI revenue to reproduce it from', () => {
    expect(LINES[40 - 1]).toContain('approximately 26% of revenues from public cloud services, doubling from 13% last quarter');
    let error: unknown;
    try {
      model.get('ai_share_public_cloud', 'Q1-2024');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).kind).toBe('not_available');
    expect((error as ModelError).message).toBe('The release does not give ai_share_public_cloud for Q1-2024. Available: Q2-2024.');
  });
});
