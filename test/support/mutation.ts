/**
 * Mutation testing of the release gate: a deterministic (seeded) generator of single edits of the shipped release
 * text, and the verdict of each mutant as the add-in would serve it. Mutants are test data: generated here, never
 * stored, never shipped.
 *
 * A mutant ends in one of four ways:
 * - refused: the gate refuses it (the add-in serves nothing, every function gives #N/A with the reason);
 * - unchanged: accepted, and every figure the true release answers is answered with the same value;
 * - undetectable: accepted with a figure changed, in a class the README's "Checks" section lists as beyond any
 *   check (each class is a precise predicate below, so the list stays true);
 * - silent-wrong: accepted with a changed figure outside those classes — a defect.
 */
import { CATALOGUE } from '../../src/model/catalogue';
import { acceptRelease } from '../../src/model/gate';
import type { Model } from '../../src/model/model';

export const MUTATION_KINDS = [
  'table_digit',
  'prose_digit',
  'sign',
  'parens_dropped',
  'cells_swapped',
  'rows_swapped',
  'line_deleted',
  'line_duplicated',
  'header_year',
  'truncated',
] as const;
export type MutationKind = (typeof MUTATION_KINDS)[number];

/** How many mutants of each kind the suite generates (1,500 in all). */
export const MUTANTS_PER_KIND: Record<MutationKind, number> = {
  table_digit: 400,
  prose_digit: 250,
  sign: 120,
  parens_dropped: 100,
  cells_swapped: 150,
  rows_swapped: 150,
  line_deleted: 120,
  line_duplicated: 80,
  header_year: 70,
  truncated: 60,
};

export interface Mutant {
  kind: MutationKind;
  /** Index within its kind: mutants are generated per kind from one seed, so a shard is a reproducible slice. */
  index: number;
  text: string;
  /** What was changed, for the failure message. */
  what: string;
  /** 1-based lines the edit touched. */
  lines: number[];
  /** For rows_swapped: the two row labels. */
  rows?: [string, string];
}

/** mulberry32: a small, well-known seeded PRNG (deterministic across platforms). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NUMBER_CELL = /^\(?-?[\d.,]*\d[\d.,]*\)?%?$/;

interface Row {
  line: number; // 0-based index
  label: string;
  cells: string[]; // tab-separated fields after the label
}

/** The release's lines, classified once. */
class Release {
  readonly lines: string[];
  readonly firstTable: number;
  readonly tableRows: Row[];
  readonly proseLines: number[];
  readonly headerLines: number[];
  constructor(readonly text: string) {
    this.lines = text.split('\n');
    this.firstTable = this.lines.findIndex((l) => /CONDENSED CONSOLIDATED BALANCE SHEETS/.test(l));
    this.tableRows = [];
    this.headerLines = [];
    this.proseLines = [];
    this.lines.forEach((l, i) => {
      if (i < this.firstTable) {
        if (/\d/.test(l)) this.proseLines.push(i);
        if (/Quarter \d{4}/.test(l)) this.headerLines.push(i);
        return;
      }
      const [label, ...cells] = l.split('\t');
      if (/(Jun|Mar|Dec) \d{1,2},|^\s*\t?\s*20\d\d\s*\t/.test(l) || /^\t*(\s*20\d\d\t?)+\s*$/.test(l)) this.headerLines.push(i);
      if (cells.some((c) => NUMBER_CELL.test(c.trim()))) this.tableRows.push({ line: i, label, cells });
    });
  }
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

function otherDigit(r: () => number, d: string): string {
  const n = Number(d);
  return String((n + 1 + Math.floor(r() * 9)) % 10);
}

/** Replaces the k-th digit of s (0-based over digits) with another digit. */
function changeDigit(r: () => number, s: string, positions: number[]): string {
  const at = pick(r, positions);
  return s.slice(0, at) + otherDigit(r, s[at]) + s.slice(at + 1);
}

function digitPositions(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) if (s[i] >= '0' && s[i] <= '9') out.push(i);
  return out;
}

