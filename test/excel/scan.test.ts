/** The Excel source against the fake Excel: what a scan writes, where, and that it can be undone. */
import { dayFromIso, serialFromDay, statusLabel, DATE_NUMBER_FORMAT } from '../../src/rules';
import { ScanProblem, type ScanTarget } from '../../src/scan';
import { COLUMN_HEADERS, HIGHLIGHTS, memorySettingsStore } from '../../src/excel';
import { FIXTURE_COLUMNS, STATUS_CASES } from '../fixtures/cases';
import { columnValues, contentOf, fixtureBook, formatsOf, ignore, never, sourceFor, stateOf, request } from './helpers';

const options = request();
const serial = (iso: string | null) => (iso === null ? '' : serialFromDay(dayFromIso(iso), '1900'));

describe('a scan of the fixture table', () => {
  test('locate finds the header below the title row and maps every fixture column', async () => {
    const { host } = fixtureBook();
    const { source } = sourceFor(host);
    const target = await source.locate();
    expect(target).toMatchObject({ sheet: 'Subscriptions', address: 'Subscriptions!A3:I' + (3 + STATUS_CASES.length), headerRow: 3, dataRows: STATUS_CASES.length });
    expect(target.headers).toEqual(FIXTURE_COLUMNS.map(([, en]) => en));
    expect(Object.keys(target.columns).sort()).toEqual(FIXTURE_COLUMNS.map(([field]) => field).sort());
  });

  test('writes each row its status, due, suspension and cancellation date in new columns right of the data', async () => {
    const { host, sheet, table } = fixtureBook();
    const { source } = sourceFor(host);
    const outcome = await source.scan(await source.locate(), options, ignore, never());
    const status = table.column + table.columns; // J: right next to a plain range
    expect(columnValues(sheet, status, table.row, 1)).toEqual([COLUMN_HEADERS.en.status]);
    expect(columnValues(sheet, status, table.row + 1, STATUS_CASES.length)).toEqual(STATUS_CASES.map((c) => statusLabel(c.status)));
    expect(columnValues(sheet, status + 1, table.row + 1, STATUS_CASES.length)).toEqual(STATUS_CASES.map((c) => serial(c.dueDate)));
    expect(columnValues(sheet, status + 2, table.row + 1, STATUS_CASES.length)).toEqual(STATUS_CASES.map((c) => serial(c.suspensionDate)));
    expect(columnValues(sheet, status + 3, table.row + 1, STATUS_CASES.length)).toEqual(STATUS_CASES.map((c) => serial(c.cancellationDate)));
    expect(sheet.format(table.row + 1, status + 1)).toBe(DATE_NUMBER_FORMAT);
    expect(sheet.format(table.row, status + 1)).toBe('General');
    expect(sheet.format(table.row + 1, status)).toBe('General');
    expect(outcome.summary.rows).toBe(STATUS_CASES.length);
    expect(source.lastScan?.written).toBe(`Subscriptions!J3:M${3 + STATUS_CASES.length}`);
  });

  test('results carry each listed row with its explanation, and the summary counts every row', async () => {
    const { host } = fixtureBook();
    const { source } = sourceFor(host);
    const outcome = await source.scan(await source.locate(), options, ignore, never());
    // Listed: the rows that need a look (at risk, canceled, invalid); active and not-covered rows are only counted.
    const listed = STATUS_CASES.map((c, i) => ({ c, row: i + 4 })).filter(({ c }) => !['active', 'not-covered'].includes(c.status));
    expect(outcome.results.map((r) => [r.row, r.status])).toEqual(listed.map(({ c, row }) => [row, c.status]));
    expect(outcome.results.every((r) => r.explanation.length > 0)).toBe(true);
    for (const code of ['active', 'due-soon', 'expired', 'suspended', 'canceled', 'not-covered', 'invalid'] as const) {
      expect(outcome.summary.counts[code]).toBe(STATUS_CASES.filter((c) => c.status === code).length);
    }
    expect(outcome.omitted).toBe(0);
    const invalid = outcome.results.find((r) => r.status === 'invalid' && r.reason === 'unknown-terms');
    expect(invalid?.cell).toBe(`F${invalid?.row}`);
  });

  test('highlights rows with one conditional format per status, keyed on the Status column', async () => {
    const { host, sheet, table } = fixtureBook();
    const { source } = sourceFor(host);
    await source.scan(await source.locate(), options, ignore, never());
    const formats = sheet.conditionalFormats;
    expect(formats).toHaveLength(HIGHLIGHTS.length);
    expect(formats.map((f) => f.formula).sort()).toEqual(HIGHLIGHTS.map((h) => `=$J4="${statusLabel(h.status)}"`).sort());
    for (const f of formats) expect(f.rect).toEqual({ row: table.row + 1, column: 0, rows: STATUS_CASES.length, columns: table.columns + 4 });
  });

  test('in an Excel table, our columns leave one empty column so the table does not grow into them', async () => {
    const { host, book, sheet, table } = fixtureBook({ asTable: true });
    const { source } = sourceFor(host);
    await source.scan(await source.locate(), options, ignore, never());
    expect(book.tables[0].rect).toEqual(table);
    expect(columnValues(sheet, table.column + table.columns, table.row, 3)).toEqual(['', '', '']);
    expect(sheet.get(table.row, table.column + table.columns + 1)).toBe('Status');
  });

  test('the totals row of an Excel table is not scanned', async () => {
    const { host, book, sheet, table } = fixtureBook({ asTable: true });
    sheet.put(table.row + table.rows, 0, [['Total', '', '', '', '', '', '', '', '']]);
    book.tables[0].rect.rows++;
    book.tables[0].showTotals = true;
    const { source } = sourceFor(host);
    const target = await source.locate();
    expect(target.dataRows).toBe(STATUS_CASES.length);
    const outcome = await source.scan(target, options, ignore, never());
    expect(outcome.summary.rows).toBe(STATUS_CASES.length);
    expect(sheet.get(table.row + table.rows, table.column + table.columns + 1)).toBe('');
  });

  test('Danish headers are mapped and Danish labels are written', async () => {
    const { host, sheet, table } = fixtureBook({ language: 'da' });
    const { source } = sourceFor(host);
    const target = await source.locate();
    expect(Object.keys(target.columns).sort()).toEqual(FIXTURE_COLUMNS.map(([field]) => field).sort());
    await source.scan(target, request({ locale: 'da' }), ignore, never());
    const status = table.column + table.columns;
    expect(columnValues(sheet, status, table.row, 2)).toEqual(['Status', statusLabel(STATUS_CASES[0].status, 'da')]);
    expect(sheet.get(table.row, status + 1)).toBe('Forfaldsdato');
    expect(sheet.conditionalFormats.some((f) => f.formula === '=$J4="Suspenderet"')).toBe(true);
  });

  test('a 1904 workbook: date serials are read and written in the 1904 system', async () => {
    const { host, sheet, table } = fixtureBook({ system: '1904' });
    const { source } = sourceFor(host);
    const outcome = await source.scan(await source.locate(), options, ignore, never());
    expect(source.lastScan?.dateSystem).toBe('1904');
    const status = table.column + table.columns;
    expect(columnValues(sheet, status, table.row + 1, STATUS_CASES.length)).toEqual(STATUS_CASES.map((c) => statusLabel(c.status)));
    const dueSerials = columnValues(sheet, status + 1, table.row + 1, STATUS_CASES.length);
    expect(dueSerials).toEqual(STATUS_CASES.map((c) => (c.dueDate === null ? '' : serialFromDay(dayFromIso(c.dueDate), '1904'))));
    const s1 = outcome.results.find((r) => r.id === 'S-006');
    expect(s1?.dueDate).toBe('2025-02-13');
  });

  test('status only: a single Status column and no date formats', async () => {
    const { host, sheet, table } = fixtureBook();
    const { source } = sourceFor(host);
    await source.scan(await source.locate(), request({}, false), ignore, never());
    const status = table.column + table.columns;
    expect(sheet.get(table.row, status)).toBe('Status');
    expect(columnValues(sheet, status + 1, table.row, table.rows).every((v) => v === '')).toBe(true);
    expect(formatsOf(host)).toEqual({});
  });
});

