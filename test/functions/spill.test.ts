/**
 * A range answers each cell exactly as a one-cell call on that cell's arguments would. A spilled call
 * goes a different way (src/functions/engine.ts): each argument's distinct values read once and
 * numbered through tables, errors given per cell by argument order, STATUS answered by its
 * whole-range form (specs.ts) and not its row body, the result kept as distinct values with shared
 * rows. These cases hold that path to the one-cell answers, for every function and any cells.
 */
import fc from 'fast-check';
import { useClock } from '../../src/functions/clock';
import { runFunction } from '../../src/functions/engine';
import * as functions from '../../src/functions/functions';
import { status } from '../../src/functions/functions';
import { useHostSettings, type HostSettings } from '../../src/functions/settings';
import { STATUS } from '../../src/functions/specs';
import { errorOf, grid, one, OMITTED, serial } from './excel';

type Fn = (...args: unknown[]) => unknown;
const FUNCTIONS = Object.entries(functions).flatMap(([name, fn]) => (typeof fn === 'function' ? [[name, fn as Fn] as const] : []));

/** A cell value to compare: an error value by its code and message, anything else as it is. */
function comparable(value: unknown): unknown {
  return errorOf(value) ?? value;
}

/** What a one-cell call answers for cell (r, c) of the given arguments. */
function oneCell(fn: Fn, args: readonly (unknown[][] | null)[], r: number, c: number): unknown {
  const cellArgs = args.map((arg) => (arg === null ? OMITTED : arg.length === 1 && arg[0].length === 1 ? arg : one(arg[r][c])));
  const result = grid(fn(...cellArgs));
  return result[0][0];
}

function expectCellByCell(fn: Fn, args: readonly (unknown[][] | null)[], rows: number, columns: number): void {
  const spilled = grid(fn(...args.map((arg) => arg ?? OMITTED)));
  expect([spilled.length, spilled[0].length]).toEqual([rows, columns]);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) expect([r, c, comparable(spilled[r][c])]).toEqual([r, c, comparable(oneCell(fn, args, r, c))]);
  }
}

// Cells of every kind the engine treats apart: whole serials near each other (its table of
// numbers) and far apart, fractions, 0 and -0, texts of every kind (its table of texts, with
// collisions), spellings the rules accept and refuse, blanks, error cells and data types.
const nearSerial = fc.integer({ min: serial('2024-01-01'), max: serial('2026-12-31') });
const anyCell = fc.oneof(
  { weight: 4, arbitrary: nearSerial },
  fc.constantFrom<unknown>(
    serial('2024-03-01') + 70_000, // beyond the table's span from the first number
    45_000.5,
    60, // 1900-02-29, which never was
    0,
    -0,
    -1,
    Number.NaN,
    null,
    '',
    true,
    false,
    '2025-01-31',
    '31-01-2025',
    '03/04/2025',
    'soon',
    'Net 30',
    'Netto 60',
    'Net 3O',
    'Faktura',
    'Kreditkort',
    'PayPal',
    'Auto-renew',
    'Monthly',
    'Årlig',
    '3-year',
    'weekly',
    'Ja',
    'Nej',
    'x',
    'Yes',
    'No',
    '$4,500.00',
    '4500',
    'DKK',
    'EUR',
    'USD',
    { type: 'FormattedNumber', basicValue: serial('2025-02-01'), numberFormat: 'yyyy-mm-dd' },
    { type: 'Double', basicValue: 4500 },
    { type: 'Error', basicValue: '#N/A' },
    { type: 'Error', basicValue: '#DIV/0!' },
    { type: 'Entity', text: 'Revit' },
  ),
  fc.string({ maxLength: 4 }),
  fc.double({ noNaN: true, min: -1e6, max: 3e6 }),
);

