/**
 * The real command, run as a child process (node bin/subguard.js …): exit codes, one-line errors,
 * the JSON contract, and --out that never harms the input.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { STATUS_CODES } from '../../src/rules';
import { FIXTURE_AS_OF, STATUS_CASES } from '../fixtures/cases';
import { fixtureCsv, temporaryFolder, writeFixtureWorkbook, type WrittenFixture } from '../files/fixture-files';

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'subguard.js');
const ENV = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LANG: 'C', TZ: process.env.TZ ?? 'UTC' };

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function subguard(args: string[], env: Record<string, string> = {}, cwd = ROOT): Run {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd, env: { ...ENV, ...env }, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const hash = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** One line on stderr, named, without a stack trace. */
function expectOneLineError(run: Run, pattern: RegExp): void {
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/^subguard: [^\n]+\n$/);
  expect(run.stderr).toMatch(pattern);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

let folder: string;
let book: string;
let bookFixture: WrittenFixture;

beforeAll(async () => {
  folder = temporaryFolder('subguard-cli-');
  book = path.join(folder, 'subscriptions.xlsx');
  bookFixture = await writeFixtureWorkbook(book, { titleRows: ['Acme A/S'], blankEvery: 10 });
});
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

describe('subguard scan without a file: the bundled sample', () => {
  test('shows every status, as of the date the sample is set at', () => {
    const run = subguard(['scan']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n')[0]).toBe(
      'examples/subscriptions.xlsx: sheet "Subscriptions", header row 4, as of 2026-11-26 (the sample\'s own date; --as-of YYYY-MM-DD to change), warning window 14 days',
    );
    const totals = run.stdout.split('\n').find((line) => line.startsWith('Active '))!;
    for (const label of ['Active', 'Due soon', 'Expired', 'Suspended', 'Canceled', 'Not covered', 'Invalid']) {
      expect(totals).toMatch(new RegExp(`${label} [1-9]`));
    }
    expect(run.stdout).not.toContain('\u001b[');
  });

  test('npm run scan works too (no build step)', () => {
    const run = spawnSync('npm', ['run', '--silent', 'scan', '--', '--format', 'json'], { cwd: ROOT, env: { ...ENV }, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ asOf: '2026-11-26', file: 'examples/subscriptions.xlsx', sheet: 'Subscriptions' });
  });
});

describe('output', () => {
  test('--format json follows the contract, with the statuses of the fixture table', () => {
    const run = subguard(['scan', book, '--as-of', FIXTURE_AS_OF, '--format', 'json']);
    expect([run.code, run.stderr]).toEqual([0, '']);
    const json = JSON.parse(run.stdout);
    expect(json).toMatchObject({ asOf: FIXTURE_AS_OF, file: book, sheet: 'Subscriptions', headerRow: bookFixture.headerRow });
    expect(Object.keys(json.summary)).toEqual(STATUS_CODES);
    expect(json.rows.map((row: { row: number; status: string; dueDate: string | null; suspensionDate: string | null; cancellationDate: string | null; reason: string | null }) => [row.row, row.status, row.dueDate, row.suspensionDate, row.cancellationDate, row.reason])).toEqual(
      STATUS_CASES.map((c, i) => [bookFixture.rows[i], c.status, c.dueDate, c.suspensionDate, c.cancellationDate, c.reason ?? null]),
    );
  });

  test('files you name are scanned as of today (local time) unless --as-of says otherwise', () => {
    const json = JSON.parse(subguard(['scan', book, '--format', 'json']).stdout);
    expect(json.asOf).toBe(DateTime.local().toISODate());
  });

  test('several files: a JSON array, one object per file', () => {
    const csv = path.join(folder, 'list.csv');
    fs.writeFileSync(csv, fixtureCsv({ delimiter: ';' }).text);
    const run = subguard(['scan', book, csv, '--as-of', FIXTURE_AS_OF, '--format', 'json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).map((file: { file: string; rows: unknown[] }) => [file.file, file.rows.length])).toEqual([
      [book, STATUS_CASES.length],
      [csv, STATUS_CASES.length],
    ]);
  });

  test('--format csv neutralises formula text from the file', () => {
    const csv = path.join(folder, 'hostile.csv');
    fs.writeFileSync(csv, 'Subscription ID,Product,Renewal date\r\n=1+1,"=HYPERLINK(""http://evil.example"")",2025-03-16\r\n');
    const run = subguard(['scan', csv, '--as-of', FIXTURE_AS_OF, '--format', 'csv']);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\r\n')[1]).toMatch(/,'=1\+1,"'=HYPERLINK\(""http:\/\/evil\.example""\)",/);
  });

  test('LANG=da_DK.UTF-8 gives Danish labels and explanations; --lang en overrides it', () => {
    const danish = subguard(['scan', book, '--as-of', FIXTURE_AS_OF], { LANG: 'da_DK.UTF-8' });
    expect(danish.stdout).toContain('Forfalder snart');
    expect(danish.stdout).toContain('Ugyldig: Celle');
    expect(subguard(['scan', book, '--as-of', FIXTURE_AS_OF, '--lang', 'en'], { LANG: 'da_DK.UTF-8' }).stdout).toContain('Due soon');
  });

  test('--help and --version', () => {
    const help = subguard(['--help']);
    expect([help.code, help.stdout.split('\n')[0]]).toEqual([0, 'Usage: subguard scan [FILE...] [options]']);
    const version = subguard(['--version']);
    expect([version.code, version.stdout.trim()]).toEqual([0, JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version]);
  });
});