function withLine(lines: string[], i: number, text: string): string {
  const copy = lines.slice();
  copy[i] = text;
  return copy.join('\n');
}

function rowText(row: Row, cells: string[]): string {
  return [row.label, ...cells].join('\t');
}

function numericCells(row: Row): number[] {
  return row.cells.map((c, i) => (NUMBER_CELL.test(c.trim()) ? i : -1)).filter((i) => i >= 0);
}

/** One mutant of a kind, or undefined when the random choice does not apply (the caller draws again). */
function mutateOnce(rel: Release, kind: MutationKind, r: () => number): Omit<Mutant, 'index'> | undefined {
  const L = rel.lines;
  switch (kind) {
    case 'table_digit': {
      const row = pick(r, rel.tableRows);
      const c = pick(r, numericCells(row));
      const cells = row.cells.slice();
      cells[c] = changeDigit(r, cells[c], digitPositions(cells[c]));
      return { kind, text: withLine(L, row.line, rowText(row, cells)), what: `line ${row.line + 1} "${row.label}" cell ${c + 1}: ${row.cells[c].trim()} → ${cells[c].trim()}`, lines: [row.line + 1] };
    }
    case 'prose_digit': {
      const i = pick(r, rel.proseLines);
      const line = L[i];
      const nums = [...line.matchAll(/\d[\d,]*(?:\.\d+)?/g)];
      const m = pick(r, nums);
      const positions = digitPositions(m[0]).map((p) => p + m.index!);
      const changed = changeDigit(r, line, positions);
      return { kind, text: withLine(L, i, changed), what: `line ${i + 1}: "${m[0]}" digit changed`, lines: [i + 1] };
    }
    case 'sign': {
      if (r() < 0.25) {
        // A direction word of the prose: increased ↔ decreased.
        const i = pick(r, rel.proseLines);
        const words = [...L[i].matchAll(/\b(in|de)crease(d?)\b/g)];
        if (words.length === 0) return undefined;
        const w = pick(r, words);
        const flipped = (w[1] === 'in' ? 'de' : 'in') + 'crease' + w[2];
        return { kind, text: withLine(L, i, L[i].slice(0, w.index!) + flipped + L[i].slice(w.index! + w[0].length)), what: `line ${i + 1}: "${w[0]}" → "${flipped}"`, lines: [i + 1] };
      }
      const row = pick(r, rel.tableRows);
      const c = pick(r, numericCells(row));
      const cell = row.cells[c].trim();
      if (/^0*[.,0]*%?$/.test(cell.replace(/[()-]/g, ''))) return undefined; // zero has no sign
      const cells = row.cells.slice();
      if (cell.endsWith('%')) cells[c] = cell.startsWith('-') ? cell.slice(1) : `-${cell}`;
      else if (cell.startsWith('(')) return undefined; // parentheses dropped is its own kind
      else cells[c] = `(${cell})`;
      return { kind, text: withLine(L, row.line, rowText(row, cells)), what: `line ${row.line + 1} "${row.label}" cell ${c + 1}: ${cell} → ${cells[c]}`, lines: [row.line + 1] };
    }
    case 'parens_dropped': {
      const row = pick(r, rel.tableRows);
      const idx = row.cells.map((c, i) => (/^\(.*\d.*\)$/.test(c.trim()) ? i : -1)).filter((i) => i >= 0);
      if (idx.length === 0) return undefined;
      const c = pick(r, idx);
      const cells = row.cells.slice();
      cells[c] = cells[c].trim().slice(1, -1);
      return { kind, text: withLine(L, row.line, rowText(row, cells)), what: `line ${row.line + 1} "${row.label}" cell ${c + 1}: ${row.cells[c].trim()} → ${cells[c]}`, lines: [row.line + 1] };
    }
    case 'cells_swapped': {
      const row = pick(r, rel.tableRows);
      const idx = numericCells(row);
      if (idx.length < 2) return undefined;
      const a = pick(r, idx);
      const b = pick(r, idx.filter((x) => x !== a));
      if (row.cells[a].trim() === row.cells[b].trim()) return undefined;
      const cells = row.cells.slice();
      [cells[a], cells[b]] = [cells[b], cells[a]];
      return { kind, text: withLine(L, row.line, rowText(row, cells)), what: `line ${row.line + 1} "${row.label}": cells ${a + 1} and ${b + 1} swapped`, lines: [row.line + 1] };
    }
    case 'rows_swapped': {
      // Two rows exchanged: most often their figures, labels in place (the edit a reader cannot see); otherwise the
      // whole lines, labels and all.
      const whole = r() < 0.25;
      const k = Math.floor(r() * rel.tableRows.length);
      const a = rel.tableRows[k];
      const near = rel.tableRows.filter((x) => x !== a && Math.abs(x.line - a.line) <= 12 && x.label.trim() !== '' && a.label.trim() !== '');
      if (near.length === 0) return undefined;
      const b = pick(r, near);
      if (a.cells.join('\t') === b.cells.join('\t')) return undefined;
      const copy = L.slice();
      copy[a.line] = whole ? L[b.line] : rowText(a, b.cells);
      copy[b.line] = whole ? L[a.line] : rowText(b, a.cells);
      return { kind, text: copy.join('\n'), what: `lines ${a.line + 1} "${a.label}" and ${b.line + 1} "${b.label}": ${whole ? 'lines' : 'figures'} swapped`, lines: [a.line + 1, b.line + 1], rows: [a.label, b.label] };
    }
    case 'line_deleted': {
      const i = Math.floor(r() * L.length);
      if (L[i].trim() === '') return undefined;
      const copy = L.slice();
      copy.splice(i, 1);
      return { kind, text: copy.join('\n'), what: `line ${i + 1} deleted: "${L[i].slice(0, 60)}"`, lines: [i + 1] };
    }
    case 'line_duplicated': {
      const i = Math.floor(r() * L.length);
      if (L[i].trim() === '') return undefined;
      const copy = L.slice();
      copy.splice(i, 0, L[i]);
      return { kind, text: copy.join('\n'), what: `line ${i + 1} duplicated: "${L[i].slice(0, 60)}"`, lines: [i + 1] };
    }
    case 'header_year': {
      const i = pick(r, rel.headerLines);
      const years = [...L[i].matchAll(/\b20\d\d\b/g)];
      if (years.length === 0) return undefined;
      const y = pick(r, years);
      const to = String(Number(y[0]) + (r() < 0.5 ? -1 : 1));
      return { kind, text: withLine(L, i, L[i].slice(0, y.index!) + to + L[i].slice(y.index! + 4)), what: `line ${i + 1}: year ${y[0]} → ${to}`, lines: [i + 1] };
    }
    case 'truncated': {
      const at = Math.floor(r() * rel.text.length);
      const line = rel.text.slice(0, at).split('\n').length;
      return { kind, text: rel.text.slice(0, at), what: `text truncated at character ${at} (line ${line})`, lines: [line] };
    }
  }
}

