import { isoFromDay } from './days';
import { POLICY, type Billing } from './policy';
import { ok, problem, type Parsed } from './result';

/**
 * Last day a full refund can be requested, that day included: window start + 30 (annual, 3-year)
 * or + 15 (monthly). The start is the purchase date, or the renewal date for a renewal (rules.md §5).
 * @example refundDeadline(20119, 'annual') //=> 20149
 */
export function refundDeadline(startDay: number, billing: Billing): number {
  return startDay + POLICY.refundWindowDays.value[billing];
}

export interface RefundRequest {
  readonly startDay: number;
  readonly requestDay: number;
  readonly billing: Billing;
  /** A unique legal agreement (or enterprise agreement) excludes the refund. */
  readonly excluded: boolean;
}

export type RefundRule = 'refund-within-window' | 'refund-after-window' | 'refund-excluded';

export interface RefundVerdict {
  readonly eligible: boolean;
  readonly rule: RefundRule;
  readonly deadline: number;
}

/**
 * Is a full refund possible on the request day? Eligible iff not excluded and start ≤ request ≤
 * deadline. A request before the start is bad input, not "not eligible".
 */
export function refundEligibility(request: RefundRequest): Parsed<RefundVerdict> {
  const deadline = refundDeadline(request.startDay, request.billing);
  // The value is shown to users in the message ("the request date {value} is before …"): a date, not a day number.
  if (request.requestDay < request.startDay) return problem('request-before-start', isoFromDay(request.requestDay), 'requestDate');
  if (request.excluded) return ok({ eligible: false, rule: 'refund-excluded', deadline });
  const eligible = request.requestDay <= deadline;
  return ok({ eligible, rule: eligible ? 'refund-within-window' : 'refund-after-window', deadline });
}