describe('what real Excel needs besides the cells', () => {
  test('our name is hidden (set after the sync that adds it: office-js #3878) and stays hidden', async () => {
    const { host, book } = fixtureBook();
    const { source } = sourceFor(host);
    await source.scan(await source.locate(), options, ignore, never());
    expect([...book.names.values()].map((n) => [n.name, n.visible])).toEqual([['SubscriptionGuard_1', false]]);
  });

  test('every sync that writes cells suspends calculation and screen updating; one recalculation follows (Excel.Application)', async () => {
    const { host } = fixtureBook();
    const { source } = sourceFor(host, memorySettingsStore(), { limits: { cells: 40, bytes: 1_000_000 } });
    const target = await source.locate();
    host.resetCounters();
    await source.scan(target, options, ignore, never());
    const writing = host.syncLog.filter((commands) => commands.includes('set Range.values') || commands.includes('set Range.numberFormat'));
    expect(writing.length).toBeGreaterThan(3);
    for (const commands of writing) {
      expect(commands).toEqual(expect.arrayContaining(['call Application.suspendApiCalculationUntilNextSync', 'call Application.suspendScreenUpdatingUntilNextSync']));
    }
    expect(host.syncLog.flat().filter((c) => c === 'call Application.calculate(Recalculate)')).toHaveLength(1);
  });
});

