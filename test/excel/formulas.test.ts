/**
 * A formula is always the user's data. `Range.values` reads what a formula shows, so
 * `=IF(…,"",…)` reads as "" (learn.microsoft.com Excel.Range.values, "raw values"); only
 * `Range.formulas` tells it from an empty cell (Excel.Range.formulas: "If a cell has no formula,
 * its value is returned instead"). The fake models both (test/excel/fake-excel.ts).
 */
import { applyPatches } from '../../src/excel/write';
import { rect } from '../../src/excel/geometry';
import { OfficeError } from './fake-excel';
import { fixtureBook, ignore, never, sourceFor, stateOf, request } from './helpers';

const options = request();
const QUIET = '=IF(B8="Revit","","check")';

describe('a formula showing "" right of the table', () => {
  const setUp = () => {
    const b = fixtureBook();
    const at = { row: b.table.row + 5, column: b.table.column + b.table.columns + 1 }; // where our Due date column would go
    b.sheet.putFormula(at.row, at.column, QUIET, '');
    return { ...b, at };
  };

  test('is not overwritten: our columns go right of it, and Clear leaves it', async () => {
    const { host, sheet, at } = setUp();
    const { source, store } = sourceFor(host);
    const before = stateOf(host, store);
    await source.scan(await source.locate(), options, ignore, never());
    expect(sheet.formula(at.row, at.column)).toBe(QUIET);
    expect(source.lastScan?.relocated).toBe(true);
    await source.clear();
    expect(stateOf(host, store)).toEqual(before);
  });

  test('survives a scan that fails in its last sync: the rollback puts formulas back as formulas', async () => {
    const { host, sheet, at } = setUp();
    const { source, store } = sourceFor(host);
    const target = await source.locate();
    const before = stateOf(host, store);
    host.commandFaults.push((command) => (command === 'call NamedItemCollection.add' ? new OfficeError('GeneralException', 'no names today') : null));
    await expect(source.scan(target, options, ignore, never())).rejects.toThrow('no names today');
    expect(sheet.formula(at.row, at.column)).toBe(QUIET);
    expect(stateOf(host, store)).toEqual(before);
  });
});

test('a formula the user types into our Status column after a scan survives the next scan and Clear', async () => {
  const { host, sheet, table } = fixtureBook();
  const { source, store } = sourceFor(host);
  const status = table.column + table.columns;
  await source.scan(await source.locate(), options, ignore, never());
  sheet.putFormula(table.row + 3, status, '=IF(H6="Ja","Paid","")', 'Paid');
  const withFormula = stateOf(host, store).workbook as { sheets: Array<{ formulas: object }> };
  await source.scan(await source.locate(), options, ignore, never());
  expect(sheet.formula(table.row + 3, status)).toBe('=IF(H6="Ja","Paid","")');
  await source.clear();
  expect(sheet.formula(table.row + 3, status)).toBe('=IF(H6="Ja","Paid","")');
  const after = stateOf(host, store).workbook as { sheets: Array<{ formulas: object; cells: Record<string, unknown> }> };
  expect(after.sheets[0].formulas).toEqual(withFormula.sheets[0].formulas);
  // Nothing of ours is left: only the user's formula shows in our old columns.
  const ours = Object.keys(after.sheets[0].cells).filter((address) => /^[J-Z]\d+$/.test(address));
  expect(ours).toEqual([`J${table.row + 4}`]);
  expect(store.saved()).toEqual({});
});

test('putting a block back writes a formula it read as a formula, not as the value it showed', async () => {
  const { host, sheet } = fixtureBook();
  sheet.putFormula(0, 20, '=TODAY()', 45700);
  await host.run(async (context) => {
    const ws = context.workbook.worksheets.getItem('Subscriptions');
    const area = rect(0, 20, 1, 1);
    const patch = {
      rect: area,
      before: { value: () => '=TODAY()', format: () => 'General' },
      after: { value: () => 'Active', format: () => 'General' },
      formatColumns: [],
    };
    await applyPatches(context, ws as unknown as Excel.Worksheet, [patch], 'after');
    expect(sheet.get(0, 20)).toBe('Active');
    await applyPatches(context, ws as unknown as Excel.Worksheet, [patch], 'before');
  });
  expect(sheet.formula(0, 20)).toBe('=TODAY()');
  expect(sheet.get(0, 20)).toBe(45700);
});
