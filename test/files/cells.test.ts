import { dayFromIso, type CellValue } from '../../src/rules';
import { cellValueFromExcel } from '../../src/files/exceljs';
import { scanSettings } from '../../src/scan';
import { TableScanner, type TableEvent } from '../../src/files/table';
import { AS_OF } from './fixture-files';

const utc = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('ExcelJS cell values become the rules\' cell values (to check an in-memory copy against our reader)', () => {
  test.each<[string, unknown, CellValue]>([
    ['a date cell becomes a day', utc('2025-01-31'), { day: 20119 /* 2025-01-31 */ }],
    ['a date with a time of day keeps its date', new Date(Date.UTC(2025, 0, 31, 23, 59)), { day: 20119 /* 2025-01-31 */ }],
    // ExcelJS turns serial v into 1899-12-31 + (v - 1) days, a day early before Excel's fictitious
    // 1900-02-29 (serial 60); the serial goes back to the rules, which know the quirk.
    ['ExcelJS\'s 1900-02-27 is serial 59, Excel\'s 1900-02-28', utc('1900-02-27'), 59],
    ['ExcelJS\'s 1900-02-28 is serial 60, Excel\'s fictitious 1900-02-29', utc('1900-02-28'), 60],
    ['from 1900-03-01 on, dates agree', utc('1900-03-01'), { day: dayFromIso('1900-03-01') }],
    ['text stays text', ' Net 30 ', ' Net 30 '],
    ['a number stays a number (a serial in a date column)', 45688, 45688],
    ['a boolean stays a boolean', true, true],
    ['rich text is its plain text', { richText: [{ text: 'Re' }, { font: { bold: true }, text: 'vit' }] }, 'Revit'],
    ['a formula is its cached result', { formula: 'A1+30', result: 45718 }, 45718],
    ['a formula with a date result', { formula: 'TODAY()', result: utc('2025-03-01') }, { day: dayFromIso('2025-03-01') }],
    ['an error cell is its error text', { error: '#N/A' }, '#N/A'],
    ['a hyperlink is its text', { text: 'Contract 42', hyperlink: 'https://example.com' }, 'Contract 42'],
    ['an empty cell is null', null, null],
    ['an invalid date is null', new Date(NaN), null],
  ])('%s', (_, value, expected) => {
    expect(cellValueFromExcel(value, '1900')).toEqual(expected);
  });
});

describe('the table is found in a stream of rows', () => {
  const header = ['Subscription ID', 'Product', 'Renewal date'];
  const run = (rows: Array<[number, CellValue[]]>) => {
    const scanner = new TableScanner<number>(scanSettings({ asOf: AS_OF }));
    const events: Array<TableEvent<number>> = [];
    for (const [number, values] of rows) scanner.push(number, values, number, events);
    scanner.end(events);
    return { events: events.map((e) => `${e.kind}:${e.row.sheetRow}${e.kind === 'data' ? `:${e.result.status}` : ''}`), header: scanner.header };
  };

  test('title rows above the header are passed over; blank rows below it are skipped', () => {
    const { events, header: found } = run([
      [1, ['Acme A/S subscriptions']],
      [3, header],
      [4, ['S-1', 'Revit', { day: dayFromIso('2025-03-16') }]],
      [5, [null, '  ', null]],
      [7, ['S-2', 'Maya', { day: dayFromIso('2025-01-14') }]],
    ]);
    expect(events).toEqual(['above:1', 'header:3', 'data:4:active', 'blank:5', 'data:7:canceled']);
    expect(found).toEqual({ sheetRow: 3, columns: { id: 0, product: 1, renewalDate: 2 }, width: 3 });
  });

  test('a header below row 30 is not looked for: every row is passed over', () => {
    const rows: Array<[number, CellValue[]]> = [[31, header], [32, ['S-1', 'Revit', '2025-03-16']]];
    expect(run(rows)).toEqual({ events: ['above:31', 'above:32'], header: null });
  });

  test('the header row is the one naming the most fields, not the first that names two', () => {
    const { header: found } = run([
      [1, ['Product', 'Renewal date']],
      [2, ['Subscription ID', 'Product', 'Renewal date', 'Paid']],
    ]);
    expect(found?.sheetRow).toBe(2);
  });

  test('rows come out as soon as the search window is passed, without waiting for the end', () => {
    const scanner = new TableScanner<number>(scanSettings({ asOf: AS_OF }));
    const events: Array<TableEvent<number>> = [];
    scanner.push(1, header, 1, events);
    expect(events).toEqual([]);
    scanner.push(40, ['S-1', 'Revit', '2025-03-16'], 40, events);
    expect(events.map((e) => e.kind)).toEqual(['header', 'data']);
  });
});
