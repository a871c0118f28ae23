import { readSelection, splitAddress, watchSelection } from '../../src/excel/selection';
import type { Runner } from '../../src/excel/refresh-tabs';
import { FakeWorkbook } from '../support/fake-workbook';

test('addresses as Excel returns them: quoted sheet names (with doubled quotes), plain names, ranges to their top-left cell', () => {
  expect(splitAddress("'KC Income Statement'!D12")).toEqual({ tab: 'KC Income Statement', address: 'D12' });
  expect(splitAddress("'Bob''s model'!$B$3:$C$9")).toEqual({ tab: "Bob's model", address: 'B3' });
  expect(splitAddress('Sheet1!A1')).toEqual({ tab: 'Sheet1', address: 'A1' });
});

test('each selection change is one read of one sync; the handler is registered once', async () => {
  const book = new FakeWorkbook();
  book.addUserSheet('KC Tab', { D5: '=SUM(D1:D4)' });
  const run: Runner = (b) => b(book.context() as unknown as Excel.RequestContext);
  const seen: unknown[] = [];
  await watchSelection(run, () => void readSelection(run).then((s) => seen.push(s)));
  const syncs = book.syncs;
  await book.select('KC Tab', 'D5:E6');
  await new Promise((r) => setTimeout(r, 0));
  expect(seen).toEqual([{ tab: 'KC Tab', address: 'D5', formula: '=SUM(D1:D4)' }]);
  expect(book.syncs - syncs).toBe(1);
  expect(book.selectionHandlers).toHaveLength(1);
});
