import { showValue } from '../result';
import type { CellValue } from './cell';
import { aliasTable, normalizeKey } from './normalize';

/** The columns a subscription table can have (rules.md §8). */
export type Field =
  | 'renewalDate'
  | 'endDate'
  | 'invoiceDate'
  | 'terms'
  | 'billing'
  | 'paid'
  | 'purchaseDate'
  | 'publicSector'
  | 'refundExcluded'
  | 'amount'
  | 'currency'
  | 'id'
  | 'contract'
  | 'product'
  | 'seats';

export const FIELDS: readonly Field[] = [
  'id', 'contract', 'product', 'seats', 'renewalDate', 'endDate', 'invoiceDate', 'terms', 'billing', 'paid',
  'purchaseDate', 'publicSector', 'refundExcluded', 'amount', 'currency',
];

/** Fields that can anchor the shutoff clock: a table needs one of them to be scanned. */
export const DATE_FIELDS: readonly Field[] = ['renewalDate', 'endDate', 'invoiceDate'];

/** English, Danish and Autodesk Account export names of each column (rules.md §8). */
export const HEADER_ALIASES: ReadonlyArray<readonly [Field, readonly string[]]> = [
  ['renewalDate', ['Renewal date', 'Auto-renew date', 'Autorenew date', 'Next renewal', 'Next renewal date', 'Renewal', 'Fornyelsesdato', 'Fornyelse', 'Næste fornyelse', 'autorenew_date']],
  ['endDate', ['End date', 'Expiry date', 'Expiration date', 'Expires', 'Udløbsdato', 'Slutdato', 'Udløber', 'end_date']],
  ['invoiceDate', ['Invoice date', 'Fakturadato', 'Faktura dato', 'invoice_date']],
  ['terms', ['Terms', 'Payment terms', 'Payment method', 'Betalingsbetingelser', 'Betalingsvilkår', 'Betalingsmetode', 'Betalingsmåde', 'payment_method']],
  ['billing', ['Billing', 'Billing period', 'Billing cycle', 'Term', 'Faktureringsperiode', 'Periode', 'Løbetid', 'term']],
  ['paid', ['Paid', 'Paid date', 'Payment date', 'Date paid', 'Betalt', 'Betalingsdato', 'Betalt dato']],
  ['purchaseDate', ['Purchase date', 'Order date', 'Start date', 'Købsdato', 'Ordredato', 'Startdato', 'start_date']],
  ['publicSector', ['Public sector', 'Government', 'Offentlig', 'Offentlig sektor', 'Offentlig myndighed']],
  ['refundExcluded', ['Unique agreement', 'Enterprise agreement', 'Unique legal agreement', 'Unik aftale', 'Særlig aftale', 'Unik juridisk aftale']],
  ['amount', ['Amount', 'Price', 'Total', 'Net price', 'Beløb', 'Pris', 'Total pris']],
  ['currency', ['Currency', 'Valuta', 'currency']],
  ['id', ['Subscription ID', 'Subscription', 'ID', 'Abonnements-ID', 'Abonnement', 'subscription_id']],
  ['contract', ['Contract number', 'Contract', 'Kontraktnummer', 'Kontrakt', 'contract_number']],
  ['product', ['Product', 'Product name', 'Offering', 'Produkt', 'Produktnavn', 'offering_name']],
  ['seats', ['Seats', 'Quantity', 'Number of seats', 'Antal pladser', 'Antal', 'Pladser', 'seat_quantity']],
];

const HEADERS = aliasTable<Field>(HEADER_ALIASES);

/**
 * The field a header names, or null.
 * @example fieldOfHeader('Betalingsvilkår') //=> 'terms'
 * @example fieldOfHeader('autorenew_date') //=> 'renewalDate'
 */
export function fieldOfHeader(header: CellValue): Field | null {
  return HEADERS.get(normalizeKey(showValue(header))) ?? null;
}

/** Column index of each field in a header row; the leftmost column wins when two name one field. */
export type ColumnMap = Partial<Record<Field, number>>;

export function mapHeaders(headerRow: readonly CellValue[]): ColumnMap {
  const columns: ColumnMap = {};
  headerRow.forEach((header, column) => {
    const field = fieldOfHeader(header);
    if (field && columns[field] === undefined) columns[field] = column;
  });
  return columns;
}

/** A header row is one that names at least two fields, one of them a date the clock can start from. */
export function isHeaderRow(columns: ColumnMap): boolean {
  return Object.keys(columns).length >= 2 && hasDueAnchor(columns);
}

/** Does the mapping have a date the shutoff clock can start from (renewal, end or invoice date)? */
export function hasDueAnchor(columns: ColumnMap): boolean {
  return DATE_FIELDS.some((field) => columns[field] !== undefined);
}
