/**
 * The library over RENDERED releases: one consistent synthetic history (test/support/synthetic-history.ts, real
 * wherever the shipped Q2 2024 release prints a period) rendered as the releases Q1 2023 … Q3 2025 in rotating forms
 * (test/library-releases/history/, with the real shipped text for Q2 2024), each read by content as kc-model reads a
 * file, through the one gate. Synthetic test data.
 */
import Decimal from 'decimal.js';
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { main } from '../../src/cli/kc-model';
import { nodeFormReaders } from '../../src/filing/node-readers';
import { readReleaseInput } from '../../src/filing/read-input';
import type { Fact } from '../../src/filing/types';
import { acceptRelease } from '../../src/model/gate';
import { METRIC_ALIASES } from '../../src/model/catalogue';
import { acceptLibrary, type LibraryInput } from '../../src/model/library-gate';
import { renderEdgarHtml, renderSource } from '../support/release-render/html';
import { editedHistory, HISTORY_RATES, HISTORY_RELEASES, historyForm, historyReleaseText } from '../support/synthetic-history';

jest.setTimeout(120_000);

const DIR = join(__dirname, '..', 'library-releases', 'history');
const files = readdirSync(DIR).filter((f) => /\.(txt|htm|pdf)$/.test(f)).sort();
let inputs: LibraryInput[] = [];
const str = (d: Decimal) => d.toString();

beforeAll(async () => {
  inputs = [];
  for (const f of files) {
    const read = await readReleaseInput(new Uint8Array(readFileSync(join(DIR, f))), nodeFormReaders);
    inputs.push({ text: read.source, repairs: read.repairs, form: read.form, name: f });
  }
});

const failing = (text: string) => {
  const v = acceptRelease(text);
  return v.accepted ? [] : v.checks.filter((c) => !c.pass);
};
/** The Q3 2025 release cut from a history edited from it on, as OCR-style text, in place of the rendered one. */
const withQ3From = (edits: Record<string, number>): LibraryInput[] => [
  ...inputs.filter((i) => !i.name!.startsWith('2025-q3')),
  { text: historyReleaseText('Q3-2025', failing, editedHistory(edits)).text, form: 'text', name: '2025-q3-edited.txt' },
];
const tableFacts = (facts: Fact[]) => facts.filter((f) => f.table !== 'prose' && f.currency === 'RMB' && f.metric);

