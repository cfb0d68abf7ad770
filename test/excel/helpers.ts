/** Builds fake workbooks from the one fixture table, and small helpers the Excel tests share. */
import { dayFromIso, type DateSystem } from '../../src/rules';
import { scanSettings, type ScanProgress, type ScanRequest, type ScanSettingsInput } from '../../src/scan';
import { createExcelSource, memorySettingsStore, type ExcelSourceOptions, type MemorySettingsStore } from '../../src/excel';
import { FIXTURE_AS_OF, FIXTURE_COLUMNS, STATUS_CASES, type FixtureRow } from '../fixtures/cases';
import { toExcelCell } from '../fixtures/to-cells';
import { FakeExcel, FakeWorkbook, type Cell, type FakeSheet, type Rect } from './fake-excel';

export const AS_OF = dayFromIso(FIXTURE_AS_OF);

/** A scan request as of the fixture's date: the settings given, the others their defaults. */
export function request(settings: ScanSettingsInput = {}, writeDateColumns = true): ScanRequest {
  return { settings: scanSettings({ asOf: AS_OF, ...settings }), writeDateColumns };
}

export interface FixtureBook {
  host: FakeExcel;
  book: FakeWorkbook;
  sheet: FakeSheet;
  /** Header row and data rows, 0-based. */
  table: Rect;
}

export interface FixtureLayout {
  language?: 'en' | 'da';
  system?: DateSystem;
  /** 0-based row of the header; a title sits in the first row when > 0. */
  headerRow?: number;
  column?: number;
  /** Make it an Excel table (ListObject). */
  asTable?: boolean;
  rows?: readonly FixtureRow[];
}

function fixtureRowCells(row: FixtureRow, system: DateSystem = '1900'): Cell[] {
  return FIXTURE_COLUMNS.map(([field]) => {
    const cell = toExcelCell(row[field], system);
    return cell === null ? '' : cell;
  });
}

export function fixtureBook(layout: FixtureLayout = {}): FixtureBook {
  const { language = 'en', system = '1900', headerRow = 2, column = 0, asTable = false } = layout;
  const rows = layout.rows ?? STATUS_CASES.map((c) => c.row);
  const book = new FakeWorkbook('Subscriptions');
  book.date1904 = system === '1904';
  const sheet = book.active;
  if (headerRow > 0) sheet.put(0, column, [['Autodesk subscriptions, Q1']]);
  sheet.put(headerRow, column, [FIXTURE_COLUMNS.map(([, en, da]) => (language === 'da' ? da : en))]);
  sheet.put(headerRow + 1, column, rows.map((row) => fixtureRowCells(row, system)));
  const table = { row: headerRow, column, rows: rows.length + 1, columns: FIXTURE_COLUMNS.length };
  if (asTable) book.addTable(sheet, table, 'Subscriptions');
  book.select(sheet, { row: headerRow + 2, column: column + 1, rows: 1, columns: 1 });
  return { host: new FakeExcel(book), book, sheet, table };
}

export function sourceFor(host: FakeExcel, store: MemorySettingsStore = memorySettingsStore(), options: ExcelSourceOptions = {}) {
  return { source: createExcelSource(host.run, store, options), store };
}

export const never = (): AbortSignal => new AbortController().signal;

export const ignore = (_: ScanProgress): void => undefined;

/** The values of one sheet column from a row down, as Excel holds them. */
export function columnValues(sheet: FakeSheet, column: number, fromRow: number, rows: number): Cell[] {
  return Array.from({ length: rows }, (_, r) => sheet.get(fromRow + r, column));
}

/** The whole observable state: workbook and saved settings. */
export function stateOf(host: FakeExcel, store: MemorySettingsStore) {
  return { workbook: host.workbook.snapshot(), settings: store.saved() };
}

/** The number formats other than General on a sheet, by address. */
export function formatsOf(host: FakeExcel, sheetIndex = 0): Record<string, string> {
  return (host.workbook.snapshot() as { sheets: Array<{ formats: Record<string, string> }> }).sheets[sheetIndex].formats;
}

/** The snapshot without the ids Excel assigns (conditional format ids, our names' numbers). */
export function contentOf(host: FakeExcel): unknown {
  return JSON.parse(JSON.stringify(host.workbook.snapshot()), (key, value) =>
    key === 'id' && typeof value === 'string' && value.startsWith('{CF-') ? '{CF}' : key === 'name' && typeof value === 'string' && value.startsWith('SubscriptionGuard_') ? 'SubscriptionGuard_n' : value,
  );
}

/** A sheet of `rows` subscriptions under a header in row 1: the fixture rows over and over. */
function bigBook(rows: number): FixtureBook {
  const book = new FakeWorkbook('Subscriptions');
  const sheet = book.active;
  sheet.put(0, 0, [FIXTURE_COLUMNS.map(([, en]) => en)]);
  const cases = STATUS_CASES.map((c) => fixtureRowCells(c.row));
  for (let c = 0; c < FIXTURE_COLUMNS.length; c++) {
    const column = new Array<Cell>(rows);
    for (let r = 0; r < rows; r++) column[r] = cases[r % cases.length][c];
    sheet.putColumn(1, c, column);
  }
  book.select(sheet, { row: 1, column: 0, rows: 1, columns: 1 });
  return { host: new FakeExcel(book), book, sheet, table: { row: 0, column: 0, rows: rows + 1, columns: FIXTURE_COLUMNS.length } };
}

/** What one scan of a big sheet costs: the fake's counters and the source's own figures. */
export async function measureScan(rows: number, writeDateColumns = true, options: ExcelSourceOptions = {}) {
  const { host, sheet, table } = bigBook(rows);
  const { source, store } = sourceFor(host, memorySettingsStore(), options);
  const target = await source.locate();
  const locateSyncs = host.counters.syncs;
  host.resetCounters();
  const started = performance.now();
  const outcome = await source.scan(target, request({}, writeDateColumns), ignore, never());
  const milliseconds = performance.now() - started;
  return { host, sheet, table, source, store, outcome, stats: source.lastScan!, counters: { ...host.counters }, locateSyncs, milliseconds, asOf: AS_OF };
}
