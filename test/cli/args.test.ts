import { parseArgs, UsageError, type Command, type ScanCommand } from '../../src/cli/args';
import { exitCode, type Counts } from '../../src/cli/exit';
import { localeFromEnv, resolveTargets, useColor } from '../../src/cli/run';

const scan = (...argv: string[]) => parseArgs(argv) as ScanCommand;
const DEFAULTS: ScanCommand = {
  command: 'scan', files: [], sheet: null, settings: {}, format: 'table', out: null, force: false, explain: false, failOn: [],
};

describe('the command line becomes a typed command', () => {
  test.each<[string, string[], Partial<ScanCommand>]>([
    ['no file: the sample', ['scan'], {}],
    ['files', ['scan', 'a.xlsx', 'b.csv'], { files: ['a.xlsx', 'b.csv'] }],
    ['--sheet NAME', ['scan', 'a.xlsx', '--sheet', 'Licences 2025'], { files: ['a.xlsx'], sheet: 'Licences 2025' }],
    ['--option=value', ['scan', '--as-of=2025-03-01', '--warn-days=0'], { settings: { asOf: 20148 /* 2025-03-01 */, warningDays: 0 } }],
    ['--date-order', ['scan', '--date-order', 'mdy'], { settings: { dateOrder: 'mdy' } }],
    ['--format json', ['scan', '--format', 'json'], { format: 'json' }],
    ['--out and --force', ['scan', 'a.xlsx', '--out', 'b.xlsx', '--force'], { files: ['a.xlsx'], out: 'b.xlsx', force: true }],
    ['--explain', ['scan', '--explain'], { explain: true }],
    ['--fail-on, repeated and comma-separated', ['scan', '--fail-on', 'at-risk', '--fail-on', 'invalid,canceled,at-risk'], { failOn: ['at-risk', 'invalid', 'canceled'] }],
    ['--lang da', ['scan', '--lang', 'da'], { settings: { locale: 'da' } }],
    ['options before files', ['scan', '--explain', 'a.xlsx'], { explain: true, files: ['a.xlsx'] }],
    ['-- ends the options', ['scan', '--', '--odd-name.xlsx'], { files: ['--odd-name.xlsx'] }],
  ])('%s', (_, argv, expected) => {
    expect(scan(...argv)).toEqual({ ...DEFAULTS, ...expected });
  });

  test.each<[string, string[], Command]>([
    ['nothing: help', [], { command: 'help' }],
    ['--help anywhere', ['scan', 'a.xlsx', '--help'], { command: 'help' }],
    ['-h', ['-h'], { command: 'help' }],
    ['--version', ['--version'], { command: 'version' }],
    ['-v', ['scan', '-v'], { command: 'version' }],
  ])('%s', (_, argv, expected) => {
    expect(parseArgs(argv)).toEqual(expected);
  });

  test.each<[string, string[], string]>([
    ['an unknown command', ['check', 'a.xlsx'], 'unknown command "check": the command is "scan" (subguard scan [FILE...])'],
    ['an option before the command', ['--format', 'json'], 'a command comes first: subguard scan [FILE...] --format …'],
    ['an unknown option', ['scan', '--colour'], 'unknown option --colour (see subguard --help)'],
    ['a misspelt option', ['scan', '--explai'], 'unknown option --explai (did you mean --explain?)'],
    ['a missing value', ['scan', '--sheet'], '--sheet needs a value: --sheet NAME'],
    ['a flag with a value', ['scan', '--explain=yes'], '--explain takes no value'],
    ['a date that is not YYYY-MM-DD', ['scan', '--as-of', '01-03-2025'], '--as-of must be a date written YYYY-MM-DD, such as 2025-03-01, not "01-03-2025"'],
    ['a date that does not exist', ['scan', '--as-of', '2025-02-29'], '--as-of must be a date written YYYY-MM-DD, such as 2025-03-01, not "2025-02-29"'],
    ['negative warning days', ['scan', '--warn-days', '-1'], '--warn-days must be a whole number of days from 0 to 365, not "-1"'],
    ['fractional warning days', ['scan', '--warn-days', '1.5'], '--warn-days must be a whole number of days from 0 to 365, not "1.5"'],
    ['an unknown date order', ['scan', '--date-order', 'ymd'], '--date-order must be dmy or mdy, not "ymd"'],
    ['an unknown format', ['scan', '--format', 'xml'], '--format must be table, json or csv, not "xml"'],
    ['an unknown fail-on', ['scan', '--fail-on', 'expired'], '--fail-on must be at-risk, canceled or invalid, not "expired"'],
    ['an unknown language', ['scan', '--lang', 'sv'], '--lang must be en or da, not "sv"'],
    ['--out with two files', ['scan', 'a.xlsx', 'b.xlsx', '--out', 'c.xlsx'], '--out makes one copy: give one input file with it'],
    ['--force without --out', ['scan', '--force'], '--force only applies to --out FILE.xlsx'],
    ['standard input', ['scan', '-'], 'reading from standard input is not supported: give a file name'],
  ])('%s is a usage error', (_, argv, message) => {
    expect(() => parseArgs(argv)).toThrow(new UsageError(message));
  });
});

