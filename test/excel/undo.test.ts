/**
 * Ctrl+Z after a scan. Without ExcelApi 1.20 every `context.sync()` is an undo step
 * (learn.microsoft.com Excel.RunOptions.mergeUndoGroup: "When false, each context.sync() call
 * creates an undo record"), so the user can take back any tail of a scan's writes: the hide of our
 * name, the highlights and the name, the last write blocks. Our record in the document settings is
 * not on Excel's undo stack. Whatever is left, Clear must restore the workbook and the next scan
 * must end where a scan without the undo ends. The fake models the steps (test/excel/fake-excel.ts).
 */
import { officeExcelSource, type ExcelScanSource, type ExcelSourceOptions } from '../../src/excel';
import { STATUS_CASES } from '../fixtures/cases';
import type { FakeExcel } from './fake-excel';
import { contentOf, fixtureBook, ignore, never, sourceFor, stateOf, type FixtureBook, request } from './helpers';

const withDates = request();
/** Small blocks: the fixture table's scan takes several write blocks, so several undo steps. */
const small: ExcelSourceOptions = { limits: { cells: 40, bytes: 1_000_000 } };

type Options = Parameters<ExcelScanSource['scan']>[1];

interface Story {
  /** What happens before the scan whose steps are undone (an earlier scan, the user's edits). */
  readonly before: (b: FixtureBook, source: ExcelScanSource) => Promise<void>;
  /** The options of the scan whose steps are undone. */
  readonly scan: Options;
  /** The user's edits that stay after Clear (Clear removes only ours). */
  readonly edits?: (b: FixtureBook) => void;
  /** At least this many undo steps: the write blocks, the highlights and name, the name's hiding. */
  readonly steps: number;
}

const STORIES: Record<string, Story> = {
  'a first scan': { before: async () => undefined, scan: withDates, steps: 9 },
  'a rescan in Danish (same cells, new highlights)': {
    before: async (_, source) => void (await source.scan(await source.locate(), withDates, ignore, never())),
    scan: request({ locale: 'da' }),
    steps: 3,
  },
  'a rescan of changed data (same cells and name)': {
    before: async (b, source) => {
      await source.scan(await source.locate(), withDates, ignore, never());
      paidS006(b);
    },
    scan: withDates,
    edits: paidS006,
    steps: 1,
  },
  'a rescan without dates (a smaller block, a new name)': {
    before: async (_, source) => void (await source.scan(await source.locate(), withDates, ignore, never())),
    scan: request({}, false),
    steps: 3,
  },
  'a rescan that moves right of the user\'s new data': {
    before: async (b, source) => {
      await source.scan(await source.locate(), request({}, false), ignore, never());
      typeBelow(b);
    },
    scan: withDates,
    edits: typeBelow,
    steps: 3,
  },
};

function paidS006(b: FixtureBook): void {
  const index = STATUS_CASES.findIndex((c) => c.row.id === 'S-006');
  b.sheet.set(b.table.row + 1 + index, 7, 'Ja');
}

/** A new subscription row under the table and a note next to it, where our Status column would grow. */
function typeBelow(b: FixtureBook): void {
  const row = b.table.row + b.table.rows;
  b.sheet.put(row, 0, [['Z-001', 'Revit', 45700]]);
  b.sheet.set(row, b.table.column + b.table.columns + 1, 'keep');
}

/** A fresh book with the story played up to the scan whose steps are undone. */
async function setUp(story: Story) {
  const b = fixtureBook();
  const { source, store } = sourceFor(b.host, undefined, small);
  await story.before(b, source);
  return { b, source, store };
}

/** The workbook and settings a user expects after Clear: the book with the user's edits and nothing of ours. */
function clearedState(story: Story) {
  const b = fixtureBook();
  story.edits?.(b);
  return stateOf(b.host, sourceFor(b.host).store);
}

/** The workbook after the story's scan ran without any undo. */
async function scannedContent(story: Story) {
  const { b, source } = await setUp(story);
  await source.scan(await source.locate(), story.scan, ignore, never());
  return contentOf(b.host);
}

/** How many undo steps the story's scan makes. */
async function stepsOf(story: Story): Promise<number> {
  const { b, source } = await setUp(story);
  b.host.undo.enabled = true;
  await source.scan(await source.locate(), story.scan, ignore, never());
  return b.host.undo.length;
}

async function scanThenUndo(story: Story, steps: number) {
  const set = await setUp(story);
  set.b.host.undo.enabled = true;
  await set.source.scan(await set.source.locate(), story.scan, ignore, never());
  for (let i = 0; i < steps; i++) expect(set.b.host.undo.undo()).toBe(true);
  return set;
}

