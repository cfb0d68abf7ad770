/**
 * The user's settings, declared once: what each one is called, its default, and what a valid
 * value is. Every front end (the CLI's options, the pane's inputs in Excel and on a file, the
 * reconciliation command and view) reads its settings through {@link parseSettings} or
 * {@link parseReconcileSettings}, so a default is filled and a value checked in one place, and a
 * bad value is a `bad-setting` problem (rules.md: bad data is a value) that the front end words
 * in its own catalogue. Adding a setting is one entry in {@link SCAN_SETTINGS} (or
 * {@link RECONCILE_SETTINGS}); the settings types follow from the entries.
 *
 * Settings change the answers (a status, a match); what a front end writes (which sheet, the date
 * columns, an explanation per row) is its own option, not a setting.
 */
import { dayFromIso, isValidTolerance, LOCALES, POLICY, problem, type DateOrder, type Locale, type Problem } from '../rules';

/** A setting as a front end has it: text typed or stored, a value, or nothing (the default). */
export type SettingInput = string | number | null | undefined;

interface SettingSpec<T> {
  /** The value when none is given; a setting without one must be given. */
  readonly fallback?: T;
  /** The value of a given input, or {@link INVALID}. */
  readonly read: (input: string | number) => T | typeof INVALID;
}

const INVALID = Symbol('invalid setting');

const setting = <T>(spec: SettingSpec<T>): SettingSpec<T> => spec;

/** A whole number from `min` to `max`, as a number or as digits. */
function wholeNumber(min: number, max: number) {
  return (input: string | number): number | typeof INVALID => {
    const value = typeof input === 'number' ? input : /^\d+$/.test(input.trim()) ? Number(input.trim()) : NaN;
    return Number.isInteger(value) && value >= min && value <= max ? value : INVALID;
  };
}

function oneOf<T extends string>(allowed: readonly T[]) {
  return (input: string | number): T | typeof INVALID => (typeof input === 'string' && (allowed as readonly string[]).includes(input.trim()) ? (input.trim() as T) : INVALID);
}

/** The settings of a subscription scan, and the common part of every other. */
export const SCAN_SETTINGS = {
  /** The day the statuses are for, as a day number (or `YYYY-MM-DD`). The front ends read the clock; nothing else does. */
  asOf: setting<number>({
    read: (input) => {
      const day = typeof input === 'number' ? input : dayFromIso(input.trim());
      return Number.isInteger(day) ? day : INVALID;
    },
  }),
  /** The warning window W in days (rules.md §4): a row turns due soon this many days before its due date. */
  warningDays: setting<number>({ fallback: POLICY.defaultWarningDays.value, read: wholeNumber(0, POLICY.maxWarningDays.value) }),
  /** The order of ambiguous slash dates such as 03/04/2025, when the user states one; null: never guess. */
  dateOrder: setting<DateOrder | null>({ fallback: null, read: oneOf<DateOrder>(['dmy', 'mdy']) }),
  /** The language of labels and explanations. */
  locale: setting<Locale>({ fallback: 'en', read: oneOf(LOCALES) }),
};

/** Reconciliation's settings (rules.md §9): the scan's, and the amount tolerance. */
export const RECONCILE_SETTINGS = {
  ...SCAN_SETTINGS,
  /** Amounts this close are equal (rules.md §9.2), from 0 to the policy's largest; `0,01` is read as 0.01. */
  tolerance: setting<number>({
    fallback: POLICY.reconcileTolerance.value,
    read: (input) => {
      const value = typeof input === 'number' ? input : /^\d+(?:[.,]\d+)?$/.test(input.trim()) ? Number(input.trim().replace(',', '.')) : NaN;
      return isValidTolerance(value) ? value : INVALID;
    },
  }),
};

type Specs = Readonly<Record<string, SettingSpec<unknown>>>;
type SettingsOf<S extends Specs> = { readonly [K in keyof S]: S[K] extends SettingSpec<infer T> ? T : never };
type InputOf<S extends Specs> = { readonly [K in keyof S]?: SettingInput };

/** A scan's settings, every one filled and checked (made by {@link parseSettings} or {@link scanSettings}). */
export interface ScanSettings extends SettingsOf<typeof SCAN_SETTINGS> {}
/** Reconciliation's settings: the scan's and the tolerance (made by {@link parseReconcileSettings} or {@link reconcileSettings}). */
export interface ReconcileSettings extends SettingsOf<typeof RECONCILE_SETTINGS> {}
export type ScanSettingName = keyof ScanSettings;
export type ReconcileSettingName = keyof ReconcileSettings;
export type ScanSettingsInput = InputOf<typeof SCAN_SETTINGS>;
export type ReconcileSettingsInput = InputOf<typeof RECONCILE_SETTINGS>;