describe('idempotent', () => {
  test('a second scan updates the same columns: no new columns, names or formats', async () => {
    const { host, book } = fixtureBook();
    const { source, store } = sourceFor(host);
    const target = await source.locate();
    await source.scan(target, options, ignore, never());
    const after1 = stateOf(host, store);
    await source.scan(await source.locate(), options, ignore, never());
    expect(stateOf(host, store)).toEqual(after1);
    expect(source.lastScan?.writeBlocks).toBe(0);
    expect(book.names.size).toBe(1);
  });

  test('a changed row is updated in place on the next scan', async () => {
    const { host, sheet, table } = fixtureBook();
    const { source } = sourceFor(host);
    await source.scan(await source.locate(), options, ignore, never());
    // S-001 (active, due 2025-03-16) becomes paid: still active; S-006 (suspended) gets paid.
    const s006 = STATUS_CASES.findIndex((c) => c.row.id === 'S-006');
    sheet.set(table.row + 1 + s006, 7, 'Ja');
    await source.scan(await source.locate(), options, ignore, never());
    const status = table.column + table.columns;
    expect(sheet.get(table.row + 1 + s006, status)).toBe('Active');
    expect(sheet.get(table.row, status + 4)).toBe('');
    expect(sheet.conditionalFormats).toHaveLength(HIGHLIGHTS.length);
  });

  test('switching the date columns off removes them; on again brings them back in place', async () => {
    const { host, sheet, table } = fixtureBook();
    const { source, store } = sourceFor(host);
    await source.scan(await source.locate(), options, ignore, never());
    const withDates = contentOf(host);
    await source.scan(await source.locate(), request({}, false), ignore, never());
    const status = table.column + table.columns;
    expect(columnValues(sheet, status + 1, table.row, table.rows).every((v) => v === '')).toBe(true);
    expect(formatsOf(host)).toEqual({});
    await source.scan(await source.locate(), options, ignore, never());
    expect(contentOf(host)).toEqual(withDates);
    expect(Object.keys(store.saved())).toEqual(['subscriptionGuard.excel.annotations']);
  });

  test('a column inserted inside the table moves our columns along, and the next scan updates them there', async () => {
    const { host, sheet, book, table } = fixtureBook({ asTable: true });
    const { source } = sourceFor(host);
    await source.scan(await source.locate(), options, ignore, never());
    sheet.insertColumns(3, 1);
    sheet.set(table.row, 3, 'Notes');
    await source.scan(await source.locate(), options, ignore, never());
    const status = table.column + table.columns + 2; // one more table column, then the gap
    expect(sheet.get(table.row, status)).toBe('Status');
    expect(sheet.get(table.row, status + 4)).toBe('');
    expect(book.names.size).toBe(1);
    expect(sheet.conditionalFormats).toHaveLength(HIGHLIGHTS.length);
  });
});

