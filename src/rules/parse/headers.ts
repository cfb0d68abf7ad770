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
const DATE_FIELDS: readonly Field[] = ['renewalDate', 'endDate', 'invoiceDate'];

/** The kinds of table the product reads: subscriptions (rules.md §8), invoices and payments (§9.1). */
export type TableKind = 'subscriptions' | 'invoices' | 'payments';

export const TABLE_KINDS: readonly TableKind[] = ['subscriptions', 'invoices', 'payments'];

/** The columns of an invoices table (rules.md §9.1). `id` and `contract` list the subscriptions it bills. */
export type InvoiceField =
  | 'invoiceNumber' | 'invoiceDate' | 'dueDate' | 'amount' | 'currency' | 'poNumber' | 'id' | 'contract' | 'invoiceStatus' | 'terms' | 'billing';

/** The columns of a payments table (rules.md §9.1): a signed amount, or debit and credit columns. */
export type PaymentField = 'paymentDate' | 'amount' | 'debit' | 'credit' | 'currency' | 'reference' | 'invoiceNumber' | 'payee' | 'poNumber';

/** Any column of any table kind. */
export type TableField = Field | InvoiceField | PaymentField;



const S: readonly TableKind[] = ['subscriptions'];
const I: readonly TableKind[] = ['invoices'];
const P: readonly TableKind[] = ['payments'];
const SI: readonly TableKind[] = ['subscriptions', 'invoices'];
const IP: readonly TableKind[] = ['invoices', 'payments'];
const ALL: readonly TableKind[] = TABLE_KINDS;

/**
 * THE alias table: every header name of every table kind, English, Danish and export names
 * (rules.md §8 and §9.1). Each line names the field, its aliases and the table kinds it applies
 * to, so "Payment date" is the paid column of a subscription list and the date of a payment.
 * Within a field, earlier lines win over later ones when a table has both (an invoice list with
 * "Fakturanummer" and "Bilagsnummer" takes the first as the invoice number); subscription tables
 * keep their leftmost-column rule. New names (AD-EXPORT: the export's names change in 2026) are
 * one line each.
 */
export const COLUMN_ALIASES: ReadonlyArray<readonly [TableField, readonly string[], readonly TableKind[]]> = [
  ['renewalDate', ['Renewal date', 'Auto-renew date', 'Autorenew date', 'Next renewal', 'Next renewal date', 'Renewal', 'Fornyelsesdato', 'Fornyelse', 'Næste fornyelse', 'autorenew_date'], S],
  ['endDate', ['End date', 'Expiry date', 'Expiration date', 'Expires', 'Udløbsdato', 'Slutdato', 'Udløber', 'end_date'], S],
  ['invoiceDate', ['Invoice date', 'Fakturadato', 'Faktura dato', 'invoice_date'], SI],
  ['invoiceDate', ['Document date', 'Bilagsdato'], I],
  ['terms', ['Terms', 'Payment terms', 'Payment method', 'Betalingsbetingelser', 'Betalingsvilkår', 'Betalingsmetode', 'Betalingsmåde', 'payment_method'], SI],
  ['billing', ['Billing', 'Billing period', 'Billing cycle', 'Term', 'Faktureringsperiode', 'Periode', 'Løbetid', 'term'], SI],
  ['paid', ['Paid', 'Paid date', 'Payment date', 'Date paid', 'Betalt', 'Betalingsdato', 'Betalt dato'], S],
  ['purchaseDate', ['Purchase date', 'Order date', 'Start date', 'Købsdato', 'Ordredato', 'Startdato', 'start_date'], S],
  ['publicSector', ['Public sector', 'Government', 'Offentlig', 'Offentlig sektor', 'Offentlig myndighed'], S],
  ['refundExcluded', ['Unique agreement', 'Enterprise agreement', 'Unique legal agreement', 'Unik aftale', 'Særlig aftale', 'Unik juridisk aftale'], S],
  ['amount', ['Amount', 'Beløb'], ALL],
  ['amount', ['Invoice amount', 'Amount due', 'Gross amount', 'Fakturabeløb', 'I alt'], I],
  ['amount', ['Total'], SI],
  ['amount', ['Price', 'Net price', 'Pris', 'Total pris'], S],
  ['currency', ['Currency', 'Valuta', 'currency'], ALL],
  ['id', ['Subscription ID', 'Subscription', 'ID', 'Abonnements-ID', 'Abonnement', 'subscription_id'], S],
  ['id', ['Subscription ID', 'Subscription IDs', 'Subscription', 'Subscriptions', 'Abonnements-ID', 'Abonnement', 'Abonnementer', 'subscription_id'], I],
  ['contract', ['Contract number', 'Contract', 'Kontraktnummer', 'Kontrakt', 'contract_number'], SI],
  ['product', ['Product', 'Product name', 'Offering', 'Produkt', 'Produktnavn', 'offering_name'], S],
  ['seats', ['Seats', 'Quantity', 'Number of seats', 'Antal pladser', 'Antal', 'Pladser', 'seat_quantity'], S],
  // rules.md §9.1, invoices (and the invoice-number column of an accounts-payable ledger).
  ['invoiceNumber', ['Invoice number', 'Invoice no', 'Invoice #', 'Invoice', 'Fakturanummer', 'Fakturanr', 'Faktura nr', 'invoice_number'], IP],
  ['invoiceNumber', ['Document number', 'Bilagsnummer'], IP],
  ['dueDate', ['Due date', 'Payment due', 'Due', 'Forfaldsdato', 'Forfald', 'Betalingsfrist', 'due_date'], I],
  ['poNumber', ['PO number', 'PO', 'Purchase order', 'PO no', 'Indkøbsordre', 'PO-nummer', 'Rekvisitionsnummer', 'po_number'], IP],
  ['invoiceStatus', ['Status', 'Invoice status', 'Fakturastatus', 'invoice_status'], I],
  // rules.md §9.1, payments: the most specific date first, the bare "Date" last.
  ['paymentDate', ['Payment date', 'Betalingsdato'], P],
  ['paymentDate', ['Booking date', 'Posting date', 'Bogføringsdato', 'Posteringsdato'], P],
  ['paymentDate', ['Value date', 'Valørdato', 'Rentedato'], P],
  ['paymentDate', ['Date', 'Dato'], P],
  ['debit', ['Debit', 'Paid out', 'Debet', 'Udbetalt', 'Money out'], P],
  ['credit', ['Credit', 'Paid in', 'Kredit', 'Indbetalt', 'Money in'], P],
  ['reference', ['Reference', 'Text', 'Description', 'Message', 'Details', 'Tekst', 'Beskrivelse', 'Meddelelse', 'Posteringstekst', 'Besked til modtager'], P],
  ['payee', ['Payee', 'Beneficiary', 'Recipient', 'Vendor', 'Supplier', 'Modtager', 'Betalingsmodtager', 'Leverandør', 'Kreditor'], P],
];