/**
 * One scan as a front end asks for it: the settings, and what it writes besides. These options
 * change no answer, so they are not settings; each front end passes those it has.
 */
export interface ScanRequest {
  readonly settings: ScanSettings;
  /** Files: the sheet to scan (the exact name, else ignoring case); null: the first visible sheet with a header. */
  readonly sheet?: string | null;
  /** Files: the copy explains every row, not only the invalid ones. */
  readonly explain?: boolean;
  /** Excel: the due, suspension and cancellation dates are written beside Status too. */
  readonly writeDateColumns?: boolean;
}

/** A setting that is not valid: reason `bad-setting`, the value as given, and the setting's name as `field`. */
export type SettingProblem = Problem & { readonly reason: 'bad-setting'; readonly field: string };

export type SettingsReading<T> = { readonly ok: true; readonly settings: T } | { readonly ok: false; readonly problems: readonly SettingProblem[] };

const isAbsent = (input: SettingInput): input is null | undefined => input === null || input === undefined;

function readOne<T>(name: string, spec: SettingSpec<T>, input: SettingInput): { ok: true; value: T } | SettingProblem {
  if (isAbsent(input)) {
    if ('fallback' in spec) return { ok: true, value: spec.fallback as T };
    return problem('bad-setting', '', name) as SettingProblem;
  }
  const value = spec.read(input);
  return value === INVALID ? (problem('bad-setting', input, name) as SettingProblem) : { ok: true, value };
}

function readAll<S extends Specs>(specs: S, input: InputOf<S>): SettingsReading<SettingsOf<S>> {
  const settings: Record<string, unknown> = {};
  const problems: SettingProblem[] = [];
  for (const name of Object.keys(specs)) {
    const read = readOne(name, specs[name], input[name]);
    if (read.ok) settings[name] = read.value;
    else problems.push(read);
  }
  return problems.length === 0 ? { ok: true, settings: settings as SettingsOf<S> } : { ok: false, problems };
}

/**
 * The scan's settings from what the user gave, each default filled; or every setting that is not
 * valid. Text is trimmed; an absent setting (null, undefined) takes its default, except `asOf`.
 * @example parseSettings({ asOf: '2025-03-01' }) //=> { ok: true, settings: { asOf: 20148, warningDays: 14, dateOrder: null, locale: 'en' } }
 * @example parseSettings({ asOf: '2025-03-01', warningDays: '366' }).ok //=> false (one day past the largest window, 365)
 */
export function parseSettings(input: ScanSettingsInput): SettingsReading<ScanSettings> {
  return readAll(SCAN_SETTINGS, input);
}

/** Reconciliation's settings, read the same way (the tolerance too). */
export function parseReconcileSettings(input: ReconcileSettingsInput): SettingsReading<ReconcileSettings> {
  return readAll(RECONCILE_SETTINGS, input);
}

/**
 * One setting read on its own, for a front end that checks each as it comes (the CLI's options):
 * the value, or the problem. The same check as {@link parseSettings}.
 * @example parseSetting('warningDays', '7') //=> { ok: true, value: 7 }
 */
export function parseSetting<K extends ReconcileSettingName>(name: K, input: SettingInput): { readonly ok: true; readonly value: ReconcileSettings[K] } | SettingProblem {
  return readOne(name, RECONCILE_SETTINGS[name] as SettingSpec<ReconcileSettings[K]>, input);
}

function orThrow<T>(reading: SettingsReading<T>): T {
  if (reading.ok) return reading.settings;
  throw new RangeError(`bad settings: ${reading.problems.map((p) => `${p.field} "${p.value}"`).join(', ')}`);
}

/**
 * The scan's settings from values a program gives (tests, the bench, a front end's own defaults):
 * the same defaults and checks as {@link parseSettings}, but a bad value is a programmer's mistake
 * and throws RangeError.
 * @example scanSettings({ asOf: 20148, locale: 'da' }).warningDays //=> 14
 */
export function scanSettings(values: ScanSettingsInput): ScanSettings {
  return orThrow(parseSettings(values));
}

/** Reconciliation's settings from a program's values; throws RangeError for a bad one. */
export function reconcileSettings(values: ReconcileSettingsInput): ReconcileSettings {
  return orThrow(parseReconcileSettings(values));
}
