/**
 * One invoice row, one payment row: cells in, typed facts or the first problem (with the field it
 * is in) out, as parse/row.ts does for subscriptions. Which rows of a payments table are payments
 * is decided over the whole table ({@link paymentsOfTable}).
 */
import { dueDate } from '../deadlines';
import { POLICY, type Billing } from '../policy';
import { ok, showValue, type Parsed, type Problem, type ReasonCode } from '../result';
import { parseBilling } from '../parse/billing';
import { isBlank, type CellValue } from '../parse/cell';
import { parseDate, type DateReading } from '../parse/dates';
import type { InvoiceField, PaymentField, TableField } from '../parse/headers';
import { effectiveCurrency, parseCurrency, parseSignedMoney } from '../parse/money';
import { parseTerms, type PaymentTerms } from '../parse/terms';
import { toCents } from './cents';
import { makeInvoice, type ReconcileInvoice, type ReconcilePayment } from './match';
import { subscriptionRefsOf } from './tokens';
import { mentionsAutodesk, parseAutodeskStatus, signedColumnConvention } from './vocabulary';

/** Why a reconciliation row cannot be read: the rules' reasons, and those only §9 has. */
export type ReconcileReason =
  | Exclude<ReasonCode, 'missing-date'>
  | 'missing-invoice-number'
  | 'missing-due-date'
  | 'missing-payment-date'
  | 'missing-amount'
  | 'zero-amount'
  | 'debit-and-credit'
  | 'unknown-invoice-status';

export interface RowProblem {
  readonly ok: false;
  readonly reason: ReconcileReason;
  /** The value as written, shown back in the message. */
  readonly value: string;
  /** The column it is in, for the cell address. */
  readonly field: TableField;
}

export type RowParsed<T> = { readonly ok: true; readonly value: T } | RowProblem;

function rowProblem(reason: ReconcileReason, value: unknown, field: InvoiceField | PaymentField): RowProblem {
  return { ok: false, reason, value: showValue(value), field };
}

function fromProblem(found: Problem, field: InvoiceField | PaymentField, missing: ReconcileReason): RowProblem {
  return rowProblem(found.reason === 'missing-date' ? missing : found.reason, found.value, field);
}

/** The cells of one invoice row, by field; a field the table lacks is absent. */
export type InvoiceCells = Partial<Record<InvoiceField, CellValue>>;

/** A text cell as written, or null when blank. */
function cellText(value: CellValue): string | null {
  return isBlank(value) ? null : showValue(value).trim();
}

/** A readable invoice row, with how its due date was found (for the explanation). */
export interface ParsedInvoice {
  readonly invoice: ReconcileInvoice;
  /** Net days added to the invoice date when the row has no due date; null when the due date was given. */
  readonly dueCountedFrom: { readonly invoiceDay: number; readonly netDays: number } | null;
  /** Autodesk's status as written, for the explanation. */
  readonly statusText: string | null;
}

/**
 * One invoice row (rules.md §9.1). It needs an invoice number, an amount and a due date, or an
 * invoice date from which one follows: invoice date + N for net N terms, net 30 when the row names
 * no terms. A due date that is given wins over one counted. The first problem is returned, in the
 * order number, amount, dates, terms, billing, status.
 * @example parseInvoiceRow({ invoiceNumber: 'INV-0070012', invoiceDate: { day: 20100 }, amount: '1.234,50' }, 5).ok //=> true (due 20130: net 30)
 */
