import { FIELDS, LOCALES, STATUS_CODES } from '../../src/rules';
import { fieldLabel, PROBLEM_KEYS, text, UI_STRINGS, type UiKey } from '../../src/taskpane/strings';
import { statusLabel } from '../../src/rules';

const placeholders = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the pane catalogue', () => {
  test('English and Danish have the same keys', () => {
    expect(Object.keys(UI_STRINGS.da).sort()).toEqual(Object.keys(UI_STRINGS.en).sort());
  });

  test.each(LOCALES)('no %s string is empty or only spaces', (locale) => {
    const empty = Object.entries(UI_STRINGS[locale]).filter(([, value]) => value.trim() === '');
    expect(empty).toEqual([]);
  });

  test('each Danish string has the placeholders of its English one', () => {
    const differ = (Object.keys(UI_STRINGS.en) as UiKey[]).filter((key) => placeholders(UI_STRINGS.en[key]).join() !== placeholders(UI_STRINGS.da[key]).join());
    expect(differ).toEqual([]);
  });

  test('the date input is labelled exactly "As of" in English (the browser-test contract) and "Pr. dato" in Danish', () => {
    expect(text('en', 'asOfLabel')).toBe('As of');
    expect(text('da', 'asOfLabel')).toBe('Pr. dato');
  });

  test('every scan problem code has a message in both languages', () => {
    for (const locale of LOCALES) {
      for (const key of Object.values(PROBLEM_KEYS)) expect(text(locale, key)).toMatch(/\.$/);
    }
  });

  test('placeholders are filled, and a missing value is a programmer mistake that throws', () => {
    expect(text('da', 'progressText', { done: 5, total: 10 })).toBe('5 af 10 rækker');
    expect(() => text('en', 'progressText', { done: 5 })).toThrow('{total}');
  });

  test('field labels are the rules\' field names with a capital first letter', () => {
    expect(fieldLabel('renewalDate', 'en')).toBe('Renewal date');
    expect(fieldLabel('id', 'da')).toBe('Abonnements-ID');
    for (const locale of LOCALES) for (const field of FIELDS) expect(fieldLabel(field, locale)).toMatch(/^\p{Lu}/u);
  });

  test('status labels come from the rules catalogue', () => {
    expect(STATUS_CODES.map((status) => statusLabel(status, 'da'))).toEqual(['Aktiv', 'Forfalder snart', 'Udløbet', 'Suspenderet', 'Annulleret', 'Ikke omfattet', 'Ugyldig']);
  });
});
