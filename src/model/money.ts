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
