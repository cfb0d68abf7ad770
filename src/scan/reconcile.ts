/**
 * Reconciliation as one pure call: tables of cells in (each row with the sheet row the user sees),
 * one result per invoice, per payment and per subscription out, plus the summary (rules.md §9).
 * The CLI (`subguard reconcile`), the task pane's Reconcile view and their tests call
 * {@link reconcile} unchanged; the words come from the rules' catalogue.
 */
import {
  invalidRowMessage, invoiceCoverage, invoiceFlags, invoiceMessages, invoiceVerdict, isBlank, isoFromDay, matchPayments, parseInvoiceRow,
  parseSubscription, parseYesNo, paymentMessages, paymentsOfTable, readPaymentRow, reconcileSummary, renderMessages, showValue, subscriptionMessage, subscriptionRefsOf,
  apartMessages, apartOutcome, claimBackOf, fromCents, toCents, takesPayments, toleranceCents,
  type CellValue, type CoverageOutcome, type DateOrder, type DateSystem, type InvoiceCells, type InvoiceFlag, type InvoiceOutcome, type Locale, type MatchStep,
  type ParsedInvoice, type PaymentCells, type PaymentOutcome, type ReadPayment, type ReconcileMessage, type ReconcileReason, type ReconcileSummary,
  type Problem, type ReconcileInvoice, type RowProblem, type StatusCode, type TableColumnMap, type TableField, type TableKind,
} from '../rules';
import { cellAddress } from './address';
import { findTableHeader } from './reconcile-tables';
import { HEADER_SEARCH_ROWS } from './scan';
import type { ReconcileSettings } from './settings';

/** One sheet row: the row number the user sees (for CSV, the line number) and its values. */
export interface SheetRow {
  readonly row: number;
  /** Values from the table's first column, 0-based. */
  readonly values: readonly CellValue[];
}

/** Where a table's header is and what its columns mean: found, or set by the user in the pane. */
export interface TableHeader {
  /** Sheet row of the header; rows up to it are not data. */
  readonly row: number;
  readonly columns: TableColumnMap;
  /** Every reference-text column of a payments table (default: the `reference` column alone). */
  readonly referenceColumns?: readonly number[];
}

export interface ReconcileTable {
  /** The sheet's rows in order, title rows and header included (or only the data rows, with `header`). */
  readonly rows: readonly SheetRow[];
  /** The header; found among the first rows by its kind's required columns when absent. */
  readonly header?: TableHeader | null;
  /** The workbook's date system, for serial numbers (default 1900). */
  readonly dateSystem?: DateSystem;
  /** 0-based sheet column of `values[0]`, so that messages name the right cell. */
  readonly firstColumn?: number;
}

export interface ReconcileInput {
  readonly invoices: ReconcileTable;
  readonly payments: ReconcileTable;
  /** Optional (rules.md §9.4): subscriptions that renew with no invoice are flagged `no-invoice`. */
  readonly subscriptions?: ReconcileTable | null;
}

export interface InvoiceResult {
  readonly row: number;
  /** The invoice number as written; null when the cell is empty. */
  readonly number: string | null;
  readonly outcome: InvoiceOutcome;
  /** A STATUS code: the §3 stage as of the day for open invoices, the stage paid in for settled ones. */
  readonly stage: StatusCode | null;
  /** The invoice amount (negative for a credit memo); null when it cannot be read. */
  readonly amount: number | null;
  readonly paid: number;
  readonly open: number;
  /** Paid beyond the amount. */
  readonly surplus: number;
  /** Money to claim back on this invoice: the surplus, or all that was paid when the subscription was canceled. */
  readonly claimBack: number;
  readonly currency: string | null;
  readonly po: string | null;
  readonly invoiceDate: string | null;
  readonly dueDate: string | null;
  readonly suspensionDate: string | null;
  readonly cancellationDate: string | null;
  /** Day numbers of the same dates, for adapters that write date cells. */
  readonly days: { readonly due: number; readonly suspension: number; readonly cancellation: number } | null;
  /** Last payment counted, ISO; null when none. */
  readonly lastPaidDate: string | null;
  /** Sheet rows of the payments that paid it, in the order applied. */
  readonly payments: readonly number[];
  /** Sheet rows of the subscriptions it lists (with a subscriptions table). */
  readonly subscriptions: readonly number[];
  readonly flags: readonly InvoiceFlag[];
  /** Autodesk's status as written. */
  readonly status: string | null;
  readonly reason: ReconcileReason | null;
  readonly cell: string | null;
  /** The codes and parameters of the explanation, for another locale or catalogue. */
  readonly messages: readonly ReconcileMessage[];
  readonly explanation: string;
}

