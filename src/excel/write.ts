/**
 * Writing cells as patches: a block of cells with what it holds now (`before`) and what it
 * should hold (`after`). Only row blocks where the two differ are sent, as 2-D arrays, one
 * `context.sync()` per block; a second scan over unchanged data therefore writes nothing.
 * Rolling back is the same call with the sides swapped: the same blocks get their old contents.
 *
 * A cell whose `after` is null is not the patch's: it is sent as null, which leaves the cell as
 * it is (learn.microsoft.com "Blank and null values in Excel add-ins": null in a 2-D array leaves
 * that cell unchanged; "" clears it). So a patch can cover a block with the user's cells in it.
 * Our side goes in as `values`; the old side as `formulas`, because it was read as formulas
 * (read.ts): a formula goes back as a formula, not as the value it showed.
 */
import { ScanProblem } from '../scan';
import type { Rect } from './geometry';
import { BLOCK_LIMITS, rowsPerBlock, type BlockLimits } from './read';

/** Cell contents by row and column relative to the patch's top-left cell; null on the `after` side: not this patch's cell. */
export interface CellSource {
  value(row: number, column: number): unknown;
  format(row: number, column: number): string | null;
}

export interface Patch {
  readonly rect: Rect;
  readonly before: CellSource;
  readonly after: CellSource;
  /** Patch columns whose number formats may change; the others keep theirs untouched. */
  readonly formatColumns: readonly number[];
}

export type Side = 'before' | 'after';

export interface WriteOptions {
  /** Checked before each block: a cancel stops with ScanProblem 'canceled' (the caller rolls back). */
  readonly signal?: AbortSignal;
  readonly limits?: BlockLimits;
}

/** Writes one side of each patch where it differs from the other; returns the number of blocks sent. */
export async function applyPatches(context: Excel.RequestContext, sheet: Excel.Worksheet, patches: readonly Patch[], side: Side, options: WriteOptions = {}): Promise<number> {
  let blocks = 0;
  for (const patch of patches) {
    const source = patch[side];
    const other = patch[side === 'after' ? 'before' : 'after'];
    const { rect: area, formatColumns, after } = patch;
    const value = (r: number, c: number) => (after.value(r, c) === null ? null : source.value(r, c) ?? '');
    const format = (r: number, c: number) => (after.format(r, c) === null ? null : source.format(r, c));
    const step = rowsPerBlock(area.columns + formatColumns.length, 0, options.limits ?? BLOCK_LIMITS);
    for (let top = 0; top < area.rows; top += step) {
      if (options.signal?.aborted) throw new ScanProblem('canceled');
      const count = Math.min(step, area.rows - top);
      let queued = false;
      if (differs(count, area.columns, (r, c) => value(top + r, c) !== null && value(top + r, c) !== (other.value(top + r, c) ?? ''))) {
        const values: unknown[][] = [];
        for (let r = 0; r < count; r++) {
          const row: unknown[] = [];
          for (let c = 0; c < area.columns; c++) row.push(value(top + r, c));
          values.push(row);
        }
        const range = sheet.getRangeByIndexes(area.row + top, area.column, count, area.columns);
        if (side === 'after') range.values = values;
        else range.formulas = values;
        queued = true;
      }
      for (const c of formatColumns) {
        if (!differs(count, 1, (r) => format(top + r, c) !== null && format(top + r, c) !== other.format(top + r, c))) continue;
        const formats: (string | null)[][] = [];
        for (let r = 0; r < count; r++) formats.push([format(top + r, c)]);
        sheet.getRangeByIndexes(area.row + top, area.column + c, count, 1).numberFormat = formats;
        queued = true;
      }
      if (queued) {
        // Excel recalculates and repaints after every write otherwise; our cells feed no formula of
        // ours, and the scan asks for one recalculation at its end (scan-run.ts commit).
        // Excel.Application: suspendApiCalculationUntilNextSync (ExcelApi 1.6), suspendScreenUpdatingUntilNextSync (1.9).
        context.workbook.application.suspendApiCalculationUntilNextSync();
        context.workbook.application.suspendScreenUpdatingUntilNextSync();
        await context.sync();
        blocks++;
      }
    }
  }
  return blocks;
}

function differs(rows: number, columns: number, differsAt: (row: number, column: number) => boolean): boolean {
  for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) if (differsAt(r, c)) return true;
  return false;
}

/**
 * Cells read from the sheet, row-major, addressed by sheet row and column; the source every
 * patch's `before` side reads from.
 */
export class CellGrid {
  readonly values: unknown[];
  readonly formats: string[];

  constructor(readonly area: Rect) {
    this.values = new Array<unknown>(area.rows * area.columns).fill('');
    this.formats = new Array<string>(area.rows * area.columns).fill('General');
  }

  /** Copies a block read from the sheet, whose first row is sheet row `row`. */
  put(row: number, values: readonly (readonly unknown[])[], formats: readonly (readonly string[])[] | null): void {
    for (let r = 0; r < values.length; r++) {
      const base = (row - this.area.row + r) * this.area.columns;
      for (let c = 0; c < this.area.columns; c++) {
        this.values[base + c] = values[r][c];
        if (formats) this.formats[base + c] = formats[r][c];
      }
    }
  }

  value(row: number, column: number): unknown {
    return this.values[this.index(row, column)];
  }

  format(row: number, column: number): string {
    return this.formats[this.index(row, column)];
  }

  /** The grid seen from a patch's top-left cell. */
  view(origin: Rect): CellSource {
    return {
      value: (r, c) => this.value(origin.row + r, origin.column + c),
      format: (r, c) => this.format(origin.row + r, origin.column + c),
    };
  }

  private index(row: number, column: number): number {
    const r = row - this.area.row;
    const c = column - this.area.column;
    if (r < 0 || c < 0 || r >= this.area.rows || c >= this.area.columns) throw new RangeError(`cell (${row}, ${column}) is outside the grid read`);
    return r * this.area.columns + c;
  }
}

/** Several grids read together, looked up by sheet row and column (the first grid holding the cell answers). */
export class CellGrids {
  constructor(readonly grids: CellGrid[]) {}

  add(grid: CellGrid): void {
    this.grids.push(grid);
  }

  value(row: number, column: number): unknown {
    return this.holder(row, column).value(row, column);
  }

  format(row: number, column: number): string {
    return this.holder(row, column).format(row, column);
  }

  view(origin: Rect): CellSource {
    return {
      value: (r, c) => this.value(origin.row + r, origin.column + c),
      format: (r, c) => this.format(origin.row + r, origin.column + c),
    };
  }

  private holder(row: number, column: number): CellGrid {
    for (const grid of this.grids) {
      const a = grid.area;
      if (row >= a.row && column >= a.column && row < a.row + a.rows && column < a.column + a.columns) return grid;
    }
    throw new RangeError(`cell (${row}, ${column}) is outside the grids read`);
  }
}

/** A patch's `after` side from a function of sheet row and column. */
export function sheetSource(origin: Rect, value: (row: number, column: number) => unknown, format: (row: number, column: number) => string | null): CellSource {
  return { value: (r, c) => value(origin.row + r, origin.column + c), format: (r, c) => format(origin.row + r, origin.column + c) };
}
