import { address, columnLetter, parseAddress, sheetRef } from '../../src/sheets/a1';
import type { CellConstant, CellStyle, FormulaExpectation, NamedCell, SheetPlan, TabPlan } from '../../src/sheets/plan';

/**
 * Hand-made sheet plans for the .xlsx renderer's tests and bench, shaped like what src/sheets builds: a title
 * block, frozen period headers, reported figures in blue, formulas in black, links to other tabs in green,
 * totals with borders, margins as ratios, workbook names for headline cells. Figures are Kingsoft Cloud's
 * Q2 2024 release (RMB thousands); every expectation is computed here, independently of any spreadsheet.
 */

export const FORMAT = {
  amount: '#,##0_);(#,##0);"–"_);@_)',
  percent: '0.0%_);(0.0%);"–"_);@_)',
  text: '@',
  general: 'General',
} as const;

const BLUE = '#0000FF';
const BLACK = '#000000';
const GREEN = '#00703C';
const STYLE = {
  title: { bold: true, fontSize: 14, fontColor: '#FFFFFF', fill: '#1F3864' },
  subtitle: { italic: true, fontColor: '#404040' },
  header: { bold: true, fill: '#DCE6F1', horizontalAlignment: 'right' },
  headerLabel: { bold: true, fill: '#DCE6F1', horizontalAlignment: 'left' },
  section: { bold: true, italic: true },
  input: { fontColor: BLUE },
  formula: { fontColor: BLACK },
  link: { fontColor: GREEN },
  total: { bold: true, borderTop: 'thin' },
  grandTotal: { bold: true, borderTop: 'thin', borderBottom: 'double' },
  note: { italic: true, wrapText: true },
} satisfies Record<string, CellStyle>;

export const EXACT = { tolerance: 0, rule: 'RMB identity: exact' };
export const RATIO = { tolerance: 1e-9, rule: 'ratio: floating-point agreement' };

/** Builds one tab as dense grids, addressed in A1 like the formulas it holds. */
export class DraftTab {
  readonly values: CellConstant[][];
  readonly formulas: (string | null)[][];
  readonly numberFormats: string[][];
  readonly styles: TabPlan['styles'] = [];
  readonly expectations: FormulaExpectation[] = [];
  freeze = { rows: 0, columns: 0 };

  constructor(
    readonly key: string,
    readonly name: string,
    readonly rows: number,
    readonly cols: number,
    readonly columnWidths: number[],
    readonly tabColor?: string,
  ) {
    this.values = Array.from({ length: rows }, () => Array<CellConstant>(cols).fill(null));
    this.formulas = Array.from({ length: rows }, () => Array<string | null>(cols).fill(null));
    this.numberFormats = Array.from({ length: rows }, () => Array<string>(cols).fill(FORMAT.general));
  }

  text(a1: string, text: string, style?: CellStyle): this {
    const { row, col } = parseAddress(a1);
    this.values[row][col] = text;
    if (style) this.style(a1, style);
    return this;
  }

  /** A reported figure: blue. */
  input(a1: string, value: number, format: string = FORMAT.amount): this {
    const { row, col } = parseAddress(a1);
    this.values[row][col] = value;
    this.numberFormats[row][col] = format;
    return this.style(a1, STYLE.input);
  }

  formula(a1: string, formula: string, expected: number | undefined, check = EXACT, format: string = FORMAT.amount, style: CellStyle = STYLE.formula): this {
    const { row, col } = parseAddress(a1);
    this.formulas[row][col] = formula;
    this.numberFormats[row][col] = format;
    if (expected !== undefined) this.expectations.push({ address: a1, expected, ...check });
    return this.style(a1, style);
  }

  /** A link to another tab: green. */
  link(a1: string, formula: string, expected: number): this {
    return this.formula(a1, formula, expected, EXACT, FORMAT.amount, STYLE.link);
  }

