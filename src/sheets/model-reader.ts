import type Decimal from 'decimal.js';
import type { CheckResult, Fact, ParsedRelease } from '../filing/types';

/** What the sheet builder needs from the calculation module (src/model's Model satisfies it). */
export interface ModelValueLike {
  value: Decimal;
  origin: string;
  formula?: string;
  rule?: string;
  facts: Fact[];
}

export interface ModelReader {
  release: ParsedRelease;
  get(metric: string, period: string, currency?: string): ModelValueLike;
  growth(metric: string, period: string, basis?: string): ModelValueLike;
  checks(): CheckResult[];
  /** A library of releases (src/model/library.ts) also lists its releases and the chains across them. */
  releases?(): { quarter: string }[];
  chainChecks?(): CheckResult[];
  periods?(): { id: string; kind: string; year: number; index: number; end: string; months: number }[];
  entries?(): { key: [string, string, string]; value: ModelValueLike; from?: { quarter: string } }[];
}

/** True for a library of releases of more than one quarter: its tabs are a time series (one quarter's release in
 *  several forms keeps the release's own layout). */
export function isSeries(model: ModelReader): boolean {
  return typeof model.releases === 'function' && new Set(model.releases().map((r) => r.quarter)).size > 1;
}

/** Answers already given per model (a model never changes): the tabs ask for many figures the releases do not give,
 *  several times over, and a refused lookup builds its error message. */
const answers = new WeakMap<ModelReader, Map<string, ModelValueLike | undefined>>();

/** The model's value, or undefined where the release does not give the figure (the cell stays empty). */
export function tryGet(model: ModelReader, metric: string, period: string, currency?: string): ModelValueLike | undefined {
  let known = answers.get(model);
  if (!known) answers.set(model, (known = new Map()));
  const key = `${metric}|${period}|${currency ?? ''}`;
  if (known.has(key)) return known.get(key);
  let v: ModelValueLike | undefined;
  try {
    v = model.get(metric, period, currency);
  } catch {
    v = undefined;
  }
  known.set(key, v);
  return v;
}
