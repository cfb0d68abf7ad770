/**
 * Bad data is a value: a parse or rule that cannot give an answer returns a Problem with a fixed
 * reason code and the actual value, and the adapters add which cell it came from.
 */

export type ReasonCode =
  | 'missing-date'
  | 'bad-date'
  | 'ambiguous-date'
  | 'fictitious-date'
  | 'date-out-of-range'
  | 'unknown-terms'
  | 'unknown-billing'
  | 'unknown-yes-no'
  | 'unknown-paid'
  | 'bad-amount'
  | 'request-before-start'
  | 'bad-setting';

export interface Problem {
  readonly ok: false;
  readonly reason: ReasonCode;
  /** The value as the user wrote it, shown back in the explanation. */
  readonly value: string;
  /** Which field of the row it concerns, when known (e.g. "terms"). */
  readonly field?: string;
}

export interface Ok<T> {
  readonly ok: true;
  readonly value: T;
}

export type Parsed<T> = Ok<T> | Problem;

export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

export function problem(reason: ReasonCode, value: unknown, field?: string): Problem {
  return field === undefined ? { ok: false, reason, value: showValue(value) } : { ok: false, reason, value: showValue(value), field };
}

/** The value as text for a message: strings as written, other values by their JS text. */
export function showValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString().slice(0, 10);
  if (typeof value === 'object' && 'day' in (value as object)) return `day ${(value as { day: unknown }).day}`;
  return String(value);
}
