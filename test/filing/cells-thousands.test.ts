/**
 * readCell reads a figure in thousands in one pass over its characters for the common shapes (1,234 and (1,234));
 * over generated texts — well-formed figures, smeared dashes, misplaced commas and parentheses, dots, spaces, long
 * figures — it gives exactly the reading of the release's rules written as regular expressions (below).
 */
import Decimal from 'decimal.js';
import { readCell, type CellReading } from '../../src/filing/cells';

const THOUSANDS = /^\(?\d{1,3}(?:,\d{3})*\)?$/;
const SMEARED_DASH = /^\(?(?:0\d{2}(?:,\d{3})+|,\d{3})\)?$/;

/** The reading of a text the rules make a figure, or undefined when they make something else of it. */
function byTheRules(text: string): Decimal | undefined {
  const t = text.trim();
  if (t === '' || t.startsWith('(') !== t.endsWith(')')) return undefined;
  const neg = t.startsWith('(') && t.endsWith(')');
  if (!neg && /[()]/.test(t)) return undefined;
  if (!THOUSANDS.test(t) || SMEARED_DASH.test(t)) return undefined;
  const digits = (neg ? t.slice(1, -1) : t).replace(/,/g, '');
  const v = new Decimal(digits);
  return neg ? v.neg() : v;
}

function* texts(): Generator<string> {
  const fixed = ['0', '00', '000', '(0)', '0,123', '000,123', '012,345', '(012,345)', ',123', '1,23', '1,2345', '12,345,678', '9,999,999', '10,000,000', '123,456,789,012,345,678', '1.234', '(1,234', '1,234)', '()', '(', ')', '-', ' 1,234 ', '1 234', '1,234%', '(1,234))', '((1,234)', '1,,234', '1234', '1,234,', ',', ''];
  yield* fixed;
  let x = 7;
  const next = (n: number) => (x = (x * 1103515245 + 12345) % 2147483648) % n;
  const alphabet = '0123456789,,,()  .9';
  for (let i = 0; i < 20000; i++) {
    if (i % 2 === 0) {
      // A well-formed figure, sometimes bracketed, sometimes with a zero leading it.
      const n = next(3) === 0 ? next(1000) : next(100000000);
      const body = (next(5) === 0 ? '0' : '') + n.toLocaleString('en-US');
      yield next(2) === 0 ? `(${body})` : body;
    } else {
      let s = '';
      const len = 1 + next(12);
      for (let k = 0; k < len; k++) s += alphabet[next(alphabet.length)];
      yield s;
    }
  }
}

function figureOf(r: CellReading): Decimal | undefined {
  return r.kind === 'number' ? r.value : undefined;
}

test.each(['thousands', 'shares'] as const)('readCell(text, %s) reads a figure exactly where and as the rules do', (format) => {
  let figures = 0;
  for (const t of texts()) {
    const want = byTheRules(t);
    const got = readCell(t, format);
    if (want === undefined) {
      // Not a figure by these rules: a dash, an empty cell, a suspect or garbage — never a figure of these shapes.
      if (got.kind === 'number' && !got.dash) throw new Error(`"${t}" read as ${got.value}, the rules make no figure of it`);
      continue;
    }
    const v = figureOf(got);
    if (!v || !v.eq(want) || v.isNeg() !== want.isNeg() || Object.is(v.toNumber(), -0) !== Object.is(want.toNumber(), -0)) {
      throw new Error(`"${t}" read as ${v}, the rules read ${want}`);
    }
    figures++;
  }
  expect(figures).toBeGreaterThan(10000);
});
