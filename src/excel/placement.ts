/**
 * Where a scan's columns go: which earlier columns are this table's, which of their cells are
 * ours, whether the cells where ours would go belong to the user, and which date columns get our
 * date format.
 */
import { isBlank, STATUS_CODES, statusLabel, DATE_NUMBER_FORMAT, type CellValue } from '../rules';
import { bottom, rect, right, type Rect } from './geometry';
import { COLUMN_HEADERS, GENERAL_FORMAT, type ColumnKind } from './labels';
import type { Located } from './record';

/** What an earlier scan of this table wrote, where it is now. */
export interface Version extends Located {
  readonly rect: Rect;
}

/** Cell contents as read: a formula's text, else the value (Range.formulas), and the number format. */
export interface CellReader {
  value(row: number, column: number): unknown;
  format(row: number, column: number): string;
}

/**
 * Every earlier scan of this table the record knows: on this sheet, starting on the header row,
 * still as many columns as written, and no further right of the table than when written (columns
 * inserted inside the table move both alike; a table widened towards them comes closer). The one
 * that describes the sheet as it is comes first: a named one before one found by its recorded
 * block, the latest before a superseded one.
 */
export function versionsFor(located: readonly Located[], sheet: { readonly id: string; readonly name: string }, table: Rect): Version[] {
  const mine = located.filter((l): l is Version => {
    const a = l.annotation;
    if (l.rect === null || l.sheetName !== sheet.name || a.sheetId !== sheet.id) return false;
    const distance = l.rect.column - right(table);
    return l.rect.row === table.row && l.rect.columns === a.kinds.length && distance >= 1 && distance <= a.offset;
  });
  const rank = (v: Version) => (v.named ? 0 : 2) + (v.annotation.superseded ? 1 : 0);
  return mine.sort((a, b) => rank(a) - rank(b));
}

const isFormula = (value: unknown) => typeof value === 'string' && value.startsWith('=');

const HEADERS = new Map<ColumnKind, Set<string>>(
  (['status', 'due', 'suspension', 'cancellation'] as const).map((kind) => [kind, new Set(Object.values(COLUMN_HEADERS).map((h) => h[kind]))]),
);
const LABELS = new Set((['en', 'da'] as const).flatMap((locale) => STATUS_CODES.map((code) => statusLabel(code, locale))));

/**
 * Which cells of an earlier scan's block are ours now. A formula is always the user's (we never
 * write one). With our name in place the rest of its block is ours, as it always was. Without the
 * name (a Ctrl+Z took it, or the pane died mid-write) the recorded block only says where we wrote:
 * a column is ours only under our own header, and a cell only while it holds what we write there
 * (a status label, a date serial, or nothing), so a cell the user typed into after the undo stays.
 */
export function ownsCell(version: Version, cells: CellReader): (row: number, column: number) => boolean {
  const { rect: r, named, annotation } = version;
  const headerOk = new Map<number, boolean>();
  return (row, column) => {
    if (row < r.row || row > bottom(r) || column < r.column || column > right(r)) return false;
    const value = cells.value(row, column);
    if (isFormula(value)) return false;
    if (named) return true;
    const kind = annotation.kinds[column - r.column];
    if (kind === undefined) return false;
    if (!headerOk.has(column)) headerOk.set(column, HEADERS.get(kind)?.has(String(cells.value(r.row, column))) === true);
    if (!headerOk.get(column)) return false;
    if (row === r.row || isBlank(value as CellValue)) return true;
    return kind === 'status' ? LABELS.has(String(value)) : typeof value === 'number';
  };
}

/** The format a cell had before any scan: General where we put our date format, else what it has. */
export function formatBefore(versions: readonly Version[], owns: ReadonlyArray<(row: number, column: number) => boolean>, cells: CellReader): (row: number, column: number) => string {
  return (row, column) => {
    const current = cells.format(row, column);
    if (current !== DATE_NUMBER_FORMAT) return current;
    for (let i = 0; i < versions.length; i++) {
      const { rect: r, annotation } = versions[i];
      if (row <= r.row || row > bottom(r) || column < r.column || column > right(r) || !owns[i](row, column)) continue;
      const replaced = annotation.formats[column - r.column];
      if (replaced !== null && replaced !== undefined) return replaced;
    }
    return current;
  };
}

/** The first cell of `block` that holds a value or formula and is not ours, or null. */
export function firstUserCell(cells: CellReader, block: Rect, ours: (row: number, column: number) => boolean): Rect | null {
  for (let row = block.row; row <= bottom(block); row++) {
    for (let column = block.column; column <= right(block); column++) {
      if (!ours(row, column) && !isBlank(cells.value(row, column) as CellValue)) return rect(row, column, 1, 1);
    }
  }
  return null;
}

/** Per block column: whether its data rows get our date format (only where every cell was General). */
export function formattedColumns(block: Rect, kinds: readonly ColumnKind[], original: (row: number, column: number) => string): boolean[] {
  return kinds.map((kind, c) => {
    if (kind === 'status' || block.rows < 2) return false;
    for (let row = block.row + 1; row <= bottom(block); row++) if (original(row, block.column + c) !== GENERAL_FORMAT) return false;
    return true;
  });
}

/** The columns of `area` (relative) where a date column is or was: new ones from `left`, or any earlier version's. */
export function dateColumnsIn(area: Rect, left: number, kinds: readonly ColumnKind[], versions: readonly Version[]): number[] {
  const isDate = (kind: ColumnKind | undefined) => kind !== undefined && kind !== 'status';
  const columns: number[] = [];
  for (let c = 0; c < area.columns; c++) {
    const column = area.column + c;
    if (isDate(kinds[column - left]) || versions.some((v) => isDate(v.annotation.kinds[column - v.rect.column]))) columns.push(c);
  }
  return columns;
}
