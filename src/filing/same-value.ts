import type Decimal from 'decimal.js';

/**
 * `a.eq(b)` without the copy of `b` decimal.js makes on every comparison (the repairs compare a cell with its
 * neighbours, the library every figure each release printed with the others'): the same steps as its `cmp` on the
 * documented digits `d`, exponent `e` and sign `s`; NaN and ±Infinity (no digits) are left to `eq` itself.
 */
export function sameValue(a: Decimal, b: Decimal): boolean {
  const ad = a.d;
  const bd = b.d;
  if (!ad || !bd) return a.eq(b);
  if (a === b) return true;
  // Zero (of either sign) equals only zero.
  if (!ad[0] || !bd[0]) return !ad[0] && !bd[0];
  if (a.s !== b.s || a.e !== b.e || ad.length !== bd.length) return false;
  for (let i = 0; i < ad.length; i++) if (ad[i] !== bd[i]) return false;
  return true;
}

/**
 * `a.eq(b.neg())` for a figure `b` that is not zero, with no negated copy: `a` has `b`'s digits and exponent and the
 * other sign.
 */
export function oppositeValue(a: Decimal, b: Decimal): boolean {
  const ad = a.d;
  const bd = b.d;
  if (!ad || !bd || a.s !== -b.s || a.e !== b.e || ad.length !== bd.length) return false;
  for (let i = 0; i < ad.length; i++) if (ad[i] !== bd[i]) return false;
  return true;
}