/** The aliases of one table kind, field by field in the order of {@link COLUMN_ALIASES}. */
export function aliasesOf(kind: TableKind): ReadonlyArray<readonly [TableField, readonly string[]]> {
  return COLUMN_ALIASES.filter(([, , kinds]) => kinds.includes(kind)).map(([field, aliases]) => [field, aliases] as const);
}

/** English, Danish and Autodesk Account export names of each subscription column (rules.md §8). */
export const HEADER_ALIASES: ReadonlyArray<readonly [Field, readonly string[]]> = aliasesOf('subscriptions') as ReadonlyArray<readonly [Field, readonly string[]]>;

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

/** A field's alias and its rank among the lines of that field: 0 for the first line. */
interface AliasHit {
  readonly field: TableField;
  readonly rank: number;
}

function kindTable(kind: TableKind): ReadonlyMap<string, AliasHit> {
  const ranks = new Map<TableField, number>();
  const byKey = new Map<string, AliasHit>();
  for (const [field, aliases] of aliasesOf(kind)) {
    const rank = ranks.get(field) ?? 0;
    ranks.set(field, rank + 1);
    for (const alias of aliases) {
      const key = normalizeKey(alias);
      const existing = byKey.get(key);
      // One alias naming two columns of one kind is a mistake in the table above: fail at load.
      if (existing && existing.field !== field) throw new Error(`alias "${alias}" names two ${kind} columns`);
      if (!existing) byKey.set(key, { field, rank });
    }
  }
  return byKey;
}

const KIND_TABLES: Readonly<Record<TableKind, ReadonlyMap<string, AliasHit>>> = {
  subscriptions: kindTable('subscriptions'),
  invoices: kindTable('invoices'),
  payments: kindTable('payments'),
};

/**
 * The field a header names in a table of the given kind, or null.
 * @example fieldOfHeaderFor('payments', 'Betalingsdato') //=> 'paymentDate'
 * @example fieldOfHeaderFor('subscriptions', 'Betalingsdato') //=> 'paid'
 */
export function fieldOfHeaderFor(kind: TableKind, header: CellValue): TableField | null {
  return KIND_TABLES[kind].get(normalizeKey(showValue(header)))?.field ?? null;
}

/** Column index of each field of a table kind. */
export type TableColumnMap<F extends TableField = TableField> = Partial<Record<F, number>>;

/**
 * The columns of a header row for a table kind. Subscriptions: exactly {@link mapHeaders}
 * (leftmost column wins). Invoices and payments: the column whose alias comes first in
 * {@link COLUMN_ALIASES} wins, then the leftmost.
 */
export function mapHeadersFor(kind: TableKind, headerRow: readonly CellValue[]): TableColumnMap {
  if (kind === 'subscriptions') return mapHeaders(headerRow);
  const table = KIND_TABLES[kind];
  const columns: TableColumnMap = {};
  const ranks: Partial<Record<TableField, number>> = {};
  headerRow.forEach((header, column) => {
    const hit = table.get(normalizeKey(showValue(header)));
    if (!hit) return;
    const best = ranks[hit.field];
    if (best === undefined || hit.rank < best) {
      columns[hit.field] = column;
      ranks[hit.field] = hit.rank;
    }
  });
  return columns;
}

/**
 * Every column of a header row that names the field, left to right: a bank statement may carry
 * its text in several columns ("Tekst" and "Besked til modtager"), and all of them are read.
 */
export function columnsNaming(kind: TableKind, headerRow: readonly CellValue[], field: TableField): number[] {
  const table = KIND_TABLES[kind];
  const out: number[] = [];
  headerRow.forEach((header, column) => {
    if (table.get(normalizeKey(showValue(header)))?.field === field) out.push(column);
  });
  return out;
}

/**
 * Is this the header row of a table of the kind? Each kind by its own required columns
 * (rules.md §8, §9.1), so that one workbook holding several tables finds each:
 * - subscriptions: two fields, one of them a date the clock can start from ({@link isHeaderRow});
 * - invoices: an invoice number and an amount;
 * - payments: a payment date and an amount, or a debit or credit column.
 */
export function isHeaderRowFor(kind: TableKind, columns: TableColumnMap): boolean {
  if (kind === 'subscriptions') return isHeaderRow(columns as ColumnMap);
  if (kind === 'invoices') return columns.invoiceNumber !== undefined && columns.amount !== undefined;
  return columns.paymentDate !== undefined && (columns.amount !== undefined || columns.debit !== undefined || columns.credit !== undefined);
}
