/**
 * The pane outside Excel, in Debian's Chromium driven by playwright-core: the production build
 * (built once per change of its inputs, scripts/pane-build.ts) served from 127.0.0.1, every other request blocked (office.js from Microsoft's CDN is the only
 * one the page may try), and the fixture table (test/fixtures/cases.ts) as an .xlsx.
 * Without /usr/bin/chromium these tests fail with "apt-get install chromium"; they never skip.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { STATUS_CODES, STATUS_LABELS } from '../../src/rules';
import { STATUS_LOOKS } from '../../src/scan';
import { text } from '../../src/taskpane/strings';
import { cachedBuild, removeBuild, scriptSizes, type ScriptSizes } from '../../scripts/pane-build';
import { FIXTURE_AS_OF, FIXTURE_COLUMNS, STATUS_CASES } from '../fixtures/cases';
import { bundleFakeOffice } from './support/fake-office-bundle';
import { HOSTILE_CASE, HOSTILE_TEXT, launchChromium, OFFICE_JS_URL, openPane, scanFile, serveDir, writePaneWorkbook, type FixtureWorkbookRow, type OpenOptions, type PaneSession, type StaticServer } from './harness';

jest.setTimeout(120_000);

let dist: string | undefined;
let server: StaticServer | undefined;
let browser: Browser | undefined;
let work: string;
let fakeOffice: string;
let workbook: string;
let expected: FixtureWorkbookRow[];
const sessions: PaneSession[] = [];

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'subguard-browser-'));
  workbook = join(work, 'subscriptions.xlsx');
  expected = await writePaneWorkbook(workbook);
  // Built once per change of the sources and reused (scripts/pane-build.ts `cachedBuild`).
  dist = await cachedBuild();
  fakeOffice = await bundleFakeOffice();
  server = await serveDir(dist);
  browser = await launchChromium();
});

afterAll(async () => {
  for (const session of sessions) await session.context.close();
  await browser?.close();
  await server?.close();
  removeBuild(work);
});

async function open(locale = 'en-US', initScripts: string[] = [], fakeClock = false, onRequest?: OpenOptions['onRequest']): Promise<PaneSession> {
  if (!browser || !server) throw new Error('the browser or the server did not start (see beforeAll)');
  const session = await openPane(browser, server, { locale, initScripts, fakeClock, onRequest });
  sessions.push(session);
  return session;
}

/** data-row → data-status of every row element in the pane. */
async function statusesShown(session: PaneSession): Promise<Record<number, string>> {
  return session.page.$$eval('[data-row]', (elements) => Object.fromEntries(elements.map((e) => [Number(e.getAttribute('data-row')), e.getAttribute('data-status') ?? ''])));
}

