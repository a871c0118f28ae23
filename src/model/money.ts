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

/** x × s for a sign s of ±1: the same Decimal as the product (exact either way), without a multiplication. */
export const signed = (x: Decimal, s: 1 | -1): Decimal => (s === 1 ? x : x.neg());

/** The +0 a sum starts from: plus() knows it. */
export const ZERO = new Decimal(0);

/**
 * sum + x, without the addition where its result is known: ZERO + x is x when x is finite, not zero and has fewer
 * digits than the precision (the addition's rounding then leaves it as it is; seven digits per word of x.d), and
 * ZERO + ±0 is ZERO (+0 under the default rounding). Sums over a few parts start from ZERO: their first addition is
 * skipped.
 */
export function plus(sum: Decimal, x: Decimal): Decimal {
  if (sum === ZERO) {
    const d = x.d;
    if (d && d.length === 1 && d[0] === 0) return ZERO;
    if (d && d.length * 7 <= Decimal.precision) return x;
  }
  return sum.add(x);
}
