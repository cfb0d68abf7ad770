import { cancellationDay, deadlines, dueDate, type Deadlines, type DueDate } from './deadlines';
import { POLICY, type Billing } from './policy';
import type { Payment } from './parse/paid';
import type { PaymentTerms } from './parse/terms';
import type { Problem } from './result';
import { beforeDirectBuying, directBuyingApplies } from './scope';

/** The status codes of rules.md §4, in the order a lapsing subscription passes through them. */
export type StatusCode = 'active' | 'due-soon' | 'expired' | 'suspended' | 'canceled' | 'not-covered' | 'invalid';

export const STATUS_CODES: readonly StatusCode[] = ['active', 'due-soon', 'expired', 'suspended', 'canceled', 'not-covered', 'invalid'];

/** At risk: still recoverable by paying (rules.md §4). Canceled is lost and shown apart. */
export const AT_RISK: ReadonlySet<StatusCode> = new Set<StatusCode>(['due-soon', 'expired', 'suspended']);

export function isAtRisk(status: StatusCode): boolean {
  return AT_RISK.has(status);
}

/** Which line of the rules.md §4 table decided the status. */
export type RuleId =
  | 'invalid'
  | 'not-covered'
  | 'canceled-paid-late'
  | 'canceled-unpaid'
  | 'active-paid'
  | 'suspended'
  | 'expired'
  | 'due-soon'
  | 'active-not-due';

export const RULE_STATUS: Readonly<Record<RuleId, StatusCode>> = {
  invalid: 'invalid',
  'not-covered': 'not-covered',
  'canceled-paid-late': 'canceled',
  'canceled-unpaid': 'canceled',
  'active-paid': 'active',
  suspended: 'suspended',
  expired: 'expired',
  'due-soon': 'due-soon',
  'active-not-due': 'active',
};

/** The numeric core's answers, in {@link RuleId} order after 'not-covered'. */
const CORE_RULES: readonly RuleId[] = ['canceled-paid-late', 'canceled-unpaid', 'active-paid', 'suspended', 'expired', 'due-soon', 'active-not-due'];

const EXPIRED_AFTER_DUE = POLICY.expiredAfterDue.value;
const SUSPENSION_AFTER_DUE = POLICY.suspensionAfterDue.value;

/** `paidDay` for a row marked paid without a date: paid "since always", never late. */
export const PAID_WITHOUT_DATE = -Infinity;
/** `paidDay` for an unpaid row. */
export const NOT_PAID = NaN;

/**
 * The rules.md §4 decision on plain numbers, allocation-free for million-row scans. Returns an index
 * into {@link coreRule}. A paid date after `asOf` counts as unpaid as of `asOf`.
 *
 * Boundaries: due-soon from due − W through the due date itself; expired from the day after due;
 * suspended from due + 16; canceled from the cancellation date, each first day included.
 */
export function coreRuleIndex(due: number, cancellation: number, paidDay: number, asOf: number, warningDays: number): number {
  if (paidDay <= asOf) return paidDay >= cancellation ? 0 : 2;
  if (asOf >= cancellation) return 1;
  if (asOf >= due + SUSPENSION_AFTER_DUE) return 3;
  if (asOf >= due + EXPIRED_AFTER_DUE) return 4;
  if (asOf >= due - warningDays) return 5;
  return 6;
}

export function coreRule(index: number): RuleId {
  return CORE_RULES[index];
}

/** A subscription row after parsing: everything the status needs. */
export interface Subscription {
  readonly terms: PaymentTerms;
  readonly billing: Billing;
  readonly renewalDay?: number | null;
  readonly endDay?: number | null;
  readonly invoiceDay?: number | null;
  readonly payment: Payment;
  readonly publicSector: boolean;
}

export interface StatusOptions {
  /** The day the status is for; never read from a clock here. */
  readonly asOf: number;
  /** Days before the due date that a row is due soon (default 14). */
  readonly warningDays?: number;
}

/** Remarks that an explanation adds to its main sentence. */
export type Note = 'net-terms-reading' | 'before-direct-buying' | 'paid-after-as-of';

export type Evaluation =
  | {
      readonly status: Exclude<StatusCode, 'invalid'>;
      readonly rule: Exclude<RuleId, 'invalid'>;
      readonly due: DueDate;
      readonly deadlines: Deadlines;
      readonly billing: Billing;
      readonly terms: PaymentTerms;
      readonly payment: Payment;
      readonly asOf: number;
      readonly warningDays: number;
      readonly notes: readonly Note[];
    }
  | { readonly status: 'invalid'; readonly rule: 'invalid'; readonly problem: Problem; readonly asOf: number };

/**
 * The status of a subscription as of a day (rules.md §4), with the rule that decided it and every
 * deadline. An unusable row is an `invalid` value, never an exception.
 */
export function evaluate(subscription: Subscription, options: StatusOptions): Evaluation {
  const { asOf } = options;
  const warningDays = options.warningDays ?? POLICY.defaultWarningDays.value;
  if (!Number.isInteger(warningDays) || warningDays < 0) throw new RangeError(`warningDays must be a whole number ≥ 0, got ${warningDays}`);
  const due = dueDate(subscription);
  if (!due.ok) return { status: 'invalid', rule: 'invalid', problem: due, asOf };
  const stages = deadlines(due.value.day, subscription.billing);
  const notes: Note[] = [];
  if (subscription.terms.kind === 'net') notes.push('net-terms-reading');
  if (beforeDirectBuying(due.value.anchorDay)) notes.push('before-direct-buying');
  const { payment } = subscription;
  if (payment.kind === 'paid-on' && payment.day > asOf) notes.push('paid-after-as-of');
  const common = { due: due.value, deadlines: stages, billing: subscription.billing, terms: subscription.terms, payment, asOf, warningDays, notes };
  if (!directBuyingApplies(subscription)) return { status: 'not-covered', rule: 'not-covered', ...common };
  const rule = coreRule(coreRuleIndex(stages.due, stages.cancellation, paidDayOf(payment), asOf, warningDays));
  return { status: RULE_STATUS[rule] as Exclude<StatusCode, 'invalid'>, rule: rule as Exclude<RuleId, 'invalid'>, ...common };
}

function paidDayOf(payment: Payment): number {
  if (payment.kind === 'paid-on') return payment.day;
  return payment.kind === 'paid-flag' ? PAID_WITHOUT_DATE : NOT_PAID;
}

/**
 * The status alone, decided in the same order as {@link evaluate} but with no deadlines object and
 * no explanation: what a 100,000-cell spill of SUBS.STATUS can afford per cell.
 */
export function quickStatus(due: number, billing: Billing, payment: Payment, publicSector: boolean, asOf: number, warningDays: number = POLICY.defaultWarningDays.value): StatusCode {
  if (!directBuyingApplies({ publicSector })) return 'not-covered';
  return statusOf(due, billing, paidDayOf(payment), asOf, warningDays);
}

/** Shortcut for callers that hold only the numbers: the status of a covered row. */
export function statusOf(due: number, billing: Billing, paidDay: number, asOf: number, warningDays: number = POLICY.defaultWarningDays.value): StatusCode {
  return RULE_STATUS[coreRule(coreRuleIndex(due, cancellationDay(due, billing), paidDay, asOf, warningDays))];
}
