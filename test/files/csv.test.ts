import fc from 'fast-check';
import { CsvParser, detectCsvDialect, parseCsvRecords, sniffEncoding, decodeCsvBytes, type CsvDelimiter, type CsvRecord } from '../../src/files/csv';
import { FileError } from '../../src/files/errors';

const records = (text: string, delimiter: CsvDelimiter = ',') => parseCsvRecords(text, delimiter).map((r) => [r.line, ...r.values]);

describe('the CSV parser reads RFC 4180', () => {
  test.each<[string, string, CsvDelimiter, Array<Array<string | number>>]>([
    ['plain fields, CRLF', 'a,b\r\nc,d\r\n', ',', [[1, 'a', 'b'], [2, 'c', 'd']]],
    ['LF line ends and no final line end', 'a,b\nc,d', ',', [[1, 'a', 'b'], [2, 'c', 'd']]],
    ['old Mac CR line ends', 'a,b\rc,d\r', ',', [[1, 'a', 'b'], [2, 'c', 'd']]],
    ['quoted delimiter', '"a,1",b\n', ',', [[1, 'a,1', 'b']]],
    ['doubled quotes inside quotes', '"say ""hi""",x\n', ',', [[1, 'say "hi"', 'x']]],
    ['a line break inside quotes keeps the record on its first line', '"line 1\r\nline 2",x\r\ny,z\r\n', ',', [[1, 'line 1\r\nline 2', 'x'], [3, 'y', 'z']]],
    ['an empty line is a record of one empty field', 'a\n\nb\n', ',', [[1, 'a'], [2, ''], [3, 'b']]],
    ['empty fields, trailing delimiter', ',a,\n', ',', [[1, '', 'a', '']]],
    ['semicolons as Danish Excel writes them', 'Produkt;Beløb\nRevit;4.500,00\n', ';', [[1, 'Produkt', 'Beløb'], [2, 'Revit', '4.500,00']]],
    ['tabs', 'a\tb\n', '\t', [[1, 'a', 'b']]],
    ['a quote in the middle of a field is text', 'ab"c,d\n', ',', [[1, 'ab"c', 'd']]],
    ['text after a closing quote is kept', '"ab"c,d\n', ',', [[1, 'abc', 'd']]],
    ['an empty quoted field', '"",x\n', ',', [[1, '', 'x']]],
  ])('%s', (_, text, delimiter, expected) => {
    expect(records(text, delimiter)).toEqual(expected);
  });

  test('a quoted field that never closes is a named error with its line', () => {
    expect(() => parseCsvRecords('a,b\nc,"never closed\nmore\n', ',')).toThrow(new FileError('bad-csv', 'line 2: a quoted field is never closed (a " without its closing ")'));
  });

  test('text fed in any chunks gives the same records as the whole text', () => {
    const field = fc.oneof(fc.string(), fc.constantFrom('"', '""', ',', ';', '\r\n', '\n', '\r', 'æøå', '=1+1'));
    const table = fc.array(fc.array(field, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(table, fc.array(fc.nat(), { maxLength: 8 }), fc.constantFrom<CsvDelimiter>(',', ';'), (rows, cuts, delimiter) => {
        const text = rows.map((row) => row.map((value) => `"${value.replace(/"/g, '""')}"`).join(delimiter)).join('\r\n');
        const whole = parseCsvRecords(text, delimiter);
        expect(whole.map((r) => r.values)).toEqual(rows);
        const points = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
        const parser = new CsvParser(delimiter);
        const out: CsvRecord[] = [];
        let from = 0;
        for (const point of [...points, text.length]) {
          parser.push(text.slice(from, point), out);
          from = point;
        }
        parser.end(out);
        expect(out).toEqual(whole);
      }),
    );
  });
});

describe('the delimiter is found from the header line', () => {
  test.each<[string, string, CsvDelimiter, number]>([
    ['commas', 'Subscription ID,Product,Renewal date\n1,Revit,2025-01-01\n', ',', 0],
    ['semicolons (Danish Excel)', 'Abonnements-ID;Produkt;Fornyelsesdato\n1;Revit;01-01-2025\n', ';', 0],
    ['semicolons although the values hold decimal commas', 'Produkt;Fornyelsesdato;Beløb\nRevit;01-01-2025;4,5\nMaya;01-02-2025;1,25\n', ';', 0],
    ['tabs', 'Product\tRenewal date\nRevit\t2025-01-01\n', '\t', 0],
    ['below a title line without delimiters', 'Our subscriptions\nProduct;End date;Paid\nRevit;2025-01-01;Ja\n', ';', 0],
    ["Excel's sep= line", 'sep=;\nProduct;End date\n', ';', 6],
    ['a byte order mark', '\ufeffProduct;End date\n', ';', 1],
    ['no header at all: the most frequent', 'a;b;c\n1;2;3\n', ';', 0],
  ])('%s', (_, text, delimiter, skip) => {
    const dialect = detectCsvDialect(text);
    expect([dialect.delimiter, dialect.skip]).toEqual([delimiter, skip]);
  });

  test("after Excel's sep= line the records start on line 2", () => {
    expect(detectCsvDialect('sep=,\r\nProduct,End date\r\n').firstLine).toBe(2);
  });
});

describe('the encoding is found from the first bytes', () => {
  const bytes = (...values: number[]) => new Uint8Array(values);
  test.each<[string, Uint8Array, string]>([
    ['UTF-8 with a byte order mark', bytes(0xef, 0xbb, 0xbf, 0x41), 'utf-8'],
    ['plain ASCII', new TextEncoder().encode('Product,Paid'), 'utf-8'],
    ['UTF-8 Danish letters', new TextEncoder().encode('Løbetid;Beløb'), 'utf-8'],
    ['Windows-1252 from Danish Excel (ø is 0xF8)', bytes(0x4c, 0xf8, 0x62, 0x65, 0x74, 0x69, 0x64), 'windows-1252'],
    ['UTF-16 LE', bytes(0xff, 0xfe, 0x41, 0x00), 'utf-16le'],
  ])('%s', (_, input, encoding) => {
    expect(sniffEncoding(input)).toBe(encoding);
  });

  test('Windows-1252 text decodes to the Danish letters', () => {
    expect(decodeCsvBytes(new Uint8Array([0x4c, 0xf8, 0x62, 0x65, 0x74, 0x69, 0x64, 0x3b, 0xc5, 0x72]))).toBe('Løbetid;År');
  });

  test('a UTF-8 sequence cut at the end of the sniffed part is still UTF-8', () => {
    const text = new TextEncoder().encode('ø');
    expect(sniffEncoding(text.subarray(0, 1))).toBe('utf-8');
  });
});
