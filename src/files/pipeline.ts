/**
 * One scan for every file path: sheets of rows in (an .xlsx streamed or in memory, a CSV), results
 * out to a listener, and, when a sink is given, the annotated copy written row by row.
 *
 * Which sheet: the one named by `sheet` (exact name, else ignoring case); without a name, the first
 * visible sheet whose first rows hold a header (rules.md §8).
 */
import type { CellValue, DateSystem } from '../rules';
import { HEADER_SEARCH_ROWS, ScanSummary, UpcomingDeadlines, type RowResult, type ScanOutcome, type ScanRequest, type ScanSettings, type ScanTable } from '../scan';
import { ANNOTATION_COLUMNS, planAnnotation, freeSheetName, writeSummarySheet, RowAnnotator } from './annotate';
import { FileError } from './errors';
import { COPY_TEXTS } from './labels';
import { MAX_COLUMNS } from './limits';
import { TableScanner, type TableEvent } from './table';
import { ColumnOverflow, type TargetRow, type TargetSheet } from './target';

export interface SourceRow {
  /** The row number the user sees (the line number in a CSV). */
  readonly number: number;
  /** Values from column A, 0-based. */
  readonly values: readonly CellValue[];
  /**
   * Writes the row's own cells into `target` of a copy. Cells from column `shiftFrom` on move
   * `ANNOTATION_COLUMNS` to the right (a streamed row wider than the table's first rows); returns
   * whether any did. Absent when the row is annotated where it is.
   */
  copyTo?(target: TargetRow, shiftFrom: number): boolean;
}

export interface SourceSheet {
  readonly name: string;
  readonly hidden: boolean;
  /** Columns the whole sheet uses, when known before its rows (a workbook in memory). */
  readonly usedColumns?: number;
  /** The rows in sheet order, in batches (one await per batch, not per row, for speed). */
  rows(): AsyncIterable<readonly SourceRow[]> | Iterable<readonly SourceRow[]>;
  /** Column widths to copy, known once the first row has been read. */
  columnWidths?(): ReadonlyArray<number | undefined>;
  /** How many rows the sheet says it has (its dimension), once reading has begun; 0 when unknown. */
  rowCountHint?(): number;
}

export interface WorkbookSource {
  /** How messages name the file. */
  readonly label: string;
  readonly format: 'xlsx' | 'csv';
  readonly dateSystem: DateSystem;
  /** The sheet names in workbook order, when known before reading the sheets. */
  readonly sheetNames: readonly string[] | null;
  sheets(): AsyncIterable<SourceSheet> | Iterable<SourceSheet>;
}

export interface WorkbookSink {
  /** True when the rows are annotated where they are (a workbook in memory): nothing is copied. */
  readonly inPlace: boolean;
  /** The date system of the workbook written, for the added date cells. */
  readonly dateSystem: DateSystem;
  openSheet(source: SourceSheet, annotated: boolean): TargetSheet;
  /** A new sheet after the others, for the summary. */
  addSheet(name: string): TargetSheet;
  /** Names of the sheets written so far. */
  sheetNames(): string[];
  /** Ends the last sheet; the caller then writes the file or buffer. */
  closeSheets(): void;
}

/** The table a file job found. */
export interface TableInfo extends ScanTable {
  readonly dateSystem: DateSystem;
  readonly format: 'xlsx' | 'csv';
}

export interface ScanListener {
  /** The table was found; rows follow. */
  table?(info: TableInfo): void | Promise<void>;
  row?(result: RowResult): void | Promise<void>;
  /** Rows read so far in the sheet being scanned or copied, every {@link PROGRESS_EVERY} rows. */
  progress?(rowsRead: number, sheet: string): void;
  /** How far a long read is (0 to 1): `what` is "shared strings" or `sheet "NAME"`. */
  reading?(fraction: number, what: string): void;
}

/** A file job's outcome. */
export interface FileOutcome extends ScanOutcome<TableInfo> {
  /** Data rows whose cells reached into the added columns and were moved right of them. */
  readonly movedRows: number;
}

