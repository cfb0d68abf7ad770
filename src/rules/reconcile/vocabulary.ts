/**
 * The values of rules.md §9.1: Autodesk's invoice status words, which rows of a payments table
 * are payments, and which payments are Autodesk's.
 */
import { ok, type Parsed } from '../result';
import { isBlank, type CellValue } from '../parse/cell';
import { aliasTable, normalizeKey } from '../parse/normalize';
import { showValue } from '../result';

/** Autodesk's own status of an invoice, as its invoice list says it. */
export type AutodeskStatus = 'paid' | 'open' | 'past-due' | 'void';

const STATUS_WORDS = aliasTable<AutodeskStatus>([
  ['paid', ['Paid', 'Betalt', 'Paid in full', 'Fuldt betalt']],
  ['open', ['Open', 'Unpaid', 'Åben', 'Ubetalt', 'Not paid', 'Ikke betalt', 'Due', 'Outstanding', 'Udestående']],
  ['past-due', ['Past due', 'Overdue', 'Forfalden', 'Forfaldet', 'Overskredet']],
  ['void', ['Canceled', 'Cancelled', 'Void', 'Voided', 'Annulleret', 'Annulleret faktura']],
]);

/** A status cell that is none of the words: the row is invalid and the reason says so. */
export interface UnknownStatus {
  readonly ok: false;
  readonly reason: 'unknown-invoice-status';
  readonly value: string;
}

/**
 * Autodesk's status from a cell (rules.md §9.1): Paid/Betalt; Open, Unpaid/Åben, Ubetalt; Past
 * due, Overdue/Forfalden; Canceled, Void/Annulleret. Blank is no status. Any other word is refused
 * rather than guessed: "Voided" and "Credited" could mean void.
 * @example parseAutodeskStatus('Forfalden') //=> { ok: true, value: 'past-due' }
 */
export function parseAutodeskStatus(value: CellValue): Parsed<AutodeskStatus | null> | UnknownStatus {
  if (isBlank(value)) return ok(null);
  const status = typeof value === 'string' ? STATUS_WORDS.get(normalizeKey(value)) : undefined;
  return status ? ok(status) : { ok: false, reason: 'unknown-invoice-status', value: showValue(value) };
}

/**
 * The convention of a signed amount column (rules.md §9.1): when any amount is negative, the
 * negative rows are payments and the others incoming (a bank statement); when none is, every row
 * is a payment (a ledger). Zero is not negative.
 * @example signedColumnConvention([-500, 1200, -80]) //=> 'bank'
 */
export function signedColumnConvention(amounts: Iterable<number>): 'bank' | 'ledger' {
  for (const amount of amounts) if (amount < 0) return 'bank';
  return 'ledger';
}

/**
 * Is a signed amount a payment under the table's convention? Bank: the negative ones. Ledger: all.
 * @example isOutgoing(1200, 'bank') //=> false (money in: incoming)
 */
export function isOutgoing(amount: number, convention: 'bank' | 'ledger'): boolean {
  return convention === 'ledger' || amount < 0;
}

/**
 * Does a payee or reference text say the money went to Autodesk? (rules.md §9.1: "when its payee
 * or reference text contains "Autodesk"", case ignored, so "AUTODESK IRELAND" and
 * "autodesk.com" count).
 * @example mentionsAutodesk('Betaling til AUTODESK IRELAND OPERATIONS') //=> true
 */
export function mentionsAutodesk(text: string): boolean {
  return text.toLowerCase().includes('autodesk');
}
