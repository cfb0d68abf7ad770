/**
 * Today, for an omitted `as_of` or `request_date`, from the shared edge clock (src/clock.ts). The
 * instant and the zone are replaceable so that tests can stand at any midnight in any zone.
 */
import { localTimeAt } from '../clock';

/** How long one reading is trusted at most, in case the system time zone changes. */
const RECHECK_MS = 60_000;

export interface ClockSource {
  now(): number;
  /** An IANA zone, or undefined for the system's. */
  zone(): string | undefined;
}

const SYSTEM_CLOCK: ClockSource = { now: () => Date.now(), zone: () => undefined };
let clock: ClockSource = SYSTEM_CLOCK;
let known: { day: number; zone: string | undefined; from: number; until: number } | null = null;

/** Replaces the clock (tests); call with no argument to go back to the system clock. */
export function useClock(source: ClockSource = SYSTEM_CLOCK): void {
  clock = source;
  known = null;
}

/**
 * Today's day number in the local time zone. A volatile function filled down 100,000 cells asks
 * this 100,000 times per recalculation, so the answer is kept until the next local midnight (and
 * at most a minute): never stale, and not a calendar computation per call.
 * @example cachedLocalToday() //=> 20148 on 2025-03-01, from 00:00 to 23:59 local time
 */
export function cachedLocalToday(): number {
  const now = clock.now();
  const zone = clock.zone();
  if (known && known.zone === zone && now >= known.from && now < known.until) return known.day;
  const local = localTimeAt(now, zone);
  known = { day: local.day, zone, from: now, until: Math.min(local.nextMidnight, now + RECHECK_MS) };
  return local.day;
}