export interface PaymentResult {
  readonly row: number;
  readonly outcome: PaymentOutcome;
  /** The step that decided it (matched, ambiguous, duplicate, other currency), else null. */
  readonly step: MatchStep | null;
  readonly date: string | null;
  /** The absolute amount; null when it cannot be read. */
  readonly amount: number | null;
  readonly currency: string | null;
  /** The invoice numbers it pays (matched), could pay (ambiguous), paid again (duplicate, possible duplicate) or names in another currency. */
  readonly invoices: readonly string[];
  /** Sheet rows of the same invoices. */
  readonly invoiceRows: readonly number[];
  /** What each invoice got (matched): the parts sum to the amount. */
  readonly parts: ReadonlyArray<{ readonly row: number; readonly number: string; readonly amount: number }>;
  /** Void invoices and credit memos it names, which take no payments. */
  readonly inactiveInvoices: readonly string[];
  readonly reason: ReconcileReason | null;
  readonly cell: string | null;
  readonly messages: readonly ReconcileMessage[];
  readonly explanation: string;
}

export interface SubscriptionResult {
  readonly row: number;
  /** Subscription ID, else contract number, as written. */
  readonly id: string | null;
  readonly outcome: CoverageOutcome;
  readonly renewalDate: string | null;
  readonly invoices: readonly string[];
  readonly invoiceRows: readonly number[];
  readonly reason: ReconcileReason | null;
  readonly cell: string | null;
  readonly messages: readonly ReconcileMessage[];
  readonly explanation: string;
}

export interface TableFound {
  readonly headerRow: number;
  readonly columns: TableColumnMap;
  readonly dataRows: number;
}

export interface ReconcileReport {
  readonly asOf: string;
  readonly asOfDay: number;
  readonly tolerance: number;
  readonly warningDays: number;
  readonly locale: Locale;
  readonly invoices: readonly InvoiceResult[];
  readonly payments: readonly PaymentResult[];
  /** Null without a subscriptions table. */
  readonly subscriptions: readonly SubscriptionResult[] | null;
  readonly summary: ReconcileSummary;
  readonly tables: { readonly invoices: TableFound; readonly payments: TableFound; readonly subscriptions: TableFound | null };
}

/** A table whose header cannot be found: the adapters say which file or sheet, in words. */
export class ReconcileTableProblem extends Error {
  constructor(
    readonly code: 'no-header',
    readonly table: TableKind,
  ) {
    super(`${code}: ${table}`);
    this.name = 'ReconcileTableProblem';
  }
}

interface Located {
  readonly header: TableHeader;
  readonly data: readonly SheetRow[];
  readonly firstColumn: number;
}

function locate(kind: TableKind, table: ReconcileTable): Located {
  const firstColumn = table.firstColumn ?? 0;
  let header = table.header ?? null;
  if (!header) {
    const head = table.rows.slice(0, HEADER_SEARCH_ROWS);
    const match = findTableHeader(kind, head.map((row) => row.values));
    if (!match) throw new ReconcileTableProblem('no-header', kind);
    header = { row: head[match.index].row, columns: match.columns, referenceColumns: match.referenceColumns };
  }
  const headerRow = header.row;
  const data = table.rows.filter((row) => row.row > headerRow && !row.values.every((value) => isBlank(value)));
  return { header, data, firstColumn };
}