/** The mutants of one kind, in order: deterministic for a seed; distinct texts, each different from the release. */
export function mutantsOf(text: string, kind: MutationKind, count = MUTANTS_PER_KIND[kind], seed = 20240630): Mutant[] {
  const rel = new Release(text);
  const r = rng(seed + MUTATION_KINDS.indexOf(kind) * 7919);
  const seen = new Set<string>([text]);
  const out: Mutant[] = [];
  for (let tries = 0; out.length < count && tries < count * 50; tries++) {
    const m = mutateOnce(rel, kind, r);
    if (!m || seen.has(m.text)) continue;
    seen.add(m.text);
    out.push({ ...m, index: out.length });
  }
  return out;
}

// ---- the oracle ----------------------------------------------------------------------------------------------

export type Figures = Map<string, string>;

/** Every figure a model answers: metric × period × currency, as `metric|period|currency` → value. */
export function figuresOf(model: Model, keys?: string[]): Figures {
  const out: Figures = new Map();
  const ask = (key: string) => {
    const [m, p, c] = key.split('|');
    try {
      out.set(key, model.get(m, p, c).value.toString());
    } catch {
      // not answered
    }
  };
  if (keys) keys.forEach(ask);
  else for (const d of CATALOGUE) for (const p of model.periods()) for (const c of ['RMB', 'USD']) ask(`${d.id}|${p.id}|${c}`);
  return out;
}

