/**
 * Real files from the one fixture table (test/fixtures/cases.ts): workbooks written by ExcelJS
 * and CSV text, in the layouts users have (English or Danish headers, title rows above the
 * header, blank rows, date cells, serial numbers or text dates, the 1904 date system, Autodesk
 * Account's export). Each builder returns the sheet row (CSV: line) of every case, so tests can
 * check each result against its case.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { dayFromIso, isoFromDay, serialFromDay, utcMillisFromDay, ymdFromDay, type DateSystem } from '../../src/rules';
import type { FileRequest } from '../../src/files';
import { scanSettings, type RowResult, type ScanSettingsInput } from '../../src/scan';
import { FIXTURE_AS_OF, FIXTURE_COLUMNS, STATUS_CASES, type FixtureCell, type FixtureRow, type StatusCase } from '../fixtures/cases';
import { isDateCell } from '../fixtures/to-cells';

export const AS_OF = dayFromIso(FIXTURE_AS_OF);

/** What a test gives a file job: settings and options side by side. */
export type GivenRequest = ScanSettingsInput & Omit<FileRequest, 'settings'>;

/** A file job's request as of the fixture's date: the settings given, the others their defaults. */
export function fileRequest(given: GivenRequest = {}): FileRequest {
  const { asOf = AS_OF, warningDays, dateOrder, locale, ...options } = given;
  return { ...options, settings: scanSettings({ asOf, warningDays, dateOrder, locale }) };
}

