/**
 * Today, for an omitted `as_of` or `request_date`: the calendar date in the user's own time zone
 * (a finance user in Copenhagen at 00:30 is on the new day, although UTC is not). Read through
 * luxon at this edge only; the rules never read a clock. Tests set luxon's `Settings.now` and
 * `Settings.defaultZone`.
 */
import { DateTime, Settings, type Zone } from 'luxon';
import { dayFromYmd } from '../rules';

/** How long one reading of the clock is trusted at most, in case the system time zone changes. */
const RECHECK_MS = 60_000;

let known: { day: number; zone: Zone; from: number; until: number } | null = null;

/**
 * Today's day number in the local time zone. A volatile function filled down 100,000 cells asks
 * this 100,000 times per recalculation, so the answer is kept until the next local midnight (and
 * at most a minute): never stale, and not a calendar computation per call.
 * @example localToday() //=> 20148 on 2025-03-01, from 00:00 to 23:59 local time
 */
export function localToday(): number {
  const now = Settings.now();
  const zone = Settings.defaultZone;
  if (known && known.zone === zone && now >= known.from && now < known.until) return known.day;
  const local = DateTime.local();
  const day = dayFromYmd(local.year, local.month, local.day);
  known = { day, zone, from: local.startOf('day').toMillis(), until: Math.min(local.startOf('day').plus({ days: 1 }).toMillis(), now + RECHECK_MS) };
  return day;
}
