/**
 * Cost at 10 and 1,000,000 rows: `context.sync()` calls grow with blocks, not rows; the
 * conditional-format commands are the same at both sizes; no request or response comes near
 * Excel on the web's 5 MB.
 */
import { statusLabel } from '../../src/rules';
import { BLOCK_LIMITS, HIGHLIGHTS, rowsPerBlock } from '../../src/excel';
import { FIXTURE_COLUMNS, STATUS_CASES } from '../fixtures/cases';
import { measureScan } from './helpers';

const DATA_COLUMNS = FIXTURE_COLUMNS.length;
/** Cells per row of a read block: the table, plus our four columns' values and number formats. */
const CELLS_PER_ROW = DATA_COLUMNS + 4 * 2;
const expectedBlocks = (rows: number) => Math.ceil((rows + 1) / rowsPerBlock(CELLS_PER_ROW));
const FIVE_MB = 5 * 1024 * 1024;

let small: Awaited<ReturnType<typeof measureScan>>;
let big: Awaited<ReturnType<typeof measureScan>>;

beforeAll(async () => {
  small = await measureScan(10);
  big = await measureScan(1_000_000);
}, 600_000);

test('10 rows: one read block, and a handful of syncs', () => {
  expect(small.stats.readBlocks).toBe(1);
  expect(small.counters.syncs).toBeLessThanOrEqual(2 + 2 * small.stats.readBlocks);
  expect(small.locateSyncs).toBeLessThanOrEqual(4);
});

test('1,000,000 rows: read blocks of at most 100,000 cells, and syncs ≤ 2 + 2 × blocks', () => {
  expect(big.stats.readBlocks).toBe(expectedBlocks(1_000_000));
  expect(big.counters.syncs).toBeLessThanOrEqual(2 + 2 * big.stats.readBlocks);
  expect(big.stats.readBlocks * rowsPerBlock(CELLS_PER_ROW) * CELLS_PER_ROW).toBeGreaterThanOrEqual(1_000_001 * CELLS_PER_ROW);
  expect(rowsPerBlock(CELLS_PER_ROW) * CELLS_PER_ROW).toBeLessThanOrEqual(BLOCK_LIMITS.cells);
});

test('conditional-format commands are the same for 10 and 1,000,000 rows', () => {
  expect(big.counters.conditionalFormatCommands).toBe(small.counters.conditionalFormatCommands);
  // One load of the existing formats, then per status: add, formula, fill, font, load id.
  expect(small.counters.conditionalFormatCommands).toBe(1 + HIGHLIGHTS.length * 5);
});

test('every request and response stays far below 5 MB', () => {
  expect(big.counters.maxRequestBytes).toBeLessThan(FIVE_MB / 2);
  expect(big.counters.maxResponseBytes).toBeLessThan(FIVE_MB / 2);
});

test('the million rows get their statuses, and the outcome lists a bounded number of rows', () => {
  const { sheet, outcome } = big;
  for (const row of [1, 2, 500_000, 999_999, 1_000_000]) {
    const c = STATUS_CASES[(row - 1) % STATUS_CASES.length];
    expect(sheet.get(row, DATA_COLUMNS)).toBe(statusLabel(c.status));
  }
  expect(outcome.summary.rows).toBe(1_000_000);
  expect(outcome.results.length + outcome.omitted).toBe(1_000_000 - outcome.summary.counts.active);
  expect(outcome.results.length).toBeLessThanOrEqual(50_000);
});

afterAll(() => {
  const line = (label: string, m: typeof small) =>
    `${label}: ${m.milliseconds.toFixed(0)} ms, ${m.counters.syncs} syncs (${m.stats.readBlocks} read blocks, ${m.stats.writeBlocks} write blocks), ${m.counters.commands} commands, ${m.counters.conditionalFormatCommands} on conditional formats`;
  // eslint-disable-next-line no-console
  console.log([line('10 rows', small), line('1,000,000 rows', big)].join('\n'));
});
