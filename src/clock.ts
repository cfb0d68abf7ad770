/**
 * Today, read at the edges (CLI, task pane, custom functions) and nowhere else: the rules take
 * "as of" as a parameter. "Today" is the user's local calendar date — a finance user in
 * Copenhagen at 00:30 is on the new day although UTC is not — found with the platform's Intl time
 * zone data, which every browser, Excel runtime and Node has (no library: the custom functions'
 * bundle has a 100 KB budget). `test/clock.test.ts` checks it against luxon across zones.
 */
import { dayFromYmd } from './rules';

const MS_PER_DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string | undefined): Intl.DateTimeFormat {
  const key = zone ?? '';
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23',
    });
    formatters.set(key, found);
  }
  return found;
}

export interface LocalTime {
  /** The local calendar day, as a day number. */
  readonly day: number;
  /** The instant the next local day starts, in milliseconds since the epoch. */
  readonly nextMidnight: number;
}

/**
 * The local calendar day at an instant, in a time zone (default: the system's), and when it ends.
 * @example localTimeAt(Date.UTC(2025, 2, 1, 23, 30), 'Europe/Copenhagen').day //=> 20149 (2025-03-02)
 */
export function localTimeAt(millis: number, zone?: string): LocalTime {
  const now = wallClockAt(millis, zone);
  // Next midnight at today's offset, then at the offset in force at that estimate: between them
  // they cover a clock change later tonight (spring forward at 02:00 after a 00:30 reading). The
  // earlier of the two is taken, so the day may end early (and is asked again), never late.
  const midnight = (now.day + 1) * MS_PER_DAY;
  const estimate = midnight - now.offset;
  return { day: now.day, nextMidnight: Math.min(estimate, midnight - wallClockAt(estimate, zone).offset) };
}

/** The local day at an instant, and the zone's offset then (wall-clock time read as UTC, minus the instant). */
function wallClockAt(millis: number, zone: string | undefined): { day: number; offset: number } {
  const parts: Record<string, number> = {};
  for (const part of formatter(zone).formatToParts(millis)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const day = dayFromYmd(parts.year, parts.month, parts.day);
  const wallClock = day * MS_PER_DAY + ((parts.hour * 60 + parts.minute) * 60 + parts.second) * 1000 + (((millis % 1000) + 1000) % 1000);
  return { day, offset: wallClock - millis };
}

/** Today's local day number, from the system clock and time zone. */
export function localToday(): number {
  return localTimeAt(Date.now()).day;
}
