import { getShippedModel } from '../../src/model/shipped';
import { buildPlan } from '../../src/sheets/build';
import { toBuffer } from '../../src/xlsx/render';
import { zipEntryText } from '../support/zip-entries';

/**
 * The plan's conditional formats in the .xlsx: a failing check turns red. Text conditions are written as expression
 * rules, which Excel and LibreOffice both apply (a containsText rule as ExcelJS writes it lacks the text attribute,
 * and LibreOffice ignores it: seen by printing a workbook with a failing check to PDF).
 */
test('the Checks tab carries its conditional formats: FAIL text and failure counts turn red', async () => {
  const plan = buildPlan(getShippedModel());
  const i = plan.tabs.findIndex((t) => t.name === 'KC Checks');
  const xml = zipEntryText(await toBuffer(plan), `xl/worksheets/sheet${i + 1}.xml`)!;
  const planned = plan.tabs[i].conditionalFormats!;
  expect(planned.length).toBe(3);
  for (const cf of planned) {
    const block = new RegExp(`<conditionalFormatting sqref="${cf.address}"><cfRule ([^>]*)>(?:<formula>([^<]*)</formula>)?`).exec(xml);
    expect(block).not.toBeNull();
    if (cf.textContains) {
      expect(block![1]).toMatch(/type="expression"/);
      expect(block![2]).toBe(`NOT(ISERROR(SEARCH(&quot;FAIL&quot;,${cf.address.split(':')[0]})))`);
    } else {
      expect(block![1]).toMatch(/type="cellIs".*operator="greaterThan"/);
      expect(block![2]).toBe('0');
    }
  }
  // The red the rules apply: a differential format with the fail fill.
  const styles = zipEntryText(await toBuffer(plan), 'xl/styles.xml')!;
  expect(styles).toMatch(/<dxfs count="3">[\s\S]*FFFFC7CE/);
});
