/**
 * Workbook files on disk, for the CLI: .xlsx read with ExcelJS's streaming reader (a million rows
 * in well under 1 GB), CSV read in chunks, and the annotated copy written with the streaming
 * writer to a temporary file that is renamed into place only when complete. The input file is
 * only ever opened for reading.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { crc32, inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import type { Row, Style } from 'exceljs';
import type { CellValue, DateSystem } from '../rules';
import { ANNOTATION_COLUMNS } from './annotate';
import { annotateOpened, oneLine, openWorkbookBytes, pipelineOptions, type BytesScanOptions } from './browser';
import { rowValuesOf } from './cells';
import { csvDecoder, CsvParser, detectCsvDialect, sniffEncoding, DIALECT_SAMPLE_CHARS, type CsvRecord } from './csv';
import { detectFormat, HEAD_BYTES, type InputFormat } from './detect';
import { FileError } from './errors';
import { csvRecordsSource } from './memory';
import { runPipeline, type ScanListener, type ScanOutcome, type SheetSink, type SourceRow, type SourceSheet, type WorkbookSink, type WorkbookSource } from './pipeline';
import { entryDataOffset, inspectXlsx, WORKBOOK_RELS_PART, type ReadAt, type WorkbookOutline, type ZipEntry } from './zip';

export interface FileScanOptions extends BytesScanOptions {
  readonly warningDays: number;
}

/**
 * Copies of .xlsx files up to this size are made in memory, keeping merged cells, conditional
 * formats and the like. A workbook in memory costs about 0.5 GB per MB of zip (measured: 480 KB,
 * 10,000 rows: 284 MB peak; 2 MB: 885 MB), so larger files stream.
 */
export const IN_MEMORY_COPY_MAX_BYTES = 512 * 1024;

export async function inflateWithZlib(data: Uint8Array): Promise<Uint8Array> {
  return inflateRawSync(data);
}

function describeOpenError(error: unknown, label: string): FileError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new FileError('missing-file', `${label}: no such file`);
  if (code === 'EISDIR') return new FileError('missing-file', `${label} is a folder, not a file`);
  if (code === 'EACCES' || code === 'EPERM') return new FileError('missing-file', `${label} cannot be read (permission denied)`);
  return new FileError('missing-file', `${label} cannot be read: ${oneLine(error)}`);
}

export interface InputFile {
  readonly path: string;
  readonly label: string;
  readonly size: number;
  readonly format: InputFormat;
  readonly outline: WorkbookOutline | null;
}