const NO_CELLS: InvoiceCells = {};
const NO_NUMBERS: readonly string[] = [];
const NO_PARTS: PaymentResult['parts'] = [];

/** Sheet rows of positions in a list of rows; the shared empty list for none. */
function rowsOf(positions: readonly number[], of: ReadonlyArray<{ readonly row: number }>): readonly number[] {
  return positions.length === 0 ? NO_ROWS : positions.map((position) => of[position].row);
}

/** An invoice row's cells, one object shape for every row (a loop over the mapped fields would give each row its own). */
function invoiceCellsOf(values: readonly CellValue[], columns: TableColumnMap): InvoiceCells {
  const at = (column: number | undefined) => (column === undefined ? undefined : values[column] ?? null);
  return {
    invoiceNumber: at(columns.invoiceNumber), invoiceDate: at(columns.invoiceDate), dueDate: at(columns.dueDate), amount: at(columns.amount), currency: at(columns.currency),
    poNumber: at(columns.poNumber), id: at(columns.id), contract: at(columns.contract), invoiceStatus: at(columns.invoiceStatus), terms: at(columns.terms), billing: at(columns.billing),
  };
}

function paymentCellsOf(values: readonly CellValue[], columns: TableColumnMap, referenceColumns: readonly number[]): PaymentCells {
  const at = (column: number | undefined) => (column === undefined ? undefined : values[column] ?? null);
  return {
    paymentDate: at(columns.paymentDate), amount: at(columns.amount), debit: at(columns.debit), credit: at(columns.credit), currency: at(columns.currency),
    invoiceNumber: at(columns.invoiceNumber), payee: at(columns.payee), poNumber: at(columns.poNumber),
    references: referenceColumns.length === 1 ? [values[referenceColumns[0]] ?? null] : referenceColumns.map((column) => values[column] ?? null),
  };
}

function cellsOf<F extends TableField>(values: readonly CellValue[], columns: TableColumnMap): Partial<Record<F, CellValue>> {
  const cells: Partial<Record<TableField, CellValue>> = {};
  for (const field of Object.keys(columns) as TableField[]) cells[field] = values[columns[field] as number] ?? null;
  return cells as Partial<Record<F, CellValue>>;
}

function cellOf(located: Located, field: TableField, row: number): string | null {
  const column = located.header.columns[field];
  return column === undefined ? null : cellAddress(located.firstColumn + column, row);
}

/**
 * ISO dates, one string per day: 100,000 rows fall on a few hundred days, so the results share
 * them instead of holding 500,000 copies. The cache is per module and bounded.
 */
const ISO_CACHE = new Map<number, string>();
const ISO_CACHE_LIMIT = 20_000;

function isoDay(day: number): string {
  let text = ISO_CACHE.get(day);
  if (text === undefined) {
    text = isoFromDay(day);
    if (ISO_CACHE.size >= ISO_CACHE_LIMIT) ISO_CACHE.clear();
    ISO_CACHE.set(day, text);
  }
  return text;
}

const iso = (day: number | null) => (day === null ? null : isoDay(day));

/** A lazy map: the summary reads each result once, with no array of 200,000 copies in between. */
function* mapped<T, U>(items: readonly T[], map: (item: T) => U): Iterable<U> {
  for (const item of items) yield map(item);
}

/**
 * Reconciles the invoices against the payments as of a day (rules.md §9): reads every row (a row
 * that cannot be read is `invalid`, naming the cell), matches (src/rules/reconcile/match.ts), and
 * gives each invoice its outcome, stage, amounts, payments and flags, each payment its outcome and
 * invoices, each subscription its §9.4 outcome, and the §9.5 summary. Throws
 * {@link ReconcileTableProblem} when a table's header cannot be found. The settings come checked
 * from `parseReconcileSettings` (or `reconcileSettings`, which throws RangeError).
 * O(rows + matching), see matchPayments.
 */
