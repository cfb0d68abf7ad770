import { spawnSync } from 'node:child_process';
import path from 'node:path';
import {
  dateSystemOfSerial, dayFromIso, dayFromSerial, dayFromYmd, isoFromDay, serialFromDay, serialProblem, MAX_DAY, MIN_DAY, dayFromUtcMillis, utcMillisFromDay,
} from '../../src/rules';

describe('Excel serials become the right calendar dates', () => {
  test.each([
    // serial, system, ISO date
    [1, '1900', '1900-01-01'],
    [59, '1900', '1900-02-28'],
    [61, '1900', '1900-03-01'],
    [25569, '1900', '1970-01-01'],
    [45688, '1900', '2025-01-31'],
    [45717, '1900', '2025-03-01'],
    [2958465, '1900', '9999-12-31'],
    [0, '1904', '1904-01-01'],
    [1, '1904', '1904-01-02'],
    [44226, '1904', '2025-01-31'], // 45688 − 1462
    [45688.75, '1900', '2025-01-31'], // a time of day is dropped
  ] as const)('serial %d in the %s system is %s', (serial, system, iso) => {
    expect(isoFromDay(dayFromSerial(serial, system))).toBe(iso);
  });

  test.each([
    [60, '1900', 'fictitious-1900-02-29'],
    [0, '1900', 'out-of-range'],
    [-1, '1904', 'out-of-range'],
    [2958466, '1900', 'out-of-range'],
    [2957004, '1904', 'out-of-range'], // 1904 serial of 10000-01-01
    [NaN, '1900', 'not-a-number'],
    [Infinity, '1900', 'not-a-number'],
  ] as const)('serial %d in the %s system is refused as %s', (serial, system, why) => {
    expect(serialProblem(serial, system)).toBe(why);
    expect(dayFromSerial(serial, system)).toBeNaN();
  });

  test('the last 1904 serial, 2957003, is 9999-12-31', () => {
    expect(isoFromDay(dayFromSerial(2957003, '1904'))).toBe('9999-12-31');
  });

  test('the two systems are 1,462 serials apart for the same day after 1904', () => {
    const day = dayFromIso('2025-03-01');
    expect(serialFromDay(day, '1900') - serialFromDay(day, '1904')).toBe(1462);
  });
});

describe('calendar arithmetic', () => {
  test.each([
    [2024, 2, 29, true],
    [2025, 2, 29, false],
    [1900, 2, 29, false],
    [2000, 2, 29, true],
    [2025, 4, 31, false],
    [2025, 13, 1, false],
    [2025, 0, 1, false],
    [2025, 1, 0, false],
  ])('%d-%d-%d exists: %s', (y, m, d, exists) => {
    expect(Number.isNaN(dayFromYmd(y, m, d))).toBe(!exists);
  });

  test('day 0 is 1970-01-01 and days count up by one', () => {
    expect(dayFromIso('1970-01-01')).toBe(0);
    expect(isoFromDay(-1)).toBe('1969-12-31');
    expect(dayFromIso('2024-03-01') - dayFromIso('2024-02-28')).toBe(2);
  });

  test('strict ISO parsing refuses other shapes', () => {
    expect(dayFromIso('2025-1-31')).toBeNaN();
    expect(dayFromIso('31-01-2025')).toBeNaN();
  });

  test('MIN_DAY and MAX_DAY are Excel\'s first and last dates', () => {
    expect(isoFromDay(MIN_DAY)).toBe('1900-01-01');
    expect(isoFromDay(MAX_DAY)).toBe('9999-12-31');
  });

  test('UTC midnight instants convert both ways, and a time of day is dropped', () => {
    const day = dayFromIso('2025-01-31');
    expect(dayFromUtcMillis(Date.UTC(2025, 0, 31))).toBe(day);
    expect(dayFromUtcMillis(Date.UTC(2025, 0, 31, 23, 59))).toBe(day);
    expect(utcMillisFromDay(day)).toBe(Date.UTC(2025, 0, 31));
  });
});

describe('round trips over every day Excel can show', () => {
  // Exhaustive rather than sampled, in a plain Node process (see support/every-day.ts).
  test('every day from 1900-03-01 to 9999-12-31 survives ISO text, serial and calendar round trips', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'support', 'every-day.ts')], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as { checked: number; first: string; last: string; failures: string[] };
    expect(report.failures).toEqual([]);
    expect([report.first, report.last, report.checked]).toEqual(['1900-03-01', '9999-12-31', MAX_DAY - dayFromIso('1900-03-01') + 1]);
  });

  test('ISO text round-trips on a sample of days including the extremes', () => {
    for (const day of [dayFromIso('1900-03-01'), 0, dayFromIso('2024-02-29'), MAX_DAY]) expect(dayFromIso(isoFromDay(day))).toBe(day);
    for (let day = dayFromIso('1900-03-01'); day <= MAX_DAY; day += 997) expect(dayFromIso(isoFromDay(day))).toBe(day);
  });

  test('serials 1 to 59 (before the fictitious leap day) map one to one', () => {
    for (let serial = 1; serial <= 59; serial++) expect(serialFromDay(dayFromSerial(serial, '1900'), '1900')).toBe(serial);
  });
});

describe('the date system a workbook uses, from its DATE answer', () => {
  test.each([
    [2000, 36526, '1900'],
    [2000, 35064, '1904'],
    [1904, 1462, '1900'],
    [1904, 0, '1904'],
    [2000, 36527, null],
  ] as const)('DATE(%d,1,1) = %d means the %s system', (year, serial, system) => {
    expect(dateSystemOfSerial(dayFromYmd(year, 1, 1), serial)).toBe(system);
  });
});