describe('exit codes for scheduled jobs', () => {
  test('--fail-on at-risk: 2 when a row is due soon, expired or suspended', () => {
    expect(subguard(['scan', book, '--as-of', FIXTURE_AS_OF, '--fail-on', 'at-risk', '--format', 'json']).code).toBe(2);
  });

  test('--fail-on at-risk: 0 when nothing is at risk', async () => {
    const calm = path.join(folder, 'calm.xlsx');
    await writeFixtureWorkbook(calm, { cases: STATUS_CASES.filter((c) => c.status === 'active' || c.status === 'canceled') });
    expect(subguard(['scan', calm, '--as-of', FIXTURE_AS_OF, '--fail-on', 'at-risk']).code).toBe(0);
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
    ['a bad option', () => ['scan', '--warn-days', 'soon'], /--warn-days must be a whole number of days/],
    ['an unknown option', () => ['scan', '--frobnicate'], /unknown option --frobnicate/],
  ])('%s', (_, args, message) => {
    const run = subguard(args());
    expectOneLineError(run, message);
    expect(run.stdout).toBe('');
  });

  test('with several files, the good ones are still scanned; the exit code is 1', () => {
    const run = subguard(['scan', path.join(folder, 'nope.xlsx'), book, '--as-of', FIXTURE_AS_OF, '--format', 'json']);
    expectOneLineError(run, /nope\.xlsx: no such file/);
    expect(JSON.parse(run.stdout).map((file: { file: string }) => file.file)).toEqual([book]);
  });
});

describe('--out FILE.xlsx', () => {
  const partials = () => fs.readdirSync(folder).filter((name) => name.endsWith('.partial'));


  test('writes the annotated copy and never changes the input', async () => {
    const before = hash(book);
    const out = path.join(folder, 'annotated.xlsx');
    const run = subguard(['scan', book, '--as-of', FIXTURE_AS_OF, '--out', out]);
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toContain(`Annotated copy: ${out}`);
    expect(hash(book)).toBe(before);
    const copy = new ExcelJS.Workbook();
    await copy.xlsx.readFile(out);
    expect(copy.worksheets.map((sheet) => sheet.name)).toEqual(['Subscriptions', 'Summary']);
    expect(copy.worksheets[0].getCell(bookFixture.rows[0], 10).value).toBe('Active');
    expect(partials()).toEqual([]);

    const again = subguard(['scan', book, '--as-of', FIXTURE_AS_OF, '--out', out]);
    expectOneLineError(again, /already exists: pass --force to replace it/);
    expect(subguard(['scan', book, '--as-of', FIXTURE_AS_OF, '--out', out, '--force']).code).toBe(0);
    expect(hash(book)).toBe(before);
  });

  test('refuses to write over its input, even with --force, by any name', () => {
    const before = hash(book);
    const relative = path.relative(folder, book);
    for (const target of [book, relative, `./${relative}`]) {
      const run = subguard(['scan', book, '--out', target, '--force'], {}, folder);
      expectOneLineError(run, /is the input file: the copy never overwrites its input/);
    }
    expect(hash(book)).toBe(before);
  });

  test('the JSON output names the copy', () => {
    const out = path.join(folder, 'named.xlsx');
    const json = JSON.parse(subguard(['scan', book, '--as-of', FIXTURE_AS_OF, '--out', out, '--format', 'json']).stdout);
    expect(json.out).toBe(out);
  });

  test('a crash while writing leaves no half-written file under the final name', async () => {
    const big = path.join(folder, 'big.csv');
    const cases = Array.from({ length: 1500 }, () => STATUS_CASES).flat();
    fs.writeFileSync(big, fixtureCsv({ cases }).text);
    const before = hash(big);
    for (const [signal, delay] of [['SIGKILL', 1500], ['SIGINT', 1500]] as const) {
      const out = path.join(folder, `crash-${signal}.xlsx`);
      const child = spawn(process.execPath, [BIN, 'scan', big, '--out', out, '--format', 'csv'], { cwd: ROOT, env: ENV, stdio: 'ignore' });
      await new Promise((resolve) => setTimeout(resolve, delay));
      child.kill(signal);
      await new Promise((resolve) => child.on('exit', resolve));
      if (fs.existsSync(out)) {
        // It finished before the signal: then the copy is whole.
        const copy = new ExcelJS.Workbook();
        await copy.xlsx.readFile(out);
        expect(copy.worksheets.map((sheet) => sheet.name)).toEqual(['big', 'Summary']);
      }
      // Ctrl-C removes the temporary file; a hard kill (-9) cannot, and leaves a hidden .partial.
      if (signal === 'SIGINT') expect(partials().filter((name) => name.includes('SIGINT'))).toEqual([]);
    }
    expect(hash(big)).toBe(before);
  });
});

describe('a file that fails half-way still leaves well-formed output', () => {
  // Enough rows (over 512 KB) that the file is streamed and the JSON writer has started before the
  // broken last line is reached; a smaller file is parsed whole and fails before any output.
  const rows = Array.from({ length: 20000 }, (_, i) => `S-${i},2025-03-${String((i % 28) + 1).padStart(2, '0')},Net 30`);

  test.each([
    ['the CSV ends inside a quote', [...rows, 'S-x,"2025-03-01,Net 30'], /quoted field is never closed/],
  ])('%s: JSON parses, keeps the rows read and names the error', (_, lines, pattern) => {
    const file = path.join(folder, 'broken-at-the-end.csv');
    fs.writeFileSync(file, ['Subscription ID,Renewal date,Terms', ...lines].join('\n') + '\n');
    const run = subguard(['scan', file, '--format', 'json', '--as-of', FIXTURE_AS_OF]);
    expectOneLineError(run, pattern);
    const json = JSON.parse(run.stdout) as { rows: unknown[]; error: string };
    expect(json.rows).toHaveLength(rows.length);
    expect(json.error).toMatch(pattern);
  });
});