export type Outcome = 'refused' | 'unchanged' | 'undetectable' | 'silent-wrong';

export interface Verdict {
  outcome: Outcome;
  /** For undetectable: the README class; for refused: the first failing check's id. */
  why?: string;
  /** Figures served differently from the true release (missing ones as "(none)"). */
  changed: string[];
}

/** Analyst additions computed from other figures: they change with the figures they are computed from. */
const COMPUTED_FROM: Record<string, string[]> = {
  total_debt: ['short_term_loans', 'long_term_loans'],
  net_debt: ['short_term_loans', 'long_term_loans', 'cash', 'restricted_cash'],
  net_cash: ['short_term_loans', 'long_term_loans', 'cash', 'restricted_cash'],
  eps_per_ads: ['net_loss_attributable', 'weighted_shares'],
  ai_share_public_cloud: ['ai_revenue', 'public_cloud_revenue'],
};

export interface Truth {
  model: Model;
  figures: Figures;
  keys: string[];
  /** Metrics the prose states (a prose statement distinguishes them). */
  proseMetrics: Set<string>;
  /** Line (1-based, as a string) → [table, metric] of the table row printed on it. */
  rowMetric: Map<string, [string, string]>;
}

export function truthOf(model: Model): Truth {
  const figures = figuresOf(model);
  const proseMetrics = new Set(model.release.facts.filter((f) => f.table === 'prose' && f.metric).map((f) => f.metric!));
  const rowMetric = new Map<string, [string, string]>();
  for (const f of model.release.facts) if (f.table !== 'prose' && f.metric) rowMetric.set(`${f.provenance.line}`, [f.table, f.metric]);
  return { model, figures, keys: [...figures.keys()], proseMetrics, rowMetric };
}

const metricOf = (key: string) => key.split('|')[0];

/**
 * The undetectable classes, as listed in the README's "Checks" section. Each returns its name when the mutant's
 * changed figures fall exactly in the class.
 */