  style(range: string, style: CellStyle): this {
    this.styles.push({ address: range, style });
    return this;
  }

  row(r: number): string {
    return `A${r}:${columnLetter(this.cols - 1)}${r}`;
  }

  titleBlock(title: string, lines: string[]): this {
    this.text('A1', title).style(this.row(1), STYLE.title);
    lines.forEach((l, i) => this.text(`A${i + 2}`, l).style(this.row(i + 2), STYLE.subtitle));
    return this;
  }

  /** Header rows (group, date, currency) from `top`, frozen with the label column. */
  periodHeaders(top: number, columns: { group?: string; date: string; currency: string }[]): this {
    columns.forEach((c, i) => {
      const col = columnLetter(i + 1);
      if (c.group) this.text(`${col}${top}`, c.group);
      this.text(`${col}${top + 1}`, c.date);
      this.text(`${col}${top + 2}`, c.currency);
    });
    const last = columnLetter(this.cols - 1);
    for (let r = top; r <= top + 2; r++) this.style(`A${r}`, STYLE.headerLabel).style(`B${r}:${last}${r}`, STYLE.header);
    this.style(this.row(top + 2), { borderBottom: 'thin' });
    this.freeze = { rows: top + 2, columns: 1 };
    return this;
  }

  toPlan(): TabPlan {
    return {
      key: this.key,
      name: this.name,
      rows: this.rows,
      cols: this.cols,
      values: this.values,
      formulas: this.formulas,
      numberFormats: this.numberFormats,
      styles: this.styles,
      columnWidths: this.columnWidths,
      freeze: this.freeze,
      showGridlines: false,
      tabColor: this.tabColor,
      expectations: this.expectations,
    };
  }
}

export const IS = 'KC Income Statement';
export const NG = 'KC Non-GAAP';
export const RC = 'KC Revenue & Costs';
export const CK = 'KC Checks';

/** Columns B–F: three quarters, the quarter in US$, the six months. */
const PERIODS = ['Q2-2023', 'Q1-2024', 'Q2-2024', 'Q2-2024 US$', 'H1-2024'] as const;
const PERIOD_HEADERS = [
  { group: 'Three months ended', date: 'Jun 30, 2023', currency: 'RMB' },
  { date: 'Mar 31, 2024', currency: 'RMB' },
  { date: 'Jun 30, 2024', currency: 'RMB' },
  { date: 'Jun 30, 2024', currency: 'US$' },
  { group: 'Six months ended', date: 'Jun 30, 2024', currency: 'RMB' },
];
const COLS = ['B', 'C', 'D', 'E', 'F'];
const WIDTHS = [260, 86, 86, 86, 86, 86];

/** Reported figures (RMB thousands; expenses negative as printed in parentheses), per column B–F. */
export const REPORTED = {
  publicCloud: [1159509, 1187370, 1234542, 169879, 2421912],
  enterpriseCloud: [675176, 588162, 657238, 90439, 1245400],
  others: [718, 152, 0, 0, 152],
  costOfRevenues: [-1628797, -1482431, -1573433, -216512, -3055864],
  sellingMarketing: [-129253, -116752, -125708, -17298, -242460],
  generalAdmin: [-246549, -218695, -266249, -36637, -484944],
  researchDevelopment: [-193920, -231963, -203959, -28066, -435922],
  sbcInCostOfRevenues: [169, 5814, 5076, 698, 10890],
  adjustedEbitda: [-61395, 33187, 60594, 8338, 93781],
};

/** What the calculation module computes for each column. */
function computed(i: number) {
  const r = REPORTED;
  const totalRevenues = r.publicCloud[i] + r.enterpriseCloud[i] + r.others[i];
  const grossProfit = totalRevenues + r.costOfRevenues[i];
  const totalOpex = r.sellingMarketing[i] + r.generalAdmin[i] + r.researchDevelopment[i];
  const adjustedGrossProfit = grossProfit + r.sbcInCostOfRevenues[i];
  return {
    totalRevenues,
    grossProfit,
    grossMargin: grossProfit / totalRevenues,
    totalOpex,
    operatingLoss: grossProfit + totalOpex,
    adjustedGrossProfit,
    adjustedGrossMargin: adjustedGrossProfit / totalRevenues,
    adjustedEbitdaMargin: r.adjustedEbitda[i] / totalRevenues,
  };
}

