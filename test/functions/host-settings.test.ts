/**
 * What the functions learn from Excel (date system, how dates can be returned, display language),
 * with fake Office and Excel objects: no Excel here.
 */
import { probeDateSystem, type ExcelLike, type OfficeLike } from '../../src/functions/host';
import { DEFAULT_SETTINGS, detectSettings, hostSettings, useHostSettings } from '../../src/functions/settings';
import { dueDate, financingEligible, status, suspensionDate } from '../../src/functions/functions';
import { column, errorOf, OMITTED, one, serial } from './excel';

/** An Excel whose DATE(2000,1,1) answers the given serial (or fails, or never answers). */
function fakeExcel(answer: number | 'fail' | 'hang'): ExcelLike & { calls: number } {
  const excel = {
    calls: 0,
    run<T>(batch: Parameters<ExcelLike['run']>[0]): Promise<T> {
      excel.calls++;
      if (answer === 'hang') return new Promise<T>(() => undefined);
      const result = { value: Number.NaN, load: () => undefined };
      const context = {
        workbook: { functions: { date: () => result } },
        sync: async () => {
          if (answer === 'fail') throw new Error('InvalidOperation');
          result.value = answer;
        },
      };
      return batch(context) as Promise<T>;
    },
  };
  return excel;
}

function fakeOffice(sets: string[], displayLanguage = 'en-US'): OfficeLike & { ready: number } {
  const office = {
    ready: 0,
    onReady: async () => {
      office.ready++;
    },
    context: { displayLanguage, requirements: { isSetSupported: (name: string, version?: string) => name === 'ExcelApi' && sets.includes(version ?? '') } },
  };
  return office;
}

describe('the date-system probe asks Excel for DATE(2000,1,1)', () => {
  test.each([
    [36526, '1900'],
    [35064, '1904'],
    [12345, null],
  ])('%i means %p', async (answer, system) => {
    await expect(probeDateSystem(fakeExcel(answer))).resolves.toBe(system);
  });
});

describe('detectSettings', () => {
  test('a 1904 workbook on a host with ExcelApi 1.19, in Danish', async () => {
    const office = fakeOffice(['1.16', '1.19'], 'da-DK');
    await expect(detectSettings(office, fakeExcel(35064))).resolves.toEqual({ settings: { dateSystem: '1904', dateValues: 'double-with-format', locale: 'da' }, confirmed: true });
    expect(office.ready).toBe(1);
  });

  test('ExcelApi 1.16 without 1.19 returns FormattedNumber values', async () => {
    await expect(detectSettings(fakeOffice(['1.16']), fakeExcel(36526))).resolves.toEqual({ settings: { dateSystem: '1900', dateValues: 'formatted-number', locale: 'en' }, confirmed: true });
  });

  test('an older host returns bare serials', async () => {
    await expect(detectSettings(fakeOffice([]), fakeExcel(36526))).resolves.toMatchObject({ settings: { dateValues: 'serial' }, confirmed: true });
  });

  test.each([
    ['a probe that fails', fakeExcel('fail')],
    ['a probe with an unknown answer', fakeExcel(1)],
    ['no Excel API (no shared runtime)', undefined],
  ])('%s: the date system is not confirmed (never guessed as 1900)', async (_, excel) => {
    await expect(detectSettings(fakeOffice(['1.16']), excel)).resolves.toMatchObject({ settings: { dateValues: 'formatted-number' }, confirmed: false });
  });

  test('a host that never answers: unconfirmed after the timeout, so no function waits forever (office-js #1395, #6150)', async () => {
    await expect(detectSettings(fakeOffice(['1.19']), fakeExcel('hang'), 20)).resolves.toMatchObject({ confirmed: false });
  });

  test('office.js outside Office (host null): no workbook to ask, Excel\'s defaults, confirmed', async () => {
    const office = { ...fakeOffice([]), onReady: async () => ({ host: null }) };
    await expect(detectSettings(office, fakeExcel('hang'), 20)).resolves.toEqual({ settings: DEFAULT_SETTINGS, confirmed: true });
  });
});

