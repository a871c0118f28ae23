/**
 * Every quarter layout, on SYNTHETIC releases (test/support/release-render/synthetic.ts: invented figures, consistent
 * by construction): Q1 prints three months only, Q2 adds six months, Q3 nine months, Q4 the year; the balance sheet
 * is at the prior year-end and the quarter end. Columns come from each table's headers whatever their order, every
 * period is typed by the period module, the identities adapt to the columns present, the model derives the periods
 * each type implies, and the rejections hold in these layouts (altered total, swapped columns, truncated text), in
 * the text and the HTML forms.
 */
import { parseRelease, type ParsedRelease } from '../../src/filing';
import { nodeFormReaders } from '../../src/filing/node-readers';
import { readPeriod } from '../../src/filing/periods';
import { readReleaseInput } from '../../src/filing/read-input';
import { acceptRelease } from '../../src/model/gate';
import { gridLines } from '../support/release-render/grid-tsv';
import { renderEdgarHtml, renderSource } from '../support/release-render/html';
import { consistentRelease, syntheticRelease, type SyntheticSpec } from '../support/release-render/synthetic';

const accepted = (t: string) => acceptRelease(t).accepted;
const SPECS: (SyntheticSpec & { flows: string[]; dates: string[] })[] = [
  { q: 1, year: 2025, rate: '7.2567', flows: ['Q1-2024', 'Q4-2024', 'Q1-2025'], dates: ['2024-12-31', '2025-03-31'] },
  { q: 2, year: 2025, rate: '7.1636', flows: ['Q2-2024', 'Q1-2025', 'Q2-2025', 'H1-2024', 'H1-2025'], dates: ['2024-12-31', '2025-06-30'] },
  { q: 3, year: 2024, rate: '7.0176', flows: ['Q3-2023', 'Q2-2024', 'Q3-2024', '9M-2023', '9M-2024'], dates: ['2023-12-31', '2024-09-30'] },
  { q: 4, year: 2024, rate: '7.2993', flows: ['Q4-2023', 'Q3-2024', 'Q4-2024', 'FY-2023', 'FY-2024'], dates: ['2023-12-31', '2024-12-31'] },
];
const releases = new Map(SPECS.map((s) => [s.q, consistentRelease(s, accepted)]));
const errors = (r: ParsedRelease) => r.issues.filter((i) => i.severity === 'error');
const codes = (r: ParsedRelease) => errors(r).map((i) => i.code);

describe.each(SPECS)('Q$q $year release (synthetic)', (spec) => {
  const { text } = releases.get(spec.q)!;
  const release = parseRelease(text);

  test('accepted by the gate: no parse issue, every check passing', () => {
    expect(errors(release)).toEqual([]);
    const v = acceptRelease(text);
    expect(v.accepted ? [] : v.failing).toEqual([]);
  });

  test('the statements carry exactly the periods of the quarter type, typed by the period module', () => {
    const is = new Set(release.facts.filter((f) => f.table === 'income_statement').map((f) => f.period));
    expect([...is].sort()).toEqual([...spec.flows].sort());
    const bs = new Set(release.facts.filter((f) => f.table === 'balance_sheet').map((f) => f.period));
    expect([...bs].sort()).toEqual(spec.dates);
    for (const f of release.facts) {
      const p = readPeriod(f.period);
      expect([f.period, p?.id]).toEqual([f.period, f.period]);
    }
    const ytd = spec.flows.slice(3).map((id) => readPeriod(id)!);
    expect(ytd.map((p) => p.months)).toEqual(spec.q === 1 ? [] : [3 * spec.q, 3 * spec.q]);
  });

  test('identities adapt to the columns: six months = Q1 + Q2 only where both are printed', () => {
    const halfyear = release.checks.filter((c) => c.kind === 'halfyear');
    if (spec.q === 2) {
      expect(halfyear.length).toBeGreaterThan(20);
      expect(new Set(halfyear.map((c) => c.period))).toEqual(new Set([`H1-${spec.year}`]));
    } else expect(halfyear).toEqual([]);
    expect(release.checks.filter((c) => c.kind === 'usd').length).toBeGreaterThan(50);
    expect(release.checks.filter((c) => c.id === 'cash_flow.cash_begin.rollforward')).toHaveLength(1);
  });

  test('the model derives the periods the quarter type implies', () => {
    const v = acceptRelease(text);
    if (!v.accepted) throw new Error(v.report);
    const derived = (metric: string, period: string) => {
      const x = v.model.get(metric, period);
      return { origin: x.origin, formula: x.formula };
    };
    const y = spec.year;
    if (spec.q === 3) {
      expect(derived('total_revenues', `H1-${y}`)).toEqual({ origin: 'derived', formula: `H1-${y} = 9M-${y} − Q3-${y}` });
      expect(v.model.get('total_revenues', `H1-${y}`).value.toString()).toBe(
        v.model.get('total_revenues', `9M-${y}`).value.sub(v.model.get('total_revenues', `Q3-${y}`).value).toString(),
      );
    }
    if (spec.q === 4) expect(derived('adj_ebitda', `9M-${y}`)).toEqual({ origin: 'derived', formula: `9M-${y} = FY-${y} − Q4-${y}` });
    if (spec.q === 1) expect(() => v.model.get('total_revenues', `H1-${y}`)).toThrow(/does not give/);
    // A Q2 release prints its first quarter: nothing to derive, the printed figure is served.
    if (spec.q === 2) expect(v.model.get('total_revenues', `Q1-${y}`).origin).toBe('reported');
  });

  test('rejections hold in this layout: an altered total, swapped figure columns, a truncated text', () => {
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.startsWith('Total revenues\t'));
    const cells = lines[at].split('\t');
    cells[2] = cells[2].replace(/\d(?=\D*$)/, (d) => String((Number(d) + 1) % 10));
    const altered = [...lines.slice(0, at), cells.join('\t'), ...lines.slice(at + 1)].join('\n');
    expect(codes(parseRelease(altered))).toContain('check.failed');
    // The prior quarter's and the quarter's figures swapped under unchanged headers, in the statements of loss.
    const start = lines.findIndex((l) => l.startsWith('Public cloud services\t'));
    const end = lines.findIndex((l, i) => i > start && l.startsWith('Comprehensive loss attributable'));
    const swapped = lines.map((l, i) => {
      if (i < start || i > end) return l;
      const p = l.split('\t');
      if (p.length < 4 || p[2] === '') return l;
      [p[2], p[3]] = [p[3], p[2]];
      return p.join('\t');
    });
    const swappedRelease = parseRelease(swapped.join('\n'));
    expect(codes(swappedRelease)).toContain('check.failed');
    expect(acceptRelease(swapped.join('\n')).accepted).toBe(false);
    const truncated = lines.slice(0, lines.findIndex((l) => l.startsWith('Net Loss\t'))).join('\n');
    expect(codes(parseRelease(truncated))).toContain('layout.table_missing');
  });

  test('rejections hold in the HTML form: an altered total, a header naming other periods', async () => {
    const html = renderEdgarHtml(renderSource(text));
    const read = async (h: string) => parseRelease((await readReleaseInput(new TextEncoder().encode(h), nodeFormReaders)).source);
    expect(errors(await read(html))).toEqual([]);
    const total = release.facts.find((f) => f.table === 'income_statement' && f.row === 'total_revenues' && f.period === spec.flows[2] && f.currency === 'RMB')!.value.toString();
    const printed = Number(total).toLocaleString('en-US');
    const bumped = Number(Number(total) + 100).toLocaleString('en-US');
    expect(html).toContain(`>${printed}<`);
    expect(codes(await read(html.replace(`>${printed}<`, `>${bumped}<`)))).toContain('check.failed');
    const wrongYear = html.replace(`,<br>${spec.year - 1}`, `,<br>${spec.year - 2}`);
    expect(codes(await read(wrongYear))).toContain('layout.header_mismatch');
  });
});

