import { tryGet, type ModelReader } from '../model-reader';
import { cellName } from '../statement';
import { STYLE } from '../styles';
import type { TabBuilder } from '../tab-builder';
import { figureRow, headerRow, sectionRow } from './source-rows';

/**
 * Sources of a library of releases: the releases, then every figure the model serves from a release's text (RMB
 * and US$ as printed), with the release that printed it and its line. Text is never interpreted as a formula.
 */
export interface UsdFigures {
  periods: string[];
  figures: { metric: string; label: string; perShare?: boolean; period: string; value: number }[];
}

/** The US$ figures of the headline rows: printed, or added from printed US$ figures (never translated here). */
export function usdFigures(model: ModelReader, named: { metric: string; label: string; perShare?: boolean }[]): UsdFigures {
  const periods = [...model.periods!()].sort((a, b) => a.end.localeCompare(b.end) || a.months - b.months);
  const figures = named.flatMap(({ metric, label, perShare }) =>
    periods
      .map((p) => ({ p, mv: tryGet(model, metric, p.id, 'USD') }))
      .filter((x) => x.mv && x.mv.origin !== 'translated')
      .map(({ p, mv }) => ({ metric, label, perShare, period: p.id, value: mv!.value.toNumber() })),
  );
  const used = new Set(figures.map((f) => f.period));
  return { periods: periods.map((p) => p.id).filter((id) => used.has(id)), figures };
}

export function writeSeriesSources(tab: TabBuilder, model: ModelReader, span: string, usd: UsdFigures): void {
  tab.titleBlock(
    'Kingsoft Cloud — sources',
    'The releases of the model, their US$ headline figures, and the latest release’s figures with where each stands in its text (the pane traces any figure to its release and line).',
    `Source: ${model.release.company}, earnings releases ${span} (lines numbered from 1 in each release)`,
  );
  const releases = model.releases!() as { quarter: string; date?: string; form?: string; name?: string; rate?: { toString(): string }; facts?: number; checksPassed?: number }[];
  sectionRow(tab, `Releases (${releases.length})`);
  headerRow(tab, ['Quarter', 'Release date', 'Form', 'File', 'RMB per US$', 'Figures', 'Checks passed']);
  for (const r of releases) {
    const row = tab.addRow();
    [r.quarter, r.date ?? '', r.form ?? '', r.name ?? '', r.rate?.toString() ?? '', r.facts ?? '', r.checksPassed ?? ''].forEach((v, i) => tab.set(row, i, v, i >= 5 ? 'general' : 'text'));
  }
  tab.addRow();
  // The US$ headline figures as a grid, one row per period and one column per figure, twelve figures to a block (a
  // list would repeat the name, the metric and the period on every row). Each cell is named
  // KC_<METRIC>_<PERIOD>_USD as on the single-release tabs; the KC functions give US$ for any period.
  sectionRow(tab, `US$ headline figures, as printed or added from printed figures (${usd.figures.length}; each cell named KC_<METRIC>_<PERIOD>_USD)`);
  const metrics = [...new Map(usd.figures.map((f) => [f.metric, f])).values()];
  const per = tab.cols - 1;
  for (let i = 0; i < metrics.length; i += per) {
    const block = metrics.slice(i, i + per);
    headerRow(tab, ['Period (US$ thousands; per share in US$)', ...block.map((m) => m.label)]);
    const periods = usd.periods.filter((p) => usd.figures.some((f) => f.period === p && block.some((m) => m.metric === f.metric)));
    for (const p of periods) {
      const r = tab.addRow();
      tab.set(r, 0, p, 'text');
      block.forEach((m, j) => {
        const f = usd.figures.find((x) => x.metric === m.metric && x.period === p);
        if (!f) return;
        tab.set(r, j + 1, f.value, f.perShare ? 'perShare' : 'amount');
        tab.style(r, j + 1, 1, 1, STYLE.input);
        tab.nameCell(cellName(f.metric, f.period, 'USD'), r, j + 1, `${f.label}, ${f.period} (US$)`);
      });
    }
  }
  tab.addRow();
  // The latest release's figures (as the single-release tab lists its release's): every other figure is traced in
  // the pane to the release and line it comes from.
  const latest = model.release.quarter;
  const served = (model.entries?.() ?? []).filter((e) => (e.value.origin === 'reported' || e.value.origin === 'prose') && e.from?.quarter === latest);
  sectionRow(tab, `Figures served from the ${latest.replace('-', ' ')} release (${served.length})`);
  headerRow(tab, ['Release', 'Table', 'Row', 'Metric', 'Period', 'Currency', 'Value', 'Rounded to', 'Line', 'Row label', 'Column', 'Text read', 'Repairs']);
  tab.freeze = { rows: 4, columns: 0 };
  for (const e of served) {
    const f = e.value.facts[0];
    if (f) figureRow(tab, [e.from?.quarter ?? '', f.table, f.row, e.key[0], e.key[1], e.key[2] === 'USD' ? 'US$' : e.key[2]], f, e.value.value);
  }
  tab.widths = [52, 115, 140, 130, 58, 42, 66, 48, 32, 150, 110, 90, 45];
  tab.wrap(4, tab.row - 4, [9, 10, 11]);
}