const SOURCE = 'Source: Kingsoft Cloud Holdings Limited, unaudited Q2 2024 earnings release (Form 6-K exhibit 99.1). Blue: reported figures; black: formulas; green: links to other tabs.';

/** Text that must stay text: each would be a formula (or an error) if typed into Excel. */
export const FORMULA_LIKE_TEXT = {
  A24: '=SUM(B9:B11) is how total revenues are built',
  A25: '+86 10 6292 7777 (investor relations)',
  A26: "=KC.VALUE(\"total_revenues\",\"Q2-2024\")",
  A27: '@KingsoftCloud',
} as const;

function incomeStatement(): DraftTab {
  const t = new DraftTab('income_statement', IS, 27, 6, WIDTHS, '#1F3864');
  t.titleBlock('Kingsoft Cloud — unaudited condensed consolidated statements of comprehensive loss', [
    'Amounts in thousands of RMB or US$ (US$ at the release\'s convenience rate of RMB7.2672 = US$1.00)',
    SOURCE,
  ]);
  t.periodHeaders(5, PERIOD_HEADERS);
  t.text('A8', 'Revenues:', STYLE.section);
  const lines: [number, string, number[]][] = [
    [9, 'Public cloud services', REPORTED.publicCloud],
    [10, 'Enterprise cloud services', REPORTED.enterpriseCloud],
    [11, 'Others', REPORTED.others],
    [13, 'Cost of revenues', REPORTED.costOfRevenues],
    [16, 'Selling and marketing expenses', REPORTED.sellingMarketing],
    [17, 'General and administrative expenses', REPORTED.generalAdmin],
    [18, 'Research and development expenses', REPORTED.researchDevelopment],
  ];
  for (const [r, label, values] of lines) {
    t.text(`A${r}`, label);
    if (r !== 13) t.style(`A${r}`, { indent: 1 });
    values.forEach((v, i) => t.input(`${COLS[i]}${r}`, v));
  }
  t.text('A12', 'Total revenues').text('A14', 'Gross profit').text('A15', 'Operating expenses:', STYLE.section);
  t.text('A19', 'Total operating expenses').text('A20', 'Operating loss').text('A22', 'Gross margin');
  COLS.forEach((c, i) => {
    const v = computed(i);
    t.formula(`${c}12`, `=SUM(${c}9:${c}11)`, v.totalRevenues);
    t.formula(`${c}14`, `=${c}12+${c}13`, v.grossProfit);
    t.formula(`${c}19`, `=SUM(${c}16:${c}18)`, v.totalOpex);
    t.formula(`${c}20`, `=${c}14+${c}19`, v.operatingLoss);
    t.formula(`${c}22`, `=${c}14/${c}12`, v.grossMargin, RATIO, FORMAT.percent);
  });
  t.style(t.row(12), STYLE.total).style(t.row(14), STYLE.total).style(t.row(19), STYLE.total).style(t.row(20), STYLE.grandTotal);
  t.text('A23', 'Notes:', STYLE.section);
  for (const [a1, text] of Object.entries(FORMULA_LIKE_TEXT)) t.text(a1, text, STYLE.note);
  t.numberFormats[parseAddress('A24').row][0] = FORMAT.text;
  return t;
}