describe('the production build', () => {
  let sizes: ScriptSizes;
  beforeAll(() => {
    sizes = scriptSizes(dist!);
  });

  test('puts the file code and ExcelJS in the lazy "file-mode" chunks, outside the scripts the page starts with', () => {
    expect(sizes.fileModeFiles.length).toBeGreaterThan(0);
    expect(sizes.fileModeFiles).not.toContain('taskpane.js');
    const fileMode = sizes.fileModeFiles.map((name) => readFileSync(join(dist!, name), 'utf8')).join('\n');
    // ExcelJS's part names and the file code's own messages are only in the lazy chunks.
    for (const marker of ['sharedStrings', 'is not an .xlsx workbook or a CSV file']) {
      expect(fileMode).toContain(marker);
      expect(readFileSync(join(dist!, 'taskpane.js'), 'utf8')).not.toContain(marker);
    }
    expect(sizes.fileMode).toBeGreaterThan(sizes.taskpane);
  });

  test('the page starts with functions.js and taskpane.js only', () => {
    const html = readFileSync(join(dist!, 'taskpane.html'), 'utf8');
    const scripts = [...html.matchAll(/<script[^>]*\ssrc="?([^"\s>]+)/g)].map((match) => match[1]);
    expect(scripts).toEqual(['https://appsforoffice.microsoft.com/lib/1/hosted/office.js', 'functions.js', 'taskpane.js']);
  });

  test('needs no eval at start-up: taskpane.js and functions.js call neither eval nor new Function', () => {
    // webpack's runtime keeps one `new Function("return this")` behind a globalThis check that
    // every supported browser passes; the CSP test below would catch it if it ever ran.
    const guarded = 'if("object"==typeof globalThis)return globalThis;try{return this||new Function("return this")()';
    for (const name of ['taskpane.js', 'functions.js']) {
      const code = readFileSync(join(dist!, name), 'utf8').split(guarded).join('');
      expect([name, code.match(/\beval\(|new Function\(|\bFunction\(/g)]).toEqual([name, null]);
    }
  });
});

describe('outside Excel, in Chromium', () => {
  test('shows the file mode (a file input for .xlsx and .csv, an "As of" date input, Scan disabled) and loads the file code only after a file is picked', async () => {
    const scripts: string[] = [];
    const session = await open('en-US', [], false, (request) => {
      if (request.resourceType() === 'script' && request.url().startsWith(server!.origin)) scripts.push(new URL(request.url()).pathname.slice(1));
    });
    const { page } = session;
    await expect(page.locator('input[type=file]').getAttribute('accept')).resolves.toBe('.xlsx,.csv');
    await expect(page.getByLabel('As of', { exact: true }).getAttribute('type')).resolves.toBe('date');
    await page.locator('button.button--primary').waitFor();
    expect(await page.locator('button.button--primary').isDisabled()).toBe(true);
    await session.page.waitForTimeout(300);
    expect(scripts).toEqual(['functions.js', 'taskpane.js']);
    await scanFile(session.page, workbook, FIXTURE_AS_OF);
    expect(scripts.slice(2).sort()).toEqual([...scriptSizes(dist!).fileModeFiles].sort());
  });

  describe('the fixture workbook, scanned once in one page', () => {
    // One page for what a scan of the fixture shows; each test below reads it (the last one
    // chooses rows, which changes nothing the others read).
    let scanned: PaneSession | undefined;
    beforeAll(async () => {
      scanned = await open();
      await scanFile(scanned.page, workbook, FIXTURE_AS_OF);
    });

    test('gives every fixture row the status the fixture table expects, one element per evaluated row', async () => {
      const session = scanned!;
      const shown = await statusesShown(session);
      expect(shown).toEqual(Object.fromEntries(expected.map((row) => [row.sheetRow, row.status])));
      expect(await session.page.locator('[data-row]').count()).toBe(expected.length);
      expect(session.pageErrors.filter((message) => !/CustomFunctions|Office/.test(message))).toEqual([]);
      // Each status's dot has the accent of the one status table (src/scan/presentation.ts).
      for (const status of STATUS_CODES) {
        const dot = await session.page.locator(`.counts .chip--${status} .chip-dot`).evaluate((element) => getComputedStyle(element).backgroundColor);
        const hex = STATUS_LOOKS[status].accent;
        expect([status, dot]).toEqual([status, `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`]);
      }
    });

    test('shows a hostile cell as literal text and never runs it', async () => {
      const session = scanned!;
      const hostile = expected.find((row) => row.id === HOSTILE_CASE.row.id)!;
      const row = session.page.locator(`[data-row="${hostile.sheetRow}"]`);
      await expect(row.locator('.row-title').textContent()).resolves.toBe(`H-001 · ${HOSTILE_TEXT}`);
      expect(await row.locator('img').count()).toBe(0);
      expect(await session.page.locator('img').count()).toBe(0);
      expect(await session.page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    });

    test('lists at-risk rows, canceled rows apart, invalid rows with their reasons, counts and deadlines', async () => {
      const session = scanned!;
      const { page } = session;
      const count = (status: string) => expected.filter((row) => row.status === status).length;
      const atRisk = count('due-soon') + count('expired') + count('suspended');
      await expect(page.locator('.group--at-risk .group-title').textContent()).resolves.toBe(`At risk (${atRisk})`);
      expect(await page.locator('.group--at-risk [data-row]').count()).toBe(atRisk);
      expect(await page.locator('.group--canceled [data-row]').count()).toBe(count('canceled'));
      const invalid = page.locator('.group--invalid [data-row]');
      expect(await invalid.count()).toBe(count('invalid'));
      await expect(invalid.first().locator('.row-line').textContent()).resolves.toMatch(/^Invalid: Cell \w+\d+ \(/);
      const counts = await page.locator('.count').allTextContents();
      expect(counts).toContain(`Due soon${count('due-soon')}`);
      expect(await page.locator('.deadline').count()).toBe(5);
    });

    test('downloads the annotated workbook with a Status column that matches the pane', async () => {
      const session = scanned!;
      const { page } = session;
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download annotated file' }).click()]);
      expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
      const saved = join(work, download.suggestedFilename());
      await download.saveAs(saved);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(saved);
      const sheet = book.getWorksheet('Subscriptions')!;
      const headers = (sheet.getRow(1).values as unknown[]).map((value) => String(value ?? ''));
      const statusColumn = headers.indexOf('Status');
      expect(statusColumn).toBeGreaterThan(0);
      for (const row of expected) {
        expect([row.id, sheet.getRow(row.sheetRow).getCell(statusColumn).text]).toEqual([row.id, STATUS_LABELS.en[row.status]]);
      }
    });

    test('makes no request but office.js, and breaks no rule of its Content-Security-Policy', async () => {
      const session = scanned!;
      expect(session.blocked).toEqual([OFFICE_JS_URL]);
      expect(session.cspViolations).toEqual([]);
    });

    test('choosing a row by click or by Enter shows its explanation', async () => {
      const session = scanned!;
      const { page } = session;
      const expired = expected.find((row) => row.id === 'S-004')!;
      const row = page.locator(`[data-row="${expired.sheetRow}"]`);
      await row.click();
      await expect(row.getAttribute('aria-selected')).resolves.toBe('true');
      await expect(row.locator('.row-explain').textContent()).resolves.toMatch(/^Expired: unpaid since the due date 2025-02-28/);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      expect(await page.locator('[aria-selected="true"]').count()).toBe(1);
      expect(await row.getAttribute('aria-selected')).toBe('false');
      expect(await page.locator('.row-explain').count()).toBe(1);
    });
  });

  test('speaks Danish when the browser does (da-DK)', async () => {
    const session = await open('da-DK');
    const { page } = session;
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('da');
    await scanFile(page, workbook, FIXTURE_AS_OF, 'Pr. dato');
    await expect(page.locator('.group--at-risk .group-title').textContent()).resolves.toMatch(/^I risiko \(\d+\)$/);
    await expect(page.locator('.results h2').textContent()).resolves.toBe('Resultat');
    const expired = expected.find((row) => row.id === 'S-004')!;
    await expect(page.locator(`[data-row="${expired.sheetRow}"] .chip-label`).textContent()).resolves.toBe('Udløbet');
    expect(await statusesShown(session)).toEqual(Object.fromEntries(expected.map((row) => [row.sheetRow, row.status])));
  });

  test('shows progress on a big file, and Cancel stops the scan with nothing listed', async () => {
    const session = await open();
    const { page } = session;
    const big = join(work, 'big.csv');
    const lines = ['Subscription ID,Product,Renewal date'];
    for (let i = 0; i < 300_000; i++) lines.push(`S-${i},Revit,2025-03-${String((i % 28) + 1).padStart(2, '0')}`);
    writeFileSync(big, lines.join('\n'));
    await page.locator('input[type=file]').setInputFiles(big);
    await page.locator('button.button--primary:enabled').click();
    const bar = page.getByRole('progressbar', { name: 'Scan progress' });
    await page.waitForFunction(() => Number(document.querySelector('[role=progressbar]')?.getAttribute('aria-valuenow')) > 0);
    expect(Number(await bar.getAttribute('aria-valuenow'))).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('status').locator('.message-text').textContent()).resolves.toBe(text('en', 'problemCanceled'));
    expect(await page.locator('[data-row]').count()).toBe(0);
    expect(await bar.isHidden()).toBe(true);
    expect(await page.locator('button.button--primary').isEnabled()).toBe(true);
  });

  test('says what to fix for a file that is not a workbook, and scans nothing', async () => {
    const session = await open();
    const { page } = session;
    const bad = join(work, 'notes.csv');
    writeFileSync(bad, 'just,some\ntext,here\n');
    await page.locator('input[type=file]').setInputFiles(bad);
    await page.locator('button.button--primary:enabled').waitFor();
    await page.locator('button.button--primary').click();
    const alert = page.getByRole('alert');
    await alert.locator('.message').waitFor();
    await expect(alert.locator('.message-text').textContent()).resolves.toMatch(/^No header row with a date column was found in the file\./);
    expect(await page.locator('[data-row]').count()).toBe(0);
  });
});

/** The fake Excel of the page (test/taskpane/support/fake-office.ts). */
interface PageFake {
  snapshot(): unknown;
  selection(): { sheet: string; row: number; column: number; rows: number; columns: number } | null;
  cell(row: number, column: number): unknown;
  saved(): Record<string, unknown>;
  setCellEditMode(on: boolean): void;
}

const fake = <T>(session: PaneSession, read: (excel: PageFake) => T): Promise<T> =>
  session.page.evaluate(`(${read.toString()})(window.__fakeExcel)`) as Promise<T>;

describe('in Excel (the Excel tests\' fake Excel, in Chromium)', () => {
  /** The fixture sits under a title: header in sheet row 3, case i in row i + 4. */
  const HEADER_ROW = 3;
  const sheetRowOf = (index: number) => HEADER_ROW + 1 + index;

  async function openExcel(displayLanguage: string, options: { protectedSheet?: boolean; browserLocale?: string; slowStart?: boolean } = {}): Promise<PaneSession> {
    const settings = `window.__fakeOfficeOptions = ${JSON.stringify({ displayLanguage, protectedSheet: options.protectedSheet ?? false, slowStart: options.slowStart ?? false })};`;
    const session = await open(options.browserLocale ?? 'en-US', [settings, fakeOffice], options.slowStart ?? false);
    if (options.slowStart) return session;
    await session.page.locator('.mapping:not([hidden])').or(session.page.getByRole('alert').locator('.message')).first().waitFor();
    return session;
  }

  test('a slow Excel start (office-js #6946): "Connecting to Excel…" until Office.onReady, then the Excel mode, never the file picker', async () => {
    const session = await openExcel('en-US', { slowStart: true });
    const { page } = session;
    await expect(page.getByRole('status').textContent()).resolves.toBe(text('en', 'connecting'));
    await page.clock.runFor(2_000); // past the old 1.5 s timeout that mounted the file mode (the page's clock, moved on)
    expect(await page.locator('input[type=file]').count()).toBe(0);
    await expect(page.locator('.connecting').textContent()).resolves.toBe(text('en', 'connecting'));
    await page.evaluate(() => (window as unknown as { __excelReady(): void }).__excelReady());
    await page.locator('.mapping:not([hidden])').waitFor();
    expect(await page.getByRole('button', { name: 'Clear' }).count()).toBe(1);
    expect(await page.locator('.connecting').count()).toBe(0);
    expect(await page.locator('input[type=file]').count()).toBe(0);
  });

  test('a cell in edit mode: "finish editing the cell", not "unexpected", and nothing is written', async () => {
    const session = await openExcel('en-US');
    const { page } = session;
    const before = await fake(session, (excel) => excel.snapshot());
    await fake(session, (excel) => excel.setCellEditMode(true));
    await scan(session);
    const alert = page.getByRole('alert');
    await alert.locator('.message').waitFor();
    await expect(alert.locator('.message-text').textContent()).resolves.toBe(text('en', 'problemCellEditMode'));
    expect(await fake(session, (excel) => excel.snapshot())).toEqual(before);
  });

  async function scan(session: PaneSession, asOfLabel = 'As of'): Promise<void> {
    await session.page.getByLabel(asOfLabel, { exact: true }).fill(FIXTURE_AS_OF);
    await session.page.locator('button.button--primary').click();
  }

  test("follows Office's display language, not the browser's, and shows the Excel controls", async () => {
    const session = await openExcel('da-DK', { browserLocale: 'en-US' });
    const { page } = session;
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('da');
    expect(await page.locator('input[type=file]').count()).toBe(0);
    await expect(page.getByLabel('Pr. dato', { exact: true }).getAttribute('type')).resolves.toBe('date');
    expect(await page.getByRole('button', { name: 'Ryd' }).count()).toBe(1);
    expect(await page.getByLabel('Skriv også forfalds-, suspenderings- og annulleringsdato').count()).toBe(1);
    // One labelled select per field, listing the sheet's headers, set to what the aliases found.
    const renewal = page.getByLabel('Fornyelsesdato', { exact: true });
    await expect(renewal.inputValue()).resolves.toBe(String(FIXTURE_COLUMNS.findIndex(([key]) => key === 'renewalDate')));
    await expect(renewal.locator('option').allTextContents()).resolves.toEqual(['(ikke tilknyttet)', ...FIXTURE_COLUMNS.map(([, en]) => en)]);
  });

  test('scans the sheet: listed rows carry their sheet row and status, the Status column is written; choosing a row selects it in the sheet', async () => {
    const session = await openExcel('en-US');
    const { page } = session;
    await scan(session);
    await page.locator('.results:not([hidden])').waitFor();
    // The Excel source lists the rows that need a look (at risk, canceled, invalid); all are counted.
    const listed = STATUS_CASES.map((c, index) => [sheetRowOf(index), c.status] as const).filter(([, status]) => status !== 'active' && status !== 'not-covered');
    expect(await statusesShown(session)).toEqual(Object.fromEntries(listed));
    const statusColumn = FIXTURE_COLUMNS.length;
    await expect(fake(session, (excel) => excel.cell(2, 9))).resolves.toBe('Status');
    const written = await fake(session, (excel) => Array.from({ length: 34 }, (_, i) => excel.cell(3 + i, 9)));
    expect(statusColumn).toBe(9);
    expect(written).toEqual(STATUS_CASES.map((c) => STATUS_LABELS.en[c.status]));
    const active = STATUS_CASES.filter((c) => c.status === 'active').length;
    const notCovered = STATUS_CASES.filter((c) => c.status === 'not-covered').length;
    await expect(page.locator('.group--other .group-title').textContent()).resolves.toBe(`Other rows (${active + notCovered})`);
    await expect(page.locator('.group--other .hint').textContent()).resolves.toBe(text('en', 'moreRows', { count: active + notCovered }));
    await expect(page.getByRole('status').locator('.message-text').textContent()).resolves.toBe(text('en', 'scanDone', { rows: STATUS_CASES.length, atRisk: STATUS_CASES.filter((c) => ['due-soon', 'expired', 'suspended'].includes(c.status)).length }));
    // Choosing a listed row selects that row in the sheet.
    const index = STATUS_CASES.findIndex((c) => c.row.id === 'S-006');
    await page.locator(`[data-row="${sheetRowOf(index)}"]`).click();
    await page.waitForFunction((row) => (window as unknown as { __fakeExcel: PageFake }).__fakeExcel.selection()?.row === row - 1, sheetRowOf(index));
    await expect(fake(session, (excel) => excel.selection())).resolves.toMatchObject({ sheet: 'Subscriptions', row: sheetRowOf(index) - 1, rows: 1 });
  });

  test("a changed column mapping is saved in the workbook's settings", async () => {
    const session = await openExcel('en-US');
    const { page } = session;
    await page.locator('.mapping summary').click();
    await page.getByLabel('Product', { exact: true }).selectOption('');
    await expect(page.getByRole('status').locator('.message-text').textContent()).resolves.toBe('Product is no longer mapped.');
    const saved = await fake(session, (excel) => JSON.stringify(excel.saved()));
    expect(saved).toMatch(/product/);
  });

  test('Clear removes exactly what the scan added', async () => {
    const session = await openExcel('en-US');
    const { page } = session;
    const before = await fake(session, (excel) => excel.snapshot());
    await page.getByLabel('Also write the due, suspension and cancellation dates').check();
    await scan(session);
    await page.locator('.results:not([hidden])').waitFor();
    await expect(fake(session, (excel) => excel.cell(2, 12))).resolves.toBe('Cancellation date');
    await page.getByRole('button', { name: 'Clear' }).click();
    await expect(page.getByRole('status').locator('.message-text').textContent()).resolves.toBe(text('en', 'cleared'));
    expect(await page.locator('[data-row]').count()).toBe(0);
    expect(await fake(session, (excel) => excel.snapshot())).toEqual(before);
  });

  test('a protected sheet: a clear message, and nothing is written', async () => {
    const session = await openExcel('en-US', { protectedSheet: true });
    const { page } = session;
    const before = await fake(session, (excel) => excel.snapshot());
    await scan(session);
    const alert = page.getByRole('alert');
    await alert.locator('.message').waitFor();
    await expect(alert.locator('.message-text').textContent()).resolves.toBe(text('en', 'problemProtectedSheet'));
    expect(await fake(session, (excel) => excel.snapshot())).toEqual(before);
    expect(await page.locator('.results').isHidden()).toBe(true);
  });
});
