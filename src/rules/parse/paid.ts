import { ok, problem, type Parsed } from '../result';
import { isBlank, isDayCell, type CellValue } from './cell';
import { parseDate, type DateReading } from './dates';
import { isYesNoWord, parseYesNo } from './yesno';

/** Payment as the row knows it: nothing, a yes flag without a date, or the day it was paid. */
export type Payment =
  | { readonly kind: 'unpaid' }
  | { readonly kind: 'paid-flag' }
  | { readonly kind: 'paid-on'; readonly day: number };

export const UNPAID: Payment = { kind: 'unpaid' };

/**
 * A paid cell: a paid date, or a yes/no (rules.md §4). Blank is unpaid.
 * @example parsePayment('Ja') //=> { ok: true, value: { kind: 'paid-flag' } }
 * @example parsePayment('2025-02-01') //=> { ok: true, value: { kind: 'paid-on', day: 20120 } }
 */
export function parsePayment(value: CellValue, reading: DateReading = {}): Parsed<Payment> {
  if (isBlank(value)) return ok(UNPAID);
  if (typeof value === 'boolean' || (typeof value === 'string' && isYesNoWord(value))) {
    const flag = parseYesNo(value);
    if (flag.ok) return ok(flag.value ? { kind: 'paid-flag' } : UNPAID);
  }
  if (typeof value === 'number' || typeof value === 'string' || isDayCell(value)) {
    const date = parseDate(value, reading);
    if (date.ok) return ok({ kind: 'paid-on', day: date.value });
    if (date.reason === 'ambiguous-date' || date.reason === 'fictitious-date') return date;
  }
  return problem('unknown-paid', value);
}
