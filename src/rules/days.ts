/**
 * Day numbers: whole days since 1970-01-01 (day 0). Every rule works on them; dates enter and
 * leave through the converters below and nowhere else.
 *
 * Excel serials: the 1900 system counts 1900-01-01 as 1 and wrongly keeps 1900-02-29 (serial 60),
 * so serials from 61 on are one day ahead of a true count; the 1904 system counts 1904-01-01 as 0.
 * See docs/day-numbers.md.
 */

export type DateSystem = '1900' | '1904';

/** The last day Excel can show, 9999-12-31. */
export const MAX_DAY = 2932896;
/** 1900-01-01, Excel's first date. */
export const MIN_DAY = -25567;

/**
 * The number format of every date cell we write (Excel, the annotated copy, the worksheet
 * functions' formatted results): ISO, the same in every language and unambiguous.
 */
export const DATE_NUMBER_FORMAT = 'yyyy-mm-dd';

const SERIAL_1900_OF_EPOCH = 25569; // serial of 1970-01-01 in the 1900 system
const SERIAL_1904_OF_EPOCH = 24107; // serial of 1970-01-01 in the 1904 system
const FICTITIOUS_1900_LEAP_DAY = 60;
const MS_PER_DAY = 86_400_000;

/**
 * The day number of a calendar date, or NaN when the date does not exist.
 * @example dayFromYmd(1970, 1, 1) //=> 0
 * @example dayFromYmd(2025, 2, 29) //=> NaN (2025 is not a leap year)
 */
export function dayFromYmd(year: number, month: number, day: number): number {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return NaN;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  // Days-from-civil (H. Hinnant): shift the year to start in March so the leap day is last.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = (month + 9) % 12;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** Year, month (1-12) and day of a day number. */
export function ymdFromDay(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1];
}

/**
 * ISO 8601 calendar date of a day number.
 * @example isoFromDay(20089) //=> '2025-01-01'
 */
export function isoFromDay(dayNumber: number): string {
  const { year, month, day } = ymdFromDay(dayNumber);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The day number of a strict `YYYY-MM-DD` string, or NaN. */
export function dayFromIso(text: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return match ? dayFromYmd(+match[1], +match[2], +match[3]) : NaN;
}

/** Why a serial is not a date: `null` when it is one. */
export type SerialProblem = 'not-a-number' | 'out-of-range' | 'fictitious-1900-02-29';

/**
 * Why an Excel serial is not a usable date, or null. A fraction (a time of day) is allowed and dropped.
 * @example serialProblem(60, '1900') //=> 'fictitious-1900-02-29'
 */
export function serialProblem(serial: number, system: DateSystem): SerialProblem | null {
  if (typeof serial !== 'number' || !Number.isFinite(serial)) return 'not-a-number';
  const whole = Math.floor(serial);
  if (system === '1900') {
    if (whole === FICTITIOUS_1900_LEAP_DAY) return 'fictitious-1900-02-29';
    if (whole < 1) return 'out-of-range';
  } else if (whole < 0) {
    return 'out-of-range';
  }
  const day = dayFromSerialUnchecked(whole, system);
  return day > MAX_DAY ? 'out-of-range' : null;
}

function dayFromSerialUnchecked(whole: number, system: DateSystem): number {
  if (system === '1904') return whole - SERIAL_1904_OF_EPOCH;
  // Serials 1..59 come before Excel's fictitious 1900-02-29, so they are not shifted.
  return whole < FICTITIOUS_1900_LEAP_DAY ? whole - SERIAL_1900_OF_EPOCH + 1 : whole - SERIAL_1900_OF_EPOCH;
}

/**
 * The day number of an Excel serial (time of day dropped), or NaN when {@link serialProblem} finds one.
 * @example dayFromSerial(45688, '1900') //=> 20119 (2025-01-31)
 * @example dayFromSerial(59, '1900') //=> -25509 (1900-02-28, the day before Excel's fictitious leap day)
 */
export function dayFromSerial(serial: number, system: DateSystem = '1900'): number {
  return serialProblem(serial, system) ? NaN : dayFromSerialUnchecked(Math.floor(serial), system);
}

/**
 * The Excel serial of a day number in the given date system.
 * @example serialFromDay(20119, '1900') //=> 45688
 */
export function serialFromDay(dayNumber: number, system: DateSystem = '1900'): number {
  if (system === '1904') return dayNumber + SERIAL_1904_OF_EPOCH;
  const serial = dayNumber + SERIAL_1900_OF_EPOCH;
  return serial <= FICTITIOUS_1900_LEAP_DAY ? serial - 1 : serial;
}

/**
 * Which date system a workbook uses, from the serial its own DATE function gave for a known day
 * (the Excel API has no released property for it). Null when the serial fits neither system.
 * @example dateSystemOfSerial(dayFromYmd(2000, 1, 1), 35064) //=> '1904'
 */
export function dateSystemOfSerial(day: number, serial: number): DateSystem | null {
  if (serial === serialFromDay(day, '1900')) return '1900';
  return serial === serialFromDay(day, '1904') ? '1904' : null;
}

/**
 * The day number of a UTC instant (a JavaScript Date built from a calendar date at UTC midnight,
 * as ExcelJS and the file adapters hand them over). The time of day is dropped.
 */
export function dayFromUtcMillis(millis: number): number {
  return Math.floor(millis / MS_PER_DAY);
}

/** UTC midnight of a day number, in milliseconds. */
export function utcMillisFromDay(dayNumber: number): number {
  return dayNumber * MS_PER_DAY;
}
