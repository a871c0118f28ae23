/**
 * Prose in another release's wording, read by its structure (subject, amounts, the words that name each amount's
 * period, growth rates by direction and basis): SYNTHETIC releases (test/support/release-render/synthetic.ts) whose
 * sentences are reworded give the same prose facts as in the Q2 2024 wording; an amount no period word places is
 * reported, not guessed.
 */
import { parseRelease, type ParsedRelease } from '../../src/filing';
import { acceptRelease } from '../../src/model/gate';
import { syntheticRelease, type SyntheticSpec } from '../support/release-render/synthetic';

const prose = (r: ParsedRelease) => r.facts.filter((f) => f.table === 'prose').map((f) => `${f.row}\t${f.period}\t${f.currency}\t${f.value}`).sort();
const seedOf = (spec: SyntheticSpec) => {
  const first = spec.q * 7919 + spec.year;
  for (let s = first; s < first + 200; s++) if (acceptRelease(syntheticRelease({ ...spec, seed: s }).text).accepted) return s;
  throw new Error('no seed');
};

describe.each([
  { q: 1, year: 2025, rate: '7.2567' },
  { q: 3, year: 2024, rate: '7.0176' },
  { q: 4, year: 2024, rate: '7.2993' },
] as SyntheticSpec[])('reworded prose, Q$q $year (synthetic)', (base) => {
  const seed = seedOf(base);
  const usual = syntheticRelease({ ...base, seed }).text;
  const reworded = syntheticRelease({ ...base, seed, rewordedProse: true }).text;

  test('the sentences differ from the Q2 2024 wording', () => {
    expect(reworded).not.toBe(usual);
    expect(reworded).toMatch(/Total revenues were RMB/);
    expect(reworded).toMatch(/As of [A-Z][a-z]+ \d+, \d{4}, cash and cash equivalents were/);
    expect(reworded).not.toMatch(/IDC costs (?:in|de)creased significantly by/);
  });

  test('the same prose facts, no error, and the gate accepts it', () => {
    const r = parseRelease(reworded);
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(r.issues.filter((i) => i.code === 'prose.unplaced')).toEqual([]);
    // Each statement read by its structure is said so (a warning), never silently.
    const told = r.issues.filter((i) => i.code === 'prose.by_structure').map((i) => i.message.replace(/ \(line \d+\).*/, ''));
    expect(told).toEqual(expect.arrayContaining(['prose: the statement of total revenues', 'prose: the statement of idc costs', 'prose: the statement of other costs', 'prose: the statement of cash and cash equivalents', 'prose: the statement of net loss']));
    expect(parseRelease(usual).issues.filter((i) => i.code === 'prose.by_structure')).toEqual([]);
    expect(prose(r)).toEqual(prose(parseRelease(usual)));
    const v = acceptRelease(reworded);
    expect(v.accepted ? [] : v.failing).toEqual([]);
  });
});

test('an amount no period word places is reported, not read', () => {
  const base: SyntheticSpec = { q: 3, year: 2024, rate: '7.0176' };
  const seed = seedOf(base);
  const text = syntheticRelease({ ...base, seed, rewordedProse: true }).text.replace(/ in the same quarter of 2023 and (RMB[\d,.]+ million) in the second quarter of 2024, an/, ', $1 at some point, and an');
  const r = parseRelease(text);
  // Neither comparison amount is named any more: both reported, neither read as a prior period.
  const unplaced = r.issues.filter((i) => i.code === 'prose.unplaced').map((i) => i.message);
  expect(unplaced).toHaveLength(2);
  for (const m of unplaced) expect(m).toMatch(/^prose: "RMB[\d,.]+ million" in the statement of total revenues \(line \d+\) names no period/);
  expect(r.facts.filter((f) => f.table === 'prose' && f.row === 'total_revenues').map((f) => f.period)).toEqual(['Q3-2024', 'Q3-2024']);
});
