import { dayFromSerial, dayFromYmd, serialProblem, MAX_DAY, MIN_DAY, type DateSystem } from '../days';
import { ok, problem, type Parsed } from '../result';
import { isBlank, isDayCell, type CellValue } from './cell';
import { normalizeKey } from './normalize';

/** How to read a slash date whose day and month could be swapped; null: never guess. */
export type DateOrder = 'dmy' | 'mdy';

export interface DateReading {
  /** The workbook's date system, for serial numbers. */
  readonly system?: DateSystem;
  /** The stated order for slash dates such as 03/04/2025. */
  readonly order?: DateOrder | null;
}

const MONTHS = new Map<string, number>();
[
  ['january', 'jan', 'januar'],
  ['february', 'feb', 'februar'],
  ['march', 'mar', 'marts'],
  ['april', 'apr'],
  ['may', 'maj'],
  ['june', 'jun', 'juni'],
  ['july', 'jul', 'juli'],
  ['august', 'aug'],
  ['september', 'sep', 'sept'],
  ['october', 'oct', 'okt', 'oktober'],
  ['november', 'nov'],
  ['december', 'dec'],
].forEach((names, index) => names.forEach((name) => MONTHS.set(name, index + 1)));

const TIME_SUFFIX = String.raw`(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?`;
const ISO = new RegExp(String.raw`^(\d{4})[-/](\d{1,2})[-/](\d{1,2})${TIME_SUFFIX}$`);
const DAY_FIRST = new RegExp(String.raw`^(\d{1,2})([-./])(\d{1,2})\2(\d{4})\.?${TIME_SUFFIX}$`);
const INTEGER = /^\d+(?:\.\d+)?$/;
const DAY_MONTH_NAME_YEAR = /^(\d{1,2})\.?\s*([a-zæøå]+)\.?,?\s*(\d{4})$/;
const MONTH_NAME_DAY_YEAR = /^([a-zæøå]+)\.?\s*(\d{1,2}),?\s*(\d{4})$/;

/**
 * The day number of a date cell: an Excel serial, a file reader's day, or text in ISO
 * (`2025-01-31`), Danish day-first (`31-01-2025`, `31.01.2025`, `31/01/2025`) or with a month
 * name (`31 Jan 2025`, `31. januar 2025`, `Jan 31, 2025`). A slash date such as `03/04/2025`
 * follows the stated order and is never guessed.
 * @example parseDate('31.01.2025') //=> { ok: true, value: 20119 }
 * @example parseDate('03/04/2025').ok //=> false (reason 'ambiguous-date')
 */
export function parseDate(value: CellValue, reading: DateReading = {}): Parsed<number> {
  if (isBlank(value)) return problem('missing-date', value);
  if (isDayCell(value)) return inRange(value.day, value);
  if (typeof value === 'number') return fromSerial(value, reading.system ?? '1900', value);
  if (typeof value !== 'string') return problem('bad-date', value);
  const text = value.trim();
  if (INTEGER.test(text)) return fromSerial(Number(text), reading.system ?? '1900', value);

  const iso = ISO.exec(text);
  if (iso) return fromYmd(+iso[1], +iso[2], +iso[3], value);

  const dayFirst = DAY_FIRST.exec(text);
  if (dayFirst) {
    const [first, separator, second, year] = [+dayFirst[1], dayFirst[2], +dayFirst[3], +dayFirst[4]];
    if (separator !== '/') return fromYmd(year, second, first, value);
    return fromSlashDate(first, second, year, reading.order ?? null, value);
  }

  const lower = text.toLowerCase();
  const dayName = DAY_MONTH_NAME_YEAR.exec(lower);
  if (dayName) return fromNamedMonth(+dayName[3], dayName[2], +dayName[1], value);
  const nameDay = MONTH_NAME_DAY_YEAR.exec(lower);
  if (nameDay) return fromNamedMonth(+nameDay[3], nameDay[1], +nameDay[2], value);
  return problem('bad-date', value);
}

function fromSlashDate(first: number, second: number, year: number, order: DateOrder | null, original: CellValue): Parsed<number> {
  if (order === 'dmy') return fromYmd(year, second, first, original);
  if (order === 'mdy') return fromYmd(year, first, second, original);
  // No stated order: only a date that reads one way can be taken.
  const asDayFirst = dayFromYmd(year, second, first);
  const asMonthFirst = dayFromYmd(year, first, second);
  if (Number.isNaN(asDayFirst) && Number.isNaN(asMonthFirst)) return problem('bad-date', original);
  if (Number.isNaN(asMonthFirst) || asDayFirst === asMonthFirst) return inRange(asDayFirst, original);
  if (Number.isNaN(asDayFirst)) return inRange(asMonthFirst, original);
  return problem('ambiguous-date', original);
}

function fromNamedMonth(year: number, monthName: string, day: number, original: CellValue): Parsed<number> {
  const month = MONTHS.get(normalizeKey(monthName));
  return month === undefined ? problem('bad-date', original) : fromYmd(year, month, day, original);
}

function fromYmd(year: number, month: number, day: number, original: CellValue): Parsed<number> {
  const dayNumber = dayFromYmd(year, month, day);
  return Number.isNaN(dayNumber) ? problem('bad-date', original) : inRange(dayNumber, original);
}

function fromSerial(serial: number, system: DateSystem, original: CellValue): Parsed<number> {
  const why = serialProblem(serial, system);
  if (why === 'fictitious-1900-02-29') return problem('fictitious-date', original);
  if (why) return problem(why === 'out-of-range' ? 'date-out-of-range' : 'bad-date', original);
  return ok(dayFromSerial(serial, system));
}

function inRange(dayNumber: number, original: CellValue): Parsed<number> {
  return Number.isInteger(dayNumber) && dayNumber >= MIN_DAY && dayNumber <= MAX_DAY ? ok(dayNumber) : problem('date-out-of-range', original);
}
