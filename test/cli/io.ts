/**
 * The command in-process: `run(io)` with a fake terminal (what goes to stdout and stderr), so
 * the CLI's cases need no child process. test/cli/command.test.ts keeps a few real-process runs.
 */
import * as path from 'node:path';
import { run, type Io } from '../../src/cli/run';

export const ROOT = path.resolve(__dirname, '..', '..');

export interface FakeRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface FakeOptions {
  readonly env?: Record<string, string>;
  readonly cwd?: string;
  readonly terminal?: { readonly stdout?: boolean; readonly stderr?: boolean };
  readonly today?: string;
  /** Called with each piece written to stdout (a test may throw from it: a crash at a known point). */
  readonly onStdout?: (text: string, pieces: number) => void;
}

function fakeIo(argv: readonly string[], options: FakeOptions = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = {
    argv,
    env: { LANG: 'C', ...options.env },
    stdout: {
      write: (text) => {
        out.push(text);
        options.onStdout?.(text, out.length);
      },
      isTTY: options.terminal?.stdout ?? false,
    },
    stderr: { write: (text) => void err.push(text), isTTY: options.terminal?.stderr ?? false },
    today: () => options.today ?? '2025-03-01',
    version: '9.9.9',
    samplePath: path.join(ROOT, 'examples', 'subscriptions.xlsx'),
    cwd: options.cwd ?? ROOT,
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}

/** Runs the command in-process and returns its exit code and output. */
export async function subguard(argv: readonly string[], options: FakeOptions = {}): Promise<FakeRun> {
  const fake = fakeIo(argv, options);
  const code = await run(fake.io);
  return { code, stdout: fake.stdout(), stderr: fake.stderr() };
}

/** One line on stderr, named, without a stack trace; exit code 1. */
export function expectOneLineError(result: { readonly code: number | null; readonly stderr: string }, pattern: RegExp): void {
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/^subguard: [^\n]+\n$/);
  expect(result.stderr).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}
