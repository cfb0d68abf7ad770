/**
 * Hand-made .xlsx packages, for the valid forms no tool on this machine writes: the Open XML
 * SDK's `x:` prefixes, Strict Open XML (purl.oclc.org namespaces, `t="d"` ISO date cells, as
 * Excel's "Strict Open XML Spreadsheet" Save As writes them; exceljs issue #2695), rows and cells
 * without `r` attributes (allowed by ECMA-376 Part 1, 18.3.1.73 and 18.3.1.4: both optional),
 * zip64 (APPNOTE 4.3.14-4.5.3), and a workbook part found through `_rels/.rels` rather than at
 * xl/workbook.xml (OPC, ECMA-376 Part 2, 8.3). Each is written from the fixture grid, so the
 * tests know every row's answer.
 */
import { crc32, deflateRawSync } from 'node:zlib';
import { fixtureGrid, type GridSheet, type WorkbookLayout, type WrittenFixture } from './fixture-files';
import { dayFromIso, serialFromDay, type DateSystem } from '../../src/rules';

export interface PackageOptions {
  readonly layout?: WorkbookLayout;
  /** Namespace prefix for every SpreadsheetML element ('x' as the Open XML SDK writes). */
  readonly prefix?: string;
  /** Strict Open XML namespaces and `conformance="strict"`. */
  readonly strict?: boolean;
  /** Date cells as `t="d"` ISO text instead of serials with a date format. */
  readonly isoDates?: boolean;
  /** Leave out `r` on rows and cells (each follows the one before). */
  readonly omitReferences?: boolean;
  /** Text in shared strings (default) or inline. */
  readonly inlineStrings?: boolean;
  /** Where the workbook part is (default xl/workbook.xml). */
  readonly workbookPath?: string;
  /** Relationship targets as absolute part names (/xl/worksheets/sheet1.xml). */
  readonly absoluteTargets?: boolean;
  /** Write the zip with zip64 records and extra fields. */
  readonly zip64?: boolean;
  /** Parts to add or replace, by name (after the others). */
  readonly extraParts?: Readonly<Record<string, string>>;
  /** Extra XML in each worksheet after sheetData (mergeCells, tableParts …). */
  readonly afterSheetData?: (sheetIndex: number) => string;
  /** Relationships of each worksheet part (a table part …), as `<Relationship …/>` elements. */
  readonly sheetRelationships?: (sheetIndex: number) => string;
}

