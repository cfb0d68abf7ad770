import { a1, parseReference, qualified, quoteSheet, rect } from '../../src/excel/geometry';
import { applyChanges } from '../../src/excel/mapping';
import { rowsPerBlock, BLOCK_LIMITS } from '../../src/excel/read';
import { highlightNow, statusFormula } from '../../src/excel/highlight';
import { ownsCell, type Version } from '../../src/excel/placement';
import type { Annotation } from '../../src/excel/record';

describe('addresses', () => {
  test.each([
    ['Sheet1!A3:J41', { sheet: 'Sheet1', rect: rect(2, 0, 39, 10) }],
    ["'Q1 2025'!$K$3:$N$41", { sheet: 'Q1 2025', rect: rect(2, 10, 39, 4) }],
    ["='It''s'!$B$2", { sheet: "It's", rect: rect(1, 1, 1, 1) }],
    ['A1:B2', { sheet: null, rect: rect(0, 0, 2, 2) }],
    ['=#REF!', null],
    ['Sheet1!XFE1', null],
  ])('%s parses to its sheet and block', (text, expected) => {
    expect(parseReference(text)).toEqual(expected);
  });

  test('a block prints as the user sees it, quoted where Excel quotes', () => {
    expect(a1(rect(2, 0, 39, 10))).toBe('A3:J41');
    expect(qualified('Q1 2025', rect(0, 0, 1, 1))).toBe("'Q1 2025'!A1");
    expect(quoteSheet('Sheet1')).toBe('Sheet1');
    expect(quoteSheet('AB12')).toBe("'AB12'");
  });

  test('an address round-trips', () => {
    const r = rect(99, 27, 5, 3);
    expect(parseReference(qualified('Data', r))).toEqual({ sheet: 'Data', rect: r });
  });
});

describe('block size', () => {
  test('rows per block keep a block at or under 100,000 cells', () => {
    expect(rowsPerBlock(10)).toBe(10_000);
    expect(rowsPerBlock(13) * 13).toBeLessThanOrEqual(BLOCK_LIMITS.cells);
    expect(rowsPerBlock(200_000)).toBe(1);
  });

  test('long text shrinks the block to the byte budget', () => {
    expect(rowsPerBlock(10, 500)).toBe(5_000);
    expect(rowsPerBlock(10, 5)).toBe(10_000);
  });
});

describe('column mapping changes', () => {
  const headers = ['ID', 'Start', 'Renewal', 'Start'];

  test('a change maps the field to the named header', () => {
    expect(applyChanges({ renewalDate: 2 }, headers, { renewalDate: { header: 'start', index: 1 } })).toEqual({ renewalDate: 1 });
  });

  test('of two equal headers the one at the saved position wins', () => {
    expect(applyChanges({}, headers, { purchaseDate: { header: 'start', index: 3 } })).toEqual({ purchaseDate: 3 });
  });

  test('null unmaps a field', () => {
    expect(applyChanges({ id: 0, renewalDate: 2 }, headers, { id: null })).toEqual({ renewalDate: 2 });
  });

  test('a change whose header is gone leaves the automatic mapping', () => {
    expect(applyChanges({ renewalDate: 2 }, headers, { renewalDate: { header: 'nextpayment', index: 5 } })).toEqual({ renewalDate: 2 });
  });
});

test('the highlight formula reads the Status column of the first data row, absolute in column only', () => {
  expect(statusFormula({ range: rect(3, 0, 40, 11), statusColumn: 10, locale: 'en' }, 'suspended')).toBe('=$K4="Suspended"');
  expect(statusFormula({ range: rect(3, 0, 40, 11), statusColumn: 10, locale: 'da' }, 'due-soon')).toBe('=$K4="Forfalder snart"');
});

const annotation: Annotation = {
  name: 'SubscriptionGuard_1', sheetId: 'S', block: rect(2, 10, 4, 2), kinds: ['status', 'due'], offset: 1, formats: [null, 'General'],
  highlight: { range: rect(3, 0, 3, 12), statusColumn: 10, locale: 'en' },
};

describe('which cells of an earlier block are ours', () => {
  // Rows 2..5, columns K (status) and L (due date); the header row is row 2.
  const sheet = (header: [unknown, unknown], cells: Record<string, unknown>) => ({
    value: (row: number, column: number) => (row === 2 ? header[column - 10] : cells[`${row},${column}`] ?? ''),
    format: () => 'General',
  });
  const version = (named: boolean): Version => ({ annotation, sheetName: 'Sheet1', rect: annotation.block, named, visible: named ? false : null });

  test.each([
    ['a status label', 3, 10, 'Suspended', true],
    ['a Danish status label', 3, 10, 'Suspenderet', true],
    ['an empty cell', 4, 10, '', true],
    ['the user\'s text in the Status column', 3, 10, 'call them', false],
    ['a formula', 3, 10, '=A4', false],
    ['a date serial', 3, 11, 45700, true],
    ['text in the date column', 3, 11, 'soon', false],
    ['a cell outside the block', 3, 12, 'Suspended', false],
  ])('without our name (after a Ctrl+Z): %s', (_, row, column, value, ours) => {
    const owns = ownsCell(version(false), sheet(['Status', 'Due date'], { [`${row},${column}`]: value }));
    expect(owns(row, column)).toBe(ours);
  });

  test('without our name, a column under someone else\'s header is not ours at all', () => {
    const owns = ownsCell(version(false), sheet(['Notes', 'Forfaldsdato'], { '3,10': 'Suspended', '3,11': 45700 }));
    expect([owns(2, 10), owns(3, 10), owns(2, 11), owns(3, 11)]).toEqual([false, false, true, true]);
  });

  test('with our name, every cell of the block is ours but a formula', () => {
    const owns = ownsCell(version(true), sheet(['Notes', ''], { '3,10': 'call them', '3,11': '=TODAY()' }));
    expect([owns(2, 10), owns(3, 10), owns(3, 11), owns(3, 12)]).toEqual([true, true, false, false]);
  });
});

test.each([
  ['where it was written', rect(2, 10, 4, 2), rect(3, 0, 3, 12)],
  ['after a column inserted inside the table (block one right, range one wider)', rect(2, 11, 4, 2), rect(3, 0, 3, 13)],
  ['after a row inserted inside the table', rect(2, 10, 5, 2), rect(3, 0, 4, 12)],
])('our highlight is looked for %s', (_, now, range) => {
  expect(highlightNow(annotation, now, 0)).toEqual({ range, statusColumn: now.column, locale: 'en' });
  expect(highlightNow(annotation, rect(2, 10, 1, 2))).toBeNull();
});
