import { a1, parseReference, qualified, quoteSheet, rect } from '../../src/excel/geometry';
import { applyChanges } from '../../src/excel/mapping';
import { rowsPerBlock, BLOCK_LIMITS } from '../../src/excel/read';
import { statusFormula } from '../../src/excel/highlight';
import { columnRuns } from '../../src/excel/write';

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

test('column runs split a block where the number of rows changes', () => {
  expect(columnRuns(2, 10, [40, 40, 30, 30, 0])).toEqual([rect(2, 10, 40, 2), rect(2, 12, 30, 2)]);
});
