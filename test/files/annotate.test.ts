/**
 * The annotated copy: in memory (task pane, small files) and streamed (large files), from
 * workbooks and CSV. Read back with ExcelJS, every added cell is checked against the fixture table.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { dayFromIso, statusLabel, utcMillisFromDay } from '../../src/rules';
import { annotateFile, annotateWorkbookBytes, writeAtomically, FileError, COPY_TEXTS } from '../../src/files';
import { STATUS_CASES } from '../fixtures/cases';
import { fixtureCsv, fixtureWorkbook, temporaryFolder, writeFixtureWorkbook, type WorkbookLayout, type WrittenFixture, fileRequest, type GivenRequest } from './fixture-files';

let folder: string;
beforeAll(() => {
  folder = temporaryFolder();
});
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

let counter = 0;
const fileIn = (name: string) => path.join(folder, `${counter++}-${name}`);
const hash = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const OPTIONS = fileRequest();

async function readBack(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

const isoOf = (value: ExcelJS.CellValue) => (value instanceof Date ? value.toISOString().slice(0, 10) : value ?? null);

/** Checks the added columns of every fixture row (Status, three dates, Explanation). */
function expectAnnotations(sheet: ExcelJS.Worksheet, fixture: WrittenFixture, statusColumn: number, explain: boolean): void {
  const heading = sheet.getRow(fixture.headerRow);
  expect([1, 2, 3, 4, 5].map((i) => heading.getCell(statusColumn + i - 1).value)).toEqual(['Status', 'Due date', 'Suspension date', 'Cancellation date', 'Explanation']);
  fixture.cases.forEach((c, i) => {
    const row = sheet.getRow(fixture.rows[i]);
    const explanation = row.getCell(statusColumn + 4).value;
    expect({
      name: c.name,
      status: row.getCell(statusColumn).value,
      dates: [1, 2, 3].map((k) => isoOf(row.getCell(statusColumn + k).value)),
      explained: typeof explanation === 'string' && explanation.length > 0,
    }).toEqual({
      name: c.name,
      status: statusLabel(c.status),
      dates: [c.dueDate, c.suspensionDate, c.cancellationDate],
      explained: explain || c.status === 'invalid',
    });
  });
}

function summaryOf(workbook: ExcelJS.Workbook, name = 'Summary'): Record<string, unknown> {
  const sheet = workbook.getWorksheet(name)!;
  const facts: Record<string, unknown> = {};
  sheet.eachRow((row) => {
    const key = row.getCell(1).value;
    if (typeof key === 'string') facts[key] = row.getCell(2).value;
  });
  return facts;
}

function expectedCounts(cases = STATUS_CASES): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const c of cases) counts[statusLabel(c.status)] = (counts[statusLabel(c.status)] ?? 0) + 1;
  return counts;
}

