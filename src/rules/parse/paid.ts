import { ok, problem, type Parsed } from '../result';
import { isBlank, isDayCell, type CellValue } from './cell';
import { parseDate, type DateReading } from './dates';
import { isYesNoWord, parseYesNo } from './yesno';
import { aliasTable, normalizeKey } from './normalize';

/** Payment as the row knows it: nothing, a yes flag without a date, or the day it was paid. */
export type Payment =
  | { readonly kind: 'unpaid' }
  | { readonly kind: 'paid-flag' }
  | { readonly kind: 'paid-on'; readonly day: number };

const UNPAID: Payment = { kind: 'unpaid' };

/**
 * Words that only make sense in a paid column. They are not in the shared yes/no table, which also
 * reads the public-sector and unique-agreement columns: a paid column mapped there by mistake must
 * make its rows invalid, not quietly "public sector".
 */
const PAID_WORDS = aliasTable<boolean>([
  [true, ['Paid', 'Betalt']],
  [false, ['Unpaid', 'Not paid', 'Ikke betalt', 'Ubetalt']],
]);

/**
 * A paid cell: a paid date, or a yes/no (rules.md §4). Blank is unpaid.
 * @example parsePayment('Ja') //=> { ok: true, value: { kind: 'paid-flag' } }
 * @example parsePayment('2025-02-01') //=> { ok: true, value: { kind: 'paid-on', day: 20120 } }
 */
export function parsePayment(value: CellValue, reading: DateReading = {}): Parsed<Payment> {
  if (isBlank(value)) return ok(UNPAID);
  // 0 and 1 are the yes/no of a number cell, not 1900-01-01 (serial 1) or a serial that does not exist.
  if (value === 0 || value === 1) return ok(value === 1 ? { kind: 'paid-flag' } : UNPAID);
  const paidWord = typeof value === 'string' ? PAID_WORDS.get(normalizeKey(value)) : undefined;
  if (paidWord !== undefined) return ok(paidWord ? { kind: 'paid-flag' } : UNPAID);
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