export function parseInvoiceRow(cells: InvoiceCells, row: number, reading: DateReading = {}): RowParsed<ParsedInvoice> {
  const number = cellText(cells.invoiceNumber);
  if (number === null) return rowProblem('missing-invoice-number', cells.invoiceNumber, 'invoiceNumber');
  if (isBlank(cells.amount)) return rowProblem('missing-amount', cells.amount, 'amount');
  const money = parseSignedMoney(cells.amount);
  if (!money.ok) return rowProblem('bad-amount', cells.amount, 'amount');
  const invoiceDay = optionalDate(cells.invoiceDate, reading, 'invoiceDate');
  if (invoiceDay && !invoiceDay.ok) return invoiceDay;
  const dueDay = optionalDate(cells.dueDate, reading, 'dueDate');
  if (dueDay && !dueDay.ok) return dueDay;
  const terms = invoiceTerms(cells.terms);
  if (!terms.ok) return rowProblem('unknown-terms', cells.terms, 'terms');
  const billing = parseBilling(cells.billing);
  if (!billing.ok) return rowProblem('unknown-billing', cells.billing, 'billing');
  const status = parseAutodeskStatus(cells.invoiceStatus);
  if (!status.ok) return rowProblem('unknown-invoice-status', cells.invoiceStatus, 'invoiceStatus');
  let due: number;
  let dueCountedFrom: ParsedInvoice['dueCountedFrom'] = null;
  if (dueDay) {
    due = dueDay.value;
  } else {
    const counted = invoiceDay ? dueDate({ terms: terms.value, invoiceDay: invoiceDay.value }) : null;
    if (!counted || !counted.ok) return rowProblem('missing-due-date', '', cells.dueDate !== undefined || cells.invoiceDate === undefined ? 'dueDate' : 'invoiceDate');
    due = counted.value.day;
    dueCountedFrom = { invoiceDay: counted.value.anchorDay, netDays: counted.value.netDays };
  }
  const refs = [cells.id, cells.contract].flatMap((value) => (isBlank(value) ? [] : subscriptionRefsOf(showValue(value))));
  return ok({
    invoice: makeInvoice({
      row,
      number,
      invoiceDay: invoiceDay?.value ?? null,
      due,
      netDays: terms.value.kind === 'net' ? terms.value.days : 0,
      billing: billing.value as Billing,
      amount: toCents(money.value.amount),
      currency: effectiveCurrency(parseCurrency(cells.currency), money.value.currency),
      po: cellText(cells.poNumber),
      status: status.value,
      subscriptions: refs.length === 0 ? NO_REFS : [...new Set(refs)],
    }),
    dueCountedFrom,
    statusText: cellText(cells.invoiceStatus),
  });
}

const NO_REFS: readonly string[] = [];

/** rules.md §9.1: "net 30 when the row names no terms, since these are pay-by-invoice documents". */
function invoiceTerms(value: CellValue): Parsed<PaymentTerms> {
  if (isBlank(value)) return ok({ kind: 'net', days: POLICY.invoiceDefaultNetDays.value });
  return parseTerms(value);
}

function optionalDate(value: CellValue, reading: DateReading, field: InvoiceField): RowParsed<number> | null {
  if (isBlank(value)) return null;
  const day = parseDate(value, reading);
  return day.ok ? day : fromProblem(day, field, 'missing-due-date');
}

/** The cells of one payment row. `references` holds every reference column's cell, left to right. */
export interface PaymentCells {
  readonly paymentDate?: CellValue;
  readonly amount?: CellValue;
  readonly debit?: CellValue;
  readonly credit?: CellValue;
  readonly currency?: CellValue;
  readonly invoiceNumber?: CellValue;
  readonly payee?: CellValue;
  readonly poNumber?: CellValue;
  readonly references?: readonly CellValue[];
}

/** Which columns the payments table has: they decide the layout and which payments are Autodesk's. */
export interface PaymentColumns {
  /** Debit or credit columns: they decide, and a signed amount column beside them is not read. */
  readonly debitCredit: boolean;
  /** A payee or a reference column: without both, every payment is taken as Autodesk's. */
  readonly payeeOrReference: boolean;
}

