/**
 * A small RFC 4180 reader for subscription lists saved as CSV: quoted fields with `""` escapes
 * and line breaks inside, CRLF, LF or CR line ends, a byte order mark, and the `;` delimiter that
 * Danish Excel writes (found from the header line, or from Excel's `sep=;` first line).
 *
 * Browser-safe: strings and Uint8Arrays in, records out; the Node file reader feeds it chunks.
 */
import { FileError } from './errors';
import { count, limitError, LIMITS, type ReadLimits } from './limits';
import { findHeaderRow, HEADER_SEARCH_ROWS } from '../scan';

export type CsvDelimiter = ',' | ';' | '\t' | '|';

/** The delimiters tried on the header line, most common first. */
const CSV_DELIMITERS: readonly CsvDelimiter[] = [',', ';', '\t', '|'];

/** One record: its fields, and the line of the file it starts on (1-based, as an editor shows it). */
export interface CsvRecord {
  readonly line: number;
  readonly values: string[];
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  /** A quote inside a quoted field: the next character says whether it was `""` or the end. */
  QuoteInQuoted,
}

/**
 * Incremental parser: {@link push} text as it arrives, {@link end} at the end of the file. A quote
 * that is not at the start of a field is taken literally, as Excel does.
 */
export class CsvParser {
  private state = State.FieldStart;
  private field = '';
  private values: string[] = [];
  private line: number;
  private recordLine: number;
  private recordStarted = false;
  /** Characters of the record so far (its finished fields). */
  private recordChars = 0;
  /** A CR ended the last record: an LF right after it belongs to the same line end. */
  private afterCr = false;
  /** A CR inside a quoted field: an LF right after it is the same line break. */
  private crInQuotes = false;
  private readonly delimiter: number;

  /**
   * @param label How errors name the file ("" for none: errors then start with the line).
   * @param limits Field length, fields per record and record length (src/files/limits.ts).
   */
  constructor(
    delimiter: CsvDelimiter,
    firstLine = 1,
    private readonly label = '',
    private readonly limits: ReadLimits = LIMITS,
  ) {
    this.delimiter = delimiter.charCodeAt(0);
    this.line = firstLine;
    this.recordLine = firstLine;
  }

  private where(): string {
    return this.label ? `${this.label}: line ${this.recordLine}` : `line ${this.recordLine}`;
  }

  /** Parses the next piece of text and appends the records it completes to `out`. */
  push(text: string, out: CsvRecord[]): void {
    const delimiter = this.delimiter;
    const length = text.length;
    let i = 0;
    while (i < length) {
      const c = text.charCodeAt(i);
      if (this.afterCr) {
        this.afterCr = false;
        if (c === LF) {
          i++;
          continue;
        }
      }
      switch (this.state) {
        case State.FieldStart:
          this.recordStarted = true;
          if (c === QUOTE) {
            this.state = State.Quoted;
            i++;
            continue;
          }
          this.state = State.Unquoted;
          continue;
        case State.Unquoted: {
          let j = i;
          while (j < length) {
            const d = text.charCodeAt(j);
            if (d === delimiter || d === CR || d === LF) break;
            j++;
          }
          if (j > i) this.append(text, i, j);
          if (j === length) return;
          const d = text.charCodeAt(j);
          i = j + 1;
          if (d === delimiter) {
            this.endField();
          } else {
            this.endRecord(out);
            this.line++;
            this.recordLine = this.line;
            if (d === CR) this.afterCr = true;
          }
          continue;
        }
        case State.Quoted: {
          let j = i;
          while (j < length) {
            const d = text.charCodeAt(j);
            if (d === QUOTE) break;
            if (d === CR) {
              this.line++;
              this.crInQuotes = true;
            } else {
              if (d === LF && !this.crInQuotes) this.line++;
              this.crInQuotes = false;
            }
            j++;
          }
          if (j > i) this.append(text, i, j);
          if (j === length) return;
          this.crInQuotes = false;
          this.state = State.QuoteInQuoted;
          i = j + 1;
          continue;
        }
        case State.QuoteInQuoted:
          if (c === QUOTE) {
            this.append('"', 0, 1);
            this.state = State.Quoted;
            i++;
            continue;
          }
          // The closing quote: whatever follows up to the delimiter is kept literally.
          this.state = State.Unquoted;
          continue;
      }
    }
  }

