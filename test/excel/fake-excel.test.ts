/** The fake itself: it must hold the add-in to Office.js's rules, or the other tests prove little. */
import { FakeExcel, FakeWorkbook } from './fake-excel';

function host() {
  const book = new FakeWorkbook();
  book.active.put(0, 0, [['ID', 'Renewal date'], ['S-1', 45700], ['S-2', 45701]]);
  return new FakeExcel(book);
}

test('a property is readable only after load and sync, and holds the value as of that sync', async () => {
  const excel = host();
  await excel.run(async (context) => {
    const range = context.workbook.worksheets.getActiveWorksheet().getRange('A1:B3');
    expect(() => range.values).toThrow(/call the load method/);
    range.load('values');
    expect(() => range.values).toThrow(/call the load method/);
    await context.sync();
    excel.workbook.active.set(1, 0, 'changed later');
    expect(range.values[1][0]).toBe('S-1');
  });
});

test('writes happen at sync, in order; a failing command keeps the earlier ones and drops the later', async () => {
  const excel = host();
  await excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getActiveWorksheet();
    sheet.getRange('C1').values = [['first']];
    expect(excel.workbook.active.get(0, 2)).toBe('');
    sheet.getRange('C2:D2').values = [['wrong shape']];
    sheet.getRange('C3').values = [['never']];
    await expect(context.sync()).rejects.toMatchObject({ code: 'InvalidArgument' });
  });
  expect(excel.workbook.active.get(0, 2)).toBe('first');
  expect(excel.workbook.active.get(2, 2)).toBe('');
  expect(excel.counters.syncs).toBe(1);
  expect(excel.counters.commands).toBe(3);
});

test('a value written right next to a table grows the table (AutoExpansion)', async () => {
  const excel = host();
  const table = excel.workbook.addTable(excel.workbook.active, { row: 0, column: 0, rows: 3, columns: 2 });
  await excel.run(async (context) => {
    context.workbook.worksheets.getActiveWorksheet().getRange('D1').values = [['two columns away']];
    await context.sync();
    expect(table.rect.columns).toBe(2);
    context.workbook.worksheets.getActiveWorksheet().getRange('C1').values = [['Status']];
  });
  expect(table.rect.columns).toBe(3);
});

test('text Excel would read as a number becomes one; a formula or a date text is refused', async () => {
  const excel = host();
  await excel.run(async (context) => {
    context.workbook.worksheets.getActiveWorksheet().getRange('E1').values = [['00123']];
  });
  expect(excel.workbook.active.get(0, 4)).toBe(123);
  await expect(excel.run(async (context) => {
    context.workbook.worksheets.getActiveWorksheet().getRange('E2').values = [['2025-03-01']];
  })).rejects.toThrow(/date/);
});

test('a response over 5 MB fails with Excel on the web\'s error', async () => {
  const excel = host();
  excel.workbook.active.putColumn(0, 5, Array.from({ length: 3000 }, () => 'x'.repeat(2000)));
  await expect(excel.run(async (context) => {
    context.workbook.worksheets.getActiveWorksheet().getRange('F1:F3000').load('values');
    await context.sync();
  })).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
});

test('the current region grows across touching cells, diagonals included', async () => {
  const excel = host();
  excel.workbook.active.put(3, 2, [['diagonal']]);
  excel.workbook.active.put(10, 10, [['far']]);
  await excel.run(async (context) => {
    const region = context.workbook.worksheets.getActiveWorksheet().getRange('A2').getSurroundingRegion();
    region.load('address');
    await context.sync();
    expect(region.address).toBe('Sheet1!A1:C4');
  });
});

test('OrNullObject look-ups give a null object instead of failing', async () => {
  const excel = host();
  await excel.run(async (context) => {
    const name = context.workbook.names.getItemOrNullObject('nothing');
    name.load('formula');
    const used = context.workbook.worksheets.getItemOrNullObject('Nope');
    used.load('name');
    await context.sync();
    expect(name.isNullObject).toBe(true);
    expect(used.isNullObject).toBe(true);
  });
});
