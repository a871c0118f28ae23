import type { ModelReader } from '../model-reader';
import { STYLE } from '../styles';
import type { TabBuilder } from '../tab-builder';

/** Every OCR repair and every figure's provenance, as text (release text is never interpreted as a formula). */
export function writeSources(tab: TabBuilder, model: ModelReader): void {
  const { release } = model;
  tab.titleBlock(
    'Kingsoft Cloud — sources and OCR repairs',
    'Every figure of the model, where it stands in the release text, and every repair made to the OCR text.',
    `Source: ${release.company}, ${release.quarter} earnings release (lines numbered from 1)`,
  );
  const head = (labels: string[]) => {
    const r = tab.addRow();
    labels.forEach((l, i) => tab.set(r, i, l));
    tab.style(r, 0, 1, labels.length, STYLE.headerLabel);
    return r;
  };
  const sec = (label: string) => {
    const r = tab.addRow();
    tab.set(r, 0, label);
    tab.style(r, 0, 1, 1, STYLE.section);
  };
  sec(`OCR repairs (${release.repairs.length})`);
  head(['Repair', 'Kind', 'Line', 'Table', 'Row', 'Column', 'Read', 'Repaired', 'Proof']);
  for (const p of release.repairs) {
    const r = tab.addRow();
    [p.id, p.kind, p.line, p.table, p.rowLabel, p.column, p.read, p.repaired, p.identity].forEach((v, i) => tab.set(r, i, v, i === 2 ? 'general' : 'text'));
  }
  tab.addRow();
  sec(`Figures (${release.facts.length})`);
  head(['Table', 'Row', 'Metric', 'Period', 'Currency', 'Value', 'Rounded to', 'Line', 'Row label', 'Column', 'Text read', 'Repairs']);
  tab.freeze = { rows: 4, columns: 0 }; // the title block stays in view over a long list
  for (const f of release.facts) {
    const r = tab.addRow();
    const cells: (string | number)[] = [
      f.table,
      f.row,
      f.metric ?? '',
      f.period,
      f.currency === 'USD' ? 'US$' : f.currency ?? '',
      f.value.toNumber(),
      f.roundedTo ? f.roundedTo.toNumber() : '',
      f.provenance.line,
      f.provenance.rowLabel,
      f.provenance.column,
      f.provenance.raw,
      f.provenance.repairs.join(', '),
    ];
    cells.forEach((v, i) => tab.set(r, i, v, i === 5 ? (f.unit === 'ratio' ? 'percent' : f.unit === 'per_share' ? 'perShare' : 'amount') : i === 6 || i === 7 ? 'general' : 'text'));
    tab.style(r, 5, 1, 1, STYLE.input);
  }
  // Narrow enough to print one page wide at a readable size: the long text columns wrap.
  tab.widths = [125, 150, 130, 58, 42, 66, 48, 32, 150, 110, 90, 45];
  tab.wrap(4, tab.row - 4, [8, 9, 10]);
}
