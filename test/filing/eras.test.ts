/**
 * What a release must print depends on its era (src/filing/eras.ts), on SYNTHETIC releases (invented figures, made by
 * test/support/release-render/synthetic.ts): a 2025 release states the gross billing of its AI business and its
 * ecosystem revenue rather than AI revenue; the normalized adjusted EBITDA rows are required from Q2 2023 to Q2 2024
 * and optional after, closing their identities when printed. A statement or row deleted in an era that requires it
 * is still refused.
 */
import { parseRelease } from '../../src/filing';
import { eraOf, RELEASE_ERAS } from '../../src/filing/eras';
import { acceptRelease } from '../../src/model/gate';
import { consistentRelease, syntheticRelease, type SyntheticSpec } from '../support/release-render/synthetic';

const accepted = (t: string) => acceptRelease(t).accepted;
const NORMALIZED = ['ebitda_reconciliation.disposal_loss_gain', 'ebitda_reconciliation.normalized_adj_ebitda', 'net_margin_table.normalized_adj_ebitda_margin'];
const Q1_2025: SyntheticSpec = { q: 1, year: 2025, rate: '7.2567' };
const Q2_2023: SyntheticSpec = { q: 2, year: 2023, rate: '7.2258' };
const Q3_2024: SyntheticSpec = { q: 3, year: 2024, rate: '7.0176' };
const Q4_2024: SyntheticSpec = { q: 4, year: 2024, rate: '7.2993' };
const seedOf = (spec: SyntheticSpec) => {
  const text = consistentRelease(spec, accepted).text;
  const first = spec.q * 7919 + spec.year;
  for (let seed = first; seed < first + 200; seed++) if (syntheticRelease({ ...spec, seed }).text === text) return seed;
  throw new Error('no seed');
};
const failing = (text: string) => {
  const v = acceptRelease(text);
  return v.accepted ? [] : v.failing.map((f) => f.id);
};
const parseCodes = (text: string) => parseRelease(text).issues.filter((i) => i.severity === 'error').map((i) => i.code);

describe('the eras, declared as data', () => {
  test('every quarter from Q1 2023 on has exactly one era, and eras do not overlap', () => {
    for (let y = 2023; y <= 2030; y++) for (let q = 1; q <= 4; q++) {
      const quarter = `Q${q}-${y}`;
      const eras = RELEASE_ERAS.filter((e) => e === eraOf(quarter));
      expect(eras).toHaveLength(1);
    }
    expect(eraOf('Q4-2022')).toBeUndefined();
    expect(eraOf('Q2-2024')!.prose).toContain('ai_revenue');
    expect(eraOf('Q2-2024')!.rows).toEqual(expect.arrayContaining(NORMALIZED));
    expect(eraOf('Q1-2026')!.prose).toEqual(expect.arrayContaining(['ai_gross_billing', 'ecosystem_revenue']));
  });
});

describe('a 2025 release: gross billing of the AI business and ecosystem revenue, no AI revenue', () => {
  const s = consistentRelease(Q1_2025, accepted);
  test('accepted without the AI revenue sentence, its two statements read under their own ids', () => {
    expect(s.text).not.toMatch(/AI revenue/);
    const v = acceptRelease(s.text);
    expect(v.accepted).toBe(true);
    const facts = v.release.facts.filter((f) => f.table === 'prose' && ['ai_gross_billing', 'ecosystem_revenue', 'ai_revenue'].includes(f.row));
    expect(facts.map((f) => `${f.metric} ${f.period} ${f.currency}`).sort()).toEqual(['ai_gross_billing Q1-2025 RMB', 'ecosystem_revenue Q1-2025 RMB']);
    const billing = /gross billing of AI business reached RMB([\d,.]+) million/.exec(s.text)![1];
    expect(facts.find((f) => f.metric === 'ai_gross_billing')!.value.toString()).toBe(String(Number(billing.replace(/,/g, '')) * 1000));
    expect(v.accepted && v.model.get('ai_gross_billing', 'Q1-2025', 'RMB').value.toString()).toBe(String(Number(billing.replace(/,/g, '')) * 1000));
  });
  test.each(['ai_gross_billing', 'ecosystem_revenue'])('without its %s statement: refused', (row) => {
    const text = syntheticRelease({ ...Q1_2025, seed: seedOf(Q1_2025), omitProse: [row] }).text;
    expect(parseCodes(text)).toEqual(['prose.era_statement_missing']);
    expect(failing(text)).toEqual(['parse']);
  });
  test('without the normalized adjusted EBITDA rows (optional after Q2 2024): accepted', () => {
    const text = syntheticRelease({ ...Q1_2025, seed: seedOf(Q1_2025), omitRows: NORMALIZED }).text;
    expect(text).not.toMatch(/normalized Adjusted EBITDA/i);
    expect(failing(text)).toEqual([]);
  });
  test('with them printed and one altered: refused by its identity', () => {
    const line = s.text.split('\n').find((l) => /normalized Adjusted EBITDA\s/.test(l) && /\d/.test(l))!;
    const figure = /\(?[\d,]{5,}\)?/.exec(line.replace(/^[^\d(]*/, ''))![0];
    const altered = s.text.replace(line, line.replace(figure, figure.replace(/(\d)(\D*)$/, (_, d, r) => `${(Number(d) + 1) % 10}${r}`)));
    expect(altered).not.toBe(s.text);
    expect(failing(altered).some((id) => /normalized_adj_ebitda/.test(id))).toBe(true);
  });
});

describe('2024 releases: AI revenue until Q3 2024', () => {
  test('a Q3 2024 release without its AI revenue sentence: refused', () => {
    const text = syntheticRelease({ ...Q3_2024, seed: seedOf(Q3_2024), omitProse: ['ai_revenue'] }).text;
    expect(parseCodes(text)).toEqual(['prose.era_statement_missing']);
    expect(failing(text)).toEqual(['parse']);
  });
  test('a Q4 2024 release without it (not required after Q3 2024): accepted', () => {
    const text = syntheticRelease({ ...Q4_2024, seed: seedOf(Q4_2024), omitProse: ['ai_revenue'] }).text;
    expect(failing(text)).toEqual([]);
  });
});

describe('the normalized adjusted EBITDA era (Q2 2023 to Q2 2024)', () => {
  const seed = seedOf(Q2_2023);
  test('a Q2 2023 release with them: accepted', () => {
    expect(failing(syntheticRelease({ ...Q2_2023, seed }).text)).toEqual([]);
  });
  // The row is missing, or (the last row of its table, by which the reader finds the table) the table is not found.
  test.each(NORMALIZED)('without its row %s: refused', (row) => {
    const text = syntheticRelease({ ...Q2_2023, seed, omitRows: [row] }).text;
    expect(parseCodes(text).some((c) => c === 'layout.row_missing' || c === 'layout.table_missing')).toBe(true);
    expect(failing(text).length).toBeGreaterThan(0);
  });
});