export function reconcile(input: ReconcileInput, settings: ReconcileSettings): ReconcileReport {
  const { asOf, locale, warningDays } = settings;
  const toleranceDecimal = settings.tolerance;
  const tolerance = toleranceCents(toleranceDecimal);
  const order = settings.dateOrder;

  // Invoices.
  const invoiceTable = locate('invoices', input.invoices);
  const invoiceReading = { system: input.invoices.dateSystem ?? '1900', order };
  const invoiceRows = invoiceTable.data.map((sheetRow) => {
    const cells = invoiceCellsOf(sheetRow.values, invoiceTable.header.columns);
    const parsed = parseInvoiceRow(cells, sheetRow.row, invoiceReading);
    // The cells are kept only where a message or §9.4 still reads them: rows that cannot be read.
    return { sheetRow, cells: parsed.ok ? NO_CELLS : cells, parsed };
  });
  const readable: ParsedInvoice[] = [];
  const readableAt: number[] = [];
  invoiceRows.forEach((entry, index) => {
    if (entry.parsed.ok) {
      readableAt[index] = readable.length;
      readable.push(entry.parsed.value);
    }
  });
  const invoices = readable.map((parsed) => parsed.invoice);

  // Payments.
  const paymentTable = locate('payments', input.payments);
  const columns = paymentTable.header.columns;
  const referenceColumns = paymentTable.header.referenceColumns ?? (columns.reference === undefined ? [] : [columns.reference]);
  const layout = {
    debitCredit: columns.debit !== undefined || columns.credit !== undefined,
    payeeOrReference: columns.payee !== undefined || referenceColumns.length > 0,
  };
  const paymentReading = { system: input.payments.dateSystem ?? '1900', order };
  const readPayments: ReadPayment[] = [];
  const paymentAt: number[] = [];
  const paymentRows = paymentTable.data.map((sheetRow, index) => {
    const parsed = readPaymentRow(paymentCellsOf(sheetRow.values, columns, referenceColumns), sheetRow.row, layout, paymentReading);
    if (!parsed.ok) return { row: sheetRow.row, problem: parsed };
    paymentAt[index] = readPayments.length;
    readPayments.push(parsed.value);
    return { row: sheetRow.row, problem: null };
  });
  const payments = paymentsOfTable(readPayments);
  readPayments.length = 0;

  const matching = matchPayments(invoices, payments, { asOf, tolerance });

  // Subscriptions (rules.md §9.4).
  let subscriptionResults: SubscriptionResult[] | null = null;
  let subscriptionsFound: TableFound | null = null;
  const subscriptionRowsOfInvoice = new Map<number, number[]>();
  if (input.subscriptions) {
    const table = locate('subscriptions', input.subscriptions);
    subscriptionsFound = { headerRow: table.header.row, columns: table.header.columns, dataRows: table.data.length };
    subscriptionResults = coverSubscriptions(table, input.subscriptions.dateSystem ?? '1900', order, invoiceRows, readable, { asOf, warningDays, locale }, subscriptionRowsOfInvoice);
  }

  // Invoice results.
  const invoiceResults: InvoiceResult[] = invoiceRows.map((entry, index) => {
    const sheetRow = entry.sheetRow.row;
    const subscriptions = subscriptionRowsOfInvoice.get(sheetRow) ?? NO_ROWS;
    if (!entry.parsed.ok) return invalidInvoice(entry.parsed, cellOf(invoiceTable, entry.parsed.field, sheetRow), sheetRow, entry.cells, subscriptions, locale);
    const position = readableAt[index];
    const { invoice, dueCountedFrom, statusText } = readable[position];
    const apart = apartOutcome(invoice);
    if (apart) {
      const messages = apartMessages(apart, invoice.amount, invoice.currency, statusText);
      return invoiceResult(sheetRow, invoice, statusText, subscriptions, {
        outcome: apart, stage: null, paid: 0, open: 0, surplus: 0, claimBack: 0, dueDate: iso(invoice.due), suspensionDate: null, cancellationDate: null, days: null,
        lastPaidDate: null, payments: NO_ROWS, flags: NO_FLAGS, messages, explanation: renderMessages(messages, locale),
      });
    }
    const account = matching.invoices[position];
    const verdict = invoiceVerdict({ amount: invoice.amount, paid: account.paid, due: invoice.due, billing: invoice.billing, lastPaidDay: account.lastPaidDay }, { asOf, tolerance, warningDays });
    const paymentRowsPaid = rowsOf(account.payments, payments);
    const sameNumberRows = rowsOf(account.sameNumber, invoices);
    const otherCurrencyRows = rowsOf(account.otherCurrency, payments);
    const flags = invoiceFlags({ outcome: verdict.outcome, status: invoice.status, keys: invoice.keys, sameNumberRows, otherCurrencyRows });
    const messages = invoiceMessages({
      verdict, amount: invoice.amount, paid: account.paid, currency: invoice.currency, lastPaidDay: account.lastPaidDay, asOf, paymentRows: paymentRowsPaid,
      dueCountedFrom, flags, statusText, sameNumberRows,
      otherCurrency: { rows: otherCurrencyRows, currency: account.otherCurrency.length ? payments[account.otherCurrency[0]].currency : null },
    });
    const { due, suspension, cancellation } = verdict.deadlines;
    return invoiceResult(sheetRow, invoice, statusText, subscriptions, {
      outcome: verdict.outcome,
      stage: verdict.stage,
      paid: fromCents(account.paid),
      open: fromCents(verdict.open),
      surplus: fromCents(verdict.surplus),
      claimBack: fromCents(claimBackOf({ outcome: verdict.outcome, stage: verdict.stage, paid: account.paid, surplus: verdict.surplus })),
      dueDate: isoDay(due),
      suspensionDate: isoDay(suspension),
      cancellationDate: isoDay(cancellation),
      days: { due, suspension, cancellation },
      lastPaidDate: iso(account.lastPaidDay),
      payments: paymentRowsPaid,
      flags,
      messages,
      explanation: renderMessages(messages, locale),
    });
  });

  // Payment results. The invoice rows' cells and parses are no longer needed.
  invoiceRows.length = 0;
  readable.length = 0;
  const mention = (i: number) => ({ row: invoices[i].row, number: invoices[i].number, currency: invoices[i].currency, po: invoices[i].po });
  const paymentResults: PaymentResult[] = paymentRows.map((entry, index) => {
    const sheetRow = entry.row;
    if (entry.problem) {
      const cell = cellOf(paymentTable, entry.problem.field, sheetRow);
      const messages = [invalidRowMessage('payment', entry.problem, cell)];
      return {
        row: sheetRow, outcome: 'invalid', step: null, date: null, amount: null, currency: null, invoices: NO_NUMBERS, invoiceRows: NO_ROWS, parts: NO_PARTS, inactiveInvoices: NO_NUMBERS,
        reason: entry.problem.reason, cell, messages, explanation: renderMessages(messages, locale),
      };
    }
    const position = paymentAt[index];
    const payment = payments[position];
    const match = matching.payments[position];
    const messages = paymentMessages({
      outcome: match.outcome, step: match.step, amount: payment.amount, currency: payment.currency, day: payment.day, asOf,
      invoices: match.invoices.map(mention), parts: match.parts, inactive: match.inactive.map(mention), otherCurrency: match.otherCurrency,
    });
    return {
      row: sheetRow,
      outcome: match.outcome,
      step: match.step,
      date: isoDay(payment.day),
      amount: fromCents(payment.amount),
      currency: payment.currency,
      invoices: match.invoices.length ? match.invoices.map((i) => invoices[i].number) : NO_NUMBERS,
      invoiceRows: match.invoices.length ? match.invoices.map((i) => invoices[i].row) : NO_ROWS,
      parts: match.parts.length ? match.parts.map((cents, n) => ({ row: invoices[match.invoices[n]].row, number: invoices[match.invoices[n]].number, amount: fromCents(cents) })) : NO_PARTS,
      inactiveInvoices: match.inactive.length ? match.inactive.map((i) => invoices[i].number) : NO_NUMBERS,
      reason: null,
      cell: null,
      messages,
      explanation: renderMessages(messages, locale),
    };
  });

  const summary = reconcileSummary(
    mapped(invoiceResults, (result) => ({
      outcome: result.outcome, stage: result.stage, currency: result.currency,
      paid: toCents(result.paid), open: toCents(result.open), surplus: toCents(result.surplus),
      suspensionDay: result.days && result.outcome !== 'void' ? result.days.suspension : null,
    })),
    mapped(paymentResults, (result) => ({ outcome: result.outcome, amount: result.amount === null ? 0 : toCents(result.amount), currency: result.currency })),
    { asOf, warningDays },
    subscriptionResults ? mapped(subscriptionResults, (result) => result.outcome) : null,
  );

  return {
    asOf: isoFromDay(asOf),
    asOfDay: asOf,
    tolerance: toleranceDecimal,
    warningDays,
    locale,
    invoices: invoiceResults,
    payments: paymentResults,
    subscriptions: subscriptionResults,
    summary,
    tables: {
      invoices: { headerRow: invoiceTable.header.row, columns: invoiceTable.header.columns, dataRows: invoiceTable.data.length },
      payments: { headerRow: paymentTable.header.row, columns: paymentTable.header.columns, dataRows: paymentTable.data.length },
      subscriptions: subscriptionsFound,
    },
  };
}