const TRANSITIONAL = {
  main: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  relationships: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
};
const STRICT = {
  main: 'http://purl.oclc.org/ooxml/spreadsheetml/main',
  relationships: 'http://purl.oclc.org/ooxml/officeDocument/relationships',
};
const PACKAGE_RELATIONSHIPS = 'http://schemas.openxmlformats.org/package/2006/relationships';

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function columnName(column: number): string {
  let out = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

/** The parts of a package, by name. */
export function packageParts(options: PackageOptions = {}): { parts: Record<string, string>; fixture: WrittenFixture; sheets: GridSheet[] } {
  const { sheets, fixture } = fixtureGrid(options.layout);
  const system: DateSystem = options.layout?.system ?? '1900';
  const ns = options.strict ? STRICT : TRANSITIONAL;
  const p = options.prefix ? `${options.prefix}:` : '';
  const xmlns = options.prefix ? `xmlns:${options.prefix}="${ns.main}"` : `xmlns="${ns.main}"`;
  const workbookPath = options.workbookPath ?? 'xl/workbook.xml';
  const folder = workbookPath.includes('/') ? workbookPath.slice(0, workbookPath.lastIndexOf('/') + 1) : '';
  const target = (part: string) => (options.absoluteTargets ? `/${folder}${part}` : part);
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const shared = (text: string) => {
    let index = stringIndex.get(text);
    if (index === undefined) {
      index = strings.length;
      strings.push(text);
      stringIndex.set(text, index);
    }
    return index;
  };

  const parts: Record<string, string> = {};
  sheets.forEach((sheet, index) => {
    const rows = new Map<number, Array<readonly [number, string]>>();
    for (const [row, column, kind, value] of sheet.cells) {
      const ref = options.omitReferences ? '' : ` r="${columnName(column)}${row}"`;
      let cell: string;
      if (kind === 's') {
        cell = options.inlineStrings
          ? `<${p}c${ref} t="inlineStr"><${p}is><${p}t xml:space="preserve">${escapeXml(String(value))}</${p}t></${p}is></${p}c>`
          : `<${p}c${ref} t="s"><${p}v>${shared(String(value))}</${p}v></${p}c>`;
      } else if (kind === 'n') {
        cell = `<${p}c${ref}><${p}v>${value}</${p}v></${p}c>`;
      } else if (kind === 'b') {
        cell = `<${p}c${ref} t="b"><${p}v>${value ? 1 : 0}</${p}v></${p}c>`;
      } else if (options.isoDates) {
        cell = `<${p}c${ref} s="1" t="d"><${p}v>${value}</${p}v></${p}c>`;
      } else {
        cell = `<${p}c${ref} s="1"><${p}v>${serialFromDay(dayFromIso(String(value)), system)}</${p}v></${p}c>`;
      }
      if (!rows.has(row)) rows.set(row, []);
      rows.get(row)!.push([column, cell]);
    }
    const body: string[] = [];
    let previousRow = 0;
    for (const row of [...rows.keys()].sort((a, b) => a - b)) {
      const cells = rows.get(row)!.sort((a, b) => a[0] - b[0]);
      if (options.omitReferences) {
        // Without r, a row is the one after the last and a cell the one after the last: fill the gaps.
        for (let empty = previousRow + 1; empty < row; empty++) body.push(`<${p}row/>`);
        let column = 0;
        const filled: string[] = [];
        for (const [at, cell] of cells) {
          for (column++; column < at; column++) filled.push(`<${p}c/>`);
          filled.push(cell);
        }
        body.push(`<${p}row>${filled.join('')}</${p}row>`);
      } else {
        body.push(`<${p}row r="${row}">${cells.map(([, cell]) => cell).join('')}</${p}row>`);
      }
      previousRow = row;
    }
    parts[`${folder}worksheets/sheet${index + 1}.xml`] =
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${p}worksheet ${xmlns} xmlns:r="${ns.relationships}"><${p}sheetData>${body.join('')}</${p}sheetData>${options.afterSheetData?.(index) ?? ''}</${p}worksheet>`;
    const sheetRels = options.sheetRelationships?.(index);
    if (sheetRels) parts[`${folder}worksheets/_rels/sheet${index + 1}.xml.rels`] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">${sheetRels}</Relationships>`;
  });

  const sheetList = sheets
    .map((sheet, index) => `<${p}sheet name="${escapeXml(sheet.name)}" sheetId="${index + 1}"${sheet.state === 'hidden' ? ' state="hidden"' : ''} r:id="rId${index + 1}"/>`)
    .join('');
  const date1904 = system === '1904' ? ' date1904="1"' : '';
  const conformance = options.strict ? ' conformance="strict"' : '';
  parts[workbookPath] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${p}workbook ${xmlns} xmlns:r="${ns.relationships}"${conformance}><${p}workbookPr${date1904}/><${p}sheets>${sheetList}</${p}sheets></${p}workbook>`;
  parts[`${folder}styles.xml`] =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${p}styleSheet ${xmlns}><${p}fonts count="1"><${p}font><${p}sz val="11"/><${p}name val="Calibri"/></${p}font></${p}fonts>` +
    `<${p}fills count="2"><${p}fill><${p}patternFill patternType="none"/></${p}fill><${p}fill><${p}patternFill patternType="gray125"/></${p}fill></${p}fills>` +
    `<${p}borders count="1"><${p}border><${p}left/><${p}right/><${p}top/><${p}bottom/><${p}diagonal/></${p}border></${p}borders>` +
    `<${p}cellStyleXfs count="1"><${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></${p}cellStyleXfs>` +
    `<${p}cellXfs count="2"><${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><${p}xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></${p}cellXfs></${p}styleSheet>`;
  const relType = (name: string) => `${ns.relationships}/${name}`;
  const relationships = sheets.map((_, index) => `<Relationship Id="rId${index + 1}" Type="${relType('worksheet')}" Target="${target(`worksheets/sheet${index + 1}.xml`)}"/>`);
  relationships.push(`<Relationship Id="rId${sheets.length + 1}" Type="${relType('styles')}" Target="${target('styles.xml')}"/>`);
  if (strings.length > 0) {
    parts[`${folder}sharedStrings.xml`] =
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${p}sst ${xmlns} count="${strings.length}" uniqueCount="${strings.length}">${strings.map((text) => `<${p}si><${p}t xml:space="preserve">${escapeXml(text)}</${p}t></${p}si>`).join('')}</${p}sst>`;
    relationships.push(`<Relationship Id="rId${sheets.length + 2}" Type="${relType('sharedStrings')}" Target="${target('sharedStrings.xml')}"/>`);
  }
  const workbookName = workbookPath.slice(folder.length);
  parts[`${folder}_rels/${workbookName}.rels`] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">${relationships.join('')}</Relationships>`;
  parts['_rels/.rels'] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PACKAGE_RELATIONSHIPS}"><Relationship Id="rId1" Type="${relType('officeDocument')}" Target="${workbookPath}"/></Relationships>`;
  const sheetType = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
  const overrides = [
    `<Override PartName="/${workbookPath}" ContentType="${sheetType}.sheet.main+xml"/>`,
    `<Override PartName="/${folder}styles.xml" ContentType="${sheetType}.styles+xml"/>`,
    ...sheets.map((_, index) => `<Override PartName="/${folder}worksheets/sheet${index + 1}.xml" ContentType="${sheetType}.worksheet+xml"/>`),
    ...(strings.length ? [`<Override PartName="/${folder}sharedStrings.xml" ContentType="${sheetType}.sharedStrings+xml"/>`] : []),
  ];
  parts['[Content_Types].xml'] =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${overrides.join('')}</Types>`;
  Object.assign(parts, options.extraParts ?? {});
  return { parts, fixture, sheets };
}

/** A hand-made package as bytes, and the fixture rows it holds. */
export function handMadePackage(options: PackageOptions = {}): { bytes: Uint8Array; fixture: WrittenFixture } {
  const { parts, fixture } = packageParts(options);
  return { bytes: zipOf(parts, { zip64: options.zip64 }), fixture };
}

export interface ZipOptions {
  /** zip64 end records, and sizes and offsets in zip64 extra fields (local and central). */
  readonly zip64?: boolean;
  /** Store instead of deflate. */
  readonly stored?: boolean;
}

/** What a zip entry's local and central headers say about it. */
export interface EntryFacts {
  readonly name: Buffer;
  readonly method: number;
  readonly crc32: number;
  readonly packedSize: number;
  readonly size: number;
  readonly localOffset: number;
  /** zip64: sizes (and the offset) in extra fields, 0xFFFFFFFF in the headers. */
  readonly zip64?: boolean;
}

/** The local header of an entry, its name and extra field (APPNOTE 4.3.7, 4.5.3). */
export function localHeader(entry: EntryFacts): Buffer {
  const extra = Buffer.alloc(entry.zip64 ? 20 : 0);
  if (entry.zip64) {
    extra.writeUInt16LE(0x0001, 0);
    extra.writeUInt16LE(16, 2);
    extra.writeBigUInt64LE(BigInt(entry.size), 4);
    extra.writeBigUInt64LE(BigInt(entry.packedSize), 12);
  }
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(entry.zip64 ? 45 : 20, 4);
  header.writeUInt16LE(0x0800, 6);
  header.writeUInt16LE(entry.method, 8);
  header.writeUInt16LE(0x21, 12);
  header.writeUInt32LE(entry.crc32, 14);
  header.writeUInt32LE(entry.zip64 ? 0xffffffff : entry.packedSize, 18);
  header.writeUInt32LE(entry.zip64 ? 0xffffffff : entry.size, 22);
  header.writeUInt16LE(entry.name.length, 26);
  header.writeUInt16LE(extra.length, 28);
  return Buffer.concat([header, entry.name, extra]);
}

/** The central-directory header of an entry: uncompressed size, packed size, offset in the zip64 extra field (APPNOTE 4.3.12). */
export function centralHeader(entry: EntryFacts): Buffer {
  const extra = Buffer.alloc(entry.zip64 ? 28 : 0);
  if (entry.zip64) {
    extra.writeUInt16LE(0x0001, 0);
    extra.writeUInt16LE(24, 2);
    extra.writeBigUInt64LE(BigInt(entry.size), 4);
    extra.writeBigUInt64LE(BigInt(entry.packedSize), 12);
    extra.writeBigUInt64LE(BigInt(entry.localOffset), 20);
  }
  const header = Buffer.alloc(46);
  header.writeUInt32LE(0x02014b50, 0);
  header.writeUInt16LE(entry.zip64 ? 45 : 20, 4);
  header.writeUInt16LE(entry.zip64 ? 45 : 20, 6);
  header.writeUInt16LE(0x0800, 8);
  header.writeUInt16LE(entry.method, 10);
  header.writeUInt16LE(0x21, 14);
  header.writeUInt32LE(entry.crc32, 16);
  header.writeUInt32LE(entry.zip64 ? 0xffffffff : entry.packedSize, 20);
  header.writeUInt32LE(entry.zip64 ? 0xffffffff : entry.size, 24);
  header.writeUInt16LE(entry.name.length, 28);
  header.writeUInt16LE(extra.length, 30);
  header.writeUInt32LE(entry.zip64 ? 0xffffffff : entry.localOffset, 42);
  return Buffer.concat([header, entry.name, extra]);
}

/** The end of a zip: its end record (with zip64 records and locator before it when asked). */
export function zipEnd(entries: number, directorySize: number, directoryOffset: number, zip64 = false): Buffer {
  const tail: Buffer[] = [];
  if (zip64) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4);
    record.writeUInt16LE(45, 12);
    record.writeUInt16LE(45, 14);
    record.writeBigUInt64LE(BigInt(entries), 24);
    record.writeBigUInt64LE(BigInt(entries), 32);
    record.writeBigUInt64LE(BigInt(directorySize), 40);
    record.writeBigUInt64LE(BigInt(directoryOffset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(directoryOffset + directorySize), 8);
    locator.writeUInt32LE(1, 16);
    tail.push(record, locator);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(zip64 ? 0xffff : entries, 8);
  end.writeUInt16LE(zip64 ? 0xffff : entries, 10);
  end.writeUInt32LE(zip64 ? 0xffffffff : directorySize, 12);
  end.writeUInt32LE(zip64 ? 0xffffffff : directoryOffset, 16);
  return Buffer.concat([...tail, end]);
}

/** A zip of the given parts (text or bytes), deflated; optionally in the zip64 form. */
export function zipOf(files: Readonly<Record<string, string | Uint8Array>>, options: ZipOptions = {}): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  const names = Object.keys(files);
  for (const name of names) {
    const content = files[name];
    const data = Buffer.from(typeof content === 'string' ? content : content);
    const packed = options.stored ? data : deflateRawSync(data);
    const entry: EntryFacts = { name: Buffer.from(name), method: options.stored ? 0 : 8, crc32: crc32(data), packedSize: packed.length, size: data.length, localOffset: offset, zip64: options.zip64 };
    const local = localHeader(entry);
    locals.push(local, packed);
    centrals.push(centralHeader(entry));
    offset += local.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  return new Uint8Array(Buffer.concat([...locals, directory, zipEnd(names.length, directory.length, offset, options.zip64)]));
}
