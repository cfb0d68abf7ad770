import { mapHeaders } from '../../src/rules';
import { scanRow, ScanSummary, nextDeadlines, type RowResult, scanSettings } from '../../src/scan';
import { csvField, CsvOutput, JsonOutput, safeJson, TableOutput, terminalSafe, truncate, type FileHead, type OutputOptions, type OutputWriter } from '../../src/cli/format';
import { FIXTURE_COLUMNS, STATUS_CASES } from '../fixtures/cases';
import { toRuleCell } from '../fixtures/to-cells';
import { AS_OF } from '../files/fixture-files';

const columns = mapHeaders(FIXTURE_COLUMNS.map(([, english]) => english));
const RESULTS: RowResult[] = STATUS_CASES.map((c, i) => scanRow(FIXTURE_COLUMNS.map(([field]) => toRuleCell(c.row[field])), i + 2, { columns, firstColumn: 0 }, scanSettings({ asOf: AS_OF })));
const HEAD: FileHead = { file: 'list.xlsx', sheet: 'Subscriptions', headerRow: 1, asOf: '2025-03-01', warningDays: 14, dateOrder: null, sampleDate: false };
const PLAIN: OutputOptions = { locale: 'en', explain: false, color: false };

function summaryOf(results: RowResult[]) {
  const summary = new ScanSummary();
  results.forEach((result) => summary.add(result));
  return summary;
}

async function render(writer: (emit: (text: string) => void) => OutputWriter, results = RESULTS, files = 1): Promise<string> {
  let text = '';
  const output = writer((chunk) => void (text += chunk));
  for (let f = 0; f < files; f++) {
    await output.start({ ...HEAD, file: `list-${f}.xlsx` });
    for (const result of results) await output.row(result);
    await output.end({ summary: summaryOf(results), upcoming: nextDeadlines(results, 10), out: null });
  }
  await output.finish();
  return text;
}

describe('JSON output is the contract', () => {
  test('one file: an object with asOf, file, sheet, rows and summary counts for all seven codes', async () => {
    const json = JSON.parse(await render((emit) => new JsonOutput(emit, PLAIN, false)));
    expect(Object.keys(json).slice(0, 3)).toEqual(['asOf', 'file', 'sheet']);
    expect(json).toMatchObject({ asOf: '2025-03-01', file: 'list-0.xlsx', sheet: 'Subscriptions', headerRow: 1, warningDays: 14 });
    expect(json.summary).toEqual({ active: 5, 'due-soon': 4, expired: 5, suspended: 10, canceled: 4, 'not-covered': 1, invalid: 5 });
    expect(json.rows).toHaveLength(STATUS_CASES.length);
    STATUS_CASES.forEach((c, i) => {
      const row = json.rows[i];
      expect(Object.keys(row).slice(0, 7)).toEqual(['row', 'status', 'dueDate', 'suspensionDate', 'cancellationDate', 'reason', 'explanation']);
      expect({ name: c.name, row: row.row, status: row.status, dueDate: row.dueDate, suspensionDate: row.suspensionDate, cancellationDate: row.cancellationDate, reason: row.reason ?? undefined }).toEqual({
        name: c.name, row: i + 2, status: c.status, dueDate: c.dueDate, suspensionDate: c.suspensionDate, cancellationDate: c.cancellationDate, reason: c.reason,
      });
      expect(typeof row.explanation).toBe('string');
    });
  });

  test('several files: an array of those objects', async () => {
    const json = JSON.parse(await render((emit) => new JsonOutput(emit, PLAIN, true), RESULTS.slice(0, 2), 2));
    expect(json.map((file: { file: string }) => file.file)).toEqual(['list-0.xlsx', 'list-1.xlsx']);
  });

  test('a file without rows has an empty rows array', async () => {
    expect(JSON.parse(await render((emit) => new JsonOutput(emit, PLAIN, false), []))).toMatchObject({ rows: [], summary: { active: 0 } });
  });

  test('several files that all failed: an empty array', async () => {
    let text = '';
    await new JsonOutput((chunk) => void (text += chunk), PLAIN, true).finish();
    expect(JSON.parse(text)).toEqual([]);
  });
});