describe.each([
  ['in memory (small files, the task pane)', undefined],
  ['streamed (large files)', 0],
])('the annotated copy of a workbook, %s', (_, inMemoryMaxBytes) => {
  const layout: WorkbookLayout = { titleRows: ['Acme A/S subscriptions'], blankEvery: 9, system: '1904' };
  let input: string;
  let fixture: WrittenFixture;
  let copy: ExcelJS.Workbook;
  let inputHash: string;

  beforeAll(async () => {
    input = fileIn('book.xlsx');
    const built = fixtureWorkbook(layout);
    built.workbook.worksheets[0].mergeCells('A1:D1');
    await built.workbook.xlsx.writeFile(input);
    fixture = built.fixture;
    inputHash = hash(input);
    const out = fileIn('book-annotated.xlsx');
    const outcome = await annotateFile(input, out, fileRequest({ inMemoryMaxBytes }));
    expect(outcome.streamed).toBe(inMemoryMaxBytes === 0);
    copy = await readBack(out);
  });

  test('the input file is not changed', () => {
    expect(hash(input)).toBe(inputHash);
  });

  test('status, due, suspension and cancellation dates of every row match the fixture; invalid rows say why', () => {
    expectAnnotations(copy.getWorksheet('Subscriptions')!, fixture, 10, false);
  });

  test('the original cells are where they were, dates included (the input is in the 1904 system)', () => {
    const sheet = copy.getWorksheet('Subscriptions')!;
    expect(sheet.getCell('A1').value).toBe('Acme A/S subscriptions');
    const first = STATUS_CASES[0].row.renewalDate as { date: string };
    expect(isoOf(sheet.getCell(fixture.rows[0], 3).value)).toBe(first.date);
    expect(sheet.getCell(fixture.rows[0], 1).value).toBe(STATUS_CASES[0].row.id);
  });

  test('each data row is filled by its status: one conditional format per status over the table', () => {
    const sheet = copy.getWorksheet('Subscriptions')!;
    // ExcelJS reads conditional formats back, but its type declarations do not list them.
    const formats = (sheet as unknown as { conditionalFormattings: Array<{ ref: string; rules: Array<{ formulae: string[] }> }> }).conditionalFormattings;
    expect(formats).toHaveLength(1);
    expect(formats[0].ref).toBe(`A${fixture.rows[0]}:N${fixture.rows[fixture.rows.length - 1]}`);
    expect(formats[0].rules.map((rule) => rule.formulae[0])).toEqual(
      ['Active', 'Due soon', 'Expired', 'Suspended', 'Canceled', 'Not covered', 'Invalid'].map((label) => `$J${fixture.rows[0]}="${label}"`),
    );
  });

  test('the copy scans again to the same statuses (it is a workbook like any other)', async () => {
    const out = fileIn('again.xlsx');
    await annotateFile(input, out, fileRequest({ inMemoryMaxBytes }));
    const again = fileIn('again-2.xlsx');
    const outcome = await annotateFile(out, again, fileRequest({ inMemoryMaxBytes: 0 }));
    expect(outcome.table.sheet).toBe('Subscriptions');
    expect(outcome.summary.counts).toEqual((await annotateFile(input, fileIn('once.xlsx'), OPTIONS)).summary.counts);
  });

  test('the status cell carries its fill and its text (never the colour alone)', () => {
    const cell = copy.getWorksheet('Subscriptions')!.getCell(fixture.rows[5], 10);
    expect(cell.value).toBe('Suspended');
    // The colours of the one status table (src/scan/presentation.ts): Suspended's fill and text.
    expect(cell.fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE7E9' } });
    expect(cell.font).toMatchObject({ bold: true, color: { argb: 'FFA4262C' } });
  });

  test('a summary sheet with the as-of date, the legend with counts, and the amount at risk', () => {
    const facts = summaryOf(copy);
    expect(isoOf(facts['As of'] as ExcelJS.CellValue)).toBe('2025-03-01');
    expect(facts['Sheet']).toBe('Subscriptions');
    expect(facts['Rows scanned']).toBe(STATUS_CASES.length);
    for (const [label, count] of Object.entries(expectedCounts())) expect({ label, count: facts[label] }).toEqual({ label, count });
    expect(facts[COPY_TEXTS.en.amountAtRisk]).toBe(null);
    expect(copy.worksheets.map((sheet) => sheet.name)).toEqual(['Subscriptions', 'Summary']);
  });

  if (inMemoryMaxBytes === undefined) {
    test('in memory, the copy keeps what ExcelJS keeps: merged title cells and the 1904 date system', () => {
      expect(copy.getWorksheet('Subscriptions')!.getCell('B1').isMerged).toBe(true);
      expect(copy.properties.date1904).toBe(true);
    });
  }
});

/** The fixture workbook with one row below the header search that has a cell in column J (where Status goes). */
async function wideWorkbook(note: string) {
  const { workbook, fixture } = fixtureWorkbook();
  const sheet = workbook.worksheets[0];
  const wide = fixture.rows[fixture.rows.length - 1] + 40; // below the 30 rows the header search reads
  sheet.getCell(wide, 1).value = 'WIDE-1';
  sheet.getCell(wide, 3).value = new Date(utcMillisFromDay(dayFromIso('2025-03-16')));
  sheet.getCell(wide, 10).value = note;
  const input = fileIn('wide.xlsx');
  await workbook.xlsx.writeFile(input);
  return { input, wide, fixture };
}

describe('the annotated copy, more cases', () => {
  test('--explain puts a sentence in every row', async () => {
    const input = fileIn('explain.xlsx');
    const fixture = await writeFixtureWorkbook(input);
    const out = fileIn('explain-out.xlsx');
    await annotateFile(input, out, fileRequest({ explain: true, inMemoryMaxBytes: 0 }));
    expectAnnotations((await readBack(out)).worksheets[0], fixture, 10, true);
  });

  test('a LibreOffice 1904 workbook keeps its dates in the copy, in memory and streamed', async () => {
    const input = path.join(__dirname, '..', 'fixtures', 'files', 'libreoffice-1904.xlsx');
    for (const inMemoryMaxBytes of [undefined, 0]) {
      const out = fileIn('lo-out.xlsx');
      await annotateFile(input, out, fileRequest({ inMemoryMaxBytes }));
      const sheet = (await readBack(out)).worksheets[0];
      expect(isoOf(sheet.getCell('C4').value)).toBe('2025-03-16');
      expect(sheet.getCell('J4').value).toBe('Active');
    }
  });

  test('a CSV becomes an .xlsx copy named after the file, its text kept as text', async () => {
    const input = fileIn('liste.csv');
    const { text, fixture } = fixtureCsv({ delimiter: ';', headers: 'da', dates: 'text' });
    fs.writeFileSync(input, `${text}X-999;=HYPERLINK("http://evil.example");13.02.2025\r\n`);
    for (const inMemoryMaxBytes of [undefined, 0]) {
      const out = fileIn('liste.xlsx');
      const outcome = await annotateFile(input, out, fileRequest({ locale: 'da', inMemoryMaxBytes }));
      expect(outcome.streamed).toBe(true);
      const sheet = (await readBack(out)).getWorksheet(path.basename(input, '.csv'))!;
      expect(sheet.getCell(fixture.rows[0], 10).value).toBe(statusLabel(STATUS_CASES[0].status, 'da'));
      expect(sheet.getRow(fixture.headerRow).getCell(11).value).toBe('Forfaldsdato');
      const hostile = sheet.getCell(fixture.rows[fixture.rows.length - 1] + 1, 2);
      expect(hostile.value).toBe('=HYPERLINK("http://evil.example")');
      expect(hostile.formula).toBeUndefined();
    }
  });

  test('the browser path makes the same copy from bytes, and leaves the bytes alone', async () => {
    const { workbook, fixture } = fixtureWorkbook({ titleRows: ['Title'] });
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const before = Buffer.from(bytes).toString('base64');
    const copyBytes = await annotateWorkbookBytes(bytes, 'book.xlsx', fileRequest());
    expect(Buffer.from(bytes).toString('base64')).toBe(before);
    const copy = new ExcelJS.Workbook();
    await copy.xlsx.load(copyBytes as unknown as ArrayBuffer);
    expectAnnotations(copy.worksheets[0], fixture, 10, false);
    expect(copy.worksheets.map((sheet) => sheet.name)).toEqual(['Subscriptions', 'Summary']);
  });

  test('the browser path copies a CSV into a new workbook, text kept as text', async () => {
    const { text, fixture } = fixtureCsv({ delimiter: ';' });
    const copyBytes = await annotateWorkbookBytes(new TextEncoder().encode(`${text}X-1;=1+1;2025-03-16\r\n`), 'liste.csv', fileRequest());
    const copy = new ExcelJS.Workbook();
    await copy.xlsx.load(copyBytes as unknown as ArrayBuffer);
    expectAnnotations(copy.getWorksheet('liste')!, fixture, 10, false);
    expect(copy.getWorksheet('liste')!.getCell(fixture.rows[fixture.rows.length - 1] + 1, 2).value).toBe('=1+1');
  });

  test('a workbook that already has a Summary sheet gets "Summary (2)"; other sheets are copied', async () => {
    const { workbook } = fixtureWorkbook({ sheetsBefore: ['Summary'] });
    workbook.addWorksheet('Notes').getCell('B2').value = 'kept';
    const input = fileIn('summary.xlsx');
    await workbook.xlsx.writeFile(input);
    for (const inMemoryMaxBytes of [undefined, 0]) {
      const out = fileIn('summary-out.xlsx');
      await annotateFile(input, out, fileRequest({ inMemoryMaxBytes }));
      const copy = await readBack(out);
      expect(copy.worksheets.map((sheet) => sheet.name)).toEqual(['Summary', 'Subscriptions', 'Notes', 'Summary (2)']);
      expect(copy.getWorksheet('Notes')!.getCell('B2').value).toBe('kept');
      expect(copy.getWorksheet('Summary')!.getCell('A1').value).toBe('Summary: nothing to scan here');
    }
  });

  test('streamed, a row with cells right of the first rows keeps them, moved right of the added columns', async () => {
    const { input, wide } = await wideWorkbook('a note where Status goes');
    const out = fileIn('wide-out.xlsx');
    const outcome = await annotateFile(input, out, fileRequest({ inMemoryMaxBytes: 0 }));
    expect(outcome.movedRows).toBe(1);
    const row = (await readBack(out)).worksheets[0].getRow(wide);
    expect([row.getCell(10).value, row.getCell(15).value]).toEqual(['Active', 'a note where Status goes']);
  });
});

describe('in memory, a wide row below the first rows', () => {
  test('the added columns go right of every cell of the sheet: nothing is written over', async () => {
    const { input, wide, fixture } = await wideWorkbook('a note where Status would go');
    const out = fileIn('wide-in-memory-out.xlsx');
    const outcome = await annotateFile(input, out, OPTIONS);
    expect(outcome.streamed).toBe(false);
    const copy = (await readBack(out)).worksheets[0];
    expect([copy.getRow(wide).getCell(10).value, copy.getRow(wide).getCell(11).value]).toEqual(['a note where Status would go', 'Active']);
    expect(copy.getRow(fixture.headerRow).getCell(11).value).toBe('Status');
  });
});

describe('--out is written safely', () => {
  let input: string;
  beforeAll(async () => {
    input = fileIn('safe.xlsx');
    await writeFixtureWorkbook(input);
  });

  const leftovers = () => fs.readdirSync(folder).filter((name) => name.endsWith('.partial'));

  test.each<[string, () => string, GivenRequest, string]>([
    ['the input itself', () => input, {}, 'out-is-input'],
    ['the input itself, even with --force', () => input, { force: true }, 'out-is-input'],
    ['the input through a symbolic link', () => {
      const link = fileIn('link.xlsx');
      fs.symlinkSync(input, link);
      return link;
    }, { force: true }, 'out-is-input'],
    ['the input through a hard link', () => {
      const link = fileIn('hard.xlsx');
      fs.linkSync(input, link);
      return link;
    }, { force: true }, 'out-is-input'],
    ['an existing file without --force', () => {
      const other = fileIn('exists.xlsx');
      fs.writeFileSync(other, 'keep me');
      return other;
    }, {}, 'out-exists'],
    ['a name that is not .xlsx', () => fileIn('copy.csv'), {}, 'bad-out'],
    ['a folder that does not exist', () => path.join(folder, 'nowhere', 'copy.xlsx'), {}, 'bad-out'],
  ])('refuses %s', async (_, target, options, code) => {
    const out = target();
    const before = fs.existsSync(out) ? hash(out) : null;
    const inputHash = hash(input);
    await expect(annotateFile(input, out, fileRequest(options))).rejects.toMatchObject({ code });
    expect(fs.existsSync(out) ? hash(out) : null).toBe(before);
    expect(hash(input)).toBe(inputHash);
    expect(leftovers()).toEqual([]);
  });

  test('a file-system failure while writing is a one-line error, and nothing is left behind', async () => {
    const out = fileIn('failing.xlsx');
    const failure = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    await expect(writeAtomically(out, false, async () => Promise.reject(failure))).rejects.toThrow(
      new FileError('bad-out', `--out ${out} cannot be written (ENOSPC): ENOSPC: no space left on device, write`),
    );
    expect(fs.existsSync(out)).toBe(false);
    expect(leftovers()).toEqual([]);
  });

  test('--force replaces an existing copy', async () => {
    const out = fileIn('replace.xlsx');
    fs.writeFileSync(out, 'old');
    await annotateFile(input, out, fileRequest({ force: true }));
    expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    expect(leftovers()).toEqual([]);
  });

  test('a scan that fails (no header) leaves no file and no temporary file behind', async () => {
    const bad = fileIn('bad.csv');
    fs.writeFileSync(bad, 'a,b\n1,2\n');
    for (const inMemoryMaxBytes of [undefined, 0]) {
      const out = fileIn('never.xlsx');
      await expect(annotateFile(bad, out, fileRequest({ inMemoryMaxBytes }))).rejects.toBeInstanceOf(FileError);
      expect(fs.existsSync(out)).toBe(false);
    }
    expect(leftovers()).toEqual([]);
  });
});
