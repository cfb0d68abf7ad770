/**
 * The reader's parts one by one: the worksheet parser (every cell type real writers use, in any
 * chunking), shared strings, styles, and the one-line refusals of the limits.
 */
import fc from 'fast-check';
import { dayFromIso } from '../../src/rules';
import { FileError } from '../../src/files/errors';
import { LIMITS, type ReadLimits } from '../../src/files/limits';
import { inflateWithZlib } from '../../src/files/node/inflate';
import { SharedStringsParser } from '../../src/files/xlsx/shared-strings';
import { SheetParser, XlsxRow, dayFromIsoDateTime, type SheetContext } from '../../src/files/xlsx/sheet';
import { isDateFormat, NO_STYLES, parseStyles } from '../../src/files/xlsx/styles';
import { decodeCellText, decodeEntities, XmlError } from '../../src/files/xlsx/xml';
import { entryChunks, readFromBytes, readZipDirectory } from '../../src/files/zip';
import { zipOf } from './packages';
import type { CopyValue } from '../../src/files/target';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const STYLES = parseStyles(
  `<styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd.mm.yyyy"/></numFmts>` +
    '<fonts count="2"><font><sz val="11"/></font><font><b/><sz val="12"/><color theme="1" tint="-0.5"/><name val="Arial"/></font></fonts>' +
    '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFFFFF00"/><bgColor indexed="64"/></patternFill></fill></fills>' +
    '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"><color rgb="FF000000"/></left><right/><top/><bottom style="double"/><diagonal/></border></borders>' +
    '<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0"/>' +
    '<xf numFmtId="164" fontId="1" fillId="2" borderId="1" applyAlignment="1"><alignment horizontal="center" wrapText="1" textRotation="45"/><protection locked="0"/></xf>' +
    '<xf numFmtId="4" fontId="0" fillId="0" borderId="0"/><xf numFmtId="22" fontId="0" fillId="0" borderId="0"/></cellXfs>' +
    '<extLst><ext><x14:dxfs xmlns:x14="x"><dxf><font><i/></font></dxf></x14:dxfs></ext></extLst></styleSheet>',
  'x.xlsx',
  LIMITS.cellFormats,
);

function context(overrides: Partial<SheetContext> = {}): SheetContext {
  return { strings: ['Shared', 'Net 30'], styles: STYLES, system: '1900', dateCompatibility: true, label: 'x.xlsx', sheet: 'S', limits: LIMITS, keepCells: true, ...overrides };
}

