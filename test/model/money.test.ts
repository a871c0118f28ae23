import Decimal from 'decimal.js';
import { plus, plusSigned, signed, timesSign, ZERO } from '../../src/model/money';

/** The representation decimal.js keeps (sign, exponent, digit words): what a skipped addition must give back. */
const shape = (d: Decimal) => JSON.stringify([d.s, d.e, d.d]);

describe('plus: an addition skipped only where its result is known', () => {
  const figures = ['0', '-0', '1', '-1', '728200', '-265900.5', '0.001', '12345678901234', '-99999999999999', '123456789012345678', '-1234567890123456789012345', '1e-30', '5e20', 'NaN', 'Infinity', '-Infinity'].map((s) => new Decimal(s));
  figures.push(ZERO);

  it('gives what Decimal#add gives for every pair, signs of zero included', () => {
    for (const a of figures) for (const b of figures) expect(shape(plus(a, b))).toBe(shape(a.add(b)));
  });

  it('gives what Decimal#add gives for generated figures and sums started from ZERO', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let n = 0; n < 2000; n++) {
      const digits = 1 + (next() % 24);
      let text = next() % 2 ? '-' : '';
      for (let i = 0; i < digits; i++) text += String(next() % 10);
      const x = new Decimal(text).div(new Decimal(10).pow(next() % 6));
      expect(shape(plus(ZERO, x))).toBe(shape(ZERO.add(x)));
      expect(shape(plus(x, ZERO))).toBe(shape(x.add(ZERO)));
      expect(shape(plus(x, x))).toBe(shape(x.add(x)));
      expect(shape(plusSigned(ZERO, x, -1))).toBe(shape(ZERO.add(x.neg())));
      expect(shape(plusSigned(x, ZERO, -1))).toBe(shape(x.add(ZERO.neg())));
      expect(shape(plusSigned(x, x.div(3), -1))).toBe(shape(x.add(x.div(3).neg())));
    }
  });
});

describe('plusSigned: a signed part added as plus(sum, signed(part, sign)) adds it', () => {
  const figures = ['0', '-0', '1', '-1', '728200', '-265900.5', '0.001', '12345678901234', '-99999999999999', '123456789012345678', '-1234567890123456789012345', '1e-30', '5e20', 'NaN', 'Infinity', '-Infinity'].map((s) => new Decimal(s));
  figures.push(ZERO);

  it('gives the same figure for every pair and both signs', () => {
    for (const a of figures) for (const b of figures) for (const s of [1, -1] as const) expect(shape(plusSigned(a, b, s))).toBe(shape(plus(a, signed(b, s))));
  });
});

describe('timesSign: x × ±1 as Decimal#mul gives it', () => {
  const figures = ['0', '-0', '1', '-1', '728200', '-265900.5', '0.001', '12345678901234', '-99999999999999', '123456789012345678', '-1234567890123456789012345', '1e-30', '5e20', 'NaN', 'Infinity', '-Infinity'].map((s) => new Decimal(s));

  it('gives the product for every figure and both signs, figures longer than the precision included', () => {
    for (const x of figures) for (const s of [1, -1] as const) expect(shape(timesSign(x, s))).toBe(shape(x.mul(s)));
  });
});