const NO_ROWS: readonly number[] = [];
const NO_FLAGS: readonly InvoiceFlag[] = [];

type InvoiceJudged = Pick<
  InvoiceResult,
  'outcome' | 'stage' | 'paid' | 'open' | 'surplus' | 'claimBack' | 'dueDate' | 'suspensionDate' | 'cancellationDate' | 'days' | 'lastPaidDate' | 'payments' | 'flags' | 'messages' | 'explanation'
>;

/**
 * One invoice result, always built by this one literal: 100,000 results of one shape stay small
 * and fast, where a spread of a half-filled object turns each into a slow dictionary.
 */
function invoiceResult(row: number, invoice: ReconcileInvoice, status: string | null, subscriptions: readonly number[], judged: InvoiceJudged): InvoiceResult {
  return {
    row, number: invoice.number, outcome: judged.outcome, stage: judged.stage, amount: fromCents(invoice.amount), paid: judged.paid, open: judged.open, surplus: judged.surplus,
    claimBack: judged.claimBack, currency: invoice.currency, po: invoice.po, invoiceDate: iso(invoice.invoiceDay), dueDate: judged.dueDate, suspensionDate: judged.suspensionDate,
    cancellationDate: judged.cancellationDate, days: judged.days, lastPaidDate: judged.lastPaidDate, payments: judged.payments, subscriptions, flags: judged.flags, status,
    reason: null, cell: null, messages: judged.messages, explanation: judged.explanation,
  };
}

