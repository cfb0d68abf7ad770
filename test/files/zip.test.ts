import ExcelJS from 'exceljs';
import { detectFormat } from '../../src/files/detect';
import { FileError } from '../../src/files/errors';
import { inflateWithZlib } from '../../src/files/node';
import { fileKind, inflateWithStreams, inspectXlsx, parseWorkbookXml, readFromBytes, InflateUnavailable } from '../../src/files/zip';
import { makeZip } from './fixture-files';

const PNG_HEAD = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CFB_HEAD = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

async function exceljsBytes(date1904 = false): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.properties.date1904 = date1904;
  workbook.addWorksheet('First & "best"').getCell('A1').value = 'x';
  workbook.addWorksheet('Hidden', { state: 'hidden' });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('a file is known by its first bytes before anything reads it', () => {
  test.each<[string, string, Uint8Array, string]>([
    ['an .xlsx is a zip', 'a.xlsx', new Uint8Array([0x50, 0x4b, 3, 4]), 'xlsx'],
    ['a zip is read as .xlsx whatever its name', 'a.csv', new Uint8Array([0x50, 0x4b, 3, 4]), 'xlsx'],
    ['a .csv is text', 'a.csv', new TextEncoder().encode('ID,Product'), 'csv'],
    ['a .txt export is text', 'export.TXT', new TextEncoder().encode('ID;Product'), 'csv'],
  ])('%s', (_, name, head, format) => {
    expect(detectFormat(name, head)).toBe(format);
  });

  test.each<[string, string, Uint8Array, FileError]>([
    ['an empty file', 'a.xlsx', new Uint8Array(0), new FileError('empty-file', 'a.xlsx is empty')],
    [
      'an encrypted workbook (an OLE compound file)',
      'secret.xlsx',
      CFB_HEAD,
      new FileError('encrypted', 'secret.xlsx is an encrypted (password-protected) workbook or an old .xls file: open it in Excel and save it as an unencrypted .xlsx'),
    ],
    ['a PNG renamed .xlsx', 'photo.xlsx', PNG_HEAD, new FileError('not-a-workbook', 'photo.xlsx is not an .xlsx workbook or a CSV file (a PNG image)')],
    ['a PDF', 'a.xlsx', new TextEncoder().encode('%PDF-1.7'), new FileError('not-a-workbook', 'a.xlsx is not an .xlsx workbook or a CSV file (a PDF document)')],
  ])('%s is refused in one sentence', (_, name, head, error) => {
    expect(() => detectFormat(name, head)).toThrow(error);
    expect(fileKind(head)).not.toBe('zip');
  });
});

describe('the workbook outline comes from xl/workbook.xml', () => {
  test.each<[string, string, boolean]>([
    ['Excel writes date1904="1"', '<workbookPr date1904="1"/>', true],
    ['LibreOffice writes date1904="true"', '<workbookPr backupFile="false" date1904="true"/>', true],
    ['date1904="false"', '<workbookPr date1904="false"/>', false],
    ['no workbookPr: the 1900 system', '', false],
    ['a namespace prefix', "<x:workbookPr date1904='1'/>", true],
  ])('%s', (_, properties, date1904) => {
    expect(parseWorkbookXml(`<workbook>${properties}<sheets><sheet name="A" sheetId="1"/></sheets></workbook>`).date1904).toBe(date1904);
  });

  test('sheet names are read with their XML entities, in workbook order, with their state', () => {
    const xml = '<sheets><sheet name="R&amp;D &quot;2025&quot;" sheetId="2" r:id="rId1"/><sheet name="Skjult" state="hidden" sheetId="1"/></sheets>';
    expect(parseWorkbookXml(xml).sheets).toEqual([
      { name: 'R&D "2025"', state: 'visible', rId: 'rId1' },
      { name: 'Skjult', state: 'hidden', rId: undefined },
    ]);
  });

  test.each([
    ['zlib (Node)', inflateWithZlib],
    ['DecompressionStream (browsers)', inflateWithStreams],
  ])('an ExcelJS workbook is inspected with %s', async (_, inflate) => {
    const bytes = await exceljsBytes(true);
    const outline = await inspectXlsx(readFromBytes(bytes), bytes.length, inflate, 'book.xlsx');
    expect(outline).toMatchObject({
      date1904: true,
      sheets: [{ name: 'First & "best"', state: 'visible' }, { name: 'Hidden', state: 'hidden' }],
      sheetParts: ['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml'],
    });
    expect(outline!.entries!.map((entry) => entry.name)).toContain('xl/workbook.xml');
  });

  test('a platform that cannot inflate gets no outline, and ExcelJS reads the workbook alone', async () => {
    const bytes = await exceljsBytes(true);
    const unavailable = async (): Promise<Uint8Array> => {
      throw new InflateUnavailable('no');
    };
    await expect(inspectXlsx(readFromBytes(bytes), bytes.length, unavailable, 'book.xlsx')).resolves.toBeNull();
  });

  test.each<[string, () => Promise<Uint8Array> | Uint8Array, FileError]>([
    [
      'a zip cut short (no directory at the end)',
      async () => (await exceljsBytes()).subarray(0, 3000),
      new FileError('damaged', 'x.xlsx is damaged or cut short: its zip directory is missing'),
    ],
    [
      'a zip that is not a workbook',
      () => makeZip({ 'readme.txt': 'hello' }),
      new FileError('not-a-workbook', 'x.xlsx is a zip file but not an .xlsx workbook (it has no xl/workbook.xml)'),
    ],
    [
      'a binary .xlsb workbook',
      () => makeZip({ 'xl/workbook.bin': 'binary' }),
      new FileError('not-a-workbook', 'x.xlsx is a binary .xlsb workbook: save it as .xlsx (Excel Workbook) and scan that'),
    ],
    [
      'an OpenDocument spreadsheet',
      () => makeZip({ mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': '<x/>' }),
      new FileError('not-a-workbook', 'x.xlsx is an OpenDocument file (.ods): save it as .xlsx and scan that'),
    ],
  ])('%s is refused in one sentence', async (_, make, error) => {
    const bytes = await make();
    await expect(inspectXlsx(readFromBytes(bytes), bytes.length, inflateWithZlib, 'x.xlsx')).rejects.toThrow(error);
  });
});
