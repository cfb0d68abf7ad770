/**
 * What the annotated copy is written through, in our own terms: a sheet of rows, a row of cells
 * with values and formats. Two writers stand behind it (src/files/exceljs.ts): ExcelJS's
 * streaming writer for large files and CSV, and a workbook ExcelJS holds in memory (small files,
 * the task pane). The pipeline, the annotator and the readers speak only these types.
 */

/** A colour as SpreadsheetML states it: ARGB, a theme colour (with a tint), or a legacy palette index. */
export interface FormatColor {
  readonly argb?: string;
  readonly theme?: number;
  readonly tint?: number;
  readonly indexed?: number;
}

export type BorderStyle =
  | 'thin' | 'dotted' | 'hair' | 'medium' | 'double' | 'thick' | 'dashed' | 'dashDot'
  | 'dashDotDot' | 'slantDashDot' | 'mediumDashed' | 'mediumDashDotDot' | 'mediumDashDot';

export interface FormatBorderSide {
  readonly style?: BorderStyle;
  readonly color?: FormatColor;
}

/** A cell's format: the parts of a SpreadsheetML cell format (xf) the copy keeps. */
export interface CellFormat {
  /** The number format code ('yyyy-mm-dd', '#,##0.00' …). */
  readonly numFmt?: string;
  readonly font?: {
    readonly name?: string;
    readonly size?: number;
    readonly family?: number;
    readonly scheme?: 'minor' | 'major' | 'none';
    readonly charset?: number;
    readonly color?: FormatColor;
    readonly bold?: boolean;
    readonly italic?: boolean;
    readonly underline?: boolean | 'none' | 'single' | 'double' | 'singleAccounting' | 'doubleAccounting';
    readonly strike?: boolean;
    readonly outline?: boolean;
    readonly vertAlign?: 'superscript' | 'subscript';
  };
  readonly fill?: { readonly type: 'pattern'; readonly pattern: string; readonly fgColor?: FormatColor; readonly bgColor?: FormatColor };
  readonly border?: {
    readonly top?: FormatBorderSide;
    readonly left?: FormatBorderSide;
    readonly bottom?: FormatBorderSide;
    readonly right?: FormatBorderSide;
    readonly diagonal?: FormatBorderSide & { readonly up?: boolean; readonly down?: boolean };
  };
  readonly alignment?: {
    readonly horizontal?: 'left' | 'center' | 'right' | 'fill' | 'justify' | 'centerContinuous' | 'distributed';
    readonly vertical?: 'top' | 'middle' | 'bottom' | 'distributed' | 'justify';
    readonly wrapText?: boolean;
    readonly shrinkToFit?: boolean;
    readonly indent?: number;
    readonly readingOrder?: 'rtl' | 'ltr';
    readonly textRotation?: number | 'vertical';
  };
  readonly protection?: { readonly locked?: boolean; readonly hidden?: boolean };
}

/** A formula with its last result, as the file had it. */
export interface FormulaValue {
  readonly formula: string;
  readonly result?: string | number | boolean | null;
}

/** An error cell (#N/A, #DIV/0! …). */
export interface ErrorValue {
  readonly error: string;
}

/**
 * A cell value written into a copy. Numbers are written as they are, in the copy's date system
 * (which is the input's), so a date keeps its serial and its format says it is a date.
 */
export type CopyValue = string | number | boolean | null | FormulaValue | ErrorValue;

export interface TargetRow {
  readonly number: number;
  /** Sets a cell (1-based column); a format object shared between cells is written once. */
  set(column: number, value: CopyValue, format?: CellFormat): void;
  /** The format of a cell of this row written so far (or the workbook's, annotated in place). */
  formatAt(column: number): CellFormat | undefined;
  setHeight(points: number): void;
  hide(): void;
}

/** One rule of the status fill: rows for which `formula` holds get the fill and the text colour (ARGB). */
export interface StatusFillRule {
  readonly formula: string;
  readonly fill: string;
  readonly text: string;
}

export interface TargetSheet {
  /** The row to write next; rows are asked for in ascending order. */
  row(number: number): TargetRow;
  /** The row is complete (a streaming writer writes it out, and may ask the caller to wait for it). */
  commit(row: TargetRow): void | Promise<void>;
  setColumnWidth(column: number, width: number): void;
  /** One conditional format per status over `ref`, after any the sheet already has. */
  addStatusFills(ref: string, rules: readonly StatusFillRule[]): void;
  close(): void;
}

/** A row's cells would move past column XFD in the copy (they sit right of the table). */
export class ColumnOverflow extends Error {
  override readonly name = 'ColumnOverflow';
  constructor(readonly row: number) {
    super(`row ${row} has cells that would move past column XFD`);
  }
}
