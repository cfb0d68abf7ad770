/**
 * Every use of ExcelJS, in one module. ExcelJS writes the annotated copy: its streaming writer for
 * large workbooks and CSV files, and a workbook it holds in memory for small ones (which keeps
 * merged cells, conditional formats, validation and frozen panes). It does not read for the scan:
 * src/files/xlsx/ does, because ExcelJS 4.4 reads ISO date cells as numbers (exceljs #2695),
 * loses sheet names with absolute relationship targets, ignores date1904="true", and fails on
 * prefixed SpreadsheetML and on rows without `r` (issue 9). A workbook ExcelJS loads for an
 * in-memory copy is used only when its values agree, cell by cell, with our reader's.
 *
 * ExcelJS is pinned to exactly {@link EXCELJS_VERSION} (package.json). What this module relies on
 * beyond ExcelJS's documented API is marked INTERNAL below, and test/files/exceljs.test.ts checks
 * each of those against the installed ExcelJS, so an upgrade that changes one fails loudly.
 */
import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import type { Cell, CellValue as ExcelValue, Row, Style, Workbook, Worksheet } from 'exceljs';
import { dayFromUtcMillis, dayFromYmd, serialFromDay, utcMillisFromDay, type CellValue, type DateSystem } from '../rules';
import type { SourceRow, SourceSheet, WorkbookSink } from './pipeline';
import type { CellFormat, CopyValue, StatusFillRule, TargetRow, TargetSheet } from './target';

/**
 * ExcelJS itself, loaded on first use: only writing a copy needs it, and loading it is most of the
 * command's start-up (bench/startup.bench.ts), so a scan without --out never loads it.
 */
let loadedExcelJs: typeof ExcelJS | undefined;
function excelJs(): typeof ExcelJS {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loadedExcelJs ??= require('exceljs') as typeof ExcelJS);
}

/** The ExcelJS version this module was written and tested against. */
export const EXCELJS_VERSION = '4.4.0';

// ---------------------------------------------------------------------------------------------
// Values of a workbook ExcelJS loaded, in the rules' terms (to compare with our reader's)

/** Before this day ExcelJS's 1900 dates ignore Excel's fictitious 1900-02-29 and are a day off. */
const FIRST_DAY_AFTER_1900_LEAP_QUIRK = dayFromYmd(1900, 3, 1);

/**
 * One ExcelJS cell value as the rules take it: a Date at UTC midnight becomes `{ day }` (before
 * 1900-03-01 in the 1900 system, the serial, as our reader gives it); rich text its plain text;
 * a formula its result; an error its text.
 * @example cellValueFromExcel(new Date(Date.UTC(2025, 0, 31)), '1900') //=> { day: 20119 }
 */
export function cellValueFromExcel(value: unknown, system: DateSystem): CellValue {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return value;
    case 'object':
      break;
    default:
      return null;
  }
  if (value instanceof Date) {
    const millis = value.getTime();
    if (Number.isNaN(millis)) return null;
    const day = dayFromUtcMillis(millis);
    // ExcelJS made this Date from the serial as a plain count from 1970-01-01's serial, with no
    // leap-day quirk: counting back the same way gives the serial the cell holds.
    if (system === '1900' && day < FIRST_DAY_AFTER_1900_LEAP_QUIRK) return Math.round(millis / utcMillisFromDay(1)) + serialFromDay(0, '1900');
    return { day };
  }
  const object = value as Record<string, unknown>;
  if (Array.isArray(object.richText)) return (object.richText as Array<{ text?: unknown }>).map((run) => String(run.text ?? '')).join('');
  if ('formula' in object || 'sharedFormula' in object) return cellValueFromExcel(object.result, system);
  if ('error' in object) return String(object.error);
  if ('hyperlink' in object || 'text' in object) return cellValueFromExcel(object.text, system);
  return null;
}

/** How far a date read as 1900-system moves when the workbook really is 1904-system (1,462 days). */
const SHIFT_1900_TO_1904_MS = utcMillisFromDay(serialFromDay(0, '1900') - serialFromDay(0, '1904'));

/**
 * Loads a workbook into ExcelJS for an in-memory copy; null when ExcelJS cannot (a table part it
 * throws on, zip64 …): the copy is then streamed. ExcelJS reads only `date1904="1"`; the file's
 * own statement (`"true"` from LibreOffice) is applied here, dates moved back by 1,462 days.
 */