describe('OCR defects injected into a synthetic release are repaired by proof', () => {
  test.each([1, 3, 4] as const)('Q%s: dots for commas, a smeared dash, figures on a section header, a wrapped label, lost row labels', (q) => {
    const spec = SPECS.find((s) => s.q === q)!;
    const clean = releases.get(q)!;
    const seedOf = (t: string) => {
      const first = q * 7919 + spec.year;
      for (let s = first; s < first + 200; s++) if (syntheticRelease({ ...spec, seed: s }).text === t) return s;
      throw new Error('seed');
    };
    const seed = seedOf(clean.text);
    const defective = syntheticRelease({ ...spec, seed, defects: ['thousands_dot', 'garbage_row', 'wrapped_label', 'dash_misread', 'lost_labels'] }).text;
    expect(defective).not.toBe(clean.text);
    expect(defective).toContain('\t,157\t');
    const r = parseRelease(defective);
    expect(errors(r)).toEqual([]);
    expect(r.repairs.map((x) => x.kind).sort()).toEqual(['dash_misread', 'garbage_row', 'lost_labels', 'lost_labels', 'lost_labels', 'thousands_dot', 'wrapped_label']);
    expect(gridLines(r)).toEqual(gridLines(parseRelease(clean.text)));
  });
});

describe('fourth-quarter wording', () => {
  test('headed "Fourth Quarter and Fiscal Year"; "Twelve Months Ended" read as "Year Ended"', () => {
    const clean = releases.get(4)!.text;
    expect(clean).toContain('Unaudited Fourth Quarter and Fiscal Year 2024 Financial Results');
    const twelve = clean.replace(/\tYear Ended\t/g, '\tTwelve Months Ended\t');
    expect(twelve).not.toBe(clean);
    expect(gridLines(parseRelease(twelve))).toEqual(gridLines(parseRelease(clean)));
    expect(acceptRelease(twelve).accepted).toBe(true);
  });
});

describe('columns in any order', () => {
  test('the year-to-date columns printed first give the same grid', () => {
    const spec = SPECS.find((s) => s.q === 3)!;
    const clean = releases.get(3)!;
    let seed = 3 * 7919 + 2024;
    while (syntheticRelease({ ...spec, seed }).text !== clean.text) seed++;
    const reordered = syntheticRelease({ ...spec, seed, ytdFirst: true }).text;
    expect(reordered).toContain('\tNine Months Ended\t\t\tThree Months Ended');
    expect(gridLines(parseRelease(reordered))).toEqual(gridLines(parseRelease(clean.text)));
    expect(acceptRelease(reordered).accepted).toBe(true);
  });
});
