/**
 * Rectangles of cells and their addresses. Office.js counts rows and columns from 0
 * (`rowIndex`, `columnIndex`); the user sees "A1". Both meet here and nowhere else.
 */
import { columnIndex, columnLetters } from '../scan';

/** Excel's grid: 1,048,576 rows by 16,384 columns (A to XFD). */
const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/** A block of cells, 0-based like `Range.rowIndex` and `Range.columnIndex`. */
export interface Rect {
  readonly row: number;
  readonly column: number;
  readonly rows: number;
  readonly columns: number;
}

export function rect(row: number, column: number, rows: number, columns: number): Rect {
  if (![row, column, rows, columns].every(Number.isInteger) || row < 0 || column < 0 || rows < 1 || columns < 1) {
    throw new RangeError(`not a block of cells: row ${row}, column ${column}, ${rows} × ${columns}`);
  }
  return { row, column, rows, columns };
}

/** The last row of a block (inclusive). */
export function bottom(r: Rect): number {
  return r.row + r.rows - 1;
}

/** The last column of a block (inclusive). */
export function right(r: Rect): number {
  return r.column + r.columns - 1;
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.row <= bottom(b) && b.row <= bottom(a) && a.column <= right(b) && b.column <= right(a);
}

/** The properties to load from a Range to make a Rect of it. */
export const RECT_PROPERTIES = 'rowIndex,columnIndex,rowCount,columnCount';

/** A loaded Range as a Rect. */
export function rectOf(range: Pick<Excel.Range, 'rowIndex' | 'columnIndex' | 'rowCount' | 'columnCount'>): Rect {
  return rect(range.rowIndex, range.columnIndex, range.rowCount, range.columnCount);
}

/**
 * The A1 address of a block, without the sheet.
 * @example a1(rect(2, 0, 39, 10)) //=> 'A3:J41'
 * @example a1(rect(0, 0, 1, 1)) //=> 'A1'
 */
export function a1(r: Rect): string {
  const start = `${columnLetters(r.column)}${r.row + 1}`;
  return r.rows === 1 && r.columns === 1 ? start : `${start}:${columnLetters(right(r))}${bottom(r) + 1}`;
}

/**
 * A sheet name as Excel writes it in a reference: quoted when it holds anything but letters,
 * digits, dots and underscores, with quotes doubled.
 * @example quoteSheet("Q1 2025") //=> "'Q1 2025'"
 */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && columnIndex(name.replace(/\d+$/, '')) === -1
    ? name
    : `'${name.replace(/'/g, "''")}'`;
}

/** "Sheet1!A3:J41", as the pane shows a target. */
export function qualified(sheet: string, r: Rect): string {
  return `${quoteSheet(sheet)}!${a1(r)}`;
}

const REFERENCE = /^=?(?:(?:'((?:[^']|'')+)'|([^'!=]+))!)?\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/;

/**
 * Parses "Sheet1!A3:J41", "'Q1 2025'!$K$3:$N$41" or "=Sheet1!$K$3" (a named item's formula).
 * Null for anything else, such as "#REF!" after the user deleted the cells.
 * @example parseReference("'Q1 2025'!$K$3:$N$41") //=> { sheet: 'Q1 2025', rect: { row: 2, column: 10, rows: 39, columns: 4 } }
 */
export function parseReference(text: string): { sheet: string | null; rect: Rect } | null {
  const match = REFERENCE.exec(text.trim());
  if (!match) return null;
  const sheet = match[1] !== undefined ? match[1].replace(/''/g, "'") : match[2] ?? null;
  const c1 = columnIndex(match[3]);
  const r1 = Number(match[4]) - 1;
  const c2 = match[5] ? columnIndex(match[5]) : c1;
  const r2 = match[6] ? Number(match[6]) - 1 : r1;
  if (c1 < 0 || c2 < 0 || r1 < 0 || r2 < 0 || c2 >= MAX_COLUMNS || r2 >= MAX_ROWS) return null;
  return { sheet, rect: rect(Math.min(r1, r2), Math.min(c1, c2), Math.abs(r2 - r1) + 1, Math.abs(c2 - c1) + 1) };
}

export function sameRect(a: Rect, b: Rect): boolean {
  return a.row === b.row && a.column === b.column && a.rows === b.rows && a.columns === b.columns;
}
