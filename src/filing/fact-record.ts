import type Decimal from 'decimal.js';
import type { Currency, Fact, FactUnit, Provenance, TableId } from './types';

/**
 * A fact and its provenance as the parser makes them: each by one constructor, with the properties in the order the
 * object literals had them. Most facts are kept for the life of a workbook, and an object literal whose objects
 * survive is switched by the engine to allocating in the old generation, which discards the optimised code that
 * made them (the parser's loop over every cell was compiled twice); objects made by a constructor are not.
 */
export class FactProvenance implements Provenance {
  constructor(
    public line: number,
    public table: TableId,
    public rowLabel: string,
    public column: string,
    public raw: string,
    public repairs: readonly string[],
  ) {}
}

export class FactRecord implements Fact {
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
