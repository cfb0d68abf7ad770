/**
 * How much a file may make the reader do. Each limit is there because a small file could
 * otherwise take gigabytes or hours (issue 9 measured 3 GB from a 4 MB file); each is far above
 * what a subscription list, or Excel itself, ever needs. Going over one is a one-line
 * {@link FileError} (`limit`) naming the file, never a partial answer. docs/cli.md lists them.
 *
 * Tests pass smaller limits through {@link ReadLimits}; the CLI and the task pane use {@link LIMITS}.
 */
import { FileError } from './errors';

export interface ReadLimits {
  /** A zip part may inflate to at most this many times its packed size … */
  readonly inflateRatio: number;
  /** … once it has inflated past this many bytes (small parts may be all markup). */
  readonly inflateRatioGraceBytes: number;
  /** Inflated bytes of one worksheet part. */
  readonly worksheetBytes: number;
  /** Inflated bytes of the shared-strings part. */
  readonly sharedStringsBytes: number;
  /** Inflated bytes of any other part read (workbook, relationships, styles). */
  readonly otherPartBytes: number;
  /** Entries of the shared-strings table. */
  readonly sharedStrings: number;
  /** Characters of all shared strings together. */
  readonly sharedStringChars: number;
  /** Cells (`<c>` elements, or CSV fields) in one row: Excel has 16,384 columns (A to XFD). */
  readonly rowCells: number;
  /** Characters of one cell or CSV field (Excel's own limit is 32,767). */
  readonly cellChars: number;
  /** Characters of one row or CSV record. */
  readonly rowChars: number;
  /** Characters of one XML tag (its attributes). */
  readonly tagChars: number;
  /** Sheets in a workbook. */
  readonly sheets: number;
  /** Cell formats in styles.xml (Excel's own limit is 64,000). */
  readonly cellFormats: number;
  /** Entries in the zip directory. */
  readonly zipEntries: number;
  /** A copy is made in memory (keeping merged cells, conditional formats …) up to this many inflated bytes of XML … */
  readonly inMemoryCopyBytes: number;
  /** … and this many merged ranges (ExcelJS's in-memory merge is quadratic: 20,000 took 40 s). */
  readonly inMemoryCopyMerges: number;
}

const MiB = 1024 * 1024;

export const LIMITS: ReadLimits = {
  inflateRatio: 100,
  inflateRatioGraceBytes: 16 * MiB,
  worksheetBytes: 2048 * MiB,
  sharedStringsBytes: 256 * MiB,
  otherPartBytes: 32 * MiB,
  sharedStrings: 4_000_000,
  sharedStringChars: 64 * MiB,
  rowCells: 16_384,
  cellChars: 131_072,
  rowChars: MiB,
  tagChars: MiB,
  sheets: 10_000,
  cellFormats: 65_536,
  zipEntries: 100_000,
  inMemoryCopyBytes: 4 * MiB,
  inMemoryCopyMerges: 1_000,
};

/** Excel's grid: columns A to XFD, rows 1 to 1,048,576. */
export const MAX_COLUMNS = 16_384;
export const MAX_ROWS = 1_048_576;


/** 1,048,576 → "1,048,576"; byte counts as MiB/GiB. */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

export function bytes(n: number): string {
  if (n >= 1024 * MiB && n % (1024 * MiB) === 0) return `${n / (1024 * MiB)} GiB`;
  if (n >= MiB && n % MiB === 0) return `${n / MiB} MiB`;
  return `${count(n)} bytes`;
}

/** A limit was reached: one line, the file first. */
export function limitError(label: string, what: string): FileError {
  return new FileError('limit', `${label}: ${what}: refused (a limit of subguard, see docs/cli.md)`);
}