const PROGRESS_EVERY = 5000;
/** Whether a sheet is the one asked for: the exact name, else the same name ignoring case and outer spaces. */
function sheetMatches(name: string, wanted: string, all: readonly string[]): boolean {
  if (name === wanted) return true;
  if (all.includes(wanted)) return false;
  return name.trim().toLowerCase() === wanted.trim().toLowerCase();
}

function missingSheet(label: string, wanted: string, names: readonly string[]): FileError {
  const list = names.map((name) => `"${name}"`).join(', ');
  return new FileError('missing-sheet', `${label} has no sheet "${wanted}"; its sheets are: ${list || '(none)'}`);
}

function noHeader(label: string, where: string): FileError {
  return new FileError(
    'no-header',
    `${label}: no header row found in ${where} (looked in the first ${HEADER_SEARCH_ROWS} rows): a header needs a date column (Renewal date, End date, Invoice date; ` +
      'Fornyelsesdato, Udløbsdato, Fakturadato; autorenew_date, end_date) and one more known column such as Product, Subscription ID, Paid or Payment terms',
  );
}

/**
 * Scans the table of a workbook source; with a sink, writes the annotated copy as it goes and adds
 * the summary sheet. Throws {@link FileError} for a missing sheet or a table without a header.
 */
export async function runPipeline(source: WorkbookSource, request: ScanRequest, listener: ScanListener = {}, sink?: WorkbookSink): Promise<FileOutcome> {
  const { settings } = request;
  const explain = request.explain ?? false;
  const wanted = request.sheet ?? null;
  if (wanted !== null && source.sheetNames && !source.sheetNames.some((name) => sheetMatches(name, wanted, source.sheetNames!))) {
    throw missingSheet(source.label, wanted, source.sheetNames);
  }
  const seen: string[] = [];
  const tried: string[] = [];
  let outcome: FileOutcome | null = null;

  for await (const sheet of source.sheets()) {
    seen.push(sheet.name);
    const all = source.sheetNames ?? seen;
    const candidate = !outcome && (wanted !== null ? sheetMatches(sheet.name, wanted, all) : !sheet.hidden);
    if (!candidate) {
      // A sheet neither scanned nor copied is never read.
      if (sink && !sink.inPlace) await copySheet(sheet, sink, source.label, listener);
      else if (!sink && outcome) break;
      continue;
    }
    tried.push(sheet.name);
    outcome = await scanSheet(sheet, source, settings, explain, listener, sink);
    if (!outcome && wanted !== null) throw noHeader(source.label, `sheet "${sheet.name}"`);
  }

  if (!outcome) {
    if (wanted !== null) throw missingSheet(source.label, wanted, source.sheetNames ?? seen);
    const where = source.format === 'csv' ? 'the file' : tried.length === 1 ? `sheet "${tried[0]}"` : tried.length ? `any of its sheets (${tried.map((n) => `"${n}"`).join(', ')})` : 'any visible sheet';
    throw noHeader(source.label, where);
  }
  if (sink) {
    sink.closeSheets();
    const summarySheet = sink.addSheet(freeSheetName(COPY_TEXTS[settings.locale].summarySheet, sink.sheetNames()));
    writeSummarySheet(summarySheet, sink.dateSystem, { file: source.label, settings, outcome });
  }
  return outcome;
}

async function copySheet(sheet: SourceSheet, sink: WorkbookSink, label: string, listener: ScanListener): Promise<void> {
  let target: TargetSheet | null = null;
  let read = 0;
  for await (const batch of sheet.rows()) {
    for (const row of batch) {
      target ??= sink.openSheet(sheet, false);
      const out = target.row(row.number);
      copyRow(row, out, Number.MAX_SAFE_INTEGER, label, sheet.name);
      const pending = target.commit(out);
      if (pending) await pending;
      if (++read % PROGRESS_EVERY === 0) listener.progress?.(read, sheet.name);
    }
  }
  (target ?? sink.openSheet(sheet, false)).close();
}