describe('CSV output is safe to open in a spreadsheet', () => {
  test.each<[string | number | null, string]>([
    ['Revit', 'Revit'],
    ['=HYPERLINK("http://x","y")', '"\'=HYPERLINK(""http://x"",""y"")"'],
    ['+SUM(A1)', "'+SUM(A1)"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', '"\'\r=1"'],
    ['a, b', '"a, b"'],
    ['line\nbreak', '"line\nbreak"'],
    ['<img src=x onerror=alert(1)>', '<img src=x onerror=alert(1)>'],
    [4500, '4500'],
    [null, ''],
  ])('%j → %s', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  test('one header line, then a line per row with the file and sheet', async () => {
    const text = await render((emit) => new CsvOutput(emit, PLAIN), RESULTS.slice(0, 2), 2);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('file,sheet,row,status,label,dueDate,suspensionDate,cancellationDate,reason,cell,id,product,amount,currency,explanation,amountProblem');
    expect(lines.filter((line) => line.startsWith('file,'))).toHaveLength(1);
    expect(lines[1]).toMatch(/^list-0\.xlsx,Subscriptions,2,active,Active,2025-03-16,2025-04-01,2025-05-01,,,S-001,AutoCAD,,,"Active: /);
    expect(lines).toHaveLength(6);
  });
});

describe('the table is readable', () => {
  test('aligned columns, labels, dates, and a note for invalid rows', async () => {
    const lines = (await render((emit) => new TableOutput(emit, PLAIN))).split('\n');
    expect(lines[0]).toBe('list-0.xlsx: sheet "Subscriptions", header row 1, as of 2025-03-01, warning window 14 days');
    const heading = lines[2];
    expect(heading).toBe(' Row  Status       Due         Suspension  Cancellation  Subscription  Product         Note');
    const dueAt = heading.indexOf('Due');
    const rows = lines.slice(3, 3 + STATUS_CASES.length);
    rows.forEach((line, i) => expect(line.slice(dueAt, dueAt + 10)).toBe(STATUS_CASES[i].dueDate ?? '-         '));
    expect(rows[29]).toContain('Invalid: Cell F31 (payment terms): "Net 3O" is not a payment term');
    expect(lines).toContain('Active 5 · Due soon 4 · Expired 5 · Suspended 10 · Canceled 4 · Not covered 1 · Invalid 5 (34 rows)');
    expect(lines).toContain('At risk (due soon, expired, suspended): 19 rows');
  });

  test('--explain adds each row\'s explanation on the line below it', async () => {
    const lines = (await render((emit) => new TableOutput(emit, { ...PLAIN, explain: true }), RESULTS.slice(0, 1))).split('\n');
    expect(lines[4].trim()).toBe(RESULTS[0].explanation);
  });

  test('Danish labels and headings with --lang da', async () => {
    const text = await render((emit) => new TableOutput(emit, { ...PLAIN, locale: 'da' }), RESULTS.slice(0, 3));
    expect(text).toContain('Række  Status');
    expect(text).toContain('Forfalder snart');
    expect(text).toContain('ark "Subscriptions", overskriftsrække 1, pr. 2025-03-01');
  });

  test('colour only when asked, and the text is the same without it', async () => {
    const coloured = await render((emit) => new TableOutput(emit, { ...PLAIN, color: true }), RESULTS.slice(0, 5));
    expect(coloured).toContain('\u001b[');
    // eslint-disable-next-line no-control-regex -- ANSI colour codes start with ESC
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(await render((emit) => new TableOutput(emit, PLAIN), RESULTS.slice(0, 5)));
  });

  test('cell text cannot drive the terminal: control characters and direction overrides are removed', () => {
    expect(terminalSafe('\u001b[2J\u001b]0;pwned\u0007ok\u202etxt.exe')).toBe(' [2J ]0;pwned ok txt.exe'.replace(' txt', 'txt'));
    expect(truncate('x'.repeat(100), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});

describe('JSON on a terminal', () => {
  test('C1 controls and bidirectional overrides are \\u escapes; the JSON means the same', () => {
    const text = 'a\u009b31m\u202eb\u001b';
    expect(safeJson(text)).toBe('"a\\u009b31m\\u202eb\\u001b"');
    expect(JSON.parse(safeJson({ text }))).toEqual({ text });
  });
});
