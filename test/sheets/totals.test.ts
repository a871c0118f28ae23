import { getShippedModel } from '../../src/model/shipped';
import { address } from '../../src/sheets/a1';
import { buildPlan } from '../../src/sheets/build';
import type { TabPlan } from '../../src/sheets/plan';
import { cellsOf } from '../support/a1-cells';

/**
 * Every total adds up. On every tab, a row labelled "Total …" in the total style (bold, rule above) is the sum of
 * the indented rows right above it; the sum must hold in every column, with each cell's value taken from the plan
 * (reported figures) or the calculation module (formula results).
 */
const plan = buildPlan(getShippedModel());

function isTotalRow(t: TabPlan, r: number): boolean {
  return t.styles.some((s) => s.style.borderTop && s.style.bold && cellsOf(s.address).some(([rr, cc]) => rr === r && cc === 0));
}
function indented(t: TabPlan, r: number): boolean {
  return t.styles.some((s) => (s.style.indent ?? 0) > 0 && cellsOf(s.address).some(([rr, cc]) => rr === r && cc === 0));
}
const valueAt = (t: TabPlan, r: number, c: number) => {
  const v = t.formulas[r][c] === null ? t.values[r][c] : t.expectations.find((e) => e.address === address(r, c))?.expected;
  return typeof v === 'number' ? v : undefined;
};

/** Each total row with the rows it adds up. */
function totals(t: TabPlan): { row: number; parts: number[] }[] {
  const out: { row: number; parts: number[] }[] = [];
  for (let r = 0; r < t.rows; r++) {
    if (!/^Total /.test(String(t.values[r][0] ?? '')) || !isTotalRow(t, r)) continue;
    const parts: number[] = [];
    for (let p = r - 1; p >= 0 && indented(t, p) && t.values[p][0] !== null; p--) parts.unshift(p);
    if (parts.length > 0) out.push({ row: r, parts });
  }
  return out;
}

describe('totals on every tab are the sums of the rows above them', () => {
  test('the walk finds the totals of every statement tab', () => {
    const found = Object.fromEntries(plan.tabs.map((t) => [t.name, totals(t).map((x) => t.values[x.row][0])]));
    expect(found['KC Income Statement']).toEqual(expect.arrayContaining(['Total revenues', 'Total operating expenses']));
    expect(found['KC Balance Sheet']).toEqual(expect.arrayContaining(['Total current assets', 'Total non-current assets', 'Total current liabilities']));
    expect(found['KC Revenue & Costs']).toEqual(['Total revenues', 'Total operating expenses']);
  });

  for (const t of plan.tabs) {
    test(`${t.name}: every total holds in every column`, () => {
      const broken: string[] = [];
      for (const { row, parts } of totals(t)) {
        for (let c = 1; c < t.cols; c++) {
          const total = valueAt(t, row, c);
          if (total === undefined) {
            if (t.formulas[row][c] !== null) broken.push(`${address(row, c)}: a total with no value from the calculation module`);
            continue;
          }
          const values = parts.map((p) => valueAt(t, p, c) ?? 0);
          const sum = values.reduce((a, b) => a + b, 0);
          // US$ totals add rounded translations: within 3 thousand. RMB totals are exact.
          const usd = t.values.slice(0, 8).some((hr) => hr[c] === 'US$');
          if (Math.abs(sum - total) > (usd ? 3 : 1e-6)) broken.push(`${address(row, c)} ${t.values[row][0]}: parts (rows ${parts.map((p) => p + 1).join(', ')}) sum to ${sum}, total reads ${total}`);
        }
      }
      expect(broken).toEqual([]);
    });
  }

  test('operating expenses on Revenue & Costs show the impairment, and a line without it', () => {
    const rc = plan.tabs.find((t) => t.name === 'KC Revenue & Costs')!;
    const labels = rc.values.map((r) => r[0]);
    expect(labels).toContain('Impairment of long-lived assets');
    const ex = labels.indexOf('Operating expenses excluding impairment');
    expect(ex).toBeGreaterThan(0);
    // H1-2023: total (1,361,773) less the impairment (185,135); the derived Q1-2023 column the same way.
    const col = (header: string) => rc.values[5].indexOf(header);
    expect(valueAt(rc, ex, col('Jun 30, 2023') + 3)).toBe(-1361773 + 185135);
    expect(valueAt(rc, ex, col('Mar 31, 2023 (derived)'))).toBe(-792051 + 185135);
    expect(labels.filter((l) => l === 'General and administrative expenses').length).toBe(3); // the line, its YOY and QOQ growth
  });
});
