/** The one presentation table and amount format every front end uses (src/scan/presentation.ts). */
import { STATUS_CODES } from '../../src/rules';
import { argbOf, formatAmount, formatCount, statusPresentation, STATUS_LOOKS, STATUS_ORDER } from '../../src/scan';

/** WCAG 2.2 relative luminance and contrast ratio of two #RRGGBB colours. */
function luminance(colour: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(colour.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

describe('the status table', () => {
  test('has every status once, in the rules\' order', () => {
    expect(Object.keys(STATUS_LOOKS).sort()).toEqual([...STATUS_CODES].sort());
    expect(STATUS_ORDER).toEqual(STATUS_CODES);
  });

  test.each(STATUS_CODES)('%s: text on its fill at least 4.5:1, its accent on white at least 3:1, all #RRGGBB', (status) => {
    const look = STATUS_LOOKS[status];
    for (const colour of [look.fill, look.text, look.accent]) expect(colour).toMatch(/^#[0-9A-F]{6}$/);
    expect(contrast(look.text, look.fill)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(look.accent, '#FFFFFF')).toBeGreaterThanOrEqual(3);
    expect(look.ansi).toMatch(/^\d+(;\d+)*$/);
  });

  test('fills differ between statuses, so a row\'s colour tells its status', () => {
    expect(new Set(STATUS_CODES.map((s) => STATUS_LOOKS[s].fill)).size).toBe(STATUS_CODES.length);
  });

  test('labels come from the rules\' catalogue; colours become SpreadsheetML ARGB', () => {
    expect(statusPresentation('due-soon', 'da')).toMatchObject({ status: 'due-soon', label: 'Forfalder snart', fill: '#FFF4CE' });
    expect(argbOf('#fff4ce')).toBe('FFFFF4CE');
  });
});

describe('amounts and counts', () => {
  test.each<[number, string | null, 'en' | 'da', string]>([
    [1234.5, 'USD', 'en', 'USD 1,234.50'],
    [1234.5, 'DKK', 'da', '1.234,50 DKK'],
    [1234.5, 'EUR', 'en', 'EUR 1,234.50'],
    [1234, 'JPY', 'en', 'JPY 1,234.00'],
    [-1234.5, 'SEK', 'da', '-1.234,50 SEK'],
    [99, 'kr', 'da', '99,00 kr'],
    [1234.5, null, 'en', '1,234.50'],
    [1234.5, null, 'da', '1.234,50'],
    [0.005, 'USD', 'en', 'USD 0.01'],
  ])('%d %s in %s is "%s", with plain spaces', (amount, currency, locale, text) => {
    expect(formatAmount(amount, currency, locale)).toBe(text);
  });

  test('counts are grouped by the locale', () => {
    expect([formatCount(1234567, 'en'), formatCount(1234567, 'da')]).toEqual(['1,234,567', '1.234.567']);
  });
});
