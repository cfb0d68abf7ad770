/**
 * An omitted as_of or request_date is today in the user's own time zone, read when the function
 * runs (the functions are volatile, so Excel runs them again on a new day).
 */
import { cachedLocalToday, useClock } from '../../src/functions/clock';
import { dayFromIso } from '../../src/rules';
import { refundEligible, status } from '../../src/functions/functions';
import { column, grid, OMITTED, one, serial, single, withSettings } from './excel';

withSettings();

/** 2025-03-01 23:30 UTC: already 2025-03-02 in Copenhagen, still 2025-03-01 in New York. */
const LATE_EVENING_UTC = Date.UTC(2025, 2, 1, 23, 30);

afterEach(() => useClock());

function at(millis: number, zone: string): void {
  useClock({ now: () => millis, zone: () => zone });
}

describe('today is the local calendar date', () => {
  test.each([
    ['Europe/Copenhagen', '2025-03-02'],
    ['UTC', '2025-03-01'],
    ['America/New_York', '2025-03-01'],
    ['Pacific/Auckland', '2025-03-02'],
  ])('at 2025-03-01 23:30 UTC, in %s it is %s', (zone, iso) => {
    at(LATE_EVENING_UTC, zone);
    expect(cachedLocalToday()).toBe(dayFromIso(iso));
  });
});

describe('today is read again at local midnight, never carried into the next day', () => {
  test('one millisecond before and at midnight in Copenhagen (23:00 UTC in winter)', () => {
    at(Date.UTC(2025, 2, 1, 22, 59, 59, 999), 'Europe/Copenhagen');
    expect(cachedLocalToday()).toBe(dayFromIso('2025-03-01'));
    at(Date.UTC(2025, 2, 1, 23, 0, 0, 0), 'Europe/Copenhagen');
    expect(cachedLocalToday()).toBe(dayFromIso('2025-03-02'));
  });

  test('a change of time zone is noticed at once', () => {
    at(LATE_EVENING_UTC, 'UTC');
    expect(cachedLocalToday()).toBe(dayFromIso('2025-03-01'));
    at(LATE_EVENING_UTC, 'Asia/Tokyo');
    expect(cachedLocalToday()).toBe(dayFromIso('2025-03-02'));
  });
});

describe('STATUS without as_of is as of today', () => {
  const dueOn = (iso: string) => single(status(one(serial(iso))));

  test('a subscription due 2025-03-01 is due soon that day and expired from the next local day', () => {
    at(LATE_EVENING_UTC, 'UTC');
    expect(dueOn('2025-03-01')).toBe('Due soon');
    at(LATE_EVENING_UTC, 'Europe/Copenhagen');
    expect(dueOn('2025-03-01')).toBe('Expired');
  });

  test('a blank as_of cell, an empty cell sent as 0 and an omitted as_of all mean today', () => {
    at(LATE_EVENING_UTC, 'Europe/Copenhagen');
    const date = one(serial('2025-03-01'));
    for (const asOf of [null, one(null), one(''), one(0)]) expect(single(status(date, OMITTED, OMITTED, OMITTED, OMITTED, asOf as never))).toBe('Expired');
  });

  test('in a column of as_of dates, the blank cells are today and the others are read', () => {
    at(LATE_EVENING_UTC, 'Europe/Copenhagen');
    const spilled = grid(status(column([serial('2025-03-01'), serial('2025-03-01')]), OMITTED, OMITTED, OMITTED, OMITTED, column(['', serial('2025-02-20')])));
    expect(spilled).toEqual([['Expired'], ['Due soon']]);
  });
});

describe('REFUNDELIGIBLE without request_date asks about a request made today', () => {
  test('the last day of the window is still eligible, the day after is not', () => {
    at(LATE_EVENING_UTC, 'Europe/Copenhagen'); // today: 2025-03-02
    expect(single(refundEligible(one(serial('2025-01-31'))))).toBe(true); // last day 2025-03-02
    expect(single(refundEligible(one(serial('2025-01-30'))))).toBe(false); // last day 2025-03-01
    at(LATE_EVENING_UTC, 'UTC'); // today: 2025-03-01
    expect(single(refundEligible(one(serial('2025-01-30'))))).toBe(true);
  });
});
