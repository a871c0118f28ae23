import Decimal from 'decimal.js';

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

/**
 * |x| ≤ y: x.abs().lte(y) without the copies decimal.js makes (abs copies x, lte's comparison copies y), by the same
 * steps as its cmp on the digit words d, exponent e and sign s. NaN, ±Infinity and exponents outside the range (which
 * a copy turns into ±Infinity or zero) are left to decimal.js. The identities and the checks compare a
 * difference with its slack by the thousand.
 */
export function absAtMost(x: Decimal, y: Decimal): boolean {
  const xd = x.d;
  const yd = y.d;
  if (!xd || !yd || x.e > Decimal.maxE || x.e < Decimal.minE || y.e > Decimal.maxE || y.e < Decimal.minE) return x.abs().lte(y);
  // |x| is zero: at most y unless y is below zero.
  if (!xd[0]) return !yd[0] || y.s > 0;
  // |x| is above zero: not at most a zero or a negative y.
  if (!yd[0] || y.s < 0) return false;
  if (x.e !== y.e) return x.e < y.e;
  const n = xd.length < yd.length ? xd.length : yd.length;
  for (let i = 0; i < n; i++) if (xd[i] !== yd[i]) return xd[i] < yd[i];
  return xd.length <= yd.length;
}