function invalidInvoice(problem: RowProblem, cell: string | null, row: number, cells: InvoiceCells, subscriptions: readonly number[], locale: Locale): InvoiceResult {
  const messages = [invalidRowMessage('invoice', problem, cell)];
  const text = (value: CellValue) => (isBlank(value) ? null : showValue(value).trim());
  return {
    row, number: text(cells.invoiceNumber), outcome: 'invalid', stage: null, amount: null, paid: 0, open: 0, surplus: 0,
    claimBack: 0, currency: null, po: text(cells.poNumber), invoiceDate: null, dueDate: null, suspensionDate: null,
    cancellationDate: null, days: null, lastPaidDate: null, payments: NO_ROWS, subscriptions, flags: NO_FLAGS, status: text(cells.invoiceStatus),
    reason: problem.reason, cell, messages, explanation: renderMessages(messages, locale),
  };
}

type SubscriptionFacts = { readonly ok: true; readonly renewalDay: number | null; readonly publicSector: boolean } | Problem;

/**
 * What §9.4 reads of a subscription row, with the scan's own parsing: the renewal date (else the
 * end date) and the public-sector flag. A row without either date has nothing to check, but a
 * public-sector one still says it is not covered.
 */
function subscriptionFacts(cells: Partial<Record<'renewalDate' | 'endDate' | 'publicSector', CellValue>>, reading: { system: DateSystem; order: DateOrder | null }): SubscriptionFacts {
  const parsed = parseSubscription({ renewalDate: cells.renewalDate, endDate: cells.endDate, publicSector: cells.publicSector }, reading);
  if (parsed.ok) return { ok: true, renewalDay: parsed.value.renewalDay ?? parsed.value.endDay ?? null, publicSector: parsed.value.publicSector };
  if (parsed.reason !== 'missing-date') return parsed;
  const publicSector = parseYesNo(cells.publicSector);
  return publicSector.ok ? { ok: true, renewalDay: null, publicSector: publicSector.value } : { ...publicSector, field: 'publicSector' };
}

