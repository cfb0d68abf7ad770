/**
 * Reading a big range in blocks of rows. Excel on the web refuses requests and responses over
 * 5 MB ("RequestPayloadSizeLimitExceeded", "ResponsePayloadSizeLimitExceeded"), and on every
 * platform a range read is capped at five million cells. A block therefore holds at most
 * {@link BLOCK_LIMITS}.cells cells and, judged by the blocks already read, at most
 * {@link BLOCK_LIMITS}.bytes bytes: both far below the caps. One block is one `context.sync()`,
 * so the number of syncs grows with the number of blocks, never with the number of rows.
 */
import type { CellValue } from '../rules';
import { ScanProblem } from '../scan';
import { bottom, rect, type Rect } from './geometry';

export const BLOCK_LIMITS = {
  /** Cells per request: 1/50 of the 5,000,000-cell read cap. */
  cells: 100_000,
  /** Estimated bytes per request: half of Excel on the web's 5 MB payload limit. */
  bytes: 2_500_000,
} as const;

export interface BlockLimits {
  readonly cells: number;
  readonly bytes: number;
}

/**
 * Rows per block for rows of `cellsPerRow` cells, and of `bytesPerRow` bytes when known.
 * @example rowsPerBlock(10) //=> 10000
 * @example rowsPerBlock(10, 500) //=> 5000 (long text: the byte budget binds first)
 */
export function rowsPerBlock(cellsPerRow: number, bytesPerRow = 0, limits: BlockLimits = BLOCK_LIMITS): number {
  const byCells = Math.floor(limits.cells / Math.max(1, cellsPerRow));
  const byBytes = bytesPerRow > 0 ? Math.floor(limits.bytes / bytesPerRow) : byCells;
  return Math.max(1, Math.min(byCells, byBytes));
}

/** The JSON size of cell values, roughly: what a block costs in the 5 MB payload. */
function estimateBytes(rows: readonly (readonly unknown[])[]): number {
  let bytes = 2;
  for (const row of rows) {
    bytes += 2;
    for (const value of row) {
      if (typeof value === 'string') bytes += value.length + 3;
      else if (typeof value === 'number') bytes += 12;
      else bytes += 6;
    }
  }
  return bytes;
}

/** One rectangle to read block by block; parts of one read share the row span, not the columns. */
export interface ReadPart {
  readonly rect: Rect;
  /** Read number formats too (all columns of the part). */
  readonly formats?: boolean;
  /**
   * Read `formulas` instead of `values`: a formula's text, or the value of a cell without one
   * (learn.microsoft.com Excel.Range.formulas). `values` reads what a formula shows, so a
   * formula showing "" would look like an empty cell; the cells beside the table are read this way.
   */
  readonly formulas?: boolean;
}

/** The rows of one part in one block; `values` is empty when the block lies below the part. */
export interface PartBlock {
  /** Values, or for a `formulas` part the formulas (a cell without one gives its value). */
  readonly values: CellValue[][];
  readonly formats: string[][] | null;
}

export interface Block {
  /** The first sheet row (0-based) of the block, and its number of rows. */
  readonly row: number;
  readonly rows: number;
  readonly parts: readonly PartBlock[];
}

export interface ReadOptions {
  readonly signal?: AbortSignal;
  readonly limits?: BlockLimits;
}

export interface ReadStats {
  blocks: number;
  retries: number;
}

const PAYLOAD_ERRORS = new Set(['RequestPayloadSizeLimitExceeded', 'ResponsePayloadSizeLimitExceeded']);

/**
 * Reads the parts block by block, from the top row of the highest part to the bottom of the
 * lowest, calling `onBlock` after each. Honours the signal before each block (ScanProblem
 * 'canceled'). A block refused for its payload size is read again at half the rows.
 */
export async function readBlocks(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  parts: readonly ReadPart[],
  onBlock: (block: Block) => void,
  options: ReadOptions = {},
): Promise<ReadStats> {
  const limits = options.limits ?? BLOCK_LIMITS;
  const stats: ReadStats = { blocks: 0, retries: 0 };
  if (parts.length === 0) return stats;
  const first = Math.min(...parts.map((part) => part.rect.row));
  const last = Math.max(...parts.map((part) => bottom(part.rect)));
  const cellsPerRow = parts.reduce((sum, part) => sum + part.rect.columns * (part.formats ? 2 : 1), 0);
  let rows = rowsPerBlock(cellsPerRow, 0, limits);
  let bytesRead = 0;
  let rowsRead = 0;
  for (let row = first; row <= last; ) {
    if (options.signal?.aborted) throw new ScanProblem('canceled');
    const count = Math.min(rows, last - row + 1);
    const queued = parts.map((part) => {
      const slice = sliceRows(part.rect, row, count);
      if (!slice) return null;
      const range = sheet.getRangeByIndexes(slice.row, slice.column, slice.rows, slice.columns);
      const content = part.formulas ? 'formulas' : 'values';
      range.load(part.formats ? `${content},numberFormat` : content);
      return { range, formats: part.formats === true, formulas: part.formulas === true };
    });
    try {
      await context.sync();
    } catch (error) {
      if (count > 1 && PAYLOAD_ERRORS.has((error as { code?: string }).code ?? '')) {
        rows = Math.max(1, Math.floor(count / 2));
        stats.retries++;
        continue;
      }
      throw error;
    }
    const block: Block = {
      row,
      rows: count,
      parts: queued.map((entry) =>
        entry
          ? { values: (entry.formulas ? entry.range.formulas : entry.range.values) as CellValue[][], formats: entry.formats ? (entry.range.numberFormat as string[][]) : null }
          : { values: [], formats: null },
      ),
    };
    stats.blocks++;
    for (const part of block.parts) bytesRead += estimateBytes(part.values) + (part.formats ? estimateBytes(part.formats) : 0);
    rowsRead += count;
    onBlock(block);
    row += count;
    rows = rowsPerBlock(cellsPerRow, bytesRead / rowsRead, limits);
  }
  return stats;
}

/** The rows of `r` within [row, row + count), or null when there are none. */
function sliceRows(r: Rect, row: number, count: number): Rect | null {
  const from = Math.max(r.row, row);
  const to = Math.min(bottom(r), row + count - 1);
  return from > to ? null : rect(from, r.column, to - from + 1, r.columns);
}
