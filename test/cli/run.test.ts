/** The CLI's work in-process, with a fake terminal: what goes to stdout and stderr, and when. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { progressReporter } from '../../src/cli/run';
import { FIXTURE_AS_OF, STATUS_CASES } from '../fixtures/cases';
import { fixtureCsv, temporaryFolder } from '../files/fixture-files';
import { subguard } from './io';

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
    const run = await subguard(['scan', big, '--format', 'json'], { terminal: { stderr: true } });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/big\.csv: 5,000 rows read \(sheet "big"\)/);
    expect(run.stderr.endsWith('\r\u001b[K')).toBe(true);
    expect(JSON.parse(run.stdout).rows).toHaveLength(STATUS_CASES.length * 200);
  });

  test('no progress when stderr is not a terminal', async () => {
    const run = await subguard(['scan', big, '--format', 'csv']);
    expect([run.code, run.stderr]).toEqual([0, '']);
  });

  test('colour when stdout is a terminal, none with NO_COLOR', async () => {
    expect((await subguard(['scan', '--as-of', FIXTURE_AS_OF], { terminal: { stdout: true } })).stdout).toContain('\u001b[');
    expect((await subguard(['scan', '--as-of', FIXTURE_AS_OF], { terminal: { stdout: true }, env: { NO_COLOR: '1' } })).stdout).not.toContain('\u001b[');
  });

  test('files you name are scanned as of today; the sample as of its own date', async () => {
    expect(JSON.parse((await subguard(['scan', big, '--format', 'json'])).stdout).asOf).toBe('2025-03-01');
    expect(JSON.parse((await subguard(['scan', '--format', 'json'])).stdout).asOf).toBe('2026-11-26');
  });

  test('--version and --help write to stdout only', async () => {
    const version = await subguard(['-v']);
    expect([version.code, version.stdout, version.stderr]).toEqual([0, '9.9.9\n', '']);
    const help = await subguard(['--help']);
    expect([help.code, help.stdout.split('\n')[0], help.stderr]).toEqual([0, 'Usage: subguard scan [FILE...] [options]', '']);
  });

  test('a usage error is one line on stderr and nothing on stdout', async () => {
    const run = await subguard(['scan', '--as-of', 'tomorrow']);
    expect([run.code, run.stdout, run.stderr]).toEqual([1, '', 'subguard: --as-of must be a date written YYYY-MM-DD, such as 2025-03-01, not "tomorrow"\n']);
  });
});

describe('the progress line', () => {
  const reporter = () => {
    const written: string[] = [];
    let clock = 0;
    const progress = progressReporter({ stderr: { write: (text) => void written.push(text), isTTY: true } }, 'list\u001b]0;x\u0007.xlsx', () => (clock += 250));
    return { progress, written };
  };

  test('before any row, a long read says what it reads and how far', () => {
    const { progress, written } = reporter();
    progress.reading(0.125, 'shared strings');
    expect(written).toEqual(['\r\u001b[Klist ]0;x .xlsx: reading shared strings, 12%']);
  });

  test('rows read, with the sheet and how far into it; the file name is made terminal-safe', () => {
    const { progress, written } = reporter();
    progress.rows(120_000, 'Subscriptions');
    progress.reading(0.456, 'sheet "Subscriptions"');
    expect(written.at(-1)).toBe('\r\u001b[Klist ]0;x .xlsx: 120,000 rows read (sheet "Subscriptions", 45%)');
    progress.clear();
    expect(written.at(-1)).toBe('\r\u001b[K');
  });
});
