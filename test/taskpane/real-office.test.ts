/**
 * The production build with Microsoft's real office.js (npm @microsoft/office-js), in Chromium,
 * outside Office, as a new user's plain browser or the first moments of Excel's runtime see it.
 * The page's requests to the office.js CDN are answered from the package's dist/ (the page still
 * names the CDN, as AppSource requires); everything else off 127.0.0.1 is blocked.
 *
 * What only the real library can show: office.js defines `CustomFunctions.associate` and the
 * `_association` map Excel reads when it loads, but `CustomFunctions.Error` and `ErrorCode` only
 * later, from Excel's host script (dist/excel-web-16.00.js and its Windows and Mac siblings). The
 * functions must register in the first moment and build their errors from the classes of the second.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { cachedBuild } from '../../scripts/pane-build';
import { cellBytes } from '../../src/functions/payload';
import { fixtureCalls, mismatch, type Answer } from '../functions/fixture-calls';
import { launchChromium, OFFICE_CDN, openPane, serveDir, type PaneSession, type StaticServer } from './harness';

jest.setTimeout(120_000);

let dist: string;
let server: StaticServer | undefined;
let browser: Browser | undefined;
const sessions: PaneSession[] = [];

beforeAll(async () => {
  dist = await cachedBuild();
  server = await serveDir(dist);
  browser = await launchChromium();
});

afterAll(async () => {
  for (const session of sessions) await session.context.close();
  await browser?.close();
  await server?.close();
});

async function openWithOfficeJs(): Promise<PaneSession> {
  if (!browser || !server) throw new Error('the browser or the server did not start (see beforeAll)');
  const session = await openPane(browser, server, { realOffice: true });
  sessions.push(session);
  return session;
}

/** The ids functions.json declares, as Excel looks them up in the association (upper case). */
function metadataIds(): string[] {
  const metadata = JSON.parse(readFileSync(join(dist, 'functions.json'), 'utf8')) as { functions: { id: string }[] };
  return metadata.functions.map((fn) => fn.id.toUpperCase()).sort();
}

/**
 * The page error Microsoft's custom-functions-runtime.js raises outside Office: it carries its own
 * copy of office.js's bootstrap, which cannot define `Office.context` a second time. Not ours.
 */
const RUNTIME_BOOTSTRAP_ERROR = 'Cannot redefine property: context';

/**
 * Adds Microsoft's runtime classes the way Excel's host script does in a shared runtime: to the
 * existing `CustomFunctions`, after office.js, keeping its association. excel-web-16.00.js (and
 * its Windows and Mac siblings) do exactly that (`window.CustomFunctions.Error =
 * CFRuntime.CustomFunctionError`, `ErrorCode`, …, then `setCustomFunctionAssociation(
 * window.CustomFunctions._association)`), but they cannot run outside Office. The same classes
 * ship in dist/custom-functions-runtime.js, the JavaScript-only runtime, which also declares a new
 * association of its own; so the association is put back after it ran, as the host script leaves it.
 */
async function addRuntimeClasses(session: PaneSession): Promise<void> {
  const { page } = session;
  await page.evaluate(() => {
    const w = window as unknown as { CustomFunctions: Record<string, unknown>; __officeAssociation?: unknown[] };
    w.__officeAssociation = [w.CustomFunctions._association, w.CustomFunctions.associate];
  });
  await page.addScriptTag({ url: `${OFFICE_CDN}custom-functions-runtime.js` });
  await page.waitForFunction(() => typeof (window as unknown as { CustomFunctions: { Error?: unknown } }).CustomFunctions.Error === 'function');
  await page.evaluate(() => {
    const w = window as unknown as { CustomFunctions: Record<string, unknown>; __officeAssociation: unknown[] };
    [w.CustomFunctions._association, w.CustomFunctions.associate] = w.__officeAssociation;
  });
}

/** Page errors other than the runtime's own bootstrap error. */
const ourErrors = (session: PaneSession) => session.pageErrors.filter((message) => message !== RUNTIME_BOOTSTRAP_ERROR);

