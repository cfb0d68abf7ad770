/**
 * What the functions learn from Excel (date system, how dates can be returned, display language),
 * with fake Office and Excel objects: no Excel here.
 */
import { probeDateSystem, type ExcelLike, type OfficeLike } from '../../src/functions/host';
import { DEFAULT_SETTINGS, detectSettings, hostSettings, useHostSettings } from '../../src/functions/settings';
import { dueDate, status, suspensionDate } from '../../src/functions/functions';
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
    await expect(detectSettings(office, fakeExcel(35064))).resolves.toEqual({ dateSystem: '1904', dateValues: 'double-with-format', locale: 'da' });
    expect(office.ready).toBe(1);
  });

  test('ExcelApi 1.16 without 1.19 returns FormattedNumber values', async () => {
    await expect(detectSettings(fakeOffice(['1.16']), fakeExcel(36526))).resolves.toEqual({ dateSystem: '1900', dateValues: 'formatted-number', locale: 'en' });
  });

  test('an older host returns bare serials', async () => {
    await expect(detectSettings(fakeOffice([]), fakeExcel(36526))).resolves.toMatchObject({ dateValues: 'serial' });
  });

  test.each([
    ['a probe that fails', fakeExcel('fail')],
    ['a probe with an unknown answer', fakeExcel(1)],
    ['no Excel API (no shared runtime)', undefined],
  ])('%s leaves the 1900 system, Excel’s default', async (_, excel) => {
    await expect(detectSettings(fakeOffice(['1.16']), excel)).resolves.toMatchObject({ dateSystem: '1900', dateValues: 'formatted-number' });
  });

  test('a host that never answers gives the defaults after the timeout, so no function waits forever', async () => {
    await expect(detectSettings(fakeOffice(['1.19']), fakeExcel('hang'), 20)).resolves.toEqual(DEFAULT_SETTINGS);
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

  test('outside Excel (no Office, no Excel) the defaults apply at once', () => {
    expect(hostSettings()).toEqual(DEFAULT_SETTINGS);
  });
});
