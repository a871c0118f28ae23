import { BoundedMemo } from '../../src/filing/bounded-memo';

test('a bounded memo keeps what it is given, starts over past its limit, and tells a kept undefined from none', () => {
  const memo = new BoundedMemo<string, number | undefined>(3);
  expect(memo.keep('a', 1)).toBe(1);
  memo.keep('b', undefined);
  expect([memo.get('a'), memo.has('b'), memo.has('c')]).toEqual([1, true, false]);
  memo.keep('c', 3);
  // A fourth key: the table starts over, holding that key only.
  memo.keep('d', 4);
  expect([memo.has('a'), memo.has('b'), memo.has('c'), memo.get('d')]).toEqual([false, false, false, 4]);
});
