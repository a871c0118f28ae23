import { SHIPPED_RELEASE_TEXT } from '../../src/filing/shipped';
import { acceptRelease, acceptedModel, ReleaseRefusedError } from '../../src/model/gate';

/** The shipped text with the figures of two table rows exchanged (labels in place). */
function swapRows(labelA: string, labelB: string): string {
  const lines = SHIPPED_RELEASE_TEXT.split('\n');
  const a = lines.findIndex((l) => l.startsWith(labelA + '\t'));
  const b = lines.findIndex((l) => l.startsWith(labelB + '\t'));
  expect(a).toBeGreaterThan(0);
  expect(b).toBeGreaterThan(0);
  const figures = (l: string) => l.slice(l.indexOf('\t'));
  [lines[a], lines[b]] = [labelA + figures(lines[b]), labelB + figures(lines[a])];
  return lines.join('\n');
}

function edit(from: string, to: string): string {
  expect(SHIPPED_RELEASE_TEXT.split(from)).toHaveLength(2);
  return SHIPPED_RELEASE_TEXT.replace(from, to);
}

function deleteRow(label: string): string {
  const lines = SHIPPED_RELEASE_TEXT.split('\n');
  const i = lines.findIndex((l) => l.startsWith(label + '\t'));
  expect(i).toBeGreaterThan(0);
  lines.splice(i, 1);
  return lines.join('\n');
}