function nonGaap(): DraftTab {
  const t = new DraftTab('non_gaap', NG, 15, 6, WIDTHS, '#2E75B6');
  t.titleBlock('Kingsoft Cloud — non-GAAP reconciliations and margins', ['Amounts in thousands of RMB or US$; margins as a percentage of total revenues', SOURCE]);
  t.periodHeaders(5, PERIOD_HEADERS);
  t.text('A8', 'Total revenues').text('A9', 'Gross profit').text('A10', 'Add: share-based compensation in cost of revenues', { indent: 1 });
  t.text('A11', 'Adjusted gross profit').text('A12', 'Adjusted gross margin');
  t.text('A14', 'Adjusted EBITDA').text('A15', 'Adjusted EBITDA margin');
  COLS.forEach((c, i) => {
    const v = computed(i);
    t.link(`${c}8`, `=${sheetRef(IS, `${c}12`)}`, v.totalRevenues);
    t.link(`${c}9`, `=${sheetRef(IS, `${c}14`)}`, v.grossProfit);
    t.input(`${c}10`, REPORTED.sbcInCostOfRevenues[i]);
    t.formula(`${c}11`, `=${c}9+${c}10`, v.adjustedGrossProfit);
    t.formula(`${c}12`, `=${c}11/${c}8`, v.adjustedGrossMargin, RATIO, FORMAT.percent);
    t.input(`${c}14`, REPORTED.adjustedEbitda[i]);
    // The quarter's margin goes through the workbook names, as a user's own formulas would.
    const margin = c === 'D' ? '=KC_ADJ_EBITDA_Q2_2024/KC_TOTAL_REVENUES_Q2_2024' : `=${c}14/${c}8`;
    t.formula(`${c}15`, margin, v.adjustedEbitdaMargin, RATIO, FORMAT.percent);
  });
  t.style(t.row(11), STYLE.total);
  return t;
}

/** Public cloud, enterprise cloud: the quarters linked from the statement, the half-year summed, growth. */
function revenueCosts(): DraftTab {
  const t = new DraftTab('revenue_costs', RC, 9, 6, WIDTHS, '#2E75B6');
  t.titleBlock('Kingsoft Cloud — revenue mix and growth', ['RMB amounts in thousands; growth as a percentage', SOURCE]);
  t.periodHeaders(4, [
    { group: 'Three months ended', date: 'Jun 30, 2023', currency: 'RMB' },
    { date: 'Mar 31, 2024', currency: 'RMB' },
    { date: 'Jun 30, 2024', currency: 'RMB' },
    { group: 'Six months ended', date: 'Jun 30, 2024 (Q1 + Q2)', currency: 'RMB' },
    { group: 'Growth', date: 'Q2 year over year', currency: '%' },
  ]);
  const segments: [number, string, number, number[]][] = [
    [7, 'Public cloud services', 9, REPORTED.publicCloud],
    [8, 'Enterprise cloud services', 10, REPORTED.enterpriseCloud],
  ];
  for (const [r, label, isRow, v] of segments) {
    t.text(`A${r}`, label, { indent: 1 });
    ['B', 'C', 'D'].forEach((c, i) => t.link(`${c}${r}`, `=${sheetRef(IS, `${COLS[i]}${isRow}`)}`, v[i]));
    t.formula(`E${r}`, `=SUM(C${r}:D${r})`, v[1] + v[2]);
    t.formula(`F${r}`, `=D${r}/B${r}-1`, v[2] / v[0] - 1, RATIO, FORMAT.percent);
  }
  t.text('A9', 'Public cloud share of total revenues');
  ['B', 'C', 'D'].forEach((c, i) =>
    t.formula(`${c}9`, `=${c}7/${sheetRef(IS, `${COLS[i]}12`)}`, REPORTED.publicCloud[i] / computed(i).totalRevenues, RATIO, FORMAT.percent),
  );
  return t;
}

