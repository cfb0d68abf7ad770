/**
 * Workbooks in memory (ExcelJS `Workbook`): the task pane's file mode and the CLI's copy of small
 * files. The rows are annotated where they are, so everything ExcelJS keeps (merged title cells,
 * conditional formats, validations, frozen panes) stays in the copy. Browser-safe: no Node APIs.
 */
import type { Row, Workbook, Worksheet } from 'exceljs';
import { serialFromDay, utcMillisFromDay, type DateSystem } from '../rules';
import { ANNOTATION_COLUMNS } from './annotate';
import { rowValuesOf } from './cells';
import { detectCsvDialect, parseCsvRecords, type CsvRecord } from './csv';
import type { SheetSink, SourceRow, SourceSheet, WorkbookSink, WorkbookSource } from './pipeline';

/** How far a date read as 1900-system moves when the workbook really is 1904-system (1,462 days). */
const SHIFT_1900_TO_1904_MS = utcMillisFromDay(serialFromDay(0, '1900') - serialFromDay(0, '1904'));

/**
 * Makes a loaded workbook agree with the date system its file states. ExcelJS reads only
 * `date1904="1"`; for LibreOffice's `date1904="true"` it converts every date cell as if in the 1900
 * system, 1,462 days early. This moves those dates back and marks the workbook 1904, so that both
 * the scan and the written copy are right.
 */
export function fixDateSystem(workbook: Workbook, statedDate1904: boolean): void {
  if (!statedDate1904 || workbook.properties.date1904) return;
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
}

export function dateSystemOf(workbook: Workbook): DateSystem {
  return workbook.properties.date1904 ? '1904' : '1900';
}

/** A loaded workbook as a source whose rows are annotated in place. */
export function memoryWorkbookSource(workbook: Workbook, label: string): WorkbookSource {
  const system = dateSystemOf(workbook);
  const worksheets = workbook.worksheets;
  return {
    label,
    format: 'xlsx',
    dateSystem: system,
    sheetNames: worksheets.map((sheet) => sheet.name),
    sheets: () =>
      worksheets.map(
        (sheet): SourceSheet => ({
          name: sheet.name,
          hidden: sheet.state !== undefined && sheet.state !== 'visible',
          usedColumns: sheet.columnCount,
          rows: () => sheetRows(sheet, system),
        }),
      ),
  };
}

function* sheetRows(sheet: Worksheet, system: DateSystem): Iterable<SourceRow[]> {
  const last = sheet.rowCount;
  let batch: SourceRow[] = [];
  for (let number = 1; number <= last; number++) {
    const row = sheet.findRow(number);
    if (!row || !row.hasValues) continue;
    batch.push({ number, values: rowValuesOf(row, system) });
    if (batch.length === BATCH_ROWS) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

const BATCH_ROWS = 1000;

/** Annotates a loaded workbook where it is; the summary sheet is added to it. */
export function inPlaceSink(workbook: Workbook): WorkbookSink {
  return {
    inPlace: true,
    dateSystem: dateSystemOf(workbook),
    openSheet(source: SourceSheet): SheetSink {
      const sheet = workbook.getWorksheet(source.name)!;
      return { row: (number) => sheet.getRow(number), commit: () => undefined, worksheet: sheet, close: () => undefined };
    },
    addSheet: (name) => workbook.addWorksheet(name),
    sheetNames: () => workbook.worksheets.map((sheet) => sheet.name),
    closeSheets: () => undefined,
  };
}

/** Copies sheets into a new workbook in memory (for a CSV made into an .xlsx copy). */
export function newWorkbookSink(workbook: Workbook): WorkbookSink {
  return {
    inPlace: false,
    dateSystem: dateSystemOf(workbook),
    openSheet(source: SourceSheet): SheetSink {
      const sheet = workbook.addWorksheet(source.name, source.hidden ? { state: 'hidden' } : {});
      return { row: (number) => sheet.getRow(number), commit: () => undefined, worksheet: sheet, close: () => undefined };
    },
    addSheet: (name) => workbook.addWorksheet(name),
    sheetNames: () => workbook.worksheets.map((sheet) => sheet.name),
    closeSheets: () => undefined,
  };
}

/** A sheet name Excel accepts, from a file name: at most 31 characters, none of `[]:*?/\`. */
export function sheetNameFromFile(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const stem = base.replace(/\.[^.]*$/, '') || base;
  const clean = stem.replace(/[[\]:*?/\\]/g, '_').replace(/^'+|'+$/g, '').slice(0, 31).trim();
  return clean || 'Sheet1';
}

/** A CSV row copied into a sheet: text stays text (a leading = is never run as a formula). */
export function csvSourceRow(record: CsvRecord): SourceRow {
  return {
    number: record.line,
    values: record.values,
    copyTo(target: Row, shiftFrom: number): boolean {
      let moved = false;
      record.values.forEach((value, i) => {
        if (value === '') return;
        const column = i + 1 >= shiftFrom ? i + 1 + ANNOTATION_COLUMNS : i + 1;
        if (column !== i + 1) moved = true;
        target.getCell(column).value = value;
      });
      return moved;
    },
  };
}

/** CSV text as a one-sheet source (the whole text in memory: the task pane's file mode). */
export function csvTextSource(text: string, fileName: string, label: string = fileName): WorkbookSource {
  return csvRecordsSource(() => [parseCsvFromText(text)], fileName, label);
}

/** The records of a CSV text, its dialect detected from the header line. */
export function parseCsvFromText(text: string): CsvRecord[] {
  const dialect = detectCsvDialect(text);
  return parseCsvRecords(text.slice(dialect.skip), dialect.delimiter, dialect.firstLine);
}

/** A one-sheet source named after the file, from batches of CSV records. */
export function csvRecordsSource(records: () => Iterable<readonly CsvRecord[]> | AsyncIterable<readonly CsvRecord[]>, fileName: string, label: string): WorkbookSource {
  const name = sheetNameFromFile(fileName);
  return {
    label,
    format: 'csv',
    dateSystem: '1900',
    sheetNames: [name],
    sheets: () => [
      {
        name,
        hidden: false,
        rows: () => mapRecords(records()),
      },
    ],
  };
}

async function* mapRecords(records: Iterable<readonly CsvRecord[]> | AsyncIterable<readonly CsvRecord[]>): AsyncIterable<SourceRow[]> {
  for await (const batch of records) yield batch.map(csvSourceRow);
}
