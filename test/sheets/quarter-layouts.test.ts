/**
 * The model tabs of a release of each quarter type (SYNTHETIC releases, test/support/release-render/synthetic.ts):
 * the year-to-date columns are headed by their own duration (nine months, the year), a first-quarter release has
 * none, and the first quarter derived from a half-year appears only beside a printed half-year.
 */
import { buildPlan } from '../../src/sheets/build';
import { acceptRelease } from '../../src/model/gate';
import { consistentRelease, type SyntheticSpec } from '../support/release-render/synthetic';

const texts = (spec: SyntheticSpec) => {
  const v = acceptRelease(consistentRelease(spec, (t) => acceptRelease(t).accepted).text);
  if (!v.accepted) throw new Error(v.report);
  const plan = buildPlan(v.model);
  return plan.tabs.flatMap((t) => t.values.flat()).filter((c): c is string => typeof c === 'string');
};

describe('model tabs by quarter type', () => {
  test('Q3: nine-month columns, no six-month heading, no derived first quarter', () => {
    const all = texts({ q: 3, year: 2024, rate: '7.0176' });
    expect(all.some((t) => /Nine months ended/i.test(t))).toBe(true);
    expect(all.some((t) => /Six months ended/i.test(t))).toBe(false);
    expect(all.some((t) => /\(derived\)|\(Q1 \+ Q2\)/.test(t))).toBe(false);
  });
  test('Q4: the year', () => {
    const all = texts({ q: 4, year: 2024, rate: '7.2993' });
    expect(all.some((t) => /Year ended/i.test(t))).toBe(true);
    expect(all.some((t) => /Six months ended|Nine months ended/i.test(t))).toBe(false);
  });
  test('Q1: three months only', () => {
    const all = texts({ q: 1, year: 2025, rate: '7.2567' });
    expect(all.some((t) => /Three months ended/i.test(t))).toBe(true);
    expect(all.some((t) => /Six months ended|Nine months ended|Year ended/i.test(t))).toBe(false);
  });
});