test('a table widened up to our columns: the next scan moves them one column right, never into the table', async () => {
  const { host, sheet, book, table } = fixtureBook({ asTable: true });
  const { source, store } = sourceFor(host);
  const before = stateOf(host, store);
  await source.scan(await source.locate(), options, ignore, never());
  const gap = table.column + table.columns;
  // The user adds a "Notes" column to the table, in the gap we left.
  book.tables[0].rect.columns++;
  sheet.set(table.row, gap, 'Notes');
  const notesState = { ...before };
  await source.scan(await source.locate(), options, ignore, never());
  expect(book.tables[0].rect.columns).toBe(table.columns + 1);
  expect(sheet.get(table.row, gap)).toBe('Notes');
  expect(sheet.get(table.row, gap + 1)).toBe('');
  expect(sheet.get(table.row, gap + 2)).toBe('Status');
  expect(source.lastScan?.relocated).toBe(false);
  await source.clear();
  sheet.set(table.row, gap, '');
  book.tables[0].rect.columns--;
  expect(stateOf(host, store)).toEqual(notesState);
});

describe('never into a cell the user owns', () => {
  test('a value right of the table sends our columns right of the used range, the value untouched', async () => {
    const { host, sheet, table } = fixtureBook();
    sheet.set(table.row + 5, table.column + table.columns + 2, 'my note');
    const { source } = sourceFor(host);
    await source.scan(await source.locate(), options, ignore, never());
    expect(sheet.get(table.row + 5, table.column + table.columns + 2)).toBe('my note');
    expect(source.lastScan?.relocated).toBe(true);
    const status = table.column + table.columns + 3;
    expect(sheet.get(table.row, status)).toBe('Status');
    expect(columnValues(sheet, status, table.row + 1, STATUS_CASES.length)).toEqual(STATUS_CASES.map((c) => statusLabel(c.status)));
  });

  test('a value typed next to the table after a scan makes the next scan move, and clears the old columns', async () => {
    const { host, sheet, table } = fixtureBook();
    const { source, store } = sourceFor(host);
    const before = stateOf(host, store);
    await source.scan(await source.locate(), request({}, false), ignore, never());
    const status = table.column + table.columns;
    // The user writes below our Status column, in a row the table grows into.
    sheet.put(table.row + table.rows, 0, [['Z-001', 'Revit', 45700]]);
    sheet.set(table.row + table.rows, status + 1, 'keep');
    await source.scan(await source.locate(), options, ignore, never());
    expect(sheet.get(table.row + table.rows, status + 1)).toBe('keep');
    expect(source.lastScan?.relocated).toBe(true);
    expect(sheet.get(table.row, status)).toBe('');
    await source.clear();
    sheet.put(table.row + table.rows, 0, [['', '', '']]);
    sheet.set(table.row + table.rows, status + 1, '');
    expect(stateOf(host, store)).toEqual(before);
  });

  test('when no column is free, the scan refuses and writes nothing', async () => {
    const { host, sheet } = fixtureBook();
    sheet.set(0, 16_383, 'edge');
    sheet.set(5, 9, 'blocks J');
    const { source, store } = sourceFor(host);
    const before = stateOf(host, store);
    await expect(source.scan(await source.locate(), options, ignore, never())).rejects.toMatchObject({ code: 'too-big' });
    expect(stateOf(host, store)).toEqual(before);
  });
});

