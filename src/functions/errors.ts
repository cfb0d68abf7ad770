/**
 * The one mapping from what went wrong to an Excel error value:
 * - bad input (a rule's Problem, a cell that cannot be read, ranges that do not fit) is `#VALUE!`;
 * - "does not apply" (financing in a currency other than USD) is `#N/A`;
 * - an exception nobody expected is `#VALUE!` too, so Excel never shows a bare error without a word.
 * Each carries a message naming the argument and what it accepts; Excel shows it in the cell's
 * error menu (only #VALUE! and #N/A carry messages).
 */
import { explainProblem, fill, type Locale, type Problem } from '../rules';
import { cellError } from './host';
import { FUNCTION_MESSAGES } from './messages';

/** A result that does not apply to the row, with the sentence that says why. */
export interface NotApplicable {
  readonly notApplicable: string;
}

export function notApplicable(message: string): NotApplicable {
  return { notApplicable: message };
}

export function isNotApplicable(value: unknown): value is NotApplicable {
  return typeof value === 'object' && value !== null && typeof (value as NotApplicable).notApplicable === 'string';
}

/**
 * `#VALUE!` for a value the rules refused, naming the argument:
 * `terms: "Net 3O" is not a payment term: use Net 30 (Netto 30, Invoice, Faktura), …`.
 */
export function problemError(found: Problem, argument: string | undefined, locale: Locale): object {
  // The argument name says where the value came from; the rules' field names (renewal date, …) are for tables.
  const withoutField: Problem = { ok: false, reason: found.reason, value: found.value };
  return cellError('invalidValue', explainProblem(withoutField, locale, argument));
}

export function notApplicableError(reason: NotApplicable): object {
  return cellError('notAvailable', reason.notApplicable);
}

export interface ShapeMismatch {
  readonly argument: string;
  readonly rows: number;
  readonly columns: number;
  readonly reference: string;
  readonly referenceRows: number;
  readonly referenceColumns: number;
}

export function shapeError(mismatch: ShapeMismatch, locale: Locale): object {
  return cellError('invalidValue', fill(FUNCTION_MESSAGES[locale]['shape-mismatch'], { ...mismatch }));
}

export function unreadableError(argument: string, type: string, locale: Locale): object {
  return cellError('invalidValue', fill(FUNCTION_MESSAGES[locale]['unreadable-cell'], { argument, type }));
}

/**
 * An argument cell that holds an error: that row's answer is an error too, #N/A for #N/A (as
 * Excel's own functions pass it on) and #VALUE! for the rest, naming the argument and the error.
 */
export function errorInputError(argument: string, code: string, locale: Locale): object {
  return cellError(code === '#N/A' ? 'notAvailable' : 'invalidValue', fill(FUNCTION_MESSAGES[locale]['error-input'], { argument, code }));
}

/** An exception that escaped: a bug, shown as `#VALUE!` with its own text rather than thrown at Excel. */
export function unexpectedError(functionId: string, thrown: unknown, locale: Locale): object {
  const detail = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
  return cellError('invalidValue', fill(FUNCTION_MESSAGES[locale].unexpected, { function: functionId, detail }));
}
