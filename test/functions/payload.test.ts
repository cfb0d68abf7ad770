/**
 * Results at Excel's size limit. The fake below measures what the custom-functions runtime sends:
 * `JSON.stringify` of the result with CustomFunctions.Error's toJSON (fields as in
 * @microsoft/office-js custom-functions-runtime.js: valueType, code, type, basicValue, basicType,
 * message, errorType), and refuses over 5 MB as Excel does (OfficeDev/office-js#4654).
 * test/taskpane/real-office.test.ts checks the per-cell figures against Microsoft's own class.
 */
import { cancelDate, status, suspensionDate } from '../../src/functions/functions';
import { RESULT_BYTE_BUDGET, resultBytes } from '../../src/functions/payload';
import { useHostSettings } from '../../src/functions/settings';
import { column, grid, one, serial } from './excel';

const EXCEL_LIMIT = 5 * 1024 * 1024;
const globals = globalThis as { CustomFunctions?: unknown };

/** Shaped like Microsoft's CustomFunctionError: what toJSON writes is what travels. */
class RuntimeError {
  constructor(readonly code: string, readonly message = '') {}
  toJSON() {
    const errorType = this.code === '#N/A' ? 'NotAvailable' : 'Value';
    return { valueType: 'CustomFunctionError', code: this.code, type: 'Error', basicValue: this.code, basicType: 'Error', message: this.message === '' ? undefined : this.message, errorType };
  }
}

/** The bytes the runtime sends for one result, or a throw where Excel refuses it. */
function excelReceives(result: unknown): number {
  const bytes = JSON.stringify([1, true, result, [0]]).length;
  if (bytes > EXCEL_LIMIT) throw new Error(`Excel refuses a result of ${bytes} bytes`);
  return bytes;
}

const dates = (rows: number) => column(Array.from({ length: rows }, (_, i) => serial('2025-01-01') + (i % 700)));

beforeEach(() => {
  globals.CustomFunctions = { associate: () => undefined, Error: RuntimeError, ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A' } };
  useHostSettings({ dateSystem: '1900', dateValues: 'double-with-format', locale: 'en' });
});
afterEach(() => {
  delete globals.CustomFunctions;
  useHostSettings(null);
});

describe('a spill of dates', () => {
  test('50,000 rows keep their date format and stay under the budget', () => {
    const result = grid(suspensionDate(dates(50_000)));
    expect(result[0][0]).toMatchObject({ type: 'Double', numberFormat: 'yyyy-mm-dd' });
    expect(excelReceives(result)).toBeLessThan(RESULT_BYTE_BUDGET);
  });

  test('100,000 rows (formatted: about 6.7 MB, over Excel\'s 5 MB) go as bare serials, under the budget', () => {
    const result = grid(cancelDate(dates(100_000)));
    expect(typeof result[0][0]).toBe('number');
    expect(result[99_999][0]).toBe(serial('2025-01-01') + (99_999 % 700) + 46);
    expect(excelReceives(result)).toBeLessThan(RESULT_BYTE_BUDGET);
  });

  test('the estimate never counts fewer bytes than the runtime sends', () => {
    const result = grid(suspensionDate(dates(20_000), column(Array.from({ length: 20_000 }, (_, i) => (i % 3 === 0 ? 'Net 3O' : 'Net 30')))));
    expect(resultBytes(result)).toBeGreaterThanOrEqual(JSON.stringify(result).length);
  });

  test('1,048,576 rows (a whole column) cannot fit even as serials: one #VALUE! that says how many rows fit', () => {
    const result = grid(suspensionDate(dates(1_048_576)));
    expect(result).toHaveLength(1);
    const error = result[0][0] as RuntimeError;
    expect(error).toBeInstanceOf(RuntimeError);
    expect(error.message).toMatch(/^the answer for 1048576 rows would be \d+\.\d MB, over what Excel takes from one function \(5 MB\): give at most \d+ rows per formula$/);
    const fits = Number(/at most (\d+) rows/.exec(error.message)![1]);
    expect(fits).toBeGreaterThan(400_000);
    expect(excelReceives(grid(suspensionDate(dates(fits))))).toBeLessThan(RESULT_BYTE_BUDGET);
  });
});

describe('a spill of errors', () => {
  const refused = (rows: number) => grid(status(column(Array.from({ length: rows }, () => 'not a date')), null as never, null as never, null as never, null as never, one(serial('2025-03-01'))));

  test('25,000 refused rows: the messages go, the errors stay, each in its row, under the budget', () => {
    const result = refused(25_000);
    expect(result).toHaveLength(25_000);
    expect(result.every(([cell]) => cell instanceof RuntimeError && cell.code === '#VALUE!' && cell.message === '')).toBe(true);
    expect(excelReceives(result)).toBeLessThan(RESULT_BYTE_BUDGET);
  });

  test('100,000 refused rows (an error is ~130 bytes even without its message): one #VALUE! that says how many fit', () => {
    const result = refused(100_000);
    expect(result).toHaveLength(1);
    expect((result[0][0] as RuntimeError).message).toMatch(/^the answer for 100000 rows would be 13\.\d MB, .*give at most 29\d{3} rows per formula$/);
    expect(excelReceives(result)).toBeLessThan(1_000);
  });

  test('a few refused rows keep their messages', () => {
    const result = grid(status(column(['not a date', serial('2025-03-20')]), null as never, null as never, null as never, null as never, one(serial('2025-03-01'))));
    expect((result[0][0] as RuntimeError).message).toMatch(/^date: "not a date" is not a date/);
    expect(result[1][0]).toBe('Active');
  });
});
