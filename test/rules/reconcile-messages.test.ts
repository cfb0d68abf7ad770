import {
  COVERAGE_LABELS, INVOICE_OUTCOMES, INVOICE_OUTCOME_LABELS, PAYMENT_OUTCOMES, PAYMENT_OUTCOME_LABELS, RECONCILE_FIELD_NAMES, RECONCILE_REASONS, RECONCILE_TEXTS,
  explainRowProblem, formatMoney, PARAM_KINDS, invoiceOutcomeLabel, paymentOutcomeLabel, reconcileMessage, renderMessage, renderParam, LOCALES,
  type ReconcileMessageCode,
} from '../../src/rules';
import { reconcile } from '../../src/scan';
import { RECONCILE_CASES } from '../fixtures/reconcile-cases';
import { caseInput, caseOptions } from '../fixtures/reconcile-to-cells';

describe('the reconciliation catalogue', () => {
  const catalogues = { RECONCILE_TEXTS, INVOICE_OUTCOME_LABELS, PAYMENT_OUTCOME_LABELS, COVERAGE_LABELS, RECONCILE_FIELD_NAMES, RECONCILE_REASONS };
  test.each(Object.entries(catalogues))('%s has the same keys and placeholders in English and Danish, none empty', (_, catalogue) => {
    const en = catalogue.en as Record<string, string>;
    const da = catalogue.da as Record<string, string>;
    expect(Object.keys(da).sort()).toEqual(Object.keys(en).sort());
    const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(en)) {
      expect(en[key].trim()).not.toBe('');
      expect(da[key].trim()).not.toBe('');
      expect(placeholders(da[key])).toEqual(placeholders(en[key]));
    }
  });

  test('every outcome has a label in both languages', () => {
    for (const locale of LOCALES) {
      for (const outcome of INVOICE_OUTCOMES) expect(invoiceOutcomeLabel(outcome, locale)).toMatch(/\w/);
      for (const outcome of PAYMENT_OUTCOMES) expect(paymentOutcomeLabel(outcome, locale)).toMatch(/\w/);
    }
    expect(invoiceOutcomeLabel('paid-late', 'da')).toBe('Betalt for sent');
  });

  test('the fixture cases use every sentence, and each renders without a loose placeholder in both languages', () => {
    const used = new Set<ReconcileMessageCode>();
    for (const c of RECONCILE_CASES) {
      for (const locale of LOCALES) {
        const report = reconcile(caseInput(c), caseOptions(c, locale));
        for (const result of [...report.invoices, ...report.payments, ...(report.subscriptions ?? [])]) {
          for (const found of result.messages) used.add(found.code);
          expect(result.explanation).not.toMatch(/\{|\}|undefined|NaN|\[object/);
        }
      }
    }
    // Reached only through SUBS.INVOICESTATUS: a paid sum without a date.
    const elsewhere: ReconcileMessageCode[] = ['invoice-paid-undated', 'note-paid-date-unknown'];
    const missing = (Object.keys(RECONCILE_TEXTS.en) as ReconcileMessageCode[]).filter((code) => !used.has(code) && !elsewhere.includes(code));
    expect(missing).toEqual([]);
  });

  test.each([
    [123450, 'DKK', 'en', 'DKK 1,234.50'],
    [123450, 'DKK', 'da', '1.234,50 DKK'],
    [-20000, 'USD', 'da', '-200,00 USD'],
    [5, null, 'en', '0.05'],
    [100000000, 'EUR', 'da', '1.000.000,00 EUR'],
  ] as const)('%p hundredths in %s are written %p', (cents, currency, locale, text) => {
    expect(formatMoney(cents, currency, locale)).toBe(text);
  });

  test.each([
    [0, 'today', 'i dag'], [1, 'tomorrow', 'i morgen'], [2, 'in 2 days', 'om 2 dage'], [-1, 'yesterday', 'i går'], [-2, '2 days ago', 'for 2 dage siden'],
  ] as const)('%p days from today is %p / %p', (offset, en, da) => {
    expect([renderParam(offset, 'en', 'fromToday'), renderParam(offset, 'da', 'fromToday')]).toEqual([en, da]);
  });

  test.each([
    [1, 'days', '1 day', '1 dag'], [2, 'days', '2 days', '2 dage'], [0, 'days', '0 days', '0 dage'], [20148, 'date', '2025-03-01', '2025-03-01'],
    [123450, 'money', 'DKK 1,234.50', '1.234,50 DKK'],
  ] as const)('%p as %s is %p / %p', (value, kind, en, da) => {
    expect([renderParam(value, 'en', kind, 'DKK'), renderParam(value, 'da', kind, 'DKK')]).toEqual([en, da]);
  });

  test.each([
    [{ rows: [12], of: 'payment' as const }, 'payment row 12', 'betalingen i række 12'],
    [{ rows: [12, 14, 15], of: 'payment' as const }, 'payment rows 12, 14 and 15', 'betalingerne i række 12, 14 og 15'],
    [{ invoices: ['INV-1'] }, 'invoice INV-1', 'faktura INV-1'],
    [{ invoices: ['INV-1', 'INV-2'] }, 'invoices INV-1 and INV-2', 'fakturaerne INV-1 og INV-2'],
  ])('%p is %p / %p', (param, en, da) => {
    expect([renderParam(param, 'en'), renderParam(param, 'da')]).toEqual([en, da]);
  });

  test('every plain placeholder has a declared kind or is text', () => {
    const text = new Set(['status', 'po', 'id', 'currency', 'invoiceCurrency', 'minimum']);
    const lists = new Set(['problem', 'payments', 'invoices', 'rows', 'parts']);
    for (const template of Object.values(RECONCILE_TEXTS.en)) {
      for (const [, name] of template.matchAll(/\{(\w+)\}/g)) expect([name, PARAM_KINDS[name] !== undefined || text.has(name) || lists.has(name)]).toEqual([name, true]);
    }
  });

  test('a missing parameter is a programmer mistake', () => {
    expect(() => renderMessage(reconcileMessage('payment-later', { date: 20148 }))).toThrow('{asOf}');
  });

  test('sentences lead with what to do', () => {
    const open = reconcileMessage('invoice-open-due-soon', { currency: 'DKK', open: 100000, due: 20148, dueIn: 1, suspension: 20164 });
    expect(renderMessage(open, 'en')).toBe('Pay DKK 1,000.00 by 2025-03-01 (tomorrow) to keep access: unpaid, the software is switched off (suspended) on 2025-03-17.');
    expect(renderMessage(open, 'da')).toBe('Betal 1.000,00 DKK senest 2025-03-01 (i morgen) for at beholde adgangen: ubetalt spærres softwaren (suspenderes) 2025-03-17.');
    const duplicate = reconcileMessage('payment-duplicate', { currency: 'DKK', amount: 100000, invoices: { invoices: ['INV-0070012'] } });
    expect(renderMessage(duplicate, 'en')).toBe('Claim back DKK 1,000.00: invoice INV-0070012 had already been paid in full before this payment.');
    expect(renderMessage(duplicate, 'da')).toBe('Kræv 1.000,00 DKK tilbage: faktura INV-0070012 var allerede betalt fuldt ud før denne betaling.');
  });

  test('a refused row names the cell, the column and the value', () => {
    const problem = { ok: false as const, reason: 'bad-date' as const, value: '30.02.2025', field: 'dueDate' as const };
    expect(explainRowProblem(problem, 'en', 'C7')).toBe('Fix cell C7 (due date): "30.02.2025" is not a date: use a date cell, 2025-01-31 or 31-01-2025.');
    expect(explainRowProblem(problem, 'da', 'C7')).toBe('Ret celle C7 (forfaldsdato): "30.02.2025" er ikke en dato: brug en datocelle, 2025-01-31 eller 31-01-2025.');
    expect(explainRowProblem({ ok: false, reason: 'zero-amount', value: '0', field: 'amount' }, 'en')).toBe('Fix the amount: it is 0: nothing was paid, so there is nothing to match.');
  });
});
