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

// learn.microsoft.com "Blank and null values in Excel add-ins": null in a 2-D array leaves that cell as it is, "" clears it.
test.each(['values', 'formulas', 'numberFormat'] as const)('null in a written %s array leaves the cell unchanged; "" clears a value', async (property) => {
  const excel = host();
  const sheet = excel.workbook.active;
  sheet.setFormat(1, 1, '0.00');
  await excel.run(async (context) => {
    const range = context.workbook.worksheets.getActiveWorksheet().getRange('A2:B2');
    (range as unknown as Record<string, unknown>)[property] = property === 'numberFormat' ? [[null, null]] : [[null, '']];
  });
  expect(sheet.get(1, 0)).toBe('S-1');
  expect(sheet.format(1, 1)).toBe('0.00');
  expect(sheet.get(1, 1)).toBe(property === 'numberFormat' ? 45700 : '');
});

// learn.microsoft.com Excel.Range.formulas ("If a cell has no formula, its value is returned instead") and Range.values (what the formula shows).
test('a formula showing "" reads as "" through values and as its formula through formulas; writing formulas stores one', async () => {
  const excel = host();
  const sheet = excel.workbook.active;
  sheet.putFormula(1, 2, '=IF(B2>0,"","late")', '');
  expect(sheet.isEmpty(1, 2)).toBe(false);
  await excel.run(async (context) => {
    const range = context.workbook.worksheets.getActiveWorksheet().getRange('B2:C2');
    range.load('values,formulas');
    await context.sync();
    expect(range.values).toEqual([[45700, '']]);
    expect(range.formulas).toEqual([[45700, '=IF(B2>0,"","late")']]);
    context.workbook.worksheets.getActiveWorksheet().getRange('D2:E2').formulas = [['=IF(B2>0,"","late")', 'text']];
  });
  expect(sheet.formula(1, 3)).toBe('=IF(B2>0,"","late")');
  expect(sheet.get(1, 4)).toBe('text');
  expect(excel.workbook.snapshot()).toMatchObject({ sheets: [{ formulas: { C2: '=IF(B2>0,"","late")', D2: '=IF(B2>0,"","late")' } }] });
});

// learn.microsoft.com Excel.ConditionalFormat.id: "the priority of the conditional format in the current ConditionalFormatCollection".
test('conditional-format ids are priorities: a format added on top shifts them, and an old id then names another format', async () => {
  const excel = host();
  const sheet = excel.workbook.active;
  const ours = { type: 'Custom', rect: { row: 1, column: 0, rows: 2, columns: 2 }, formula: '=$B2>0', fill: '#FFF4CE', font: '#5C4300' };
  sheet.addConditionalFormat(ours);
  let id = '';
  await excel.run(async (context) => {
    const formats = context.workbook.worksheets.getActiveWorksheet().getRange().conditionalFormats;
    formats.load('items/id,items/priority,items/type,items/customOrNullObject/rule/formula');
    await context.sync();
    id = formats.items[0].id;
    expect([formats.items[0].priority, formats.items[0].customOrNullObject.rule.formula]).toEqual([0, '=$B2>0']);
  });
  sheet.addConditionalFormat({ ...ours, formula: '=$A2="mine"', fill: '#000000' });
  await excel.run(async (context) => {
    context.workbook.worksheets.getActiveWorksheet().getRange().conditionalFormats.getItem(id).delete();
  });
  expect(sheet.conditionalFormats.map((f) => f.formula)).toEqual(['=$B2>0']);
});

// learn.microsoft.com Excel.RunOptions.mergeUndoGroup: "When false, each context.sync() call creates an undo record. When true, all context.sync() calls in a single Excel.run are merged into one undo group."
describe('undo', () => {
  const twoWrites = (excel: FakeExcel) => async (context: Excel.RequestContext) => {
    const sheet = context.workbook.worksheets.getActiveWorksheet();
    sheet.getRange('C1').values = [['one']];
    await context.sync();
    sheet.getRange('A1:B1').load('values');
    await context.sync(); // reads only: no step
    sheet.getRange('C2').values = [['two']];
    await context.sync();
    return excel.undo.length;
  };

  test('each sync that changes the workbook is one step; Ctrl+Z takes back the last', async () => {
    const excel = host();
    excel.undo.enabled = true;
    expect(await excel.run(twoWrites(excel))).toBe(2);
    expect(excel.undo.undo()).toBe(true);
    expect([excel.workbook.active.get(0, 2), excel.workbook.active.get(1, 2)]).toEqual(['one', '']);
  });

  test('with mergeUndoGroup the whole run is one step', async () => {
    const excel = host();
    const before = excel.workbook.snapshot();
    excel.undo.enabled = true;
    await excel.run({ mergeUndoGroup: true }, twoWrites(excel));
    expect(excel.undo.length).toBe(1);
    excel.undo.undo();
    expect(excel.workbook.snapshot()).toEqual(before);
    expect(excel.runs).toEqual([{ mergeUndoGroup: true }]);
  });
});
