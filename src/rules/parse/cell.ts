/**
 * What a cell can hold when it reaches the rules: Excel hands numbers (date serials), strings and
 * booleans; file readers turn date cells into a {@link DayCell} at the edge.
 */
export interface DayCell {
  readonly day: number;
}

export type CellValue = string | number | boolean | DayCell | null | undefined;

export function isDayCell(value: unknown): value is DayCell {
  return typeof value === 'object' && value !== null && typeof (value as DayCell).day === 'number';
}

/** Blank: nothing, or only white space. */
export function isBlank(value: CellValue): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}
