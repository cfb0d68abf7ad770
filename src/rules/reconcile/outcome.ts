/**
 * The outcome of one invoice as of a day (rules.md §9.3), from its amount and what was paid
 * towards it. The reconciliation calls it with the sums of the payments it matched;
 * SUBS.INVOICESTATUS calls it (through {@link invoiceStatusOf}) with a sum the user made. The
 * shutoff clock is the one of deadlines.ts and status.ts: there is no second copy of it here.
 */
import { deadlines, type Deadlines } from '../deadlines';
import { POLICY, type Billing } from '../policy';
import { NOT_PAID, statusOf, type StatusCode } from '../status';
import { fromCents, toCents, toleranceCents } from './cents';

/** rules.md §9.3's outcomes of an invoice. */
export type InvoiceOutcome = 'paid' | 'paid-late' | 'partial' | 'unpaid' | 'overpaid' | 'credit-memo' | 'void' | 'invalid';

export const INVOICE_OUTCOMES: readonly InvoiceOutcome[] = ['unpaid', 'partial', 'paid', 'paid-late', 'overpaid', 'credit-memo', 'void', 'invalid'];

/** What an invoice's own figures decide (void and invalid come from the row, not the figures). */
export type FiguresOutcome = Exclude<InvoiceOutcome, 'void' | 'invalid'>;

export interface InvoiceFigures {
  /** The invoice amount in hundredths; negative for a credit memo. */
  readonly amount: number;
  /** What was paid towards it up to the as-of day, in hundredths. */
  readonly paid: number;
  readonly due: number;
  readonly billing: Billing;
  /** Day of the last payment counted in `paid`; null when paid is 0 or its date is not known. */
  readonly lastPaidDay: number | null;
}

export interface InvoiceJudgement {
  readonly asOf: number;
  /** Tolerance in hundredths. */
  readonly tolerance: number;
  readonly warningDays: number;
}

export interface InvoiceVerdict {
  readonly outcome: FiguresOutcome;
  /**
   * A STATUS code. Open invoices (`partial`, `unpaid`): the §3 stage as of the day. Settled ones
   * (`paid`, `paid-late`, `overpaid`): the stage the last payment was made in (`active` when on
   * time). Credit memos: null.
   */
  readonly stage: StatusCode | null;
  /** amount − paid, never below 0, in hundredths. */
  readonly open: number;
  /** paid − amount when more was paid, else 0, in hundredths. */
  readonly surplus: number;
  readonly deadlines: Deadlines;
}

/**
 * rules.md §9.3, in its order: a negative amount is a credit memo; more than amount + tolerance
 * paid is overpaid; open within the tolerance is paid (last payment on or before the due date) or
 * paid late (after it, with the stage the payment was made in: expired before the suspension
 * date, suspended from it, canceled from the cancellation date); something paid is partial;
 * nothing is unpaid. An invoice for no more than the tolerance is paid with nothing paid.
 * Complexity O(1).
 * @example invoiceVerdict({ amount: 100000, paid: 40000, due: 20148, billing: 'annual', lastPaidDay: 20140 }, { asOf: 20150, tolerance: 1, warningDays: 14 }).outcome //=> 'partial'
 * @example invoiceVerdict({ amount: 100000, paid: 99999, due: 20148, billing: 'annual', lastPaidDay: 20148 }, { asOf: 20150, tolerance: 1, warningDays: 14 }).outcome //=> 'paid' (one hundredth short: within the tolerance; paid on the due date)
 */
export function invoiceVerdict(figures: InvoiceFigures, judgement: InvoiceJudgement): InvoiceVerdict {
  const { amount, paid, due, billing, lastPaidDay } = figures;
  const { asOf, tolerance, warningDays } = judgement;
  const stages = deadlines(due, billing);
  const open = Math.max(amount - paid, 0);
  const surplus = Math.max(paid - amount, 0);
  if (amount < 0) return { outcome: 'credit-memo', stage: null, open: 0, surplus: 0, deadlines: stages };
  const settledStage = (): StatusCode => (lastPaidDay === null || lastPaidDay <= due ? 'active' : statusOf(due, billing, NOT_PAID, lastPaidDay, warningDays));
  if (paid > amount + tolerance) return { outcome: 'overpaid', stage: settledStage(), open, surplus, deadlines: stages };
  if (amount - paid <= tolerance) {
    const stage = settledStage();
    return { outcome: stage === 'active' ? 'paid' : 'paid-late', stage, open, surplus, deadlines: stages };
  }
  const stage = statusOf(due, billing, NOT_PAID, asOf, warningDays);
  return { outcome: paid > 0 ? 'partial' : 'unpaid', stage, open, surplus, deadlines: stages };
}

export interface InvoiceStatusInput {
  readonly due: number;
  /** The invoice amount (a negative one is a credit memo). */
  readonly amount: number;
  /** What the user summed as paid towards it, e.g. with SUMIFS; its sign does not count (a bank statement's sum is negative). */
  readonly paid: number;
  /** Day of the last payment; absent: a settled invoice counts as paid on time, since its date is not known. */
  readonly lastPaidDay?: number | null;
  readonly billing?: Billing | null;
  readonly asOf: number;
  readonly tolerance?: number;
  readonly warningDays?: number;
}

/** {@link InvoiceVerdict} with the amounts as decimals, for SUBS.INVOICESTATUS. */
export interface InvoiceStatus {
  readonly outcome: FiguresOutcome;
  readonly stage: StatusCode | null;
  readonly open: number;
  readonly surplus: number;
  readonly deadlines: Deadlines;
  /** The verdict in hundredths, for {@link invoiceMessage}. */
  readonly verdict: InvoiceVerdict;
}

/**
 * The §9.3 outcome of one invoice row whose payments the user already summed: what
 * SUBS.INVOICESTATUS answers. Amounts are decimals; a paid amount above 0 with a last paid date
 * after the as-of day is a programmer's mistake of the caller (that payment is not made yet) and
 * is not checked here.
 * @example invoiceStatusOf({ due: 20148, amount: 1000, paid: 1000, lastPaidDay: 20165, asOf: 20170 }) //=> { outcome: 'paid-late', stage: 'suspended', … }
 */
export function invoiceStatusOf(input: InvoiceStatusInput): InvoiceStatus {
  const tolerance = toleranceCents(input.tolerance ?? POLICY.reconcileTolerance.value);
  const warningDays = input.warningDays ?? POLICY.defaultWarningDays.value;
  if (!Number.isInteger(warningDays) || warningDays < 0) throw new RangeError(`warningDays must be a whole number ≥ 0, got ${warningDays}`);
  for (const [name, value] of [['amount', input.amount], ['paid', input.paid]] as const) {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new RangeError(`${name} must be a finite number, got ${value}`);
  }
  const paid = Math.abs(toCents(input.paid));
  const verdict = invoiceVerdict(
    { amount: toCents(input.amount), paid, due: input.due, billing: input.billing ?? POLICY.defaultBilling.value, lastPaidDay: paid > 0 ? input.lastPaidDay ?? null : null },
    { asOf: input.asOf, tolerance, warningDays },
  );
  return { outcome: verdict.outcome, stage: verdict.stage, open: fromCents(verdict.open), surplus: fromCents(verdict.surplus), deadlines: verdict.deadlines, verdict };
}