describe('the gate', () => {
  test('accepts the shipped release: no problem, every check passes, its 592 facts and 19 repairs', () => {
    const v = acceptRelease(SHIPPED_RELEASE_TEXT);
    expect(v.accepted).toBe(true);
    if (!v.accepted) return;
    expect(v.checks.filter((c) => !c.pass)).toEqual([]);
    expect(v.checks).toBe(v.model.checks());
    expect(v.release.facts).toHaveLength(592);
    expect(v.release.repairs).toHaveLength(19);
  });

  // [example, the edited text, the check that refuses it (named first), every failing check]
  const EXAMPLES: [string, () => string, string, string[]][] = [
    ['IDC costs a year earlier 860.7 → 460.7', () => edit('from RMB860.7 million', 'from RMB460.7 million'), 'prose.growth_yoy:idc_costs', ['prose.growth_yoy:idc_costs']],
    ['D&A costs 265.9 → 263.9', () => edit('to RMB265.9 million', 'to RMB263.9 million'), 'prose.growth_yoy:cost_depreciation_amortization',
      ['prose.cost_breakdown', 'prose.cost_breakdown.printed', 'prose.cost_depreciation_amortization.usd', 'prose.growth_yoy:cost_depreciation_amortization']],
    ['solution costs 491.1 → 481.1', () => edit('to RMB491.1 million', 'to RMB481.1 million'), 'prose.growth_yoy:solution_costs',
      ['prose.cost_breakdown', 'prose.cost_breakdown.printed', 'prose.growth_yoy:solution_costs', 'prose.solution_costs.usd']],
    ['cash and restricted cash swapped on the balance sheet', () => swapRows('Cash and cash equivalents', 'Restricted cash'), 'prose.cash', ['prose.cash']],
    ['enterprise cloud and other revenue swapped', () => swapRows('Enterprise cloud services', 'Others'), 'prose.enterprise_cloud_revenue',
      ['prose.enterprise_cloud_revenue', 'prose.growth_qoq:enterprise_cloud_revenue', 'prose.growth_yoy:enterprise_cloud_revenue', 'prose.other_revenue']],
    ['operating and investing cash flow swapped', () => swapRows('Net cash generated from (used in) operating activities', 'Net cash generated from (used in) investing activities'), 'prose.cfo', ['prose.cfo']],
    ["comprehensive loss's row deleted", () => deleteRow('Comprehensive loss'), 'required.income_statement', ['required.income_statement']],
  ];

  test.each(EXAMPLES)('refuses: %s', (_, text, first, all) => {
    const v = acceptRelease(text());
    expect(v.accepted).toBe(false);
    if (v.accepted) return;
    expect(v.failing[0].id).toBe(first);
    expect([...new Set(v.failing.map((f) => f.id))].sort()).toEqual(all);
    expect(v.failing[0].line).toBeGreaterThan(0);
    // Where a model is needed, the refusal is an error naming the check and its line.
    expect(() => acceptedModel(text())).toThrow(new RegExp(`^release refused by check ${first.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(line \\d+\\)`));
  });

  test("the missing row is named, with the table's line", () => {
    const v = acceptRelease(deleteRow('Comprehensive loss'));
    if (v.accepted) throw new Error('accepted');
    expect(v.failing[0].message).toMatch(/missing: "Comprehensive loss"/);
    expect(v.report).toMatch(/^required\.income_statement \(line \d+\): Every row of the unaudited condensed consolidated statements of comprehensive loss is present; missing: "Comprehensive loss"/);
  });

  test('the second statement of the exchange rate must agree with the first', () => {
    const text = SHIPPED_RELEASE_TEXT.replace(/were made at a rate of RMB7\.2672 to US\\\$1\.00/, 'were made at a rate of RMB7.2772 to US\\$1.00');
    expect(text).not.toBe(SHIPPED_RELEASE_TEXT);
    const v = acceptRelease(text);
    if (v.accepted) throw new Error('accepted');
    expect(v.failing.map((f) => f.id)).toEqual(['prose.fx_rate@line108']);
  });

  test('the ADS count is the share count / 15 to the nearest ADS', () => {
    const v = acceptRelease(edit('about 239,791,623 ADSs', 'about 239,791,624 ADSs'));
    if (v.accepted) throw new Error('accepted');
    expect(v.failing.map((f) => f.id)).toEqual(['prose.ads_outstanding']);
    expect(v.checks.find((c) => c.id === 'prose.ads_outstanding')!.name).toMatch(/1 ADS = 15 ordinary shares/);
  });

  test("a half-year's weighted-average shares lie between its quarters'", () => {
    // H1 2024 printed (in both its RMB and US$ columns) above Q2 2024's 3,649,307,331.
    const lines = SHIPPED_RELEASE_TEXT.split('\n');
    const i = lines.findIndex((l) => l.startsWith('Basic and diluted\t3,554,529,097'));
    lines[i] = lines[i].replace(/3,632,583,338/g, '3,652,583,338');
    const v = acceptRelease(lines.join('\n'));
    if (v.accepted) throw new Error('accepted');
    expect(v.failing.map((f) => f.id)).toContain('shares.weighted_shares.halfyear');
  });

  test('the US$ components of cost of revenues: other costs is the balancing figure, the others within rounding', () => {
    const v = acceptRelease(SHIPPED_RELEASE_TEXT);
    if (!v.accepted) throw new Error('refused');
    const usd = v.checks.filter((c) => /^prose\.\w+_costs\.usd$|^prose\.cost_depreciation_amortization\.usd$/.test(c.id));
    expect(usd.map((c) => [c.id, c.tolerance.toDecimalPlaces(1).toString()])).toEqual([
      ['prose.idc_costs.usd', '56.9'],
      ['prose.cost_depreciation_amortization.usd', '56.9'],
      ['prose.solution_costs.usd', '56.9'],
      ['prose.fulfillment_costs.usd', '56.9'],
      ['prose.other_costs.usd', '306.9'],
    ]);
    // US$6.9 million for RMB50.6 million / 7.2672 = 6.963: 62.8 thousand, beyond the rounding of both figures.
    expect(usd[4].difference.abs().toDecimalPlaces(1).toString()).toBe('62.8');
    // A US$ component off by one in its last digit fails.
    const w = acceptRelease(edit('RMB728.2 million (US\\$100.2 million)', 'RMB728.2 million (US\\$100.1 million)'));
    if (w.accepted) throw new Error('accepted');
    expect(w.failing.map((f) => f.id).sort()).toEqual(['prose.cost_breakdown.printed.usd', 'prose.idc_costs.usd']);
  });

  test('a text the parser cannot read is refused, never a crash', () => {
    for (const text of [SHIPPED_RELEASE_TEXT.replace('Second Quarter 2024 Financial Results', 'Second Quarter 9024 Financial Results'), SHIPPED_RELEASE_TEXT.slice(0, SHIPPED_RELEASE_TEXT.indexOf('51,066') + 2)]) {
      const v = acceptRelease(text);
      expect(v.accepted).toBe(false);
      if (!v.accepted) expect(v.failing[0].id).toBe('parse');
    }
  });

  test('ReleaseRefusedError carries the verdict', () => {
    try {
      acceptedModel(swapRows('Cash and cash equivalents', 'Restricted cash'));
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(ReleaseRefusedError);
      expect((e as ReleaseRefusedError).verdict.failing.map((f) => f.id)).toEqual(['prose.cash', 'prose.cash']);
      expect((e as Error).message).toMatch(/^release refused by check prose\.cash \(line 80\): .*\(and 1 more\)$/);
    }
  });
});
