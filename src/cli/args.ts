/**
 * The command line as a typed command, or a named usage error. Pure: no clock, no environment,
 * no files; the runner fills the defaults that need them (today, the language, the sample file).
 * Options are declared as data, each with its check.
 */
import { dayFromIso, POLICY, type DateOrder, type Locale } from '../rules';

export type OutputFormat = 'table' | 'json' | 'csv';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['table', 'json', 'csv'];

/** What makes `--fail-on` exit with code 2: rows at risk (due soon, expired, suspended), canceled or invalid rows. */
export type FailOn = 'at-risk' | 'canceled' | 'invalid';
export const FAIL_ON_VALUES: readonly FailOn[] = ['at-risk', 'canceled', 'invalid'];

export const DEFAULT_WARN_DAYS = POLICY.defaultWarningDays.value;
/** A warning window longer than this is a typo, not a policy. */
export const MAX_WARN_DAYS = POLICY.maxWarningDays.value;

export interface ScanCommand {
  readonly command: 'scan';
  /** Files to scan; empty: the bundled sample. */
  readonly files: readonly string[];
  readonly sheet: string | null;
  /** ISO date, or null for the default (today; the sample's own date for the sample). */
  readonly asOf: string | null;
  readonly warnDays: number;
  readonly dateOrder: DateOrder | null;
  readonly format: OutputFormat;
  readonly out: string | null;
  readonly force: boolean;
  readonly explain: boolean;
  readonly failOn: readonly FailOn[];
  /** null: from the environment (LANG). */
  readonly lang: Locale | null;
}

export type Command = ScanCommand | { readonly command: 'help' } | { readonly command: 'version' };

/** A mistake on the command line: printed as one line, exit code 1. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Draft = Mutable<Omit<ScanCommand, 'failOn' | 'files'>> & { failOn: FailOn[]; files: string[] };

interface OptionSpec {
  /** The placeholder shown in messages and help; absent for a flag. */
  readonly value?: string;
  readonly apply: (draft: Draft, value: string, name: string) => void;
}

function oneOf<T extends string>(allowed: readonly T[], value: string, name: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${name} must be ${allowed.join(', ').replace(/, ([^,]*)$/, ' or $1')}, not "${value}"`);
}

export const OPTIONS: Readonly<Record<string, OptionSpec>> = {
  '--sheet': {
    value: 'NAME',
    apply: (draft, value, name) => {
      if (value.trim() === '') throw new UsageError(`${name} needs a sheet name`);
      draft.sheet = value;
    },
  },
  '--as-of': {
    value: 'YYYY-MM-DD',
    apply: (draft, value, name) => {
      if (Number.isNaN(dayFromIso(value))) throw new UsageError(`${name} must be a date written YYYY-MM-DD, such as 2025-03-01, not "${value}"`);
      draft.asOf = value;
    },
  },
  '--warn-days': {
    value: 'N',
    apply: (draft, value, name) => {
      if (!/^\d+$/.test(value) || Number(value) > MAX_WARN_DAYS) throw new UsageError(`${name} must be a whole number of days from 0 to ${MAX_WARN_DAYS}, not "${value}"`);
      draft.warnDays = Number(value);
    },
  },
  '--date-order': { value: 'dmy|mdy', apply: (draft, value, name) => void (draft.dateOrder = oneOf<DateOrder>(['dmy', 'mdy'], value, name)) },
  '--format': { value: 'table|json|csv', apply: (draft, value, name) => void (draft.format = oneOf(OUTPUT_FORMATS, value, name)) },
  '--out': {
    value: 'FILE.xlsx',
    apply: (draft, value, name) => {
      if (value.trim() === '') throw new UsageError(`${name} needs a file name`);
      draft.out = value;
    },
  },
  '--force': { apply: (draft) => void (draft.force = true) },
  '--explain': { apply: (draft) => void (draft.explain = true) },
  '--fail-on': {
    value: 'at-risk[,canceled,invalid]',
    apply: (draft, value, name) => {
      for (const part of value.split(',')) {
        const item = oneOf(FAIL_ON_VALUES, part.trim(), name);
        if (!draft.failOn.includes(item)) draft.failOn.push(item);
      }
    },
  },
  '--lang': { value: 'en|da', apply: (draft, value, name) => void (draft.lang = oneOf<Locale>(['en', 'da'], value, name)) },
};

const HELP = new Set(['--help', '-h']);
const VERSION = new Set(['--version', '-V', '-v']);

/**
 * Parses the arguments after the program name.
 * @example parseArgs(['scan', 'a.xlsx', '--format', 'json']).format //=> 'json'
 * @example parseArgs(['scan', '--warn-days', 'x']) //=> throws UsageError
 */
export function parseArgs(argv: readonly string[]): Command {
  if (argv.some((arg) => HELP.has(arg))) return { command: 'help' };
  if (argv.some((arg) => VERSION.has(arg))) return { command: 'version' };
  if (argv.length === 0) return { command: 'help' };
  const [command, ...rest] = argv;
  if (command !== 'scan') {
    if (command.startsWith('-')) throw new UsageError(`a command comes first: subguard scan [FILE...] ${command} …`);
    throw new UsageError(`unknown command "${command}": the command is "scan" (subguard scan [FILE...])`);
  }
  const draft: Draft = {
    command: 'scan',
    files: [],
    sheet: null,
    asOf: null,
    warnDays: DEFAULT_WARN_DAYS,
    dateOrder: null,
    format: 'table',
    out: null,
    force: false,
    explain: false,
    failOn: [],
    lang: null,
  };
  let onlyFiles = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (onlyFiles || arg === '-' || !arg.startsWith('-')) {
      if (arg === '-') throw new UsageError('reading from standard input is not supported: give a file name');
      draft.files.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyFiles = true;
      continue;
    }
    const equals = arg.indexOf('=');
    const name = equals > 0 ? arg.slice(0, equals) : arg;
    const spec = OPTIONS[name];
    if (!spec) throw new UsageError(`unknown option ${name}${suggest(name)}`);
    if (spec.value === undefined) {
      if (equals > 0) throw new UsageError(`${name} takes no value`);
      spec.apply(draft, '', name);
      continue;
    }
    let value: string;
    if (equals > 0) {
      value = arg.slice(equals + 1);
    } else {
      if (i + 1 >= rest.length) throw new UsageError(`${name} needs a value: ${name} ${spec.value}`);
      value = rest[++i];
    }
    spec.apply(draft, value, name);
  }
  if (draft.out !== null && draft.files.length > 1) throw new UsageError('--out makes one copy: give one input file with it');
  if (draft.force && draft.out === null) throw new UsageError('--force only applies to --out FILE.xlsx');
  return draft;
}

function suggest(name: string): string {
  const close = Object.keys(OPTIONS).find((option) => option.startsWith(name) || name.startsWith(option));
  return close ? ` (did you mean ${close}?)` : ' (see subguard --help)';
}
