/**
 * `kc-model check --json`: the shape stays (fields added only); each fact carries its period typed by the period
 * module (canonical id, kind, start, end, months) and the release it came from (quarter, release date, form, rate).
 * On the shipped Q2 2024 text and on a SYNTHETIC third-quarter release in its EDGAR HTML form.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main } from '../../src/cli/kc-model';
import { SHIPPED_RELEASE_TEXT } from '../../src/filing/shipped';

async function json(...argv: string[]) {
  let out = '';
  const code = await main(argv, (s) => (out += s + '\n'), () => undefined);
  return { code, j: JSON.parse(out) };
}

const dir = mkdtempSync(join(tmpdir(), 'kc-json-'));

describe('check --json: each fact with its period and its release', () => {
  test('the shipped text: Q2-2024, released 2024-08-20, a text, at 7.2672', async () => {
    const file = join(dir, 'release.txt');
    writeFileSync(file, SHIPPED_RELEASE_TEXT);
    const { code, j } = await json('check', file, '--json');
    expect(code).toBe(0);
    expect(Object.keys(j)).toEqual(['company', 'quarter', 'ok', 'release', 'facts', 'repairs', 'checks', 'issues']);
    const release = { quarter: 'Q2-2024', date: '2024-08-20', form: 'text', rate: '7.2672' };
    expect(j.release).toEqual(release);
    expect(j.facts).toHaveLength(592);
    for (const f of j.facts) expect(f.release).toEqual(release);
    const h1 = j.facts.find((f: { row: string; period: string }) => f.row === 'total_revenues' && f.period === 'H1-2024');
    expect(h1).toMatchObject({ table: 'income_statement', value: '3667464', periodId: 'H1-2024', periodSpan: { id: 'H1-2024', kind: 'half', start: '2024-01-01', end: '2024-06-30', months: 6 } });
    const bs = j.facts.find((f: { row: string; period: string }) => f.row === 'cash' && f.period === '2023-12-31');
    expect(bs.periodSpan).toEqual({ id: '2023-12-31', kind: 'instant', start: '2023-12-31', end: '2023-12-31', months: 0 });
  });

  test('a synthetic Q3 2024 release as EDGAR HTML: its quarter, date, form and rate; nine-month facts typed', async () => {
    const html = readFileSync(join(__dirname, '..', 'releases', 'synthetic-q3-2024-edgar-html', 'input.htm'));
    const file = join(dir, 'exhibit.bin');
    writeFileSync(file, html);
    const { code, j } = await json('check', file, '--json');
    expect(code).toBe(0);
    expect(j.release).toEqual({ quarter: 'Q3-2024', date: '2024-11-19', form: 'html', rate: '7.0176' });
    const nine = j.facts.find((f: { row: string; period: string; currency: string }) => f.row === 'total_revenues' && f.period === '9M-2024' && f.currency === 'USD');
    expect(nine.periodSpan).toEqual({ id: '9M-2024', kind: 'nine_months', start: '2024-01-01', end: '2024-09-30', months: 9 });
    expect(nine.release.form).toBe('html');
  });
});
