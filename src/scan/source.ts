/**
 * What the task pane scans: the open Excel sheet or a workbook file picked in a plain browser.
 * Both implement this, so the pane's UI code is the same in Excel and outside it.
 */
import type { Field } from '../rules';
import type { ListedOutcome, ScanTable } from './outcome';
import type { ScanRequest, ScanSettings } from './settings';

/** The table the pane scans; its `columns` are the mapping found by the aliases, then the user's saved changes applied. */
export interface ScanTarget extends ScanTable {
  /** The address the pane shows ("Sheet1!A3:K40" or the file name). */
  readonly address: string;
  /** The header texts, in sheet order, for the column-mapping controls. */
  readonly headers: readonly string[];
  readonly dataRows: number;
}

export interface ScanProgress {
  readonly rowsDone: number;
  readonly rowsTotal: number;
}

/** A user-facing failure the pane shows as a message (protected sheet, no header, …). */
export class ScanProblem extends Error {
  constructor(readonly code: ScanProblemCode, readonly detail: string = '') {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'ScanProblem';
  }
}

export type ScanProblemCode =
  | 'empty-sheet'
  | 'no-header'
  | 'merged-header'
  | 'protected-sheet'
  | 'filtered'
  | 'canceled'
  | 'unreadable-file'
  | 'too-big';

export interface ScanSource {
  /** Finds the table and maps its columns; throws ScanProblem when it cannot. */
  locate(): Promise<ScanTarget>;
  /** Saves the user's mapping change (per sheet, in the workbook for Excel). */
  saveMapping(target: ScanTarget, field: Field, column: number | null): Promise<ScanTarget>;
  /** Scans and (in Excel) writes the Status columns and highlights; never writes a cell the user owns. */
  scan(target: ScanTarget, request: ScanRequest, onProgress: (progress: ScanProgress) => void, signal: AbortSignal): Promise<ListedOutcome<ScanTarget>>;
  /** Removes exactly what the scan added. Excel only. */
  clear?(): Promise<void>;
  /** Selects a sheet row in Excel. */
  selectRow?(sheetRow: number): Promise<void>;
  /** The annotated workbook to download. File mode only. */
  annotated?(settings: ScanSettings): Promise<{ fileName: string; bytes: Uint8Array }>;
}
