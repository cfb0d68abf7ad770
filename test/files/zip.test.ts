/**
 * The zip layer and the package: what a file is from its first bytes, the zip directory (zip64
 * too), parts inflated with node's zlib and with the browser's DecompressionStream, the workbook
 * part found through _rels/.rels, and the one-line refusals.
 */
import ExcelJS from 'exceljs';
import { detectFormat } from '../../src/files/detect';
import { FileError } from '../../src/files/errors';
import { LIMITS } from '../../src/files/limits';
import { inflateWithZlib } from '../../src/files/node/inflate';
import { openPackage, resolveTarget } from '../../src/files/xlsx/package';
import { entryChunks, fileKind, inflateWithStreams, readFromBytes, readZipDirectory, type InflateRaw } from '../../src/files/zip';
import { packageParts, zipOf } from './packages';

const PNG_HEAD = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CFB_HEAD = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

async function exceljsBytes(date1904 = false): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.properties.date1904 = date1904;
  workbook.addWorksheet('First & "best"').getCell('A1').value = 'x';
  workbook.addWorksheet('Hidden', { state: 'hidden' });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const open = (bytes: Uint8Array, inflate: InflateRaw = inflateWithZlib) => openPackage(readFromBytes(bytes), bytes.length, inflate, 'x.xlsx', LIMITS);

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

describe('the zip directory', () => {
  const parts = { 'a.xml': '<a/>', 'dir/b.xml': 'x'.repeat(5000) };

  test.each([
    ['plain', false],
    ['zip64 (end record, locator and extra fields)', true],
  ])('%s: names, sizes and offsets', async (_, zip64) => {
    const bytes = zipOf(parts, { zip64 });
    const entries = await readZipDirectory(readFromBytes(bytes), bytes.length, 'x.zip', LIMITS);
    expect(entries.map((entry) => [entry.name, entry.size])).toEqual([
      ['a.xml', 4],
      ['dir/b.xml', 5000],
    ]);
    const chunks: Uint8Array[] = [];
    for await (const chunk of entryChunks(readFromBytes(bytes), entries[1], inflateWithZlib, 'x.zip', LIMITS, { maxBytes: 1e6 })) chunks.push(chunk);
    expect(Buffer.concat(chunks).toString()).toBe(parts['dir/b.xml']);
  });

  test('a leading "/" and backslashes in stored names are plain part names', async () => {
    const bytes = zipOf({ '/xl/workbook.xml': '<x/>', 'xl\\styles.xml': '<y/>' });
    expect((await readZipDirectory(readFromBytes(bytes), bytes.length, 'x.zip', LIMITS)).map((entry) => entry.name)).toEqual(['xl/workbook.xml', 'xl/styles.xml']);
  });

  test.each([
    ['zlib (Node)', inflateWithZlib],
    ['DecompressionStream (browsers)', inflateWithStreams],
  ])('a part inflated with %s, in pieces, gives its bytes', async (_, inflate) => {
    const text = Array.from({ length: 20000 }, (_, i) => `<row r="${i}"/>`).join('');
    const bytes = zipOf({ 'big.xml': text });
    const [entry] = await readZipDirectory(readFromBytes(bytes), bytes.length, 'x.zip', LIMITS);
    const chunks: Uint8Array[] = [];
    for await (const chunk of entryChunks(readFromBytes(bytes), entry, inflate, 'x.zip', LIMITS, { maxBytes: 1e7 })) chunks.push(chunk);
    expect(Buffer.concat(chunks).toString()).toBe(text);
  });

  test('a part that inflates to other than its stated size is damaged, not short', async () => {
    const bytes = zipOf({ 'a.xml': 'x'.repeat(1000) });
    // The central directory's uncompressed size (offset 24 of the central header) says 999.
    const central = Buffer.from(bytes).lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    Buffer.from(bytes.buffer, bytes.byteOffset).writeUInt32LE(999, central + 24);
    const [entry] = await readZipDirectory(readFromBytes(bytes), bytes.length, 'x.zip', LIMITS);
    const read = async () => {
      for await (const chunk of entryChunks(readFromBytes(bytes), entry, inflateWithZlib, 'x.zip', LIMITS, { maxBytes: 1e6 })) void chunk;
    };
    await expect(read()).rejects.toThrow(new FileError('damaged', 'x.zip is damaged: a.xml inflates to more than the 999 bytes its zip directory says'));
  });
});