/** Checks an input file and finds its format, before anything streams it. */
export async function inspectInput(filePath: string, label: string = filePath): Promise<InputFile> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(filePath, 'r');
  } catch (error) {
    throw describeOpenError(error, label);
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw new FileError('missing-file', `${label} is a folder, not a file`);
    const readAt: ReadAt = async (offset, length) => {
      const buffer = Buffer.alloc(Math.max(0, Math.min(length, stat.size - offset)));
      if (buffer.length === 0) return buffer;
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
      return buffer.subarray(0, bytesRead);
    };
    const format = detectFormat(path.basename(filePath), await readAt(0, HEAD_BYTES), label);
    const outline = format === 'xlsx' ? await inspectXlsx(readAt, stat.size, inflateWithZlib, label) : null;
    return { path: filePath, label, size: stat.size, format, outline };
  } catch (error) {
    if (error instanceof FileError) throw error;
    throw describeOpenError(error, label);
  } finally {
    await handle.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Streaming .xlsx

interface StreamedWorksheet extends AsyncIterable<Row> {
  readonly name: string;
  readonly state?: string;
  readonly columns: Array<{ width?: number }> | null;
}

interface ReaderInternals {
  properties?: { model?: { date1904?: boolean } };
}

/**
 * One empty style object for every unstyled cell of a copy. ExcelJS's writer remembers styles by
 * object: a fresh `{}` per cell would be registered a million times (and weigh on the garbage
 * collector), the shared one once.
 */
const NO_STYLE: Partial<Style> = {};

/** Whether a style sets nothing (ExcelJS styles have only these six parts). */
function isEmptyStyle(style: Partial<Style> | undefined): boolean {
  return !style || !(style.numFmt || style.font || style.fill || style.border || style.alignment || style.protection);
}

/**
 * A streamed row: its values for the scan, and a copy of its cells into the annotated workbook.
 * A class, not a closure per row: a million rows would otherwise make a million functions.
 */
class StreamedRow implements SourceRow {
  readonly number: number;
  readonly values: readonly CellValue[];

  constructor(
    private readonly row: Row,
    system: DateSystem,
  ) {
    this.number = row.number;
    this.values = rowValuesOf(row, system);
  }

  /** Copies the cells; `{ formula: '' }` (a shared formula's follower) keeps its value. */
  copyTo(target: Row, shiftFrom: number): boolean {
    const source = this.row;
    let moved = false;
    for (let column = 1, count = source.cellCount; column <= count; column++) {
      const cell = source.findCell(column);
      if (!cell) continue;
      const value = cell.value;
      const styled = !isEmptyStyle(cell.style);
      if ((value === null || value === undefined) && !styled) continue;
      let to = column;
      if (column >= shiftFrom) {
        to = column + ANNOTATION_COLUMNS;
        moved = true;
      }
      const out = target.getCell(to);
      if (value !== null && value !== undefined) {
        out.value = typeof value === 'object' && 'formula' in value && !value.formula ? ((value as { result?: unknown }).result as typeof value) ?? null : value;
      }
      out.style = styled ? cell.style : NO_STYLE;
    }
    if (source.height) target.height = source.height;
    if (source.hidden) target.hidden = true;
    return moved;
  }
}

const SHARED_STRINGS_PART = 'xl/sharedStrings.xml';
/** The parts ExcelJS's streaming reader must see before any worksheet. */
const PARTS_FIRST = [WORKBOOK_RELS_PART, 'xl/workbook.xml', SHARED_STRINGS_PART, 'xl/styles.xml'];
const WORKSHEET_PART = /^xl\/worksheets\/sheet(\d+)\.xml$/;
const EMPTY_SHARED_STRINGS = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>',
);
const COPY_CHUNK = 1 << 20;

/** A part of the zip to pass on: an entry of the file, or made here (an empty shared-strings part). */
type Part = { readonly entry: ZipEntry } | { readonly name: string; readonly data: Buffer };

/**
 * The workbook's zip as ExcelJS's streaming reader should see it: the workbook, its relationships,
 * shared strings and styles first, then the worksheets in workbook order, each copied as it is
 * (still compressed; nothing is unpacked or held in memory), and nothing else.
 *
 * Why: ExcelJS 4.4 reads the zip in one pass, in stored order. Most writers (Excel, LibreOffice,
 * ExcelJS itself) store worksheets before the shared strings or the workbook part, so ExcelJS
 * parks each worksheet in a temporary file until the end, and that path sometimes loses the last
 * entries of the zip (exceljs issue #3064: "Cannot read properties of undefined (reading
 * 'sheets')", or worksheets silently missing). In this order every worksheet streams straight
 * through, and a workbook without shared strings gets an empty part so that it does too.
 */
