/**
 * The exit code, decided from what happened. 1 wins over 2: a scheduled job must not mistake a
 * file it could not read for one with rows at risk.
 */
import { AT_RISK, type StatusCode } from '../rules';
import type { FailOn } from './args';

export const EXIT_OK = 0;
/** A usage mistake or a file that could not be scanned. */
export const EXIT_ERROR = 1;
/** `--fail-on` matched a row. */
const EXIT_FAIL_ON = 2;

export type Counts = Readonly<Record<StatusCode, number>>;

/** Whether one file's counts match a `--fail-on` condition. */
function failOnMatches(counts: Counts, failOn: readonly FailOn[]): boolean {
  return failOn.some((condition) => {
    if (condition === 'at-risk') return [...AT_RISK].some((code) => counts[code] > 0);
    return counts[condition] > 0;
  });
}

/**
 * @example exitCode({ errors: 0, counts: [{ ...none, expired: 1 }], failOn: ['at-risk'] }) //=> 2
 */
export function exitCode(outcome: { readonly errors: number; readonly counts: readonly Counts[]; readonly failOn: readonly FailOn[] }): number {
  if (outcome.errors > 0) return EXIT_ERROR;
  return outcome.counts.some((counts) => failOnMatches(counts, outcome.failOn)) ? EXIT_FAIL_ON : EXIT_OK;
}
