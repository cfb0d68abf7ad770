/**
 * The zip container of an .xlsx: what kind of file it is from its first bytes, its directory
 * (zip64 included), and each part's bytes as they inflate, within the limits. Random access
 * through {@link ReadAt}, inflating through an injected {@link InflateRaw} (node's zlib, or the
 * browser's DecompressionStream), so nothing here needs Node. APPNOTE.TXT 6.3 is the format.
 */
import { FileError } from './errors';
import { bytes as showBytes, count, limitError, type ReadLimits } from './limits';

/** Reads `length` bytes at `offset` (fewer at the end of the file). */
export type ReadAt = (offset: number, length: number) => Promise<Uint8Array>;
/** Inflates raw deflate data (zip method 8) as it streams: packed chunks in, inflated chunks out. */
export type InflateRaw = (packed: AsyncIterable<Uint8Array>) => AsyncIterable<Uint8Array>;

export type FileKind = 'empty' | 'zip' | 'cfb' | 'other';

const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];
/** OLE compound file: encrypted .xlsx files and old .xls workbooks are stored in one. */
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(head: Uint8Array, signature: readonly number[]): boolean {
  return head.length >= signature.length && signature.every((byte, i) => head[i] === byte);
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
  /** The part name as stored (a leading "/" and backslashes made into a plain part name). */
  readonly name: string;
  readonly flags: number;
  readonly method: number;
  readonly crc32: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_SIZE = 22;
const ZIP64_LOCATOR_SIZE = 20;
const MAX_COMMENT = 0xffff;
const ZIP64_EXTRA = 0x0001;
/** A directory bigger than this is not a workbook's (100,000 entries with long names fit easily). */
const MAX_DIRECTORY_BYTES = 64 * 1024 * 1024;

function u16(data: Uint8Array, at: number): number {
  return data[at] | (data[at + 1] << 8);
}

function u32(data: Uint8Array, at: number): number {
  return (data[at] | (data[at + 1] << 8) | (data[at + 2] << 16) | (data[at + 3] << 24)) >>> 0;
}

function u64(data: Uint8Array, at: number): number {
  return u32(data, at) + u32(data, at + 4) * 0x1_0000_0000;
}

function damaged(label: string, why: string): FileError {
  return new FileError('damaged', `${label} is damaged${why}`);
}

/** A part name as OPC means it: no leading "/", forward slashes. */
function partName(stored: string): string {
  return stored.replace(/\\/g, '/').replace(/^\/+/, '');
}

/**
 * The entries of a zip's central directory, zip64 or not. Throws `damaged` when there is no
 * directory (the file was cut short) or it points outside the file.
 */
export async function readZipDirectory(read: ReadAt, size: number, label: string, limits: ReadLimits): Promise<ZipEntry[]> {
  const tailLength = Math.min(size, EOCD_SIZE + MAX_COMMENT + ZIP64_LOCATOR_SIZE);
  const tailStart = size - tailLength;
  const tail = await read(tailStart, tailLength);
  let eocd = -1;
  for (let at = tail.length - EOCD_SIZE; at >= 0; at--) {
    if (u32(tail, at) === EOCD_SIGNATURE) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw damaged(label, ' or cut short: its zip directory is missing');
  let entryCount = u16(tail, eocd + 10);
  let directorySize = u32(tail, eocd + 12);
  let directoryOffset = u32(tail, eocd + 16);
  if (entryCount === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    // zip64: the locator sits right before the end record and points at the zip64 end record.
    const locator = eocd - ZIP64_LOCATOR_SIZE;
    if (locator < 0 || u32(tail, locator) !== ZIP64_LOCATOR_SIGNATURE) throw damaged(label, ': its zip64 directory locator is missing');
    const recordOffset = u64(tail, locator + 8);
    const record = await read(recordOffset, 56);
    if (record.length < 56 || u32(record, 0) !== ZIP64_EOCD_SIGNATURE) throw damaged(label, ': its zip64 directory record is unreadable');
    entryCount = u64(record, 32);
    directorySize = u64(record, 40);
    directoryOffset = u64(record, 48);
  }
  if (entryCount > limits.zipEntries) throw limitError(label, `its zip holds ${count(entryCount)} entries (more than ${count(limits.zipEntries)})`);
  if (directorySize > MAX_DIRECTORY_BYTES) throw limitError(label, `its zip directory takes ${showBytes(directorySize)} (more than ${showBytes(MAX_DIRECTORY_BYTES)})`);
  if (directoryOffset + directorySize > size) throw damaged(label, ' or cut short: its zip directory points past the end');
  const directory = await read(directoryOffset, directorySize);
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder();
  let at = 0;
  for (let i = 0; i < entryCount; i++) {
    if (at + 46 > directory.length || u32(directory, at) !== CENTRAL_SIGNATURE) throw damaged(label, ': its zip directory is unreadable');
    const nameLength = u16(directory, at + 28);
    const extraLength = u16(directory, at + 30);
    const commentLength = u16(directory, at + 32);
    let compressedSize = u32(directory, at + 20);
    let uncompressed = u32(directory, at + 24);
    let localOffset = u32(directory, at + 42);
    if (compressedSize === 0xffffffff || uncompressed === 0xffffffff || localOffset === 0xffffffff) {
      // The zip64 extra field holds, in this order, each value that is 0xFFFFFFFF above (APPNOTE 4.5.3).
      let extra = at + 46 + nameLength;
      const extraEnd = extra + extraLength;
      while (extra + 4 <= extraEnd) {
        const id = u16(directory, extra);
        const length = u16(directory, extra + 2);
        if (id === ZIP64_EXTRA) {
          let field = extra + 4;
          if (uncompressed === 0xffffffff) {
            uncompressed = u64(directory, field);
            field += 8;
          }
          if (compressedSize === 0xffffffff) {
            compressedSize = u64(directory, field);
            field += 8;
          }
          if (localOffset === 0xffffffff) localOffset = u64(directory, field);
          break;
        }
        extra += 4 + length;
      }
    }
    entries.push({
      name: partName(decoder.decode(directory.subarray(at + 46, at + 46 + nameLength))),
      flags: u16(directory, at + 8),
      method: u16(directory, at + 10),
      crc32: u32(directory, at + 16),
      compressedSize,
      size: uncompressed,
      localOffset,
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Where an entry's packed data starts, from its local header. */
async function entryDataOffset(read: ReadAt, entry: ZipEntry, label: string): Promise<number> {
  const local = await read(entry.localOffset, 30);
  if (local.length < 30 || u32(local, 0) !== LOCAL_SIGNATURE) throw damaged(label, `: the zip entry ${entry.name} is unreadable`);
  return entry.localOffset + 30 + u16(local, 26) + u16(local, 28);
}

/** Packed bytes are read in pieces of this size. */
const READ_CHUNK = 256 * 1024;

async function* packedChunks(read: ReadAt, entry: ZipEntry, start: number, label: string, onRead?: (done: number) => void): AsyncGenerator<Uint8Array> {
  for (let done = 0; done < entry.compressedSize; ) {
    const chunk = await read(start + done, Math.min(READ_CHUNK, entry.compressedSize - done));
    if (chunk.length === 0) throw damaged(label, ` or cut short inside ${entry.name}`);
    done += chunk.length;
    onRead?.(done);
    yield chunk;
  }
}

export interface EntryReading {
  /** The most bytes this part may inflate to. */
  readonly maxBytes: number;
  /** Told how many packed bytes have been read (for progress). */
  readonly onPackedRead?: (done: number) => void;
}

/**
 * The inflated bytes of one entry as they come, checked against the limits before anything is
 * read: the size the zip directory states, and its ratio to the packed size (past a grace, so that
 * small parts of pure markup pass). Then the part must inflate to exactly that size: one that
 * produces more is stopped there (damaged), so the stated size bounds the work.
 */
export async function* entryChunks(read: ReadAt, entry: ZipEntry, inflate: InflateRaw, label: string, limits: ReadLimits, reading: EntryReading): AsyncGenerator<Uint8Array> {
  if (entry.flags & 0x0001) throw new FileError('encrypted', `${label} has an encrypted zip entry (${entry.name}): open it in Excel and save it as an unencrypted .xlsx`);
  if (entry.method !== 0 && entry.method !== 8) throw new FileError('not-a-workbook', `${label} uses a zip compression that workbooks do not use (method ${entry.method}, in ${entry.name})`);
  const tooBig = () => limitError(label, `${entry.name} inflates to more than ${showBytes(reading.maxBytes)}`);
  const bomb = () => limitError(label, `${entry.name} inflates to more than ${limits.inflateRatio} times its packed size (a zip bomb?)`);
  if (entry.size > reading.maxBytes) throw tooBig();
  if (entry.size > limits.inflateRatioGraceBytes && entry.size > limits.inflateRatio * Math.max(1, entry.compressedSize)) throw bomb();
  const start = await entryDataOffset(read, entry, label);
  const packed = packedChunks(read, entry, start, label, reading.onPackedRead);
  if (entry.method === 0) {
    if (entry.size !== entry.compressedSize) throw damaged(label, `: the stored entry ${entry.name} says it is ${count(entry.size)} bytes but holds ${count(entry.compressedSize)}`);
    yield* packed;
    return;
  }
  let produced = 0;
  try {
    for await (const chunk of inflate(packed)) {
      produced += chunk.length;
      if (produced > entry.size) throw damaged(label, `: ${entry.name} inflates to more than the ${count(entry.size)} bytes its zip directory says`);
      yield chunk;
    }
  } catch (error) {
    if (error instanceof FileError) throw error;
    throw damaged(label, `: ${entry.name} does not decompress (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
  }
  if (produced !== entry.size) throw damaged(label, ` or cut short: ${entry.name} inflates to ${count(produced)} bytes, its zip directory says ${count(entry.size)}`);
}

/** The whole inflated bytes of a (small) entry. */
export async function readEntry(read: ReadAt, entry: ZipEntry, inflate: InflateRaw, label: string, limits: ReadLimits, maxBytes: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of entryChunks(read, entry, inflate, label, limits, { maxBytes })) {
    chunks.push(chunk);
    total += chunk.length;
  }
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** A {@link ReadAt} over bytes in memory. */
export function readFromBytes(data: Uint8Array): ReadAt {
  return async (offset, length) => data.subarray(Math.max(0, offset), Math.max(0, offset + length));
}

/** The platform cannot inflate raw deflate data (a browser older than 2023). */
class InflateUnavailable extends Error {
  override readonly name = 'InflateUnavailable';
}

/**
 * Inflates with the platform's DecompressionStream("deflate-raw") (Chromium 103+, Safari 16.4+,
 * Firefox 113+, Node 20): the browser's (and a Web Worker's) inflater.
 */
export async function* inflateWithStreams(packed: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  let decompress: DecompressionStream;
  try {
    decompress = new DecompressionStream('deflate-raw');
  } catch {
    throw new InflateUnavailable('this browser cannot unpack .xlsx files (DecompressionStream "deflate-raw" is missing): use a current browser, or a CSV file');
  }
  const source = packed[Symbol.asyncIterator]();
  const input = new ReadableStream<BufferSource>({
    async pull(controller) {
      const next = await source.next();
      if (next.done) controller.close();
      // Our chunks are over ArrayBuffers (never shared memory), as a BufferSource must be.
      else controller.enqueue(next.value as Uint8Array<ArrayBuffer>);
    },
    async cancel() {
      await source.return?.();
    },
  });
  const reader = input.pipeThrough(decompress).getReader();
  let finished = false;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      yield value;
    }
  } finally {
    // Stopped early (a limit, or the scan has what it needs): stop reading the file too.
    if (!finished) await reader.cancel().catch(() => undefined);
  }
}