function coverSubscriptions(
  table: Located,
  system: DateSystem,
  order: DateOrder | null,
  invoiceRows: ReadonlyArray<{ sheetRow: SheetRow; cells: InvoiceCells; parsed: { ok: boolean } }>,
  readable: readonly ParsedInvoice[],
  context: { asOf: number; warningDays: number; locale: Locale },
  subscriptionRowsOfInvoice: Map<number, number[]>,
): SubscriptionResult[] {
  // Invoices that count: those that take payments, and unreadable rows (their references still name a subscription).
  const counted: Array<{ row: number; number: string | null; refs: string[] }> = [];
  let position = 0;
  for (const entry of invoiceRows) {
    const refsOf = (cells: InvoiceCells) => [cells.id, cells.contract].flatMap((value) => (isBlank(value) ? [] : subscriptionRefsOf(showValue(value))));
    if (entry.parsed.ok) {
      const invoice = readable[position++].invoice;
      if (takesPayments(invoice)) counted.push({ row: invoice.row, number: invoice.number, refs: [...invoice.subscriptions] });
    } else {
      counted.push({ row: entry.sheetRow.row, number: isBlank(entry.cells.invoiceNumber) ? null : showValue(entry.cells.invoiceNumber).trim(), refs: refsOf(entry.cells) });
    }
  }
  const rows = table.data.map((sheetRow) => {
    const cells = cellsOf<'renewalDate' | 'endDate' | 'publicSector' | 'id' | 'contract'>(sheetRow.values, table.header.columns);
    const parsed = subscriptionFacts(cells, { system, order });
    const id = [cells.id, cells.contract].map((value) => (isBlank(value) ? null : showValue(value).trim())).find((value) => value !== null) ?? null;
    const refs = [cells.id, cells.contract].flatMap((value) => (isBlank(value) ? [] : subscriptionRefsOf(showValue(value))));
    return { sheetRow, parsed, id, refs };
  });
  const coverable = rows.filter((entry) => entry.parsed.ok);
  const coverage = invoiceCoverage(
    coverable.map((entry) => {
      const facts = entry.parsed as Extract<SubscriptionFacts, { ok: true }>;
      return { row: entry.sheetRow.row, refs: entry.refs, renewalDay: facts.renewalDay, publicSector: facts.publicSector };
    }),
    counted.map((invoice) => invoice.refs),
    context,
  );
  const byRow = new Map(coverable.map((entry, i) => [entry.sheetRow.row, coverage[i]]));
  return rows.map((entry) => {
    const row = entry.sheetRow.row;
    const found = byRow.get(row);
    if (!found) {
      const problem = entry.parsed as { reason: ReconcileReason; value: string; field?: string };
      const rowProblem: RowProblem = { ok: false, reason: problem.reason, value: problem.value, field: (problem.field ?? 'renewalDate') as TableField };
      const cell = cellOf(table, rowProblem.field, row);
      const messages = [invalidRowMessage('subscription', rowProblem, cell)];
      return { row, id: entry.id, outcome: 'invalid', renewalDate: null, invoices: [], invoiceRows: [], reason: rowProblem.reason, cell, messages, explanation: renderMessages(messages, context.locale) };
    }
    const named = found.invoices.map((i) => counted[i]);
    for (const invoice of named) {
      const list = subscriptionRowsOfInvoice.get(invoice.row);
      if (list) list.push(row);
      else subscriptionRowsOfInvoice.set(invoice.row, [row]);
    }
    const renewalDay = entry.parsed.ok ? entry.parsed.renewalDay : null;
    const messages = [subscriptionMessage({ outcome: found.outcome, id: entry.id ?? String(row), renewalDay, asOf: context.asOf, warningDays: context.warningDays, invoiceNumbers: named.map((invoice) => invoice.number ?? String(invoice.row)) })];
    return {
      row, id: entry.id, outcome: found.outcome, renewalDate: iso(renewalDay), invoices: named.map((invoice) => invoice.number ?? ''), invoiceRows: named.map((invoice) => invoice.row),
      reason: null, cell: null, messages, explanation: renderMessages(messages, context.locale),
    };
  });
}

