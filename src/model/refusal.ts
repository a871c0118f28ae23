import type { CheckResult, ParsedRelease } from '../filing/types';
import type { Model } from './model';

/*
 * What the gate (gate.ts) says of a release, apart from the gate itself: the add-in's pane and functions need to
 * recognise a refusal, not the parser behind it, so this module imports nothing but types.
 */

/** Why a release is refused: a failing check (its id), or a problem the parser found (id `parse`). */
export interface Refusal {
  id: string;
  /** What failed, in words, with the figures. */
  message: string;
  line?: number;
}

export type Verdict =
  | { accepted: true; release: ParsedRelease; model: Model; checks: CheckResult[] }
  | { accepted: false; release: ParsedRelease; model?: undefined; checks: CheckResult[]; failing: Refusal[]; report: string };

export const where = (r: Refusal) => (r.line ? ` (line ${r.line})` : '');

/** A refused release, thrown where a model is needed. Its message leads with the first failing check and its line. */
export class ReleaseRefusedError extends Error {
  constructor(readonly verdict: Extract<Verdict, { accepted: false }>) {
    const [first] = verdict.failing;
    const more = verdict.failing.length - 1;
    super(`release refused by check ${first.id}${where(first)}: ${first.message}${more > 0 ? ` (and ${more} more)` : ''}`);
    this.name = 'ReleaseRefusedError';
  }
}

