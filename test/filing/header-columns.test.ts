/**
 * Columns read from the printed headers, for every quarter type: Q1 (three months), Q2 (plus six months), Q3 (plus
 * nine months), Q4 (plus the year, "Year Ended" or "Twelve Months Ended"), the balance sheet's dates; with the
 * header printed as the forms print it (dates on one line, days and years on two lines, a currency row, currencies
 * in the date cells, no currency row in margin tables). Generated headers, asserted column by column. And, on the
 * shipped release in its forms, the headers of every legible table read as the layout's columns.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { layouts, releasePeriods } from '../../src/filing/layout';
import { blocks } from '../../src/filing/tables';
import { readHeaderColumns, type HeaderColumn } from '../../src/filing/header-columns';

const MON = ['Mar 31', 'Jun 30', 'Sep 30', 'Dec 31'];
interface Col {
  date: string; // "Jun 30, 2024"
  id: string;
  currency: 'RMB' | 'USD' | null;
}
interface Group {
  word: string;
  cols: Col[];
}

/** The income-statement columns of a quarter-q release of year y, as KC prints them. */
function incomeGroups(q: number, y: number, fy: 'Year Ended' | 'Twelve Months Ended', usd: boolean): Group[] {
  const end = (qq: number, yy: number) => `${MON[qq - 1]}, ${yy}`;
  const pq = q === 1 ? 4 : q - 1;
  const pqy = q === 1 ? y - 1 : y;
  const three: Col[] = [
    { date: end(q, y - 1), id: `Q${q}-${y - 1}`, currency: 'RMB' },
    { date: end(pq, pqy), id: `Q${pq}-${pqy}`, currency: 'RMB' },
    { date: end(q, y), id: `Q${q}-${y}`, currency: 'RMB' },
    ...(usd ? [{ date: end(q, y), id: `Q${q}-${y}`, currency: 'USD' as const }] : []),
  ];
  const groups: Group[] = [{ word: 'Three Months Ended', cols: three }];
  const ytd = q === 2 ? ['Six Months Ended', 'H1'] : q === 3 ? ['Nine Months Ended', '9M'] : q === 4 ? [fy, 'FY'] : undefined;
  if (ytd) {
    groups.push({
      word: ytd[0],
      cols: [
        { date: end(q, y - 1), id: `${ytd[1]}-${y - 1}`, currency: 'RMB' },
        { date: end(q, y), id: `${ytd[1]}-${y}`, currency: 'RMB' },
        ...(usd ? [{ date: end(q, y), id: `${ytd[1]}-${y}`, currency: 'USD' as const }] : []),
      ],
    });
  }
  return groups;
}

type Style = 'one line' | 'days and years' | 'currency in the date cell';

/** Header lines (tab-separated, empty label cell) in one of the forms' styles. */
function headerLines(groups: Group[], style: Style, currencyRow: boolean): string[] {
  const cols = groups.flatMap((g) => g.cols);
  const cur = (c: Col) => (c.currency === 'USD' ? 'US$' : 'RMB');
  const lines = [`\t${groups.map((g) => g.word).join('\t')}`];
  if (style === 'days and years') {
    lines.push(`\t${cols.map((c) => c.date.split(', ')[0] + ',').join('\t')}`, `\t${cols.map((c) => c.date.split(', ')[1]).join('\t')}`);
  } else if (style === 'currency in the date cell') {
    lines.push(`\t${cols.map((c) => `${c.date} ${cur(c)}`).join('\t')}`);
    return lines;
  } else lines.push(`\t${cols.map((c) => c.date).join('\t')}`);
  if (currencyRow) lines.push(`\t${cols.map(cur).join('\t')}`);
  return lines;
}