  /** Finishes the file; a quoted field that never closes is an error, not a silent merge of lines. */
  end(out: CsvRecord[]): void {
    if (this.state === State.Quoted) {
      throw new FileError('bad-csv', `${this.where()}: a quoted field is never closed (a " without its closing ")`);
    }
    if (this.recordStarted || this.values.length > 0) this.endRecord(out);
  }

  private append(text: string, from: number, to: number): void {
    if (this.field.length + (to - from) > this.limits.cellChars) {
      throw limitError(this.label || 'the CSV', `line ${this.recordLine}: a field is longer than ${count(this.limits.cellChars)} characters`);
    }
    this.field += from === 0 && to === text.length ? text : text.slice(from, to);
  }

  private takeField(): void {
    if (this.values.length >= this.limits.rowCells) throw limitError(this.label || 'the CSV', `line ${this.recordLine} has more than ${count(this.limits.rowCells)} fields`);
    this.recordChars += this.field.length;
    if (this.recordChars > this.limits.rowChars) throw limitError(this.label || 'the CSV', `line ${this.recordLine} holds more than ${count(this.limits.rowChars)} characters`);
    this.values.push(this.field);
    this.field = '';
  }

  private endField(): void {
    this.takeField();
    this.state = State.FieldStart;
    this.recordStarted = true;
  }

  private endRecord(out: CsvRecord[]): void {
    this.takeField();
    out.push({ line: this.recordLine, values: this.values });
    this.values = [];
    this.recordChars = 0;
    this.state = State.FieldStart;
    this.recordStarted = false;
  }
}

/** Parses a whole text with one delimiter. */
export function parseCsvRecords(text: string, delimiter: CsvDelimiter, firstLine = 1, label = '', limits: ReadLimits = LIMITS): CsvRecord[] {
  const parser = new CsvParser(delimiter, firstLine, label, limits);
  const out: CsvRecord[] = [];
  parser.push(text, out);
  parser.end(out);
  return out;
}

/** How a CSV text starts: its delimiter, and how much of the start is Excel's `sep=` line. */
export interface CsvDialect {
  readonly delimiter: CsvDelimiter;
  /** Characters to skip before the first record (a BOM and a `sep=;` line). */
  readonly skip: number;
  /** The line the first record starts on (2 after a `sep=` line). */
  readonly firstLine: number;
}

const SEP_LINE = /^sep=(.)\r?\n?/i;

/** How many characters of the start are enough to find the header line and its delimiter. */
export const DIALECT_SAMPLE_CHARS = 256 * 1024;

/**
 * The delimiter of a CSV, from the start of its text. Excel's `sep=X` first line wins. Otherwise
 * each candidate splits the first lines, and the one under which a header row names the most
 * fields (rules.md §8) wins; without any header, the delimiter seen most on one line. Comma when
 * nothing tells.
 * @example detectCsvDialect('Abonnements-ID;Produkt;Fornyelsesdato\n').delimiter //=> ';'
 */
export function detectCsvDialect(start: string): CsvDialect {
  const bom = start.charCodeAt(0) === 0xfeff ? 1 : 0;
  const text = start.slice(bom, bom + DIALECT_SAMPLE_CHARS);
  const sep = SEP_LINE.exec(text);
  if (sep && (CSV_DELIMITERS as readonly string[]).includes(sep[1])) {
    return { delimiter: sep[1] as CsvDelimiter, skip: bom + sep[0].length, firstLine: 2 };
  }
  let best: { delimiter: CsvDelimiter; fields: number; width: number } | null = null;
  for (const delimiter of CSV_DELIMITERS) {
    const records = sampleRecords(text, delimiter);
    const header = findHeaderRow(records.map((record) => record.values));
    if (!header) continue;
    const fields = Object.keys(header.columns).length;
    const width = records[header.index].values.length;
    if (!best || fields > best.fields || (fields === best.fields && width > best.width)) best = { delimiter, fields, width };
  }
  if (best) return { delimiter: best.delimiter, skip: bom, firstLine: 1 };
  return { delimiter: mostFrequentDelimiter(text), skip: bom, firstLine: 1 };
}

