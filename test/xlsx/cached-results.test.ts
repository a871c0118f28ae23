import { getShippedModel } from '../../src/model/shipped';
import { address } from '../../src/sheets/a1';
import { buildPlan } from '../../src/sheets/build';
import { toBuffer } from '../../src/xlsx/render';
import { zipEntryText } from '../support/zip-entries';

/**
 * A reader that does not recalculate (a file preview, Protected View, pandas/openpyxl) sees the cached result of
 * each formula. Read the file's XML as such a reader does: every formula cell carries the calculation module's
 * value, and the workbook still asks Excel for a full recalculation on load.
 */
const model = getShippedModel();
const plan = buildPlan(model);
const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** Formula cells of a worksheet's XML: formula and cached value (number or text), by A1 address. */
function cachedCells(xml: string): Map<string, { formula: string; cached: number | string | undefined }> {
  const out = new Map<string, { formula: string; cached: number | string | undefined }>();
  for (const m of xml.matchAll(/<c r="([A-Z]+\d+)"([^>]*)>(?:<f>([^<]*)<\/f>)(?:<v>([^<]*)<\/v>)?<\/c>/g)) {
    const [, a1, attrs, f, v] = m;
    out.set(a1, { formula: decode(f), cached: v === undefined ? undefined : /t="str"/.test(attrs) ? decode(v) : Number(v) });
  }
  return out;
}

let buffer: Buffer;
beforeAll(async () => {
  buffer = await toBuffer(plan);
});

test('every formula cell of the .xlsx carries the calculation module value as its cached result', () => {
  expect(zipEntryText(buffer, 'xl/workbook.xml')).toMatch(/<calcPr[^>]*fullCalcOnLoad="1"/);
  let numbers = 0;
  let texts = 0;
  const wrong: string[] = [];
  plan.tabs.forEach((t, i) => {
    const cells = cachedCells(zipEntryText(buffer, `xl/worksheets/sheet${i + 1}.xml`)!);
    const expected = new Map(t.expectations.map((e) => [e.address, e]));
    t.formulas.forEach((row, r) =>
      row.forEach((f, c) => {
        if (!f) return;
        const a1 = address(r, c);
        const cell = cells.get(a1);
        const e = expected.get(a1);
        if (!cell || cell.formula !== f.slice(1)) wrong.push(`${t.name}!${a1}: formula not found`);
        else if (e) {
          if (typeof cell.cached !== 'number' || Math.abs(cell.cached - e.expected) > Math.max(e.tolerance, 1e-9)) wrong.push(`${t.name}!${a1} ${f}: cached ${JSON.stringify(cell.cached)}, model ${e.expected}`);
          else numbers++;
        } else if (typeof cell.cached === 'string' && cell.cached === t.results?.[r][c]) texts++;
        else wrong.push(`${t.name}!${a1} ${f}: cached ${JSON.stringify(cell.cached)}, no model value`);
      }),
    );
  });
  expect(wrong).toEqual([]);
  expect(numbers).toBeGreaterThan(900);
  expect(texts).toBeGreaterThan(200); // the PASS/FAIL status of each live check
});

test('headline figures read back from the file without recalculation', () => {
  const named = (name: string) => {
    const n = plan.names.find((x) => x.name === name)!;
    const i = plan.tabs.findIndex((t) => t.name === n.tab);
    return cachedCells(zipEntryText(buffer, `xl/worksheets/sheet${i + 1}.xml`)!).get(n.address.replace(/\$/g, ''))?.cached;
  };
  expect(named('KC_TOTAL_REVENUES_Q2_2024')).toBe(model.get('total_revenues', 'Q2-2024').value.toNumber());
  expect(named('KC_ADJ_EBITDA_Q2_2024')).toBe(60594);
  expect(named('KC_CHECKS_FAILED')).toBe(0);
});
