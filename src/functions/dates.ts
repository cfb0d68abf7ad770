/**
 * Dates leave the functions as Excel serials in the workbook's date system. Where the host can
 * (ExcelApi 1.16 and later) the serial travels with a date format, so the cell shows 2025-03-16 and
 * not 45732, while formulas still see the number. The format is ISO (yyyy-mm-dd): the same in every
 * locale, and the Danish standard date form (DS/ISO 8601). See docs/custom-functions.md.
 */
import { isoFromDay, problem, serialFromDay, serialProblem, type Problem } from '../rules';
import type { DateValues, HostSettings } from './settings';

/** The number format sent with a date, in Excel's en-US format codes (the only ones a value may carry). */
export const DATE_NUMBER_FORMAT = 'yyyy-mm-dd';

export type DateCellValue =
  | number
  | { readonly type: 'Double'; readonly basicValue: number; readonly numberFormat: string }
  | { readonly type: 'FormattedNumber'; readonly basicValue: number; readonly numberFormat: string };

/**
 * The cell value of a day number, or a Problem when the workbook cannot show that day (after
 * 9999-12-31, or before the first day of its date system).
 * @example dateCellValue(20163, { dateSystem: '1900', dateValues: 'serial', locale: 'en' }) //=> 45732
 * @example dateCellValue(20163, { dateSystem: '1904', dateValues: 'formatted-number', locale: 'en' })
 * //=> { type: 'FormattedNumber', basicValue: 44270, numberFormat: 'yyyy-mm-dd' }
 */
export function dateCellValue(day: number, settings: HostSettings): DateCellValue | Problem {
  const serial = serialFromDay(day, settings.dateSystem);
  if (serialProblem(serial, settings.dateSystem)) return problem('date-out-of-range', isoFromDay(day));
  return withFormat(serial, settings.dateValues);
}

function withFormat(serial: number, values: DateValues): DateCellValue {
  if (values === 'double-with-format') return { type: 'Double', basicValue: serial, numberFormat: DATE_NUMBER_FORMAT };
  if (values === 'formatted-number') return { type: 'FormattedNumber', basicValue: serial, numberFormat: DATE_NUMBER_FORMAT };
  return serial;
}
