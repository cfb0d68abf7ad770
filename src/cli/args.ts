/**
 * The command line as a typed command, or a named usage error. Pure: no clock, no environment,
 * no files; the runner fills the defaults that need them (today, the language, the sample file).
 * Options are declared as data, each with its check.
 */
import { LOCALES, POLICY, type DateOrder } from '../rules';
import { parseSetting, type ScanSettingName, type ScanSettings } from '../scan';

export type OutputFormat = 'table' | 'json' | 'csv';
const OUTPUT_FORMATS: readonly OutputFormat[] = ['table', 'json', 'csv'];

/** What makes `--fail-on` exit with code 2: rows at risk (due soon, expired, suspended), canceled or invalid rows. */
export type FailOn = 'at-risk' | 'canceled' | 'invalid';
const FAIL_ON_VALUES: readonly FailOn[] = ['at-risk', 'canceled', 'invalid'];

const DATE_ORDERS: readonly DateOrder[] = ['dmy', 'mdy'];


export interface ScanCommand {
  readonly command: 'scan';
  /** Files to scan; empty: the bundled sample. */
  readonly files: readonly string[];
  readonly sheet: string | null;
  /**
   * The settings given on the command line, checked (src/scan/settings.ts). The runner fills the
   * rest: `asOf` is today (the sample's own date for the sample), `locale` from the environment
   * (LANG), the others the settings' defaults.
   */
  readonly settings: Partial<ScanSettings>;
  readonly format: OutputFormat;
  readonly out: string | null;
  readonly force: boolean;
  readonly explain: boolean;
  readonly failOn: readonly FailOn[];
}

export type Command = ScanCommand | { readonly command: 'help' } | { readonly command: 'version' };

/** A mistake on the command line: printed as one line, exit code 1. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Draft = Mutable<Omit<ScanCommand, 'failOn' | 'files' | 'settings'>> & { failOn: FailOn[]; files: string[]; settings: Mutable<Partial<ScanSettings>> };

interface OptionSpec {
  /** The placeholder shown in messages and help; absent for a flag. */
  readonly value?: string;
  readonly apply: (draft: Draft, value: string, name: string) => void;
}

function mustBe(allowed: readonly string[], value: string, name: string): UsageError {
  return new UsageError(`${name} must be ${allowed.join(', ').replace(/, ([^,]*)$/, ' or $1')}, not "${value}"`);
}

function oneOf<T extends string>(allowed: readonly T[], value: string, name: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw mustBe(allowed, value, name);
}

/**
 * An option that sets a setting: checked by the settings' own parse, and a bad value said in the
 * CLI's words.
 */
function settingOption<K extends ScanSettingName>(setting: K, value: string, mistake: (value: string, name: string) => UsageError): OptionSpec {
  return {
    value,
    apply: (draft, given, name) => {
      const read = parseSetting(setting, given);
      if (!read.ok) throw mistake(given, name);
      (draft.settings as Record<ScanSettingName, unknown>)[setting] = read.value;
    },
  };
}

const OPTIONS: Readonly<Record<string, OptionSpec>> = {
  '--sheet': {
    value: 'NAME',
    apply: (draft, value, name) => {
      if (value.trim() === '') throw new UsageError(`${name} needs a sheet name`);
      draft.sheet = value;
    },
  },
  '--as-of': settingOption('asOf', 'YYYY-MM-DD', (value, name) => new UsageError(`${name} must be a date written YYYY-MM-DD, such as 2025-03-01, not "${value}"`)),
  '--warn-days': settingOption(
    'warningDays',
    'N',
    (value, name) => new UsageError(`${name} must be a whole number of days from 0 to ${POLICY.maxWarningDays.value}, not "${value}"`),
  ),
  '--date-order': settingOption('dateOrder', 'dmy|mdy', (value, name) => mustBe(DATE_ORDERS, value, name)),
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
  '--lang': settingOption('locale', 'en|da', (value, name) => mustBe(LOCALES, value, name)),
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
    settings: {},
    format: 'table',
    out: null,
    force: false,
    explain: false,
    failOn: [],
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
