/**
 * Small files that ask for a lot (issue 9): a part that inflates a thousand times, millions of
 * shared strings, empty `<row/>` runs, one huge cell, CSV fields of megabytes, thousands of merged
 * ranges. Written to disk with streaming deflate, so a bomb of gigabytes never sits in memory:
 * the tests make small ones, `npm run bench files` the sizes issue 9 measured.
 */
import * as fs from 'node:fs';
import { once } from 'node:events';
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';
import { centralHeader, localHeader, packageParts, zipEnd, type EntryFacts, type PackageOptions } from './packages';

/** A part's text: a string, or pieces generated as the zip is written. */
export type PartText = string | (() => Iterable<string>);

/** Pieces of about 1 MB: `unit` repeated `count` times, between `before` and `after`. */
function* repeated(before: string, unit: string, count: number, after: string): Iterable<string> {
  yield before;
  const perPiece = Math.max(1, Math.floor((1 << 20) / Math.max(1, unit.length)));
  const piece = unit.repeat(Math.min(perPiece, count));
  let left = count;
  while (left >= perPiece) {
    yield piece;
    left -= perPiece;
  }
  if (left > 0) yield unit.repeat(left);
  yield after;
}

/** Writes a zip of the parts, each deflated as it is generated; returns the file's size. */
export async function writeZipFile(file: string, parts: Readonly<Record<string, PartText>>): Promise<number> {
  const out = fs.createWriteStream(file);
  let offset = 0;
  const write = async (data: Buffer) => {
    offset += data.length;
    if (!out.write(data)) await once(out, 'drain');
  };
  const central: Buffer[] = [];
  for (const [name, text] of Object.entries(parts)) {
    const nameBytes = Buffer.from(name);
    const localOffset = offset;
    let size = 0;
    let sum = 0;
    let packedSize = 0;
    const packed: Buffer[] = [];
    if (typeof text === 'string') {
      const data = Buffer.from(text);
      size = data.length;
      sum = crc32(data);
      packed.push(deflateRawSync(data));
      packedSize = packed[0].length;
    } else {
      // Deflate as generated; the packed bytes are kept (a bomb packs a thousand times smaller).
      const deflate = createDeflateRaw({ level: 6 });
      deflate.on('data', (chunk: Buffer) => {
        packed.push(chunk);
        packedSize += chunk.length;
      });
      const done = once(deflate, 'end');
      for (const piece of text()) {
        const data = Buffer.from(piece);
        size += data.length;
        sum = crc32(data, sum);
        if (!deflate.write(data)) await once(deflate, 'drain');
      }
      deflate.end();
      await done;
    }
    const entry: EntryFacts = { name: nameBytes, method: 8, crc32: sum, packedSize, size, localOffset };
    await write(localHeader(entry));
    for (const chunk of packed) await write(chunk);
    central.push(centralHeader(entry));
  }
  const directory = Buffer.concat(central);
  const directoryOffset = offset;
  await write(directory);
  await write(zipEnd(Object.keys(parts).length, directory.length, directoryOffset));
  out.end();
  await once(out, 'finish');
  return offset;
}

/** The fixture workbook's parts with some replaced (a bomb in place of a part). */
async function writeWorkbookWith(file: string, replace: (parts: Record<string, string>) => Record<string, PartText>, options: PackageOptions = {}): Promise<number> {
  const { parts } = packageParts(options);
  return writeZipFile(file, { ...parts, ...replace(parts) });
}

const SHEET = 'xl/worksheets/sheet1.xml';
const SHARED = 'xl/sharedStrings.xml';

/** The fixture sheet with `unit` repeated `count` times right after its data rows (inside sheetData). */
function afterRows(parts: Record<string, string>, unit: string, count: number): PartText {
  const sheet = parts[SHEET];
  const at = sheet.indexOf('</sheetData>');
  return () => repeated(sheet.slice(0, at), unit, count, sheet.slice(at));
}

export const BOMBS = {
  /** Shared strings of `count` empty entries (issue 9: 80 million in a 4 MB file). */
  sharedStrings: (file: string, count: number) =>
    writeWorkbookWith(file, (parts) => {
      const sst = parts[SHARED];
      const at = sst.lastIndexOf('</sst>');
      return { [SHARED]: () => repeated(sst.slice(0, at), '<si><t/></si>', count, sst.slice(at)) };
    }),
  /** `count` empty rows after the table (issue 9: 200 MB in 320 KB, 2 GB in 3 MB). */
  emptyRows: (file: string, count: number) => writeWorkbookWith(file, (parts) => ({ [SHEET]: afterRows(parts, '<row/>', count) })),
  /** `bytes` of white space inside sheetData: nothing but inflating to do. */
  whitespace: (file: string, bytes: number) => writeWorkbookWith(file, (parts) => ({ [SHEET]: afterRows(parts, ' ', bytes) })),
  /** A workbook part of `bytes` bytes of defined names (issue 9: 1.5 GB). */
  workbookPart: (file: string, bytes: number) =>
    writeWorkbookWith(file, (parts) => {
      const workbook = parts['xl/workbook.xml'];
      const at = workbook.lastIndexOf('</workbook>');
      const unit = '<definedNames/>';
      return { 'xl/workbook.xml': () => repeated(workbook.slice(0, at), unit, Math.ceil(bytes / unit.length), workbook.slice(at)) };
    }),
  /**
   * One inline-string cell of about `chars` characters in a row after the table (issue 9: 100 MB);
   * `varied` text packs only some 5 times, so the cell's own limit stops it, not the inflate ratio.
   */
  hugeCell: (file: string, chars: number, varied = false) =>
    writeWorkbookWith(file, (parts) => {
      const sheet = parts[SHEET];
      const at = sheet.indexOf('</sheetData>');
      const before = `${sheet.slice(0, at)}<row r="900"><c r="B900" t="inlineStr"><is><t>`;
      const after = `</t></is></c></row>${sheet.slice(at)}`;
      if (!varied) return { [SHEET]: () => repeated(before, 'x', chars, after) };
      return {
        [SHEET]: function* () {
          yield before;
          let piece = '';
          for (let i = 0, written = 0; written < chars; i++) {
            const word = `${(i * 2654435761) % 1e9} `;
            piece += word;
            written += word.length;
            if (piece.length > 1 << 20) {
              yield piece;
              piece = '';
            }
          }
          yield piece + after;
        },
      };
    }),
  /** `count` merged ranges of two cells each, below the table (issue 9: 20,000; Apache POI's 57893 sheet). */
  merges: (file: string, count: number) =>
    writeWorkbookWith(file, (parts) => {
      const sheet = parts[SHEET];
      const at = sheet.indexOf('</worksheet>');
      const refs = Array.from({ length: count }, (_, i) => `<mergeCell ref="K${i + 1}:L${i + 1}"/>`).join('');
      return { [SHEET]: `${sheet.slice(0, at)}<mergeCells count="${count}">${refs}</mergeCells>${sheet.slice(at)}` };
    }),
};

/** A CSV with `fields` fields of `chars` characters each, after a header (issue 9: 8 of 31 MB). */
export async function writeLongFieldsCsv(file: string, fields: number, chars: number): Promise<void> {
  const out = fs.createWriteStream(file);
  out.write('Subscription ID,Product,Renewal date\r\n');
  for (let i = 0; i < fields; i++) {
    for (const piece of repeated(`S-${i},`, 'x', chars, ',2025-03-16\r\n')) if (!out.write(piece)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
