/**
 * A CSV file read from disk in 256 KB chunks: its encoding from the first bytes (NUL bytes in an
 * 8-bit file refused), its dialect from the first 256 K characters, records in batches.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkNoNul, csvDecoder, CsvParser, detectCsvDialect, sniffEncoding, DIALECT_SAMPLE_CHARS, type CsvRecord, type TextEncodingName } from '../csv';
import { csvRecordsSource } from '../memory';
import type { WorkbookSource } from '../pipeline';
import type { InputFile } from './input';

async function* csvFileRecords(input: InputFile): AsyncIterable<CsvRecord[]> {
  // 256 KB pieces: a field kept by the summary (an ID in "Next deadlines") keeps its piece of text alive.
  const stream = fs.createReadStream(input.path, { highWaterMark: 256 * 1024 });
  let decoder: TextDecoder | undefined;
  let encoding: TextEncodingName = 'utf-8';
  let parser: CsvParser | undefined;
  let head = '';
  const start = (text: string): { parser: CsvParser; rest: string } => {
    const dialect = detectCsvDialect(text);
    return { parser: new CsvParser(dialect.delimiter, dialect.firstLine, input.label, input.limits), rest: text.slice(dialect.skip) };
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (!decoder) {
        encoding = sniffEncoding(chunk);
        decoder = csvDecoder(encoding);
      }
      checkNoNul(chunk, encoding, input.label);
      let text = decoder.decode(chunk, { stream: true });
      if (!parser) {
        head += text;
        if (head.length < DIALECT_SAMPLE_CHARS) continue;
        ({ parser, rest: text } = start(head));
        head = '';
      }
      const records: CsvRecord[] = [];
      parser.push(text, records);
      if (records.length) yield records;
    }
    let rest = decoder ? decoder.decode() : '';
    if (!parser) ({ parser, rest } = start(head + rest));
    const records: CsvRecord[] = [];
    parser.push(rest, records);
    parser.end(records);
    if (records.length) yield records;
  } finally {
    stream.destroy();
  }
}

export function csvFileSource(input: InputFile): WorkbookSource {
  return csvRecordsSource(() => csvFileRecords(input), path.basename(input.path), input.label);
}
