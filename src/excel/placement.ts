/**
 * Where a scan's columns go: which earlier columns are this table's, whether the cells where ours
 * would go belong to the user, and which date columns get our date format.
 */
import { isBlank, type CellValue } from '../rules';
import { bottom, rect, right, type Rect } from './geometry';
import { GENERAL_FORMAT, type ColumnKind } from './labels';
import type { Located } from './record';
import type { CellGrid } from './write';

export interface Ours extends Located {
  readonly rect: Rect;
  /** The hidden name still exists (a pending annotation has none). */
  readonly named: boolean;
}

/**
 * The columns a previous scan of this table wrote: on this sheet, starting on the header row,
 * still as many columns as written, and no further right of the table than when written
 * (columns inserted inside the table move both alike; a table widened towards them comes closer).
 */
export function ourColumnsFor(located: readonly Located[], sheet: { readonly id: string; readonly name: string }, table: Rect): Ours | null {
  for (const l of located) {
    const a = l.annotation;
    if (l.rect === null || l.sheetName !== sheet.name || a.sheetId !== sheet.id) continue;
    const distance = l.rect.column - right(table);
    if (l.rect.row !== table.row || l.rect.columns !== a.kinds.length || distance < 1 || distance > a.offset) continue;
    return { ...l, rect: l.rect, named: !a.pending };
  }
  return null;
}

/** The first cell of `block` that holds a value and is not one of our old cells, or null. */
export function firstUserCell(grid: CellGrid, block: Rect, ours: (row: number, column: number) => boolean): Rect | null {
  for (let row = block.row; row <= bottom(block); row++) {
    for (let column = block.column; column <= right(block); column++) {
      if (!ours(row, column) && !isBlank(grid.value(row, column) as CellValue)) return rect(row, column, 1, 1);
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

/** Patch columns that are date columns, new (from `left`) or old (from `oldLeft`). */
export function dateColumnsOf(run: Rect, left: number, kinds: readonly ColumnKind[], oldLeft: number, oldKinds: readonly ColumnKind[]): number[] {
  const isDate = (kind: ColumnKind | undefined) => kind !== undefined && kind !== 'status';
  const columns: number[] = [];
  for (let c = 0; c < run.columns; c++) {
    const column = run.column + c;
    if (isDate(kinds[column - left]) || isDate(oldKinds[column - oldLeft])) columns.push(c);
  }
  return columns;
}