describe('a library of rendered releases, Q1 2023 … Q3 2025, forms mixed', () => {
  test('the folder holds one release per quarter, in the rotating forms, the real text for Q2 2024', () => {
    expect(files).toHaveLength(HISTORY_RELEASES.length);
    const forms = inputs.map((i) => i.form);
    expect(new Set(forms)).toEqual(new Set(['text', 'html', 'copied_text', 'pdf_text', 'pdf']));
    for (const q of HISTORY_RELEASES) if (q !== 'Q2-2024') expect(files.some((f) => f === `${q.slice(3)}-q${q[1]}-synthetic-${historyForm(q)}.${historyForm(q) === 'edgar-html' ? 'htm' : historyForm(q) === 'pdf' ? 'pdf' : 'txt'}`)).toBe(true);
    expect(files).toContain('2024-q2-shipped-ocr-text.txt');
  });

  test('the committed text and HTML releases are what the history renders today (the generator and the files agree)', () => {
    const fast = HISTORY_RELEASES.filter((q) => q !== 'Q2-2024' && (historyForm(q) === 'ocr-text' || historyForm(q) === 'edgar-html'));
    expect(fast.length).toBeGreaterThanOrEqual(4);
    for (const q of fast) {
      const { text } = historyReleaseText(q, failing);
      const html = historyForm(q) === 'edgar-html';
      const file = `${q.slice(3)}-q${q[1]}-synthetic-${historyForm(q)}.${html ? 'htm' : 'txt'}`;
      expect([file, readFileSync(join(DIR, file), 'utf8') === (html ? renderEdgarHtml(renderSource(text)) : text)]).toEqual([file, true]);
    }
  });

  test('every release passes the gate; the library is ok: every chain closes, no restatement', () => {
    const v = acceptLibrary(inputs);
    expect(v.verdicts.filter((x) => !x.verdict.accepted).map((x) => x.input.name)).toEqual([]);
    const lib = v.library!;
    expect(lib.releases().map((r) => r.quarter)).toEqual(HISTORY_RELEASES);
    expect(lib.chainChecks().length).toBeGreaterThan(500);
    expect(lib.chainChecks().filter((c) => !c.pass).map((c) => c.name)).toEqual([]);
    expect(new Set(lib.chainChecks().map((c) => c.id.split('.').slice(0, 2).join('.')))).toEqual(new Set(['chain.balance', 'chain.cash', 'chain.ytd']));
    expect(lib.restatements()).toEqual([]);
    expect(lib.superseded()).toEqual([]);
    expect(v.ok).toBe(true);
    // Each release's own convenience rate, as its text states it.
    for (const r of lib.releases()) expect([r.quarter, r.rate.toFixed(4)]).toEqual([r.quarter, HISTORY_RATES[r.quarter]]);
  });

  test('every figure a release prints is the figure the library serves; the real release\'s figures are printed alike by every other release', () => {
    const v = acceptLibrary(inputs);
    const lib = v.library!;
    let overlaps = 0;
    const real = v.verdicts.find((x) => x.input.name === '2024-q2-shipped-ocr-text.txt')!.verdict;
    const realFacts = new Map(tableFacts(real.release.facts).map((f) => [`${f.metric}|${f.period}`, f.value]));
    for (const { verdict } of v.verdicts) {
      for (const f of tableFacts(verdict.release.facts)) {
        expect([f.metric, f.period, str(lib.get(f.metric!, f.period).value)]).toEqual([f.metric, f.period, str(f.value)]);
        const r = realFacts.get(`${f.metric}|${f.period}`);
        if (r && verdict !== real) {
          overlaps++;
          expect([verdict.release.quarter, f.metric, f.period, str(f.value)]).toEqual([verdict.release.quarter, f.metric, f.period, str(r)]);
        }
      }
    }
    // Q2-2023, Q1-2024 and Q2-2024, the two balance sheets and H1-2023 / H1-2024, as printed by six other releases.
    expect(overlaps).toBeGreaterThan(400);
  });

  test('derived periods on rendered releases: Q1 = H1 − Q2, H1 = Q1 + Q2, 9M = H1 + Q3, FY = 9M + Q4; each equal to what another release prints', () => {
    const all = acceptLibrary(inputs).library!;
    const only = (...names: string[]) => acceptLibrary(inputs.filter((i) => names.some((n) => i.name!.startsWith(n)))).library!;
    // The real release alone: Q1-2023 from its six months and second quarter, equal to the rendered Q1 2023 release's.
    const q1 = only('2024-q2').get('gross_profit', 'Q1-2023');
    expect([q1.origin, q1.formula, str(q1.value)]).toEqual(['derived', 'Q1-2023 = H1-2023 − Q2-2023', str(all.get('gross_profit', 'Q1-2023').value)]);
    expect(all.get('gross_profit', 'Q1-2023').origin).toBe('reported');
    // The Q3 2024 and Q1 2025 releases: H1-2024 = Q1 + Q2 (the real six months) and FY-2024 = 9M + Q4 (the Q4 release's year).
    const a = only('2024-q3', '2025-q1');
    const h1 = a.get('total_revenues', 'H1-2024');
    expect([h1.origin, h1.formula, h1.value.toNumber()]).toEqual(['derived', 'H1-2024 = Q1-2024 + Q2-2024', 3667464]);
    expect(all.get('total_revenues', 'H1-2024').value.toNumber()).toBe(3667464); // printed by the real release
    const fy = a.get('net_loss', 'FY-2024');
    expect([fy.origin, fy.formula, str(fy.value)]).toEqual(['derived', 'FY-2024 = 9M-2024 + Q4-2024', str(all.get('net_loss', 'FY-2024').value)]);
    expect(all.get('net_loss', 'FY-2024').origin).toBe('reported');
    // The Q3 2023, Q2 2024 and Q4 2024 releases: 9M-2024 = H1 + Q3, equal to the Q3 2024 release's nine months.
    const nine = only('2023-q3', '2024-q2', '2024-q4').get('adj_ebitda', '9M-2024');
    expect([nine.origin, nine.formula, str(nine.value)]).toEqual(['derived', '9M-2024 = H1-2024 + Q3-2024', str(all.get('adj_ebitda', '9M-2024').value)]);
    // Cash-flow lines are printed per quarter: their year is derived, and equals the sum of the four quarters.
    const cfo = all.get('cfo', 'FY-2024');
    const quarters = [1, 2, 3, 4].map((i) => all.get('cfo', `Q${i}-2024`).value).reduce((x, y) => x.add(y), new Decimal(0));
    expect([cfo.origin, cfo.formula, str(cfo.value)]).toEqual(['derived', 'FY-2024 = 9M-2024 + Q4-2024', str(quarters)]);
    // Ratios recomputed on derived amounts.
    expect(str(a.get('gross_margin', 'H1-2024').value)).toBe(str(a.get('gross_profit', 'H1-2024').value.div(h1.value)));
  });

  test('LTM and relative periods against the latest quarter, Q3-2025 (FQ0 = Q3-2025, FY0 = FY-2024)', () => {
    const lib = acceptLibrary(inputs).library!;
    const ids = (t: string) => lib.period(t).id;
    expect(['FQ0', 'FQ-1', 'FQ-4', 'FY0', 'FY-1', 'LTM', 'LTM-1'].map(ids)).toEqual(['Q3-2025', 'Q2-2025', 'Q3-2024', 'FY-2024', 'FY-2023', 'LTM-Q3-2025', 'LTM-Q2-2025']);
    expect(str(lib.get('total_revenues', 'FQ0').value)).toBe(str(lib.get('total_revenues', 'Q3-2025').value));
    expect(lib.get('total_revenues', 'FY0')).toMatchObject({ origin: 'reported' });
    expect(str(lib.get('total_revenues', 'FY0').value)).toBe(str(lib.get('total_revenues', 'FY-2024').value));
    const sum = ['Q4-2024', 'Q1-2025', 'Q2-2025', 'Q3-2025'].reduce((a, q) => a.add(lib.get('adj_ebitda', q).value), new Decimal(0));
    const ltm = lib.get('adj_ebitda', 'LTM');
    expect([ltm.origin, ltm.formula, str(ltm.value)]).toEqual(['derived', 'LTM-Q3-2025 = Q4-2024 + Q1-2025 + Q2-2025 + Q3-2025', str(sum)]);
    // LTM-1 ends at Q2-2025: FY-2024 + H1-2025 − H1-2024 agrees with the four quarters.
    const ltm1 = ['Q3-2024', 'Q4-2024', 'Q1-2025', 'Q2-2025'].reduce((a, q) => a.add(lib.get('total_revenues', q).value), new Decimal(0));
    expect(str(lib.get('total_revenues', 'LTM-1').value)).toBe(str(ltm1));
    // A balance at the LTM's end is the balance at that date.
    expect(str(lib.get('cash', 'LTM').value)).toBe(str(lib.get('cash', '2025-09-30').value));
  });

  test('US$: as printed by the latest release printing it; otherwise RMB at the rate of the latest release covering the period', () => {
    const lib = acceptLibrary(inputs).library!;
    // Q3-2024 in US$: printed by the Q3-2024 release at its own rate (the Q3-2025 release prints it in RMB only).
    const printed = lib.get('total_revenues', 'Q3-2024', 'USD');
    expect(printed.origin).toBe('reported');
    expect(lib.source('total_revenues', 'Q3-2024', 'USD')).toMatch(new RegExp(`Printed in US\\$ by the Q3-2024 release .*at its rate RMB${HISTORY_RATES['Q3-2024'].replace('.', '\\.')} to US\\$1\\.00`));
    // Q3-2022 is printed, in RMB only, by the Q3 2023 release: translated at that release's rate.
    const q3 = lib.get('total_revenues', 'Q3-2022', 'USD');
    expect(q3.origin).toBe('translated');
    expect(lib.fxRate('Q3-2022').release.quarter).toBe('Q3-2023');
    expect(str(q3.value)).toBe(str(lib.get('total_revenues', 'Q3-2022').value.div(HISTORY_RATES['Q3-2023']).toDecimalPlaces(0, Decimal.ROUND_HALF_UP)));
    expect(lib.source('total_revenues', 'Q3-2022', 'USD')).toMatch(new RegExp(`Rate: RMB${new Decimal(HISTORY_RATES['Q3-2023']).toString().replace('.', '\\.')} to US\\$1\\.00, the convenience rate of the Q3-2023 release \\(copied_text\\), the latest release covering Q3-2022`));
    // A derived year no release prints in US$: at the rate of the latest release covering it.
    const fy = lib.get('cfo', 'FY-2024', 'USD');
    expect(fy.origin).toBe('translated');
    expect(str(fy.value)).toBe(str(lib.get('cfo', 'FY-2024').value.div(lib.fxRate('FY-2024').rate).toDecimalPlaces(0, Decimal.ROUND_HALF_UP)));
    // Q2-2024 is covered by the Q2-2025 release (its comparative column): that release's rate for what nobody printed in US$.
    expect(lib.fxRate('Q2-2024').release.quarter).toBe('Q2-2025');
    expect(lib.get('total_revenues', 'Q2-2024', 'USD')).toMatchObject({ origin: 'reported' });
    expect(lib.get('total_revenues', 'Q2-2024', 'USD').value.toNumber()).toBe(260318); // the real release's
    expect(lib.fxRate().release.quarter).toBe('Q3-2025');
  });

  test('kc-model check over the folder of rendered releases exits 0', async () => {
    let out = '';
    const code = await main(['check', DIR], (s) => (out += s + '\n'), (s) => (out += s + '\n'));
    expect(out).toMatch(/Library: 11 of 11 releases accepted/);
    expect(out).toMatch(/Restatements: 0/);
    expect(out).toMatch(/Result: OK/);
    expect(code).toBe(0);
  });
});

