/**
 * rules.md §9.5: the summary of a reconciliation, over the outcomes already decided.
 */
import type { StatusCode } from '../status';
import { fromCents } from './cents';
import type { CoverageOutcome } from './coverage';
import { PAYMENT_OUTCOMES, type PaymentOutcome } from './match';
import { INVOICE_OUTCOMES, type InvoiceOutcome } from './outcome';

/** What the summary reads of an invoice's result. Amounts in hundredths. */
export interface InvoiceForSummary {
  readonly outcome: InvoiceOutcome;
  readonly stage: StatusCode | null;
  readonly currency: string | null;
  readonly paid: number;
  readonly open: number;
  readonly surplus: number;
  /** Null for invalid rows and credit memos. */
  readonly suspensionDay: number | null;
}

export interface PaymentForSummary {
  readonly outcome: PaymentOutcome;
  readonly amount: number;
  readonly currency: string | null;
}

/** Amounts by currency code; "?" where the row names none. */
export type ByCurrency = Record<string, number>;

export interface PaymentTally {
  readonly count: number;
  readonly amount: ByCurrency;
}

export interface ReconcileSummary {
  /** Invoices by outcome. */
  readonly invoices: Record<InvoiceOutcome, number>;
  /** Payments by outcome. */
  readonly payments: Record<PaymentOutcome, number>;
  /** What is still open on partial and unpaid invoices. */
  readonly open: ByCurrency;
  /** Open on invoices whose suspension date comes within the warning window: after the as-of day, at most W days later. */
  readonly openSuspendingSoon: ByCurrency;
  /** Open on invoices already suspended (access off, still recoverable by paying). */
  readonly openSuspended: ByCurrency;
  /** Open on invoices already canceled (the subscription must be bought again). */
  readonly openCanceled: ByCurrency;
  /** Count and amount of the payments a finance user must look at. */
  readonly unmatched: PaymentTally;
  readonly ambiguous: PaymentTally;
  readonly duplicate: PaymentTally;
  readonly possibleDuplicate: PaymentTally;
  /**
   * Money to claim back: duplicate payments, overpaid surpluses, and what was paid towards an
   * invoice whose subscription was canceled (paid in full on or after the cancellation date, or
   * only partly paid by then).
   */
  readonly claimBack: ByCurrency;
  /** Subscriptions by §9.4 outcome, when a subscriptions table was given. */
  readonly subscriptions: Record<CoverageOutcome, number> | null;
}

/** Hundredths an invoice's result asks to claim back. */
export function claimBackOf(invoice: Pick<InvoiceForSummary, 'outcome' | 'stage' | 'paid' | 'surplus'>): number {
  if (invoice.stage === 'canceled' && (invoice.outcome === 'paid-late' || invoice.outcome === 'overpaid' || invoice.outcome === 'partial')) return invoice.paid;
  return invoice.outcome === 'overpaid' ? invoice.surplus : 0;
}

/**
 * The §9.5 summary: open amount by currency; the open amount whose suspension date falls within
 * the warning window (as-of < suspension ≤ as-of + W: a suspension on the as-of day itself has
 * happened and counts as suspended); counts and amounts of unmatched, ambiguous, duplicate and
 * possible-duplicate payments; invoices by outcome; and the money to claim back. O(n + m).
 */
export function reconcileSummary(
  invoices: Iterable<InvoiceForSummary>,
  payments: Iterable<PaymentForSummary>,
  options: { readonly asOf: number; readonly warningDays: number },
  subscriptions: Iterable<CoverageOutcome> | null = null,
): ReconcileSummary {
  const invoiceCounts = zeros(INVOICE_OUTCOMES);
  const paymentCounts = zeros(PAYMENT_OUTCOMES);
  const open = new Tally();
  const soon = new Tally();
  const suspended = new Tally();
  const canceled = new Tally();
  const claim = new Tally();
  for (const invoice of invoices) {
    invoiceCounts[invoice.outcome]++;
    claim.add(invoice.currency, claimBackOf(invoice));
    if (invoice.outcome !== 'partial' && invoice.outcome !== 'unpaid') continue;
    open.add(invoice.currency, invoice.open);
    if (invoice.stage === 'suspended') suspended.add(invoice.currency, invoice.open);
    else if (invoice.stage === 'canceled') canceled.add(invoice.currency, invoice.open);
    const suspension = invoice.suspensionDay;
    if (suspension !== null && suspension > options.asOf && suspension <= options.asOf + options.warningDays) soon.add(invoice.currency, invoice.open);
  }
  const looks = { unmatched: new Tally(), ambiguous: new Tally(), duplicate: new Tally(), 'possible-duplicate': new Tally() } as Record<PaymentOutcome, Tally | undefined>;
  const counted = { unmatched: 0, ambiguous: 0, duplicate: 0, 'possible-duplicate': 0 } as Record<string, number>;
  for (const payment of payments) {
    paymentCounts[payment.outcome]++;
    const tally = looks[payment.outcome];
    if (!tally) continue;
    tally.add(payment.currency, payment.amount);
    counted[payment.outcome]++;
    if (payment.outcome === 'duplicate') claim.add(payment.currency, payment.amount);
  }
  let coverage: Record<CoverageOutcome, number> | null = null;
  if (subscriptions) {
    coverage = { 'no-invoice': 0, invoiced: 0, 'outside-window': 0, 'not-covered': 0, 'no-date': 0, invalid: 0 };
    for (const outcome of subscriptions) coverage[outcome]++;
  }
  const tallied = (outcome: PaymentOutcome): PaymentTally => ({ count: counted[outcome], amount: (looks[outcome] as Tally).amounts() });
  return {
    invoices: invoiceCounts,
    payments: paymentCounts,
    open: open.amounts(),
    openSuspendingSoon: soon.amounts(),
    openSuspended: suspended.amounts(),
    openCanceled: canceled.amounts(),
    unmatched: tallied('unmatched'),
    ambiguous: tallied('ambiguous'),
    duplicate: tallied('duplicate'),
    possibleDuplicate: tallied('possible-duplicate'),
    claimBack: claim.amounts(),
    subscriptions: coverage,
  };
}

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
}

/** Sums in hundredths by currency, handed out as decimals; zero sums are left out. */
class Tally {
  private readonly sums = new Map<string, number>();

  add(currency: string | null, cents: number): void {
    if (cents === 0) return;
    const key = currency ?? '?';
    this.sums.set(key, (this.sums.get(key) ?? 0) + cents);
  }

  amounts(): ByCurrency {
    const out: ByCurrency = {};
    for (const key of [...this.sums.keys()].sort()) out[key] = fromCents(this.sums.get(key) as number);
    return out;
  }
}