export async function loadWorkbook(bytes: Uint8Array, date1904: boolean): Promise<Workbook | null> {
  const workbook = new (excelJs().Workbook)();
  try {
    // INTERNAL: load() is typed for a Buffer but takes any Uint8Array (JSZip underneath).
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return null;
  }
  // A package ExcelJS only half understood (its workbook part elsewhere): no properties at all.
  if (!workbook.properties) return null;
  if (date1904 && !workbook.properties.date1904) {
    workbook.properties.date1904 = true;
    workbook.eachSheet((sheet) => {
      sheet.eachRow((row) => {
        row.eachCell((cell) => {
          const value = cell.value;
          if (value instanceof Date) cell.value = new Date(value.getTime() + SHIFT_1900_TO_1904_MS);
          else if (value && typeof value === 'object' && 'result' in value && value.result instanceof Date) {
            cell.value = { ...value, result: new Date(value.result.getTime() + SHIFT_1900_TO_1904_MS) } as typeof value;
          }
        });
      });
    });
  } else if (!date1904 && workbook.properties.date1904) {
    return null; // the two readers disagree on the date system itself
  }
  return workbook;
}

/** A sheet as our reader read it: its name, state and rows. */
export interface ReadSheet {
  readonly name: string;
  readonly hidden: boolean;
  readonly rows: readonly SourceRow[];
}

function sameValue(a: CellValue, b: CellValue): boolean {
  if (a === b) return true;
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  if (typeof a === 'object' && typeof b === 'object') return a.day === b.day;
  return false;
}

function trimmed(values: readonly CellValue[]): readonly CellValue[] {
  let end = values.length;
  while (end > 0 && (values[end - 1] === null || values[end - 1] === undefined)) end--;
  return end === values.length ? values : values.slice(0, end);
}

/**
 * Whether ExcelJS read the workbook as our reader did: the same sheets in the same order and
 * state, and every cell the same value. Only then does an in-memory copy mean what the input
 * means (ExcelJS writes back what it read).
 */
export function agreesWith(workbook: Workbook, sheets: readonly ReadSheet[], system: DateSystem): boolean {
  const worksheets = workbook.worksheets;
  if (worksheets.length !== sheets.length) return false;
  for (let s = 0; s < sheets.length; s++) {
    const ours = sheets[s];
    const theirs = worksheets[s];
    if (theirs.name !== ours.name || (theirs.state !== undefined && theirs.state !== 'visible') !== ours.hidden) return false;
    const expected = new Map<number, readonly CellValue[]>();
    for (const row of ours.rows) {
      const values = trimmed(row.values);
      if (values.length > 0) expected.set(row.number, values);
    }
    let agree = true;
    let seen = 0;
    theirs.eachRow({ includeEmpty: false }, (row, number) => {
      if (!agree) return;
      const values: CellValue[] = [];
      row.eachCell({ includeEmpty: false }, (cell, column) => {
        // A merged range's other cells show the master's value in ExcelJS; in the file they are empty.
        if (cell.type === excelJs().ValueType.Merge) return;
        values[column - 1] = cellValueFromExcel(cell.value, system);
      });
      for (let k = 0; k < values.length; k++) if (values[k] === undefined) values[k] = null;
      const found = trimmed(values);
      if (found.length === 0) return;
      seen++;
      const wanted = expected.get(number);
      if (!wanted || wanted.length !== found.length || !wanted.every((value, k) => sameValue(value, found[k]))) agree = false;
    });
    if (!agree || seen !== expected.size) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Writing: our target types over ExcelJS rows and sheets

/**
 * One empty style object for every unformatted cell. INTERNAL: ExcelJS's writer remembers styles
 * by object (a WeakMap in StylesXform.addStyleModel): a fresh `{}` per cell would be registered a
 * million times, the shared one once. Our formats are shared objects for the same reason.
 */
const NO_STYLE: Partial<Style> = {};

function toExcelValue(value: CopyValue): ExcelValue {
  if (value === null || typeof value !== 'object') return value;
  if ('error' in value) return { error: value.error as ExcelJS.CellErrorValue['error'] };
  return { formula: value.formula, result: value.result ?? undefined } as ExcelJS.CellFormulaValue;
}

class ExcelRow implements TargetRow {
  constructor(readonly row: Row) {}

  get number(): number {
    return this.row.number;
  }

  set(column: number, value: CopyValue, format?: CellFormat): void {
    const cell: Cell = this.row.getCell(column);
    if (value !== null) cell.value = toExcelValue(value);
    // Our CellFormat is ExcelJS's style shape (src/files/target.ts); kept as the same object.
    cell.style = (format as Partial<Style> | undefined) ?? NO_STYLE;
  }

  formatAt(column: number): CellFormat | undefined {
    const style = this.row.findCell(column)?.style;
    return style && Object.keys(style).length > 0 ? (style as CellFormat) : undefined;
  }

  setHeight(points: number): void {
    this.row.height = points;
  }

  hide(): void {
    this.row.hidden = true;
  }
}

/** The most XML a streamed sheet may have waiting to be zipped before the copy waits for it. */
export const STREAM_BUFFER_MAX = 8 * 1024 * 1024;

interface StreamInternals {
  /** ExcelJS's StreamBuf of the sheet: its 64 KB buffers while the zip has not taken it yet … */
  readonly buffers?: readonly unknown[];
  readonly bufSize?: number;
  /** … and the zip's PassThrough it pipes into, whose buffer ExcelJS never checks. */
  readonly pipes?: ReadonlyArray<{ readonly _writableState?: { readonly length?: number } }>;
}

/**
 * Bytes of a streamed sheet written but not yet zipped. INTERNAL: ExcelJS's WorksheetWriter
 * writes each committed row into a StreamBuf (`worksheet.stream`) that pipes into the archiver
 * without backpressure, so a copy that reads faster than zlib deflates would hold the whole sheet
 * in memory (457 MB at 1,048,576 rows before this wait).
 */
export function pendingBytes(worksheet: Worksheet): number {
  const stream = (worksheet as unknown as { _stream?: StreamInternals })._stream;
  if (!stream) return 0;
  const own = (stream.buffers?.length ?? 0) * (stream.bufSize ?? 65536);
  const piped = (stream.pipes ?? []).reduce((sum, pipe) => sum + (pipe._writableState?.length ?? 0), 0);
  return own + piped;
}

const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 2));