describe('a planted restatement and a chain broken on purpose, in rendered releases', () => {
  test('a later release restating a quarter (and its year-to-date): listed with both releases and lines; the older year-to-date superseded, not failed', () => {
    // The Q3 2025 release prints Q2 2025 public cloud revenue 5,000 thousand higher (and so its nine months).
    const v = acceptLibrary(withQ3From({ 'income_statement.public_cloud_revenue|Q2-2025': 5000, 'income_statement.public_cloud_revenue|9M-2025': 5000 }));
    expect(v.verdicts.every((x) => x.verdict.accepted)).toBe(true);
    const lib = v.library!;
    const r = lib.restatements();
    expect(r.map((x) => x.metric)).toEqual(expect.arrayContaining(['public_cloud_revenue', 'total_revenues', 'gross_profit', 'net_loss', 'adj_ebitda']));
    for (const x of r) {
      expect([x.metric, x.period, x.currency, x.first.release.quarter, x.latest.release.quarter]).toEqual([x.metric, 'Q2-2025', 'RMB', 'Q2-2025', 'Q3-2025']);
      expect(x.first.line).toBeGreaterThan(0);
      expect(x.latest.line).toBeGreaterThan(0);
    }
    const rev = r.find((x) => x.metric === 'total_revenues')!;
    expect(str(rev.latest.value.sub(rev.first.value))).toBe('5000');
    expect(rev.first.release.form).toBe('html');
    expect(str(lib.get('total_revenues', 'Q2-2025').value)).toBe(str(rev.latest.value));
    expect(str(lib.getFirst('total_revenues', 'Q2-2025').value)).toBe(str(rev.first.value));
    expect(lib.source('total_revenues', 'Q2-2025')).toMatch(/RESTATED: first reported .* by the Q2-2025 release \(html\) \(line \d+\), .* by the Q3-2025 release \(text\) \(line \d+\)/);
    // The Q2 2025 release's six months were built on the old quarter: superseded and reported, not a failure.
    const s = lib.superseded().find((x) => x.metric === 'total_revenues')!;
    expect([s.period, s.release.quarter, s.because]).toEqual(['H1-2025', 'Q2-2025', 'Q2-2025']);
    expect(str(s.served.sub(s.value))).toBe('5000');
    expect(lib.superseded().every((x) => x.period === 'H1-2025')).toBe(true);
    expect(lib.source('total_revenues', 'H1-2025')).toMatch(/SUPERSEDED/);
    expect(lib.chainChecks().filter((c) => !c.pass)).toEqual([]);
    expect(v.ok).toBe(true);
  });

  test('what rests on a superseded figure follows its re-derived value: the sign-neutral ids, US$, ratios and LTM', () => {
    const lib = acceptLibrary(withQ3From({ 'income_statement.public_cloud_revenue|Q2-2025': 5000, 'income_statement.public_cloud_revenue|9M-2025': 5000 })).library!;
    const superseded = lib.superseded();
    expect(superseded.map((x) => x.metric)).toEqual(expect.arrayContaining(['net_loss', 'operating_loss', 'adj_net_loss', 'total_revenues']));
    for (const s of superseded) expect(str(lib.get(s.metric, s.period).value)).toBe(str(s.served));
    // The sign-neutral ids are the figures of the metric they name (net_income H1-2025 kept the superseded one).
    for (const [alias, target] of Object.entries(METRIC_ALIASES)) {
      for (const c of ['RMB', 'USD']) expect([alias, c, str(lib.get(alias, 'H1-2025', c).value)]).toEqual([alias, c, str(lib.get(target, 'H1-2025', c).value)]);
    }
    // LTM to Q2-2025 = FY-2024 + H1-2025 − H1-2024 when a quarter is missing, else the four quarters: either way, the
    // served figures (a library whose values are listed first answers the same).
    const again = acceptLibrary(withQ3From({ 'income_statement.public_cloud_revenue|Q2-2025': 5000, 'income_statement.public_cloud_revenue|9M-2025': 5000 })).library!;
    again.values();
    for (const m of ['total_revenues', 'net_loss', 'net_income', 'gross_margin', 'adj_ebitda']) {
      for (const p of ['H1-2025', 'LTM-Q2-2025', 'Q2-2025']) {
        for (const c of ['RMB', 'USD']) expect([m, p, c, str(again.get(m, p, c).value)]).toEqual([m, p, c, str(lib.get(m, p, c).value)]);
      }
    }
    // EPS per ADS (computed in the build) at the superseded period rests on the re-derived loss.
    expect(lib.superseded().map((x) => x.metric)).toContain('net_loss_attributable');
    const loss = lib.get('net_loss_attributable', 'H1-2025');
    expect(loss.origin).toBe('derived');
    expect(str(lib.get('eps_per_ads', 'H1-2025').value)).toBe(str(loss.value.mul(1000).mul(15).div(lib.get('weighted_shares', 'H1-2025').value)));
    const ltm = lib.get('total_revenues', 'LTM-Q2-2025');
    const parts = ltm.formula!.replace(/^LTM-Q2-2025 = /, '').split(/ ([+−]) /);
    let sum = lib.get('total_revenues', parts[0]).value;
    for (let i = 1; i < parts.length; i += 2) sum = parts[i] === '+' ? sum.add(lib.get('total_revenues', parts[i + 1]).value) : sum.sub(lib.get('total_revenues', parts[i + 1]).value);
    expect(str(ltm.value)).toBe(str(sum));
  });

  test('a year-to-date chain broken on purpose fails, naming both releases and lines', () => {
    // The Q3 2025 release's nine-month G&A is 777 thousand off its H1 + Q3; no release restates a quarter.
    const v = acceptLibrary(withQ3From({ 'income_statement.general_admin|9M-2025': -777 }));
    expect(v.verdicts.every((x) => x.verdict.accepted)).toBe(true);
    expect(v.ok).toBe(false);
    const lib = v.library!;
    expect(lib.restatements()).toEqual([]);
    const bad = lib.chainChecks().filter((c) => !c.pass);
    expect(bad.map((c) => c.id)).toEqual(expect.arrayContaining(['chain.ytd.general_admin', 'chain.ytd.total_operating_expenses', 'chain.ytd.net_loss']));
    for (const c of bad) {
      expect(c.period).toBe('9M-2025');
      expect(str(c.difference.abs())).toBe('777');
    }
    expect(bad.find((c) => c.id === 'chain.ytd.general_admin')!.name).toMatch(/general_admin 9M-2025 \(the Q3-2025 release \(text\), line \d+\) = H1-2025 \(the Q2-2025 release \(html\), line \d+\) \+ Q3-2025 \(the Q3-2025 release \(text\), line \d+\)/);
  });
});
