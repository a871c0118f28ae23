import Decimal from 'decimal.js';
import { Log, type Grid, type GridRow, type GridTable } from './grid';
import { buildIdentities, evaluate } from './identities';
import { releasePeriods, sharedLayouts, tableLayout, type ReleasePeriods, type TableLayout } from './layout';
import { readProse } from './prose';
import { Repairer } from './repair';
import { blocks, hasRowLabels, locateTables, placeRow, readLabelledTable, readUnlabelledTable, type Block } from './tables';
import { normaliseText, type RefusedInput } from './input';
import { reorder, tableWithHeaderColumns } from './table-columns';
import { deriveRate } from './derived-rate';
import { decimalOf } from './interned';
import type { CheckResult, Fact, ParsedRelease } from './types';
import type { CellFormat } from './cells';
import { BoundedMemo } from './bounded-memo';
import { FactProvenance, FactRecord } from './fact-record';

const QUARTER_WORDS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4 };

/** Identifies the release: company and quarter, from its headline. */
function identify(text: string, log: Log): ReleasePeriods | undefined {
  // A fourth-quarter release is headed "Fourth Quarter and Fiscal Year 2024" (or "… and Full Year …").
  const m = /Kingsoft Cloud Announces Unaudited (First|Second|Third|Fourth) Quarter(?: and (?:Fiscal|Full) Year)? (\d{4}) Financial Results/i.exec(text);
  if (!m && /Kingsoft Cloud/i.test(text) && /take no responsibility for the contents of this announcement/i.test(text)) {
    // Filed on the same day as the earnings release, under another 6-K: RMB'000, year-over-year columns.
    log.error("Kingsoft Cloud's Hong Kong results announcement (HKEX), not its quarterly earnings release", undefined, undefined, 'release.hkex_announcement');
    return undefined;
  }
  if (!m) {
    log.error('not a Kingsoft Cloud quarterly earnings release: the headline "Kingsoft Cloud Announces Unaudited … Quarter … Financial Results" was not found', undefined, undefined, 'release.not_kc');
    return undefined;
  }
  const q = QUARTER_WORDS[m[1].toLowerCase()];
  if (Number(m[2]) < 1990 || Number(m[2]) > 2099) {
    log.error(`the headline's year ${m[2]} is not a year this version reads (1990 to 2099)`);
    return undefined;
  }
  return releasePeriods(q, Number(m[2]));
}

/** Names the rows of a table whose labels were lost, by the identities that only the right order satisfies. */
function nameLostRows(layout: TableLayout, block: Block, grid: Grid, log: Log): void {
  const { table, rows } = readUnlabelledTable(layout, block, log);
  grid.set(layout.id, table);
  if (rows.length !== layout.rows.length) {
    log.error(`the ${layout.title.toLowerCase()} has ${rows.length} rows without labels; expected ${layout.rows.length}`, block.start, layout.id, 'layout.rows_lost');
    return;
  }
  rows.forEach((r, i) => placeRow(table, layout.rows[i], layout.rows[i].label, r.line, r.cells));
}