async function* orderedZip(input: InputFile, entries: readonly ZipEntry[], sheetParts: readonly string[]): AsyncGenerator<Uint8Array> {
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  const parts: Part[] = [];
  for (const name of PARTS_FIRST) {
    const entry = byName.get(name);
    if (entry) parts.push({ entry });
    else if (name === SHARED_STRINGS_PART) parts.push({ name, data: EMPTY_SHARED_STRINGS });
  }
  const sheets = new Set(sheetParts.filter((name) => byName.has(name) && WORKSHEET_PART.test(name)));
  const others = entries
    .filter((entry) => WORKSHEET_PART.test(entry.name) && !sheets.has(entry.name))
    .sort((a, b) => Number(WORKSHEET_PART.exec(a.name)![1]) - Number(WORKSHEET_PART.exec(b.name)![1]));
  for (const name of sheets) parts.push({ entry: byName.get(name)! });
  for (const entry of others) parts.push({ entry });

  const handle = await fs.promises.open(input.path, 'r');
  const readAt: ReadAt = async (offset, length) => {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, offset);
    return buffer.subarray(0, bytesRead);
  };
  try {
    const central: Buffer[] = [];
    let offset = 0;
    for (const part of parts) {
      const name = Buffer.from('entry' in part ? part.entry.name : part.name);
      const data = 'data' in part ? part.data : null;
      const entry = 'entry' in part ? part.entry : null;
      const fields = {
        // Bit 3 (sizes after the data) is cleared: the sizes are known and written here. Bit 11 (UTF-8 names) stays.
        flags: (entry?.flags ?? 0) & 0x0800,
        method: entry?.method ?? 0,
        crc32: entry?.crc32 ?? crc32(data!),
        compressedSize: entry?.compressedSize ?? data!.length,
        size: entry?.size ?? data!.length,
      };
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt16LE(fields.flags, 6);
      local.writeUInt16LE(fields.method, 8);
      local.writeUInt16LE(0x21, 12); // 1980-01-01
      local.writeUInt32LE(fields.crc32, 14);
      local.writeUInt32LE(fields.compressedSize, 18);
      local.writeUInt32LE(fields.size, 22);
      local.writeUInt16LE(name.length, 26);
      yield Buffer.concat([local, name]);
      if (data) {
        yield data;
      } else {
        const start = await entryDataOffset(readAt, entry!, input.label);
        for (let done = 0; done < fields.compressedSize; done += COPY_CHUNK) {
          const chunk = await readAt(start + done, Math.min(COPY_CHUNK, fields.compressedSize - done));
          if (chunk.length === 0) throw new FileError('damaged', `${input.label} is damaged or cut short inside ${entry!.name}`);
          yield chunk;
        }
      }
      const header = Buffer.alloc(46);
      header.writeUInt32LE(0x02014b50, 0);
      header.writeUInt16LE(20, 4);
      header.writeUInt16LE(20, 6);
      header.writeUInt16LE(fields.flags, 8);
      header.writeUInt16LE(fields.method, 10);
      header.writeUInt16LE(0x21, 14);
      header.writeUInt32LE(fields.crc32, 16);
      header.writeUInt32LE(fields.compressedSize, 20);
      header.writeUInt32LE(fields.size, 24);
      header.writeUInt16LE(name.length, 28);
      header.writeUInt32LE(offset, 42);
      central.push(header, name);
      offset += 30 + name.length + fields.compressedSize;
    }
    const directory = Buffer.concat(central);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(parts.length, 8);
    end.writeUInt16LE(parts.length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(offset, 16);
    yield Buffer.concat([directory, end]);
  } finally {
    await handle.close();
  }
}

/** The byte stream ExcelJS's streaming reader gets for an .xlsx: re-ordered when the zip directory could be read. */
export function xlsxReadStream(input: InputFile): Readable {
  const outline = input.outline;
  if (outline?.entries) return Readable.from(orderedZip(input, outline.entries, outline.sheetParts ?? []), { objectMode: false });
  return fs.createReadStream(input.path, { highWaterMark: 1 << 20 });
}

