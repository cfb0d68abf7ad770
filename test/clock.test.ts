import fc from 'fast-check';
import { DateTime } from 'luxon';
import { localTimeAt, localToday } from '../src/clock';
import { dayFromIso } from '../src/rules';

// luxon is the oracle here: an independent implementation of local dates in IANA zones.
const ZONES = ['UTC', 'Europe/Copenhagen', 'Europe/London', 'America/New_York', 'America/Sao_Paulo', 'Asia/Kolkata', 'Asia/Kathmandu', 'Pacific/Auckland', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'];

describe('the local calendar day at an instant', () => {
  // The end of the day may come early, never late: where clocks went back at midnight (Brazil until
  // 2019) the day is an hour longer than assumed, and the cache in functions/clock.ts just asks again.
  test('agrees with luxon for any instant from 1990 to 2090 in zones with odd offsets and DST, and never ends the day late', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2090, 0, 1) }), fc.constantFrom(...ZONES), (millis, zone) => {
        const local = DateTime.fromMillis(millis, { zone });
        const expected = dayFromIso(local.toISODate()!);
        const got = localTimeAt(millis, zone);
        return got.day === expected && got.nextMidnight <= local.startOf('day').plus({ days: 1 }).toMillis() && got.nextMidnight > millis;
      }),
      { numRuns: 2000 },
    );
  });

  test.each([
    ['Europe/Copenhagen', Date.UTC(2025, 2, 1, 22, 59, 59, 999), '2025-03-01'], // one millisecond before local midnight
    ['Europe/Copenhagen', Date.UTC(2025, 2, 1, 23, 0, 0, 0), '2025-03-02'], // local midnight
    ['Europe/Copenhagen', Date.UTC(2025, 6, 1, 21, 59, 59, 999), '2025-07-01'], // summer time: midnight is 22:00 UTC
    ['Europe/Copenhagen', Date.UTC(2025, 6, 1, 22, 0, 0, 0), '2025-07-02'],
    ['America/New_York', Date.UTC(2025, 2, 2, 4, 59, 59, 999), '2025-03-01'],
    ['America/New_York', Date.UTC(2025, 2, 2, 5, 0, 0, 0), '2025-03-02'],
  ])('in %s at %d it is %s', (zone, millis, iso) => {
    expect(localTimeAt(millis, zone).day).toBe(dayFromIso(iso));
  });

  test('the day ends exactly at local midnight where clocks do not change at midnight', () => {
    expect(localTimeAt(Date.UTC(2025, 2, 1, 12), 'Europe/Copenhagen').nextMidnight).toBe(Date.UTC(2025, 2, 1, 23));
    expect(localTimeAt(Date.UTC(2025, 2, 30, 12), 'Europe/Copenhagen').nextMidnight).toBe(Date.UTC(2025, 2, 30, 22)); // the DST day itself
    // 00:30 on the day clocks spring forward (02:00 → 03:00): the day ends at 22:00 UTC, not 23:00.
    expect(localTimeAt(Date.UTC(2025, 2, 29, 23, 30), 'Europe/Copenhagen').nextMidnight).toBe(Date.UTC(2025, 2, 30, 22));
    // 00:30 on the day clocks fall back (03:00 → 02:00): the day is 25 hours and really ends at 23:00
    // UTC; the answer may come an hour early, and asked again then, the day is still 2025-10-26.
    const fallBack = localTimeAt(Date.UTC(2025, 9, 25, 22, 30), 'Europe/Copenhagen');
    expect(fallBack.nextMidnight).toBeLessThanOrEqual(Date.UTC(2025, 9, 26, 23));
    expect(localTimeAt(fallBack.nextMidnight, 'Europe/Copenhagen').day).toBe(dayFromIso('2025-10-26'));
    expect(localTimeAt(Date.UTC(2025, 9, 26, 23), 'Europe/Copenhagen').day).toBe(dayFromIso('2025-10-27'));
  });

  test('today from the system clock is the system zone\'s date', () => {
    const before = dayFromIso(DateTime.local().toISODate()!);
    const today = localToday();
    const after = dayFromIso(DateTime.local().toISODate()!);
    expect([before, after]).toContain(today);
  });
});
