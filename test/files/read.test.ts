/**
 * Reading real files: workbooks written by ExcelJS and saved by LibreOffice, CSV as Excel and
 * Autodesk Account write them. Every expected status and date comes from the fixture table.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { dayFromIso } from '../../src/rules';
import type { RowResult } from '../../src/scan';
import { scanFile, scanWorkbookBytes, FileError, DIALECT_SAMPLE_CHARS } from '../../src/files';
import { SAMPLE_AS_OF } from '../../src/cli/sample';
import { STATUS_CASES } from '../fixtures/cases';
import {
  autodeskExportCsv, expectCases, fixtureCsv, fixtureWorkbook, temporaryFolder, writeFixtureWorkbook, type CsvLayout, type WorkbookLayout, fileRequest, type GivenRequest } from './fixture-files';
import { zipOf } from './packages';

let folder: string;
beforeAll(() => {
  folder = temporaryFolder();
});
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));


async function scan(file: string, options: GivenRequest = {}) {
  const results: RowResult[] = [];
  const outcome = await scanFile(file, fileRequest(options), { row: (result) => void results.push(result) });
  return { results, outcome };
}

let counter = 0;
const fileIn = (name: string) => path.join(folder, `${counter++}-${name}`);

describe('workbooks written by ExcelJS give every fixture row its status', () => {
  test.each<[string, WorkbookLayout]>([
    ['English headers, date cells, title rows above the header, blank rows', { titleRows: ['Acme A/S', 'Subscriptions as of 2025-03-01'], blankEvery: 7 }],
    ['Danish headers and day-first text dates', { headers: 'da', dates: 'text' }],
    ['the 1904 date system with date cells', { system: '1904', dates: 'date', titleRows: ['Mac workbook'] }],
    ['the 1904 date system with bare serial numbers', { system: '1904', dates: 'serial' }],
    ['bare 1900 serial numbers in the date columns', { dates: 'serial' }],
    ['a table that starts in column C, with columns the scan does not know', { firstColumn: 3, extraColumns: [{ header: 'Cost centre', value: (_, i) => `CC-${i}` }] }],
    ['a sheet without a table before the table', { sheetsBefore: ['Read me'] }],
  ])('%s', async (_, layout) => {
    const file = fileIn('fixture.xlsx');
    const fixture = await writeFixtureWorkbook(file, layout);
    const { results, outcome } = await scan(file);
    expectCases(results, fixture);
    expect(outcome.table).toMatchObject({ sheet: 'Subscriptions', headerRow: fixture.headerRow, dateSystem: layout.system ?? '1900', format: 'xlsx' });
    expect(outcome.summary.rows).toBe(STATUS_CASES.length);
  });

  test('the browser path (bytes in memory) gives the same results as the streaming CLI path', async () => {
    const file = fileIn('parity.xlsx');
    const fixture = await writeFixtureWorkbook(file, { titleRows: ['Title'], blankEvery: 5, system: '1904' });
    const streamed = await scan(file);
    const inMemory = await scanWorkbookBytes(fs.readFileSync(file), 'parity.xlsx', fileRequest());
    expect(inMemory.results).toEqual(streamed.results);
    expect([inMemory.table.sheet, inMemory.table.headerRow]).toEqual(['Subscriptions', fixture.headerRow]);
    expect(inMemory.summary.counts).toEqual(streamed.outcome.summary.counts);
  });
});

describe('the streaming reader reads every sheet, every time', () => {
  // ExcelJS 4.4's streaming reader alone loses the end of some zips now and then (exceljs issue
  // #3064): "Cannot read properties of undefined (reading 'sheets')", or sheets missing.
  test('a four-sheet workbook written by ExcelJS, scanned 60 times', async () => {
    const file = fileIn('four-sheets.xlsx');
    const { workbook } = fixtureWorkbook({ sheetsBefore: ['Read me', 'Notes'] });
    workbook.addWorksheet('Later').addRows([['Product', 'End date'], ['Maya', '2025-02-13']]);
    await workbook.xlsx.writeFile(file);
    for (let i = 0; i < 20; i++) {
      for (const sheet of [null, 'Later', 'Notes']) {
        if (sheet === 'Notes') await expect(scan(file, { sheet })).rejects.toMatchObject({ code: 'no-header' });
        else expect((await scan(file, { sheet })).outcome.table.sheet).toBe(sheet ?? 'Subscriptions');
      }
    }
  });
});

describe('what ExcelJS alone reads wrong (why the scan path has its own reader)', () => {
  test('LibreOffice writes date1904="true", which ExcelJS reads as the 1900 system (4 years off)', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(__dirname, '..', 'fixtures', 'files', 'libreoffice-1904.xlsx'));
    expect(workbook.properties.date1904).toBe(false);
    const first = workbook.worksheets[0].getCell('C4').value as Date;
    expect(first.toISOString().slice(0, 10)).toBe('2021-03-15'); // the file says 2025-03-16
  });
});

describe('CSV files give every fixture row its status, on the line it is on', () => {
  test.each<[string, CsvLayout, string]>([
    ['comma-separated, CRLF, ISO dates', {}, 'list.csv'],
    ['Danish Excel: semicolons, BOM, Danish headers, day-first dates', { delimiter: ';', bom: true, headers: 'da', dates: 'text' }, 'liste.csv'],
    ['tab-separated, LF, every field quoted, title lines above the header', { delimiter: '\t', lineEnd: '\n', quoteAll: true, titleLines: ['Subscriptions', ''] }, 'export.txt'],
  ])('%s', async (_, layout, name) => {
    const file = fileIn(name);
    const { text, fixture } = fixtureCsv(layout);
    fs.writeFileSync(file, text);
    const { results, outcome } = await scan(file);
    expectCases(results, fixture);
    expect(outcome.table).toMatchObject({ headerRow: fixture.headerRow, format: 'csv', sheet: path.basename(file).replace(/\.\w+$/, '') });
    const bytes = await scanWorkbookBytes(new Uint8Array(Buffer.from(text)), name, fileRequest());
    expect(bytes.results).toEqual(results);
  });

  test('a Windows-1252 file from Danish Excel is read with its Danish letters', async () => {
    const file = fileIn('ansi.csv');
    const { text, fixture } = fixtureCsv({ delimiter: ';', headers: 'da', dates: 'text' });
    fs.writeFileSync(file, Buffer.from(text, 'latin1'));
    expect(text).toContain('Udløbsdato');
    expectCases((await scan(file)).results, fixture);
  });

  test('a CSV larger than one read chunk keeps every line number', async () => {
    const file = fileIn('big.csv');
    const copies = 680; // about 0.8 MB: the dialect's 256 K sample, then several 256 KB chunks (src/files/node/csv-file.ts)
    const cases = Array.from({ length: copies }, () => STATUS_CASES).flat();
    const { text, fixture } = fixtureCsv({ cases, delimiter: ';' });
    fs.writeFileSync(file, text);
    expect(text.length).toBeGreaterThan(DIALECT_SAMPLE_CHARS + 2 * 256 * 1024);
    expectCases((await scan(file)).results, fixture);
  });

  test("Autodesk Account's subscription export layout (autorenew_date, end_date, term …)", async () => {
    const file = fileIn('autodesk.csv');
    const { text, fixture } = autodeskExportCsv();
    fs.writeFileSync(file, text);
    const { results, outcome } = await scan(file);
    expectCases(results, fixture);
    expect(outcome.table.columns).toMatchObject({ id: 1, contract: 2, product: 3, billing: 5, purchaseDate: 6, endDate: 7, renewalDate: 8 });
  });

  test('the bundled export sample reads without an invalid row', async () => {
    const { results, outcome } = await scan(path.join(__dirname, '..', '..', 'examples', 'autodesk-export.csv'), { asOf: dayFromIso(SAMPLE_AS_OF) });
    expect(outcome.table.headerRow).toBe(1);
    expect(results.length).toBeGreaterThan(5);
    expect(outcome.summary.counts.invalid).toBe(0);
  });
});

describe('the bundled samples show every status as of their date', () => {
  test.each([
    ['subscriptions.xlsx', ['active', 'due-soon', 'expired', 'suspended', 'canceled', 'not-covered', 'invalid']],
    ['abonnementer.xlsx', ['active', 'due-soon', 'expired', 'suspended', 'canceled', 'not-covered', 'invalid']],
  ])('%s', async (name, statuses) => {
    const { outcome } = await scan(path.join(__dirname, '..', '..', 'examples', name), { asOf: dayFromIso(SAMPLE_AS_OF) });
    for (const status of statuses) expect({ status, count: outcome.summary.counts[status as 'active'] > 0 }).toEqual({ status, count: true });
  });
});

describe('the sheet to scan', () => {
  let file: string;
  beforeAll(async () => {
    file = fileIn('sheets.xlsx');
    const { workbook } = fixtureWorkbook({ sheetsBefore: ['Read me'], sheetName: 'Licences 2025' });
    workbook.addWorksheet('Old list', { state: 'hidden' });
    const old = workbook.getWorksheet('Old list')!;
    old.addRow(['Subscription ID', 'Renewal date']);
    old.addRow(['OLD-1', '2020-01-01']);
    workbook.addWorksheet('Second list').addRows([['Product', 'End date'], ['Maya', '2025-02-13']]);
    await workbook.xlsx.writeFile(file);
  });

  test('without a name: the first visible sheet with a header', async () => {
    expect((await scan(file)).outcome.table.sheet).toBe('Licences 2025');
  });

  test.each([
    ['the exact name', 'Second list', 'Second list'],
    ['the name in other case and with spaces around', '  second LIST ', 'Second list'],
    ['a hidden sheet when named', 'Old list', 'Old list'],
  ])('by %s', async (_, wanted, sheet) => {
    expect((await scan(file, { sheet: wanted })).outcome.table.sheet).toBe(sheet);
  });

  test('a missing sheet is an error that lists the sheets there are', async () => {
    await expect(scan(file, { sheet: 'Licences 2024' })).rejects.toThrow(
      new FileError('missing-sheet', `${file} has no sheet "Licences 2024"; its sheets are: "Read me", "Licences 2025", "Old list", "Second list"`),
    );
  });

  test('a named sheet without a header says which headers are accepted', async () => {
    await expect(scan(file, { sheet: 'Read me' })).rejects.toMatchObject({ code: 'no-header', message: expect.stringContaining('no header row found in sheet "Read me"') });
    await expect(scan(file, { sheet: 'Read me' })).rejects.toMatchObject({ message: expect.stringContaining('Renewal date, End date, Invoice date') });
  });
});

describe('broken files are one clear error each', () => {
  const cases: Array<[string, string, () => Promise<Buffer | Uint8Array | null> | Buffer | Uint8Array | null, string, RegExp]> = [
    ['a missing file', 'missing.xlsx', () => null, 'missing-file', /missing\.xlsx: no such file$/],
    ['an empty file', 'empty.xlsx', () => Buffer.alloc(0), 'empty-file', /empty\.xlsx is empty$/],
    ['a PNG renamed .xlsx', 'photo.xlsx', () => Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), 'not-a-workbook', /photo\.xlsx is not an \.xlsx workbook or a CSV file \(a PNG image\)$/],
    ['an encrypted workbook', 'locked.xlsx', () => Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]), 'encrypted', /locked\.xlsx is an encrypted \(password-protected\) workbook or an old \.xls file/],
    ['a workbook cut short', 'cut.xlsx', async () => new Uint8Array(await fixtureWorkbook().workbook.xlsx.writeBuffer()).subarray(0, 4000), 'damaged', /cut\.xlsx is damaged or cut short/],
    ['a zip that is not a workbook', 'archive.xlsx', () => zipOf({ 'notes.txt': 'hello' }), 'not-a-workbook', /archive\.xlsx is a zip file but not an \.xlsx workbook/],
    ['a workbook without a header row', 'noheader.xlsx', async () => {
      const workbook = new ExcelJS.Workbook();
      workbook.addWorksheet('Data').addRows([['Name', 'Amount'], ['Revit', 100]]);
      return new Uint8Array(await workbook.xlsx.writeBuffer());
    }, 'no-header', /noheader\.xlsx: no header row found in sheet "Data"/],
    ['a CSV without a header row', 'noheader.csv', () => Buffer.from('a,b\n1,2\n'), 'no-header', /noheader\.csv: no header row found in the file/],
    ['a CSV whose quote never closes', 'quote.csv', () => Buffer.from('Product,End date\n"Revit,2025-01-01\n'), 'bad-csv', /line 2: a quoted field is never closed/],
  ];

  test.each(cases)('%s', async (_, name, make, code, message) => {
    const file = fileIn(name);
    const bytes = await make();
    if (bytes) fs.writeFileSync(file, bytes);
    const error = await scan(file).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(FileError);
    expect((error as FileError).code).toBe(code);
    expect((error as FileError).message).toMatch(message);
    expect((error as FileError).message).not.toContain('\n');
  });

  test('a folder is not a file', async () => {
    await expect(scan(folder)).rejects.toMatchObject({ code: 'missing-file', message: `${folder} is a folder, not a file` });
  });

  test('the browser path refuses the same files with the same errors', async () => {
    await expect(scanWorkbookBytes(new Uint8Array(0), 'x.xlsx', fileRequest())).rejects.toMatchObject({ code: 'empty-file' });
    await expect(scanWorkbookBytes(zipOf({ 'a.txt': 'a' }), 'x.xlsx', fileRequest())).rejects.toMatchObject({ code: 'not-a-workbook' });
    const cut = new Uint8Array(await fixtureWorkbook().workbook.xlsx.writeBuffer()).subarray(0, 4000);
    await expect(scanWorkbookBytes(cut, 'x.xlsx', fileRequest())).rejects.toMatchObject({ code: 'damaged' });
  });
});

describe('hostile cell text is data, never code', () => {
  const hostile = [
    '=HYPERLINK("http://evil.example","click")',
    '+SUM(1,1)',
    '-1+2',
    '@SUM(A1)',
    '\t=1+1',
    '<img src=x onerror=alert(1)>',
    '\u001b[31mred\u001b[0m \u202eevil',
    'x'.repeat(100_000),
  ];

  test('a workbook full of formula-looking text, HTML and a huge string scans row by row', async () => {
    const file = fileIn('hostile.xlsx');
    // XML cannot hold an escape character: that one is for CSV only.
    const texts = hostile.filter((text) => !text.includes('\u001b'));
    const cases = STATUS_CASES.slice(0, texts.length);
    const fixture = await writeFixtureWorkbook(file, { cases, extraColumns: [{ header: 'Notes', value: (_, i) => texts[i] }] });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0];
    texts.forEach((text, i) => {
      sheet.getCell(fixture.rows[i], 2).value = text; // the product column
    });
    await workbook.xlsx.writeFile(file);
    const { results } = await scan(file);
    expect(results.map((r) => r.product)).toEqual(texts.map((text) => text.trim()));
    expect(results.map((r) => r.status)).toEqual(cases.map((c) => c.status));
  });

  test('hostile text in a CSV is read as text', async () => {
    const file = fileIn('hostile.csv');
    const lines = ['Subscription ID,Product,Renewal date', ...hostile.map((text, i) => `S-${i},"${text.replace(/"/g, '""')}",2025-03-16`)];
    fs.writeFileSync(file, lines.join('\r\n'));
    const { results } = await scan(file);
    expect(results.map((r) => r.product)).toEqual(hostile.map((text) => text.trim()));
    expect(new Set(results.map((r) => r.status))).toEqual(new Set(['active']));
  });
});

describe('CSV text that is not what it seems', () => {
  test.each([
    ['utf-16le', 'UTF-16 LE without a byte order mark (as some exports write it)'],
    ['utf-16be', 'UTF-16 BE without a byte order mark'],
  ] as const)('%s: %s is read as the text it is', async (encoding, _what) => {
    const file = fileIn('utf16.csv');
    const { text, fixture } = fixtureCsv({ delimiter: ';', headers: 'da', dates: 'text' });
    const le = Buffer.from(text, 'utf16le');
    if (encoding === 'utf-16be') le.swap16();
    fs.writeFileSync(file, le);
    expectCases((await scan(file)).results, fixture);
  });

  test('NUL bytes in what is not UTF-16 text: refused in one line naming the file', async () => {
    const file = fileIn('binary.csv');
    fs.writeFileSync(file, Buffer.concat([Buffer.from('Subscription ID,Renewal date\r\nS-1,2025-03-16\r\n'), Buffer.from([0, 0, 0, 1, 2, 0, 0, 0])]));
    await expect(scan(file)).rejects.toThrow(new FileError('bad-csv', `${file} holds NUL bytes: it is not a text (CSV) file; save it from Excel as CSV UTF-8`));
  });

  test('a CSV error names the file', async () => {
    const file = fileIn('quote.csv');
    fs.writeFileSync(file, 'Product,End date\n"Revit,2025-01-01\n');
    await expect(scan(file)).rejects.toThrow(new FileError('bad-csv', `${file}: line 2: a quoted field is never closed (a " without its closing ")`));
  });
});

describe('an amount that cannot be counted is reported, not dropped', () => {
  test('a negative or unreadable amount: the row says so, and the summary counts it', async () => {
    const file = fileIn('amounts.csv');
    fs.writeFileSync(file, 'Subscription ID,Renewal date,Amount,Currency\r\nS-1,2025-03-10,-4500,USD\r\nS-2,2025-03-10,lots,USD\r\nS-3,2025-03-10,4500,USD\r\nS-4,2025-03-10,,USD\r\n');
    const { results, outcome } = await scan(file);
    expect(results.map((r) => [r.id, r.status, r.amount, r.amountProblem])).toEqual([
      ['S-1', 'due-soon', null, 'bad-amount'],
      ['S-2', 'due-soon', null, 'bad-amount'],
      ['S-3', 'due-soon', 4500, null],
      ['S-4', 'due-soon', null, null],
    ]);
    expect(outcome.summary.amountAtRisk).toEqual({ USD: 4500 });
    expect(outcome.summary.amountProblems).toBe(2);
  });
});
