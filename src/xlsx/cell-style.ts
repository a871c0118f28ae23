import type { Alignment, Borders, Fill, Font } from 'exceljs';
import type { CellStyle } from '../sheets/plan';

/**
 * The plan's style ranges, resolved per cell and translated to ExcelJS style objects. Ranges apply in order and
 * each sets only the properties it names, as Office.js range formatting does: a border range laid over a header
 * row keeps the header's bold and fill.
 */

export { resolveStyles, styledExtent } from '../sheets/resolve-styles';

export interface ExcelCellStyle {
  font?: Partial<Font>;
  fill?: Fill;
  border?: Partial<Borders>;
  alignment?: Partial<Alignment>;
}

/** The workbook's default font (ExcelJS writes Calibri 11 as the Normal style); a styled font restates it. */
const DEFAULT_FONT = { name: 'Calibri', size: 11, family: 2 } as const;

/** '#RRGGBB' → ExcelJS ARGB ('FFRRGGBB'). */
export function argb(color: string): string {
  const m = /^#?([0-9a-f]{6})$/i.exec(color);
  if (!m) throw new Error(`not a '#RRGGBB' colour: ${color}`);
  return `FF${m[1].toUpperCase()}`;
}

export function toExcelStyle(s: CellStyle): ExcelCellStyle {
  const out: ExcelCellStyle = {};
  if (s.bold !== undefined || s.italic !== undefined || s.fontColor !== undefined || s.fontSize !== undefined) {
    out.font = {
      ...DEFAULT_FONT,
      ...(s.fontSize !== undefined ? { size: s.fontSize } : {}),
      ...(s.bold ? { bold: true } : {}),
      ...(s.italic ? { italic: true } : {}),
      ...(s.fontColor !== undefined ? { color: { argb: argb(s.fontColor) } } : {}),
    };
  }
  if (s.fill !== undefined) out.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(s.fill) } };
  if (s.borderTop !== undefined || s.borderBottom !== undefined) {
    out.border = {
      ...(s.borderTop ? { top: { style: s.borderTop } } : {}),
      ...(s.borderBottom ? { bottom: { style: s.borderBottom } } : {}),
    };
  }
  if (s.horizontalAlignment !== undefined || s.indent !== undefined || s.wrapText !== undefined) {
    // Excel indents only left- or right-aligned text; setting an indent in Excel (and through Office.js) on a
    // general-aligned cell makes it left-aligned, so the file says so explicitly.
    const horizontal = s.horizontalAlignment ?? (s.indent ? 'left' : undefined);
    out.alignment = {
      ...(horizontal ? { horizontal } : {}),
      ...(s.indent ? { indent: s.indent } : {}),
      ...(s.wrapText ? { wrapText: true } : {}),
    };
  }
  return out;
}