const sheetXml = (data: string, prefix = '', before = '', after = '') => {
  const p = prefix ? `${prefix}:` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${p}worksheet xmlns${prefix ? `:${prefix}` : ''}="${MAIN}">${before}<${p}sheetData>${data}</${p}sheetData>${after}</${p}worksheet>`;
};

/** Parses a worksheet's text cut at the given points (every chunking must read the same). */
function parse(xml: string, cuts: readonly number[] = [], ctx: SheetContext = context(), countMerges = false) {
  const parser = new SheetParser(ctx, countMerges);
  const rows: XlsxRow[] = [];
  let from = 0;
  for (const cut of [...cuts, xml.length]) {
    if (cut < from) continue;
    parser.push(xml.slice(from, cut), rows);
    from = cut;
  }
  parser.end(rows);
  return { rows, parser };
}

const view = (rows: readonly XlsxRow[]) => rows.map((row) => ({ number: row.number, values: row.values, columns: row.columns, raws: row.raws, formats: row.formats }));

describe('the worksheet parser reads every cell type real writers use', () => {
  const cell = (xml: string, ctx?: Partial<SheetContext>) => parse(sheetXml(`<row r="1">${xml}</row>`), [], context(ctx)).rows[0];

  test.each<[string, string, unknown, CopyValue]>([
    ['a number', '<c r="A1"><v>4500.5</v></c>', 4500.5, 4500.5],
    ['t="n" with an exponent', '<c r="A1" t="n"><v>1.5E-3</v></c>', 0.0015, 0.0015],
    ['a shared string', '<c r="A1" t="s"><v>1</v></c>', 'Net 30', 'Net 30'],
    ['an inline string with rich text runs and a phonetic run left out', '<c r="A1" t="inlineStr"><is><r><t>Re</t></r><r><rPr><b/></rPr><t xml:space="preserve">vit </t></r><rPh sb="0" eb="1"><t>レ</t></rPh></is></c>', 'Revit ', 'Revit '],
    ['a formula string result (t="str")', '<c r="A1" t="str"><f>A2&amp;"x"</f><v>Net 30</v></c>', 'Net 30', { formula: 'A2&"x"', result: 'Net 30' }],
    ['a boolean', '<c r="A1" t="b"><v>1</v></c>', true, true],
    ['an error', '<c r="A1" t="e"><v>#N/A</v></c>', '#N/A', { error: '#N/A' }],
    ['an ISO date cell (t="d")', '<c r="A1" t="d"><v>2026-12-11</v></c>', { day: dayFromIso('2026-12-11') }, 46367],
    ['an ISO date-time cell keeps its time in the copy', '<c r="A1" t="d"><v>2026-12-11T12:00:00Z</v></c>', { day: dayFromIso('2026-12-11') }, 46367.5],
    ['a serial in a built-in date format (14)', '<c r="A1" s="1"><v>45717</v></c>', { day: dayFromIso('2025-03-01') }, 45717],
    ['a serial in a custom date format (dd.mm.yyyy)', '<c r="A1" s="2"><v>45717.75</v></c>', { day: dayFromIso('2025-03-01') }, 45717.75],
    ['a serial in a number format stays a number', '<c r="A1" s="3"><v>45717</v></c>', 45717, 45717],
    ['a date before 1900-03-01 stays a serial, for the rules to judge (Excel\'s 1900-02-29)', '<c r="A1" s="1"><v>60</v></c>', 60, 60],
    ['a value in CDATA', '<c r="A1" t="str"><v><![CDATA[a < b & c]]></v></c>', 'a < b & c', 'a < b & c'],
    ['entities and an _xHHHH_ escape (a carriage return)', '<c r="A1" t="inlineStr"><is><t>R&amp;D_x000D_2025 &#x263A;</t></is></c>', 'R&D\r2025 ☺', 'R&D\r2025 ☺'],
    ['a comment inside the cell', '<c r="A1"><!-- note --><v>7</v></c>', 7, 7],
    ['a shared formula master keeps its formula; the value is its result', '<c r="A1"><f t="shared" ref="A1:A3" si="0">B1*2</f><v>4</v></c>', 4, { formula: 'B1*2', result: 4 }],
    ['a shared formula follower keeps its value only', '<c r="A1"><f t="shared" si="0"/><v>6</v></c>', 6, 6],
    ['an array formula keeps its value only', '<c r="A1"><f t="array" ref="A1:A2">B1:B2*2</f><v>2</v></c>', 2, 2],
  ])('%s', (_, xml, value, raw) => {
    const row = cell(xml);
    expect(row.values).toEqual([value]);
    expect(row.raws).toEqual([raw]);
  });

  test('the 1904 date system, and ISO 29500\'s dateCompatibility="false" before 1900-03-01', () => {
    expect(cell('<c r="A1" s="1"><v>44905</v></c>', { system: '1904' }).values).toEqual([{ day: dayFromIso('2026-12-11') }]);
    expect(cell('<c r="A1" t="d"><v>2026-12-11</v></c>', { system: '1904' }).raws).toEqual([44905]);
    expect(cell('<c r="A1" s="1"><v>1</v></c>', { dateCompatibility: false }).values).toEqual([{ day: dayFromIso('1899-12-31') }]);
  });

  test('rows and cells without r follow the one before; a formatted empty cell widens its row', () => {
    const { rows } = parse(sheetXml('<row><c t="s"><v>0</v></c><c/><c><v>3</v></c></row><row/><row r="5"><c r="B5"><v>1</v></c><c s="3"/></row>'));
    expect(view(rows)).toEqual([
      { number: 1, values: ['Shared', null, 3], columns: [1, 3], raws: ['Shared', 3], formats: [0, 0] },
      { number: 5, values: [null, 1, null], columns: [2, 3], raws: [1, null], formats: [0, 3] },
    ]);
  });

  test('a namespace prefix on every element (x:, as the Open XML SDK writes)', () => {
    const xml = sheetXml('<x:row r="2"><x:c r="C2" t="s"><x:v>0</x:v></x:c><x:c r="D2" t="inlineStr"><x:is><x:t>in</x:t></x:is></x:c></x:row>', 'x');
    expect(view(parse(xml).rows)[0]).toMatchObject({ number: 2, values: [null, null, 'Shared', 'in'] });
  });

  test('empty <row/> runs make no row at all, and rows holding only blanks are not data', () => {
    const runs = Array.from({ length: 10000 }, (_, i) => `<row r="${i + 2}" spans="1:3"/>`).join('');
    const { rows } = parse(sheetXml(`<row r="1"><c><v>1</v></c></row>${runs}<row r="20000"><c><v>2</v></c></row>`));
    expect(rows.map((row) => row.number)).toEqual([1, 20000]);
  });

  test('column widths, the dimension, and merged ranges when asked for', () => {
    const { parser } = parse(sheetXml('<row r="1"><c><v>1</v></c></row>', '', '<dimension ref="A1:K100"/><cols><col min="1" max="2" width="12.5" customWidth="1"/><col min="4" max="4" hidden="1"/></cols>', '<mergeCells count="2"><mergeCell ref="A1:B1"/><mergeCell ref="C1:D1"/></mergeCells>'), [], context(), true);
    expect(parser.widths).toEqual([12.5, 12.5]);
    expect(parser.hiddenColumns[3]).toBe(true);
    expect(parser.dimensionRows).toBe(100);
    expect(parser.merges).toBe(2);
  });

  test('text cut at any point, in any number of pieces, reads the same', () => {
    const xml = sheetXml(
      '<row r="1" ht="20" customHeight="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><r><t>a&amp;</t></r><r><t>b</t></r></is></c><c r="C1" s="1"><v>45717</v></c></row>' +
        '<!-- a comment --><row r="3"><c r="A3" t="str"><f>"x"</f><v><![CDATA[</c> & </row>]]></v></c><c r="B3" t="d"><v>2025-03-16</v></c><c r="C3" t="b"><v>0</v></c></row>' +
        '<row r="4" hidden="1"><c r="AA4" t="e"><v>#DIV/0!</v></c></row>',
    );
    const whole = view(parse(xml).rows);
    expect(whole.map((row) => row.values)).toEqual([
      ['Shared', 'a&b', { day: dayFromIso('2025-03-01') }],
      ['</c> & </row>', { day: dayFromIso('2025-03-16') }, false],
      [...Array(26).fill(null), '#DIV/0!'],
    ]);
    fc.assert(
      fc.property(fc.array(fc.nat({ max: xml.length }), { maxLength: 12 }), (cuts) => {
        expect(view(parse(xml, [...cuts].sort((a, b) => a - b)).rows)).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });
});

describe('a worksheet that is not what it says is refused in one line', () => {
  const refused = (xml: string, ctx?: Partial<SheetContext>) => {
    try {
      parse(xml, [], context(ctx));
    } catch (error) {
      return error;
    }
    return null;
  };

  test.each<[string, string, string]>([
    ['rows out of order', '<row r="5"><c><v>1</v></c></row><row r="3"><c><v>1</v></c></row>', 'x.xlsx is damaged: sheet "S": row 3 comes after row 5 (rows must ascend)'],
    ['cells out of order', '<row r="1"><c r="C1"><v>1</v></c><c r="B1"><v>1</v></c></row>', 'x.xlsx is damaged: sheet "S": row 1: cells out of order (column 2 after 3)'],
    ['a cell past XFD', '<row r="1"><c r="XFE1"><v>1</v></c></row>', 'x.xlsx is damaged: sheet "S": row 1 has a cell past column XFD'],
    ['a row past 1,048,576', '<row r="1048577"><c><v>1</v></c></row>', 'x.xlsx is damaged: sheet "S": row 1,048,577 is past Excel\'s last row (1,048,576)'],
    ['a shared string that is not there', '<row r="1"><c t="s"><v>7</v></c></row>', 'x.xlsx is damaged: sheet "S": row 1 refers to shared string 7, and there are 2'],
  ])('%s', (_, data, message) => {
    expect(refused(sheetXml(data))).toEqual(new FileError('damaged', message));
  });

  test('a DOCTYPE (entity attack) and an unknown entity are XML errors (the source adds the file and part)', () => {
    expect(refused(`<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${sheetXml('')}`)).toBeInstanceOf(XmlError);
    expect(refused(sheetXml('<row r="1"><c t="str"><v>&e;</v></c></row>'))).toBeInstanceOf(XmlError);
  });

  const small: ReadLimits = { ...LIMITS, rowCells: 3, cellChars: 10, rowChars: 25, tagChars: 64 };
  test.each<[string, string, string]>([
    ['more cells in a row than the limit', '<row r="1"><c/><c/><c/><c/></row>', 'x.xlsx: sheet "S", row 1 has more than 3 cells: refused (a limit of subguard, see docs/cli.md)'],
    ['a cell longer than the limit', '<row r="1"><c t="inlineStr"><is><t>12345678901</t></is></c></row>', 'x.xlsx: sheet "S", row 1 has a cell longer than 10 characters: refused (a limit of subguard, see docs/cli.md)'],
    ['a row holding more characters than the limit', '<row r="1"><c t="str"><v>123456789</v></c><c t="str"><v>123456789</v></c><c t="str"><v>123456789</v></c></row>', 'x.xlsx: sheet "S", row 1 holds more than 25 characters: refused (a limit of subguard, see docs/cli.md)'],
  ])('%s', (_, data, message) => {
    expect(refused(sheetXml(data), { limits: small })).toEqual(new FileError('limit', message));
  });

  test('a cell that never ends cannot fill the memory: refused once it passes the limit', () => {
    const parser = new SheetParser(context({ limits: small }));
    const rows: XlsxRow[] = [];
    parser.push(sheetXml('').replace('</sheetData></worksheet>', '<row r="1"><c t="str"><v>'), rows);
    expect(() => {
      for (let i = 0; i < 100; i++) parser.push('xxxxxxxxxx', rows);
    }).toThrow(new FileError('limit', 'x.xlsx: sheet "S", row 1: a cell or tag longer than 10 characters: refused (a limit of subguard, see docs/cli.md)'));
  });
});

describe('ISO dates', () => {
  test.each<[string, number]>([
    ['2026-12-11', dayFromIso('2026-12-11')],
    ['2026-12-11T13:45:00', dayFromIso('2026-12-11')],
    ['2026-12-11T00:00:00Z', dayFromIso('2026-12-11')],
    ['2026-12-11 08:00', dayFromIso('2026-12-11')],
  ])('%s', (text, day) => {
    expect(dayFromIsoDateTime(text)).toBe(day);
  });

  test.each(['2026-13-01', '2026-02-30', '11-12-2026', 'T13:45:00', ''])('%s is no date', (text) => {
    expect(dayFromIsoDateTime(text)).toBeNaN();
  });
});

describe('shared strings', () => {
  const sst = (items: string, prefix = '') => `<?xml version="1.0"?><${prefix}sst xmlns${prefix ? `:${prefix.slice(0, -1)}` : ''}="${MAIN}" count="9">${items}</${prefix}sst>`;
  const read = (xml: string, cuts: readonly number[] = [], limits: ReadLimits = LIMITS) => {
    const parser = new SharedStringsParser('x.xlsx', limits);
    let from = 0;
    for (const cut of [...cuts, xml.length]) {
      if (cut < from) continue;
      parser.push(xml.slice(from, cut));
      from = cut;
    }
    return parser.end();
  };

  test('plain, preserved spaces, rich text without phonetic runs, empty, entities, escapes, CDATA', () => {
    const xml = sst(
      '<si><t>Revit</t></si><si><t xml:space="preserve"> Net 30 </t></si><si><r><rPr><b/></rPr><t>Auto</t></r><r><t>CAD</t></r><rPh sb="0" eb="2"><t>オート</t></rPh></si>' +
        '<si/><si><t/></si><si><t>R&amp;D &lt;2025&gt;</t></si><si><t>line_x000D__x000A_two</t></si><si><t><![CDATA[a & <b>]]></t></si>',
    );
    const strings = ['Revit', ' Net 30 ', 'AutoCAD', '', '', 'R&D <2025>', 'line\r\ntwo', 'a & <b>'];
    expect(read(xml)).toEqual(strings);
    fc.assert(fc.property(fc.array(fc.nat({ max: xml.length }), { maxLength: 10 }), (cuts) => void expect(read(xml, [...cuts].sort((a, b) => a - b))).toEqual(strings)), { numRuns: 300 });
  });

  test('prefixed', () => {
    expect(read(sst('<x:si><x:t>a</x:t></x:si><x:si><x:r><x:t>b</x:t></x:r></x:si>', 'x:'))).toEqual(['a', 'b']);
  });

  test.each<[string, Partial<ReadLimits>, string, string]>([
    ['more entries than the limit', { sharedStrings: 2 }, '<si><t>a</t></si>'.repeat(3), 'x.xlsx: its shared strings hold more than 2 entries: refused (a limit of subguard, see docs/cli.md)'],
    ['more characters than the limit', { sharedStringChars: 5 }, '<si><t>abc</t></si>'.repeat(2), 'x.xlsx: its shared strings hold more than 5 characters: refused (a limit of subguard, see docs/cli.md)'],
    ['one string longer than a cell may be', { cellChars: 4 }, '<si><t>abcde</t></si>', 'x.xlsx: shared string 0 is longer than 4 characters: refused (a limit of subguard, see docs/cli.md)'],
  ])('%s', (_, limits, items, message) => {
    expect(() => read(sst(items), [], { ...LIMITS, ...limits })).toThrow(new FileError('limit', message));
  });
});

describe('styles: which formats are dates, and the formats the copy keeps', () => {
  test.each<[string, boolean]>([
    ['yyyy-mm-dd', true],
    ['dd.mm.yyyy', true],
    ['[$-406]d. mmmm yyyy;@', true],
    ['m/d/yy h:mm', true],
    ['h:mm:ss', true],
    ['[h]:mm', true],
    ['General', false],
    ['0.00', false],
    ['#,##0.00 "kr"', false],
    ['[Red]#,##0', false],
    ['0.00E+00', false],
    ['"Day" 0', false],
    ['\\d0', false],
    ['@', false],
  ])('%s is %s', (code, date) => {
    expect(isDateFormat(code)).toBe(date);
  });

  test('built-in date formats (14, 22) and a custom one are dates; others not', () => {
    expect([...STYLES.dateFormats]).toEqual([0, 1, 1, 0, 1]);
  });

  test('a format in full: number format, font, fill, border, alignment, protection; the default and unknown ones are none', () => {
    expect(STYLES.formatOf(2)).toEqual({
      numFmt: 'dd.mm.yyyy',
      font: { bold: true, size: 12, color: { theme: 1, tint: -0.5 }, name: 'Arial' },
      fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' }, bgColor: { indexed: 64 } },
      border: { left: { style: 'thin', color: { argb: 'FF000000' } }, bottom: { style: 'double' } },
      alignment: { horizontal: 'center', wrapText: true, textRotation: 45 },
      protection: { locked: false },
    });
    expect(STYLES.formatOf(1)).toEqual({ numFmt: 'mm-dd-yy' });
    expect(STYLES.formatOf(2)).toBe(STYLES.formatOf(2)); // one object per format, shared by its cells
    expect([STYLES.formatOf(0), STYLES.formatOf(99), NO_STYLES.formatOf(1)]).toEqual([undefined, undefined, undefined]);
  });

  test('more cell formats than the limit', () => {
    const xml = `<styleSheet xmlns="${MAIN}"><cellXfs>${'<xf numFmtId="0"/>'.repeat(4)}</cellXfs></styleSheet>`;
    expect(() => parseStyles(xml, 'x.xlsx', 3)).toThrow(new FileError('limit', 'x.xlsx: its styles hold more than 3 cell formats: refused (a limit of subguard, see docs/cli.md)'));
  });
});

describe('XML text', () => {
  test.each<[string, string]>([
    ['a &amp; b', 'a & b'],
    ['&lt;&gt;&quot;&apos;', '<>"\''],
    ['&#65;&#x42;&#X43;', 'ABC'],
    ['no entities', 'no entities'],
  ])('%s', (raw, text) => {
    expect(decodeEntities(raw)).toBe(text);
  });

  test('_xHHHH_ escapes, and _x005F_ for a literal "_x"', () => {
    expect(decodeCellText('a_x0009_b _x005F_x0041_')).toBe('a\tb _x0041_');
  });

  test.each(['&nbsp;', '&', '&#xFFFFFFF;'])('%s is an error', (raw) => {
    expect(() => decodeEntities(raw)).toThrow(XmlError);
  });
});

describe('the inflate limits', () => {
  const chunksOf = async (files: Record<string, string>, limits: ReadLimits, maxBytes = 1e9) => {
    const bytes = zipOf(files);
    const [entry] = await readZipDirectory(readFromBytes(bytes), bytes.length, 'x.xlsx', limits);
    let total = 0;
    for await (const chunk of entryChunks(readFromBytes(bytes), entry, inflateWithZlib, 'x.xlsx', limits, { maxBytes })) total += chunk.length;
    return total;
  };

  test('a part that inflates past the ratio, once past the grace, is a zip bomb: refused', async () => {
    const bomb = '<row/>'.repeat(400_000); // 2.4 MB of markup, deflated some 1,000 times
    await expect(chunksOf({ 'a.xml': bomb }, { ...LIMITS, inflateRatio: 100, inflateRatioGraceBytes: 1_000_000 })).rejects.toThrow(
      new FileError('limit', 'x.xlsx: a.xml inflates to more than 100 times its packed size (a zip bomb?): refused (a limit of subguard, see docs/cli.md)'),
    );
    await expect(chunksOf({ 'a.xml': bomb }, LIMITS)).resolves.toBe(bomb.length); // under the grace
  });

  test('a part larger than its limit is refused from the zip directory, before inflating', async () => {
    await expect(chunksOf({ 'a.xml': 'x'.repeat(5000) }, LIMITS, 4096)).rejects.toThrow(new FileError('limit', 'x.xlsx: a.xml inflates to more than 4,096 bytes: refused (a limit of subguard, see docs/cli.md)'));
  });
});
