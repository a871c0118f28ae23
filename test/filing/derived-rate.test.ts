/**
 * Each release's own convenience rate: read where stated; where no sentence states it, derived from the US$ columns
 * (the four-decimal rate inside the bounds of the US$ figures) and then proven by every US$ translation check.
 * On the shipped release with its rate sentences removed (its OCR-damaged US$ cells included), and on SYNTHETIC
 * releases of other quarters and rates (test/support/release-render/synthetic.ts).
 */
import { parseRelease } from '../../src/filing';
import { deriveRate } from '../../src/filing/derived-rate';
import { SHIPPED_RELEASE_TEXT } from '../../src/filing/shipped';
import { acceptRelease } from '../../src/model/gate';
import { gridLines } from '../support/release-render/grid-tsv';
import { consistentRelease, syntheticRelease } from '../support/release-render/synthetic';

const rateOf = (t: string) => parseRelease(t).facts.find((f) => f.metric === 'fx_rate');
const noRate = SHIPPED_RELEASE_TEXT.replace(/RMB7\.2672 to US\\?\$1\.00/g, 'the noon buying rate');

describe('convenience rate', () => {
  test('stated: read from the release (7.2672 in Q2 2024), with its line', () => {
    const f = rateOf(SHIPPED_RELEASE_TEXT)!;
    expect([f.value.toString(), f.provenance.raw]).toEqual(['7.2672', 'RMB7.2672 to US$1.00']);
  });

  test('the shipped release without its rate sentences: derived as 7.2672, same facts and repairs, accepted', () => {
    expect(noRate).not.toContain('7.2672');
    const r = parseRelease(noRate);
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(r.issues.filter((i) => i.code === 'rate.derived')).toHaveLength(1);
    expect(rateOf(noRate)!.value.toString()).toBe('7.2672');
    expect(rateOf(noRate)!.provenance.rowLabel).toContain('derived from the US$ columns');
    expect(r.repairs).toHaveLength(19);
    expect(gridLines(r)).toEqual(gridLines(parseRelease(SHIPPED_RELEASE_TEXT)));
    expect(acceptRelease(noRate).accepted).toBe(true);
  });

  test.each([
    [1, 2025, '7.2567'],
    [3, 2024, '7.0176'],
    [4, 2024, '7.2993'],
  ] as const)('synthetic Q%s %s without the sentence: derived as %s, and accepted', (q, year, rate) => {
    const spec = { q, year, rate, noRateSentence: true };
    const { text } = consistentRelease(spec, (t) => acceptRelease(t).accepted);
    expect(text).not.toContain(`RMB${rate}`);
    expect(rateOf(text)!.value.toString()).toBe(rate);
  });

  test('every US$ figure proves the derived rate: one altered is refused', () => {
    const lines = noRate.split('\n');
    const at = lines.findIndex((l) => l.startsWith('Total revenues\t1,835,403'));
    const cells = lines[at].split('\t');
    expect(cells[4]).toBe('260,318');
    cells[4] = '260,418';
    const altered = [...lines.slice(0, at), cells.join('\t'), ...lines.slice(at + 1)].join('\n');
    const r = parseRelease(altered);
    expect(rateOf(altered)!.value.toString()).toBe('7.2672');
    expect(r.issues.filter((i) => i.severity === 'error').map((i) => i.message)).toContainEqual(expect.stringContaining('income_statement.total_revenues.usd'));
    expect(acceptRelease(altered).accepted).toBe(false);
  });

  test('a stated rate that the US$ columns contradict is refused', () => {
    const text = SHIPPED_RELEASE_TEXT.replace(/RMB7\.2672 to US/g, 'RMB7.2872 to US');
    expect(acceptRelease(text).accepted).toBe(false);
    const synthetic = syntheticRelease({ q: 3, year: 2024, rate: '7.0176' }).text.replace(/RMB7\.0176 to US/g, 'RMB7.0276 to US');
    expect(parseRelease(synthetic).issues.map((i) => i.code)).toContain('check.failed');
  });

  test('no US$ figure to derive it from: no rate, with the reason', () => {
    expect(deriveRate(new Map(), [])).toEqual({ problem: 'the release prints no US$ figure to derive the rate from' });
  });
});
