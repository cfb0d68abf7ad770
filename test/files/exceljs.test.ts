/**
 * What src/files/exceljs.ts relies on in ExcelJS beyond its documented API (the INTERNAL notes
 * there), checked against the installed ExcelJS. An upgrade that changes any of them fails here,
 * by name, before it can change a copy silently.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { declare1904, EXCELJS_VERSION, inPlaceSink, loadWorkbook, pendingBytes, StreamingSink, STREAM_BUFFER_MAX, STREAM_WORKBOOK_PART, workbookBytes } from '../../src/files/exceljs';
import { LIMITS } from '../../src/files/limits';
import { inflateWithZlib } from '../../src/files/node/inflate';
import { openPackage } from '../../src/files/xlsx/package';
import { xlsxSource } from '../../src/files/xlsx/source';
import { readEntry, readFromBytes, readZipDirectory } from '../../src/files/zip';
import { temporaryFolder } from './fixture-files';

let folder: string;
beforeAll(() => {
  folder = temporaryFolder('subguard-exceljs-');
});
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

async function partText(bytes: Uint8Array, name: string): Promise<string> {
  const entries = await readZipDirectory(readFromBytes(bytes), bytes.length, 'x', LIMITS);
  const entry = entries.find((e) => e.name === name)!;
  return new TextDecoder().decode(await readEntry(readFromBytes(bytes), entry, inflateWithZlib, 'x', LIMITS, 1e8));
}

test(`the installed ExcelJS is exactly ${EXCELJS_VERSION} (package.json pins it)`, () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  expect(require('exceljs/package.json').version).toBe(EXCELJS_VERSION);
  expect(JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).dependencies.exceljs).toBe(EXCELJS_VERSION);
});

describe('the streaming writer', () => {
  test(`passes its workbook part through writer.zip.append as ${STREAM_WORKBOOK_PART}, which declare1904 patches`, async () => {
    const file = path.join(folder, 'patched.xlsx');
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file });
    const check = declare1904(writer);
    const row = writer.addWorksheet('S').getRow(1);
    row.getCell(1).value = 45000;
    row.commit();
    await writer.commit();
    expect(check).not.toThrow();
    const bytes = new Uint8Array(fs.readFileSync(file));
    expect(await partText(bytes, 'xl/workbook.xml')).toMatch(/<workbookPr date1904="1"/);
    const pkg = await openPackage(readFromBytes(bytes), bytes.length, inflateWithZlib, 'x', LIMITS);
    expect(pkg.date1904).toBe(true);
    const again = new ExcelJS.Workbook();
    await again.xlsx.readFile(file);
    expect(again.properties.date1904).toBe(true);
  });

  test('without the patch it writes no date1904 at all (why declare1904 exists)', async () => {
    const file = path.join(folder, 'plain.xlsx');
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file });
    writer.addWorksheet('S').getRow(1).commit();
    await writer.commit();
    expect(await partText(new Uint8Array(fs.readFileSync(file)), 'xl/workbook.xml')).not.toMatch(/date1904/);
  });

  test('remembers styles by object in a WeakMap (why unformatted cells share one style object)', () => {
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path.join(folder, 'styles.xlsx'), useStyles: true });
    const styles = (writer as unknown as { styles: { weakMap?: unknown } }).styles;
    expect(styles.weakMap).toBeInstanceOf(WeakMap);
  });

  test('buffers committed rows in worksheet._stream (its StreamBuf and the zip\'s PassThrough) without backpressure: pendingBytes sees them', async () => {
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path.join(folder, 'pending.xlsx') });
    const sheet = writer.addWorksheet('S');
    for (let n = 1; n <= 20000; n++) {
      const row = sheet.getRow(n);
      row.getCell(1).value = `row ${n} with some text to zip`;
      row.commit();
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(pendingBytes(sheet)).toBeGreaterThan(500_000);
    sheet.commit();
    await writer.commit();
  });

  test('StreamingSink waits while too much is to be zipped, so a fast reader never piles the sheet up in memory', async () => {
    const sink = new StreamingSink(fs.createWriteStream(path.join(folder, 'bounded.xlsx')), '1900');
    const sheet = sink.openSheet({ name: 'S', hidden: false, rows: () => [] });
    let most = 0;
    let waits = 0;
    for (let n = 1; n <= 60000; n++) {
      const row = sheet.row(n);
      for (let c = 1; c <= 8; c++) row.set(c, `text ${n} ${c}`);
      const pending = sheet.commit(row);
      if (pending) {
        waits++;
        await pending;
      }
      most = Math.max(most, pendingBytes((sheet as unknown as { worksheet: ExcelJS.Worksheet }).worksheet));
    }
    sheet.close();
    await sink.finish();
    expect(waits).toBeGreaterThan(0);
    expect(most).toBeLessThan(STREAM_BUFFER_MAX + 1024 * 1024);
  });

  test('a 1904 copy through StreamingSink reads back in the 1904 system, serials unchanged', async () => {
    const file = path.join(folder, 'sink-1904.xlsx');
    const sink = new StreamingSink(fs.createWriteStream(file), '1904');
    const sheet = sink.openSheet({ name: 'S', hidden: false, rows: () => [] });
    const row = sheet.row(1);
    row.set(1, 44905, { numFmt: 'yyyy-mm-dd' });
    await sheet.commit(row);
    sheet.close();
    await sink.finish();
    const bytes = new Uint8Array(fs.readFileSync(file));
    const source = xlsxSource(await openPackage(readFromBytes(bytes), bytes.length, inflateWithZlib, 'x', LIMITS));
    const values: unknown[] = [];
    for await (const s of source.sheets()) for await (const batch of s.rows()) for (const r of batch) values.push(...r.values);
    expect(source.dateSystem).toBe('1904');
    expect(values).toEqual([{ day: 44905 - 24107 }]); // 1904 serial 44905 = 2026-12-11
  });
});

describe('the workbook in memory', () => {
  test('load() takes a plain Uint8Array (typed for a Buffer)', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('A').getCell('A1').value = 'x';
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());
    const loaded = await loadWorkbook(new Uint8Array(bytes), false);
    expect(loaded?.worksheets[0].getCell('A1').value).toBe('x');
  });

  test('the other cells of a merged range are of type Merge and show the master value (agreesWith skips them)', () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('A');
    sheet.getCell('A1').value = 'Title';
    sheet.mergeCells('A1:C1');
    expect(sheet.getCell('B1').type).toBe(ExcelJS.ValueType.Merge);
    expect(sheet.getCell('B1').value).toBe('Title');
  });

  test('ExcelJS numbers rules without a priority from the sheet\'s highest, repeating it (why addStatusFills numbers them)', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('A');
    sheet.getCell('A1').value = 1;
    sheet.addConditionalFormatting({ ref: 'A1:A3', rules: [{ priority: 1, type: 'expression', formulae: ['A1>0'], style: {} }] });
    sheet.addConditionalFormatting({ ref: 'B1:B3', rules: [{ priority: undefined as unknown as number, type: 'expression', formulae: ['B1>0'], style: {} }] });
    const bytes = (await workbookBytes(book))!;
    expect([...(await partText(bytes, 'xl/worksheets/sheet1.xml')).matchAll(/priority="(\d+)"/g)].map((m) => Number(m[1]))).toEqual([1, 1]);
  });

  test('the status fills come after the sheet\'s own conditional formats, each with its own priority', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('A');
    sheet.getCell('A1').value = 1;
    sheet.addConditionalFormatting({ ref: 'A1:A3', rules: [{ priority: 1, type: 'expression', formulae: ['A1>0'], style: {} }] });
    const sink = inPlaceSink(book);
    sink.openSheet({ name: 'A', hidden: false, rows: () => [] }, true).addStatusFills('A1:B3', [
      { formula: '$B1="Active"', fill: 'FFDFF6DD', text: 'FF0B5A08' },
      { formula: '$B1="Due soon"', fill: 'FFFFF4CE', text: 'FF5C4300' },
    ]);
    const bytes = (await workbookBytes(book))!;
    const priorities = [...(await partText(bytes, 'xl/worksheets/sheet1.xml')).matchAll(/priority="(\d+)"/g)].map((m) => Number(m[1]));
    expect(priorities).toEqual([1, 2, 3]);
    // INTERNAL: the loaded sheet's own rules, which ExcelJS's types do not declare.
    expect((sheet as unknown as { conditionalFormattings: unknown[] }).conditionalFormattings).toHaveLength(2);
  });
});
