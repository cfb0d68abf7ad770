/**
 * `subguard scan`: the command line's work, given its inputs and outputs. Everything that touches
 * the process (argv, environment, clock, streams) comes in through {@link Io}, so tests can run it
 * in-process; `main.ts` is the thin runner that binds it to the real process.
 */
import * as path from 'node:path';
import { dayFromIso, isoFromDay, type Locale } from '../rules';
import type { FileOutcome, ScanListener } from '../files/pipeline';
import { scanSettings } from '../scan';
import { parseArgs, UsageError, type ScanCommand } from './args';
import { exitCode, EXIT_ERROR, EXIT_OK, type Counts } from './exit';
import { CsvOutput, JsonOutput, TableOutput, terminalSafe, type FileHead, type OutputOptions, type OutputWriter } from './format';
import { SAMPLE_AS_OF } from './sample';
import { USAGE } from './text';

export interface Io {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Resolves when the text is taken (backpressure for million-row output). */
  readonly stdout: { write(text: string): void | Promise<void>; readonly isTTY: boolean };
  readonly stderr: { write(text: string): void; readonly isTTY: boolean };
  /** Today in the local time zone, as YYYY-MM-DD. */
  readonly today: () => string;
  readonly version: string;
  /** The bundled sample workbook's path. */
  readonly samplePath: string;
  readonly cwd: string;
}

/** The language from the environment: Danish when LC_ALL, LC_MESSAGES or LANG says da. */
export function localeFromEnv(env: Io['env']): Locale {
  const tag = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^da(?:[_\-.@]|$)/i.test(tag) ? 'da' : 'en';
}

/** Colour only on a terminal, and never when NO_COLOR is set (no-color.org). */
export function useColor(isTTY: boolean, env: Io['env']): boolean {
  return isTTY && !env.NO_COLOR;
}

/**
 * One line on stderr, the program's name first. Made terminal-safe like cell text: a file or sheet
 * name in the message may hold escape sequences (ESC, OSC, C1) or bidirectional overrides.
 */
export function errorLine(message: string): string {
  return `subguard: ${terminalSafe(message.replace(/\s*\n\s*/g, ' '))}\n`;
}

interface Target {
  readonly path: string;
  /** How the output names it. */
  readonly label: string;
}

export function resolveTargets(command: ScanCommand, io: Pick<Io, 'samplePath' | 'cwd'>): { targets: Target[]; sample: boolean } {
  if (command.files.length > 0) return { targets: command.files.map((file) => ({ path: path.resolve(io.cwd, file), label: file })), sample: false };
  const relative = path.relative(io.cwd, io.samplePath);
  const label = relative.startsWith('..') || path.isAbsolute(relative) ? io.samplePath : relative;
  return { targets: [{ path: io.samplePath, label }], sample: true };
}

function writerFor(command: ScanCommand, io: Io, options: OutputOptions, fileCount: number): OutputWriter {
  const emit = (text: string) => io.stdout.write(text);
  if (command.format === 'json') return new JsonOutput(emit, options, fileCount > 1);
  if (command.format === 'csv') return new CsvOutput(emit, options);
  return new TableOutput(emit, options);
}

/** Runs the command line; returns the exit code. Named errors become one line on stderr. */
export async function run(io: Io): Promise<number> {
  let command;
  try {
    command = parseArgs(io.argv);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(errorLine(error.message));
      return EXIT_ERROR;
    }
    throw error;
  }
  if (command.command === 'help') {
    await io.stdout.write(`${USAGE}\n`);
    return EXIT_OK;
  }
  if (command.command === 'version') {
    await io.stdout.write(`${io.version}\n`);
    return EXIT_OK;
  }
  return scan(command, io);
}

async function scan(command: ScanCommand, io: Io): Promise<number> {
  // Loaded here, not at the top, so that --help and --version start without ExcelJS.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const files = require('../files') as typeof import('../files');
  const { targets, sample } = resolveTargets(command, io);
  // The defaults that need the process: the language from LANG, today (the sample's own date for it).
  const settings = scanSettings({
    ...command.settings,
    locale: command.settings.locale ?? localeFromEnv(io.env),
    asOf: command.settings.asOf ?? dayFromIso(sample ? SAMPLE_AS_OF : io.today()),
  });
  const { locale } = settings;
  const asOf = isoFromDay(settings.asOf);
  const options: OutputOptions = { locale, explain: command.explain, color: useColor(io.stdout.isTTY, io.env) };
  const writer = writerFor(command, io, options, targets.length);
  const counts: Counts[] = [];
  let errors = 0;

  for (const target of targets) {
    const progress = io.stderr.isTTY ? progressReporter(io, target.label) : null;
    let started = false;
    const listener: ScanListener = {
      table: (table) => {
        started = true;
        return writer.start({
          file: target.label,
          sheet: table.sheet,
          headerRow: table.headerRow,
          asOf,
          warningDays: settings.warningDays,
          dateOrder: settings.dateOrder,
          sampleDate: sample && command.settings.asOf === undefined,
        } satisfies FileHead);
      },
      row: (result) => writer.row(result),
      progress: progress?.rows,
      reading: progress?.reading,
    };
    const request = { settings, sheet: command.sheet, explain: command.explain };
    try {
      let outcome: FileOutcome;
      if (command.out !== null) {
        const out = path.resolve(io.cwd, command.out);
        outcome = await files.annotateFile(target.path, out, { ...request, force: command.force }, listener, target.label);
      } else {
        outcome = await files.scanFile(target.path, request, listener, target.label);
      }
      progress?.clear();
      await writer.end({ summary: outcome.summary, upcoming: outcome.upcoming, out: command.out });
      counts.push(outcome.summary.counts);
      if (outcome.movedRows > 0) {
        io.stderr.write(errorLine(`warning: ${outcome.movedRows} rows of ${target.label} had cells right of the table's first rows; in the copy they moved right of the added columns`));
      }
    } catch (error) {
      progress?.clear();
      if (!(error instanceof files.FileError)) throw error;
      errors++;
      if (started) await writer.fail(error.message);
      io.stderr.write(errorLine(error.message));
    }
  }
  await writer.finish();
  return exitCode({ errors, counts, failOn: command.failOn });
}

/**
 * Progress of a long read on one stderr line, redrawn at most every 200 ms: "file: 120,000 rows
 * read (sheet "Subscriptions", 45%)", or "file: reading shared strings (12%)" before any row.
 */
export function progressReporter(io: Pick<Io, 'stderr'>, label: string, now: () => number = Date.now) {
  let last = 0;
  let shown = false;
  let rows = 0;
  let what = '';
  let fraction = -1;
  const name = terminalSafe(label);
  const draw = () => {
    const t = now();
    if (t - last < 200) return;
    last = t;
    shown = true;
    const percent = fraction >= 0 ? `${Math.min(100, Math.floor(fraction * 100))}%` : '';
    const where = [what, percent].filter(Boolean).join(', ');
    const line = rows > 0 ? `${rows.toLocaleString('en-US')} rows read${where ? ` (${where})` : ''}` : `reading ${where}`;
    io.stderr.write(`\r\u001b[K${name}: ${line}`);
  };
  return {
    rows: (count: number, sheet: string) => {
      rows = count;
      what = `sheet "${terminalSafe(sheet)}"`;
      draw();
    },
    reading: (part: number, about: string) => {
      fraction = part;
      if (rows === 0) what = terminalSafe(about);
      draw();
    },
    clear: () => {
      if (shown) io.stderr.write('\r\u001b[K');
      shown = false;
    },
  };
}