function streamingXlsxSource(input: InputFile): WorkbookSource {
  const system: DateSystem = input.outline?.date1904 ? '1904' : '1900';
  const label = input.label;
  const states = new Map((input.outline?.sheets ?? []).map((sheet) => [sheet.name, sheet.state]));
  return {
    label,
    format: 'xlsx',
    dateSystem: system,
    sheetNames: input.outline ? input.outline.sheets.map((sheet) => sheet.name) : null,
    async *sheets() {
      const outline = input.outline;
      const stream = xlsxReadStream(input);
      const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
      const iterator = (reader as unknown as AsyncIterable<StreamedWorksheet>)[Symbol.asyncIterator]();
      let read = 0;
      try {
        for (;;) {
          let next: IteratorResult<StreamedWorksheet>;
          try {
            next = await iterator.next();
          } catch (error) {
            throw readError(error, label);
          }
          if (next.done) break;
          const worksheet = next.value;
          // ExcelJS reads date1904="1" only; the file's own statement (also "true") decides.
          const internals = reader as unknown as ReaderInternals;
          internals.properties ??= {};
          internals.properties.model = { ...(internals.properties.model ?? {}), date1904: system === '1904' };
          const state = worksheet.state ?? states.get(worksheet.name) ?? 'visible';
          const sheet: SourceSheet = {
            name: worksheet.name,
            hidden: state !== 'visible',
            rows: () => streamedRows(worksheet, system, label),
            columnWidths: () => (worksheet.columns ?? []).map((column) => column?.width),
            drain: async () => {
              try {
                for await (const events of (worksheet as unknown as WorksheetInternals).parse()) void events;
              } catch (error) {
                throw readError(error, label);
              }
            },
          };
          read++;
          yield sheet;
        }
        // A worksheet that never came is a damaged read, never a silently shorter workbook.
        const expected = outline?.entries?.filter((entry) => WORKSHEET_PART.test(entry.name)).length;
        if (expected !== undefined && read < expected) {
          throw new FileError('damaged', `${label} could not be read completely: ${read} of its ${expected} worksheets came through`);
        }
      } finally {
        stream.destroy();
      }
    },
  };
}

interface WorksheetInternals {
  /** ExcelJS's own parser: batches of events, many rows at a time. */
  parse(): AsyncIterable<Array<{ eventType: string; value: unknown }>>;
}

async function* streamedRows(worksheet: StreamedWorksheet, system: DateSystem, label: string): AsyncIterable<SourceRow[]> {
  const iterator = (worksheet as unknown as WorksheetInternals).parse()[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<Array<{ eventType: string; value: unknown }>>;
    try {
      next = await iterator.next();
    } catch (error) {
      throw readError(error, label);
    }
    if (next.done) return;
    const batch: SourceRow[] = [];
    for (const event of next.value) {
      if (event.eventType !== 'row') continue;
      batch.push(new StreamedRow(event.value as Row, system));
    }
    if (batch.length) yield batch;
  }
}

function readError(error: unknown, label: string): FileError {
  if (error instanceof FileError) return error;
  return new FileError('damaged', `${label} could not be read as a workbook (damaged or cut short?): ${oneLine(error)}`);
}

// ---------------------------------------------------------------------------------------------
// CSV from disk

async function* csvFileRecords(input: InputFile): AsyncIterable<CsvRecord[]> {
  const stream = fs.createReadStream(input.path, { highWaterMark: 1 << 20 });
  let decoder: TextDecoder | null = null;
  let parser: CsvParser | null = null;
  let head = '';
  const start = (text: string): string => {
    const dialect = detectCsvDialect(text);
    parser = new CsvParser(dialect.delimiter, dialect.firstLine);
    return text.slice(dialect.skip);
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      decoder ??= csvDecoder(sniffEncoding(chunk));
      let text = decoder.decode(chunk, { stream: true });
      if (!parser) {
        head += text;
        if (head.length < DIALECT_SAMPLE_CHARS) continue;
        text = start(head);
        head = '';
      }
      const records: CsvRecord[] = [];
      (parser as unknown as CsvParser).push(text, records);
      if (records.length) yield records;
    }
    let rest = decoder ? decoder.decode() : '';
    if (!parser) rest = start(head + rest);
    const records: CsvRecord[] = [];
    (parser as unknown as CsvParser).push(rest, records);
    (parser as unknown as CsvParser).end(records);
    if (records.length) yield records;
  } finally {
    stream.destroy();
  }
}

function csvFileSource(input: InputFile): WorkbookSource {
  return csvRecordsSource(() => csvFileRecords(input), path.basename(input.path), input.label);
}

// ---------------------------------------------------------------------------------------------
// Streaming writer