describe('defaults taken from the environment', () => {
  test.each<[Record<string, string>, string]>([
    [{ LANG: 'da_DK.UTF-8' }, 'da'],
    [{ LANG: 'da' }, 'da'],
    [{ LC_ALL: 'da_DK', LANG: 'en_US.UTF-8' }, 'da'],
    [{ LC_ALL: 'en_GB.UTF-8', LANG: 'da_DK.UTF-8' }, 'en'],
    [{ LC_MESSAGES: 'da_DK.UTF-8' }, 'da'],
    [{ LANG: 'C' }, 'en'],
    [{ LANG: 'dav_KE' }, 'en'],
    [{}, 'en'],
  ])('%j: %s', (env, locale) => {
    expect(localeFromEnv(env)).toBe(locale);
  });

  test.each<[boolean, Record<string, string>, boolean]>([
    [true, {}, true],
    [true, { NO_COLOR: '1' }, false],
    [false, {}, false],
  ])('colour on a terminal %s with %j: %s', (isTTY, env, color) => {
    expect(useColor(isTTY, env)).toBe(color);
  });

  test('without a file the sample is scanned, named relative to the working folder', () => {
    expect(resolveTargets(scan('scan'), { samplePath: '/app/examples/subscriptions.xlsx', cwd: '/app' })).toEqual({
      targets: [{ path: '/app/examples/subscriptions.xlsx', label: 'examples/subscriptions.xlsx' }],
      sample: true,
    });
    expect(resolveTargets(scan('scan', 'x.csv'), { samplePath: '/app/examples/subscriptions.xlsx', cwd: '/data' })).toEqual({
      targets: [{ path: '/data/x.csv', label: 'x.csv' }],
      sample: false,
    });
  });
});

describe('the exit code', () => {
  const none: Counts = { active: 0, 'due-soon': 0, expired: 0, suspended: 0, canceled: 0, 'not-covered': 0, invalid: 0 };
  test.each<[string, number, Array<Partial<Counts>>, Array<'at-risk' | 'canceled' | 'invalid'>, number]>([
    ['all fine', 0, [{ active: 3 }], [], 0],
    ['at risk, without --fail-on', 0, [{ expired: 1 }], [], 0],
    ['due soon with --fail-on at-risk', 0, [{ 'due-soon': 1 }], ['at-risk'], 2],
    ['suspended with --fail-on at-risk', 0, [{ suspended: 1 }], ['at-risk'], 2],
    ['canceled is not at risk', 0, [{ canceled: 1 }], ['at-risk'], 0],
    ['canceled with --fail-on canceled', 0, [{ canceled: 1 }], ['canceled'], 2],
    ['invalid with --fail-on invalid', 0, [{ invalid: 1 }], ['at-risk', 'invalid'], 2],
    ['a second file at risk', 0, [{ active: 1 }, { expired: 1 }], ['at-risk'], 2],
    ['an error wins over --fail-on', 1, [{ expired: 1 }], ['at-risk'], 1],
  ])('%s', (_, errors, counts, failOn, code) => {
    expect(exitCode({ errors, counts: counts.map((c) => ({ ...none, ...c })), failOn })).toBe(code);
  });
});
