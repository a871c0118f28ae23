import { CustomFunctionsError, installGlobalRuntime } from '../support/custom-functions-runtime';
import { SHIPPED_RELEASE_TEXT } from '../../src/filing/shipped';
import { fetchReleaseModel, setModelLoader } from '../../src/model/shared';

installGlobalRuntime();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const KC = require('../../src/functions/functions') as typeof import('../../src/functions/functions');

/** The shipped release with cash and restricted cash exchanged on the balance sheet (each row's figures). */
function swapped(): string {
  const lines = SHIPPED_RELEASE_TEXT.split('\n');
  const a = lines.findIndex((l) => l.startsWith('Cash and cash equivalents\t'));
  const figures = (l: string) => l.slice(l.indexOf('\t'));
  [lines[a], lines[a + 1]] = ['Cash and cash equivalents' + figures(lines[a + 1]), 'Restricted cash' + figures(lines[a])];
  return lines.join('\n');
}

async function call(fn: () => unknown): Promise<{ value?: unknown; error?: string; message?: string }> {
  try {
    return { value: await fn() };
  } catch (e) {
    if (e instanceof CustomFunctionsError) return { error: e.code, message: e.message };
    throw e;
  }
}

describe('a release the gate refuses serves nothing', () => {
  beforeAll(() => {
    // The add-in's own loader: the release text fetched from the add-in's origin, then the gate.
    const text = swapped();
    globalThis.fetch = (async () => new Response(text, { status: 200 })) as typeof fetch;
    setModelLoader(() => fetchReleaseModel());
  });

  const CALLS: [string, () => unknown][] = [
    ['METRIC', () => KC.metric('cash', '2024-06-30')],
    ['METRIC (a figure the edit does not touch)', () => KC.metric('total_revenues', 'Q2-2024')],
    ['REVENUE', () => KC.revenue('Q2-2024')],
    ['GROSS_PROFIT', () => KC.grossProfit('Q2-2024')],
    ['ADJ_GROSS_PROFIT', () => KC.adjGrossProfit('Q2-2024')],
    ['NET_LOSS', () => KC.netLoss('Q2-2024')],
    ['ADJ_NET_LOSS', () => KC.adjNetLoss('Q2-2024')],
    ['ADJ_EBITDA', () => KC.adjEbitda('Q2-2024', 'USD')],
    ['NORMALIZED_ADJ_EBITDA', () => KC.normalizedAdjEbitda('Q2-2024')],
    ['GROSS_MARGIN', () => KC.grossMargin('Q2-2024')],
    ['ADJ_GROSS_MARGIN', () => KC.adjGrossMargin('Q2-2024')],
    ['ADJ_EBITDA_MARGIN', () => KC.adjEbitdaMargin('Q2-2024')],
    ['GROWTH', () => KC.growth('total_revenues', 'Q2-2024')],
    ['SOURCE', () => KC.source('cash', '2024-06-30')],
    ['PERIODS', () => KC.periods()],
    ['METRICS', () => KC.metrics()],
    ['FX_RATE', () => KC.fxRate()],
    ['SERIES', () => KC.series('total_revenues', 'Q1-2024', 'Q2-2024')],
    ['TABLE', () => KC.table([['total_revenues']], [['Q2-2024']])],
    ['RELEASES', () => KC.releases()],
    ['RESTATEMENTS', () => KC.restatements()],
  ];

  test('every function is exported here', () => {
    const exported = Object.entries(KC).filter(([, v]) => typeof v === 'function').length;
    expect(CALLS.map(([n]) => n).filter((n) => !n.includes('('))).toHaveLength(exported);
  });

  test.each(CALLS)('%s gives #N/A naming the failing check and its line', async (_, fn) => {
    const r = await call(fn);
    expect(r.error).toBe('#N/A');
    expect(r.message).toMatch(/release refused by check prose\.cash \(line 80\): Cash and cash equivalents/);
    expect(r.message!.length).toBeLessThanOrEqual(255);
  });
});
