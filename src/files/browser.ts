/**
 * Workbook files from bytes, for the task pane's file mode: the same scan and annotated copy as
 * the CLI, with no Node APIs (ExcelJS's in-memory reader and writer, the CSV parser), so webpack
 * can bundle it for a browser.
 */
import ExcelJS from 'exceljs';
import { POLICY } from '../rules';
import type { RowResult, ScanSummary } from '../scan';
import { decodeCsvBytes } from './csv';
import { detectFormat } from './detect';
import { FileError } from './errors';
import { csvTextSource, fixDateSystem, inPlaceSink, memoryWorkbookSource, newWorkbookSink } from './memory';
import { runPipeline, type PipelineOptions, type ScanOutcome, type WorkbookSink, type WorkbookSource } from './pipeline';
import { inflateWithStreams, inspectXlsx, readFromBytes, type Inflate } from './zip';

/** The pipeline's options, with the warning window optional (the policy's default). */
export type BytesScanOptions = Omit<PipelineOptions, 'warningDays'> & { readonly warningDays?: number };

export interface BytesScan {
  readonly sheet: string;
  readonly headerRow: number;
  readonly results: RowResult[];
  readonly summary: ScanSummary;
}

export const DEFAULT_WARNING_DAYS = POLICY.defaultWarningDays.value;

/** An opened file: a source for the pipeline, and the loaded workbook when it is an .xlsx. */
export interface OpenedBytes {
  readonly source: WorkbookSource;
  readonly workbook: ExcelJS.Workbook | null;
  readonly fileName: string;
}

/**
 * Opens workbook or CSV bytes. Throws {@link FileError} for an empty, encrypted, damaged or
 * unknown file.
 */
export async function openWorkbookBytes(bytes: Uint8Array, fileName: string, label: string = fileName, inflate: Inflate = inflateWithStreams): Promise<OpenedBytes> {
  const format = detectFormat(fileName, bytes.subarray(0, 8), label);
  if (format === 'csv') return { source: csvTextSource(decodeCsvBytes(bytes), fileName, label), workbook: null, fileName };
  const outline = await inspectXlsx(readFromBytes(bytes), bytes.length, inflate, label);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw new FileError('damaged', `${label} could not be read as a workbook: ${oneLine(error)}`);
  }
  fixDateSystem(workbook, outline?.date1904 ?? false);
  return { source: memoryWorkbookSource(workbook, label), workbook, fileName };
}

export function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0].slice(0, 200);
}

/** The options the pipeline needs, with the defaults filled in (shared by the Node entry points). */
export function pipelineOptions(options: BytesScanOptions) {
  return {
    asOf: options.asOf,
    warningDays: options.warningDays ?? DEFAULT_WARNING_DAYS,
    dateOrder: options.dateOrder ?? null,
    locale: options.locale ?? 'en',
    sheet: options.sheet ?? null,
    explain: options.explain ?? false,
  };
}

/** Scans a workbook (.xlsx) or CSV given as bytes. */
export async function scanWorkbookBytes(bytes: Uint8Array, fileName: string, options: BytesScanOptions): Promise<BytesScan> {
  const opened = await openWorkbookBytes(bytes, fileName);
  const results: RowResult[] = [];
  const outcome = await runPipeline(opened.source, pipelineOptions(options), { row: (result) => void results.push(result) });
  return { sheet: outcome.table.sheet, headerRow: outcome.table.headerRow, results, summary: outcome.summary };
}

/** The annotated copy of an opened file, as .xlsx bytes, with the scan that made it. */
export async function annotateOpened(opened: OpenedBytes, options: BytesScanOptions, listener: Parameters<typeof runPipeline>[2] = {}): Promise<{ bytes: Uint8Array; outcome: ScanOutcome }> {
  const workbook = opened.workbook ?? new ExcelJS.Workbook();
  const sink: WorkbookSink = opened.workbook ? inPlaceSink(workbook) : newWorkbookSink(workbook);
  const outcome = await runPipeline(opened.source, pipelineOptions(options), listener, sink);
  const buffer = await workbook.xlsx.writeBuffer();
  const bytes = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer as ArrayBuffer);
  return { bytes, outcome };
}

/**
 * The annotated copy of a workbook or CSV, as .xlsx bytes: status and deadline columns, rows
 * filled by status, and a summary sheet with the legend. The input bytes are not changed.
 */
export async function annotateWorkbookBytes(bytes: Uint8Array, fileName: string, options: BytesScanOptions): Promise<Uint8Array> {
  const opened = await openWorkbookBytes(bytes, fileName);
  return (await annotateOpened(opened, options)).bytes;
}

export { FileError } from './errors';
