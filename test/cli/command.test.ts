/**
 * The command: exit codes, one-line errors, the JSON contract, and --out that never harms the
 * input. The cases run in-process through `run(io)` (test/cli/io.ts); a few run the real command
 * as a child process (node bin/subguard.js …): the process's own exit codes and streams, `npm run
 * scan`, and an interrupted copy, killed at a known point.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { STATUS_CODES } from '../../src/rules';
import { FIXTURE_AS_OF, STATUS_CASES } from '../fixtures/cases';
import { realFilePath } from '../fixtures/files/real-files';
import { fixtureCsv, temporaryFolder, writeFixtureWorkbook, type WrittenFixture } from '../files/fixture-files';
import { BOMBS } from '../files/bombs';
import { expectOneLineError, ROOT, subguard } from './io';

const BIN = path.join(ROOT, 'bin', 'subguard.js');
const ENV = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LANG: 'C', TZ: process.env.TZ ?? 'UTC' };

/** The real command, as a child process. */
function realSubguard(args: string[], cwd = ROOT) {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd, env: ENV, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const hash = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

let folder: string;
let book: string;
let bookFixture: WrittenFixture;

beforeAll(async () => {
  folder = temporaryFolder('subguard-cli-');
  book = path.join(folder, 'subscriptions.xlsx');
  bookFixture = await writeFixtureWorkbook(book, { titleRows: ['Acme A/S'], blankEvery: 10 });
});
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

const partials = () => fs.readdirSync(folder).filter((name) => name.endsWith('.partial'));

describe('the real command (a child process)', () => {
  test('without a file: the bundled sample, every status, as of the date the sample is set at; exit 0, nothing on stderr', () => {
    const run = realSubguard(['scan']);
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(run.stdout.split('\n')[0]).toBe(
      'examples/subscriptions.xlsx: sheet "Subscriptions", header row 4, as of 2026-11-26 (the sample\'s own date; --as-of YYYY-MM-DD to change), warning window 14 days',
    );
    const totals = run.stdout.split('\n').find((line) => line.startsWith('Active '))!;
    for (const label of ['Active', 'Due soon', 'Expired', 'Suspended', 'Canceled', 'Not covered', 'Invalid']) expect(totals).toMatch(new RegExp(`${label} [1-9]`));
    expect(run.stdout).not.toContain('\u001b[');
  });

  test('npm run scan works too (no build step)', () => {
    const run = spawnSync('npm', ['run', '--silent', 'scan', '--', '--format', 'json'], { cwd: ROOT, env: ENV, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ asOf: '2026-11-26', file: 'examples/subscriptions.xlsx', sheet: 'Subscriptions' });
  });

  test('a file that cannot be read: exit 1, one line on stderr, no stack trace, nothing on stdout', () => {
    const run = realSubguard(['scan', path.join(folder, 'nope.xlsx')]);
    expectOneLineError(run, /nope\.xlsx: no such file/);
    expect(run.stdout).toBe('');
  });

  test('--fail-on at-risk exits 2; --out writes the copy and leaves the input as it was', async () => {
    const before = hash(book);
    const out = path.join(folder, 'real-copy.xlsx');
    const run = realSubguard(['scan', book, '--as-of', FIXTURE_AS_OF, '--fail-on', 'at-risk', '--out', out, '--format', 'json']);
    expect([run.code, run.stderr]).toEqual([2, '']);
    expect(JSON.parse(run.stdout).out).toBe(out);
    expect(hash(book)).toBe(before);
    const copy = new ExcelJS.Workbook();
    await copy.xlsx.readFile(out);
    expect(copy.worksheets.map((sheet) => sheet.name)).toEqual(['Subscriptions', 'Summary']);
  });
});

describe('an interrupted copy leaves no half-written file under the final name', () => {
  let big: string;
  let bigHash: string;
  beforeAll(() => {
    big = path.join(folder, 'big.csv');
    fs.writeFileSync(big, fixtureCsv({ cases: Array.from({ length: 500 }, () => STATUS_CASES).flat() }).text);
    bigHash = hash(big);
  });

  /**
   * The known point: the copy's temporary file exists and the command is blocked writing its
   * output, which the test does not read. The output (MBs of rows) cannot all fit in the pipe, and
   * the copy is moved into place only after the last row is written, so the copy is mid-way.
   */
  async function startBlocked(out: string): Promise<ChildProcess> {
    const child = spawn(process.execPath, [BIN, 'scan', big, '--as-of', FIXTURE_AS_OF, '--out', out, '--force', '--format', 'csv'], { cwd: ROOT, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.pause();
    const name = `.${path.basename(out)}.${child.pid}-`;
    for (let waited = 0; !fs.readdirSync(folder).some((file) => file.startsWith(name) && file.endsWith('.partial')); waited += 10) {
      if (waited > 30_000) throw new Error('the copy never started');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return child;
  }

  const exited = (child: ChildProcess) => new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  test.each([
    ['a hard kill (kill -9)', 'SIGKILL'],
    ['Ctrl-C (SIGINT)', 'SIGINT'],
  ] as const)('%s: the previous copy is intact, the input unchanged', async (_, signal) => {
    const out = path.join(folder, `crash-${signal}.xlsx`);
    fs.writeFileSync(out, 'the previous copy');
    const child = await startBlocked(out);
    const exit = exited(child);
    child.kill(signal);
    child.stdout!.resume(); // let a blocked write finish, so the signal is handled
    const { code, signal: killedBy } = await exit;
    expect(fs.readFileSync(out, 'utf8')).toBe('the previous copy');
    expect(hash(big)).toBe(bigHash);
    const left = partials().filter((name) => name.startsWith(`.crash-${signal}`));
    if (signal === 'SIGINT') {
      expect(code).toBe(130); // its handler ran: the temporary file is gone
      expect(left).toEqual([]);
    } else {
      expect(killedBy).toBe('SIGKILL'); // no handler can run: the hidden temporary file stays
      expect(left).toHaveLength(1);
      for (const name of left) fs.rmSync(path.join(folder, name));
    }
  });

  test.each([
    ['streamed (a CSV)', () => big],
    ['in memory (a small workbook)', () => book],
  ])('in-process, a failure after the first rows (%s): no file, no temporary file, the previous copy intact', async (_, input) => {
    const out = path.join(folder, 'failing-copy.xlsx');
    fs.writeFileSync(out, 'the previous copy');
    const before = hash(input());
    const crash = new Error('the disk went away');
    const run = subguard(['scan', input(), '--as-of', FIXTURE_AS_OF, '--out', out, '--force', '--format', 'csv'], {
      onStdout: (_text, pieces) => {
        if (pieces === 10) throw crash;
      },
    });
    await expect(run).rejects.toBe(crash);
    expect(fs.readFileSync(out, 'utf8')).toBe('the previous copy');
    expect(partials()).toEqual([]);
    expect(hash(input())).toBe(before);
  });
});

describe('output', () => {
  test('--format json follows the contract, with the statuses of the fixture table', async () => {
    const run = await subguard(['scan', book, '--as-of', FIXTURE_AS_OF, '--format', 'json']);
    expect([run.code, run.stderr]).toEqual([0, '']);
    const json = JSON.parse(run.stdout);
    expect(json).toMatchObject({ asOf: FIXTURE_AS_OF, file: book, sheet: 'Subscriptions', headerRow: bookFixture.headerRow, amountProblems: 0 });
    expect(Object.keys(json.summary)).toEqual(STATUS_CODES);
    expect(json.rows.map((row: Record<string, unknown>) => [row.row, row.status, row.dueDate, row.suspensionDate, row.cancellationDate, row.reason])).toEqual(
      STATUS_CASES.map((c, i) => [bookFixture.rows[i], c.status, c.dueDate, c.suspensionDate, c.cancellationDate, c.reason ?? null]),
    );
  });

  test('files you name are scanned as of today (local time) unless --as-of says otherwise', async () => {
    const today = DateTime.local().toISODate()!;
    expect(JSON.parse((await subguard(['scan', book, '--format', 'json'], { today })).stdout).asOf).toBe(today);
  });

  test('several files: a JSON array, one object per file', async () => {
    const csv = path.join(folder, 'list.csv');
    fs.writeFileSync(csv, fixtureCsv({ delimiter: ';' }).text);
    const run = await subguard(['scan', book, csv, '--as-of', FIXTURE_AS_OF, '--format', 'json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).map((file: { file: string; rows: unknown[] }) => [file.file, file.rows.length])).toEqual([
      [book, STATUS_CASES.length],
      [csv, STATUS_CASES.length],
    ]);
  });

  test('--format csv neutralises formula text from the file', async () => {
    const csv = path.join(folder, 'hostile.csv');
    fs.writeFileSync(csv, 'Subscription ID,Product,Renewal date\r\n=1+1,"=HYPERLINK(""http://evil.example"")",2025-03-16\r\n');
    const run = await subguard(['scan', csv, '--as-of', FIXTURE_AS_OF, '--format', 'csv']);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\r\n')[1]).toMatch(/,'=1\+1,"'=HYPERLINK\(""http:\/\/evil\.example""\)",/);
  });

  test('LANG=da_DK.UTF-8 gives Danish labels and explanations; --lang en overrides it', async () => {
    const danish = await subguard(['scan', book, '--as-of', FIXTURE_AS_OF], { env: { LANG: 'da_DK.UTF-8' } });
    expect(danish.stdout).toContain('Forfalder snart');
    expect(danish.stdout).toContain('Ugyldig: Celle');
    expect((await subguard(['scan', book, '--as-of', FIXTURE_AS_OF, '--lang', 'en'], { env: { LANG: 'da_DK.UTF-8' } })).stdout).toContain('Due soon');
  });

  test('an amount that cannot be counted is said below the totals', async () => {
    const csv = path.join(folder, 'amounts.csv');
    fs.writeFileSync(csv, 'Subscription ID,Renewal date,Amount,Currency\r\nS-1,2025-03-10,-4500,USD\r\nS-2,2025-03-10,4500,USD\r\n');
    const run = await subguard(['scan', csv, '--as-of', FIXTURE_AS_OF]);
    expect(run.stdout).toContain('At risk (due soon, expired, suspended): 2 rows; amount USD 4,500.00\nAmounts not counted (negative or unreadable): 1 rows');
  });

  test('a long cell is cut in the table and in "Next deadlines" (JSON keeps it whole)', async () => {
    const csv = path.join(folder, 'long.csv');
    const long = 'x'.repeat(5000);
    fs.writeFileSync(csv, `Subscription ID,Product,Renewal date,Payment terms\r\n${long},${long},2025-03-10,\r\nS-2,Revit,2025-03-10,${long}\r\n`);
    const run = await subguard(['scan', csv, '--as-of', FIXTURE_AS_OF]);
    expect(Math.max(...run.stdout.split('\n').map((line) => line.length))).toBeLessThan(400);
    expect(run.stdout).toMatch(/Next deadlines:\n.*x{59}…/);
    const json = JSON.parse((await subguard(['scan', csv, '--as-of', FIXTURE_AS_OF, '--format', 'json'])).stdout);
    expect(json.rows[0].id).toBe(long);
  });
});

describe('exit codes for scheduled jobs', () => {
  test('--fail-on at-risk: 2 when a row is due soon, expired or suspended', async () => {
    expect((await subguard(['scan', book, '--as-of', FIXTURE_AS_OF, '--fail-on', 'at-risk', '--format', 'json'])).code).toBe(2);
  });

  test('--fail-on at-risk: 0 when nothing is at risk', async () => {
    const calm = path.join(folder, 'calm.xlsx');
    await writeFixtureWorkbook(calm, { cases: STATUS_CASES.filter((c) => c.status === 'active' || c.status === 'canceled') });
    expect((await subguard(['scan', calm, '--as-of', FIXTURE_AS_OF, '--fail-on', 'at-risk'])).code).toBe(0);
  });

  test.each(['openpyxl-iso-dates.xlsx', 'openpyxl-hidden-first.xlsx'])('--fail-on at-risk on %s (openpyxl: an old hidden sheet, ISO dates) is 2, as its visible table says', async (name) => {
    expect((await subguard(['scan', realFilePath(name), '--as-of', FIXTURE_AS_OF, '--fail-on', 'at-risk'])).code).toBe(2);
  });
});

describe('bad input: one line on stderr, exit code 1, no stack trace', () => {
  const write = (name: string, bytes: Buffer) => {
    const file = path.join(folder, name);
    fs.writeFileSync(file, bytes);
    return file;
  };

  test.each<[string, () => string[], RegExp]>([
    ['a missing file', () => ['scan', path.join(folder, 'nope.xlsx')], /nope\.xlsx: no such file/],
    ['an empty file', () => ['scan', write('empty.xlsx', Buffer.alloc(0))], /empty\.xlsx is empty/],
    ['a PNG renamed .xlsx', () => ['scan', write('photo.xlsx', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'))], /photo\.xlsx is not an \.xlsx workbook or a CSV file \(a PNG image\)/],
    ['an encrypted workbook', () => ['scan', write('locked.xlsx', Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(1024)]))], /locked\.xlsx is an encrypted \(password-protected\) workbook or an old \.xls file/],
    ['a truncated workbook', () => ['scan', write('cut.xlsx', fs.readFileSync(book).subarray(0, 5000))], /cut\.xlsx is damaged or cut short/],
    ['a missing sheet', () => ['scan', book, '--sheet', 'Nope'], /has no sheet "Nope"; its sheets are: "Subscriptions"/],
    ['no header', () => ['scan', write('plain.csv', Buffer.from('Name,Amount\nRevit,100\n'))], /plain\.csv: no header row found in the file .*Renewal date, End date, Invoice date/],
    ['a CSV quote that never closes names the file', () => ['scan', write('quote.csv', Buffer.from('Product,End date\n"Revit,2025-01-01\n'))], /quote\.csv: line 2: a quoted field is never closed/],
    ['a bad option', () => ['scan', '--warn-days', 'soon'], /--warn-days must be a whole number of days/],
    ['an unknown option', () => ['scan', '--frobnicate'], /unknown option --frobnicate/],
  ])('%s', async (_, args, message) => {
    const run = await subguard(args());
    expectOneLineError(run, message);
    expect(run.stdout).toBe('');
  });

  test('a file past a limit (a zip bomb): one line naming the file, exit 1, with --out nothing written', async () => {
    const bomb = path.join(folder, 'bomb.xlsx');
    await BOMBS.sharedStrings(bomb, 1_600_000);
    const out = path.join(folder, 'bomb-copy.xlsx');
    const run = await subguard(['scan', bomb, '--out', out]);
    expectOneLineError(run, /bomb\.xlsx: xl\/sharedStrings\.xml inflates to more than 100 times its packed size \(a zip bomb\?\): refused \(a limit of subguard, see docs\/cli\.md\)/);
    expect([fs.existsSync(out), partials()]).toEqual([false, []]);
  });

  test('escape sequences in a file name or a sheet name never reach the terminal', async () => {
    const hostile = write('evil\u001b]0;owned\u0007\u009b31m\u202e.csv', Buffer.from('Name,Amount\n'));
    const run = await subguard(['scan', hostile]);
    expect(run.code).toBe(1);
    // eslint-disable-next-line no-control-regex -- the escape characters a hostile name carries
    expect(run.stderr).not.toMatch(/[\u001b\u0007\u009b\u202e]/);
    expect(run.stderr).toContain('evil ]0;owned  31m.csv');
    const sheet = await subguard(['scan', book, '--sheet', 'x\u001b[2J']);
    expect(sheet.stderr).toBe(`subguard: ${book} has no sheet "x [2J"; its sheets are: "Subscriptions"\n`);
  });

  test('with several files, the good ones are still scanned; the exit code is 1', async () => {
    const run = await subguard(['scan', path.join(folder, 'nope.xlsx'), book, '--as-of', FIXTURE_AS_OF, '--format', 'json']);
    expectOneLineError(run, /nope\.xlsx: no such file/);
    expect(JSON.parse(run.stdout).map((file: { file: string }) => file.file)).toEqual([book]);
  });
});

describe('--out FILE.xlsx', () => {
  test('writes the annotated copy and never changes the input', async () => {
    const before = hash(book);
    const out = path.join(folder, 'annotated.xlsx');
    const run = await subguard(['scan', book, '--as-of', FIXTURE_AS_OF, '--out', out]);
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toContain(`Annotated copy: ${out}`);
    expect(hash(book)).toBe(before);
    const copy = new ExcelJS.Workbook();
    await copy.xlsx.readFile(out);
    expect(copy.worksheets.map((sheet) => sheet.name)).toEqual(['Subscriptions', 'Summary']);
    expect(copy.worksheets[0].getCell(bookFixture.rows[0], 10).value).toBe('Active');
    expect(partials()).toEqual([]);

    expectOneLineError(await subguard(['scan', book, '--as-of', FIXTURE_AS_OF, '--out', out]), /already exists: pass --force to replace it/);
    expect((await subguard(['scan', book, '--as-of', FIXTURE_AS_OF, '--out', out, '--force'])).code).toBe(0);
    expect(hash(book)).toBe(before);
  });

  test('refuses to write over its input, even with --force, by any name', async () => {
    const before = hash(book);
    const relative = path.relative(folder, book);
    for (const target of [book, relative, `./${relative}`]) {
      expectOneLineError(await subguard(['scan', book, '--out', target, '--force'], { cwd: folder }), /is the input file: the copy never overwrites its input/);
    }
    expect(hash(book)).toBe(before);
  });

  test('the JSON output names the copy', async () => {
    const out = path.join(folder, 'named.xlsx');
    expect(JSON.parse((await subguard(['scan', book, '--as-of', FIXTURE_AS_OF, '--out', out, '--format', 'json'])).stdout).out).toBe(out);
  });
});

describe('a file that fails half-way still leaves well-formed output', () => {
  // Enough rows that the JSON writer has started before the broken last line is reached.
  const rows = Array.from({ length: 20000 }, (_, i) => `S-${i},2025-03-${String((i % 28) + 1).padStart(2, '0')},Net 30`);

  test('the CSV ends inside a quote: JSON parses, keeps the rows read and names the error', async () => {
    const file = path.join(folder, 'broken-at-the-end.csv');
    fs.writeFileSync(file, ['Subscription ID,Renewal date,Terms', ...rows, 'S-x,"2025-03-01,Net 30'].join('\n') + '\n');
    const run = await subguard(['scan', file, '--format', 'json', '--as-of', FIXTURE_AS_OF]);
    expectOneLineError(run, /broken-at-the-end\.csv: line 20002: a quoted field is never closed/);
    const json = JSON.parse(run.stdout) as { rows: unknown[]; error: string };
    expect(json.rows).toHaveLength(rows.length);
    expect(json.error).toMatch(/quoted field is never closed/);
  });
});
