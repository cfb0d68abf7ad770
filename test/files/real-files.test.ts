/**
 * Workbooks as the real tools write them (openpyxl, LibreOffice: test/fixtures/files/real-files.ts)
 * and the valid forms no tool here writes (hand-made: test/files/packages.ts). For each: every
 * fixture row gets its status and dates; the browser path agrees; `--sheet NAME` finds the sheet;
 * the annotated copy (in memory and streamed) scans to the same answers as the input, and the
 * scan behind `--out` agrees with the plain scan.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import type { RowResult } from '../../src/scan';
import { annotateFile, scanFile, scanWorkbookBytes, FileError } from '../../src/files';
import { REAL_FILES, realFilePath } from '../fixtures/files/real-files';
import { STATUS_CASES } from '../fixtures/cases';
import { expectCases, fixtureWorkbook, STALE_SHEET, temporaryFolder, type WorkbookLayout, type WrittenFixture, fileRequest, type GivenRequest } from './fixture-files';
import { handMadePackage, type PackageOptions } from './packages';

let folder: string;
beforeAll(() => {
  folder = temporaryFolder('subguard-real-');
});
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

let counter = 0;
const fileIn = (name: string) => path.join(folder, `${counter++}-${name}`);
const OPTIONS = fileRequest();

async function scan(file: string, options: GivenRequest = {}) {
  const results: RowResult[] = [];
  const outcome = await scanFile(file, fileRequest(options), { row: (result) => void results.push(result) });
  return { results, outcome };
}

/** What a row's answer is, without the sentence (which names the date system's serials the same either way). */
const answers = (results: readonly RowResult[]) =>
  results.map((r) => [r.row, r.status, r.dueDate, r.suspensionDate, r.cancellationDate, r.reason, r.cell, r.id, r.product]);

interface Subject {
  readonly name: string;
  readonly layout: WorkbookLayout;
  readonly file: () => string;
}

async function expectWholeStory(subject: Subject): Promise<void> {
  const file = subject.file();
  const fixture: WrittenFixture = fixtureWorkbook(subject.layout).fixture;
  const sheet = subject.layout.sheetName ?? 'Subscriptions';
  const system = subject.layout.system ?? '1900';

  const scanned = await scan(file);
  expectCases(scanned.results, fixture);
  expect(scanned.outcome.table).toMatchObject({ sheet, headerRow: fixture.headerRow, dateSystem: system });

  const bytes = await scanWorkbookBytes(new Uint8Array(fs.readFileSync(file)), path.basename(file), fileRequest());
  expect(answers(bytes.results)).toEqual(answers(scanned.results));

  const named = await scan(file, { sheet });
  expect(answers(named.results)).toEqual(answers(scanned.results));

  for (const inMemoryMaxBytes of [undefined, 0]) {
    const out = fileIn(`copy-${inMemoryMaxBytes ?? 'auto'}.xlsx`);
    const copied: RowResult[] = [];
    const outcome = await annotateFile(file, out, fileRequest({ inMemoryMaxBytes }), { row: (result) => void copied.push(result) });
    expect({ copy: inMemoryMaxBytes, answers: answers(copied) }).toEqual({ copy: inMemoryMaxBytes, answers: answers(scanned.results) });
    expect(outcome.table.sheet).toBe(sheet);
    const again = await scan(out, { sheet });
    expect({ copy: inMemoryMaxBytes, answers: answers(again.results) }).toEqual({ copy: inMemoryMaxBytes, answers: answers(scanned.results) });
  }
}

describe('workbooks written by the real tools', () => {
  test.each(REAL_FILES.map((real) => [`${real.name}: ${real.what}`, real] as const))('%s', async (_, real) => {
    await expectWholeStory({ name: real.name, layout: real.layout, file: () => realFilePath(real.name) });
  });

  test('the hidden old sheet of an openpyxl workbook is known by its name and state, and can be scanned by name', async () => {
    const file = realFilePath('openpyxl-hidden-first.xlsx');
    const old = await scan(file, { sheet: STALE_SHEET });
    expect(old.outcome.table.sheet).toBe(STALE_SHEET);
    expect(old.results.map((r) => r.status)).toEqual(['canceled', 'canceled']);
    await expect(scan(file, { sheet: 'Sheet1' })).rejects.toThrow(new FileError('missing-sheet', `${file} has no sheet "Sheet1"; its sheets are: "${STALE_SHEET}", "Subscriptions"`));
  });

  test('the copy is made in memory where ExcelJS reads the file as we do, and streamed where it does not (ISO dates)', async () => {
    const streamed: Record<string, boolean> = {};
    for (const real of REAL_FILES) streamed[real.name] = (await annotateFile(realFilePath(real.name), fileIn('which.xlsx'), OPTIONS)).streamed;
    expect(streamed).toEqual(Object.fromEntries(REAL_FILES.map((real) => [real.name, real.isoDates === true])));
  });

  test('an ISO date cell (t="d") is its date, not serial 2026 (exceljs #2695)', async () => {
    const { results } = await scan(realFilePath('openpyxl-iso-dates.xlsx'));
    const first = STATUS_CASES[0];
    expect([results[0].status, results[0].dueDate]).toEqual([first.status, first.dueDate]);
  });
});

