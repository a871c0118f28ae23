/**
 * A release given as two exhibits (as KC filed Q1 2023: the press release as Exhibit 99.1, its financial statements
 * as Exhibit 99.2), on a SYNTHETIC release (invented figures, made by test/support/release-render/synthetic.ts) split
 * in two at its first statement: each part alone is refused; the pair, recognised by content, reads as the whole
 * release, in text and in EDGAR-style HTML, and the CLI reads the two files as one release.
 */
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main } from '../../src/cli/kc-model';
import { parseRelease } from '../../src/filing';
import { exhibitPart, joinExhibits, type ExhibitSource } from '../../src/filing/exhibits';
import { nodeFormReaders } from '../../src/filing/node-readers';
import { readReleaseInput } from '../../src/filing/read-input';
import { acceptRelease } from '../../src/model/gate';
import { gridLines } from '../support/release-render/grid-tsv';
import { renderEdgarHtml, renderSource } from '../support/release-render/html';
import { consistentRelease, SYNTHETIC_NOTE, type SyntheticSpec } from '../support/release-render/synthetic';

const accepted = (t: string) => acceptRelease(t).accepted;
const Q1_2023: SyntheticSpec = { q: 1, year: 2023, rate: '6.8676' };
const whole = consistentRelease(Q1_2023, accepted).text;
const TITLE = 'KINGSOFT CLOUD HOLDINGS LIMITED UNAUDITED CONDENSED CONSOLIDATED BALANCE SHEETS';
const lines = whole.split('\n');
const at = lines.findIndex((l) => l.startsWith(TITLE));
const press = lines.slice(0, at).join('\n').trimEnd() + '\n';
const tables = `${SYNTHETIC_NOTE} Exhibit 99.2\n\n${lines.slice(at).join('\n')}`;
const src = (name: string, text: string): ExhibitSource => ({ name, text, form: 'text', repairs: [] });
const grid = (text: string) => gridLines(parseRelease(text));

describe('two exhibits of one release', () => {
  test('each alone is refused: the press release has no statements, the statements no headline', () => {
    const codes = (t: string) => parseRelease(t).issues.filter((i) => i.severity === 'error').map((i) => i.code);
    expect(codes(press)).toContain('layout.table_missing');
    expect(codes(tables)).toEqual(['release.not_kc']);
  });

  test('recognised by content: the press release by its headline, the statements by their figures and dates', () => {
    expect(exhibitPart(press)).toEqual({ part: 'press_release', quarter: 'Q1-2023' });
    expect(exhibitPart(tables)).toEqual({ part: 'tables', quarter: 'Q1-2023' });
    expect(exhibitPart(whole)).toBeUndefined();
  });

  test('joined, in either order and among other files: one release, the whole grid, accepted', () => {
    const other = src('other.txt', consistentRelease({ q: 3, year: 2024, rate: '7.0176' }, accepted).text);
    for (const order of [[src('t.txt', tables), other, src('p.txt', press)], [src('p.txt', press), src('t.txt', tables), other]]) {
      const out = joinExhibits(order);
      expect(out.map((s) => s.name)).toEqual(order[0].name === 't.txt' ? ['other.txt', 'p.txt + t.txt'] : ['p.txt + t.txt', 'other.txt']);
      const joined = out.find((s) => s.name === 'p.txt + t.txt')!.text as string;
      expect(grid(joined)).toEqual(grid(whole));
      expect(acceptRelease(joined).accepted).toBe(true);
    }
  });

  test('not joined across quarters, nor when a quarter has two candidate statements', () => {
    const q2Press = press.replace(/First Quarter 2023/g, 'Second Quarter 2023');
    expect(joinExhibits([src('p.txt', q2Press), src('t.txt', tables)]).map((s) => s.name)).toEqual(['p.txt', 't.txt']);
    expect(joinExhibits([src('p.txt', press), src('t1.txt', tables), src('t2.txt', tables)]).map((s) => s.name)).toEqual(['p.txt', 't1.txt', 't2.txt']);
  });

  test('as EDGAR HTML exhibits: read by their reader, joined, the whole grid', async () => {
    const source = renderSource(whole);
    const first = source.parts.findIndex((p) => p.kind === 'prose' && p.block.lines.some((l) => l.startsWith(TITLE)));
    const html = (parts: typeof source.parts) => renderEdgarHtml({ ...source, parts });
    const read = async (name: string, h: string) => {
      const r = await readReleaseInput(new TextEncoder().encode(h), nodeFormReaders);
      return { name, text: r.source, form: r.form, repairs: r.repairs };
    };
    const pair = [await read('ex99-1.htm', html(source.parts.slice(0, first))), await read('ex99-2.htm', html(source.parts.slice(first)))];
    const out = joinExhibits(pair);
    expect(out.map((s) => `${s.name} ${s.form}`)).toEqual(['ex99-1.htm + ex99-2.htm html']);
    expect(grid(out[0].text as string)).toEqual(grid(whole));
  });

  test('kc-model check: the two files are one release, accepted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kc-exhibits-'));
    writeFileSync(join(dir, 'ex99-1.txt'), press);
    writeFileSync(join(dir, 'ex99-2.txt'), tables);
    let out = '';
    const code = await main(['check', join(dir, 'ex99-1.txt'), join(dir, 'ex99-2.txt')], (s) => (out += s + '\n'), () => undefined);
    expect(out).toMatch(/Library: 1 of 1 releases accepted \(Q1-2023 text\)/);
    expect(code).toBe(0);
    const folder = await main(['check', dir], () => undefined, () => undefined);
    expect(folder).toBe(0);
  });
});
