import { POLICY } from '../policy';
import { ok, problem, type Parsed } from '../result';
import { isBlank, type CellValue } from './cell';
import { aliasTable, normalizeKey } from './normalize';

/** How a renewal is paid: on the renewal date itself, or by invoice N days later. */
export type PaymentTerms =
  | { readonly kind: 'on-renewal'; readonly method: PaymentMethod }
  | { readonly kind: 'net'; readonly days: number };

export type PaymentMethod = 'auto-renew' | 'card' | 'paypal' | 'direct-debit';

/** rules.md §2: "A row with no payment terms is treated as auto-renew without net terms". */
const DEFAULT_TERMS: PaymentTerms = { kind: 'on-renewal', method: 'auto-renew' };

const METHODS = aliasTable<PaymentMethod>([
  ['auto-renew', ['Auto-renew', 'Auto renew', 'Autorenew', 'Automatic renewal', 'Automatisk fornyelse', 'Auto-fornyelse']],
  ['card', ['Credit card', 'Card', 'Debit card', 'Kreditkort', 'Betalingskort', 'Kort', 'Visa', 'Mastercard']],
  ['paypal', ['PayPal']],
  ['direct-debit', ['Direct debit', 'Direkte debitering', 'Betalingsservice', 'SEPA direct debit', 'ACH']],
]);

const INVOICE_WORDS = new Set(['invoice', 'faktura', 'paybyinvoice', 'betalingmedfaktura', 'invoicenetterms', 'netterms']);
const NET_DAYS = /^(?:invoice|faktura|paybyinvoice)?(?:net|netto)(\d{1,4})(?:days|day|dage|dag|d)?$/;

/**
 * Payment terms from a cell (rules.md §8). Blank means auto-renew; "Invoice" and "Faktura" mean net 30.
 * @example parseTerms('Netto 30') //=> { ok: true, value: { kind: 'net', days: 30 } }
 * @example parseTerms('Kreditkort') //=> { ok: true, value: { kind: 'on-renewal', method: 'card' } }
 */
export function parseTerms(value: CellValue): Parsed<PaymentTerms> {
  if (isBlank(value)) return ok(DEFAULT_TERMS);
  if (typeof value !== 'string') return problem('unknown-terms', value);
  const key = normalizeKey(value);
  const method = METHODS.get(key);
  if (method) return ok({ kind: 'on-renewal', method });
  if (INVOICE_WORDS.has(key)) return ok({ kind: 'net', days: POLICY.invoiceNetDays.value });
  const net = NET_DAYS.exec(key);
  if (net) {
    const days = Number(net[1]);
    if (days >= 1 && days <= POLICY.maxNetDays.value) return ok({ kind: 'net', days });
  }
  return problem('unknown-terms', value);
}

/** Short English name of terms, for explanations: "net 30", "credit card". */
export function describeTerms(terms: PaymentTerms): string {
  return terms.kind === 'net' ? `net ${terms.days}` : terms.method;
}
