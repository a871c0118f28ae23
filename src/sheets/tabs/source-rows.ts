import type Decimal from 'decimal.js';
import type { Fact } from '../../filing/types';
import { STYLE } from '../styles';
import type { TabBuilder } from '../tab-builder';

// The rows the Sources tabs (one release's, a library's) are made of. Release text is written as text, never a formula.

/** A section's title row. */
export function sectionRow(tab: TabBuilder, label: string): void {
  const r = tab.addRow();
  tab.set(r, 0, label);
  tab.style(r, 0, 1, 1, STYLE.section);
}

/** A list's header row. */
export function headerRow(tab: TabBuilder, labels: string[]): void {
  const r = tab.addRow();
  labels.forEach((l, i) => tab.set(r, i, l));
  tab.style(r, 0, 1, labels.length, STYLE.headerLabel);
}

/**
 * A figure's row: the `lead` cells (what it is), then its value (in input blue, formatted by its unit), the rounding
 * it was printed to, and its provenance: line, row label, column, text read, repairs.
 */
export function figureRow(tab: TabBuilder, lead: string[], f: Fact, value: Decimal): void {
  const r = tab.addRow();
  const at = lead.length;
  const cells: (string | number)[] = [
    ...lead,
    value.toNumber(),
    f.roundedTo ? f.roundedTo.toNumber() : '',
    f.provenance.line,
    f.provenance.rowLabel,
    f.provenance.column,
    f.provenance.raw,
    f.provenance.repairs.join(', '),
  ];
  cells.forEach((v, i) => tab.set(r, i, v, i === at ? (f.unit === 'ratio' ? 'percent' : f.unit === 'per_share' ? 'perShare' : 'amount') : i === at + 1 || i === at + 2 ? 'general' : 'text'));
  tab.style(r, at, 1, 1, STYLE.input);
}