function confirmLostRows(table: GridTable, checks: CheckResult[], log: Log): void {
  const byId = (id: string) => checks.filter((c) => c.id === id);
  const startsFrom = byId('gross_profit_reconciliation.gross_profit=income_statement.gross_profit');
  const adds = byId('gross_profit_reconciliation.adj_gross_profit');
  const proven = startsFrom.length > 0 && adds.length > 0 && [...startsFrom, ...adds].every((c) => c.pass);
  if (!proven) {
    log.error('rows of the gross-profit reconciliation have no labels and the identities do not identify them', table.line, table.layout.id, 'layout.rows_lost');
    return;
  }
  const cols = startsFrom.length;
  for (const row of table.rows.values()) {
    const why =
      row.spec.key === 'gross_profit'
        ? `equals the income statement's gross profit in all ${cols} columns`
        : row.spec.key === 'adj_gross_profit'
          ? `equals the first row + the second in all ${adds.length} columns (adjusted gross profit, by the release's definition)`
          : "the add-back between gross profit and adjusted gross profit: share-based compensation allocated in cost of revenues (the release's definition)";
    const rep = log.repair({
      kind: 'lost_labels',
      line: row.line,
      table: table.layout.id,
      rowLabel: row.label,
      column: '(all)',
      read: '(no label)',
      repaired: row.label,
      identity: why,
    });
    row.cells.forEach((c) => log.repairCell(c, rep.id));
  }
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** The release date from its dateline: "BEIJING, August 20, 2024 —" or a wire's "BEIJING, Aug. 20, 2024 (GLOBE NEWSWIRE)". */
function releaseDate(text: string): string | undefined {
  const m = /BEIJING,\s+([A-Z][a-z]{2})[a-z]*\.?\s+(\d{1,2}),\s+(\d{4})/.exec(text);
  const month = m ? MONTHS.indexOf(m[1].toLowerCase()) + 1 : 0;
  if (!m || month === 0) return undefined;
  return `${m[3]}-${String(month).padStart(2, '0')}-${m[2].padStart(2, '0')}`;
}

/**
 * The printed layouts of a quarter's release, made once per quarter for the parser: they depend on the quarter alone,
 * and nothing the parser does writes to them (a table's own columns are a copy: table-columns.ts). Quarters whose rows
 * say the same share one row list (layout.ts). Other callers of `layouts` get their own.
 */
const layoutsByQuarter = new BoundedMemo<string, TableLayout[]>(64);
function printedLayouts(periods: ReleasePeriods): TableLayout[] {
  return layoutsByQuarter.get(periods.quarter) ?? layoutsByQuarter.keep(periods.quarter, sharedLayouts(periods));
}

/** A fact's column as its provenance names it: the header, and why it was taken by position where it is illegible. */
function provenanceColumns(layout: TableLayout): string[] {
  const columns = layout.columns;
  const out = new Array<string>(columns.length);
  for (let k = 0; k < columns.length; k++) out[k] = columns[k].header + (layout.headerIllegible ? ' (header illegible in the text; column by position)' : '');
  return out;
}

/**
 * The facts of one table, with their provenance, appended to `facts`; an unreadable figure no identity proved is an
 * issue. What a row's facts share (unit, currency rule, rounding) is worked out once per row: `rowFacts` runs per cell.
 */
function tableFacts(t: GridTable, facts: Fact[], log: Log): void {
  const columnNames = provenanceColumns(t.layout);
  for (const row of t.rows.values()) {
    const format = row.spec.format ?? 'thousands';
    const roundedTo = row.spec.roundedTo ? decimalOf(row.spec.roundedTo) : undefined;
    rowFacts(t.layout, row, format, roundedTo, columnNames, facts, log);
  }
}

/**
 * The facts of one row (see `tableFacts`). A function of its own: its loop runs for every cell of every release, and
 * the engine optimises a hot loop with the function around it.
 */
function rowFacts(layout: TableLayout, row: GridRow, format: CellFormat, roundedTo: Decimal | undefined, columnNames: string[], facts: Fact[], log: Log): void {
  const { id, columns } = layout;
  const noCurrency = format === 'shares' || format === 'percent';
  const unit = format === 'percent' ? 'ratio' : format;
  const cells = row.cells;
  for (let k = 0; k < cells.length; k++) {
    const c = cells[k];
    const col = columns[c.col];
    if (!c.value) {
      log.error(
        `unreadable figure "${c.raw}" in "${row.label}", column "${col.header}" (line ${c.line}): no identity proves a value`,
        c.line,
        id,
        'cell.unreadable',
      );
      continue;
    }
    // A share count printed again in the US$ column is the same count (checked by
    // income_statement.weighted_shares.usd), not a second fact.
    if (format === 'shares' && col.currency === 'USD') continue;
    const provenance = new FactProvenance(c.line, id, row.label, columnNames[c.col], c.raw, log.repairsOf(c));
    facts.push(new FactRecord(id, row.spec.key, row.spec.metric, col.period, noCurrency ? null : col.currency, unit, c.value, roundedTo, provenance));
  }
}

/** Parses a release text into facts with provenance, the repairs made and the checks run. Never throws. */
export function parseRelease(input: string | RefusedInput): ParsedRelease {
  const log = new Log();
  // Unrecognised input claims no company.
  const empty: ParsedRelease = { company: '', quarter: '', facts: [], repairs: log.repairs, checks: [], issues: log.issues };
  if (typeof input !== 'string') {
    log.issues.push(...input.refused);
    return empty;
  }
  const text = normaliseText(input);
  if (text.trim() === '') {
    log.error('the file is empty', undefined, undefined, 'input.empty');
    return empty;
  }
  const periods = identify(text, log);
  if (!periods) return empty;
  const lines = text.split('\n'); // normalised: no CR left
  const prose = readProse(text, periods, log);

  const printed = printedLayouts(periods);
  const located = locateTables(blocks(lines), printed, log);
  const grid: Grid = new Map();
  const unlabelled = new Set<string>();
  // Each table's columns from its own headers, whatever their order; tables printed without legible headers under
  // the income statement take its order.
  const layouts: TableLayout[] = [];
  let statementOrder: TableLayout | undefined;
  for (const printedLayout of printed) {
    const block = located.get(printedLayout.id);
    if (!block) {
      layouts.push(printedLayout);
      continue;
    }
    const fallback = statementOrder && reorder(printedLayout, statementOrder.columns.filter((c) => printedLayout.columns.some((k) => k.period === c.period && k.currency === c.currency)));
    if (printedLayout.labelsLost && !hasRowLabels(block, printedLayout)) {
      const layout = fallback ? tableLayout(printedLayout, fallback) : printedLayout;
      layouts.push(layout);
      nameLostRows(layout, block, grid, log);
      unlabelled.add(layout.id);
    } else {
      const layout = tableWithHeaderColumns(printedLayout, block, log, fallback);
      if (layout.id === 'income_statement') statementOrder = layout;
      layouts.push(layout);
      grid.set(layout.id, readLabelledTable(layout, block, log));
    }
  }

  let rate = prose.rate;
  if (!rate) {
    // No sentence states the rate: derived from the US$ columns, and proven by every US$ figure.
    const derived = deriveRate(grid, layouts);
    if ('problem' in derived) {
      log.error(`the convenience rate is not stated and cannot be derived: ${derived.problem}`, undefined, 'prose', 'rate.missing');
      rate = new Decimal(1);
    } else {
      rate = derived.rate;
      log.warn(`the convenience rate is not stated: derived from the US$ columns as RMB${rate.toFixed(4)} to US$1.00 (${derived.agreeing} of ${derived.figures} US$ figures agree before repairs; every US$ translation check runs with it)`, undefined, 'prose', 'rate.derived');
      prose.facts.push({
        table: 'prose',
        row: 'fx_rate',
        metric: 'fx_rate',
        period: periods.quarterEnd,
        currency: null,
        unit: 'rate',
        value: rate,
        provenance: { line: 0, table: 'prose', rowLabel: 'Convenience translation rate (RMB per US$1.00), derived from the US$ columns', column: `${periods.quarterEnd} (derived)`, raw: `RMB${rate.toFixed(4)} to US$1.00 (derived: ${derived.figures} US$ figures)`, repairs: [] },
      });
    }
  }
  const identities = buildIdentities(grid, layouts, rate);
  new Repairer(grid, identities, log).run();
  const checks: CheckResult[] = [];
  for (let i = 0; i < identities.length; i++) {
    const c = evaluate(grid, identities[i]);
    if (c) checks.push(c);
  }
  checks.push(...prose.checks);
  const lost = [...grid.values()].find((t) => unlabelled.has(t.layout.id));
  if (lost && lost.rows.size > 0) confirmLostRows(lost, checks, log);

  const facts: Fact[] = [];
  for (const t of grid.values()) tableFacts(t, facts, log);
  for (let i = 0; i < prose.facts.length; i++) facts.push(prose.facts[i]);

  for (let i = 0; i < checks.length; i++) {
    const c = checks[i];
    if (c.pass) continue;
    log.error(
      `check failed: ${c.name} [${c.period}${c.currency ? ' ' + c.currency : ''}] — reported ${c.expected.toString()}, computed ${c.actual.toDecimalPlaces(4).toString()}, difference ${c.difference.toDecimalPlaces(4).toString()} (tolerance ${c.tolerance.toString()}; ${c.id})`,
      c.line,
      undefined,
      'check.failed',
    );
  }
  const date = releaseDate(text);
  return { company: 'Kingsoft Cloud Holdings Limited', quarter: periods.quarter, ...(date ? { date } : {}), facts, repairs: log.repairs, checks, issues: log.issues };
}
