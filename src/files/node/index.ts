/**
 * Workbook files on disk, for the CLI: scanned as they stream (a million rows in a bounded
 * amount of memory), and the annotated copy written to a temporary file that is renamed into
 * place only when complete. The input file is only ever opened for reading.
 */
import * as fs from 'node:fs';
import type { ScanRequest } from '../../scan';
import { copyInMemory } from '../copy';
import { StreamingSink } from '../exceljs';
import { runPipeline, type FileOutcome, type ScanListener, type WorkbookSource } from '../pipeline';
import { openPackage } from '../xlsx/package';
import { xlsxSource, type XlsxSourceOptions } from '../xlsx/source';
import { readFromBytes } from '../zip';
import { checkOutPath, writeAtomically, writeError } from './atomic';
import { csvFileSource } from './csv-file';
import { inflateWithZlib } from './inflate';
import { openInput, type InputFile } from './input';
import { LIMITS, type ReadLimits } from '../limits';

export { checkOutPath, removeTemporaryFiles, temporaryFiles, temporaryNameFor, writeAtomically } from './atomic';
export { inflateWithZlib } from './inflate';
export { openInput, type InputFile } from './input';

/** A scan of a file on disk: the request, and how the file is read and the copy written. */
export interface FileRequest extends ScanRequest {
  /** Smaller limits (tests); the CLI uses {@link LIMITS}. */
  readonly limits?: Partial<ReadLimits>;
  /** The copy: replace an existing output file. */
  readonly force?: boolean;
  /**
   * The copy: copied in memory (keeping merged cells, conditional formats …) up to this many
   * inflated bytes of XML; 0 always streams. Default: the limit's {@link ReadLimits.inMemoryCopyBytes}.
   */
  readonly inMemoryMaxBytes?: number;
}

/** The reading progress the listener hears, as the source reports it. */
function progressOptions(listener: ScanListener): XlsxSourceOptions {
  if (!listener.reading) return {};
  return {
    onSheetProgress: (sheet, fraction) => listener.reading!(fraction, `sheet "${sheet}"`),
    onStringsProgress: (fraction) => listener.reading!(fraction, 'shared strings'),
  };
}

function sourceOf(input: InputFile, options: XlsxSourceOptions): WorkbookSource {
  return input.format === 'csv' ? csvFileSource(input) : xlsxSource(input.package!, options);
}

function limitsOf(request: FileRequest): ReadLimits {
  return request.limits ? { ...LIMITS, ...request.limits } : LIMITS;
}

/** Scans a file, streaming; each result goes to the listener as it is read. */
export async function scanFile(filePath: string, request: FileRequest, listener: ScanListener = {}, label: string = filePath): Promise<FileOutcome> {
  const input = await openInput(filePath, label, limitsOf(request));
  try {
    return await runPipeline(sourceOf(input, progressOptions(listener)), request, listener);
  } finally {
    await input.close();
  }
}

/** All parts (images too) of a workbook copied in memory stay under this many times its XML limit. */
const IN_MEMORY_ALL_PARTS_FACTOR = 16;

/**
 * Scans a file and writes the annotated copy to `outPath` (.xlsx), atomically. A small workbook
 * is copied in memory when ExcelJS reads it as our reader does (src/files/copy.ts); others, and
 * CSV files, are streamed from our reader, in the input's date system.
 */
export async function annotateFile(
  filePath: string,
  outPath: string,
  request: FileRequest,
  listener: ScanListener = {},
  label: string = filePath,
): Promise<FileOutcome & { streamed: boolean }> {
  const limits = limitsOf(request);
  const input = await openInput(filePath, label, limits);
  try {
    try {
      checkOutPath(filePath, outPath, request.force ?? false);
    } catch (error) {
      throw writeError(error, outPath); // e.g. EACCES on the folder: one line, not "unexpected error"
    }
    const inMemoryMax = request.inMemoryMaxBytes ?? limits.inMemoryCopyBytes;
    const pkg = input.package;
    const tryInMemory = pkg !== null && inMemoryMax > 0 && pkg.xmlBytes <= inMemoryMax && pkg.allBytes <= IN_MEMORY_ALL_PARTS_FACTOR * limits.inMemoryCopyBytes;
    return await writeAtomically(outPath, request.force ?? false, async (temporary) => {
      if (tryInMemory) {
        const bytes = await input.read(0, input.size);
        const inMemory = xlsxSource(await openPackage(readFromBytes(bytes), bytes.length, inflateWithZlib, label, limits), { countMerges: true });
        const attempt = await copyInMemory(bytes, inMemory, request, listener, inMemoryMax);
        if (typeof attempt !== 'string') {
          await fs.promises.writeFile(temporary, attempt.bytes, { flag: 'wx' });
          return { ...attempt.outcome, streamed: false };
        }
      }
      const source = sourceOf(input, { keepCells: true, ...progressOptions(listener) });
      const file = fs.createWriteStream(temporary, { flags: 'wx' });
      try {
        const sink = new StreamingSink(file, source.dateSystem);
        const outcome = await runPipeline(source, request, listener, sink);
        await sink.finish();
        return { ...outcome, streamed: true };
      } catch (error) {
        // Closed before the temporary file is removed: a stream still opening would create it again.
        if (!file.closed) await new Promise<void>((resolve) => file.destroy().once('close', () => resolve()));
        throw error;
      }
    });
  } finally {
    await input.close();
  }
}
