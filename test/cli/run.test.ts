/** The CLI's work in-process, with a fake terminal: what goes to stdout and stderr, and when. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { run, type Io } from '../../src/cli/run';
import { FIXTURE_AS_OF, STATUS_CASES } from '../fixtures/cases';
import { fixtureCsv, temporaryFolder } from '../files/fixture-files';

const ROOT = path.resolve(__dirname, '..', '..');

function fakeIo(argv: string[], terminal: { stdout?: boolean; stderr?: boolean } = {}, env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = {
    argv,
    env,
    stdout: { write: (text) => void out.push(text), isTTY: terminal.stdout ?? false },
    stderr: { write: (text) => void err.push(text), isTTY: terminal.stderr ?? false },
    today: () => '2025-03-01',
    version: '9.9.9',
    samplePath: path.join(ROOT, 'examples', 'subscriptions.xlsx'),
    cwd: ROOT,
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}

let folder: string;
let big: string;
beforeAll(() => {
  folder = temporaryFolder('subguard-run-');
  big = path.join(folder, 'big.csv');
  fs.writeFileSync(big, fixtureCsv({ cases: Array.from({ length: 200 }, () => STATUS_CASES).flat() }).text);
});
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

describe('what the runner writes where', () => {
  test('progress goes to stderr when stderr is a terminal, and is cleared at the end', async () => {
    const fake = fakeIo(['scan', big, '--format', 'json'], { stderr: true });
    expect(await run(fake.io)).toBe(0);
    expect(fake.stderr()).toMatch(/big\.csv: 5,000 rows read/);
    expect(fake.stderr().endsWith('\r\u001b[K')).toBe(true);
    expect(JSON.parse(fake.stdout()).rows).toHaveLength(STATUS_CASES.length * 200);
  });

  test('no progress when stderr is not a terminal', async () => {
    const fake = fakeIo(['scan', big, '--format', 'csv']);
    expect(await run(fake.io)).toBe(0);
    expect(fake.stderr()).toBe('');
  });

  test('colour when stdout is a terminal, none with NO_COLOR', async () => {
    const coloured = fakeIo(['scan', '--as-of', FIXTURE_AS_OF], { stdout: true });
    await run(coloured.io);
    expect(coloured.stdout()).toContain('\u001b[');
    const plain = fakeIo(['scan', '--as-of', FIXTURE_AS_OF], { stdout: true }, { NO_COLOR: '1' });
    await run(plain.io);
    expect(plain.stdout()).not.toContain('\u001b[');
  });

  test('files you name are scanned as of today; the sample as of its own date', async () => {
    const named = fakeIo(['scan', big, '--format', 'json']);
    await run(named.io);
    expect(JSON.parse(named.stdout()).asOf).toBe('2025-03-01');
    const sample = fakeIo(['scan', '--format', 'json']);
    await run(sample.io);
    expect(JSON.parse(sample.stdout()).asOf).toBe('2026-11-26');
  });

  test('--version and --help write to stdout only', async () => {
    const version = fakeIo(['-v']);
    expect(await run(version.io)).toBe(0);
    expect([version.stdout(), version.stderr()]).toEqual(['9.9.9\n', '']);
  });

  test('a usage error is one line on stderr and nothing on stdout', async () => {
    const fake = fakeIo(['scan', '--as-of', 'tomorrow']);
    expect(await run(fake.io)).toBe(1);
    expect([fake.stdout(), fake.stderr()]).toEqual(['', 'subguard: --as-of must be a date written YYYY-MM-DD, such as 2025-03-01, not "tomorrow"\n']);
  });
});
