/**
 * Walks every day from 1900-03-01 to 9999-12-31 through the real parse and format paths and
 * prints a JSON report. Run in a plain Node process by days.test.ts: inside jest's sandbox the
 * same 2.9 million iterations take ten times as long.
 */
import { dayFromIso, dayFromSerial, dayFromYmd, isoFromDay, parseDate, serialFromDay, ymdFromDay, MAX_DAY } from '../../../src/rules';

const first = dayFromIso('1900-03-01');
const first1904 = dayFromIso('1904-01-01'); // the 1904 system has no earlier dates
const failures: string[] = [];
let previous = ymdFromDay(first - 1);
let checked = 0;
for (let day = first; day <= MAX_DAY; day++, checked++) {
  const iso = isoFromDay(day);
  const parsed = parseDate(iso);
  if (!parsed.ok || parsed.value !== day) failures.push(`ISO ${iso}`);
  const ymd = ymdFromDay(day);
  if (dayFromYmd(ymd.year, ymd.month, ymd.day) !== day) failures.push(`ymd ${iso}`);
  const serial = serialFromDay(day, '1900');
  if (dayFromSerial(serial, '1900') !== day) failures.push(`1900 serial ${iso}`);
  const serialParsed = parseDate(serial);
  if (!serialParsed.ok || serialParsed.value !== day) failures.push(`1900 serial cell ${iso}`);
  if (day >= first1904 && dayFromSerial(serialFromDay(day, '1904'), '1904') !== day) failures.push(`1904 serial ${iso}`);
  // Consecutive days are consecutive dates: the day of month steps by one, or restarts at 1.
  if (!(ymd.day === previous.day + 1 && ymd.month === previous.month && ymd.year === previous.year) && ymd.day !== 1) failures.push(`step ${iso}`);
  previous = ymd;
  if (failures.length > 20) break;
}
process.stdout.write(JSON.stringify({ checked, first: isoFromDay(first), last: isoFromDay(first + checked - 1), failures }));
