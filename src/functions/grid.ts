/**
 * Arguments as grids. Every SUBS argument is declared `any[][]`, so Excel hands a single value as
 * [[v]] and a range as rows of cells; an omitted optional argument arrives as null. A function's
 * result has the shape its range arguments share, and each single value is used for every cell
 * (as Excel's own functions do when given a range).
 */

export type Grid = readonly (readonly unknown[])[];

export interface Shape {
  readonly rows: number;
  readonly columns: number;
}

const BLANK: Grid = [[null]];

/**
 * An argument as a grid. Null, undefined and an empty array are one blank cell; a bare value is
 * one cell; a flat array (never sent by Excel) is read as one row.
 * @example toGrid(null) //=> [[null]]
 * @example toGrid(45688) //=> [[45688]]
 */
export function toGrid(value: unknown): Grid {
  if (value === null || value === undefined) return BLANK;
  if (!Array.isArray(value)) return [[value]];
  if (value.length === 0) return BLANK;
  // Excel's grids are rectangular arrays of rows; checking the first row keeps this O(1) on 100,000 rows.
  if (!Array.isArray(value[0])) return [value];
  return value[0].length === 0 ? BLANK : (value as Grid);
}

export function shapeOf(grid: Grid): Shape {
  return { rows: grid.length, columns: grid[0].length };
}

export function isSingle(grid: Grid): boolean {
  return grid.length === 1 && grid[0].length === 1;
}

/** Which argument gives the result its shape, and which one (if any) does not fit it. */
export type ShapeCheck =
  | { readonly ok: true; readonly shape: Shape }
  | { readonly ok: false; readonly index: number; readonly referenceIndex: number; readonly shape: Shape; readonly referenceShape: Shape };

/**
 * The shape of the result: that of the first argument that is a range (1 × 1 when all are single
 * values). Every other range must have exactly that shape; a row of 3 does not fit a column of 3.
 */
export function resultShape(grids: readonly Grid[]): ShapeCheck {
  let referenceIndex = -1;
  for (let index = 0; index < grids.length; index++) {
    if (isSingle(grids[index])) continue;
    if (referenceIndex < 0) {
      referenceIndex = index;
      continue;
    }
    const shape = shapeOf(grids[index]);
    const referenceShape = shapeOf(grids[referenceIndex]);
    if (shape.rows !== referenceShape.rows || shape.columns !== referenceShape.columns) {
      return { ok: false, index, referenceIndex, shape, referenceShape };
    }
  }
  return { ok: true, shape: referenceIndex < 0 ? { rows: 1, columns: 1 } : shapeOf(grids[referenceIndex]) };
}
