import { detectHost, isCellEditModeError, type OfficeLike } from '../../src/taskpane/host';

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

  test('a slow Excel start (office-js #6946, #1579): Office.onReady after 20 s still gives the Excel mode, never the file mode', async () => {
    jest.useFakeTimers();
    try {
      const late = new Promise<{ host: unknown }>((resolve) => setTimeout(() => resolve({ host: 'Excel' }), 20_000));
      let answer: unknown = 'pending';
      void detectHost(office('Excel', 'da-DK', late), 'en-US').then((host) => (answer = host));
      await jest.advanceTimersByTimeAsync(19_000);
      expect(answer).toBe('pending');
      await jest.advanceTimersByTimeAsync(1_000);
      expect(answer).toEqual({ kind: 'excel', locale: 'da' });
    } finally {
      jest.useRealTimers();
    }
  });

  test('Office.onReady that fails: file mode', async () => {
    await expect(detectHost(office('Excel', 'en-US', Promise.reject(new Error('no host'))), 'en')).resolves.toEqual({ kind: 'browser', locale: 'en' });
  });
});

test('Excel\'s cell-edit-mode refusal is recognised by its code (Excel.ErrorCodes.invalidOperationInCellEditMode)', () => {
  expect(isCellEditModeError(Object.assign(new Error('busy'), { code: 'InvalidOperationInCellEditMode' }))).toBe(true);
  expect(isCellEditModeError(Object.assign(new Error('other'), { code: 'GeneralException' }))).toBe(false);
  expect(isCellEditModeError('InvalidOperationInCellEditMode')).toBe(false);
});
