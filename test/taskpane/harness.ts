/**
 * The pane in a real browser, for the browser tests and scripts/screenshots.ts (the production
 * build itself is scripts/pane-build.ts): a tiny static server on 127.0.0.1, Debian's Chromium driven by
 * playwright-core with every request that is not to that server blocked and recorded, and the
 * fixture workbook plus a hostile cell.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page, type Request } from 'playwright-core';
import type { StatusCode } from '../../src/rules';
import { STATUS_CASES, type StatusCase } from '../fixtures/cases';
import { writeFixtureWorkbook } from '../files/fixture-files';

const CHROMIUM_PATH = '/usr/bin/chromium';
export const OFFICE_JS_URL = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
/** The CDN folder taskpane.html loads office.js from; office.js loads its other parts beside itself. */
export const OFFICE_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/';
/** Microsoft's office.js as published on npm (@microsoft/office-js): the files the CDN serves. */
const OFFICE_JS_DIST = join(dirname(require.resolve('@microsoft/office-js/package.json')), 'dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.xml': 'application/xml',
};

export interface StaticServer {
  readonly origin: string;
  close(): Promise<void>;
}

/** Serves `dir` on 127.0.0.1 at a free port. */
export async function serveDir(dir: string): Promise<StaticServer> {
  const root = resolve(dir);
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    const file = normalize(join(root, path === '/' ? 'taskpane.html' : path));
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
    response.end(readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the test server has no port');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/**
 * Debian's Chromium, headless. Fails (never skips) when it is not installed.
 * @param uiLanguage Chromium's own UI language (its date fields, built-in texts), e.g. "da";
 *   the page's navigator.language is the context's `locale` instead (see openPane).
 */
export async function launchChromium(uiLanguage?: string): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is missing at ${CHROMIUM_PATH}; the browser tests need it: apt-get install chromium`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--headless', ...(uiLanguage ? [`--lang=${uiLanguage}`] : [])],
    ...(uiLanguage ? { env: { ...process.env, LANGUAGE: uiLanguage } } : {}),
  });
}

export interface PaneSession {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Every request the page tried that was not to the test server (nor served from office.js's package); all were blocked. */
  readonly blocked: string[];
  /** The CDN requests answered from @microsoft/office-js (with `realOffice`), as paths below the CDN folder. */
  readonly servedOffice: string[];
  /** Uncaught errors and CSP violations seen in the page. */
  readonly pageErrors: string[];
  readonly cspViolations: string[];
}

export interface OpenOptions {
  readonly locale?: string;
  readonly width?: number;
  readonly height?: number;
  readonly deviceScaleFactor?: number;
  /** Scripts to run in the page before its own (e.g. a fake Office), in order. */
  readonly initScripts?: readonly string[];
  /**
   * Serve the page's requests to Microsoft's office.js CDN from the @microsoft/office-js package,
   * so the real office.js runs (outside Office, as in a plain browser). Other requests stay blocked.
   */
  readonly realOffice?: boolean;
  /**
   * Playwright's fake clock in the page (time still flows), so a test can move the page's timers
   * on with `page.clock.runFor(ms)` instead of waiting for them.
   */
  readonly fakeClock?: boolean;
  /** Hears every request of the page from its first one (the page's own scripts included). */
  readonly onRequest?: (request: Request) => void;
}

/** A new context and page on the pane, with the network shut to everything but `server`. */
export async function openPane(browser: Browser, server: StaticServer, options: OpenOptions = {}): Promise<PaneSession> {
  const context = await browser.newContext({
    locale: options.locale ?? 'en-US',
    acceptDownloads: true,
    viewport: { width: options.width ?? 360, height: options.height ?? 900 },
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
  });
  const blocked: string[] = [];
  const servedOffice: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${server.origin}/`)) return route.continue();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  if (options.realOffice) {
    // Registered last, so Playwright tries it first; a file the package lacks falls through to the block above.
    await context.route(`${OFFICE_CDN}**`, (route) => {
      const path = new URL(route.request().url()).pathname.slice(new URL(OFFICE_CDN).pathname.length);
      const file = normalize(join(OFFICE_JS_DIST, decodeURIComponent(path)));
      if (!file.startsWith(OFFICE_JS_DIST + sep) || !existsSync(file) || !statSync(file).isFile()) return route.fallback();
      servedOffice.push(path);
      return route.fulfill({ status: 200, contentType: TYPES[extname(file)] ?? 'application/octet-stream', body: readFileSync(file) });
    });
  }
  if (options.fakeClock) await context.clock.install();
  const page = await context.newPage();
  const pageErrors: string[] = [];
  const cspViolations: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      // eslint-disable-next-line no-console -- runs in the page: the 'console' listener above collects it
      console.error(`Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  for (const content of options.initScripts ?? []) await page.addInitScript({ content });
  if (options.onRequest) page.on('request', options.onRequest);
  await page.goto(`${server.origin}/taskpane.html`);
  return { context, page, blocked, servedOffice, pageErrors, cspViolations };
}

/** The text a cell must not run: it stays text in the pane (the XSS test). */
export const HOSTILE_TEXT = '<img src=x onerror="window.__xss=1">';

export interface FixtureWorkbookRow {
  readonly sheetRow: number;
  readonly id: string;
  readonly status: StatusCode;
}

/** One extra case whose product is HTML, with a date far enough out to be active. */
export const HOSTILE_CASE: StatusCase = {
  name: 'a product cell holding HTML is shown as text',
  row: { id: 'H-001', product: HOSTILE_TEXT, renewalDate: { date: '2025-06-01' } },
  status: 'active',
  dueDate: '2025-06-01',
  suspensionDate: '2025-06-17',
  cancellationDate: '2025-07-17',
};

export interface WorkbookOptions {
  /** Add the hostile case (default true). */
  readonly hostile?: boolean;
  /** Add Amount and Currency columns with made-up prices (for the screenshots). */
  readonly amounts?: boolean;
}

/** A made-up price per row, in the currency of the row. */
const PRICES: ReadonlyArray<readonly [number, string]> = [[2_430, 'USD'], [3_180, 'USD'], [16_950, 'DKK'], [2_890, 'EUR'], [540, 'USD']];

/**
 * Writes the fixture table as an .xlsx with the file tests' writer (test/files/fixture-files.ts):
 * English headers in row 1, one case per row from row 2, then the hostile case. Returns each row
 * with the status it must get.
 */
export async function writePaneWorkbook(path: string, options: WorkbookOptions = {}): Promise<FixtureWorkbookRow[]> {
  const cases = [...STATUS_CASES, ...(options.hostile ?? true ? [HOSTILE_CASE] : [])];
  const extraColumns = options.amounts
    ? [
      { header: 'Amount', value: (_: StatusCase, index: number) => PRICES[index % PRICES.length][0] },
      { header: 'Currency', value: (_: StatusCase, index: number) => PRICES[index % PRICES.length][1] },
    ]
    : [];
  const written = await writeFixtureWorkbook(path, { cases, extraColumns });
  return written.rows.map((sheetRow, index) => ({ sheetRow, id: cases[index].row.id, status: cases[index].status }));
}

/** Picks a file, sets "As of", scans, and waits for the results. */
export async function scanFile(page: Page, file: string, asOf: string, asOfLabel = 'As of'): Promise<void> {
  await page.locator('input[type=file]').setInputFiles(file);
  const scan = page.locator('button.button--primary:enabled');
  await scan.waitFor();
  await page.getByLabel(asOfLabel, { exact: true }).fill(asOf);
  await scan.click();
  await page.locator('.results:not([hidden])').waitFor();
}
