import { address, columnLetter } from '../../src/sheets/a1';
import type { SheetPlan, TabPlan } from '../../src/sheets/plan';
import { FORMATS, STYLE } from '../../src/sheets/styles';

/**
 * A model the size of a 40-quarter history: seven tabs of about 60 rows × 45 columns (label + 40 quarters +
 * 4 fiscal years), inputs and formula rows in the same proportions and styles as the shipped model.
 */
export function syntheticPlan(quarters = 40): SheetPlan {
  const tabs: TabPlan[] = [];
  const cols = 1 + quarters + quarters / 10;
  for (let t = 0; t < 7; t++) {
    const rows = 60;
    const values: (string | number | null)[][] = [];
    const formulas: (string | null)[][] = [];
    const numberFormats: string[][] = [];
    const styles: TabPlan['styles'] = [{ address: `A1:${columnLetter(cols - 1)}1`, style: STYLE.title }];
    for (let r = 0; r < rows; r++) {
      values.push([`Line ${r + 1} of tab ${t + 1}`]);
      formulas.push([null]);
      numberFormats.push([FORMATS.general]);
      const total = r % 6 === 5;
      for (let c = 1; c < cols; c++) {
        if (total) {
          values[r].push(null);
          formulas[r].push(`=SUM(${address(r - 5, c)}:${address(r - 1, c)})`);
        } else {
          values[r].push(Math.round(1_000_000 * Math.sin(r * 31 + c * 7 + t)));
          formulas[r].push(null);
        }
        numberFormats[r].push(r % 12 === 11 ? FORMATS.percent : FORMATS.amount);
      }
      styles.push({ address: `B${r + 1}:${columnLetter(cols - 1)}${r + 1}`, style: total ? { ...STYLE.formula, ...STYLE.total } : STYLE.input });
    }
    tabs.push({
      key: `t${t}`,
      name: `KC Synthetic ${t + 1}`,
      rows,
      cols,
      values,
      formulas,
      numberFormats,
      styles,
      columnWidths: [260, ...Array(cols - 1).fill(86)],
      freeze: { rows: 7, columns: 1 },
      showGridlines: false,
      tabColor: '#1F3864',
      expectations: [],
    });
  }
  const names = tabs.flatMap((t) => Array.from({ length: 40 }, (_, i) => ({ name: `KC_SYNTH_${t.key.toUpperCase()}_${i}`, tab: t.name, address: `$B$${i + 8}`, comment: 'synthetic' })));
  return { release: 'synthetic 40-quarter model', tabs, names };
}
