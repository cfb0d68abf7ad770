/**
 * What the pane shows, worked out without a DOM: the settings read from the inputs, the result
 * view of a scan (counts, amounts, deadlines, the rows in groups), and the small formatters.
 * The DOM code in app.ts only turns these values into elements.
 */
import { isAtRisk, isoFromDay, POLICY, statusLabel, type Locale, type StatusCode } from '../rules';
import {
  formatAmount as amountText, formatCount, keyDate, nextDeadline, parseSettings, STATUS_ORDER,
  type ListedOutcome, type RowResult, type ScanProgress, type ScanSettings, type ScanSettingName, type ScanTarget,
} from '../scan';
import { text, type UiKey } from './strings';

/** How many upcoming deadlines the results list. */
export const DEADLINES_SHOWN = 5;

export interface SettingsInput {
  /** The date input's value: `YYYY-MM-DD`, or '' when empty or unfinished. */
  readonly asOf: string;
  readonly warningDays: string;
  /** '' (do not guess), 'dmy' or 'mdy'. */
  readonly dateOrder: string;
}

export type SettingsReading = { readonly ok: true; readonly settings: ScanSettings } | { readonly ok: false; readonly message: string };

/** The pane's sentence for a setting that is not valid (a select cannot give a bad value). */
function settingMessage(setting: ScanSettingName, locale: Locale): string {
  return setting === 'asOf' ? text(locale, 'badAsOf', { example: '2025-03-01' }) : text(locale, 'badWarning', { max: POLICY.maxWarningDays.value });
}

/**
 * The settings of the inputs (src/scan/settings.ts `parseSettings`: an empty input takes the
 * setting's default), or the message that says what to fix, first problem first.
 * @example readSettings({ asOf: '2025-03-01', warningDays: '14', dateOrder: '' }, 'en').ok //=> true
 * @example readSettings({ asOf: '2025-03-01', warningDays: '366', dateOrder: '' }, 'en').ok //=> false (the day after the bound)
 */
export function readSettings(input: SettingsInput, locale: Locale): SettingsReading {
  const given = (value: string) => (value.trim() === '' ? null : value);
  const reading = parseSettings({ asOf: input.asOf, warningDays: given(input.warningDays), dateOrder: given(input.dateOrder), locale });
  if (!reading.ok) return { ok: false, message: settingMessage(reading.problems[0].field as ScanSettingName, locale) };
  return reading;
}

/** Percent done, 0-100, for the progress bar; 0 until the total is known. */
export function progressPercent(progress: ScanProgress): number {
  if (!(progress.rowsTotal > 0)) return 0;
  return Math.min(100, Math.max(0, Math.round((100 * progress.rowsDone) / progress.rowsTotal)));
}

/**
 * An amount at risk as the pane shows it: src/scan's `formatAmount`, and the scan's "?" (no
 * currency) said in words.
 * @example formatAmount(1234.5, 'DKK', 'da') //=> '1.234,50 DKK'
 */
export function formatAmount(amount: number, currency: string, locale: Locale): string {
  return currency === '?' ? text(locale, 'noCurrency', { amount: amountText(amount, null, locale) }) : amountText(amount, currency, locale);
}

export interface CountView {
  readonly status: StatusCode;
  readonly label: string;
  readonly count: number;
  readonly countText: string;
}

export interface AmountView {
  readonly currency: string;
  readonly amount: number;
  readonly text: string;
}

export interface DeadlineView {
  readonly row: number;
  readonly status: StatusCode;
  readonly date: string;
  readonly kind: string;
  readonly title: string;
}

export interface RowView {
  readonly row: number;
  readonly status: StatusCode;
  readonly label: string;
  /** "S-004 · Inventor", or "No ID". */
  readonly title: string;
  /** "Row 5". */
  readonly rowText: string;
  /** The date that matters next, or for an invalid row its reason. */
  readonly line: string;
  readonly explanation: string;
}

export type GroupKey = 'at-risk' | 'canceled' | 'invalid' | 'other';

export interface GroupView {
  readonly key: GroupKey;
  readonly heading: string;
  /** The rows listed: those the source gave, at most `limit`. */
  readonly rows: readonly RowView[];
  /** Rows of the group's statuses in the whole table (from the scan's counts). */
  readonly total: number;
  /** "12 more rows are not listed…", or null when every row is listed. */
  readonly more: string | null;
}

export interface ResultView {
  readonly summary: string;
  readonly rows: number;
  readonly atRisk: number;
  readonly counts: readonly CountView[];
  readonly amounts: readonly AmountView[];
  readonly deadlines: readonly DeadlineView[];
  readonly groups: readonly GroupView[];
}

export interface ResultViewOptions {
  readonly locale: Locale;
  readonly asOf: number;
  /**
   * Most rows listed per group. The file mode lists every row (the browser-test contract: one
   * element per evaluated row); in Excel the sheet itself shows them, and a million list items
   * would only slow the pane down.
   */
  readonly limit: number;
}

