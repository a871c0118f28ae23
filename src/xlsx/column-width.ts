/**
 * Column widths: the plan gives points (what Office.js `format.columnWidth` takes); an .xlsx stores `<col width>`
 * in "characters": the column's pixel width divided by the maximum digit width of the workbook's default font
 * (ECMA-376 Part 1, §18.3.1.13), truncated to 1/256. ExcelJS writes Calibri 11 as the default font, whose widest
 * digit is 7 px at 96 dpi, so:
 *
 *   pixels = points × 96 / 72        characters = trunc(pixels / 7 × 256) / 256
 *
 * Check: Excel's default column, 64 px = 48 pt, is stored as 9.140625, which is what Excel itself writes.
 */

/** Widest digit of Calibri 11 (the default font ExcelJS writes), in pixels at 96 dpi. */
export const MAX_DIGIT_WIDTH_PX = 7;

const PX_PER_POINT = 96 / 72;

export function pointsToCharacters(points: number): number {
  return Math.floor(((points * PX_PER_POINT) / MAX_DIGIT_WIDTH_PX) * 256) / 256;
}

/** The width Excel draws for a stored character width (whole pixels, §18.3.1.13), in points. */
export function charactersToPoints(characters: number): number {
  const pixels = Math.floor(((256 * characters + Math.floor(128 / MAX_DIGIT_WIDTH_PX)) / 256) * MAX_DIGIT_WIDTH_PX);
  return pixels / PX_PER_POINT;
}
