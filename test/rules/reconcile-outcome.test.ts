import {
  dayFromIso, invoiceMessages, invoiceStatusOf, invoiceVerdict, isValidTolerance, renderMessages, toCents, toleranceCents, fromCents,
  type Billing, type InvoiceOutcome, type StatusCode,
} from '../../src/rules';

const day = (iso: string) => dayFromIso(iso);
const due = day('2025-02-19'); // suspended from 2025-03-07, canceled from 2025-04-06 (annual), 2025-03-22 (monthly)

describe('one invoice row with a paid sum (rules.md §9.3; what SUBS.INVOICESTATUS answers)', () => {
  test.each<[string, number, number, string | null, Billing | null, string, InvoiceOutcome, StatusCode | null, number]>([
    // name, amount, paid, last paid, billing, as of, outcome, stage, open
    ['nothing paid, as of the due date', 1000, 0, null, null, '2025-02-19', 'unpaid', 'due-soon', 1000],
    ['nothing paid, the day after', 1000, 0, null, null, '2025-02-20', 'unpaid', 'expired', 1000],
    ['nothing paid, on the suspension date', 1000, 0, null, null, '2025-03-07', 'unpaid', 'suspended', 1000],
    ['nothing paid, on the cancellation date', 1000, 0, null, null, '2025-04-06', 'unpaid', 'canceled', 1000],
    ['nothing paid, monthly, on its cancellation date', 1000, 0, null, 'monthly', '2025-03-22', 'unpaid', 'canceled', 1000],
    ['nothing paid, monthly, the day before', 1000, 0, null, 'monthly', '2025-03-21', 'unpaid', 'suspended', 1000],
    ['nothing paid, 15 days before due', 1000, 0, null, null, '2025-02-04', 'unpaid', 'active', 1000],
    ['nothing paid, 14 days before due', 1000, 0, null, null, '2025-02-05', 'unpaid', 'due-soon', 1000],
    ['paid on the due date', 1000, 1000, '2025-02-19', null, '2025-03-01', 'paid', 'active', 0],
    ['paid the day after', 1000, 1000, '2025-02-20', null, '2025-03-01', 'paid-late', 'expired', 0],
    ['paid on due + 15', 1000, 1000, '2025-03-06', null, '2025-04-30', 'paid-late', 'expired', 0],
    ['paid on due + 16', 1000, 1000, '2025-03-07', null, '2025-04-30', 'paid-late', 'suspended', 0],
    ['paid on due + 45', 1000, 1000, '2025-04-05', null, '2025-04-30', 'paid-late', 'suspended', 0],
    ['paid on due + 46', 1000, 1000, '2025-04-06', null, '2025-04-30', 'paid-late', 'canceled', 0],
    ['paid without a date: on time, as its date is not known', 1000, 1000, null, null, '2025-04-30', 'paid', 'active', 0],
    ['0.01 short: paid', 1000, 999.99, '2025-02-10', null, '2025-03-01', 'paid', 'active', 0.01],
    ['0.02 short: partial, the clock runs', 1000, 999.98, '2025-02-10', null, '2025-03-01', 'partial', 'expired', 0.02],
    ['0.01 over: paid', 1000, 1000.01, '2025-02-10', null, '2025-03-01', 'paid', 'active', 0],
    ['0.02 over: overpaid', 1000, 1000.02, '2025-02-10', null, '2025-03-01', 'overpaid', 'active', 0],
    ['overpaid after cancellation: the stage it was paid in', 1000, 1500, '2025-04-10', null, '2025-04-30', 'overpaid', 'canceled', 0],
    ['a bank statement\'s negative sum counts as paid', 1000, -1000, '2025-02-10', null, '2025-03-01', 'paid', 'active', 0],
    ['a credit memo', -200, 0, null, null, '2025-03-01', 'credit-memo', null, 0],
    ['an invoice of 0 is paid with nothing paid', 0, 0, null, null, '2025-03-01', 'paid', 'active', 0],
  ])('%s', (_, amount, paid, lastPaid, billing, asOf, outcome, stage, open) => {
    const status = invoiceStatusOf({ due, amount, paid, lastPaidDay: lastPaid ? day(lastPaid) : null, billing, asOf: day(asOf) });
    expect([status.outcome, status.stage, status.open]).toEqual([outcome, stage, open]);
    const text = renderMessages(invoiceMessages({ verdict: status.verdict, amount: toCents(amount), paid: Math.abs(toCents(paid)), currency: 'USD', lastPaidDay: lastPaid ? day(lastPaid) : null, asOf: day(asOf), paymentRows: [] }));
    expect(text).not.toMatch(/[{}]|undefined|NaN/);
  });

  test('the surplus of an overpaid invoice is named', () => {
    expect(invoiceStatusOf({ due, amount: 1000, paid: 1250.5, lastPaidDay: due, asOf: due }).surplus).toBe(250.5);
  });

  test('the tolerance is a setting', () => {
    expect(invoiceStatusOf({ due, amount: 1000, paid: 995, lastPaidDay: due, asOf: due, tolerance: 5 }).outcome).toBe('paid');
    expect(invoiceStatusOf({ due, amount: 1000, paid: 994.99, lastPaidDay: due, asOf: due, tolerance: 5 }).outcome).toBe('partial');
    expect(invoiceStatusOf({ due, amount: 1000, paid: 999.99, lastPaidDay: due, asOf: due, tolerance: 0 }).outcome).toBe('partial');
  });

  test('programmer mistakes throw: a tolerance outside 0..100, a bad window, an amount that is not a number', () => {
    expect(() => invoiceStatusOf({ due, amount: 1, paid: 0, asOf: due, tolerance: -0.01 })).toThrow(RangeError);
    expect(() => invoiceStatusOf({ due, amount: 1, paid: 0, asOf: due, tolerance: 100.01 })).toThrow(RangeError);
    expect(() => invoiceStatusOf({ due, amount: Number.NaN, paid: 0, asOf: due })).toThrow(RangeError);
    expect(() => invoiceStatusOf({ due, amount: 1, paid: 0, asOf: due, warningDays: 1.5 })).toThrow(RangeError);
    expect([isValidTolerance(0), isValidTolerance(100), isValidTolerance(100.01), isValidTolerance(Number.NaN)]).toEqual([true, true, false, false]);
  });

  test('hundredths are exact where floating point is not', () => {
    expect(100.01 - 100.0 <= 0.01).toBe(false); // why amounts are counted in hundredths
    expect(toCents(100.01) - toCents(100.0) <= toleranceCents(0.01)).toBe(true);
    expect([toCents(1234.5), toCents(-0.015), toCents(0.1 + 0.2), fromCents(123450)]).toEqual([123450, -2, 30, 1234.5]);
  });

  test('the verdict counts in hundredths directly', () => {
    const verdict = invoiceVerdict({ amount: 100000, paid: 40000, due, billing: 'annual', lastPaidDay: due - 5 }, { asOf: day('2025-03-01'), tolerance: 1, warningDays: 14 });
    expect(verdict).toMatchObject({ outcome: 'partial', stage: 'expired', open: 60000, surplus: 0 });
    expect(verdict.deadlines).toEqual({ due, expired: due + 1, suspension: day('2025-03-07'), cancellation: day('2025-04-06') });
  });
});
