/**
 * What the functions hand back to Excel: dates a cell shows as dates, error values Excel shows with
 * their message, and never an exception, whatever the arguments.
 */
import fc from 'fast-check';
import { runFunction } from '../../src/functions/engine';
import { CellError } from '../../src/functions/host';
import { DEFAULT_SETTINGS, useHostSettings } from '../../src/functions/settings';
import { STATUS } from '../../src/functions/specs';
import * as functions from '../../src/functions/functions';
import { cancelDate, dueDate, refundDeadline, status, suspensionDate } from '../../src/functions/functions';
import { column, errorOf, grid, OMITTED, one, serial, single, withSettings } from './excel';

describe('dates come back as serials of the workbook, with a date format where the host takes one', () => {
  afterEach(() => useHostSettings(null));

  test.each([
    ['serial', '1900', serial('2025-03-01')],
    ['serial', '1904', serial('2025-03-01', '1904')],
    ['formatted-number', '1900', { type: 'FormattedNumber', basicValue: 45717, numberFormat: 'yyyy-mm-dd' }],
    ['double-with-format', '1904', { type: 'Double', basicValue: 44255, numberFormat: 'yyyy-mm-dd' }],
  ] as const)('%s in a %s workbook', (dateValues, dateSystem, expected) => {
    useHostSettings({ dateValues, dateSystem });
    expect(single(suspensionDate(one('2025-01-14'), one('Net 30')))).toEqual(expected);
  });

  test('a formatted date from one SUBS function is read by another (cells holding our own results)', () => {
    useHostSettings({ dateValues: 'double-with-format' });
    const due = grid(dueDate(column([serial('2025-01-14'), serial('2025-02-01')]), one('Net 30')));
    expect(grid(cancelDate(due))).toEqual([
      [{ type: 'Double', basicValue: serial('2025-03-31'), numberFormat: 'yyyy-mm-dd' }], // due 2025-02-13 + 46
      [{ type: 'Double', basicValue: serial('2025-04-18'), numberFormat: 'yyyy-mm-dd' }], // due 2025-03-03 + 46
    ]);
    expect(single(status(one(due[0][0]), OMITTED, OMITTED, OMITTED, OMITTED, one(serial('2025-03-01'))))).toBe('Suspended');
  });

  test('a date past 9999-12-31 cannot be shown: #VALUE! saying so, never a wrong date', () => {
    useHostSettings({});
    expect(errorOf(single(suspensionDate(one('9999-12-20'))))).toEqual({ code: '#VALUE!', message: '"10000-01-05" is outside the dates Excel can show (1900-01-01 to 9999-12-31)' });
    expect(single(refundDeadline(one('9999-12-01')))).toBe(serial('9999-12-31'));
  });
});

describe('errors are Excel’s own error values when Excel is there', () => {
  const globals = globalThis as { CustomFunctions?: unknown };
  class FakeError {
    constructor(
      readonly code: string,
      readonly message?: string,
    ) {}
  }
  withSettings();
  beforeEach(() => {
    globals.CustomFunctions = { associate: () => undefined, Error: FakeError, ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A' } };
  });
  afterEach(() => delete globals.CustomFunctions);

  test('#VALUE! and #N/A are CustomFunctions.Error values with their messages', () => {
    const value = single(dueDate(one('soon')));
    expect(value).toBeInstanceOf(FakeError);
    expect(value).toEqual(new FakeError('#VALUE!', 'date: "soon" is not a date: use a date cell, 2025-01-31 or 31-01-2025'));
    const notApplicable = single(functions.financingEligible(one('Annual'), one(9000), one('EUR')));
    expect(notApplicable).toEqual(new FakeError('#N/A', 'Cannot judge financing for an amount in EUR: the threshold is USD 4,500 and no exchange rate is assumed.'));
  });
});

describe('nothing throws at Excel', () => {
  withSettings();

  test('an exception in a row becomes #VALUE! in that cell with its text; the other cells are answered', () => {
    let calls = 0;
    const failing = { ...STATUS, row: () => (++calls === 2 ? (() => { throw new TypeError('boom'); })() : 'Active') } as never;
    const answers = runFunction(failing, [column([1, 2, 3])], { settings: DEFAULT_SETTINGS, today: () => 0 });
    expect(answers[0]).toEqual(['Active']);
    expect(errorOf(answers[1][0])).toEqual({ code: '#VALUE!', message: 'SUBS.STATUS failed unexpectedly (TypeError: boom); please report this' });
    expect(answers[2]).toEqual(['Active']);
  });

  test('an argument that throws when read becomes one #VALUE! for the call', () => {
    const hostile = new Proxy([], { get: () => { throw new RangeError('no access'); } });
    expect(errorOf(single(dueDate(hostile as never)))).toEqual({ code: '#VALUE!', message: 'SUBS.DUEDATE failed unexpectedly (RangeError: no access); please report this' });
  });

  const anyCell = fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.double(),
    fc.integer({ min: -10, max: 3_000_000 }),
    fc.string(),
    fc.constantFrom('Net 30', 'Faktura', 'Monthly', '3-årig', 'Ja', 'x', '31.01.2025', '03/04/2025', '$4,500.00', 'DKK', ''),
    fc.record({ type: fc.constantFrom('Double', 'FormattedNumber', 'String', 'Entity', 'Error', 'Empty'), basicValue: fc.oneof(fc.double(), fc.string()) }),
  );
  const anyArgument = fc.oneof(fc.constant(null), fc.constant(undefined), anyCell, fc.array(fc.array(anyCell, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }), fc.array(anyCell));
  const entries = Object.entries(functions).flatMap(([name, fn]) => (typeof fn === 'function' ? [[name, fn as (...args: unknown[]) => unknown] as const] : []));

  test('any arguments at all: every function returns a grid of values and error values, no exception, no "unexpected"', () => {
    fc.assert(
      fc.property(fc.constantFrom(...entries), fc.array(anyArgument, { maxLength: 7 }), ([, fn], args) => {
        const answers = grid(fn(...args));
        expect(answers.length).toBeGreaterThan(0);
        for (const row of answers) {
          for (const value of row) {
            const error = errorOf(value);
            if (error) expect(error.message).not.toMatch(/failed unexpectedly/);
            else expect(['number', 'string', 'boolean', 'object']).toContain(typeof value);
            if (error) expect(value).toBeInstanceOf(CellError);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