describe.each(Object.entries(STORIES))('Ctrl+Z after %s', (_, story) => {
  let steps = 0;
  beforeAll(async () => {
    steps = await stepsOf(story);
  });

  test(`the scan is at least ${story.steps} undo step(s)`, () => {
    expect(steps).toBeGreaterThanOrEqual(story.steps);
  });

  test('Clear after undoing any number of its steps restores the workbook', async () => {
    const expected = clearedState(story);
    for (let k = 1; k <= steps; k++) {
      const { b, source, store } = await scanThenUndo(story, k);
      await source.clear();
      expect([k, stateOf(b.host, store)]).toEqual([k, expected]);
    }
  });

  test('a rescan after undoing any number of its steps ends where the scan without undo ends, and Clear still restores', async () => {
    const scanned = await scannedContent(story);
    const expected = clearedState(story);
    for (let k = 1; k <= steps; k++) {
      const { b, source, store } = await scanThenUndo(story, k);
      await source.scan(await source.locate(), story.scan, ignore, never());
      expect([k, contentOf(b.host)]).toEqual([k, scanned]);
      await source.clear();
      expect([k, stateOf(b.host, store)]).toEqual([k, expected]);
    }
  });
});

describe('without our name, only what we write is taken for ours', () => {
  /** The user's cells typed into our old columns after the Ctrl+Z. */
  const typed: Array<[number, number, string]> = [[2, 9, 'Notes'], [5, 9, 'call Anna']];

  async function undoAndType(steps: number | 'all') {
    const b = fixtureBook();
    const { source, store } = sourceFor(b.host, undefined, small);
    b.host.undo.enabled = true;
    await source.scan(await source.locate(), withDates, ignore, never());
    const count = steps === 'all' ? b.host.undo.length : steps;
    for (let i = 0; i < count; i++) b.host.undo.undo();
    for (const [row, column, value] of typed.slice(steps === 'all' ? 0 : 1)) b.sheet.set(row, column, value);
    const expected = fixtureBook();
    for (const [row, column, value] of typed.slice(steps === 'all' ? 0 : 1)) expected.sheet.set(row, column, value);
    return { ...b, source, store, expected: stateOf(expected.host, sourceFor(expected.host).store) };
  }

  test('a note typed over one of our labels after the name was taken back survives Clear; the rest of ours goes', async () => {
    const { host, source, store, sheet, expected } = await undoAndType(2);
    expect(sheet.get(2, 9)).toBe('Status'); // our header is still there
    await source.clear();
    expect(stateOf(host, store)).toEqual(expected);
  });

  test('columns the user fills after the whole scan was undone survive Clear and the next scan', async () => {
    const { host, source, store, expected } = await undoAndType('all');
    await source.scan(await source.locate(), withDates, ignore, never());
    expect(host.workbook.active.get(5, 9)).toBe('call Anna');
    expect(source.lastScan?.relocated).toBe(true);
    await source.clear();
    expect(stateOf(host, store)).toEqual(expected);
  });
});

describe('mergeUndoGroup (ExcelApi 1.20)', () => {
  const globals = globalThis as unknown as Record<string, unknown>;
  afterEach(() => {
    delete globals.Office;
    delete globals.Excel;
  });

  /** Office and Excel as officeExcelSource() finds them in a task pane, over the fake Excel. */
  function office(host: FakeExcel, supports120: boolean | null) {
    const settings = new Map<string, unknown>();
    globals.Excel = { run: host.run };
    globals.Office = {
      context: {
        requirements: supports120 === null ? undefined : { isSetSupported: (set: string, version?: string) => set === 'ExcelApi' && (supports120 || Number(version) < 1.2) },
        document: {
          settings: {
            get: (k: string) => settings.get(k) ?? null,
            set: (k: string, v: unknown) => void settings.set(k, v),
            remove: (k: string) => void settings.delete(k),
            saveAsync: (callback: (result: { status: string }) => void) => callback({ status: 'succeeded' }),
          },
        },
      },
    };
  }

  test('where 1.20 is supported, every batch runs with mergeUndoGroup and one Ctrl+Z takes back the whole scan', async () => {
    const { host } = fixtureBook();
    office(host, true);
    const before = contentOf(host);
    const source = officeExcelSource(small);
    const target = await source.locate();
    host.undo.enabled = true;
    await source.scan(target, withDates, ignore, never());
    expect(host.runs.every((options) => options.mergeUndoGroup === true)).toBe(true);
    expect(host.undo.length).toBe(1);
    host.undo.undo();
    expect(contentOf(host)).toEqual(before);
    await source.clear();
    expect(contentOf(host)).toEqual(before);
  });

  test.each([
    ['without 1.20', false],
    ['without requirement checks at all', null],
  ])('%s, Excel.run gets no options (each sync stays an undo step, and Clear recovers)', async (_, supports120) => {
    const { host } = fixtureBook();
    office(host, supports120);
    const before = contentOf(host);
    const source = officeExcelSource(small);
    host.undo.enabled = true;
    await source.scan(await source.locate(), withDates, ignore, never());
    expect(host.runs.every((options) => options.mergeUndoGroup === undefined)).toBe(true);
    expect(host.undo.length).toBeGreaterThan(1);
    host.undo.undo();
    host.undo.undo();
    await source.clear();
    expect(contentOf(host)).toEqual(before);
  });
});
