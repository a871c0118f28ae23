import type Decimal from 'decimal.js';
import type { Currency, Fact, FactUnit, Provenance, TableId } from './types';

/**
 * A fact and its provenance as the tables and the prose make them: one constructor each, so every fact is an object
 * of one shape made in one place (the same properties, in the same order, as the object literals they replace).
 * Nearly every fact outlives the parse; an engine that moves the objects of a literal that survive to its old
 * generation throws away the optimised code allocating them, while objects made by a constructor are not tracked.
 */
/**
 * The repairs of a figure no repair touched: one list for all of them, frozen (nothing writes to a fact's provenance;
 * a copy per fact was most of what the facts of a table allocate, and nearly every figure has none). The lists of
 * repaired figures are frozen too, so that every provenance holds a list of one kind.
 */
export const NO_REPAIRS: readonly string[] = Object.freeze([]);

export class MadeFact implements Fact {
  constructor(
    public table: TableId,
    public row: string,
    public metric: string | undefined,
    public period: string,
    public currency: Currency | null,
    public unit: FactUnit,
    public value: Decimal,
    public roundedTo: Decimal | undefined,
    public provenance: Provenance,
  ) {}
}

export class MadeProvenance implements Provenance {
  constructor(
    public line: number,
    public table: TableId,
    public rowLabel: string,
    public column: string,
    public raw: string,
    public repairs: readonly string[],
  ) {}
}
