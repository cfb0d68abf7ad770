import { POLICY, type Billing } from './policy';
import type { PaymentTerms } from './parse/terms';
import { problem, ok, type Parsed } from './result';

/** Which date of the row the due date was counted from. */
export type DueAnchor = 'renewalDate' | 'endDate' | 'invoiceDate';

export interface DueDateInputs {
  readonly terms: PaymentTerms;
  readonly renewalDay?: number | null;
  readonly endDay?: number | null;
  readonly invoiceDay?: number | null;
}

export interface DueDate {
  readonly day: number;
  readonly anchor: DueAnchor;
  readonly anchorDay: number;
  /** Days added to the anchor: N for net N, 0 when paid on renewal. */
  readonly netDays: number;
}

/**
 * The due date, where the shutoff clock starts (rules.md §2): the renewal date (or, when empty,
 * the end date) for payment on renewal; invoice date + N for net N, or renewal date + N when the
 * row has no invoice date. A row paid on renewal with only an invoice date uses it: Autodesk issues
 * invoices "on the day of renewal" (AD-INVOICE).
 * @example dueDate({ terms: { kind: 'net', days: 30 }, invoiceDay: 20119 }) //=> ok({ day: 20149, … })
 */
export function dueDate(inputs: DueDateInputs): Parsed<DueDate> {
  const renewalOrEnd = pick(inputs.renewalDay, 'renewalDate') ?? pick(inputs.endDay, 'endDate');
  const invoice = pick(inputs.invoiceDay, 'invoiceDate');
  const anchor = inputs.terms.kind === 'net' ? invoice ?? renewalOrEnd : renewalOrEnd ?? invoice;
  if (!anchor) return problem('missing-date', '', 'renewalDate');
  const netDays = netDaysOf(inputs.terms);
  return ok({ day: anchor.day + netDays, anchor: anchor.field, anchorDay: anchor.day, netDays });
}

/**
 * Days from the anchor date to the due date (rules.md §2): N for net N, 0 when paid on renewal.
 * {@link dueDate} adds them; a caller holding a day per row (a 100,000-row spill) adds them itself.
 * @example netDaysOf({ kind: 'net', days: 30 }) //=> 30
 */
export function netDaysOf(terms: PaymentTerms): number {
  return terms.kind === 'net' ? terms.days : 0;
}

function pick(day: number | null | undefined, field: DueAnchor): { day: number; field: DueAnchor } | null {
  return typeof day === 'number' && Number.isFinite(day) ? { day, field } : null;
}

/** The first day of each stage after the due date (rules.md §3). */
export interface Deadlines {
  readonly due: number;
  /** First day of Expired: late, access continues. */
  readonly expired: number;
  /** First day without access. */
  readonly suspension: number;
  /** First day canceled: the subscription must be bought again. */
  readonly cancellation: number;
}

/**
 * First day suspended: due + 16, whatever the billing period.
 * @example suspensionDay(20119) //=> 20135
 */
export function suspensionDay(due: number): number {
  return due + POLICY.suspensionAfterDue.value;
}

/**
 * First day canceled: due + 46 for annual and 3-year, due + 31 for monthly.
 * @example cancellationDay(20119, 'monthly') //=> 20150
 */
export function cancellationDay(due: number, billing: Billing): number {
  return due + cancellationOffset(billing);
}

const CANCELLATION = POLICY.cancellationAfterDue.value;

// Named property reads, not CANCELLATION[billing]: a keyed read by string is several times slower
// in the million-row loops, and this is the hottest line of a scan.
function cancellationOffset(billing: Billing): number {
  return billing === 'annual' ? CANCELLATION.annual : billing === 'monthly' ? CANCELLATION.monthly : CANCELLATION['three-year'];
}

export function deadlines(due: number, billing: Billing): Deadlines {
  return {
    due,
    expired: due + POLICY.expiredAfterDue.value,
    suspension: suspensionDay(due),
    cancellation: cancellationDay(due, billing),
  };
}
