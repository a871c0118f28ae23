import Decimal from 'decimal.js';

/** US$ at the release's convenience rate, rounded to the thousand (half away from zero), as the release prints. */
export function toUsd(rmbThousands: Decimal, rate: Decimal): Decimal {
  return rmbThousands.div(rate).toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
}

/** Per-share figures translate to the cent. */
export function toUsdPerShare(rmb: Decimal, rate: Decimal): Decimal {
  return rmb.div(rate).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

export const TRANSLATION_RULE = (rate: Decimal) => `RMB / ${rate.toString()}, rounded to the thousand (not printed in the release)`;
export const PRINTED_RULE = 'as printed in the release';

/**
 * x × s for a sign s of ±1 without a multiplication: x or its exact negation. The product is the same figure for x of
 * fewer digits than the precision; a longer x the product would round (timesSign gives the product's rounding).
 */
export const signed = (x: Decimal, s: 1 | -1): Decimal => (s === 1 ? x : x.neg());

/**
 * x.mul(s) for a sign s of ±1, as the multiplication gives it: signed(x, s) where the product's rounding to the
 * precision leaves x as it is (fewer digits than the precision, seven per word of d), the product where it could round.
 */
export function timesSign(x: Decimal, s: 1 | -1): Decimal {
  if (!x.d || x.d.length * 7 > Decimal.precision) return x.mul(s);
  return signed(x, s);
}

/** The +0 a sum starts from. */
export const ZERO = new Decimal(0);

/**
 * sum + x, without the addition where its result is known: 0 + x is x and x + 0 is x for x not zero, and +0 + ±0 is
 * +0 (the default rounding), for finite figures of fewer digits than the precision (seven per word of d), which the
 * addition's rounding would leave as they are. Sums of statement lines often add a nil line, and start from ZERO.
 */
export function plus(sum: Decimal, x: Decimal): Decimal {
  const a = sum.d;
  const b = x.d;
  if (a && b && a.length * 7 <= Decimal.precision && b.length * 7 <= Decimal.precision) {
    if (b[0] === 0 && (a[0] !== 0 || sum.s === 1)) return sum;
    if (a[0] === 0 && b[0] !== 0) return x;
  }
  return sum.add(x);
}

/**
 * sum + sign × x: plus(sum, signed(x, sign)), with the negative parts subtracted rather than negated and added (the
 * same figure, without a negated copy), and a nil part's subtraction skipped as plus() skips its addition.
 */
export function plusSigned(sum: Decimal, x: Decimal, sign: 1 | -1): Decimal {
  if (sign === 1) return plus(sum, x);
  const a = sum.d;
  const b = x.d;
  if (a && b && a.length * 7 <= Decimal.precision && b.length * 7 <= Decimal.precision && b[0] === 0 && (a[0] !== 0 || sum.s === 1)) return sum;
  return sum.sub(x);
}