type StreamingWorkbookWriter = InstanceType<typeof ExcelJS.stream.xlsx.WorkbookWriter>;

class StreamingSink implements WorkbookSink {
  readonly inPlace = false;
  /** ExcelJS's streaming writer writes 1900-system workbooks only; dates are converted on the way. */
  readonly dateSystem = '1900' as const;
  private readonly writer: StreamingWorkbookWriter;
  private readonly file: fs.WriteStream;
  /** Rejects when the file cannot be written (disk full, no permission …): never an unhandled error event. */
  private readonly failed: Promise<never>;
  private readonly names: string[] = [];

  constructor(filename: string) {
    this.file = fs.createWriteStream(filename, { flags: 'wx' });
    this.failed = new Promise<never>((_, reject) => this.file.once('error', reject));
    this.failed.catch(() => undefined);
    this.writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: this.file, useStyles: true, useSharedStrings: false });
  }

  openSheet(source: SourceSheet): SheetSink {
    const sheet = this.writer.addWorksheet(source.name, source.hidden ? { state: 'hidden' } : {});
    this.names.push(source.name);
    (source.columnWidths?.() ?? []).forEach((width, i) => {
      if (width) sheet.getColumn(i + 1).width = width;
    });
    return { row: (number) => sheet.getRow(number), commit: (row) => row.commit(), worksheet: sheet, close: () => sheet.commit() };
  }

  addSheet(name: string) {
    this.names.push(name);
    return this.writer.addWorksheet(name);
  }

  sheetNames(): string[] {
    return [...this.names];
  }

  closeSheets(): void {}

  /** Commits the workbook and waits until the file is written (ExcelJS waits for the stream's finish). */
  async finish(): Promise<void> {
    await Promise.race([this.writer.commit(), this.failed]);
  }
}

// ---------------------------------------------------------------------------------------------
// Output path and atomic write

/** Temporary files being written, removed if the process is interrupted. */
export const temporaryFiles = new Set<string>();

export function removeTemporaryFiles(): void {
  for (const file of temporaryFiles) {
    try {
      fs.unlinkSync(file);
    } catch {
      // Already gone.
    }
  }
  temporaryFiles.clear();
}

function sameFile(a: fs.Stats, b: fs.Stats): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

/**
 * Refuses an output that would overwrite the input (same path after links, or the same file by
 * inode), that exists without `force`, that is not .xlsx, or whose folder is missing.
 */
export function checkOutPath(inputPath: string | null, outPath: string, force: boolean): void {
  if (!/\.xlsx$/i.test(outPath)) throw new FileError('bad-out', `--out ${outPath}: the copy is an .xlsx workbook, so its name must end in .xlsx`);
  const folder = path.dirname(path.resolve(outPath));
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) throw new FileError('bad-out', `--out ${outPath}: the folder ${folder} does not exist`);
  const outStat = fs.statSync(outPath, { throwIfNoEntry: false });
  if (inputPath !== null) {
    const inputReal = fs.realpathSync(inputPath);
    const inputStat = fs.statSync(inputReal);
    const outReal = outStat ? fs.realpathSync(outPath) : path.join(fs.realpathSync(folder), path.basename(outPath));
    if (outReal === inputReal || (outStat && sameFile(outStat, inputStat))) {
      throw new FileError('out-is-input', `--out ${outPath} is the input file: the copy never overwrites its input (even with --force)`);
    }
  }
  if (outStat?.isDirectory()) throw new FileError('bad-out', `--out ${outPath} is a folder`);
  if (outStat && !force) throw new FileError('out-exists', `--out ${outPath} already exists: pass --force to replace it`);
}

/**
 * Writes a file through a temporary file in the same folder, moved into place only when
 * complete: an interrupted run leaves no half-written file under the final name. Without
 * `force`, a file that appeared meanwhile is not replaced.
 */