/** Reported headline figures against the model's; a PASS/FAIL status (text) and a count of passes. */
function checks(): DraftTab {
  const t = new DraftTab('checks', CK, 8, 5, [220, 90, 90, 90, 70], '#548235');
  t.text('A1', 'Kingsoft Cloud — checks against the release').style('A1:E1', STYLE.title);
  ['Check', 'Reported', 'Model', 'Difference', 'Status'].forEach((h, i) => t.text(`${columnLetter(i)}3`, h));
  t.style('A3:E3', STYLE.headerLabel).style('A3:E3', { borderBottom: 'medium' });
  t.freeze = { rows: 3, columns: 1 };
  const q2 = computed(2);
  const rows: [number, string, number, string, number, typeof EXACT, string, number][] = [
    [4, 'Total revenues, Q2 2024', 1891780, '=KC_TOTAL_REVENUES_Q2_2024', q2.totalRevenues, EXACT, FORMAT.amount, 0.5],
    [5, 'Operating loss, Q2 2024', -277569, `=${sheetRef(IS, 'D20')}`, q2.operatingLoss, EXACT, FORMAT.amount, 0.5],
    [6, 'Adjusted EBITDA margin, Q2 2024', 0.032, `=${sheetRef(NG, 'D15')}`, q2.adjustedEbitdaMargin, RATIO, FORMAT.percent, 0.0005],
  ];
  for (const [r, label, reported, link, model, check, format, within] of rows) {
    t.text(`A${r}`, label);
    t.input(`B${r}`, reported, format);
    t.formula(`C${r}`, link, model, check, format, STYLE.link);
    t.formula(`D${r}`, `=C${r}-B${r}`, model - reported, check, format);
    t.formula(`E${r}`, `=IF(ABS(D${r})<=${within},"PASS","FAIL")`, undefined, EXACT, FORMAT.general);
  }
  t.text('A8', 'Checks passed', STYLE.section);
  t.formula('B8', '=COUNTIF(E4:E6,"PASS")', 3, EXACT, FORMAT.general);
  t.style('A8:E8', { borderTop: 'thin' });
  return t;
}

const NAMES: NamedCell[] = [
  { name: 'KC_TOTAL_REVENUES_Q2_2024', tab: IS, address: '$D$12', comment: 'Total revenues, three months ended Jun 30, 2024 (RMB)' },
  { name: 'KC_GROSS_PROFIT_Q2_2024', tab: IS, address: '$D$14', comment: 'Gross profit, three months ended Jun 30, 2024 (RMB)' },
  { name: 'KC_OPERATING_LOSS_Q2_2024', tab: IS, address: '$D$20', comment: 'Operating loss, three months ended Jun 30, 2024 (RMB)' },
  { name: 'KC_ADJ_EBITDA_Q2_2024', tab: NG, address: '$D$14', comment: 'Adjusted EBITDA, three months ended Jun 30, 2024 (RMB)' },
  { name: 'KC_PUBLIC_CLOUD_REVENUE_H1_2024', tab: RC, address: '$E$7', comment: 'Public cloud services, six months ended Jun 30, 2024 (RMB)' },
];

/** Four tabs (statement, non-GAAP, revenue mix, checks) and five names. */
export function kcPlan(): SheetPlan {
  return {
    release: 'Kingsoft Cloud Holdings Limited Q2-2024',
    tabs: [incomeStatement(), nonGaap(), revenueCosts(), checks()].map((t) => t.toPlan()),
    names: NAMES.map((n) => ({ ...n })),
  };
}

/** The cells `brokenKcPlan` breaks, with the formula each now holds and what an engine computes for it. */
export const BROKEN: { sheet: string; cell: string; formula: string; actual: number | string }[] = [
  // The half-year summed over the wrong quarters (Q2 2023 + Q1 2024 instead of Q1 + Q2 2024).
  { sheet: RC, cell: 'E7', formula: '=SUM(B7:C7)', actual: REPORTED.publicCloud[0] + REPORTED.publicCloud[1] },
  // A reference to a tab that does not exist (a misspelt name).
  { sheet: RC, cell: 'F8', formula: "='KC Income Statment'!D10/'KC Income Statment'!B10-1", actual: '#NAME?' },
];

