/** The one settings parse every front end reads its settings through (src/scan/settings.ts). */
import { POLICY } from '../../src/rules';
import { parseReconcileSettings, parseSetting, parseSettings, reconcileSettings, scanSettings, RECONCILE_SETTINGS, SCAN_SETTINGS } from '../../src/scan';

const AS_OF = '2025-03-01';

describe('parseSettings', () => {
  test('fills every default; only the as-of date must be given', () => {
    expect(parseSettings({ asOf: AS_OF })).toEqual({ ok: true, settings: { asOf: 20148 /* 2025-03-01 */, warningDays: 14, dateOrder: null, locale: 'en' } });
    expect(parseSettings({ asOf: 20148, warningDays: 7, dateOrder: 'dmy', locale: 'da' })).toEqual({ ok: true, settings: { asOf: 20148, warningDays: 7, dateOrder: 'dmy', locale: 'da' } });
  });

  test.each<[string | number, boolean]>([
    ['0', true],
    [0, true],
    ['365', true],
    [365, true],
    ['366', false],
    [366, false],
    ['-1', false],
    [-1, false],
    ['1.5', false],
    [1.5, false],
    ['1e2', false],
    ['ten', false],
    ['', false],
    [' 7 ', true],
  ])('a warning window of %j is valid: %s (whole days, 0 to 365)', (warningDays, valid) => {
    expect(parseSettings({ asOf: AS_OF, warningDays }).ok).toBe(valid);
  });

  test('the bound is the policy\'s', () => {
    expect(POLICY.maxWarningDays.value).toBe(365);
    expect(POLICY.defaultWarningDays.value).toBe(14);
  });

  test.each<[unknown, string]>([
    [undefined, ''],
    [null, ''],
    ['', ''],
    ['2025-02-29', '2025-02-29'],
    ['01-03-2025', '01-03-2025'],
    [1.5, '1.5'],
  ])('an as-of date of %j is a bad-setting problem naming the value', (asOf, value) => {
    expect(parseSettings({ asOf: asOf as string })).toEqual({ ok: false, problems: [{ ok: false, reason: 'bad-setting', value, field: 'asOf' }] });
  });

  test('every bad setting is a problem of its own, in the order the settings are declared', () => {
    const reading = parseSettings({ asOf: 'x', warningDays: '400', dateOrder: 'ymd', locale: 'sv' });
    expect(reading.ok).toBe(false);
    if (!reading.ok) expect(reading.problems.map((p) => [p.field, p.value])).toEqual([['asOf', 'x'], ['warningDays', '400'], ['dateOrder', 'ymd'], ['locale', 'sv']]);
  });

  test('a date order is dmy, mdy or absent (never guessed)', () => {
    expect(parseSetting('dateOrder', 'mdy')).toEqual({ ok: true, value: 'mdy' });
    expect(parseSetting('dateOrder', null)).toEqual({ ok: true, value: null });
    expect(parseSetting('dateOrder', 'DMY').ok).toBe(false);
  });
});

describe('reconciliation shares the scan\'s settings and adds the tolerance', () => {
  test('the common part is the same declaration', () => {
    for (const name of Object.keys(SCAN_SETTINGS) as Array<keyof typeof SCAN_SETTINGS>) expect(RECONCILE_SETTINGS[name]).toBe(SCAN_SETTINGS[name]);
    expect(parseReconcileSettings({ asOf: AS_OF })).toEqual({ ok: true, settings: { asOf: 20148, warningDays: 14, dateOrder: null, locale: 'en', tolerance: 0.01 } });
  });

  test.each<[string | number, number | null]>([
    [0, 0],
    ['0', 0],
    ['0.05', 0.05],
    ['0,05', 0.05],
    [100, 100],
    ['100', 100],
    [100.01, null],
    ['100.01', null],
    [-0.01, null],
    ['-1', null],
    ['1.234,5', null],
    ['', null],
  ])('a tolerance of %j is %j', (tolerance, expected) => {
    const reading = parseReconcileSettings({ asOf: AS_OF, tolerance });
    expect(reading.ok ? reading.settings.tolerance : null).toBe(expected);
    if (!reading.ok) expect(reading.problems).toEqual([{ ok: false, reason: 'bad-setting', value: String(tolerance), field: 'tolerance' }]);
  });

  test('the scan ignores a tolerance it does not have', () => {
    expect(parseSettings({ asOf: AS_OF, ...({ tolerance: 'x' } as object) })).toEqual(parseSettings({ asOf: AS_OF }));
  });
});

describe('settings a program gives', () => {
  test('take the same defaults', () => {
    expect(scanSettings({ asOf: 20148 })).toEqual({ asOf: 20148, warningDays: 14, dateOrder: null, locale: 'en' });
    expect(reconcileSettings({ asOf: 20148, locale: 'da' }).tolerance).toBe(0.01);
  });

  test('throw RangeError for a bad value: a programmer\'s mistake', () => {
    expect(() => scanSettings({ asOf: 20148, warningDays: -1 })).toThrow(new RangeError('bad settings: warningDays "-1"'));
    expect(() => reconcileSettings({ asOf: 20148, tolerance: 1000 })).toThrow(RangeError);
    expect(() => scanSettings({})).toThrow(RangeError);
  });
});