function sampleRecords(text: string, delimiter: CsvDelimiter): CsvRecord[] {
  const parser = new CsvParser(delimiter);
  const out: CsvRecord[] = [];
  try {
    parser.push(text, out);
  } catch {
    // A sample cut inside a huge field, or past a limit: the records before it are enough (the real read reports it).
  }
  return out.slice(0, HEADER_SEARCH_ROWS);
}

function mostFrequentDelimiter(text: string): CsvDelimiter {
  let best: CsvDelimiter = ',';
  let bestCount = 0;
  const lines = text.split(/\r\n|\n|\r/, HEADER_SEARCH_ROWS);
  for (const delimiter of CSV_DELIMITERS) {
    for (const line of lines) {
      const count = line.split(delimiter).length - 1;
      if (count > bestCount) {
        best = delimiter;
        bestCount = count;
      }
    }
  }
  return best;
}

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/**
 * UTF-16 without a byte order mark, known by its NUL bytes: Latin text in UTF-16 LE has a 0 in
 * every second byte (odd offsets), BE in the other (even offsets). Null when the start is not that.
 */
function utf16WithoutBom(start: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const length = Math.min(start.length, 4096) & ~1;
  if (length < 4) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < length; i += 2) {
    if (start[i] === 0) even++;
    if (start[i + 1] === 0) odd++;
  }
  const pairs = length / 2;
  if (odd >= pairs * 0.3 && even <= pairs * 0.02) return 'utf-16le';
  if (even >= pairs * 0.3 && odd <= pairs * 0.02) return 'utf-16be';
  return null;
}

/**
 * The encoding of a CSV from its first bytes: a byte order mark says it; UTF-16 without one is
 * known by its NUL bytes; otherwise UTF-8 when the bytes are valid UTF-8, else Windows-1252 (what
 * Danish Excel's "CSV (semikolonsepareret)" writes).
 */
export function sniffEncoding(start: Uint8Array): TextEncodingName {
  if (start[0] === 0xef && start[1] === 0xbb && start[2] === 0xbf) return 'utf-8';
  if (start[0] === 0xff && start[1] === 0xfe) return 'utf-16le';
  if (start[0] === 0xfe && start[1] === 0xff) return 'utf-16be';
  const utf16 = utf16WithoutBom(start);
  if (utf16) return utf16;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(start, { stream: true });
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/** A decoder for the encoding; the BOM is kept so that {@link detectCsvDialect} can skip it. */
export function csvDecoder(encoding: TextEncodingName): TextDecoder {
  return new TextDecoder(encoding, { ignoreBOM: true });
}

/**
 * Refuses NUL bytes in an 8-bit text (UTF-8 or Windows-1252): no CSV has them, a binary file or
 * UTF-16 that {@link utf16WithoutBom} could not tell does.
 */
export function checkNoNul(bytes: Uint8Array, encoding: TextEncodingName, label: string): void {
  if (encoding !== 'utf-8' && encoding !== 'windows-1252') return;
  if (bytes.indexOf(0) >= 0) throw new FileError('bad-csv', `${label} holds NUL bytes: it is not a text (CSV) file; save it from Excel as CSV UTF-8`);
}

/** The whole text of CSV bytes, decoded as {@link sniffEncoding} says. */
export function decodeCsvBytes(bytes: Uint8Array, label = 'the file'): string {
  const encoding = sniffEncoding(bytes.subarray(0, 1024 * 1024));
  checkNoNul(bytes, encoding, label);
  return csvDecoder(encoding).decode(bytes);
}