export const UNDETECTABLE: { name: string; test: (m: Mutant, changed: string[], truth: Truth, model: Model) => boolean }[] = [
  {
    // Two rows of one table exchanged whose figures only enter the same sums (symmetrically) and that no prose
    // statement or other table distinguishes: every figure of row A is now row B's and vice versa.
    name: 'two rows swapped inside one sum, stated nowhere else',
    test: (m, changed, truth, model) => {
      if (m.kind !== 'rows_swapped' || m.lines.length !== 2) return false;
      const [la, lb] = m.lines;
      const ra = truth.rowMetric.get(String(la));
      const rb = truth.rowMetric.get(String(lb));
      if (!ra || !rb || ra[0] !== rb[0]) return false;
      const [a, b] = [ra[1], rb[1]];
      if (truth.proseMetrics.has(a) || truth.proseMetrics.has(b)) return false;
      const allowed = new Set([a, b, ...Object.entries(COMPUTED_FROM).filter(([, from]) => from.includes(a) || from.includes(b)).map(([k]) => k)]);
      if (!changed.every((k) => allowed.has(metricOf(k)))) return false;
      // Exactly exchanged, in every period and currency.
      return changed
        .filter((k) => metricOf(k) === a || metricOf(k) === b)
        .every((k) => {
          const [metric, p, c] = k.split('|');
          const other = metric === a ? b : a;
          return model.get(metric, p, c).value.toString() === truth.figures.get(`${other}|${p}|${c}`);
        });
    },
  },
  {
    // A weighted-average share count is bound only by EPS (printed to the cent), its US$ twin column (Q2 and H1 2024
    // only) and the half-year's range: many changes keep all three.
    name: 'weighted-average share counts within EPS rounding',
    test: (_m, changed, _truth, model) =>
      changed.length > 0 &&
      changed.every((k) => {
        const [metric, p, c] = k.split('|');
        // EPS per ADS is computed from the count (net loss attributable / (shares / 15)): it changes with it.
        if (metric === 'eps_per_ads') return changed.some((x) => x.startsWith(`weighted_shares|${p}|`));
        if (metric !== 'weighted_shares') return false;
        // EPS (printed to the cent) still computes from the changed count: within ½ cent.
        const eps = model.get('eps_basic_diluted', p, c).value;
        return model.get('net_loss_attributable', p, c).value.mul(1000).div(model.get(metric, p, c).value).sub(eps).abs().lte('0.005');
      }),
  },
  {
    // The ordinary share count is bound only by the ADS count (1 ADS = 15 shares, to the nearest ADS): a change that
    // keeps the nearest ADS (here up to 7 shares fewer: 3,596,874,345 to 3,596,874,352) keeps the printed ADS count.
    name: 'ordinary share count within the ADS rounding',
    test: (_m, changed, truth, model) =>
      changed.length > 0 &&
      changed.every((k) => metricOf(k) === 'shares_outstanding') &&
      changed.every((k) => {
        const date = k.split('|')[1];
        return model.get('shares_outstanding', date).value.div(15).sub(truth.model.get('ads_outstanding', date).value).abs().lte('0.5');
      }),
  },
  {
    // Cash at the previous quarter's end is stated only in the prose (the balance sheet prints the year end and the
    // quarter end): bound only from above, by the cash-flow balance (cash + restricted cash) at that date.
    name: 'cash at the previous quarter end within the cash-flow balance',
    test: (_m, changed, truth, model) =>
      changed.length > 0 &&
      changed.every((k) => {
        const [metric, p, c] = k.split('|');
        if (metric !== 'cash' || !truth.model.get(metric, p, c).facts.every((f) => f.table === 'prose')) return false;
        // Still at most the cash-flow balance of the quarter ending that date.
        const q = model.periods().find((x) => x.kind === 'quarter' && x.end === model.get(metric, p, c).period.id);
        return !!q && model.get(metric, p, c).value.lte(model.get('cash_end', q.id, c).value.add(100));
      }),
  },
  {
    // AI revenue is stated once, and bound only by "approximately 26%" of public cloud revenue (½ of a percentage
    // point, about RMB6 million).
    name: 'AI revenue within its approximate share',
    test: (_m, changed, truth, model) => {
      const q = truth.model.release.quarter;
      const stated = truth.model.release.facts.find((f) => f.row === 'ai_share_public_cloud' && f.period === q);
      return (
        !!stated &&
        changed.length > 0 &&
        changed.every((k) => metricOf(k) === 'ai_revenue' || metricOf(k) === 'ai_share_public_cloud') &&
        // The changed AI revenue still gives the stated share of public cloud revenue, to ½ point.
        model.get('ai_revenue', q).value.div(model.get('public_cloud_revenue', q).value).sub(stated.value).abs().lte('0.005')
      );
    },
  },
  {
    // The prior-year cost components (IDC, D&A, solution costs of Q2 2023) are stated once, bound only by the stated
    // growth rate, printed to 0.1%: a change of a few tenths of a million keeps the rate.
    name: 'prior-year cost components within the stated growth rate',
    test: (_m, changed, truth) => {
      const q = truth.model.release.quarter; // Q2-2024: the prior-year quarter is Q2-2023
      const py = `${q.slice(0, 3)}${Number(q.slice(3)) - 1}`;
      return changed.length > 0 && changed.every((k) => ['idc_costs', 'cost_depreciation_amortization', 'solution_costs'].includes(metricOf(k)) && k.split('|')[1] === py);
    },
  },
];

