/**
 * ExcelJS cell values → the rules' {@link CellValue}: the one place where a file's dates become
 * day numbers. ExcelJS hands a date-formatted cell over as a JavaScript Date at UTC midnight
 * (already in the workbook's date system); everything else stays as written.
 */
import { dayFromUtcMillis, dayFromYmd, utcMillisFromDay, type CellValue, type DateSystem } from '../rules';

const MS_PER_DAY = 86_400_000;
const SERIAL_1900_OF_EPOCH = 25569;
/** Before this day ExcelJS's 1900 dates ignore Excel's fictitious 1900-02-29 and are a day off. */
const FIRST_DAY_AFTER_1900_LEAP_QUIRK = dayFromYmd(1900, 3, 1);

/**
 * One cell for the rules. Dates become `{ day }`; the few before 1900-03-01 in the 1900 system go
 * back to their serial, so that the rules' one serial converter sees Excel's 1900-02-29 quirk.
 * @example cellValueFromExcel(new Date(Date.UTC(2025, 0, 31)), '1900') //=> { day: 20119 }
 */
export function cellValueFromExcel(value: unknown, system: DateSystem): CellValue {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return value;
    case 'object':
      break;
    default:
      return null;
  }
  if (value instanceof Date) {
    const millis = value.getTime();
    if (Number.isNaN(millis)) return null;
    const day = dayFromUtcMillis(millis);
    if (system === '1900' && day < FIRST_DAY_AFTER_1900_LEAP_QUIRK) return Math.round(millis / MS_PER_DAY) + SERIAL_1900_OF_EPOCH;
    return { day };
  }
  const object = value as Record<string, unknown>;
  if (Array.isArray(object.richText)) return (object.richText as Array<{ text?: unknown }>).map((run) => String(run.text ?? '')).join('');
  if ('formula' in object || 'sharedFormula' in object) return cellValueFromExcel(object.result, system);
  if ('error' in object) return String(object.error);
  if ('hyperlink' in object || 'text' in object) return cellValueFromExcel(object.text, system);
  return null;
}

/** A date cell for a day number: a JavaScript Date at UTC midnight, as ExcelJS writes them. */
export function excelDate(day: number): Date {
  return new Date(utcMillisFromDay(day));
}

/** The cells of an ExcelJS row that {@link rowValuesOf} needs. */
export interface CellsOfRow {
  readonly cellCount: number;
  findCell(column: number): { readonly value: unknown } | undefined;
}

/** A row's values, 0-based from column A, read cell by cell (no intermediate array). */
export function rowValuesOf(row: CellsOfRow, system: DateSystem): CellValue[] {
  const count = row.cellCount;
  const out: CellValue[] = new Array(count);
  for (let column = 1; column <= count; column++) {
    const cell = row.findCell(column);
    out[column - 1] = cell ? cellValueFromExcel(cell.value, system) : null;
  }
  return out;
}
