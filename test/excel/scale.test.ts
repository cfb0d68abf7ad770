/**
 * Cost at 10 and 20,000 rows: `context.sync()` calls grow with blocks, not rows; the
 * conditional-format commands are the same at both sizes; no request or response comes near
 * Excel on the web's 5 MB. 20,000 rows take several read blocks, which is all the bounds need;
 * the 1,000,000-row scan (time, memory, the same bounds) is `npm run bench excel`.
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

/** Enough rows for several read blocks (rowsPerBlock(17) is 5,882 rows). */
const ROWS = 20_000;
/** The listing cap, lowered so that 20,000 rows reach it as 1,000,000 reach the default 50,000. */
const MAX_RESULTS = 1_000;

let small: Awaited<ReturnType<typeof measureScan>>;
let big: Awaited<ReturnType<typeof measureScan>>;

beforeAll(async () => {
  small = await measureScan(10);
  big = await measureScan(ROWS, true, { maxResults: MAX_RESULTS });
}, 120_000);

test('10 rows: one read block, and a handful of syncs', () => {
  expect(small.stats.readBlocks).toBe(1);
  expect(small.counters.syncs).toBeLessThanOrEqual(3 + 2 * small.stats.readBlocks);
  expect(small.locateSyncs).toBeLessThanOrEqual(4);
});

test('20,000 rows: several read blocks of at most 100,000 cells, and syncs ≤ 3 + 2 × blocks (one sync hides our name after it exists: office-js #3878)', () => {
  expect(big.stats.readBlocks).toBe(expectedBlocks(ROWS));
  expect(big.stats.readBlocks).toBeGreaterThan(2);
  expect(big.counters.syncs).toBeLessThanOrEqual(3 + 2 * big.stats.readBlocks);
  expect(big.stats.readBlocks * rowsPerBlock(CELLS_PER_ROW) * CELLS_PER_ROW).toBeGreaterThanOrEqual((ROWS + 1) * CELLS_PER_ROW);
  expect(rowsPerBlock(CELLS_PER_ROW) * CELLS_PER_ROW).toBeLessThanOrEqual(BLOCK_LIMITS.cells);
});

test('conditional-format commands are the same for 10 and 20,000 rows', () => {
  expect(big.counters.conditionalFormatCommands).toBe(small.counters.conditionalFormatCommands);
  // One load of the existing formats, then per status: add, formula, fill, font (they are found
  // again by what they are, so no id is loaded: highlight.ts).
  expect(small.counters.conditionalFormatCommands).toBe(1 + HIGHLIGHTS.length * 4);
});

test('every request and response stays far below 5 MB', () => {
  expect(big.counters.maxRequestBytes).toBeLessThan(FIVE_MB / 2);
  expect(big.counters.maxResponseBytes).toBeLessThan(FIVE_MB / 2);
});

test('every row gets its status, across block edges, and the outcome lists a bounded number of rows', () => {
  const { sheet, outcome } = big;
  const edge = rowsPerBlock(CELLS_PER_ROW);
  for (const row of [1, 2, edge - 1, edge, edge + 1, ROWS / 2, ROWS - 1, ROWS]) {
    const c = STATUS_CASES[(row - 1) % STATUS_CASES.length];
    expect([row, sheet.get(row, DATA_COLUMNS)]).toEqual([row, statusLabel(c.status)]);
  }
  expect(outcome.summary.rows).toBe(ROWS);
  expect(outcome.results.length + outcome.omitted).toBe(ROWS - outcome.summary.counts.active - outcome.summary.counts['not-covered']);
  expect(outcome.results.length).toBe(MAX_RESULTS);
  expect(outcome.omitted).toBeGreaterThan(0);
});

afterAll(() => {
  const line = (label: string, m: typeof small) =>
    `${label}: ${m.milliseconds.toFixed(0)} ms, ${m.counters.syncs} syncs (${m.stats.readBlocks} read blocks, ${m.stats.writeBlocks} write blocks), ${m.counters.commands} commands, ${m.counters.conditionalFormatCommands} on conditional formats`;
  // eslint-disable-next-line no-console
  console.log([line('10 rows', small), line(`${ROWS.toLocaleString('en')} rows`, big)].join('\n'));
});
