import { getShippedModel } from '../../src/model/shipped';
import { buildPlan } from '../../src/sheets/build';
import type { TabPlan } from '../../src/sheets/plan';
import { FORMATS, FORMULA_BLACK, LINK_GREEN } from '../../src/sheets/styles';
import { cellsOf } from '../support/a1-cells';

const plan = buildPlan(getShippedModel());
const tab = (name: string) => plan.tabs.find((t) => t.name === name)!;
function styleAt(t: TabPlan, row: number, col: number) {
  const out: Record<string, unknown> = {};
  for (const s of t.styles) if (cellsOf(s.address).some(([r, c]) => r === row && c === col)) Object.assign(out, s.style);
  return out;
}

describe('colours and labels a reader relies on', () => {
  const rc = tab('KC Revenue & Costs');
  test('green only for links to other tabs: the derived Q1 column of Revenue & Costs is black', () => {
    const q1 = rc.values[5].indexOf('Mar 31, 2023 (derived)');
    let formulas = 0;
    for (const t of plan.tabs) {
      t.formulas.forEach((row, r) =>
        row.forEach((f, c) => {
          if (!f || t.name === 'KC Checks') return;
          const colour = styleAt(t, r, c).fontColor;
          if (colour === LINK_GREEN) expect(`${t.name}!${r},${c} ${f}`).toMatch(/!/);
          if (!f.includes('!')) expect([t.name, r, c, colour]).toEqual([t.name, r, c, FORMULA_BLACK]);
        }),
      );
    }
    rc.formulas.forEach((row, r) => {
      if (row[q1]) {
        formulas++;
        expect(styleAt(rc, r, q1).fontColor).toBe(FORMULA_BLACK);
      }
    });
    expect(formulas).toBeGreaterThan(10);
  });

  test('the units line of Revenue & Costs speaks of RMB only', () => {
    expect(rc.values[6].slice(1).every((v) => v === 'RMB')).toBe(true);
    expect(String(rc.values[1][0])).not.toMatch(/US\$/);
  });

  test('a change in percentage points is not formatted as a percent', () => {
    const r = rc.values.findIndex((row) => row[0] === 'Public cloud share of revenues');
    const cells = rc.numberFormats[r].filter((_, c) => rc.formulas[r][c]);
    expect(cells.length).toBeGreaterThan(0);
    for (const f of cells) {
      expect(f).toBe(FORMATS.points);
      expect(f).not.toMatch(/%/);
    }
  });

  test('G&A growth sits beside S&M and R&D growth, year over year and quarter over quarter', () => {
    for (const section of ['Growth, year over year', 'Growth, quarter over quarter']) {
      const start = rc.values.findIndex((row) => row[0] === section);
      const next = rc.values.findIndex((row, i) => i > start && typeof row[0] === 'string' && /^(Growth|Mix)/.test(row[0] as string));
      const labels = rc.values.slice(start, next).map((row) => row[0]);
      expect(labels).toEqual(expect.arrayContaining(['Selling and marketing expenses', 'General and administrative expenses', 'Research and development expenses']));
    }
  });

  test('net debt says that negative is net cash, and shows the amounts due to related parties it leaves out', () => {
    const bs = tab('KC Balance Sheet');
    const r = bs.values.findIndex((row) => /^Net debt/.test(String(row[0])));
    expect(bs.values[r][0]).toMatch(/negative is net cash/);
    const out = bs.values.map((row, i) => [i, String(row[0])] as const).filter(([, l]) => /^Not in net debt: amounts due to related parties/.test(l));
    expect(out).toHaveLength(2);
    const nonCurrent = out.find(([, l]) => /non-current/.test(l))![0];
    const exp = (col: number) => bs.expectations.find((e) => e.address === `${String.fromCharCode(65 + col)}${nonCurrent + 1}`)!.expected;
    expect([exp(1), exp(2)]).toEqual([40069, 1052160]); // RMB40m at Dec 31, 2023 to RMB1,052m at Jun 30, 2024
  });
});

describe('the Checks tab counts live and recorded checks apart', () => {
  const ck = tab('KC Checks');
  const rowOf = (label: RegExp) => ck.values.findIndex((r) => label.test(String(r[0])));
  const model = getShippedModel();
  test('live checks are formulas; release checks are recorded, labelled and blue; each has its own count', () => {
    const live = ck.formulas.filter((r) => r[7]?.startsWith('=IF(ABS(')).length;
    const recorded = ck.values.filter((r) => r[7] === 'PASS').length;
    expect(recorded).toBe(model.checks().length);
    const liveRow = rowOf(/^Live checks/);
    const recRow = rowOf(/^Release checks run by the add-in/);
    const exp = (r: number, c: number) => ck.expectations.find((e) => e.address === `${String.fromCharCode(65 + c)}${r + 1}`)!.expected;
    expect(exp(liveRow, 1)).toBe(live);
    expect(exp(recRow, 1)).toBe(recorded);
    expect(ck.formulas[liveRow][1]).toMatch(/COUNTIF/);
    expect(ck.values.some((r) => /recorded results: they do not recalculate/.test(String(r[0])))).toBe(true);
    const firstRecorded = ck.values.findIndex((r) => r[7] === 'PASS');
    for (const c of [3, 4, 5, 6]) expect(styleAt(ck, firstRecorded, c).fontColor).toBe('#0000FF');
    expect(ck.results![rowOf(/^Status$/)][1]).toBe('ALL CHECKS PASS');
  });
  test('a failing check turns red by conditional formatting; numeric headers right-aligned; tolerance and status apart', () => {
    const cf = ck.conditionalFormats ?? [];
    expect(cf.some((f) => f.textContains === 'FAIL' && /^H\d+:H\d+$/.test(f.address) && f.style.fill)).toBe(true);
    expect(cf.some((f) => f.greaterThan === 0)).toBe(true);
    const header = ck.values.findIndex((r) => r[0] === 'Check');
    for (const c of [3, 4, 5, 6]) expect(styleAt(ck, header, c).horizontalAlignment).toBe('right');
    expect(styleAt(ck, header, 7).horizontalAlignment).toBe('center');
    expect(styleAt(ck, header + 2, 0).wrapText).toBe(true);
  });
});
