/**
 * Every limit as the user meets it: a small file that asks for a lot is one line naming the
 * file, the scan stops, `--out` leaves nothing behind and the input is untouched. Smaller bombs
 * than issue 9 measured (those are in `npm run bench files`, with their time and memory), the
 * same code path and the default limits unless a test says otherwise.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RowResult } from '../../src/scan';
import { annotateFile, scanFile, FileError } from '../../src/files';
import { expectCases, fixtureWorkbook, temporaryFolder, fileRequest, type GivenRequest } from './fixture-files';
import { BOMBS, writeLongFieldsCsv } from './bombs';

let folder: string;
beforeAll(() => {
  folder = temporaryFolder('subguard-limits-');
});
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

let counter = 0;
const fileIn = (name: string) => path.join(folder, `${counter++}-${name}`);
const OPTIONS = fileRequest();
const hash = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const leftovers = () => fs.readdirSync(folder).filter((name) => name.endsWith('.partial'));

async function refusal(run: () => Promise<unknown>): Promise<FileError> {
  const error = await run().then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(FileError);
  expect((error as FileError).message).not.toContain('\n');
  return error as FileError;
}

/** The scan and the copy both refuse, naming the file; nothing is written and the input is unchanged. */
async function expectRefused(file: string, message: string, options: GivenRequest = {}): Promise<void> {
  const before = hash(file);
  expect((await refusal(() => scanFile(file, fileRequest(options)))).message).toBe(message);
  for (const inMemoryMaxBytes of [undefined, 0]) {
    const out = fileIn('copy.xlsx');
    expect((await refusal(() => annotateFile(file, out, fileRequest({ ...options, inMemoryMaxBytes })))).message).toBe(message);
    expect(fs.existsSync(out)).toBe(false);
  }
  expect(leftovers()).toEqual([]);
  expect(hash(file)).toBe(before);
}

const LIMIT = '(a limit of subguard, see docs/cli.md)';

describe('bombs are refused in one line naming the file', () => {
  test('shared strings of 1.6 million empty entries (21 MB from a few KB): more than 100 times its packed size', async () => {
    const file = fileIn('strings-bomb.xlsx');
    const size = await BOMBS.sharedStrings(file, 1_600_000);
    expect(size).toBeLessThan(100_000);
    await expectRefused(file, `${file}: xl/sharedStrings.xml inflates to more than 100 times its packed size (a zip bomb?): refused ${LIMIT}`);
  });

  test('3 million empty <row/> after the table (18 MB from a few KB): refused from the zip directory, before inflating', async () => {
    const file = fileIn('rows-bomb.xlsx');
    await BOMBS.emptyRows(file, 3_000_000);
    await expectRefused(file, `${file}: xl/worksheets/sheet1.xml inflates to more than 100 times its packed size (a zip bomb?): refused ${LIMIT}`);
  });

  test('1.1 million empty <row/> (under the grace): more rows than a sheet has', async () => {
    const file = fileIn('rows-past-the-end.xlsx');
    await BOMBS.emptyRows(file, 1_100_000);
    await expectRefused(file, `${file} is damaged: sheet "Subscriptions": row 1,048,577 is past Excel's last row (1,048,576)`);
  });

  test('20 MB of white space inside the sheet data: more than 100 times its packed size', async () => {
    const file = fileIn('blank-bomb.xlsx');
    await BOMBS.whitespace(file, 20 * 1024 * 1024);
    await expectRefused(file, `${file}: xl/worksheets/sheet1.xml inflates to more than 100 times its packed size (a zip bomb?): refused ${LIMIT}`);
  });

  test('a workbook part of 40 MB: over the limit of small parts, refused before it is inflated', async () => {
    const file = fileIn('workbook-bomb.xlsx');
    await BOMBS.workbookPart(file, 40 * 1024 * 1024);
    const error = await refusal(() => scanFile(file, OPTIONS));
    expect(error.message).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: xl/workbook.xml inflates to more than (32 MiB|100 times its packed size \\(a zip bomb\\?\\)): refused`));
  });

  test('one cell of 200,000 characters', async () => {
    const file = fileIn('huge-cell.xlsx');
    await BOMBS.hugeCell(file, 200_000);
    await expectRefused(file, `${file}: sheet "Subscriptions", row 900 has a cell longer than 131,072 characters: refused ${LIMIT}`);
  });

  test('a CSV field of 140,000 characters names the file and the line', async () => {
    const file = fileIn('long-fields.csv');
    await writeLongFieldsCsv(file, 2, 140_000);
    await expectRefused(file, `${file}: line 2: a field is longer than 131,072 characters: refused ${LIMIT}`);
  });

  test('more shared strings than the limit (a smaller limit here: the default is 4,000,000)', async () => {
    const file = fileIn('many-strings.xlsx');
    await BOMBS.sharedStrings(file, 50_000);
    await expectRefused(file, `${file}: its shared strings hold more than 10,000 entries: refused ${LIMIT}`, { limits: { sharedStrings: 10_000 } });
  });
});

describe('within the limits, what looks big costs little', () => {
  test('a million empty <row/> after the table (6 MB, under the grace): read, every fixture row right', async () => {
    const file = fileIn('empty-runs.xlsx');
    await BOMBS.emptyRows(file, 1_000_000);
    const results: RowResult[] = [];
    await scanFile(file, OPTIONS, { row: (result) => void results.push(result) });
    expectCases(results, fixtureWorkbook().fixture);
  });

  test('1,001 merged ranges: the copy is streamed, not made in ExcelJS\'s quadratic memory; up to 1,000 in memory', async () => {
    for (const [count, streamed] of [[1_001, true], [1_000, false]] as const) {
      const file = fileIn(`merges-${count}.xlsx`);
      await BOMBS.merges(file, count);
      const outcome = await annotateFile(file, fileIn('merges-copy.xlsx'), OPTIONS);
      expect({ count, streamed: outcome.streamed }).toEqual({ count, streamed });
      expect(outcome.summary.rows).toBe(fixtureWorkbook().fixture.cases.length);
    }
  });

  test('the in-memory copy is chosen by the XML\'s inflated size, not the file size', async () => {
    const file = fileIn('small-file-big-xml.xlsx');
    await BOMBS.emptyRows(file, 800_000); // 4.8 MB of XML in a file of a few KB
    expect(fs.statSync(file).size).toBeLessThan(100_000);
    const outcome = await annotateFile(file, fileIn('big-xml-copy.xlsx'), OPTIONS);
    expect(outcome.streamed).toBe(true);
  });
});
