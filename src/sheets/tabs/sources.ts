import type { ModelReader } from '../model-reader';
import { figureRow, headerRow, sectionRow } from './source-rows';
import type { TabBuilder } from '../tab-builder';

/** Every OCR repair and every figure's provenance, as text (release text is never interpreted as a formula). */
export function writeSources(tab: TabBuilder, model: ModelReader): void {
  const { release } = model;
  tab.titleBlock(
    'Kingsoft Cloud — sources and OCR repairs',
    'Every figure of the model, where it stands in the release text, and every repair made to the OCR text.',
    `Source: ${release.company}, ${release.quarter} earnings release (lines numbered from 1)`,
  );
  sectionRow(tab, `OCR repairs (${release.repairs.length})`);
  headerRow(tab, ['Repair', 'Kind', 'Line', 'Table', 'Row', 'Column', 'Read', 'Repaired', 'Proof']);
  for (const p of release.repairs) {
    const r = tab.addRow();
    [p.id, p.kind, p.line, p.table, p.rowLabel, p.column, p.read, p.repaired, p.identity].forEach((v, i) => tab.set(r, i, v, i === 2 ? 'general' : 'text'));
  }
  tab.addRow();
  sectionRow(tab, `Figures (${release.facts.length})`);
  headerRow(tab, ['Table', 'Row', 'Metric', 'Period', 'Currency', 'Value', 'Rounded to', 'Line', 'Row label', 'Column', 'Text read', 'Repairs']);
  tab.freeze = { rows: 4, columns: 0 }; // the title block stays in view over a long list
  for (const f of release.facts) figureRow(tab, [f.table, f.row, f.metric ?? '', f.period, f.currency === 'USD' ? 'US$' : f.currency ?? ''], f, f.value);
  // Narrow enough to print one page wide at a readable size: the long text columns wrap.
  tab.widths = [125, 150, 130, 58, 42, 66, 48, 32, 150, 110, 90, 45];
  tab.wrap(4, tab.row - 4, [8, 9, 10]);
}
