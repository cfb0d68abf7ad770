/**
 * What a scan gives back, in every front end: where the table was, the totals, and the soonest
 * deadlines; the pane's sources add the rows they list, the file jobs what they wrote. And the
 * decisions about a row that every front end shows the same way: which deadline comes next,
 * which one date its line shows, whether it needs a look.
 */
import { isAtRisk, type ColumnMap } from '../rules';
import type { RowResult, ScanSummary } from './scan';

/** Where the scanned table is. */
export interface ScanTable {
  readonly sheet: string;
  /** The header's sheet row (the line in a CSV), 1-based. */
  readonly headerRow: number;
  readonly columns: ColumnMap;
}

export type DeadlineKind = 'suspension' | 'cancellation';

export interface Deadline {
  readonly kind: DeadlineKind;
  readonly day: number;
}

export interface UpcomingDeadline extends Deadline {
  readonly result: RowResult;
}

/** One scan's outcome; `T` is what the front end knows of the table. */
export interface ScanOutcome<T extends ScanTable = ScanTable> {
  readonly table: T;
  readonly summary: ScanSummary;
  /** The soonest deadlines of the whole table ({@link UPCOMING_COUNT} at most), soonest first. */
  readonly upcoming: readonly UpcomingDeadline[];
}

/** An outcome with rows listed (the task pane): every row, or those a source keeps. */
export interface ListedOutcome<T extends ScanTable = ScanTable> extends ScanOutcome<T> {
  readonly results: readonly RowResult[];
  /** Rows kept but not listed, past the source's limit. */
  readonly omitted: number;
}

/** How many upcoming deadlines an outcome keeps. */
export const UPCOMING_COUNT = 10;

/**
 * The deadline that comes next for a row at risk, the one that costs access: the suspension of a
 * row not yet suspended (due soon or expired), the cancellation of a suspended one. Null for any
 * other row. The pane's list, its "Next deadlines", the CLI's and the copy's all use it.
 */
export function nextDeadline(result: RowResult): Deadline | null {
  if (!result.atRisk || !result.days) return null;
  return result.status === 'suspended' ? { kind: 'cancellation', day: result.days.cancellation } : { kind: 'suspension', day: result.days.suspension };
}

/**
 * The one date a row's line shows: its next deadline when at risk; the day a canceled row was
 * canceled; the due date of an active or not-covered row. Null for an invalid row.
 */
export function keyDate(result: RowResult): { readonly kind: DeadlineKind | 'due' | 'canceled'; readonly day: number } | null {
  if (!result.days) return null;
  if (result.atRisk) return nextDeadline(result);
  return result.status === 'canceled' ? { kind: 'canceled', day: result.days.cancellation } : { kind: 'due', day: result.days.due };
}

/**
 * Whether a row needs a look: at risk, canceled (to buy again) or invalid (a cell to fix). Active
 * and not-covered rows need no action. Excel lists and highlights these rows; the pane shows their
 * groups open and folds the others away.
 */
export function needsAttention(result: Pick<RowResult, 'status'>): boolean {
  return isAtRisk(result.status) || result.status === 'canceled' || result.status === 'invalid';
}

/** The next deadlines of the rows, soonest first (then by row), at most `count`. */
export function nextDeadlines(results: Iterable<RowResult>, count: number): UpcomingDeadline[] {
  const upcoming: UpcomingDeadline[] = [];
  for (const result of results) {
    const deadline = nextDeadline(result);
    if (deadline) upcoming.push({ result, ...deadline });
  }
  return upcoming.sort((a, b) => a.day - b.day || a.result.row - b.result.row).slice(0, count);
}

/** Keeps the soonest deadlines of a scan as its rows go by, without keeping every row. */
export class UpcomingDeadlines {
  private candidates: RowResult[] = [];

  constructor(private readonly count: number = UPCOMING_COUNT) {}

  add(result: RowResult): void {
    if (!result.atRisk) return;
    this.candidates.push(result);
    if (this.candidates.length >= this.count * 8) this.candidates = nextDeadlines(this.candidates, this.count).map((item) => item.result);
  }

  list(): UpcomingDeadline[] {
    return nextDeadlines(this.candidates, this.count);
  }
}
