import {
  explainProblem, localeOf, statusLabel, POLICY, REASONS, RULE_TEXTS, NOTE_TEXTS, STATUS_LABELS, FIELD_NAMES, FINANCING_TEXTS, RULE_SOURCES,
  STATUS_CODES, LOCALES, problem,
} from '../../src/rules';

describe('the message catalogue', () => {
  const catalogues = { STATUS_LABELS, FIELD_NAMES, REASONS, RULE_TEXTS, NOTE_TEXTS, FINANCING_TEXTS };
  test.each(Object.entries(catalogues))('%s has the same keys and placeholders in English and Danish, none empty', (_, catalogue) => {
    const en = catalogue.en as Record<string, string>;
    const da = catalogue.da as Record<string, string>;
    expect(Object.keys(da).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en)) {
      expect(en[key].trim()).not.toBe('');
      expect(da[key].trim()).not.toBe('');
      const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
      expect(placeholders(da[key])).toEqual(placeholders(en[key]));
    }
  });

  test('status labels are the ones rules.md §4 gives', () => {
    expect(STATUS_CODES.map((code) => statusLabel(code, 'en'))).toEqual(['Active', 'Due soon', 'Expired', 'Suspended', 'Canceled', 'Not covered', 'Invalid']);
    expect(STATUS_CODES.map((code) => statusLabel(code, 'da'))).toEqual(['Aktiv', 'Forfalder snart', 'Udløbet', 'Suspenderet', 'Annulleret', 'Ikke omfattet', 'Ugyldig']);
  });

  test('every rule has a source', () => {
    for (const rule of Object.keys(RULE_TEXTS.en)) expect(RULE_SOURCES[rule as keyof typeof RULE_SOURCES]).toMatch(/rules\.md §\d/);
  });

  test.each([
    ['en', 'C7', 'Cell C7 (payment terms): "Net 3O" is not a payment term'],
    ['da', 'C7', 'Celle C7 (betalingsbetingelser): "Net 3O" er ikke en betalingsbetingelse'],
    ['en', undefined, 'payment terms: "Net 3O" is not a payment term'],
  ] as const)('a problem in %s at %p names the cell, the field and the value', (locale, where, start) => {
    expect(explainProblem(problem('unknown-terms', 'Net 3O', 'terms'), locale, where).startsWith(start)).toBe(true);
  });

  test.each([
    ['da-DK', 'da'], ['da', 'da'], ['DA-dk', 'da'], ['en-US', 'en'], ['nb-NO', 'en'], ['', 'en'], [null, 'en'], ['dan', 'en'],
  ] as const)('language tag %p gives the %s catalogue', (tag, locale) => {
    expect(localeOf(tag)).toBe(locale);
    expect(LOCALES).toContain(locale);
  });
});

describe('the policy is data with its sources', () => {
  test.each(Object.entries(POLICY))('%s quotes where it comes from', (_, entry) => {
    expect(entry.source).toMatch(/^(FAQ|AD-[A-Z]+|rules\.md)/);
    expect(entry.value).not.toBeUndefined();
  });

  test('the numbers are the ones rules.md gives', () => {
    expect(POLICY.suspensionAfterDue.value).toBe(16);
    expect(POLICY.cancellationAfterDue.value).toEqual({ annual: 46, 'three-year': 46, monthly: 31 });
    expect(POLICY.refundWindowDays.value).toEqual({ annual: 30, 'three-year': 30, monthly: 15 });
    expect(POLICY.financingMinimumUsd.value).toBe(4500);
    expect(POLICY.invoiceNetDays.value).toBe(30);
    expect(POLICY.defaultWarningDays.value).toBe(14);
    expect(POLICY.directBuyingStart.value).toBe('2024-09-16');
  });
});