describe('inside Excel, the first calls wait for the answer; none computes with an unconfirmed date system', () => {
  const globals = globalThis as { Office?: unknown; Excel?: unknown };

  beforeEach(() => useHostSettings(null));
  afterEach(() => {
    delete globals.Office;
    delete globals.Excel;
    useHostSettings(null);
  });

  test('a 1904 workbook: the first call returns a promise of 1904 serials, later calls answer at once', async () => {
    const excel = fakeExcel(35064);
    globals.Office = fakeOffice([]);
    globals.Excel = excel;
    const date = one(serial('2025-01-14', '1904'));

    const first = suspensionDate(date, one('Net 30'));
    const second = dueDate(date);
    expect(first).toBeInstanceOf(Promise);
    await expect(first).resolves.toEqual([[serial('2025-03-01', '1904')]]);
    await expect(second).resolves.toEqual([[serial('2025-01-14', '1904')]]);
    expect(suspensionDate(date)).toEqual([[serial('2025-01-30', '1904')]]);
    expect(excel.calls).toBe(1);
  });

  test('the answers carry the date format the host supports', async () => {
    globals.Office = fakeOffice(['1.16', '1.19']);
    globals.Excel = fakeExcel(36526);
    await expect(dueDate(one(serial('2025-01-14')))).resolves.toEqual([[{ type: 'Double', basicValue: serial('2025-01-14'), numberFormat: 'yyyy-mm-dd' }]]);
  });

  test('a Danish Excel gets Danish messages and still English status labels', async () => {
    globals.Office = fakeOffice([], 'da-DK');
    globals.Excel = fakeExcel(36526);
    const answers = (await status(column([serial('2025-02-13'), 'snart']), OMITTED, OMITTED, OMITTED, OMITTED, one(serial('2025-03-01')))) as unknown[][];
    expect(answers[0]).toEqual(['Suspended']);
    expect(errorOf(answers[1][0])).toEqual({ code: '#VALUE!', message: 'date: "snart" er ikke en dato: brug en datocelle, 2025-01-31 eller 31-01-2025' });
  });

  test('a first probe that fails: #N/A "not confirmed" (no 1900 guess), and a later call asks again and gets 1904 serials', async () => {
    let answer: 'fail' | number = 'fail';
    const excel = { calls: 0, run: <T>(batch: Parameters<ExcelLike['run']>[0]) => ((excel.calls++, fakeExcel(answer).run(batch)) as Promise<T>) };
    globals.Office = fakeOffice([]);
    globals.Excel = excel;
    const date = one(serial('2025-01-14', '1904'));
    const first = (await suspensionDate(date)) as unknown[][];
    expect(first).toHaveLength(1);
    expect(errorOf(first[0][0])).toEqual({ code: '#N/A', message: 'Excel has not confirmed yet whether this workbook counts dates from 1900 or 1904, and a guess could be four years off: press Ctrl+Alt+F9 to calculate SUBS.SUSPENSIONDATE again' });
    answer = 35064;
    await expect(suspensionDate(date)).resolves.toEqual([[serial('2025-01-30', '1904')]]);
    expect(suspensionDate(date)).toEqual([[serial('2025-01-30', '1904')]]);
    expect(excel.calls).toBe(2);
  });

  test('FINANCINGELIGIBLE reads no date, so it answers while the date system is unconfirmed', async () => {
    globals.Office = fakeOffice([]);
    globals.Excel = fakeExcel('fail');
    await expect(financingEligible(one('Annual'), one(5000))).resolves.toEqual([[true]]);
  });

  test('outside Excel (no Office, no Excel) the defaults apply at once', () => {
    expect(hostSettings()).toEqual(DEFAULT_SETTINGS);
  });
});