/** Copies a row's cells; a cell pushed past column XFD is a one-line error naming the row. */
function copyRow(row: SourceRow, out: TargetRow, shiftFrom: number, label: string, sheet: string): boolean {
  try {
    return row.copyTo?.(out, shiftFrom) ?? false;
  } catch (error) {
    if (error instanceof ColumnOverflow) {
      throw new FileError('bad-out', `${label}: sheet "${sheet}", row ${error.row} has cells in the last ${ANNOTATION_COLUMNS} columns before XFD, right of the table: in the copy they would move past the last column`);
    }
    throw error;
  }
}

/** Scans one sheet; null when it has no header (its rows are then copied as they are). */
async function scanSheet(
  sheet: SourceSheet,
  source: WorkbookSource,
  settings: ScanSettings,
  explain: boolean,
  listener: ScanListener,
  sink: WorkbookSink | undefined,
): Promise<FileOutcome | null> {
  const scanner = new TableScanner<SourceRow>(settings, source.dateSystem);
  const summary = new ScanSummary();
  const upcoming = new UpcomingDeadlines();
  const events: Array<TableEvent<SourceRow>> = [];
  const state = {
    target: null as TargetSheet | null,
    annotator: null as RowAnnotator | null,
    table: null as TableInfo | null,
    shiftFrom: Number.MAX_SAFE_INTEGER,
    movedRows: 0,
  };

  const open = (): TargetSheet | null => {
    if (!sink) return null;
    if (!state.target) {
      state.target = sink.openSheet(sheet, state.annotator !== null);
      state.annotator?.setColumnWidths(state.target);
    }
    return state.target;
  };
  const copies = sink !== undefined && !sink.inPlace;

  const flush = async (): Promise<void> => {
    for (const event of events) {
      if (event.kind === 'header') {
        const header = scanner.header!;
        const plan = planAnnotation(header, event.row.values, { locale: settings.locale, explain, dateSystem: sink?.dateSystem ?? '1900' }, sheet.usedColumns ?? 0);
        if (sink && plan.startColumn + ANNOTATION_COLUMNS - 1 > MAX_COLUMNS) {
          throw new FileError('bad-out', `${source.label}: the table in sheet "${sheet.name}" reaches the last column (XFD): there is no room for the ${ANNOTATION_COLUMNS} added columns of the copy`);
        }
        state.annotator = new RowAnnotator(plan);
        state.shiftFrom = plan.startColumn;
        state.table = { sheet: sheet.name, headerRow: header.sheetRow, columns: header.columns, dateSystem: source.dateSystem, format: source.format };
        await listener.table?.(state.table);
      }
      const target = open();
      const out = target ? target.row(event.row.sheetRow) : null;
      if (out) {
        if (copies && copyRow(event.row.payload, out, event.kind === 'above' ? Number.MAX_SAFE_INTEGER : state.shiftFrom, source.label, sheet.name)) state.movedRows++;
        if (event.kind === 'header') state.annotator!.header(out);
      }
      if (event.kind === 'data') {
        if (out) state.annotator!.data(out, event.result);
        summary.add(event.result);
        upcoming.add(event.result);
        const pending = listener.row?.(event.result);
        if (pending) await pending;
      }
      if (out) {
        const pending = target!.commit(out);
        if (pending) await pending;
      }
    }
    events.length = 0;
  };

  let read = 0;
  for await (const batch of sheet.rows()) {
    for (const row of batch) {
      scanner.push(row.number, row.values, row, events);
      if (++read % PROGRESS_EVERY === 0) listener.progress?.(read, sheet.name);
    }
    if (events.length) await flush();
  }
  scanner.end(events);
  await flush();
  const target = open();
  if (target) {
    state.annotator?.finish(target);
    target.close();
  }
  if (!state.table) return null;
  return { table: state.table, summary, upcoming: upcoming.list(), movedRows: state.movedRows };
}