/** The list a row goes in: at risk as the rules define it, canceled and invalid apart, the rest folded away. */
function groupOf(status: StatusCode): GroupKey {
  if (isAtRisk(status)) return 'at-risk';
  return status === 'canceled' || status === 'invalid' ? status : 'other';
}

const GROUP_HEADINGS: Readonly<Record<GroupKey, UiKey>> = {
  'at-risk': 'groupAtRisk',
  canceled: 'groupCanceled',
  invalid: 'groupInvalid',
  other: 'groupOther',
};

export const GROUP_ORDER: readonly GroupKey[] = ['at-risk', 'canceled', 'invalid', 'other'];

const LINE_KEYS: Readonly<Record<NonNullable<ReturnType<typeof keyDate>>['kind'], UiKey>> = {
  due: 'lineDue',
  suspension: 'lineSuspension',
  cancellation: 'lineCancellation',
  canceled: 'lineCanceled',
};

/** The row's date line: its key date (src/scan `keyDate`), or the reason it is invalid. */
export function rowLine(result: RowResult, locale: Locale): string {
  if (result.status === 'invalid') return result.explanation;
  const date = keyDate(result);
  return date ? text(locale, LINE_KEYS[date.kind], { date: isoFromDay(date.day) }) : '';
}

/** When an at-risk row's next deadline falls (src/scan `nextDeadline`). */
function nextDay(result: RowResult): number {
  return nextDeadline(result)?.day ?? Number.POSITIVE_INFINITY;
}

function rowTitle(result: RowResult, locale: Locale): string {
  const name = result.id ?? text(locale, 'rowUnnamed');
  return result.product ? `${name} · ${result.product}` : name;
}

function rowView(result: RowResult, locale: Locale): RowView {
  return {
    row: result.row,
    status: result.status,
    label: statusLabel(result.status, locale),
    title: rowTitle(result, locale),
    rowText: text(locale, 'rowNumber', { row: result.row }),
    line: rowLine(result, locale),
    explanation: result.explanation,
  };
}

/**
 * Splits the results into the pane's groups. Each row lands in exactly one group: at risk (the
 * most urgent first: the soonest next deadline, the date on its line, then sheet order), canceled,
 * invalid, and the rest (active and not covered), the last three in sheet order.
 */
export function groupRows(results: readonly RowResult[]): Record<GroupKey, RowResult[]> {
  const groups: Record<GroupKey, RowResult[]> = { 'at-risk': [], canceled: [], invalid: [], other: [] };
  for (const result of results) groups[groupOf(result.status)].push(result);
  groups['at-risk'].sort((a, b) => nextDay(a) - nextDay(b) || a.row - b.row);
  return groups;
}

export function buildResultView(outcome: ListedOutcome<ScanTarget>, options: ResultViewOptions): ResultView {
  const { locale, limit } = options;
  const { summary, table: target } = outcome;
  const counts = STATUS_ORDER.map((status) => ({
    status,
    label: statusLabel(status, locale),
    count: summary.counts[status],
    countText: formatCount(summary.counts[status], locale),
  }));
  const amounts = Object.keys(summary.amountAtRisk)
    .sort((a, b) => (a === '?' ? 1 : b === '?' ? -1 : a.localeCompare(b)))
    .map((currency) => ({ currency, amount: summary.amountAtRisk[currency], text: formatAmount(summary.amountAtRisk[currency], currency, locale) }));
  const deadlines = outcome.upcoming.slice(0, DEADLINES_SHOWN).map(({ result, kind, day }) => ({
    row: result.row,
    status: result.status,
    date: isoFromDay(day),
    kind: text(locale, kind === 'suspension' ? 'deadlineSuspension' : 'deadlineCancellation'),
    title: rowTitle(result, locale),
  }));
  const grouped = groupRows(outcome.results);
  const groups = GROUP_ORDER.map((key) => {
    const all = grouped[key];
    const shown = all.length > limit ? all.slice(0, limit) : all;
    // The counts are of every row; a source may list fewer (Excel leaves out plainly active rows).
    const total = Math.max(all.length, STATUS_ORDER.reduce((sum, status) => sum + (groupOf(status) === key ? summary.counts[status] : 0), 0));
    return {
      key,
      heading: text(locale, GROUP_HEADINGS[key], { count: formatCount(total, locale) }),
      rows: shown.map((result) => rowView(result, locale)),
      total,
      more: total > shown.length ? text(locale, 'moreRows', { count: formatCount(total - shown.length, locale) }) : null,
    };
  });
  return {
    summary: text(locale, 'resultsSummary', { rows: formatCount(summary.rows, locale), address: target.address, asOf: isoFromDay(options.asOf) }),
    rows: summary.rows,
    atRisk: summary.atRisk,
    counts,
    amounts,
    deadlines,
    groups,
  };
}