describe('the package: workbook part, sheets and date system', () => {
  test.each<[string, string, boolean]>([
    ['Excel writes date1904="1"', '<workbookPr date1904="1"/>', true],
    ['LibreOffice writes date1904="true"', '<workbookPr backupFile="false" date1904="true"/>', true],
    ['date1904="false"', '<workbookPr date1904="false"/>', false],
    ['no workbookPr: the 1900 system', '', false],
  ])('%s', async (_, properties, date1904) => {
    const { parts } = packageParts();
    parts['xl/workbook.xml'] = parts['xl/workbook.xml'].replace(/<workbookPr[^>]*\/>/, properties);
    expect((await open(zipOf(parts))).date1904).toBe(date1904);
  });

  test('a namespace prefix, and dateCompatibility="false"', async () => {
    const { parts } = packageParts({ prefix: 'x' });
    parts['xl/workbook.xml'] = parts['xl/workbook.xml'].replace(/<x:workbookPr[^>]*\/>/, "<x:workbookPr date1904='1' dateCompatibility='0'/>");
    expect(await open(zipOf(parts))).toMatchObject({ date1904: true, dateCompatibility: false });
  });

  test('sheet names are read with their XML entities, in workbook order, with their state and part', async () => {
    const bytes = await exceljsBytes(true);
    const pkg = await open(bytes);
    expect(pkg.sheets.map((sheet) => [sheet.name, sheet.state, sheet.entry?.name])).toEqual([
      ['First & "best"', 'visible', 'xl/worksheets/sheet1.xml'],
      ['Hidden', 'hidden', 'xl/worksheets/sheet2.xml'],
    ]);
    expect(pkg.date1904).toBe(true);
  });

  test.each([
    ['zlib (Node)', inflateWithZlib],
    ['DecompressionStream (browsers)', inflateWithStreams],
  ])('opened with %s', async (_, inflate) => {
    const pkg = await open(await exceljsBytes(), inflate);
    expect(pkg.sheets.map((sheet) => sheet.name)).toEqual(['First & "best"', 'Hidden']);
  });

  test.each<[string, string, string, string]>([
    ['relative to the workbook folder', 'xl/workbook.xml', 'worksheets/sheet1.xml', 'xl/worksheets/sheet1.xml'],
    ['absolute, as openpyxl writes', 'xl/workbook.xml', '/xl/worksheets/sheet1.xml', 'xl/worksheets/sheet1.xml'],
    ['with ..', 'xl/worksheets/sheet1.xml', '../tables/table1.xml', 'xl/tables/table1.xml'],
    ['from the package root', '', 'xl/workbook.xml', 'xl/workbook.xml'],
  ])('relationship targets: %s', (_, source, target, part) => {
    expect(resolveTarget(source, target)).toBe(part);
  });

  test.each<[string, () => Promise<Uint8Array> | Uint8Array, FileError]>([
    ['a zip cut short (no directory at the end)', async () => (await exceljsBytes()).subarray(0, 3000), new FileError('damaged', 'x.xlsx is damaged or cut short: its zip directory is missing')],
    ['a zip that is not a workbook', () => zipOf({ 'readme.txt': 'hello' }), new FileError('not-a-workbook', 'x.xlsx is a zip file but not an .xlsx workbook (it has no xl/workbook.xml)')],
    ['a binary .xlsb workbook', () => zipOf({ 'xl/workbook.bin': 'binary' }), new FileError('not-a-workbook', 'x.xlsx is a binary .xlsb workbook: save it as .xlsx (Excel Workbook) and scan that')],
    [
      'an OpenDocument spreadsheet',
      () => zipOf({ mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': '<x/>' }),
      new FileError('not-a-workbook', 'x.xlsx is an OpenDocument file (.ods): save it as .xlsx and scan that'),
    ],
    [
      'a workbook part with a DOCTYPE (the start of an entity attack)',
      () => {
        const { parts } = packageParts();
        parts['xl/workbook.xml'] = parts['xl/workbook.xml'].replace('<workbook', '<!DOCTYPE x [<!ENTITY a "aaaa">]><workbook');
        return zipOf(parts);
      },
      new FileError('damaged', 'x.xlsx is damaged: xl/workbook.xml is not well-formed XML (it declares a DOCTYPE, which workbook parts never do (refused: that is how XML entity attacks start))'),
    ],
    [
      'an entity the XML never defines',
      () => {
        const { parts } = packageParts();
        parts['xl/workbook.xml'] = parts['xl/workbook.xml'].replace('name="Subscriptions"', 'name="&xxe;"');
        return zipOf(parts);
      },
      new FileError('damaged', 'x.xlsx is damaged: xl/workbook.xml is not well-formed XML (the entity &xxe; (only &amp; &lt; &gt; &quot; &apos; and &#…; exist without a DTD))'),
    ],
  ])('%s is refused in one sentence', async (_, make, error) => {
    await expect(open(await make())).rejects.toThrow(error);
  });
});
