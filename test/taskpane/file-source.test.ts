import ExcelJS from 'exceljs';
import { dayFromIso, type StatusCode } from '../../src/rules';
import { ScanProblem, scanSettings, type ScanProgress } from '../../src/scan';
import { annotatedName, countLines, fileSource, ROWS_PER_PAUSE } from '../../src/taskpane/file-source';
import { FIXTURE_AS_OF, STATUS_CASES } from '../fixtures/cases';
import { fixtureCsv } from '../files/fixture-files';

const asOf = dayFromIso(FIXTURE_AS_OF);
const settings = scanSettings({ asOf, warningDays: 14, locale: 'en' });
const options = { settings, writeDateColumns: false };
const never = () => new AbortController().signal;

/** The fixture table as CSV (the file tests' writer): dates as ISO text, header on line 1. */
const csv = fixtureCsv();
const expected = Object.fromEntries(csv.fixture.rows.map((line, index) => [line, STATUS_CASES[index].status])) as Record<number, StatusCode>;

describe('the file source (the pane outside Excel)', () => {
  test('locates nothing before the file is read, then scans every row of a CSV with the fixture statuses', async () => {
    const source = fileSource(new TextEncoder().encode(csv.text), 'subscriptions.csv');
    const before = await source.locate();
    expect(before).toMatchObject({ address: 'subscriptions.csv', headers: [], columns: {} });
    const progress: ScanProgress[] = [];
    const outcome = await source.scan(before, options, (p) => progress.push(p), never());
    expect(Object.fromEntries(outcome.results.map((r) => [r.row, r.status]))).toEqual(expected);
    expect(outcome.table).toMatchObject({ address: 'subscriptions.csv', headerRow: 1, dataRows: STATUS_CASES.length });
    expect(outcome.table.columns.renewalDate).toBe(2);
    expect(progress.at(-1)).toEqual({ rowsDone: STATUS_CASES.length, rowsTotal: STATUS_CASES.length });
    await expect(source.locate()).resolves.toBe(outcome.table);
  });

  test('scans an .xlsx and names the sheet; the annotated copy is an .xlsx with a Status column', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Abonnementer');
    sheet.addRow(['Subscription ID', 'Renewal date']);
    sheet.addRow(['S-1', new Date(Date.UTC(2025, 2, 10))]);
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());
    const source = fileSource(bytes, 'list.xlsx');
    const outcome = await source.scan(await source.locate(), options, () => undefined, never());
    expect(outcome.results.map((r) => [r.row, r.status])).toEqual([[2, 'due-soon']]);
    expect(outcome.table.address).toBe('list.xlsx, Abonnementer');
    const copy = await source.annotated!(settings);
    expect(copy.fileName).toBe('list-status.xlsx');
    const annotated = new ExcelJS.Workbook();
    await annotated.xlsx.load(copy.bytes as unknown as Parameters<typeof annotated.xlsx.load>[0]);
    const row1 = annotated.getWorksheet('Abonnementer')!.getRow(1).values as unknown[];
    expect(row1).toContain('Status');
  });

  test('Cancel stops a long scan at the next pause with ScanProblem "canceled"', async () => {
    const lines = ['Subscription ID,Renewal date', ...Array.from({ length: ROWS_PER_PAUSE * 3 }, (_, i) => `S-${i},2025-03-10`)];
    const source = fileSource(new TextEncoder().encode(lines.join('\n')), 'big.csv');
    const controller = new AbortController();
    const scan = source.scan(await source.locate(), options, (p) => (p.rowsDone >= ROWS_PER_PAUSE ? controller.abort() : undefined), controller.signal);
    await expect(scan).rejects.toEqual(new ScanProblem('canceled'));
  });

  test.each([
    ['an empty file', new Uint8Array(), 'empty.csv', 'empty-sheet'],
    ['a CSV without a header', new TextEncoder().encode('just,some\ntext,here\n'), 'notes.csv', 'no-header'],
    ['a picture', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'photo.png', 'unreadable-file'],
  ])('%s is a ScanProblem the pane can word, with the file code\'s sentence as detail', async (_, bytes, name, code) => {
    const source = fileSource(bytes, name);
    const error = await source.scan(await source.locate(), options, () => undefined, never()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScanProblem);
    expect((error as ScanProblem).code).toBe(code);
    expect((error as ScanProblem).detail).toContain(name);
  });
});

describe('helpers', () => {
  test.each([
    ['', 0],
    ['a', 1],
    ['a\n', 1],
    ['a\nb', 2],
    ['a\r\nb\r\n', 2],
  ])('%j has %i lines', (textValue, lines) => {
    expect(countLines(new TextEncoder().encode(textValue))).toBe(lines);
  });

  test.each([
    ['subscriptions.csv', 'subscriptions-status.xlsx'],
    ['Abonnementer.XLSX', 'Abonnementer-status.xlsx'],
    ['.csv', 'subscriptions-status.xlsx'],
    ['list', 'list-status.xlsx'],
  ])('the copy of %s is called %s', (input, output) => {
    expect(annotatedName(input)).toBe(output);
  });
});
