import Decimal from 'decimal.js';
import { readCell, type CellFormat, type CellReading } from './cells';
import { BoundedMemo } from './bounded-memo';

/**
 * Values made once per printed text. A Decimal is immutable and so is a cell's reading (nothing writes to one), so
 * a text read again — a figure printed in several columns or releases, a release parsed again — shares what the
 * first reading made instead of parsing its digits again. Each table is bounded (bounded-memo.ts).
 */
const LIMIT = 20_000; // 24 releases print ≈ 5,500 distinct cell texts

const decimals = new BoundedMemo<string, Decimal>(LIMIT);

/** `new Decimal(text)`, made once per text. */
export function decimalOf(text: string): Decimal {
  return decimals.get(text) ?? decimals.keep(text, new Decimal(text));
}

const readings: Record<CellFormat, BoundedMemo<string, CellReading>> = {
  thousands: new BoundedMemo(LIMIT),
  per_share: new BoundedMemo(LIMIT),
  shares: new BoundedMemo(LIMIT),
  percent: new BoundedMemo(LIMIT),
};

/** `readCell(text, format)`, read once per text and format. */
export function readCellOnce(text: string, format: CellFormat): CellReading {
  const table = readings[format];
  return table.get(text) ?? table.keep(text, readCell(text, format));
}
