import { SHIPPED_RELEASE_TEXT } from '../../src/filing/shipped';
import { getShippedModel } from '../../src/model/shipped';
import { judge, truthOf, UNDETECTABLE, type Mutant } from '../support/mutation';

/**
 * Each class the README lists as undetectable, shown by one hand-made edit: accepted by every check, a figure
 * changed, and classified as that class (and nothing broader: the same edit one step further is refused).
 */
const truth = truthOf(getShippedModel());

function edited(from: string, to: string): Mutant {
  expect(SHIPPED_RELEASE_TEXT.split(from)).toHaveLength(2);
  const line = SHIPPED_RELEASE_TEXT.slice(0, SHIPPED_RELEASE_TEXT.indexOf(from)).split('\n').length;
  return { kind: 'prose_digit', index: 0, text: SHIPPED_RELEASE_TEXT.replace(from, to), what: `${from} → ${to}`, lines: [line] };
}

function swappedRows(a: string, b: string): Mutant {
  const lines = SHIPPED_RELEASE_TEXT.split('\n');
  const i = lines.findIndex((l) => l.startsWith(a + '\t'));
  const j = lines.findIndex((l) => l.startsWith(b + '\t'));
  const fig = (l: string) => l.slice(l.indexOf('\t'));
  [lines[i], lines[j]] = [a + fig(lines[j]), b + fig(lines[i])];
  return { kind: 'rows_swapped', index: 0, text: lines.join('\n'), what: `${a} ↔ ${b}`, lines: [i + 1, j + 1], rows: [a, b] };
}

// [class, the edit that is beyond every check, an edit of the same figure that a check refuses]
const CASES: [string, Mutant, Mutant][] = [
  ['two rows swapped inside one sum, stated nowhere else', swappedRows('Accounts receivable, net', 'Amounts due from related parties'), swappedRows('Cash and cash equivalents', 'Accounts receivable, net')],
  ['weighted-average share counts within EPS rounding', edited('3,554,529,097', '3,554,529,597'), edited('3,554,529,097', '9,554,529,097')],
  ['ordinary share count within the ADS rounding', edited('3,596,874,352', '3,596,874,350'), edited('3,596,874,352', '3,596,874,353')],
  ['cash at the previous quarter end within the cash-flow balance', edited('RMB1,881.7 million', 'RMB1,781.7 million'), edited('RMB1,881.7 million', 'RMB2,881.7 million')],
  ['AI revenue within its approximate share', edited('AI revenue of RMB326 million', 'AI revenue of RMB327 million'), edited('AI revenue of RMB326 million', 'AI revenue of RMB356 million')],
  ['prior-year cost components within the stated growth rate', edited('from RMB860.7 million', 'from RMB860.8 million'), edited('from RMB860.7 million', 'from RMB866.7 million')],
];

test('the cases cover every listed class', () => {
  expect(CASES.map(([c]) => c).sort()).toEqual(UNDETECTABLE.map((u) => u.name).sort());
});

test.each(CASES)('%s: accepted with a changed figure, classified as such; further, refused', (cls, beyond, caught) => {
  const v = judge(beyond, truth);
  expect([v.outcome, v.why]).toEqual(['undetectable', cls]);
  expect(v.changed.length).toBeGreaterThan(0);
  expect(judge(caught, truth).outcome).toBe('refused');
});
