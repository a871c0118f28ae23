/**
 * The one period module (src/filing/periods.ts): typed periods (start, end, months), canonical ids, and every
 * generated spelling of the new forms (nine months, cumulative quarters, data-terminal forms) mapped to one
 * canonical period. Today's spellings are covered by test/model/periods.test.ts, through the model's parsePeriod.
 */
import { fiscalYear, half, instant, nineMonths, openingDate, periodEnding, periodOfId, periodOrder, priorYear, quarter, readPeriod, toDate, type Period } from '../../src/filing/periods';
import { parsePeriod, type Period as ModelPeriod } from '../../src/model/periods';

const YEARS = [2000, 2023, 2024, 2025, 2030, 2099];
const variants = (s: string) => [s, s.toLowerCase(), ` ${s} `, `\t${s}\n`];
const yy = (y: number) => String(y).slice(2);

function expectShape(p: Period): void {
  // start is the first day of the month `months` months before the month after end
  const [ey, em] = p.end.split('-').map(Number);
  const [sy, sm, sd] = p.start.split('-').map(Number);
  expect(sd).toBe(1);
  expect(ey * 12 + em - (sy * 12 + sm) + 1).toBe(p.months);
}

describe('typed periods', () => {
  test.each(YEARS)('%i: quarters, halves, nine months, year: start, end, months, ids, labels', (y) => {
    const cases: [Period, string, string, string, number, string][] = [
      [quarter(1, y), `Q1-${y}`, `${y}-01-01`, `${y}-03-31`, 3, `Three months ended Mar 31, ${y}`],
      [quarter(2, y), `Q2-${y}`, `${y}-04-01`, `${y}-06-30`, 3, `Three months ended Jun 30, ${y}`],
      [quarter(3, y), `Q3-${y}`, `${y}-07-01`, `${y}-09-30`, 3, `Three months ended Sep 30, ${y}`],
      [quarter(4, y), `Q4-${y}`, `${y}-10-01`, `${y}-12-31`, 3, `Three months ended Dec 31, ${y}`],
      [half(1, y), `H1-${y}`, `${y}-01-01`, `${y}-06-30`, 6, `Six months ended Jun 30, ${y}`],
      [half(2, y), `H2-${y}`, `${y}-07-01`, `${y}-12-31`, 6, `Six months ended Dec 31, ${y}`],
      [nineMonths(y), `9M-${y}`, `${y}-01-01`, `${y}-09-30`, 9, `Nine months ended Sep 30, ${y}`],
      [fiscalYear(y), `FY-${y}`, `${y}-01-01`, `${y}-12-31`, 12, `Year ended Dec 31, ${y}`],
    ];
    for (const [p, id, start, end, months, label] of cases) {
      expect({ id: p.id, start: p.start, end: p.end, months: p.months, label: p.label }).toEqual({ id, start, end, months, label });
      expectShape(p);
      expect(readPeriod(p.id)).toEqual(p); // the canonical id reads back as itself
      expect(periodEnding(p.months, p.end)?.id).toBe(p.kind === 'half' && p.index === 2 ? `H2-${y}` : p.id);
    }
    const i = instant(`${y}-06-30`);
    expect(i).toMatchObject({ id: `${y}-06-30`, kind: 'instant', start: `${y}-06-30`, end: `${y}-06-30`, months: 0 });
    expect(periodEnding(0, `${y}-06-30`)?.id).toBe(`${y}-06-30`);
  });

  test('headers that name no period of a calendar year are refused', () => {
    expect(periodEnding(6, '2024-03-31')).toBeUndefined();
    expect(periodEnding(9, '2024-06-30')).toBeUndefined();
    expect(periodEnding(12, '2024-06-30')).toBeUndefined();
    expect(periodEnding(3, '2024-05-31')).toBeUndefined();
    expect(periodEnding(0, '2024-02-30')).toBeUndefined();
    expect(periodEnding(4, '2024-12-31')).toBeUndefined();
  });

  test('prior year and order', () => {
    expect(priorYear(nineMonths(2024)).id).toBe('9M-2023');
    const sorted = [fiscalYear(2024), nineMonths(2024), quarter(3, 2024), half(1, 2024), instant('2024-06-30'), quarter(2, 2024)].sort((a, b) =>
      periodOrder(a) < periodOrder(b) ? -1 : 1,
    );
    expect(sorted.map((p) => p.id)).toEqual(['2024-06-30', 'Q2-2024', 'H1-2024', 'Q3-2024', '9M-2024', 'FY-2024']);
  });

  test('the model re-exports the same module', () => {
    const p: ModelPeriod = parsePeriod('9M24');
    expect(p).toEqual(nineMonths(2024));
  });
});

