/**
 * Calling SUBS functions the way Excel does, in node: every argument is a grid ([[v]] for one cell,
 * rows of cells for a range), an omitted optional argument is null, a date cell is its serial.
 */
import { dayFromIso, serialFromDay, type DateSystem } from '../../src/rules';
import { isCellError } from '../../src/functions/host';
import { useHostSettings, type HostSettings } from '../../src/functions/settings';

/** One cell, as Excel passes a single value to an `any[][]` argument. */
export const one = (value: unknown): unknown[][] => [[value]];

/** An omitted optional argument: Excel passes null (TypeScript's optional parameters say undefined). */
export const OMITTED = null as never;

/** One cell, or an omitted argument for null. */
export const optional = (value: unknown): unknown[][] => (value === null ? OMITTED : one(value));

/** A column range, N × 1. */
export const column = (values: readonly unknown[]): unknown[][] => values.map((value) => [value]);

/** The serial a date cell holds in the given date system. */
export const serial = (iso: string, system: DateSystem = '1900'): number => serialFromDay(dayFromIso(iso), system);

/** The result of a call that is known to be synchronous (outside Excel it always is). */
export function grid(result: unknown): unknown[][] {
  if (result instanceof Promise) throw new Error('expected a synchronous result');
  return result as unknown[][];
}

/** The single cell of a 1 × 1 result. */
export const single = (result: unknown): unknown => {
  const cells = grid(result);
  expect([cells.length, cells[0].length]).toEqual([1, 1]);
  return cells[0][0];
};

export interface ErrorCell {
  code: string;
  message?: string;
}

export function errorOf(value: unknown): ErrorCell | null {
  return isCellError(value) ? { code: value.code, message: value.message } : null;
}

/** Fails the test with the message of an error cell, which says far more than "expected a number". */
export function valueOf(value: unknown): unknown {
  const error = errorOf(value);
  if (error) throw new Error(`expected a value, got ${error.code} ${error.message ?? ''}`);
  return value;
}

/** Runs each test of a block with fixed host settings (1900 system, bare serials, English by default). */
export function withSettings(settings: Partial<HostSettings> = {}): void {
  beforeEach(() => useHostSettings({ dateSystem: '1900', dateValues: 'serial', locale: 'en', ...settings }));
  afterEach(() => useHostSettings(null));
}
