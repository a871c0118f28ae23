import Decimal from 'decimal.js';
import { readCell, type CellFormat, type CellReading } from './cells';

/**
 * Values made once per printed text. A Decimal is immutable and so is a cell's reading (nothing writes to one), so
 * a text read again — a figure printed in several columns or releases, a release parsed again — shares what the
 * first reading made instead of parsing its digits again. Each table is bounded: past its size it starts over
 * rather than grow for the life of the process.
 */
const LIMIT = 20_000; // 24 releases print ≈ 5,500 distinct cell texts

function remember<V>(table: Map<string, V>, text: string, value: V): V {
  if (table.size >= LIMIT) table.clear();
  table.set(text, value);
  return value;
}

const decimals = new Map<string, Decimal>();

/** `new Decimal(text)`, made once per text. */
export function decimalOf(text: string): Decimal {
  return decimals.get(text) ?? remember(decimals, text, new Decimal(text));
}

const readings: Record<CellFormat, Map<string, CellReading>> = {
  thousands: new Map(),
  per_share: new Map(),
  shares: new Map(),
  percent: new Map(),
};

/** `readCell(text, format)`, read once per text and format. */
export function readCellOnce(text: string, format: CellFormat): CellReading {
  const table = readings[format];
  return table.get(text) ?? remember(table, text, readCell(text, format));
}
