import { detectHost, type OfficeLike } from '../../src/taskpane/host';

const office = (host: unknown, displayLanguage = 'en-US', ready?: Promise<{ host: unknown }>): OfficeLike => ({
  onReady: () => ready ?? Promise.resolve({ host }),
  context: { displayLanguage },
  HostType: { Excel: 'Excel' },
});

describe('the pane finds out where it runs', () => {
  test('office.js missing: file mode, in the browser\'s language', async () => {
    await expect(detectHost(undefined, 'da-DK')).resolves.toEqual({ kind: 'browser', locale: 'da' });
    await expect(detectHost(undefined, 'en-GB')).resolves.toEqual({ kind: 'browser', locale: 'en' });
  });

  test('Excel: the Excel mode, in Office\'s display language (not the browser\'s)', async () => {
    await expect(detectHost(office('Excel', 'da-DK'), 'en-US')).resolves.toEqual({ kind: 'excel', locale: 'da' });
    await expect(detectHost(office('Excel', 'en-US'), 'da-DK')).resolves.toEqual({ kind: 'excel', locale: 'en' });
  });

  test('office.js loaded in a plain browser (host null): file mode', async () => {
    await expect(detectHost(office(null, 'da-DK'), 'en-US')).resolves.toEqual({ kind: 'browser', locale: 'en' });
  });

  test('another Office host is not Excel: file mode', async () => {
    await expect(detectHost(office('Word'), 'en-US')).resolves.toEqual({ kind: 'browser', locale: 'en' });
  });

  test('Office.onReady that never resolves: file mode after the timeout', async () => {
    const started = Date.now();
    await expect(detectHost(office('Excel', 'en-US', new Promise(() => {})), 'da', 50)).resolves.toEqual({ kind: 'browser', locale: 'da' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });

  test('Office.onReady that fails: file mode', async () => {
    await expect(detectHost(office('Excel', 'en-US', Promise.reject(new Error('no host'))), 'en')).resolves.toEqual({ kind: 'browser', locale: 'en' });
  });
});
