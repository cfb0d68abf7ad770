/**
 * A look at a workbook file before ExcelJS reads it: what kind of file it is, whether its zip
 * directory is whole, its sheets, and its date system. ExcelJS's own messages for a PNG, an
 * encrypted workbook or a truncated zip are stack traces; these are one sentence each.
 *
 * It also reads `date1904` itself: ExcelJS only takes `date1904="1"`, but LibreOffice writes
 * `date1904="true"`, and every date of such a workbook would move by 1,462 days.
 *
 * Browser-safe: the caller passes a random-access reader and an inflater.
 */
import { FileError } from './errors';

/** Reads `length` bytes at `offset` (fewer at the end of the file). */
export type ReadAt = (offset: number, length: number) => Promise<Uint8Array>;
/** Inflates raw deflate data (zip method 8). */
export type Inflate = (data: Uint8Array) => Promise<Uint8Array>;

export type FileKind = 'empty' | 'zip' | 'cfb' | 'other';

const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];
/** OLE compound file: encrypted .xlsx files and old .xls workbooks are stored in one. */
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return bytes.length >= signature.length && signature.every((byte, i) => bytes[i] === byte);
}

/** What the first bytes of a file say it is. */
export function fileKind(head: Uint8Array): FileKind {
  if (head.length === 0) return 'empty';
  if (startsWith(head, ZIP_LOCAL) || startsWith(head, ZIP_EMPTY)) return 'zip';
  if (startsWith(head, CFB)) return 'cfb';
  return 'other';
}

/** A short name for common non-workbook files, for the error message. */
export function describeOther(head: Uint8Array): string {
  const ascii = String.fromCharCode(...head.subarray(0, 8));
  if (ascii.startsWith('\x89PNG')) return 'a PNG image';
  if (ascii.startsWith('%PDF')) return 'a PDF document';
  if (head[0] === 0xff && head[1] === 0xd8) return 'a JPEG image';
  if (ascii.startsWith('GIF8')) return 'a GIF image';
  return 'not a zip file';
}