/** The gate's verdict on a text: the model, or the first failing check's id. */
export function gate(text: string): { model: Model } | { refusedBy: string } {
  const v = acceptRelease(text);
  return v.accepted ? { model: v.model } : { refusedBy: v.failing[0].id };
}

/** Judges a mutant from its load result (the add-in's load path, or the gate directly): asks for every figure. */
export function judge(m: Mutant, truth: Truth, loaded: { model: Model } | { refusedBy: string } = gate(m.text)): Verdict {
  if ('refusedBy' in loaded) return { outcome: 'refused', why: loaded.refusedBy, changed: [] };
  const v = loaded;
  const got = figuresOf(v.model, truth.keys);
  const changed = truth.keys.filter((k) => got.get(k) !== truth.figures.get(k));
  if (changed.length === 0) return { outcome: 'unchanged', changed };
  const cls = UNDETECTABLE.find((u) => u.test(m, changed, truth, v.model));
  return cls ? { outcome: 'undetectable', why: cls.name, changed } : { outcome: 'silent-wrong', changed: changed.map((k) => `${k}: ${truth.figures.get(k)} → ${got.get(k) ?? '(none)'}`) };
}

export interface Tally {
  byKind: Map<MutationKind, Record<Outcome, number>>;
  byClass: Map<string, number>;
  refusedBy: Map<string, number>;
}

export function tally(results: { m: Mutant; v: Verdict }[]): Tally {
  const byKind = new Map<MutationKind, Record<Outcome, number>>();
  const byClass = new Map<string, number>();
  const refusedBy = new Map<string, number>();
  for (const { m, v } of results) {
    const t = byKind.get(m.kind) ?? { refused: 0, unchanged: 0, undetectable: 0, 'silent-wrong': 0 };
    t[v.outcome]++;
    byKind.set(m.kind, t);
    if (v.outcome === 'undetectable') byClass.set(v.why!, (byClass.get(v.why!) ?? 0) + 1);
    if (v.outcome === 'refused') {
      const fam = (v.why ?? '').replace(/[.:@].*$/, '');
      refusedBy.set(fam, (refusedBy.get(fam) ?? 0) + 1);
    }
  }
  return { byKind, byClass, refusedBy };
}

export function formatTally(t: Tally, title = 'Mutation tally'): string {
  const out = [`${title} (kind: total = refused + unchanged + undetectable + silent-wrong)`];
  const sum: Record<Outcome, number> = { refused: 0, unchanged: 0, undetectable: 0, 'silent-wrong': 0 };
  for (const k of MUTATION_KINDS) {
    const r = t.byKind.get(k);
    if (!r) continue;
    const n = r.refused + r.unchanged + r.undetectable + r['silent-wrong'];
    for (const o of Object.keys(sum) as Outcome[]) sum[o] += r[o];
    out.push(`  ${k.padEnd(16)} ${String(n).padStart(5)} = ${String(r.refused).padStart(4)} + ${String(r.unchanged).padStart(4)} + ${String(r.undetectable).padStart(3)} + ${r['silent-wrong']}`);
  }
  const n = sum.refused + sum.unchanged + sum.undetectable + sum['silent-wrong'];
  out.push(`  ${'all'.padEnd(16)} ${String(n).padStart(5)} = ${String(sum.refused).padStart(4)} + ${String(sum.unchanged).padStart(4)} + ${String(sum.undetectable).padStart(3)} + ${sum['silent-wrong']}`);
  out.push('  undetectable, by class:');
  for (const [c, k] of [...t.byClass].sort((a, b) => b[1] - a[1])) out.push(`    ${String(k).padStart(4)}  ${c}`);
  out.push('  refused, by the family of the first failing check:');
  for (const [c, k] of [...t.refusedBy].sort((a, b) => b[1] - a[1])) out.push(`    ${String(k).padStart(4)}  ${c}`);
  return out.join('\n');
}