describe('clear', () => {
  test('restores the workbook exactly: cells, formats, conditional formats, names and settings', async () => {
    const { host, sheet } = fixtureBook({ asTable: true });
    sheet.setFormat(2, 12, '0.00'); // a user format inside our future Status block's header row
    const { source, store } = sourceFor(host);
    const before = stateOf(host, store);
    await source.scan(await source.locate(), options, ignore, never());
    expect(stateOf(host, store)).not.toEqual(before);
    await source.clear();
    expect(stateOf(host, store)).toEqual(before);
  });

  test('after several scans, relocations and a locale change, clear still restores everything', async () => {
    const { host, sheet, table } = fixtureBook();
    const { source, store } = sourceFor(host);
    const before = stateOf(host, store);
    await source.scan(await source.locate(), options, ignore, never());
    await source.scan(await source.locate(), request({ locale: 'da' }, false), ignore, never());
    await source.scan(await source.locate(), options, ignore, never());
    sheet.setFormat(table.row + 1, 20, 'dd.mm.yyyy'); // untouched user format far right
    const withUserFormat = stateOf(host, store).workbook;
    await source.clear();
    sheet.setFormat(table.row + 1, 20, 'General');
    expect(stateOf(host, store)).toEqual(before);
    expect(withUserFormat).toBeDefined();
  });

  test('leaves date columns that had the user\'s own number format as they were', async () => {
    const { host, sheet, table } = fixtureBook();
    for (let r = table.row + 1; r <= table.row + STATUS_CASES.length; r++) sheet.setFormat(r, 10, 'dd-mm-yyyy');
    const { source, store } = sourceFor(host);
    const before = stateOf(host, store);
    await source.scan(await source.locate(), options, ignore, never());
    expect(sheet.format(table.row + 1, 10)).toBe('dd-mm-yyyy');
    expect(sheet.format(table.row + 1, 11)).toBe(DATE_NUMBER_FORMAT);
    await source.clear();
    expect(stateOf(host, store)).toEqual(before);
  });
});

describe('mapping', () => {
  test('a saved mapping change is applied on the next locate, also after a reload', async () => {
    const { host, sheet, table } = fixtureBook();
    sheet.set(table.row, 4, 'Next payment'); // the invoice date column under a header no alias knows
    const first = sourceFor(host);
    const target = await first.source.locate();
    expect(target.columns.invoiceDate).toBeUndefined();
    const changed = await first.source.saveMapping(target, 'invoiceDate', 4);
    expect(changed.columns.invoiceDate).toBe(4);
    const reloaded = sourceFor(host, memorySettingsStore(first.store.saved()));
    const again = await reloaded.source.locate();
    expect(again.columns.invoiceDate).toBe(4);
    const outcome = await reloaded.source.scan(again, options, ignore, never());
    const n001 = outcome.results.find((r) => r.id === 'N-001');
    expect(n001?.status).toBe('suspended');
  });

  test('a field set to no column stays unmapped', async () => {
    const { host } = fixtureBook();
    const { source } = sourceFor(host);
    await source.saveMapping(await source.locate(), 'paid', null);
    expect((await source.locate()).columns.paid).toBeUndefined();
  });
});

