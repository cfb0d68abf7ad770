/**
 * `subguard scan`: the command line's work, given its inputs and outputs. Everything that touches
 * the process (argv, environment, clock, streams) comes in through {@link Io}, so tests can run it
 * in-process; `main.ts` is the thin runner that binds it to the real process.
 */
import * as path from 'node:path';
import { dayFromIso, type Locale } from '../rules';
import type { ScanListener, ScanOutcome } from '../files/pipeline';
import { parseArgs, UsageError, type ScanCommand } from './args';
import { exitCode, EXIT_ERROR, EXIT_OK, type Counts } from './exit';
import { CsvOutput, JsonOutput, TableOutput, type FileHead, type OutputOptions, type OutputWriter } from './format';
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

/** One line on stderr, the program's name first. */
export function errorLine(message: string): string {
  return `subguard: ${message.replace(/\s*\n\s*/g, ' ')}\n`;
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
  const locale = command.lang ?? localeFromEnv(io.env);
  const { targets, sample } = resolveTargets(command, io);
  const asOf = command.asOf ?? (sample ? SAMPLE_AS_OF : io.today());
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
          warningDays: command.warnDays,
          dateOrder: command.dateOrder,
          sampleDate: sample && command.asOf === null,
        } satisfies FileHead);
      },
      row: (result) => writer.row(result),
      progress: progress?.update,
    };
    const scanOptions = { asOf: dayFromIso(asOf), warningDays: command.warnDays, dateOrder: command.dateOrder, locale, sheet: command.sheet, explain: command.explain };
    try {
      let outcome: ScanOutcome;
      if (command.out !== null) {
        const out = path.resolve(io.cwd, command.out);
        outcome = await files.annotateFile(target.path, out, { ...scanOptions, force: command.force }, listener, target.label);
      } else {
        outcome = await files.scanFile(target.path, scanOptions, listener, target.label);
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

/** "file: 120,000 rows read" on one stderr line, redrawn at most every 200 ms. */
function progressReporter(io: Io, label: string) {
  let last = 0;
  let shown = false;
  return {
    update: (rows: number) => {
      const now = Date.now();
      if (now - last < 200) return;
      last = now;
      shown = true;
      io.stderr.write(`\r\u001b[K${label}: ${rows.toLocaleString('en-US')} rows read`);
    },
    clear: () => {
      if (shown) io.stderr.write('\r\u001b[K');
      shown = false;
    },
  };
}