/** kcPlan with BROKEN's formulas; its expectations still say what the cells should be. */
export function brokenKcPlan(): SheetPlan {
  const plan = kcPlan();
  for (const b of BROKEN) {
    const tab = plan.tabs.find((t) => t.name === b.sheet)!;
    const { row, col } = parseAddress(b.cell);
    tab.formulas[row][col] = b.formula;
  }
  return plan;
}

/**
 * A statement-like tab of `lines` rows over `periods` columns: blue inputs in blocks of four, each block summed,
 * a running total of the blocks, and a ratio row per block. For size: the real plan has seven tabs of this shape.
 */
export function statementTab(key: string, name: string, lines = 60, periods = 7): TabPlan {
  const rows = 7 + lines;
  const t = new DraftTab(key, name, rows, periods + 1, [260, ...Array<number>(periods).fill(86)], '#1F3864');
  t.titleBlock(`Kingsoft Cloud — ${name}`, ['Amounts in thousands of RMB', SOURCE]);
  t.periodHeaders(5, Array.from({ length: periods }, (_, i) => ({ group: i === 0 ? 'Three months ended' : undefined, date: `Period ${i + 1}`, currency: 'RMB' })));
  const subtotalRows: number[] = [];
  const subtotals = Array.from({ length: periods }, () => [] as number[]);
  let r = 8;
  let block = 0;
  while (r + 6 <= rows) {
    const first = r;
    for (let k = 0; k < 4; k++, r++) {
      t.text(`A${r}`, `Line ${block + 1}.${k + 1}`, { indent: 1 });
      for (let p = 0; p < periods; p++) t.input(`${columnLetter(p + 1)}${r}`, 1000 * (block + 1) + 37 * k + 11 * p - (k === 3 ? 5000 : 0));
    }
    t.text(`A${r}`, `Subtotal ${block + 1}`).style(t.row(r), STYLE.total);
    t.text(`A${r + 1}`, `Line ${block + 1}.1 as a share of the subtotal`);
    for (let p = 0; p < periods; p++) {
      const c = columnLetter(p + 1);
      const inputs = [0, 1, 2, 3].map((k) => 1000 * (block + 1) + 37 * k + 11 * p - (k === 3 ? 5000 : 0));
      const sum = inputs.reduce((a, b) => a + b, 0);
      subtotals[p].push(sum);
      t.formula(`${c}${r}`, `=SUM(${c}${first}:${c}${r - 1})`, sum);
      t.formula(`${c}${r + 1}`, `=${c}${first}/${c}${r}`, inputs[0] / sum, RATIO, FORMAT.percent);
    }
    subtotalRows.push(r);
    r += 2;
    block++;
  }
  const totalRow = rows;
  t.text(`A${totalRow}`, 'Total').style(t.row(totalRow), STYLE.grandTotal);
  for (let p = 0; p < periods; p++) {
    const c = columnLetter(p + 1);
    t.formula(`${c}${totalRow}`, `=${subtotalRows.map((s) => `${c}${s}`).join('+')}`, subtotals[p].reduce((a, b) => a + b, 0));
  }
  return t.toPlan();
}

/** kcPlan plus three statement-sized tabs: seven tabs, about the size of the plan the add-in writes. */
export function largePlan(): SheetPlan {
  const plan = kcPlan();
  plan.tabs.push(
    statementTab('balance_sheet', 'KC Balance Sheet', 60, 3),
    statementTab('cash_flow', 'KC Cash Flow', 30, 5),
    statementTab('segments', 'KC Segments', 120, 9),
  );
  return plan;
}

/** Every formula cell of a plan as [sheet, A1, formula]. */
export function formulaCells(plan: SheetPlan): [string, string, string][] {
  return plan.tabs.flatMap((t) => t.formulas.flatMap((row, r) => row.flatMap((f, c) => (f === null ? [] : [[t.name, address(r, c), f] as [string, string, string]]))));
}