export function temporaryFolder(prefix = 'subguard-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export type HeaderLanguage = 'en' | 'da';

/** How date cells of the fixture are written into a workbook. */
export type DateWriting =
  /** Real date cells (a JavaScript Date with a date format). */
  | 'date'
  /** Bare serial numbers in the workbook's date system, no date format. */
  | 'serial'
  /** Danish day-first text, 13.02.2025. */
  | 'text';

export interface WorkbookLayout {
  readonly headers?: HeaderLanguage;
  readonly system?: DateSystem;
  readonly dates?: DateWriting;
  /** Rows of text above the header. */
  readonly titleRows?: readonly string[];
  /** A blank row after every `blankEvery` data rows. */
  readonly blankEvery?: number;
  readonly sheetName?: string;
  /** Sheets without a table, written before the table's sheet. */
  readonly sheetsBefore?: readonly string[];
  /**
   * A hidden first sheet "Old list" holding an old table (every row canceled long ago): the scan
   * must pass it over and find the visible table.
   */
  readonly staleHiddenSheet?: boolean;
  /** Extra columns (not in the fixture) after the fixture's, with a value per case. */
  readonly extraColumns?: ReadonlyArray<{ readonly header: string; readonly value: (c: StatusCase, index: number) => string | number | null }>;
  /** The column the table starts in (1 = A). */
  readonly firstColumn?: number;
  readonly cases?: readonly StatusCase[];
}

export interface WrittenFixture {
  /** Sheet row (or CSV line) of each case, in the order of `cases`. */
  readonly rows: number[];
  readonly headerRow: number;
  readonly cases: readonly StatusCase[];
  /** 0-based column of each fixture field in the file. */
  readonly columnOf: Readonly<Record<string, number>>;
}

function headerText(field: keyof FixtureRow, language: HeaderLanguage): string {
  const entry = FIXTURE_COLUMNS.find(([key]) => key === field)!;
  return language === 'da' ? entry[2] : entry[1];
}

function textDate(iso: string): string {
  const { year, month, day } = ymdFromDay(dayFromIso(iso));
  return `${String(day).padStart(2, '0')}.${String(month).padStart(2, '0')}.${year}`;
}

/** A workbook in memory from the fixture table (write it with `workbook.xlsx.writeFile`). */
export function fixtureWorkbook(layout: WorkbookLayout = {}): { workbook: ExcelJS.Workbook; fixture: WrittenFixture } {
  const language = layout.headers ?? 'en';
  const system = layout.system ?? '1900';
  const dates = layout.dates ?? 'date';
  const cases = layout.cases ?? STATUS_CASES;
  const first = layout.firstColumn ?? 1;
  const workbook = new ExcelJS.Workbook();
  workbook.properties.date1904 = system === '1904';
  if (layout.staleHiddenSheet) {
    const old = workbook.addWorksheet(STALE_SHEET, { state: 'hidden' });
    old.addRow([headerText('id', language), headerText('renewalDate', language)]);
    STALE_ROWS.forEach(([id, iso]) => {
      const row = old.addRow([id, new Date(utcMillisFromDay(dayFromIso(iso)))]);
      row.getCell(2).numFmt = 'yyyy-mm-dd';
    });
  }
  for (const name of layout.sheetsBefore ?? []) workbook.addWorksheet(name).getCell('A1').value = `${name}: nothing to scan here`;
  const sheet = workbook.addWorksheet(layout.sheetName ?? 'Subscriptions');
  let rowNumber = 1;
  for (const title of layout.titleRows ?? []) {
    sheet.getCell(rowNumber++, first).value = title;
  }
  const headerRow = rowNumber++;
  const columnOf: Record<string, number> = {};
  FIXTURE_COLUMNS.forEach(([field], i) => {
    sheet.getCell(headerRow, first + i).value = headerText(field, language);
    columnOf[field] = first - 1 + i;
  });
  (layout.extraColumns ?? []).forEach((extra, i) => {
    sheet.getCell(headerRow, first + FIXTURE_COLUMNS.length + i).value = extra.header;
  });
  const rows: number[] = [];
  cases.forEach((c, index) => {
    if (layout.blankEvery && index > 0 && index % layout.blankEvery === 0) rowNumber++;
    const r = rowNumber++;
    rows.push(r);
    FIXTURE_COLUMNS.forEach(([field], i) => {
      const value = c.row[field] as FixtureCell | undefined;
      if (value === undefined) return;
      const cell = sheet.getCell(r, first + i);
      if (!isDateCell(value)) {
        cell.value = value;
        return;
      }
      if (dates === 'date') {
        cell.value = new Date(utcMillisFromDay(dayFromIso(value.date)));
        cell.numFmt = 'yyyy-mm-dd';
      } else if (dates === 'serial') {
        cell.value = serialFromDay(dayFromIso(value.date), system);
      } else {
        cell.value = textDate(value.date);
      }
    });
    (layout.extraColumns ?? []).forEach((extra, i) => {
      const value = extra.value(c, index);
      if (value !== null) sheet.getCell(r, first + FIXTURE_COLUMNS.length + i).value = value;
    });
  });
  return { workbook, fixture: { rows, headerRow, cases, columnOf } };
}

/** The hidden sheet of {@link WorkbookLayout.staleHiddenSheet}, and its rows (all canceled by {@link AS_OF}). */
export const STALE_SHEET = 'Old list';
const STALE_ROWS: ReadonlyArray<readonly [string, string]> = [
  ['OLD-1', '2020-01-15'],
  ['OLD-2', '2020-06-30'],
];

/** One cell of {@link fixtureGrid}: text, number, boolean, or a date cell (ISO yyyy-mm-dd). */
export type GridCell = readonly [row: number, column: number, kind: 's' | 'n' | 'b' | 'd', value: string | number | boolean];

export interface GridSheet {
  readonly name: string;
  readonly state: 'visible' | 'hidden';
  readonly cells: readonly GridCell[];
}

/**
 * The cells of a fixture layout, sheet by sheet, as plain data: what the real-tool script hands
 * openpyxl, and what the hand-made packages are written from (test/files/packages.ts).
 */
export function fixtureGrid(layout: WorkbookLayout = {}): { sheets: GridSheet[]; fixture: WrittenFixture } {
  const { workbook, fixture } = fixtureWorkbook(layout);
  const sheets = workbook.worksheets.map((sheet): GridSheet => {
    const cells: GridCell[] = [];
    sheet.eachRow((row, rowNumber) => {
      row.eachCell((cell, column) => {
        const value = cell.value;
        if (value instanceof Date) cells.push([rowNumber, column, 'd', isoFromDay(Math.floor(value.getTime() / 86_400_000))]);
        else if (typeof value === 'number') cells.push([rowNumber, column, 'n', value]);
        else if (typeof value === 'boolean') cells.push([rowNumber, column, 'b', value]);
        else if (typeof value === 'string') cells.push([rowNumber, column, 's', value]);
        else if (value !== null) throw new Error(`cell ${sheet.name}!${cell.address}: not a plain value`);
      });
    });
    return { name: sheet.name, state: sheet.state === 'hidden' || sheet.state === 'veryHidden' ? 'hidden' : 'visible', cells };
  });
  return { sheets, fixture };
}

export async function writeFixtureWorkbook(file: string, layout: WorkbookLayout = {}): Promise<WrittenFixture> {
  const { workbook, fixture } = fixtureWorkbook(layout);
  await workbook.xlsx.writeFile(file);
  return fixture;
}

export interface CsvLayout {
  readonly delimiter?: ',' | ';' | '\t';
  readonly headers?: HeaderLanguage;
  readonly lineEnd?: '\n' | '\r\n';
  readonly bom?: boolean;
  /** ISO (as the fixture says for CSV) or Danish day-first text. */
  readonly dates?: 'iso' | 'text';
  readonly titleLines?: readonly string[];
  /** Quote every field. */
  readonly quoteAll?: boolean;
  readonly cases?: readonly StatusCase[];
}

function csvQuote(value: string, delimiter: string, always = false): string {
  return always || value.includes(delimiter) || /["\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** CSV text of the fixture table, and the line of each case. */
export function fixtureCsv(layout: CsvLayout = {}): { text: string; fixture: WrittenFixture } {
  const delimiter = layout.delimiter ?? ',';
  const language = layout.headers ?? 'en';
  const end = layout.lineEnd ?? '\r\n';
  const cases = layout.cases ?? STATUS_CASES;
  const lines: string[] = [...(layout.titleLines ?? [])];
  const columnOf: Record<string, number> = {};
  FIXTURE_COLUMNS.forEach(([field], i) => (columnOf[field] = i));
  lines.push(FIXTURE_COLUMNS.map(([field]) => csvQuote(headerText(field, language), delimiter, layout.quoteAll)).join(delimiter));
  const headerRow = lines.length;
  const rows: number[] = [];
  for (const c of cases) {
    const fields = FIXTURE_COLUMNS.map(([field]) => {
      const value = c.row[field] as FixtureCell | undefined;
      if (value === undefined) return '';
      if (isDateCell(value)) return layout.dates === 'text' ? textDate(value.date) : value.date;
      return String(value);
    });
    lines.push(fields.map((field) => csvQuote(field, delimiter, layout.quoteAll)).join(delimiter));
    rows.push(lines.length);
  }
  return { text: `${layout.bom ? '\ufeff' : ''}${lines.join(end)}${end}`, fixture: { rows, headerRow, cases, columnOf } };
}

/** Cases that Autodesk Account's export can hold: no terms, invoice, paid or public-sector columns. */
const EXPORT_CASES = STATUS_CASES.filter((c) => c.row.terms === undefined && c.row.invoiceDate === undefined && c.row.paid === undefined && c.row.publicSector === undefined);

/** The fixture cases in the layout of Autodesk Account's subscription export (ISO dates). */
export function autodeskExportCsv(): { text: string; fixture: WrittenFixture } {
  const columns = ['team_alias', 'subscription_id', 'contract_number', 'offering_name', 'seat_quantity', 'term', 'start_date', 'end_date', 'autorenew_date', 'subscription_status'];
  const columnOf = { id: 1, product: 3, billing: 5, endDate: 7, renewalDate: 8 };
  const lines = [columns.join(',')];
  const rows: number[] = [];
  const text = (cell: FixtureCell | undefined) => (cell === undefined ? '' : isDateCell(cell) ? cell.date : String(cell));
  for (const c of EXPORT_CASES) {
    const start = isDateCell(c.row.renewalDate) ? isoFromDay(dayFromIso(c.row.renewalDate.date) - 365) : '';
    lines.push(['Team', c.row.id, '', c.row.product ?? '', '1', text(c.row.billing), start, text(c.row.endDate), text(c.row.renewalDate), 'Active'].map((v) => csvQuote(v, ',')).join(','));
    rows.push(lines.length);
  }
  return { text: `${lines.join('\r\n')}\r\n`, fixture: { rows, headerRow: 1, cases: EXPORT_CASES, columnOf } };
}

/** The column letter(s) of a 0-based column. */
function letters(index: number): string {
  let out = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

/**
 * Checks every result against its case: the status, the three dates, and for an invalid row its
 * reason and the cell it names (the case's field, in the file's column, on the case's row).
 */
export function expectCases(results: readonly RowResult[], fixture: WrittenFixture): void {
  expect(results.map((r) => r.row)).toEqual(fixture.rows);
  fixture.cases.forEach((c, i) => {
    const result = results[i];
    const actual = { name: c.name, status: result.status, dueDate: result.dueDate, suspensionDate: result.suspensionDate, cancellationDate: result.cancellationDate };
    expect(actual).toEqual({ name: c.name, status: c.status, dueDate: c.dueDate, suspensionDate: c.suspensionDate, cancellationDate: c.cancellationDate });
    if (c.status === 'invalid') {
      expect({ name: c.name, reason: result.reason, cell: result.cell }).toEqual({
        name: c.name,
        reason: c.reason,
        cell: `${letters(fixture.columnOf[c.field!])}${fixture.rows[i]}`,
      });
    }
  });
}