/** Arguments for a call: each a range of the shape, one cell, or omitted; at least one a range. */
const callOf = (argCount: number) =>
  fc
    .record({ rows: fc.integer({ min: 1, max: 12 }), columns: fc.integer({ min: 1, max: 3 }) })
    .filter(({ rows, columns }) => rows * columns > 1)
    .chain(({ rows, columns }) =>
      fc
        .tuple(
          ...Array.from({ length: argCount }, () =>
            fc.oneof(
              { weight: 3, arbitrary: fc.array(fc.array(anyCell, { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows }) },
              { weight: 1, arbitrary: anyCell.map((cell) => [[cell]]) },
              { weight: 1, arbitrary: fc.constant(null) },
            ),
          ),
        )
        .map((args) => {
          const withRange = args.some((arg) => arg !== null && (arg.length > 1 || arg[0].length > 1));
          return { rows, columns, args: withRange ? args : [Array.from({ length: rows }, () => Array.from({ length: columns }, () => 45_700)), ...args.slice(1)] };
        }),
    );

const SETTINGS: Partial<HostSettings>[] = [
  { dateSystem: '1900', dateValues: 'serial', locale: 'en' },
  { dateSystem: '1904', dateValues: 'double-with-format', locale: 'da' },
];

beforeEach(() => useClock({ now: () => Date.UTC(2025, 2, 1, 12), zone: () => 'Europe/Copenhagen' }));
afterEach(() => {
  useClock();
  useHostSettings(null);
});

describe.each(SETTINGS)('with %o', (settings) => {
  beforeEach(() => useHostSettings(settings));

  test.each(FUNCTIONS)('%s over ranges answers each cell as a one-cell call does', (_, fn) => {
    fc.assert(fc.property(callOf(fn.length), ({ rows, columns, args }) => expectCellByCell(fn, args, rows, columns)), { numRuns: 150 });
  });
});

describe('SUBS.STATUS spilled over a sheet', () => {
  beforeEach(() => useHostSettings({ dateSystem: '1900', dateValues: 'serial', locale: 'en' }));

  const TERMS = ['', 'Auto-renew', 'Credit card', 'Kreditkort', 'PayPal', 'Net 30', 'Faktura', 'Netto 60', 'Net 3O'];
  const BILLING = ['', 'Annual', 'Årlig', 'Monthly', '3-year'];
  const PAID = ['', '', '', 'Ja', 'Yes', 'x', 'Nej', 'No'];
  function sheet(rows: number) {
    const columns: unknown[][][] = [[], [], [], [], []];
    for (let i = 0; i < rows; i++) {
      const date = serial('2024-03-01') + ((i * 7919) % 730);
      columns[0].push([i % 997 === 0 ? 'not a date' : date]);
      columns[1].push([TERMS[(i * 31) % TERMS.length]]);
      columns[2].push([BILLING[(i * 17) % BILLING.length]]);
      columns[3].push([i % 10 === 0 ? date + (i % 90) : PAID[(i * 13) % PAID.length]]);
      columns[4].push([i % 33 === 0 ? 'Ja' : '']);
    }
    return columns;
  }

  test('5,000 rows: every label and every error as the one-cell calls give them', () => {
    const [date, terms, billing, paid, sector] = sheet(5_000);
    expectCellByCell(status as Fn, [date, terms, billing, paid, sector, one(serial('2025-03-01'))], 5_000, 1);
  });

  test('any columns of dates, terms, billing, payments and sectors: the labels and errors of the one-cell calls', () => {
    const cellOf = (valid: readonly unknown[]) => fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...valid) }, { weight: 1, arbitrary: anyCell });
    const date = fc.oneof(nearSerial, fc.constantFrom('2025-01-31', '31.01.2025', { type: 'FormattedNumber', basicValue: serial('2025-02-01') }));
    const paid = fc.oneof(cellOf(PAID), nearSerial);
    const row = fc.tuple(date, cellOf(TERMS), cellOf(BILLING), paid, cellOf(['', '', 'Ja', 'Nej']), nearSerial);
    fc.assert(
      fc.property(fc.array(row, { minLength: 2, maxLength: 40 }), fc.boolean(), (cells, asOfColumn) => {
        const columnOf = (k: number) => cells.map((cell) => [cell[k]]);
        const asOf = asOfColumn ? columnOf(5) : one(serial('2025-03-01'));
        expectCellByCell(status as Fn, [columnOf(0), columnOf(1), columnOf(2), columnOf(3), columnOf(4), asOf], cells.length, 1);
      }),
      { numRuns: 500 },
    );
  });

  test('a whole-range form that throws leaves every cell to the row body: the same answers', () => {
    const [date, terms, billing, paid, sector] = sheet(2_000);
    const args = [date, terms, billing, paid, sector, one(serial('2025-03-01'))];
    const failing = { ...STATUS, spill: { row: STATUS.row, answer: () => { throw new Error('boom'); } } };
    const environment = { settings: { dateSystem: '1900', dateValues: 'serial', locale: 'en' } as const, today: () => 0 };
    expect(runFunction(failing as never, args, environment).map((row) => row.map(comparable))).toEqual(runFunction(STATUS, args, environment).map((row) => row.map(comparable)));
  });

  test('rows a result shares between its cells are its own: changing one call\'s result leaves the next call\'s alone', () => {
    const [date] = sheet(100);
    const first = grid(status(date, OMITTED, OMITTED, OMITTED, OMITTED, one(serial('2025-03-01'))));
    const before = first.map(([cell]) => comparable(cell));
    for (const row of first) row[0] = 'changed';
    const second = grid(status(date, OMITTED, OMITTED, OMITTED, OMITTED, one(serial('2025-03-01'))));
    expect(second.map(([cell]) => comparable(cell))).toEqual(before);
  });
});
