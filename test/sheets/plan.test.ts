import { getShippedModel } from '../../src/model/shipped';
import { address, parseAddress } from '../../src/sheets/a1';
import { buildPlan, MODEL_TABS } from '../../src/sheets/build';
import type { TabPlan } from '../../src/sheets/plan';
import { FORMATS, INPUT_BLUE } from '../../src/sheets/styles';
import { cellsOf } from '../support/a1-cells';

const model = getShippedModel();
const plan = buildPlan(model);
const tab = (name: string) => plan.tabs.find((t) => t.name === name)!;


/** The resolved style of a cell: later ranges override earlier ones, property by property. */
function styleAt(t: TabPlan, row: number, col: number) {
  const out: Record<string, unknown> = {};
  for (const s of t.styles) if (cellsOf(s.address).some(([r, c]) => r === row && c === col)) Object.assign(out, s.style);
  return out;
}

const REF = /(?:'((?:[^']|'')+)'!)?\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?/g;

describe('the sheet plan', () => {
  test('has the seven model tabs in order, each with a title, units and source line', () => {
    expect(plan.tabs.map((t) => t.name)).toEqual(MODEL_TABS.map((t) => t.name));
    for (const t of plan.tabs) {
      expect(t.name.length).toBeLessThanOrEqual(31);
      expect(t.name).not.toMatch(/[[\]:*?/\\]/);
      expect(String(t.values[0][0])).toMatch(/^Kingsoft Cloud — /);
      expect(String(t.values[1][0]).length).toBeGreaterThan(20);
      expect(String(t.values[2][0])).toMatch(/^Source: /);
      expect(t.showGridlines).toBe(false);
      expect(t.values).toHaveLength(t.rows);
      expect(t.formulas).toHaveLength(t.rows);
      expect(t.numberFormats).toHaveLength(t.rows);
      for (const grid of [t.values, t.formulas, t.numberFormats]) for (const row of grid) expect(row).toHaveLength(t.cols);
      expect(t.columnWidths).toHaveLength(t.cols);
    }
    expect(tab('KC Income Statement').values[1][0]).toMatch(/thousands of RMB or US\$ .*RMB7\.2672 = US\$1\.00/);
  });

  test('statement tabs freeze their header rows and label column; periods head the columns', () => {
    for (const name of ['KC Income Statement', 'KC Balance Sheet', 'KC Cash Flow', 'KC Non-GAAP', 'KC Revenue & Costs']) {
      const t = tab(name);
      expect(t.freeze).toEqual({ rows: 7, columns: 1 });
      expect(t.values[6].slice(1).every((v) => v === 'RMB' || v === 'US$')).toBe(true);
    }
    expect(tab('KC Income Statement').values[5]).toEqual([null, 'Jun 30, 2023', 'Mar 31, 2024', 'Jun 30, 2024', 'Jun 30, 2024', 'Jun 30, 2023', 'Jun 30, 2024', 'Jun 30, 2024']);
    expect(tab('KC Income Statement').values[4]).toEqual([null, 'Three months ended', null, null, null, 'Six months ended', null, null]);
    expect(tab('KC Balance Sheet').values[5]).toEqual([null, 'Dec 31, 2023', 'Jun 30, 2024', 'Jun 30, 2024']);
  });

  test('a cell holds a constant or a formula, never both; text is never a formula', () => {
    for (const t of plan.tabs) {
      t.formulas.forEach((row, r) =>
        row.forEach((f, c) => {
          if (f !== null) {
            expect(t.values[r][c]).toBeNull();
            expect(f.startsWith('=')).toBe(true);
          }
        }),
      );
    }
  });

  test('every formula refers only to cells that hold something, on tabs that exist', () => {
    const byName = new Map(plan.tabs.map((t) => [t.name, t]));
    let refs = 0;
    for (const t of plan.tabs) {
      t.formulas.forEach((row, r) =>
        row.forEach((f, c) => {
          if (!f) return;
          const text = f.replace(/"[^"]*"/g, '""'); // string literals hold no references
          for (const m of text.matchAll(REF)) {
            if (/^[A-Z]+$/.test(m[0]) || /^(SUM|ROUND|ABS|IF|COUNTIF)$/.test(m[0])) continue;
            const target = m[1] ? byName.get(m[1].replace(/''/g, "'")) : t;
            expect(target).toBeDefined();
            const cells = m[4] ? cellsOf(`${m[2]}${m[3]}:${m[4]}${m[5]}`) : cellsOf(`${m[2]}${m[3]}`);
            for (const [rr, cc] of cells) {
              const filled = target!.values[rr]?.[cc] !== null && target!.values[rr]?.[cc] !== undefined ? true : !!target!.formulas[rr]?.[cc];
              if (!filled && !m[4]) throw new Error(`${t.name}!${address(r, c)} ${f} refers to empty ${target!.name}!${address(rr, cc)}`);
              if (rr === r && cc === c && target === t) throw new Error(`${t.name}!${address(r, c)} refers to itself`);
            }
            refs++;
          }
        }),
      );
    }
    expect(refs).toBeGreaterThan(1000);
  });

  test('derived rows are live formulas over the inputs', () => {
    const is = tab('KC Income Statement');
    const row = (label: string) => is.values.findIndex((r) => r[0] === label);
    const tr = row('Total revenues');
    expect(is.formulas[tr][3]).toBe(`=SUM(D${row('Public cloud services') + 1}:D${row('Others') + 1})`);
    expect(is.formulas[row('Gross profit')][1]).toBe(`=B${tr + 1}+B${row('Cost of revenues') + 1}`);
    const ng = tab('KC Non-GAAP');
    const nrow = (label: string) => ng.values.findIndex((r) => r[0] === label);
    expect(ng.formulas[nrow('Foreign exchange loss')][3]).toBe(`=-'KC Income Statement'!D${row('Foreign exchange loss') + 1}`);
    expect(ng.formulas[nrow('Adjusted gross margin (Non-GAAP)')][3]).toBe(`=D${nrow('Adjusted gross profit (Non-GAAP)') + 1}/'KC Income Statement'!D${tr + 1}`);
    const cf = tab('KC Cash Flow');
    const crow = (label: string) => cf.values.findIndex((r) => r[0] === label);
    expect(cf.formulas[crow('Net cash generated from (used in) operating activities')][5]).toBe(
      `=C${crow('Net cash generated from (used in) operating activities') + 1}+D${crow('Net cash generated from (used in) operating activities') + 1}`,
    );
    const rc = tab('KC Revenue & Costs');
    const rrow = (label: string) => rc.values.findIndex((r) => r[0] === label);
    expect(rc.formulas[rrow('Public cloud services')][1]).toBe(`=F${rrow('Public cloud services') + 1}-C${rrow('Public cloud services') + 1}`); // Q1-2023 = H1 - Q2
  });

  test('reported inputs are blue and carry the model value; formulas are black or green', () => {
    let inputs = 0;
    for (const t of plan.tabs.slice(0, 5)) {
      t.values.forEach((row, r) =>
        row.forEach((v, c) => {
          if (c === 0 || r < 7 || typeof v !== 'number') return;
          expect(styleAt(t, r, c).fontColor).toBe(INPUT_BLUE);
          inputs++;
        }),
      );
      t.formulas.forEach((row, r) =>
        row.forEach((f, c) => {
          if (f) expect(['#000000', '#00703C']).toContain(styleAt(t, r, c).fontColor);
        }),
      );
    }
    expect(inputs).toBeGreaterThan(250);
    const is = tab('KC Income Statement');
    const r = is.values.findIndex((x) => x[0] === 'Cost of revenues');
    expect(is.values[r].slice(1)).toEqual([-1628797, -1482431, -1573433, -216512, -3299012, -3055864, -420501]);
  });

  test('accounting formats with parentheses; percentages to one decimal; totals bold with a top border', () => {
    expect(FORMATS.amount).toContain('(#,##0)');
    expect(FORMATS.percent).toBe('0.0%_);(0.0%);"–"_);@_)');
    const is = tab('KC Income Statement');
    const tr = is.values.findIndex((r) => r[0] === 'Total revenues');
    expect(is.numberFormats[tr][1]).toBe(FORMATS.amount);
    expect(styleAt(is, tr, 1)).toMatchObject({ bold: true, borderTop: 'thin' });
    const ng = tab('KC Non-GAAP');
    const gm = ng.values.findIndex((r) => r[0] === 'Gross margin');
    expect(ng.numberFormats[gm][1]).toBe(FORMATS.percent);
    const eps = is.values.findIndex((r) => r[0] === 'Basic and diluted');
    expect(is.numberFormats[eps][3]).toBe(FORMATS.perShare);
  });

  test('workbook names: valid, unique, and pointing at the headline cells', () => {
    const names = plan.names.map((n) => n.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of plan.names) {
      expect(n.name).toMatch(/^KC_[A-Z0-9_]+$/);
      expect(n.name.length).toBeLessThanOrEqual(255);
      expect(n.address).toMatch(/^\$[A-Z]+\$\d+$/);
      const t = tab(n.tab);
      const { row, col } = parseAddress(n.address);
      expect(t.values[row][col] !== null || t.formulas[row][col] !== null).toBe(true);
    }
    for (const n of ['KC_ADJ_EBITDA_Q2_2024', 'KC_ADJ_EBITDA_Q2_2024_USD', 'KC_TOTAL_REVENUES_H1_2024', 'KC_GROSS_MARGIN_Q1_2024', 'KC_CASH_2024_06_30', 'KC_CHECKS_FAILED']) {
      expect(names).toContain(n);
    }
  });

  test('every formula of the statement tabs has the calculation module value as its expectation', () => {
    for (const t of plan.tabs.slice(0, 5)) {
      const formulas = t.formulas.flat().filter(Boolean).length;
      expect(t.expectations.length).toBe(formulas);
    }
    const is = tab('KC Income Statement');
    const tr = is.values.findIndex((r) => r[0] === 'Total revenues');
    expect(is.expectations.find((e) => e.address === `D${tr + 1}`)).toMatchObject({ expected: 1891780, tolerance: 0 });
  });

  test('the Checks tab compares every derived figure with the printed one, live', () => {
    const ck = tab('KC Checks');
    const live = ck.formulas.filter((r) => r[7]?.startsWith('=IF(ABS('));
    expect(live.length).toBeGreaterThan(150);
    const static_ = ck.values.filter((r) => r[7] === 'PASS');
    expect(static_.length).toBe(model.checks().length);
    expect(ck.values.some((r) => r[7] === 'FAIL')).toBe(false);
  });

  test('the Sources tab lists every repair and every figure as text', () => {
    const src = tab('KC Sources');
    const repairs = src.values.filter((r) => typeof r[0] === 'string' && /^R\d+$/.test(r[0] as string));
    expect(repairs).toHaveLength(model.release.repairs.length);
    const figures = src.values.filter((r) => typeof r[7] === 'number' && typeof r[1] === 'string' && r[0] !== 'Repair');
    expect(figures).toHaveLength(model.release.facts.length);
    expect(src.formulas.flat().filter(Boolean)).toHaveLength(0);
    const repaired = repairs.find((r) => r[6] === '1,245,400')!;
    expect(repaired.slice(0, 8)).toEqual(['R16', 'misread_digits', 182, 'income_statement', 'Others', 'Six Months Ended Jun 30, 2024 RMB', '1,245,400', '152']);
  });

  test('the plan is deterministic (a refresh writes identical content)', () => {
    expect(JSON.stringify(buildPlan(getShippedModel()))).toBe(JSON.stringify(plan));
  });
});
