/**
 * Money inside reconciliation is counted in whole hundredths (cents, øre) so that a tolerance of
 * 0.01 is exact: in floating point 100.01 − 100.00 is 0.010000000000005116, more than 0.01.
 * Amounts with more decimals are rounded to the nearest hundredth once, when they are read.
 */
import { POLICY } from '../policy';

/**
 * Hundredths of an amount, rounded half away from zero.
 * @example toCents(1234.5) //=> 123450
 * @example toCents(-0.015) //=> -2
 */
export function toCents(amount: number): number {
  const scaled = Math.round(Math.abs(amount) * 100 + 1e-7);
  return amount < 0 ? -scaled : scaled;
}

/** The amount of a count of hundredths. */
export function fromCents(cents: number): number {
  return cents / 100;
}

/**
 * The tolerance in hundredths, after checking it: a number from 0 to the policy's maximum. A
 * tolerance outside that is a programmer's mistake here (the adapters check the user's setting
 * first), so it throws.
 * @example toleranceCents(0.01) //=> 1
 */
export function toleranceCents(tolerance: number = POLICY.reconcileTolerance.value): number {
  if (typeof tolerance !== 'number' || !Number.isFinite(tolerance) || tolerance < 0 || tolerance > POLICY.maxReconcileTolerance.value) {
    throw new RangeError(`tolerance must be a number from 0 to ${POLICY.maxReconcileTolerance.value}, got ${tolerance}`);
  }
  return toCents(tolerance);
}

/**
 * Is a user's tolerance setting usable? For the adapters, which report a bad one as a message.
 * @example isValidTolerance(0.5) //=> true
 */
export function isValidTolerance(tolerance: number): boolean {
  return typeof tolerance === 'number' && Number.isFinite(tolerance) && tolerance >= 0 && tolerance <= POLICY.maxReconcileTolerance.value;
}
