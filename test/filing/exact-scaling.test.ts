/**
 * Percents and amounts in millions are read with their exponent moved (text + "e-2", text + "e3") instead of a
 * division by 100 or a product by ±1000: over generated texts — integers and decimals, leading and trailing zeros,
 * zero, up to the precision's 20 digits and past it, thousands separators — each reading is the very Decimal the
 * arithmetic gives (digits, exponent and sign, −0 included).
 */
import Decimal from 'decimal.js';
import { hundredthOf } from '../../src/filing/cells';
import { readMillions } from '../../src/filing/prose';

const state = (d: Decimal) => JSON.stringify({ d: d.d, e: d.e, s: d.s });

function* texts(): Generator<string> {
  yield* ['0', '0.0', '00', '0.000', '1', '10', '100', '0.1', '0.01', '0.001', '16.8', '100.0', '1,891.8', '1,234,567.891', '007.50', '99999999999999999999', '12345678901234567890.5', '0.00000000000000000001', '123456789012345678901234'];
  let x = 11;
  const next = (n: number) => (x = (x * 1103515245 + 12345) % 2147483648) % n;
  for (let i = 0; i < 20000; i++) {
    const intDigits = next(4) === 0 ? '0' : String(next(10) === 0 ? next(10) : next(1_000_000_000)) + (next(6) === 0 ? '0'.repeat(next(14)) : '');
    const places = next(3) === 0 ? '' : '.' + String(next(1000)).padStart(1 + next(4), '0') + (next(5) === 0 ? '0' : '');
    const body = intDigits + places;
    // Thousands separators as the prose prints them, on some integer parts.
    yield next(4) === 0 ? body.replace(/\B(?=(\d{3})+(?!\d)(?=\.|$))/g, ',') : body;
  }
}

describe('reading a stated figure with its exponent moved', () => {
  test('a percent is the division by 100 it replaces', () => {
    let n = 0;
    for (const t of texts()) {
      if (t.includes(',')) continue;
      expect([t, state(hundredthOf(t))]).toEqual([t, state(new Decimal(t).div(100))]);
      n++;
    }
    expect(n).toBeGreaterThan(10000);
  });

  test('an amount in millions is the product by ±1000 it replaces, for every sign', () => {
    let n = 0;
    for (const t of texts()) {
      const clean = t.replace(/,/g, '');
      for (const negative of [false, true])
        for (const sign of [1, -1]) {
          const negate = negative === (sign === 1);
          const expected = new Decimal(clean).mul(negate ? -1000 : 1000);
          expect([t, negative, sign, state(readMillions(t, negative, sign).value)]).toEqual([t, negative, sign, state(expected)]);
          n++;
        }
    }
    expect(n).toBeGreaterThan(80000);
  });
});
