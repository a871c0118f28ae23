/**
 * sameValue, the library's comparison of two figures, answers exactly as decimal.js `eq` over generated values:
 * equal values written differently, zeros of both signs, values made by arithmetic, NaN and infinities.
 */
import Decimal from 'decimal.js';
import { absAtMost, oppositeValue, sameValue } from '../../src/filing/same-value';

/** A small deterministic generator (no seed to pass around: the same values on every run). */
function* values(): Generator<Decimal> {
  const texts = ['0', '-0', '0.000', '1', '1.0', '1.50', '1.5', '-1.5', '1e3', '1000', '1000.0001', '999.9999', '1234567', '12345678', '1234567.1234567', '-7.2672', '7.2672', '0.0000001', '1e-7', 'NaN', 'Infinity', '-Infinity'];
  for (const t of texts) yield new Decimal(t);
  let x = 17;
  const next = () => (x = (x * 1103515245 + 12345) % 2147483648);
  for (let i = 0; i < 400; i++) {
    const int = (next() % 2000000) - 1000000;
    const scale = next() % 6;
    const v = new Decimal(int).div(new Decimal(10).pow(scale));
    yield v;
    // The same value reached another way: through a string with trailing zeros, and by arithmetic.
    yield new Decimal(`${v.toFixed(scale + 2)}`);
    yield v.add(1).sub(1);
    yield v.mul(3).div(3);
  }
}

test('sameValue(a, b) === a.eq(b) for every pair of generated values', () => {
  const all = [...values()];
  let equal = 0;
  for (const a of all) {
    for (const b of all) {
      const want = a.eq(b);
      if (sameValue(a, b) !== want) throw new Error(`sameValue(${a}, ${b}) !== ${want}`);
      if (want) equal++;
    }
  }
  // Not a vacuous comparison: many pairs are equal values written or computed differently.
  expect(equal).toBeGreaterThan(all.length * 2);
});

test('oppositeValue(a, b) === a.eq(b.neg()) for every pair of generated values, b finite and not zero', () => {
  const all = [...values()];
  let opposite = 0;
  // Each value also negated (and computed as 0 − v), so that many pairs are opposites.
  for (const a of [...all, ...all.map((v) => v.neg()), ...all.map((v) => new Decimal(0).sub(v))]) {
    for (const b of all) {
      if (!b.isFinite() || b.isZero()) continue;
      const want = a.eq(b.neg());
      if (oppositeValue(a, b) !== want) throw new Error(`oppositeValue(${a}, ${b}) !== ${want}`);
      if (want) opposite++;
    }
  }
  expect(opposite).toBeGreaterThan(all.length / 2);
});

describe('absAtMost: |x| ≤ y as Decimal#abs and #lte give it', () => {
  const figures = ['0', '-0', '1', '-1', '0.5', '-0.5', '0.5000000000001', '728200', '-728200', '728200.0000001', '-265900.5', '0.001', '1e-12', '12345678901234', '12345678901235', '-99999999999999', '123456789012345678', '-1234567890123456789012345', '1e-30', '5e20', 'NaN', 'Infinity', '-Infinity'].map((s) => new Decimal(s));
  figures.push(new Decimal(0));

  it('gives what x.abs().lte(y) gives for every pair, signs of zero and figures that are not finite included', () => {
    for (const x of figures) for (const y of figures) expect([x.toString(), y.toString(), absAtMost(x, y)]).toEqual([x.toString(), y.toString(), x.abs().lte(y)]);
  });

  it('gives what x.abs().lte(y) gives for generated differences and slacks', () => {
    let seed = 11;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    const figure = () => {
      const digits = 1 + (next() % 24);
      let text = next() % 2 ? '-' : '';
      for (let i = 0; i < digits; i++) text += String(next() % 10);
      return new Decimal(text).div(new Decimal(10).pow(next() % 8));
    };
    for (let n = 0; n < 2000; n++) {
      const x = figure();
      const y = next() % 3 ? figure() : x.abs().add(next() % 2 ? '1e-12' : '-1e-12');
      expect(absAtMost(x, y)).toBe(x.abs().lte(y));
      expect(absAtMost(x, x.abs())).toBe(true);
    }
  });
});
