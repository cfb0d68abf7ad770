/**
 * Sources held in memory: CSV text (the task pane's file mode) and CSV records in batches (the
 * CLI reads them from disk), each a one-sheet source named after the file. Browser-safe.
 */

import { ANNOTATION_COLUMNS } from './annotate';
import { detectCsvDialect, parseCsvRecords, type CsvRecord } from './csv';
import { LIMITS, MAX_COLUMNS, type ReadLimits } from './limits';
import type { SourceRow, SourceSheet, WorkbookSource } from './pipeline';
import { ColumnOverflow, type TargetRow } from './target';

/** A sheet name Excel accepts, from a file name: at most 31 characters, none of `[]:*?/\`. */
function sheetNameFromFile(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const stem = base.replace(/\.[^.]*$/, '') || base;
  const clean = stem.replace(/[[\]:*?/\\]/g, '_').replace(/^'+|'+$/g, '').slice(0, 31).trim();
  return clean || 'Sheet1';
}

/** A CSV row copied into a sheet: text stays text (a leading = is never run as a formula). */
function csvSourceRow(record: CsvRecord): SourceRow {
  return {
    number: record.line,
    values: record.values,
    copyTo(target: TargetRow, shiftFrom: number): boolean {
      let moved = false;
      const values = record.values;
      for (let i = 0; i < values.length; i++) {
        const value = values[i];
        if (value === '') continue;
        let column = i + 1;
        if (column >= shiftFrom) {
          column += ANNOTATION_COLUMNS;
          moved = true;
          if (column > MAX_COLUMNS) throw new ColumnOverflow(record.line);
        }
        target.set(column, value);
      }
      return moved;
    },
  };
}

/** CSV text as a one-sheet source (the whole text in memory: the task pane's file mode). */
export function csvTextSource(text: string, fileName: string, label: string = fileName, limits: ReadLimits = LIMITS): WorkbookSource {
  return csvRecordsSource(() => [parseCsvFromText(text, label, limits)], fileName, label);
}

/** The records of a CSV text, its dialect detected from the header line. */
export function parseCsvFromText(text: string, label = '', limits: ReadLimits = LIMITS): CsvRecord[] {
  const dialect = detectCsvDialect(text);
  return parseCsvRecords(text.slice(dialect.skip), dialect.delimiter, dialect.firstLine, label, limits);
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

/**
 * Sheets whose rows have been read into memory, as a source again (for the in-memory copy). Each
 * sheet knows the columns all its rows use, so that annotating in place puts the added columns
 * right of every cell, never over one in a row further down.
 */
export function bufferedSource(from: WorkbookSource, sheets: ReadonlyArray<{ readonly sheet: SourceSheet; readonly rows: readonly SourceRow[] }>): WorkbookSource {
  return {
    label: from.label,
    format: from.format,
    dateSystem: from.dateSystem,
    sheetNames: from.sheetNames,
    sheets: () =>
      sheets.map(({ sheet, rows }) => ({
        name: sheet.name,
        hidden: sheet.hidden,
        usedColumns: rows.reduce((most, row) => Math.max(most, row.values.length), 0),
        rows: () => [rows],
        columnWidths: sheet.columnWidths,
        rowCountHint: sheet.rowCountHint,
      })),
  };
}