const cases: [string, string[], string[]][] = [];
for (const y of [2023, 2024, 2025, 2026]) {
  for (const q of [1, 2, 3, 4]) {
    for (const fy of ['Year Ended', 'Twelve Months Ended'] as const) {
      if (fy === 'Twelve Months Ended' && q !== 4) continue;
      for (const style of ['one line', 'days and years', 'currency in the date cell'] as Style[]) {
        const statement = incomeGroups(q, y, fy, true);
        cases.push([`Q${q} ${y} statement, ${fy}, ${style}`, headerLines(statement, style, true), statement.flatMap((g) => g.cols.map((c) => `${c.id} ${c.currency}`))]);
        if (style === 'currency in the date cell') continue;
        const margins = incomeGroups(q, y, fy, false);
        cases.push([`Q${q} ${y} margin table (no currency), ${fy}, ${style}`, headerLines(margins, style, false), margins.flatMap((g) => g.cols.map((c) => `${c.id} null`))]);
      }
    }
    // The balance sheet: the prior year end and the quarter end, with or without "As of".
    const bs = [`Dec 31, ${y - 1}`, `${MON[q - 1]}, ${y}`, `${MON[q - 1]}, ${y}`];
    const iso = [`${y - 1}-12-31`, `${y}-${['03-31', '06-30', '09-30', '12-31'][q - 1]}`];
    const want = [`${iso[0]} RMB`, `${iso[1]} RMB`, `${iso[1]} USD`];
    cases.push([`Q${q} ${y} balance sheet, "As of"`, ['\tAs of', `\t${bs.join('\t')}`, '\tRMB\tRMB\tUS$'], want]);
    cases.push([`Q${q} ${y} balance sheet, dates only`, [`\t${bs.join('\t')}`, '\tRMB\tRMB\tUS\\$'], want]);
  }
}

describe('columns from the printed headers', () => {
  test(`${cases.length} generated headers`, () => expect(cases.length).toBeGreaterThan(100));

  test.each(cases)('%s', (_, lines, want) => {
    const cols = readHeaderColumns(lines) as HeaderColumn[];
    expect(cols.map((c) => `${c.period.id} ${c.currency}`)).toEqual(want);
    for (const c of cols) {
      expect(c.period.months).toBe(c.period.kind === 'instant' ? 0 : { quarter: 3, half: 6, nine_months: 9, year: 12 }[c.period.kind as string]);
    }
  });

  test('headers that do not tell every column are not guessed', () => {
    // Two duration words and dates that never go back in time, without a currency row: which column is which?
    expect(readHeaderColumns(['\tThree Months Ended\tSix Months Ended', '\tJun 30, 2024\tJun 30, 2024'])).toBeUndefined();
    // Three duration words for two groups of dates; a currency row of another length.
    expect(readHeaderColumns(['\tThree Months Ended\tSix Months Ended\tNine Months Ended', '\tJun 30, 2023\tJun 30, 2024'])).toBeUndefined();
    expect(readHeaderColumns(['\tThree Months Ended', '\tJun 30, 2024\tJun 30, 2024', '\tRMB'])).toBeUndefined();
    expect(readHeaderColumns(['\tnothing here'])).toBeUndefined();
    // Words and dates that name no period are a problem, said as such.
    expect(readHeaderColumns(['\tThree Months Ended', '\tMay 31, 2024'])).toEqual({ problem: '"Three Months Ended May 31, 2024" names no period' });
    expect(readHeaderColumns(['\tSix Months Ended', '\tMar 31, 2024'])).toEqual({ problem: '"Six Months Ended Mar 31, 2024" names no period' });
  });
});

describe('the shipped release\'s headers, in its forms', () => {
  const LAYOUTS = layouts(releasePeriods(2, 2024));
  const CASES = join(__dirname, '..', 'releases');
  test.each(['q2-2024-ocr-text', 'q2-2024-browser-copy', 'q2-2024-newswire-copy', 'q2-2024-pdftotext-layout'])('%s: every header that can be read names its layout\'s columns', async (c) => {
    const { nodeFormReaders } = await import('../../src/filing/node-readers');
    const { readReleaseInput } = await import('../../src/filing/read-input');
    const text = (await readReleaseInput(readFileSync(join(CASES, c, 'input.txt')), nodeFormReaders)).source as string;
    const read: string[][] = [];
    for (const b of blocks(text.split('\n'))) {
      const first = b.lines.findIndex((l) => /\t.*\d/.test(l) && !/^\s/.test(l) && !/^(Revenues|ASSETS)/.test(l));
      if (first <= 0) continue;
      const cols = readHeaderColumns(b.lines.slice(0, first));
      if (Array.isArray(cols)) read.push(cols.map((k) => `${k.period.id} ${k.currency ?? ''}`.trim()));
    }
    const want = (id: string) => LAYOUTS.find((l) => l.id === id)!.columns.map((k) => `${k.period} ${k.currency ?? ''}`.trim());
    // The statements and the non-GAAP reconciliation print legible headers in every form.
    for (const id of ['balance_sheet', 'income_statement', 'ebitda_reconciliation', 'cash_flow']) expect([id, read.some((r) => r.join('|') === want(id).join('|'))]).toEqual([id, true]);
  });
});