describe('generated spellings of the new forms', () => {
  const ACCEPTED: [string, string][] = [];
  for (const y of YEARS) {
    for (const q of [1, 2, 3, 4]) {
      for (const f of [`FQ${q} ${y}`, `FQ${q}-${y}`, `FQ${q}${y}`, `FQ${q}'${yy(y)}`, `${y}Q${q}`, `${y}-Q${q}`, `${y} Q${q}`, `${y}_Q${q}`, `${y}FQ${q}`, `Q${q}_${y}`, `Q${q}_${yy(y)}`]) {
        for (const v of variants(f)) ACCEPTED.push([v, `Q${q}-${y}`]);
      }
    }
    for (const f of [`9M-${y}`, `9M ${y}`, `9M${y}`, `9M${yy(y)}`, `9M'${yy(y)}`, `9M-${yy(y)}`, `Q1-Q3 ${y}`, `Q1–Q3 ${y}`, `Q1 - Q3 ${y}`, `Q1-Q3-${y}`, `Q1-Q3'${yy(y)}`]) {
      for (const v of variants(f)) ACCEPTED.push([v, `9M-${y}`]);
    }
    for (const v of variants(`Q1-Q2 ${y}`)) ACCEPTED.push([v, `H1-${y}`]);
    for (const v of variants(`Q1-Q4 ${y}`)) ACCEPTED.push([v, `FY-${y}`]);
    for (const v of variants(`H2_${y}`)) ACCEPTED.push([v, `H2-${y}`]);
  }

  // Four-digit years from 1990; two-digit years are this century.
  ACCEPTED.push(['9M-1990', '9M-1990'], ['Q1-Q3 1990', '9M-1990'], ['1990Q1', 'Q1-1990'], ['FQ4 1990', 'Q4-1990']);
  test(`${ACCEPTED.length} spellings`, () => expect(ACCEPTED.length).toBeGreaterThan(500));

  test('each maps to its canonical period, typed', () => {
    for (const [text, id] of ACCEPTED) {
      const p = readPeriod(text);
      expect([text, p?.id]).toEqual([text, id]);
      expectShape(p!);
      expect(parsePeriod(text).id).toBe(id); // and through the model
    }
  });

  test('near misses are refused', () => {
    const bad = ['9M', 'Q1-Q3', 'Q2-Q3 2024', 'Q1-Q5 2024', 'FQ5 2024', '2024Q5', '2024-Q0', 'Q2__2024', '3M-2024', '12M-2024', '8M24', 'FQ2', '2024 Q 2', 'Q1-Q3 1989', '9M-2100', 'FY-Q2 2024'];
    for (const t of bad) expect([t, readPeriod(t)]).toEqual([t, undefined]);
  });
});

describe('ids, the dates a period opens from, years to date', () => {
  // Every period of the years, by its constructor: what other modules use instead of spelling ids themselves.
  const all = YEARS.flatMap((y) => [1, 2, 3, 4].map((q) => quarter(q, y)).concat([half(1, y), half(2, y), nineMonths(y), fiscalYear(y), instant(`${y}-06-30`)]));

  test('periodOfId gives each canonical id its period (the same object), and nothing for any other spelling', () => {
    for (const p of all) expect(periodOfId(p.id)).toBe(p);
    for (const text of ['Q2 2024', 'q2-2024', '2Q24', 'FY2024', 'H1-24', 'Q5-2024', 'Q2-1989', 'Q2-2100', '2024-06-31', 'LTM-Q2-2024', ' Q2-2024']) {
      expect(periodOfId(text)).toBeUndefined();
    }
    expect(readPeriod('Q2 2024')).toBe(quarter(2, 2024)); // readPeriod takes the spellings
  });

  test('openingDate is the day before the period starts', () => {
    for (const p of all.filter((x) => x.kind !== 'instant')) {
      const [y, m, d] = p.start.split('-').map(Number);
      const eve = new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
      expect([p.id, openingDate(p)]).toEqual([p.id, eve]);
    }
    expect(openingDate(quarter(1, 2024))).toBe('2023-12-31');
    expect(openingDate(nineMonths(2024))).toBe('2023-12-31');
    expect(openingDate(quarter(3, 2024))).toBe('2024-06-30');
  });

  test('toDate(n, y) is the year to date of n quarters, ending with the n-th', () => {
    for (const y of YEARS) {
      expect([1, 2, 3, 4].map((n) => toDate(n, y))).toEqual([quarter(1, y), half(1, y), nineMonths(y), fiscalYear(y)]);
      for (let n = 1; n <= 4; n++) expect([toDate(n, y).start, toDate(n, y).end, toDate(n, y).months]).toEqual([`${y}-01-01`, quarter(n, y).end, 3 * n]);
    }
  });
});