/** The `--format json` contract of `subguard reconcile` (issue 12), with a few fields more. */
export interface ReconcileJson {
  readonly asOf: string;
  readonly tolerance: number;
  readonly warningDays: number;
  readonly invoices: ReadonlyArray<{
    row: number; number: string | null; outcome: InvoiceOutcome; stage: StatusCode | null; amount: number | null; paid: number; open: number; surplus: number;
    claimBack: number; currency: string | null; invoiceDate: string | null; dueDate: string | null; suspensionDate: string | null; cancellationDate: string | null;
    payments: readonly number[]; subscriptions: readonly number[]; flags: readonly InvoiceFlag[]; reason: ReconcileReason | null; cell: string | null; explanation: string;
  }>;
  readonly payments: ReadonlyArray<{
    row: number; outcome: PaymentOutcome; step: MatchStep | null; date: string | null; invoices: readonly string[]; invoiceRows: readonly number[];
    parts: PaymentResult['parts']; amount: number | null; currency: string | null; reason: ReconcileReason | null; cell: string | null; explanation: string;
  }>;
  readonly subscriptions: ReadonlyArray<{ row: number; id: string | null; outcome: CoverageOutcome; renewalDate: string | null; invoices: readonly string[]; explanation: string }> | null;
  readonly summary: ReconcileSummary;
}

/**
 * A report as the JSON scripts read: `{ asOf, invoices: [{ row, number, outcome, stage, amount,
 * paid, open, currency, dueDate, suspensionDate, cancellationDate, payments, flags, explanation,
 * … }], payments: [{ row, outcome, invoices, amount, currency, explanation, … }], summary }`.
 * Every text is a JSON string as the cell held it; nothing is evaluated.
 */
export function reconcileJson(report: ReconcileReport): ReconcileJson {
  return {
    asOf: report.asOf,
    tolerance: report.tolerance,
    warningDays: report.warningDays,
    invoices: report.invoices.map((r) => ({
      row: r.row, number: r.number, outcome: r.outcome, stage: r.stage, amount: r.amount, paid: r.paid, open: r.open, surplus: r.surplus, claimBack: r.claimBack,
      currency: r.currency, invoiceDate: r.invoiceDate, dueDate: r.dueDate, suspensionDate: r.suspensionDate, cancellationDate: r.cancellationDate,
      payments: r.payments, subscriptions: r.subscriptions, flags: r.flags, reason: r.reason, cell: r.cell, explanation: r.explanation,
    })),
    payments: report.payments.map((r) => ({
      row: r.row, outcome: r.outcome, step: r.step, date: r.date, invoices: r.invoices, invoiceRows: r.invoiceRows, parts: r.parts, amount: r.amount, currency: r.currency,
      reason: r.reason, cell: r.cell, explanation: r.explanation,
    })),
    subscriptions: report.subscriptions ? report.subscriptions.map((r) => ({ row: r.row, id: r.id, outcome: r.outcome, renewalDate: r.renewalDate, invoices: r.invoices, explanation: r.explanation })) : null,
    summary: report.summary,
  };
}
