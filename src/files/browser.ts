/**
 * Workbook files from bytes, for the task pane's file mode (and, later, a Web Worker): the same
 * reader, scan and annotated copy as the CLI, with no Node APIs. The inflater is injected: the
 * platform's DecompressionStream by default.
 */
import type { ListedOutcome, RowResult, ScanRequest } from '../scan';
import { copyInMemory } from './copy';
import { decodeCsvBytes } from './csv';
import { detectFormat } from './detect';
import { newWorkbookSink, workbookBytes } from './exceljs';
import { FileError } from './errors';
import { LIMITS, type ReadLimits } from './limits';
import { csvTextSource } from './memory';
import { runPipeline, type FileOutcome, type ScanListener, type TableInfo, type WorkbookSource } from './pipeline';
import { openPackage } from './xlsx/package';
import { xlsxSource, type XlsxSource } from './xlsx/source';
import { inflateWithStreams, readFromBytes, type InflateRaw } from './zip';

/** How bytes are read: the inflater, and the limits (tests pass smaller ones). */
export interface BytesReading {
  readonly inflate?: InflateRaw;
  readonly limits?: ReadLimits;
}

/** An opened file: a source for the pipeline, and what the copy needs. */
export interface OpenedBytes {
  readonly source: WorkbookSource;
  readonly fileName: string;
  readonly label: string;
  readonly format: 'xlsx' | 'csv';
  readonly bytes: Uint8Array;
  /** Rows a sheet says it has (its dimension), once it has been read; 0 when unknown. */
  rowCountOf(sheet: string): number;
  /** Opens the same file again for another pass (the copy reads it again). */
  reopen(options?: { keepCells?: boolean; countMerges?: boolean }): Promise<WorkbookSource>;
}

async function openXlsx(bytes: Uint8Array, label: string, reading: BytesReading, options: { keepCells?: boolean; countMerges?: boolean }): Promise<XlsxSource> {
  const pkg = await openPackage(readFromBytes(bytes), bytes.length, reading.inflate ?? inflateWithStreams, label, reading.limits ?? LIMITS);
  return xlsxSource(pkg, options);
}

/**
 * Opens workbook or CSV bytes. Throws {@link FileError} for an empty, encrypted, damaged or
 * unknown file, or one past a limit. The bytes are never changed.
 */
export async function openWorkbookBytes(bytes: Uint8Array, fileName: string, label: string = fileName, reading: BytesReading = {}): Promise<OpenedBytes> {
  const format = detectFormat(fileName, bytes.subarray(0, 8), label);
  const limits = reading.limits ?? LIMITS;
  if (format === 'csv') {
    const open = () => csvTextSource(decodeCsvBytes(bytes, label), fileName, label, limits);
    return { source: open(), fileName, label, format, bytes, rowCountOf: () => 0, reopen: async () => open() };
  }
  const source = await openXlsx(bytes, label, reading, {});
  return {
    source,
    fileName,
    label,
    format,
    bytes,
    rowCountOf: (sheet) => source.facts.get(sheet)?.dimensionRows ?? 0,
    reopen: (options = {}) => openXlsx(bytes, label, reading, options),
  };
}

export function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0].slice(0, 200);
}

/** Scans a workbook (.xlsx) or CSV given as bytes. */
export async function scanWorkbookBytes(bytes: Uint8Array, fileName: string, request: ScanRequest, reading: BytesReading = {}): Promise<ListedOutcome<TableInfo>> {
  const opened = await openWorkbookBytes(bytes, fileName, fileName, reading);
  const results: RowResult[] = [];
  const outcome = await runPipeline(opened.source, request, { row: (result) => void results.push(result) });
  return { ...outcome, results, omitted: 0 };
}

/**
 * The annotated copy of an opened file, as .xlsx bytes, with the scan that made it: in memory by
 * ExcelJS when that is safe (src/files/copy.ts), else rebuilt from our reader into a new workbook.
 */
async function annotateOpened(opened: OpenedBytes, request: ScanRequest, listener: ScanListener = {}): Promise<{ bytes: Uint8Array; outcome: FileOutcome }> {
  if (opened.format === 'xlsx') {
    const attempt = await copyInMemory(opened.bytes, (await opened.reopen({ countMerges: true })) as XlsxSource, request, listener);
    if (typeof attempt !== 'string') return attempt;
  }
  const source = await opened.reopen({ keepCells: true });
  const { sink, workbook } = newWorkbookSink(source.dateSystem);
  const outcome = await runPipeline(source, request, listener, sink);
  const bytes = await workbookBytes(workbook);
  if (!bytes) throw new FileError('bad-out', `${opened.label}: the annotated copy could not be written`);
  return { bytes, outcome };
}

/**
 * The annotated copy of a workbook or CSV, as .xlsx bytes: status and deadline columns, rows
 * filled by status, and a summary sheet with the legend. The input bytes are not changed.
 */
export async function annotateWorkbookBytes(bytes: Uint8Array, fileName: string, request: ScanRequest, reading: BytesReading = {}): Promise<Uint8Array> {
  const opened = await openWorkbookBytes(bytes, fileName, fileName, reading);
  return (await annotateOpened(opened, request)).bytes;
}

export { FileError } from './errors';
