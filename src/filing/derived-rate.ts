import Decimal from 'decimal.js';
import type { Grid } from './grid';
import { buildIdentities } from './identities';
import type { TableLayout } from './layout';

/**
 * The convenience rate of a release that does not state it, derived from its US$ columns. Each US$ figure u printed
 * for an RMB figure r within its tolerance t (1 thousand for a line, ½ per printed figure for a subtotal) bounds the
 * rate: r / (u + t) ≤ rate ≤ r / (u − t). The rate is the four-decimal figure (the noon buying rate is published to
 * four decimals) inside the most bounds — an OCR-damaged figure, repaired later, may fall outside; it is then proven
 * by every US$ figure, as a stated rate is: each US$ translation check runs with it, and one failing refuses the
 * release. No such figure, or two equally supported, is no derivation.
 */
export type DerivedRate = { rate: Decimal; figures: number; agreeing: number } | { problem: string };

export function deriveRate(grid: Grid, layouts: TableLayout[]): DerivedRate {
  // The tolerances do not depend on the rate: identities built with any rate give the US$ pairs and their bounds.
  const pairs = buildIdentities(grid, layouts, new Decimal(7)).filter((i) => i.kind === 'usd');
  const bounds: [Decimal, Decimal][] = [];
  for (const id of pairs) {
    const [usd, rmb] = id.cells;
    if (!usd.value || !rmb.value) continue;
    const u = usd.value.abs();
    const r = rmb.value.abs();
    if (u.lte(id.tolerance) || usd.value.isNeg() !== rmb.value.isNeg()) continue;
    bounds.push([r.div(u.add(id.tolerance)), r.div(u.sub(id.tolerance))]);
  }
  if (bounds.length === 0) return { problem: 'the release prints no US$ figure to derive the rate from' };
  const candidates = new Set<string>();
  for (const [lo, hi] of bounds) {
    const first = lo.toDecimalPlaces(4, Decimal.ROUND_UP);
    const last = hi.toDecimalPlaces(4, Decimal.ROUND_DOWN);
    // Only the bounds narrow enough to pin four decimals propose candidates.
    if (first.lte(last) && last.sub(first).lte('0.0003')) for (let c = first; c.lte(last); c = c.add('0.0001')) candidates.add(c.toFixed(4));
  }
  let best: { rate: Decimal; agreeing: number } | undefined;
  let tie = false;
  for (const c of candidates) {
    const rate = new Decimal(c);
    const agreeing = bounds.filter(([lo, hi]) => rate.gte(lo) && rate.lte(hi)).length;
    if (!best || agreeing > best.agreeing) {
      best = { rate, agreeing };
      tie = false;
    } else if (agreeing === best.agreeing) tie = true;
  }
  if (!best || best.agreeing * 2 <= bounds.length) return { problem: `no rate agrees with most of the ${bounds.length} US$ figures` };
  if (tie) return { problem: `the US$ figures do not pin the rate to four decimals (${best.rate} and another rate agree with ${best.agreeing} figures)` };
  return { rate: best.rate, figures: bounds.length, agreeing: best.agreeing };
}
