import { getShippedModel } from '../../src/model/shipped';
import { buildPlan } from '../../src/sheets/build';
import { renderWorkbook } from '../../src/xlsx/render';

test('the exported statements print landscape, one page wide, header rows repeated', () => {
  const wb = renderWorkbook(buildPlan(getShippedModel()));
  const ws = wb.getWorksheet('KC Income Statement')!;
  expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:7' });
  expect(wb.getWorksheet('KC Checks')!.pageSetup.printTitlesRow).toBe('1:10');
});