describe('finding the target', () => {
  test('the current region around the selection, when it is not a table', async () => {
    const { host, sheet, book } = fixtureBook({ column: 3 });
    sheet.put(60, 0, [['unrelated'], ['notes']]);
    const { source } = sourceFor(host);
    expect((await source.locate()).address).toBe(`Subscriptions!D3:L${3 + STATUS_CASES.length}`);
    book.select(sheet, { row: 200, column: 200, rows: 1, columns: 1 });
    // An empty cell far away: the used range holds the table (its title row is dropped).
    expect((await source.locate()).address).toBe(`Subscriptions!D3:L${3 + STATUS_CASES.length}`);
  });

  test('a selected chart falls back to the used range', async () => {
    const { host, book } = fixtureBook();
    book.selection = null;
    const { source } = sourceFor(host);
    expect((await source.locate()).headerRow).toBe(3);
  });

  test('our own columns are not part of the table the second time, even with the selection in them', async () => {
    const { host, book, sheet, table } = fixtureBook();
    const { source } = sourceFor(host);
    const first = await source.locate();
    await source.scan(first, options, ignore, never());
    expect(await source.locate()).toEqual(first);
    book.select(sheet, { row: table.row + 3, column: table.column + table.columns + 1, rows: 1, columns: 1 });
    expect(await source.locate()).toEqual(first);
  });
});

describe('problems: a clear code, and nothing written', () => {
  const cases: Array<[string, (b: ReturnType<typeof fixtureBook>) => void, string]> = [
    ['a protected sheet', (b) => (b.sheet.protected = true), 'protected-sheet'],
    ['an active sheet filter', (b) => (b.sheet.autoFilter.isDataFiltered = true), 'filtered'],
    ['a filtered table', (b) => (b.book.tables[0].filtered = true), 'filtered'],
    ['merged header cells', (b) => b.sheet.merged.push({ row: 2, column: 1, rows: 1, columns: 2 }), 'merged-header'],
  ];
  test.each(cases)('%s', async (_, spoil, code) => {
    const b = fixtureBook({ asTable: code === 'filtered' && _ === 'a filtered table' });
    const { source, store } = sourceFor(b.host);
    const target = code === 'merged-header' ? null : await source.locate();
    spoil(b);
    const before = stateOf(b.host, store);
    const attempt = target ? source.scan(target, options, ignore, never()) : source.locate();
    await expect(attempt).rejects.toBeInstanceOf(ScanProblem);
    await expect(attempt).rejects.toMatchObject({ code });
    expect(stateOf(b.host, store)).toEqual(before);
  });

  test('merged header cells are refused by scan too', async () => {
    const b = fixtureBook();
    const { source, store } = sourceFor(b.host);
    const target = await source.locate();
    b.sheet.merged.push({ row: 2, column: 1, rows: 1, columns: 2 });
    const before = stateOf(b.host, store);
    await expect(source.scan(target, options, ignore, never())).rejects.toMatchObject({ code: 'merged-header', detail: 'Subscriptions!B3:C3' });
    expect(stateOf(b.host, store)).toEqual(before);
  });

  test('an empty sheet', async () => {
    const { host } = fixtureBook({ rows: [] });
    host.workbook.sheets[0].cells.clear();
    const { source, store } = sourceFor(host);
    const before = stateOf(host, store);
    await expect(source.locate()).rejects.toMatchObject({ code: 'empty-sheet' });
    expect(stateOf(host, store)).toEqual(before);
  });

  test('no recognisable header', async () => {
    const { host, sheet } = fixtureBook();
    sheet.put(2, 0, [['Who', 'What', 'When', 'Where', 'Why', 'How', 'Which', 'Whom', 'Whose']]);
    const { source, store } = sourceFor(host);
    const before = stateOf(host, store);
    await expect(source.locate()).rejects.toMatchObject({ code: 'no-header' });
    expect(stateOf(host, store)).toEqual(before);
  });
});

describe('selecting a row', () => {
  test('selects the row across the table and our columns', async () => {
    const { host, book, sheet } = fixtureBook();
    const { source } = sourceFor(host);
    await source.scan(await source.locate(), options, ignore, never());
    await source.selectRow(10);
    expect(book.selection).toEqual({ sheet, rect: { row: 9, column: 0, rows: 1, columns: 13 } });
  });

  test('a row outside the table is a programming error', async () => {
    const { host } = fixtureBook();
    const { source } = sourceFor(host);
    await source.locate();
    await expect(source.selectRow(3)).rejects.toBeInstanceOf(RangeError);
  });
});

export type { ScanTarget };
