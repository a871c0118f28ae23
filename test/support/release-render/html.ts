/**
 * TEST-ONLY release renderer: writes a release as an EDGAR HTML exhibit in the Toppan Merrill style, from the
 * facts the parser reads out of a release text plus that text's prose lines. The output is synthetic test data (a
 * rendering made here, not a file EDGAR served); it lives under test/ and never reaches assets/ or the add-in.
 *
 * What the style has, and the reader must undo: a negative split over two cells ("(1,628,797" and ")"), "%" in its
 * own cell, "—" for nil, empty spacer cells between columns, header dates split by <br>, the title in three
 * paragraphs, footnote markers as <sup> (one after a US$ figure: "US$260.3<sup>1</sup> million", which a copy
 * flattens to "US$260.31 million"), &#160; between words.
 */
import Decimal from 'decimal.js';
import { parseRelease, type Fact, type ParsedRelease } from '../../../src/filing';
import { Log } from '../../../src/filing/grid';
import { layouts as layoutsFor, releasePeriods, type ColumnSpec, type TableLayout } from '../../../src/filing/layout';
import { blocks, locateTables, type Block } from '../../../src/filing/tables';

export interface RenderSource {
  release: ParsedRelease;
  /** Blocks of the release text, each a table (by its layout) or prose. */
  parts: ({ kind: 'table'; layout: TableLayout } | { kind: 'prose'; block: Block })[];
}