export async function writeAtomically(outPath: string, force: boolean, write: (temporaryPath: string) => Promise<void>): Promise<void> {
  const folder = path.dirname(path.resolve(outPath));
  const temporary = path.join(folder, `.${path.basename(outPath)}.${process.pid}-${randomBytes(4).toString('hex')}.partial`);
  temporaryFiles.add(temporary);
  try {
    try {
      await write(temporary);
    } catch (error) {
      throw writeError(error, outPath);
    }
    try {
      placeFile(temporary, outPath, force);
    } catch (error) {
      // A target open in Excel (EPERM, EBUSY) or a read-only folder: one line, not "unexpected error".
      throw writeError(error, outPath);
    }
  } finally {
    try {
      fs.unlinkSync(temporary);
    } catch {
      // Renamed into place, or never created.
    }
    temporaryFiles.delete(temporary);
  }
}

/** A file-system failure while writing the copy (no permission, disk full …) as a one-line error. */
/** Moves the finished copy into place; without `force` a file that appeared meanwhile is kept. */
function placeFile(temporary: string, outPath: string, force: boolean): void {
  if (force) {
    fs.renameSync(temporary, outPath);
    return;
  }
  try {
    fs.linkSync(temporary, outPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new FileError('out-exists', `--out ${outPath} already exists: pass --force to replace it`);
    // File systems without hard links: check, then rename.
    if (fs.existsSync(outPath)) throw new FileError('out-exists', `--out ${outPath} already exists: pass --force to replace it`);
    fs.renameSync(temporary, outPath);
  }
}

function writeError(error: unknown, outPath: string): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (error instanceof FileError || typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) return error;
  return new FileError('bad-out', `--out ${outPath} cannot be written (${code}): ${oneLine(error)}`);
}

// ---------------------------------------------------------------------------------------------
// The two entry points

export function sourceOf(input: InputFile): WorkbookSource {
  return input.format === 'csv' ? csvFileSource(input) : streamingXlsxSource(input);
}

/** Scans a file, streaming; each result goes to the listener as it is read. */
export async function scanFile(filePath: string, options: FileScanOptions, listener: ScanListener = {}, label: string = filePath): Promise<ScanOutcome> {
  const input = await inspectInput(filePath, label);
  return runPipeline(sourceOf(input), pipelineOptions(options), listener);
}

export interface AnnotateFileOptions extends FileScanOptions {
  /** Replace an existing output file. */
  readonly force?: boolean;
  /** Copy in memory up to this input size (keeps more of the workbook); larger files stream. */
  readonly inMemoryMaxBytes?: number;
}

/**
 * Scans a file and writes the annotated copy to `outPath` (.xlsx), atomically. Small .xlsx files
 * are copied in memory like the task pane does; large ones and CSV files stream.
 */
export async function annotateFile(
  filePath: string,
  outPath: string,
  options: AnnotateFileOptions,
  listener: ScanListener = {},
  label: string = filePath,
): Promise<ScanOutcome & { streamed: boolean }> {
  const input = await inspectInput(filePath, label);
  try {
    checkOutPath(filePath, outPath, options.force ?? false);
  } catch (error) {
    throw writeError(error, outPath); // e.g. EACCES on the folder: one line, not "unexpected error"
  }
  const inMemory = input.format === 'xlsx' && input.outline !== null && input.size <= (options.inMemoryMaxBytes ?? IN_MEMORY_COPY_MAX_BYTES);
  let outcome: ScanOutcome | null = null;
  await writeAtomically(outPath, options.force ?? false, async (temporary) => {
    if (inMemory) {
      const bytes = await fs.promises.readFile(filePath);
      const opened = await openWorkbookBytes(bytes, path.basename(filePath), label, inflateWithZlib);
      const copy = await annotateOpened(opened, pipelineOptions(options), listener);
      outcome = copy.outcome;
      await fs.promises.writeFile(temporary, copy.bytes, { flag: 'wx' });
    } else {
      const sink = new StreamingSink(temporary);
      outcome = await runPipeline(sourceOf(input), pipelineOptions(options), listener, sink);
      await sink.finish();
    }
  });
  return { ...(outcome as unknown as ScanOutcome), streamed: !inMemory };
}