export interface ZipEntry {
  readonly name: string;
  readonly flags: number;
  readonly method: number;
  readonly crc32: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;

function u16(bytes: Uint8Array, at: number): number {
  return bytes[at] | (bytes[at + 1] << 8);
}

function u32(bytes: Uint8Array, at: number): number {
  return (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;
}

/**
 * The entries of a zip's central directory, or null when the directory uses zip64 (files over
 * 4 GB, which this look does not follow). Throws `damaged` when there is no directory: the file
 * was cut short.
 */
export async function readZipDirectory(read: ReadAt, size: number, label: string): Promise<ZipEntry[] | null> {
  const tailLength = Math.min(size, EOCD_SIZE + MAX_COMMENT);
  const tail = await read(size - tailLength, tailLength);
  let eocd = -1;
  for (let at = tail.length - EOCD_SIZE; at >= 0; at--) {
    if (u32(tail, at) === EOCD_SIGNATURE) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw new FileError('damaged', `${label} is damaged or cut short: its zip directory is missing`);
  const count = u16(tail, eocd + 10);
  const directorySize = u32(tail, eocd + 12);
  const directoryOffset = u32(tail, eocd + 16);
  if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) return null;
  if (directoryOffset + directorySize > size) throw new FileError('damaged', `${label} is damaged or cut short: its zip directory points past the end`);
  const directory = await read(directoryOffset, directorySize);
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder();
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > directory.length || u32(directory, at) !== CENTRAL_SIGNATURE) {
      throw new FileError('damaged', `${label} is damaged: its zip directory is unreadable`);
    }
    const nameLength = u16(directory, at + 28);
    const extraLength = u16(directory, at + 30);
    const commentLength = u16(directory, at + 32);
    entries.push({
      name: decoder.decode(directory.subarray(at + 46, at + 46 + nameLength)),
      flags: u16(directory, at + 8),
      method: u16(directory, at + 10),
      crc32: u32(directory, at + 16),
      compressedSize: u32(directory, at + 20),
      size: u32(directory, at + 24),
      localOffset: u32(directory, at + 42),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Where an entry's compressed data starts, from its local header. */
export async function entryDataOffset(read: ReadAt, entry: ZipEntry, label: string): Promise<number> {
  const local = await read(entry.localOffset, 30);
  if (local.length < 30 || u32(local, 0) !== LOCAL_SIGNATURE) throw new FileError('damaged', `${label} is damaged: the zip entry ${entry.name} is unreadable`);
  return entry.localOffset + 30 + u16(local, 26) + u16(local, 28);
}

/** The bytes of one entry (stored or deflated). */
export async function readZipEntry(read: ReadAt, entry: ZipEntry, inflate: Inflate, label: string): Promise<Uint8Array> {
  const start = await entryDataOffset(read, entry, label);
  const data = await read(start, entry.compressedSize);
  if (data.length < entry.compressedSize) throw new FileError('damaged', `${label} is damaged or cut short inside ${entry.name}`);
  if (entry.method === 0) return data;
  if (entry.method !== 8) throw new FileError('not-a-workbook', `${label} uses a zip compression that workbooks do not use (method ${entry.method})`);
  try {
    return await inflate(data);
  } catch (error) {
    if (error instanceof InflateUnavailable) throw error;
    throw new FileError('damaged', `${label} is damaged: ${entry.name} does not decompress`);
  }
}

export interface SheetEntry {
  readonly name: string;
  /** visible, hidden or veryHidden */
  readonly state: string;
  /** The relationship that names the sheet's part. */
  readonly rId?: string;
}

export interface WorkbookOutline {
  /** The workbook's date system as the file states it (`date1904="1"` or `"true"`). */
  readonly date1904: boolean;
  /** The sheets in the order the workbook lists them. */
  readonly sheets: readonly SheetEntry[];
  /** The zip entries, when the directory was read (not for zip64). */
  readonly entries?: readonly ZipEntry[];
  /** The worksheet parts in workbook order (`xl/worksheets/sheet1.xml` …), from the workbook's relationships. */
  readonly sheetParts?: readonly string[];
}

const WORKBOOK_PART = 'xl/workbook.xml';

/**
 * Checks that a zip is an .xlsx workbook and reads its outline from `xl/workbook.xml`. Null when
 * the zip is too big to look into (zip64) or the platform cannot inflate; ExcelJS then reads it on
 * its own (and a LibreOffice 1904 workbook's dates would be 1,462 days early).
 */
export async function inspectXlsx(read: ReadAt, size: number, inflate: Inflate, label: string): Promise<WorkbookOutline | null> {
  const entries = await readZipDirectory(read, size, label);
  if (!entries) return null;
  const workbook = entries.find((entry) => entry.name === WORKBOOK_PART);
  if (!workbook) throw notXlsx(entries, label);
  let xml: string;
  try {
    xml = new TextDecoder().decode(await readZipEntry(read, workbook, inflate, label));
  } catch (error) {
    // An older browser without DecompressionStream("deflate-raw"): ExcelJS reads the workbook alone.
    if (error instanceof InflateUnavailable) return null;
    throw error;
  }
  const outline = parseWorkbookXml(xml);
  const relsEntry = entries.find((entry) => entry.name === WORKBOOK_RELS_PART);
  const targets = relsEntry ? parseRelationships(new TextDecoder().decode(await readZipEntry(read, relsEntry, inflate, label))) : new Map<string, string>();
  const sheetParts = outline.sheets.map((sheet) => partPath(targets.get(sheet.rId ?? '') ?? ''));
  return { ...outline, entries, sheetParts };
}

export const WORKBOOK_RELS_PART = 'xl/_rels/workbook.xml.rels';

/** Relationship id → target, from a .rels part. */
export function parseRelationships(xml: string): Map<string, string> {
  const targets = new Map<string, string>();
  for (const match of xml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const found = attributes(match[0]);
    if (found.Id !== undefined && found.Target !== undefined) targets.set(found.Id, found.Target);
  }
  return targets;
}

/** A part path inside the zip from a target relative to xl/ (or absolute). */
function partPath(target: string): string {
  if (!target) return '';
  return target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
}

function notXlsx(entries: readonly ZipEntry[], label: string): FileError {
  const names = new Set(entries.map((entry) => entry.name.toLowerCase()));
  if (names.has('xl/workbook.bin')) return new FileError('not-a-workbook', `${label} is a binary .xlsb workbook: save it as .xlsx (Excel Workbook) and scan that`);
  if (names.has('content.xml') && names.has('mimetype')) return new FileError('not-a-workbook', `${label} is an OpenDocument file (.ods): save it as .xlsx and scan that`);
  if (names.has('word/document.xml')) return new FileError('not-a-workbook', `${label} is a Word document, not a workbook`);
  return new FileError('not-a-workbook', `${label} is a zip file but not an .xlsx workbook (it has no xl/workbook.xml)`);
}

const ATTRIBUTE = /([\w:]+)\s*=\s*("([^"]*)"|'([^']*)')/g;

function attributes(tag: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const match of tag.matchAll(ATTRIBUTE)) found[match[1].replace(/^\w+:/, '')] = decodeXml(match[3] ?? match[4] ?? '');
  return found;
}

function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (entity, body: string) => {
    const lower = body.toLowerCase();
    if (lower === 'amp') return '&';
    if (lower === 'lt') return '<';
    if (lower === 'gt') return '>';
    if (lower === 'quot') return '"';
    if (lower === 'apos') return "'";
    const code = lower.startsWith('#x') ? parseInt(lower.slice(2), 16) : parseInt(lower.slice(1), 10);
    return Number.isFinite(code) ? String.fromCodePoint(code) : entity;
  });
}

/** The outline of a workbook from the text of `xl/workbook.xml`. */
export function parseWorkbookXml(xml: string): WorkbookOutline {
  const properties = /<(?:\w+:)?workbookPr\b[^>]*>/.exec(xml);
  const flag = properties ? attributes(properties[0]).date1904 : undefined;
  const date1904 = flag === '1' || flag?.toLowerCase() === 'true';
  const sheets: SheetEntry[] = [];
  for (const match of xml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const found = attributes(match[0]);
    if (found.name !== undefined) sheets.push({ name: found.name, state: found.state ?? 'visible', rId: found.id });
  }
  return { date1904, sheets };
}

/** A {@link ReadAt} over bytes in memory. */
export function readFromBytes(bytes: Uint8Array): ReadAt {
  return async (offset, length) => bytes.subarray(Math.max(0, offset), Math.max(0, offset + length));
}

/** The platform cannot inflate raw deflate data (a browser older than 2023). */
export class InflateUnavailable extends Error {
  override readonly name = 'InflateUnavailable';
}

/** Inflates with the platform's DecompressionStream (Chromium 103+, Safari 16.4+, Firefox 113+, Node ≥ 18). */
export async function inflateWithStreams(data: Uint8Array): Promise<Uint8Array> {
  let decompress: DecompressionStream;
  try {
    decompress = new DecompressionStream('deflate-raw');
  } catch {
    throw new InflateUnavailable('DecompressionStream("deflate-raw") is not available');
  }
  const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(decompress);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