/** Reads a release text into what the renderers need: its facts and, in order, its tables and prose blocks. */
export function renderSource(text: string): RenderSource {
  const release = parseRelease(text);
  if (release.issues.some((i) => i.severity === 'error')) throw new Error('the release to render does not parse cleanly');
  const m = /^Q([1-4])-(\d{4})$/.exec(release.quarter)!;
  const layouts = layoutsFor(releasePeriods(Number(m[1]), Number(m[2])));
  const all = blocks(text.split('\n'));
  const located = locateTables(all, layouts, new Log());
  const tableAt = new Map<Block, TableLayout>();
  for (const l of layouts) tableAt.set(located.get(l.id)!, l);
  const parts: RenderSource['parts'] = all.map((block) => (tableAt.has(block) ? { kind: 'table', layout: tableAt.get(block)! } : { kind: 'prose', block }));
  return { release, parts };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A prose line of the OCR text (markdown emphasis, escaped $, superscript footnotes) as EDGAR HTML. The release
 * puts footnote 1 on its first US$ figure ("US$260.3¹ million"): it becomes <sup>1</sup>, which a browser copy
 * flattens into "US$260.31 million".
 */
function proseHtml(line: string): string {
  return esc(line.replace(/<\/?u>/g, ''))
    .replace(/\\\$/g, '$')
    .replace(/\*\*(.+?)\*\*/g, '<b>$1</b>')
    .replace(/\*(.+?)\*/g, '<i>$1</i>')
    .replace(/[¹²³⁴⁵]/g, (c) => `<sup>${'¹²³⁴⁵'.indexOf(c) + 1}</sup>`)
    .replace(/ million/g, '&#160;million');
}

function fmtThousands(v: Decimal): [string, string] {
  if (v.isZero()) return ['—', ''];
  const abs = v.abs().toFixed(0).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return v.isNeg() ? [`(${abs}`, ')'] : [abs, ''];
}

function fmtFact(f: Fact | undefined): [string, string] {
  if (!f) return ['', ''];
  switch (f.unit) {
    case 'ratio':
      return [f.value.mul(100).toFixed(1), '%'];
    case 'per_share': {
      const t = f.value.abs().toFixed(2);
      return f.value.isNeg() ? [`(${t}`, ')'] : [t, ''];
    }
    default:
      return fmtThousands(f.value);
  }
}

const MONTH_WORD: Record<string, string> = { Q: 'Three Months Ended', H: 'Six Months Ended', '9': 'Nine Months Ended', F: 'Year Ended' };

/** Render options: a "Notes" column before the figures of the balance sheet (some releases print one). */
export interface RenderOptions {
  notes?: boolean;
}
const NOTE_OF: Record<string, string> = { accounts_receivable: '3', goodwill: '4', short_term_loans: '5', long_term_loans: '5' };

function headerRows(layout: TableLayout, notes: boolean): string[] {
  const cols = layout.columns;
  const td = (content: string, extra = '') => `<td style="text-align:center;font-weight:bold"${extra}>${content}</td>`;
  const spacer = '<td style="width:1%">&#160;</td>';
  const rows: string[] = [];
  if (layout.id !== 'balance_sheet') {
    // Duration row: one cell per run of columns of the same duration.
    const runs: { word: string; span: number }[] = [];
    for (const c of cols) {
      const word = MONTH_WORD[c.period[0]] ?? 'As of';
      if (runs.length > 0 && runs[runs.length - 1].word === word) runs[runs.length - 1].span++;
      else runs.push({ word, span: 1 });
    }
    rows.push(`<tr><td style="width:44%"></td>${runs.map((r) => spacer + td(r.word, ` colspan="${r.span * 3 - 1}"`)).join('')}</tr>`);
  } else {
    rows.push(`<tr><td style="width:44%"></td>${spacer}${td('As of', ` colspan="${cols.length * 3 - 1}"`)}</tr>`);
  }
  const date = (c: ColumnSpec) => /(\w{3} \d{1,2}),\s*(\d{4})/.exec(c.header)!;
  rows.push(`<tr><td></td>${notes ? td('Notes') : ''}${cols.map((c) => `${spacer}${td(`${date(c)[1]},<br>${date(c)[2]}`, ' colspan="2"')}`).join('')}</tr>`);
  if (cols.some((c) => c.currency)) rows.push(`<tr><td></td>${cols.map((c) => `${spacer}${td(c.currency === 'USD' ? 'US$' : 'RMB', ' colspan="2"')}`).join('')}</tr>`);
  return rows;
}

function tableHtml(layout: TableLayout, release: ParsedRelease, opts: RenderOptions): string {
  const notes = !!opts.notes && layout.id === 'balance_sheet';
  const facts = new Map<string, Fact>();
  for (const f of release.facts) if (f.table === layout.id) facts.set(`${f.row}|${f.period}|${f.currency}`, f);
  const lookup = (row: string, c: ColumnSpec, unitless: boolean) => {
    const cur = unitless ? null : c.currency;
    return facts.get(`${row}|${c.period}|${cur}`) ?? (row === 'weighted_shares' ? facts.get(`${row}|${c.period}|null`) : undefined);
  };
  const rows = [...headerRows(layout, notes)];
  for (const spec of layout.rows) {
    const label = `<td style="vertical-align:bottom;width:44%">${spec.header ? '<b>' : ''}${esc(spec.label)}${spec.header ? '</b>' : ''}</td>`;
    if (spec.header) {
      rows.push(`<tr style="vertical-align:bottom">${label}${notes ? '<td></td>' : ''}${layout.columns.map(() => '<td></td><td></td><td></td>').join('')}</tr>`);
      continue;
    }
    const unitless = spec.format === 'percent' || spec.format === 'shares';
    // A row some releases print and this one does not.
    if (spec.optional && layout.columns.every((c) => !lookup(spec.key, c, unitless))) continue;
    const cells = layout.columns.map((c) => {
      const [v, close] = fmtFact(lookup(spec.key, c, unitless));
      return `<td>&#160;</td><td style="text-align:right">${v}</td><td style="text-align:left">${close}</td>`;
    });
    const note = notes ? `<td style="text-align:center">${NOTE_OF[spec.key] ?? ''}</td>` : '';
    rows.push(`<tr style="vertical-align:bottom">${label}${note}${cells.join('')}</tr>`);
  }
  return `<table style="border-collapse:collapse;width:100%;font-size:7pt">\n${rows.join('\n')}\n</table>`;
}

/** Splits an OCR title line ("KINGSOFT CLOUD HOLDINGS LIMITED UNAUDITED … (All amounts in thousands)") into paragraphs. */
function titleParagraphs(line: string): string[] | undefined {
  const m = /^(KINGSOFT CLOUD HOLDINGS LIMITED) (UNAUDITED [A-Z ]+?) (\(All amounts.*\))$/.exec(line.trim());
  return m ? [m[1], m[2], m[3]] : undefined;
}

/** The release as an EDGAR HTML exhibit (Toppan Merrill style). */
export function renderEdgarHtml(src: RenderSource, opts: RenderOptions = {}): string {
  const body: string[] = [];
  for (const part of src.parts) {
    if (part.kind === 'table') {
      body.push(tableHtml(part.layout, src.release, opts));
      continue;
    }
    for (const line of part.block.lines) {
      const title = titleParagraphs(line);
      if (title) {
        body.push(...title.map((t) => `<p style="margin:0;text-align:center;font-weight:bold">${esc(t)}</p>`));
      } else if (line.includes('\t')) {
        body.push(`<table><tr>${line.split('\t').map((c) => `<td>${proseHtml(c)}</td>`).join('')}</tr></table>`);
      } else {
        body.push(`<p style="margin:0 0 8pt 0">${proseHtml(line)}</p>`);
      }
    }
  }
  return [
    '<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd">',
    '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>EX-99.1</title>',
    '<!-- SYNTHETIC TEST DATA: rendered by test/support/release-render from a release text; not an EDGAR file. -->',
    '</head><body style="font-family:Times New Roman;font-size:10pt">',
    ...body,
    '</body></html>',
    '',
  ].join('\n');
}