class ExcelSheet implements TargetSheet {
  private commits = 0;

  constructor(
    readonly worksheet: Worksheet,
    private readonly streaming: boolean,
  ) {}

  row(number: number): TargetRow {
    return new ExcelRow(this.worksheet.getRow(number));
  }

  /** Writes the row out; waits (rarely) while too much of the sheet is still to be zipped. */
  commit(row: TargetRow): void | Promise<void> {
    if (!this.streaming) return;
    (row as ExcelRow).row.commit();
    if (++this.commits % 64 === 0 && pendingBytes(this.worksheet) > STREAM_BUFFER_MAX) return this.drain();
  }

  private async drain(): Promise<void> {
    while (pendingBytes(this.worksheet) > STREAM_BUFFER_MAX / 2) await pause();
  }

  setColumnWidth(column: number, width: number): void {
    this.worksheet.getColumn(column).width = width;
  }

  /**
   * The status rules come after the sheet's own conditional formats (higher priority numbers, so
   * the user's rules still win). Numbered here: ExcelJS's own numbering of rules without a
   * priority starts at the sheet's highest and so repeats it (ConditionalFormattingsXform.prepare).
   * INTERNAL: a loaded sheet's rules are in `conditionalFormattings`, which ExcelJS's types omit.
   */
  addStatusFills(ref: string, rules: readonly StatusFillRule[]): void {
    const existing = this.streaming ? [] : ((this.worksheet as unknown as { conditionalFormattings?: Array<{ rules: Array<{ priority?: number }> }> }).conditionalFormattings ?? []);
    let priority = existing.reduce((most, format) => Math.max(most, ...format.rules.map((rule) => rule.priority ?? 0)), 0);
    this.worksheet.addConditionalFormatting({
      ref,
      rules: rules.map((rule) => ({
        priority: ++priority,
        type: 'expression' as const,
        formulae: [rule.formula],
        style: { fill: { type: 'pattern' as const, pattern: 'solid' as const, bgColor: { argb: rule.fill } }, font: { color: { argb: rule.text } } },
      })),
    });
  }

  close(): void {
    if (this.streaming) this.worksheet.commit();
  }
}

function hiddenOption(hidden: boolean): Partial<ExcelJS.AddWorksheetOptions> {
  return hidden ? { state: 'hidden' } : {};
}

/** Annotates a loaded workbook where it is; the summary sheet is added to it. */
export function inPlaceSink(workbook: Workbook): WorkbookSink {
  return {
    inPlace: true,
    dateSystem: workbook.properties.date1904 ? '1904' : '1900',
    openSheet(source: SourceSheet): TargetSheet {
      return new ExcelSheet(workbook.getWorksheet(source.name)!, false);
    },
    addSheet: (name) => new ExcelSheet(workbook.addWorksheet(name), false),
    sheetNames: () => workbook.worksheets.map((sheet) => sheet.name),
    closeSheets: () => undefined,
  };
}

