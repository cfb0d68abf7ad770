/**
 * The table in a stream of sheet rows: holds back the first rows until the header row is found
 * (rules.md §8, also below title rows), then scans each data row as it comes. Shared by every
 * file path, streaming or not; `payload` carries whatever the caller needs to copy the row.
 */
import type { CellValue, ColumnMap, DateSystem } from '../rules';
import { findHeaderRow, isBlankRow, scanRow, HEADER_SEARCH_ROWS, type RowResult, type ScanSettings, type TableLayout } from '../scan';

export interface TableRow<P> {
  /** The row number the user sees (the line number in a CSV). */
  readonly sheetRow: number;
  /** Values from column A, 0-based. */
  readonly values: readonly CellValue[];
  readonly payload: P;
}

export type TableEvent<P> =
  /** A row above the header (a title), or any row of a sheet without a header. */
  | { readonly kind: 'above'; readonly row: TableRow<P> }
  | { readonly kind: 'header'; readonly row: TableRow<P> }
  | { readonly kind: 'data'; readonly row: TableRow<P>; readonly result: RowResult }
  /** A blank row below the header: skipped by the scan, kept by a copy. */
  | { readonly kind: 'blank'; readonly row: TableRow<P> };

export interface FoundHeader {
  readonly sheetRow: number;
  readonly columns: ColumnMap;
  /** How many columns the rows seen up to the decision use: annotations go to the right of them. */
  readonly width: number;
}

export class TableScanner<P> {
  private pending: Array<TableRow<P>> | null = [];
  private found: FoundHeader | null = null;
  private layout: TableLayout | null = null;

  constructor(
    private readonly settings: ScanSettings,
    private readonly dateSystem: DateSystem = '1900',
    private readonly searchRows: number = HEADER_SEARCH_ROWS,
  ) {}

  /** The header, once decided; null before, or when the rows have none. */
  get header(): FoundHeader | null {
    return this.found;
  }

  /** Takes the next row (rows come in sheet order) and appends what is now known to `out`. */
  push(sheetRow: number, values: readonly CellValue[], payload: P, out: Array<TableEvent<P>>): void {
    const row: TableRow<P> = { sheetRow, values, payload };
    if (this.pending) {
      if (sheetRow <= this.searchRows) {
        this.pending.push(row);
        return;
      }
      this.decide(out);
    }
    this.emit(row, out);
  }

  /** The rows are over: decides the header if still open and flushes what was held back. */
  end(out: Array<TableEvent<P>>): void {
    if (this.pending) this.decide(out);
  }

  private decide(out: Array<TableEvent<P>>): void {
    const rows = this.pending ?? [];
    this.pending = null;
    const match = findHeaderRow(rows.map((row) => row.values), this.searchRows);
    if (match) {
      const width = rows.reduce((most, row) => Math.max(most, row.values.length), 0);
      this.found = { sheetRow: rows[match.index].sheetRow, columns: match.columns, width };
      this.layout = { columns: match.columns, firstColumn: 0, dateSystem: this.dateSystem };
    }
    rows.forEach((row, index) => {
      if (match && index === match.index) out.push({ kind: 'header', row });
      else if (match && index < match.index) out.push({ kind: 'above', row });
      else this.emit(row, out);
    });
  }

  private emit(row: TableRow<P>, out: Array<TableEvent<P>>): void {
    if (!this.layout) {
      out.push({ kind: 'above', row });
    } else if (isBlankRow(row.values)) {
      out.push({ kind: 'blank', row });
    } else {
      out.push({ kind: 'data', row, result: scanRow(row.values, row.sheetRow, this.layout, this.settings) });
    }
  }
}
