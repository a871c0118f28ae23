import type Decimal from 'decimal.js';
import type { CheckResult, Currency, Fact, ParsedRelease } from '../filing/types';
import type { MetricDef } from './catalogue';
import type { Period } from './periods';

/**
 * What a model serves, whether one release's (model.ts) or a library of releases' (library.ts): its values, with
 * where each comes from. Apart from both, so that the modules they use (the checks) need neither.
 */
export interface ModelValue {
  value: Decimal;
  metric: MetricDef;
  period: Period;
  currency: Currency | null;
  /** reported: printed in a table; prose: stated in the text; derived: from other periods; computed: from other
   * metrics; translated: RMB at the convenience rate. */
  origin: 'reported' | 'derived' | 'translated' | 'computed' | 'prose';
  formula?: string;
  /** How a US$ figure was produced. */
  rule?: string;
  facts: Fact[];
  roundedTo?: Decimal;
}

/** The figures printed in a release: values[i] and slots[i] for i < count (see ReleaseModel.printedList). */
export interface PrintedList {
  count: number;
  values: readonly ModelValue[];
  slots: readonly number[];
}

export interface Model {
  release: ParsedRelease;
  rate: Decimal;
  periods(): Period[];
  metrics(): readonly MetricDef[];
  get(metric: string, period: string, currency?: string): ModelValue;
  growth(metric: string, period: string, basis?: string): ModelValue;
  source(metric: string, period: string, currency?: string): string;
  checks(): CheckResult[];
}