/** Copies sheets into a new workbook in memory (the task pane's copy of a CSV or a large workbook). */
export function newWorkbookSink(dateSystem: DateSystem): { sink: WorkbookSink; workbook: Workbook } {
  const workbook = new (excelJs().Workbook)();
  workbook.properties.date1904 = dateSystem === '1904';
  const sink: WorkbookSink = {
    inPlace: false,
    dateSystem,
    openSheet(source: SourceSheet): TargetSheet {
      const sheet = new ExcelSheet(workbook.addWorksheet(source.name, hiddenOption(source.hidden)), false);
      (source.columnWidths?.() ?? []).forEach((width, i) => width && sheet.setColumnWidth(i + 1, width));
      return sheet;
    },
    addSheet: (name) => new ExcelSheet(workbook.addWorksheet(name), false),
    sheetNames: () => workbook.worksheets.map((sheet) => sheet.name),
    closeSheets: () => undefined,
  };
  return { sink, workbook };
}

/** A workbook in memory as .xlsx bytes; null when ExcelJS fails to write what it read. */
export async function workbookBytes(workbook: Workbook): Promise<Uint8Array | null> {
  try {
    const buffer = await workbook.xlsx.writeBuffer();
    return buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer as ArrayBuffer);
  } catch {
    return null;
  }
}

/** The workbook part's name as ExcelJS's streaming writer appends it to its zip (INTERNAL). */
export const STREAM_WORKBOOK_PART = '/xl/workbook.xml';

/**
 * Makes a streaming writer declare the 1904 date system. INTERNAL: ExcelJS 4.4's
 * WorkbookWriter.addWorkbook writes `properties: {}`, so `<workbookPr>` never says date1904; the
 * copy of a 1904 workbook must, or every plain serial in it would mean a day 1,462 days earlier
 * (issue 9). The workbook part passes through the writer's archiver (`writer.zip.append`); this
 * adds the attribute there. Returns a check that throws if the part never came through.
 */
export function declare1904(writer: InstanceType<typeof ExcelJS.stream.xlsx.WorkbookWriter>): () => void {
  const zip = (writer as unknown as { zip?: { append?: (source: unknown, data: { name?: string }) => unknown } }).zip;
  if (!zip || typeof zip.append !== 'function') throw new Error(`ExcelJS ${EXCELJS_VERSION} internals changed: WorkbookWriter.zip.append is gone (src/files/exceljs.ts declare1904)`);
  const append = zip.append.bind(zip);
  let applied = false;
  zip.append = (source: unknown, data: { name?: string }) => {
    if (data?.name === STREAM_WORKBOOK_PART && typeof source === 'string') {
      const patched = source.replace(/<workbookPr\b/, '<workbookPr date1904="1"');
      applied = patched !== source;
      return append(patched, data);
    }
    return append(source, data);
  };
  return () => {
    if (!applied) throw new Error(`ExcelJS ${EXCELJS_VERSION} internals changed: the streamed workbook part did not come through writer.zip.append as ${STREAM_WORKBOOK_PART} (src/files/exceljs.ts declare1904)`);
  };
}

/**
 * The streaming writer as a {@link WorkbookSink}: rows are written out as they are committed, so a
 * million-row copy never sits in memory. The copy keeps the input's date system.
 */
export class StreamingSink implements WorkbookSink {
  readonly inPlace = false;
  private readonly writer: InstanceType<typeof ExcelJS.stream.xlsx.WorkbookWriter>;
  /** Rejects when the file cannot be written (disk full, no permission …): never an unhandled error event. */
  private readonly failed: Promise<never>;
  private readonly names: string[] = [];
  private readonly check1904: (() => void) | null;

  /** @param stream The copy's temporary file (a Node stream: this class is for the CLI only). */
  constructor(
    stream: Writable,
    readonly dateSystem: DateSystem,
  ) {
    this.failed = new Promise<never>((_, reject) => stream.once('error', reject));
    this.failed.catch(() => undefined);
    this.writer = new (excelJs().stream.xlsx.WorkbookWriter)({ stream, useStyles: true, useSharedStrings: false });
    this.check1904 = dateSystem === '1904' ? declare1904(this.writer) : null;
  }

  openSheet(source: SourceSheet): TargetSheet {
    const sheet = new ExcelSheet(this.writer.addWorksheet(source.name, hiddenOption(source.hidden)), true);
    this.names.push(source.name);
    (source.columnWidths?.() ?? []).forEach((width, i) => width && sheet.setColumnWidth(i + 1, width));
    return sheet;
  }

  addSheet(name: string): TargetSheet {
    this.names.push(name);
    return new ExcelSheet(this.writer.addWorksheet(name), true);
  }

  sheetNames(): string[] {
    return [...this.names];
  }

  closeSheets(): void {}

  /** Commits the workbook and waits until the file is written (ExcelJS waits for the stream's finish). */
  async finish(): Promise<void> {
    await Promise.race([this.writer.commit(), this.failed]);
    this.check1904?.();
  }
}