describe('Microsoft office.js outside Office', () => {
  test('registers every function of functions.json in the association Excel reads, shows the file mode, and throws nothing', async () => {
    const session = await openWithOfficeJs();
    const { page } = session;
    await page.locator('input[type=file]').waitFor();
    const ready = await page.evaluate(() => Office.onReady().then((info) => ({ host: info.host ?? null, platform: info.platform ?? null })));
    expect(ready).toEqual({ host: null, platform: null });
    expect(session.servedOffice).toContain('office.js');
    const associated = await page.evaluate(() => Object.keys((window as unknown as { CustomFunctions: { _association: { mappings: Record<string, unknown> } } }).CustomFunctions._association.mappings).sort());
    expect(associated).toEqual(metadataIds());
    expect(session.pageErrors).toEqual([]);
    expect(session.cspViolations).toEqual([]);
  });

  test('with the runtime classes added as Excel adds them, the associated functions answer every fixture case', async () => {
    const session = await openWithOfficeJs();
    const { page } = session;
    await page.locator('input[type=file]').waitFor();
    await addRuntimeClasses(session);
    const calls = fixtureCalls('1900');
    const answers = await page.evaluate(async (list) => {
      const cf = (window as unknown as { CustomFunctions: { Error: new (...a: never[]) => { code: string; message?: string }; _association: { mappings: Record<string, (...args: unknown[]) => unknown> } } }).CustomFunctions;
      const out: Array<Answer[] | string> = [];
      for (const call of list) {
        const fn = cf._association.mappings[call.id];
        if (typeof fn !== 'function') {
          out.push(`${call.id} is not associated`);
          continue;
        }
        try {
          const result = (await fn(...call.args)) as unknown[][];
          out.push(result.map((row) => {
            const cell = row[0];
            return cell instanceof cf.Error ? { error: cell.code, message: cell.message } : { value: cell };
          }));
        } catch (thrown) {
          out.push(`threw ${String(thrown)}`);
        }
      }
      return out;
    }, calls);
    const wrong = calls.flatMap((call, i) => {
      const answer = answers[i];
      if (typeof answer === 'string') return [`${call.name}: ${answer}`];
      if (answer.length !== call.expected.length) return [`${call.name}: ${answer.length} rows, expected ${call.expected.length}`];
      return call.expected.flatMap((expected, row) => {
        const problem = mismatch(expected, answer[row]);
        return problem ? [`${call.name}, row ${row + 1}: ${problem}`] : [];
      });
    });
    expect(wrong).toEqual([]);
    expect(ourErrors(session)).toEqual([]);
  });

  test('the build\'s functions.json and functions-da.json let error cells in (allowErrorForDataTypeAny), and an error cell spoils only its own row', async () => {
    for (const file of ['functions.json', 'functions-da.json']) {
      expect([file, (JSON.parse(readFileSync(join(dist, file), 'utf8')) as { allowErrorForDataTypeAny?: boolean }).allowErrorForDataTypeAny]).toEqual([file, true]);
    }
    const session = await openWithOfficeJs();
    const { page } = session;
    await page.locator('input[type=file]').waitFor();
    await addRuntimeClasses(session);
    const answers = await page.evaluate(async () => {
      const cf = (window as unknown as { CustomFunctions: { Error: new (code: string, message?: string) => { code: string; message?: string }; ErrorCode: Record<string, string>; _association: { mappings: Record<string, (...args: unknown[]) => unknown> } } }).CustomFunctions;
      // Two forms an error cell may take: Excel's error value (data types on) and a CustomFunctions.Error.
      const errorValue = { type: 'Error', basicType: 'Error', basicValue: '#N/A', errorType: 'NotAvailable' };
      const dates = [[45716], [errorValue], [new cf.Error(cf.ErrorCode.invalidValue)], [45720]];
      const result = (await cf._association.mappings.DUEDATE(dates, null)) as unknown[][];
      return result.map(([cell]) => (cell instanceof cf.Error ? { error: cell.code, message: cell.message } : { value: cell }));
    });
    expect(answers).toEqual([
      { value: 45716 },
      { error: '#N/A', message: 'date: the cell holds the error #N/A; correct that cell' },
      { error: '#VALUE!', message: 'date: the cell holds the error #VALUE!; correct that cell' },
      { value: 45720 },
    ]);
  });

  test('bytes per result cell as Microsoft\'s runtime serialises them: the estimate that keeps spills under 4 MB never counts fewer', async () => {
    const session = await openWithOfficeJs();
    const { page } = session;
    await page.locator('input[type=file]').waitFor();
    await addRuntimeClasses(session);
    const message = 'date: "31-13-2025" is not a date: use a date cell, 2025-01-31 or 31-01-2025';
    const kinds: Array<[string, unknown]> = [
      ['date as a bare serial', 45732],
      ['date with a format (ExcelApi 1.19)', { type: 'Double', basicValue: 45732, numberFormat: 'yyyy-mm-dd' }],
      ['date with a format (ExcelApi 1.16)', { type: 'FormattedNumber', basicValue: 45732, numberFormat: 'yyyy-mm-dd' }],
      ['status "Due soon"', 'Due soon'],
      ['status "Not covered"', 'Not covered'],
      ['TRUE', true],
      ['FALSE', false],
    ];
    const real = await page.evaluate(({ values, text }) => {
      const cf = (window as unknown as { CustomFunctions: { Error: new (code: string, message?: string) => object } }).CustomFunctions;
      return {
        values: values.map(([, value]) => JSON.stringify(value).length),
        errorWithMessage: JSON.stringify(new cf.Error('#VALUE!', text)).length,
        errorWithout: JSON.stringify(new cf.Error('#VALUE!')).length,
        notAvailable: JSON.stringify(new cf.Error('#N/A', text)).length,
      };
    }, { values: kinds, text: message });
    const rows: Array<[string, number, number]> = kinds.map(([name, value], i) => [name, real.values[i], cellBytes(value)]);
    rows.push(['#VALUE! with a 74-character message', real.errorWithMessage, cellBytes({ code: '#VALUE!', message })]);
    rows.push(['#VALUE! without a message', real.errorWithout, cellBytes({ code: '#VALUE!', message: '' })]);
    rows.push(['#N/A with the same message', real.notAvailable, cellBytes({ code: '#N/A', message })]);
    for (const [name, bytes, estimate] of rows) expect([name, estimate >= bytes, estimate - bytes <= 12]).toEqual([name, true, true]);
    // One row of a spilled column costs the cell, a comma and the row's brackets and comma.
    const largest = rows.map(([name, bytes]) => `${name}: ${bytes} bytes, largest column spill ${Math.floor(4_000_000 / (bytes + 4)).toLocaleString('en')} rows`);
    // eslint-disable-next-line no-console
    console.log(`Result JSON per cell (Microsoft's runtime classes, @microsoft/office-js):\n${largest.join('\n')}`);
  });
});