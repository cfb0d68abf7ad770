/**
 * The thin runner: binds {@link run} to the real process (argv, environment, clock, streams),
 * turns any error into one line on stderr with exit code 1, and removes a half-written copy when
 * interrupted. No stack traces unless SUBGUARD_DEBUG is set.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { localToday } from '../clock';
import { isoFromDay } from '../rules/days';
import { errorLine, run, type Io } from './run';
import { SAMPLE_FILE } from './sample';

const ROOT = path.resolve(__dirname, '..', '..');

function version(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function removeTemporaries(): void {
  // A plain require, not a look into require.cache: the built command is one bundle (scripts/build-cli.js),
  // where the file adapters are no file of their own. Loaded already if a scan ran; if they cannot load, nothing was written.
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand at exit, so --help and --version never load the file adapters
    (require('../files/node') as typeof import('../files/node')).removeTemporaryFiles();
  } catch {
    // nothing to remove
  }
}

function stdoutWriter(text: string): void | Promise<void> {
  if (process.stdout.write(text)) return;
  return new Promise((resolve) => process.stdout.once('drain', resolve));
}

export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      removeTemporaries();
      process.stderr.write('\n');
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
  // A closed pipe (subguard scan | head) is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    // A full disk or a closed terminal: one line, never a stack trace.
    process.stderr.write(errorLine(`cannot write the output: ${error.message}`));
    process.exit(1);
  });
  const io: Io = {
    argv,
    env: process.env,
    stdout: { write: stdoutWriter, isTTY: Boolean(process.stdout.isTTY) },
    stderr: { write: (text) => void process.stderr.write(text), isTTY: Boolean(process.stderr.isTTY) },
    // The project's one edge clock (src/clock.ts): the local calendar day, from Intl.
    today: () => isoFromDay(localToday()),
    version: version(),
    samplePath: path.join(ROOT, SAMPLE_FILE),
    cwd: process.cwd(),
  };
  try {
    process.exitCode = await run(io);
  } catch (error) {
    removeTemporaries();
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(errorLine(`unexpected error: ${message}${process.env.SUBGUARD_DEBUG ? '' : ' (set SUBGUARD_DEBUG=1 to see where)'}`));
    if (process.env.SUBGUARD_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    process.exitCode = 1;
  }
}

if (require.main === module) void main();
