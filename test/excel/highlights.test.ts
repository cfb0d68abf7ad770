/**
 * Our conditional formats are found again by what they are (a Custom format with our formula and
 * colours, on our rows), never by id: `ConditionalFormat.id` is "the priority of the conditional
 * format in the current ConditionalFormatCollection" (learn.microsoft.com Excel.ConditionalFormat.id),
 * and new formats go to the top priority (ConditionalFormatCollection.add), so every format the
 * user adds shifts our ids. The fake models priorities as ids (test/excel/fake-excel.ts).
 */
import { HIGHLIGHTS, statusFormula } from '../../src/excel';
import { STATUS_CASES } from '../fixtures/cases';
import type { FakeConditionalFormat } from './fake-excel';
import { fixtureBook, ignore, never, sourceFor, stateOf, request } from './helpers';

const options = request();

/** A format the user adds after our scan, over the same rows: Revit rows in green. */
const USERS: FakeConditionalFormat = { type: 'Custom', rect: { row: 3, column: 0, rows: STATUS_CASES.length, columns: 9 }, formula: '=$B4="Revit"', fill: '#00FF00', font: '#000000' };

/** Our formula with the user's own colour: still the user's format. */
const LOOKALIKE: FakeConditionalFormat = { ...USERS, formula: '=$J4="Suspended"', fill: '#123456' };

async function scannedWithUsersFormat(user: FakeConditionalFormat) {
  const b = fixtureBook();
  const { source, store } = sourceFor(b.host);
  const clean = stateOf(b.host, store);
  await source.scan(await source.locate(), options, ignore, never());
  b.sheet.addConditionalFormat(user);
  // What Clear must leave: the clean book with the user's format.
  const expected = fixtureBook();
  expected.sheet.addConditionalFormat(user);
  return { ...b, source, store, clean, expected: stateOf(expected.host, sourceFor(expected.host).store) };
}

describe.each([
  ['a format of the user\'s added after our scan', USERS],
  ['a format of the user\'s with our formula but the user\'s colour', LOOKALIKE],
])('%s', (_, user) => {
  test('survives Clear, which removes all of ours', async () => {
    const { source, host, store, expected } = await scannedWithUsersFormat(user);
    await source.clear();
    expect(stateOf(host, store)).toEqual(expected);
  });

  test('survives a rescan that replaces our highlights (Danish), and Clear after it', async () => {
    const { source, host, sheet, store, expected } = await scannedWithUsersFormat(user);
    await source.scan(await source.locate(), request({ locale: 'da' }), ignore, never());
    const spec = { range: { row: 3, column: 0, rows: STATUS_CASES.length, columns: 13 }, statusColumn: 9, locale: 'da' as const };
    expect(sheet.conditionalFormats.map((f) => f.formula).sort()).toEqual([user.formula, ...HIGHLIGHTS.map((h) => statusFormula(spec, h.status))].sort());
    await source.clear();
    expect(stateOf(host, store)).toEqual(expected);
  });

  test('survives a rescan that keeps our highlights, and Clear after it', async () => {
    const { source, host, sheet, store, expected } = await scannedWithUsersFormat(user);
    await source.scan(await source.locate(), options, ignore, never());
    expect(sheet.conditionalFormats).toHaveLength(HIGHLIGHTS.length + 1);
    expect(sheet.conditionalFormats[0]).toEqual(user);
    await source.clear();
    expect(stateOf(host, store)).toEqual(expected);
  });
});

test('after a column is inserted inside the table, our formats are found where Excel moved them and replaced once', async () => {
  const { host, sheet, table } = fixtureBook({ asTable: true });
  const { source } = sourceFor(host);
  await source.scan(await source.locate(), options, ignore, never());
  sheet.insertColumns(3, 1);
  sheet.set(table.row, 3, 'Notes');
  await source.scan(await source.locate(), request({ locale: 'da' }), ignore, never());
  const status = table.column + table.columns + 2;
  const spec = { range: { row: table.row + 1, column: 0, rows: STATUS_CASES.length, columns: status + 4 }, statusColumn: status, locale: 'da' as const };
  expect(sheet.conditionalFormats.map((f) => f.formula).sort()).toEqual(HIGHLIGHTS.map((h) => statusFormula(spec, h.status)).sort());
  await source.clear();
  expect(sheet.conditionalFormats).toEqual([]);
});