/** A payment row read, before the table's convention says whether it is money out or in. */
export interface ReadPayment {
  readonly row: number;
  readonly day: number;
  /** Hundredths; signed as written in a one-column table, payments positive in a debit/credit table. */
  readonly signed: number;
  /** Decided by the row itself (debit/credit layout); null: by the table's convention. */
  readonly incoming: boolean | null;
  readonly currency: string | null;
  readonly numberTexts: readonly string[];
  readonly poTexts: readonly string[];
  readonly toAutodesk: boolean;
}

/**
 * One payment row (rules.md §9.1): a date, and a signed amount or a debit or credit. A zero
 * amount, or both debit and credit filled, is a problem naming the cell, not a guess.
 */
export function readPaymentRow(cells: PaymentCells, row: number, columns: PaymentColumns, reading: DateReading = {}): RowParsed<ReadPayment> {
  const day = parseDate(cells.paymentDate, reading);
  if (!day.ok) return fromProblem(day, 'paymentDate', 'missing-payment-date');
  let signed: number;
  let incoming: boolean | null = null;
  let written: string | null = null;
  if (columns.debitCredit) {
    const debit = optionalAmount(cells.debit, 'debit');
    if (debit && !debit.ok) return debit;
    const credit = optionalAmount(cells.credit, 'credit');
    if (credit && !credit.ok) return credit;
    const out = debit && debit.value.cents !== 0 ? debit.value : null;
    const into = credit && credit.value.cents !== 0 ? credit.value : null;
    if (out && into) return rowProblem('debit-and-credit', cells.credit, 'credit');
    const taken = out ?? into;
    if (!taken) return rowProblem(debit || credit ? 'zero-amount' : 'missing-amount', cells.debit ?? cells.credit, cells.debit !== undefined ? 'debit' : 'credit');
    signed = Math.abs(taken.cents);
    incoming = taken === into;
    written = taken.currency;
  } else {
    if (isBlank(cells.amount)) return rowProblem('missing-amount', cells.amount, 'amount');
    const money = parseSignedMoney(cells.amount);
    if (!money.ok) return rowProblem('bad-amount', cells.amount, 'amount');
    signed = toCents(money.value.amount);
    if (signed === 0) return rowProblem('zero-amount', cells.amount, 'amount');
    written = money.value.currency;
  }
  const references = (cells.references ?? []).map(cellText).filter((text): text is string => text !== null);
  const invoiceNumber = cellText(cells.invoiceNumber);
  const payee = cellText(cells.payee);
  const po = cellText(cells.poNumber);
  return ok({
    row,
    day: day.value,
    signed,
    incoming,
    currency: effectiveCurrency(parseCurrency(cells.currency), written),
    numberTexts: invoiceNumber === null ? references : [invoiceNumber, ...references],
    poTexts: po === null ? [] : [po],
    toAutodesk: !columns.payeeOrReference || (payee !== null && mentionsAutodesk(payee)) || references.some(mentionsAutodesk),
  });
}

function optionalAmount(value: CellValue, field: PaymentField): RowParsed<{ cents: number; currency: string | null }> | null {
  if (isBlank(value)) return null;
  const money = parseSignedMoney(value);
  return money.ok ? ok({ cents: toCents(money.value.amount), currency: money.value.currency }) : rowProblem('bad-amount', value, field);
}

/**
 * The payments of a table, under rules.md §9.1's convention: with one signed column, when any
 * amount is negative the negative rows are payments and the positive ones incoming (a bank
 * statement), else every row is a payment (a ledger); debit and credit columns decide row by row.
 * Amounts become absolute values.
 */
export function paymentsOfTable(rows: readonly ReadPayment[]): ReconcilePayment[] {
  const convention = signedColumnConvention(rows.filter((row) => row.incoming === null).map((row) => row.signed));
  return rows.map((row) => ({
    row: row.row,
    day: row.day,
    amount: Math.abs(row.signed),
    currency: row.currency,
    incoming: row.incoming ?? (convention === 'bank' && row.signed > 0),
    numberTexts: row.numberTexts,
    poTexts: row.poTexts,
    toAutodesk: row.toAutodesk,
  }));
}