describe('valid packages no tool here writes (hand-made)', () => {
  const cases: Array<[string, PackageOptions]> = [
    ['prefixed SpreadsheetML (x:, as the Open XML SDK writes)', { prefix: 'x', layout: { titleRows: ['Acme'], blankEvery: 5 } }],
    ['rows and cells without r attributes', { omitReferences: true, layout: { titleRows: ['Acme'], blankEvery: 4, firstColumn: 2 } }],
    ['zip64 records and extra fields', { zip64: true, layout: { staleHiddenSheet: true } }],
    ['the workbook part elsewhere, found through _rels/.rels', { workbookPath: 'book/main.xml', layout: { sheetsBefore: ['Read me'] } }],
    ['absolute relationship targets, inline strings', { absoluteTargets: true, inlineStrings: true, layout: { staleHiddenSheet: true } }],
    ['Strict Open XML: purl.oclc.org namespaces and t="d" ISO dates', { strict: true, isoDates: true, layout: { titleRows: ['Strict'] } }],
    ['Strict Open XML in the 1904 date system', { strict: true, layout: { system: '1904', dates: 'serial' } }],
    ['prefixed, without r, inline strings, 1904, zip64 at once', { prefix: 'ss', omitReferences: true, inlineStrings: true, zip64: true, layout: { system: '1904' } }],
  ];

  test.each(cases)('%s', async (name, options) => {
    const file = fileIn('hand-made.xlsx');
    fs.writeFileSync(file, handMadePackage(options).bytes);
    await expectWholeStory({ name, layout: options.layout ?? {}, file: () => file });
  });
});

describe('what ExcelJS cannot copy is copied anyway, or refused clearly', () => {
  const tablePart = (autoFilter: string) =>
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="1" name="Table1" displayName="Table1" ref="A1:I40" headerRowCount="1">${autoFilter}` +
    `<tableColumns count="2"><tableColumn id="1" name="Subscription ID"/><tableColumn id="2" name="Product"/></tableColumns>` +
    `<tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`;

  test.each([
    // A sorted table: Excel keeps the sort in the table's autoFilter; ExcelJS 4.4 throws "Unexpected xml node in parseOpen".
    ['a sorted table (sortState in its autoFilter)', '<autoFilter ref="A1:I40"><sortState ref="A2:I40"><sortCondition ref="C2:C40"/></sortState></autoFilter>'],
    // exceljs #1240: "Cannot set properties of undefined (setting 'filterButton')".
    ['filter buttons for more columns than the table part lists', '<autoFilter ref="A1:I40"><filterColumn colId="0" hiddenButton="1"/><filterColumn colId="1" hiddenButton="1"/><filterColumn colId="2" hiddenButton="1"/></autoFilter>'],
  ])('%s: ExcelJS cannot load it, the copy is made anyway', async (_, autoFilter) => {
    const file = fileIn('table.xlsx');
    const { bytes, fixture } = handMadePackage({
      afterSheetData: () => '<tableParts count="1"><tablePart r:id="rIdT1"/></tableParts>',
      sheetRelationships: () => '<Relationship Id="rIdT1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/table" Target="../tables/table1.xml"/>',
      extraParts: { 'xl/tables/table1.xml': tablePart(autoFilter) },
    });
    fs.writeFileSync(file, bytes);
    for (const inMemoryMaxBytes of [undefined, 0]) {
      const out = fileIn('table-copy.xlsx');
      const outcome = await annotateFile(file, out, fileRequest({ inMemoryMaxBytes }));
      expect(outcome.summary.rows).toBe(fixture.cases.length);
      expectCases((await scan(out)).results, fixture);
    }
  });

  test('--out on a table that reaches column XFD: no room for the added columns, said in one line', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Wide');
    sheet.getRow(1).values = ['Subscription ID', 'Renewal date'];
    sheet.getCell(1, 16384).value = 'Last column';
    sheet.getRow(2).values = ['S-1', '2025-03-16'];
    const file = fileIn('xfd.xlsx');
    await workbook.xlsx.writeFile(file);
    expect((await scan(file)).results.map((r) => r.status)).toEqual(['active']);
    for (const inMemoryMaxBytes of [undefined, 0]) {
      const out = fileIn('xfd-copy.xlsx');
      const error = await annotateFile(file, out, fileRequest({ inMemoryMaxBytes })).then(
        () => null,
        (thrown: unknown) => thrown,
      );
      expect(error).toBeInstanceOf(FileError);
      expect((error as FileError).message).toBe(`${file}: the table in sheet "Wide" reaches the last column (XFD): there is no room for the 5 added columns of the copy`);
      expect(fs.existsSync(out)).toBe(false);
    }
  });
});

describe('a streamed copy means what the input means', () => {
  // Past the in-memory bound, so the copy is streamed by the automatic choice. The bound is
  // lowered to 64 KiB for the test (the choice by size is limits.test.ts's): 2,000 rows, not 30,000.
  test('a 1904 workbook with plain serial dates, large enough to be streamed: the copy scans to the same days', async () => {
    const cases = Array.from({ length: 60 }, () => STATUS_CASES).flat();
    const layout: WorkbookLayout = { system: '1904', dates: 'serial', cases };
    const file = fileIn('big-1904.xlsx');
    const { workbook, fixture } = fixtureWorkbook(layout);
    await workbook.xlsx.writeFile(file);
    const input = await scan(file);
    expectCases(input.results, fixture);
    const out = fileIn('big-1904-copy.xlsx');
    const outcome = await annotateFile(file, out, fileRequest({ limits: { inMemoryCopyBytes: 64 * 1024 } }));
    expect(outcome.streamed).toBe(true);
    expect(outcome.summary.rows).toBe(cases.length);
    const again = await scan(out);
    expect(again.outcome.table.dateSystem).toBe('1904');
    expectCases(again.results, fixture);
  });
});
