/**
 * Every window's edges, on the day before, the day itself and the day after (rules.md §3-6), through
 * the worksheet functions. Expected answers are written out by hand from rules.md.
 */
import { cancelDate, financingEligible, refundDeadline, refundEligible, status, suspensionDate } from '../../src/functions/functions';
import { errorOf, OMITTED, one, optional, serial, single, withSettings } from './excel';

withSettings();

const DUE = serial('2025-03-15');
const statusOn = (asOf: number, billing: string | null = null, paid: unknown = null) =>
  single(status(one(DUE), OMITTED, optional(billing), optional(paid), OMITTED, one(asOf)));

describe('STATUS around each stage of an unpaid annual subscription due 2025-03-15 (45731)', () => {
  test.each([
    [-15, 'Active', 'the day before the 14-day warning window'],
    [-14, 'Due soon', 'the first day of the warning window'],
    [-1, 'Due soon', 'the day before the due date'],
    [0, 'Due soon', 'the due date itself'],
    [1, 'Expired', 'the day after the due date'],
    [15, 'Expired', 'the day before suspension'],
    [16, 'Suspended', 'the suspension date (due + 16)'],
    [45, 'Suspended', 'the day before cancellation'],
    [46, 'Canceled', 'the cancellation date (due + 46)'],
    [47, 'Canceled', 'the day after'],
  ])('due %+i days: %s (%s)', (offset, label) => {
    expect(statusOn(DUE + offset)).toBe(label);
  });
});

describe('monthly: canceled on due + 31', () => {
  test.each([
    [30, 'Suspended'],
    [31, 'Canceled'],
    [32, 'Canceled'],
  ])('due %+i days: %s', (offset, label) => {
    expect(statusOn(DUE + offset, 'Monthly')).toBe(label);
  });
});

describe('paid: a payment before the cancellation date keeps the subscription, one on or after it does not', () => {
  const asOf = DUE + 60;
  test.each([
    [45, 'Active', 'paid the day before cancellation'],
    [46, 'Canceled', 'paid on the cancellation date'],
    [47, 'Canceled', 'paid after it'],
  ])('paid on due + %i: %s (%s)', (offset, label) => {
    expect(statusOn(asOf, null, DUE + offset)).toBe(label);
  });

  test.each([
    [-1, 'Active', 'paid the day before as_of'],
    [0, 'Active', 'paid on as_of'],
    [1, 'Expired', 'a payment the day after as_of does not count yet'],
  ])('paid on as_of %+i: %s (%s)', (offset, label) => {
    const asOf = DUE + 5;
    expect(statusOn(asOf, null, asOf + offset)).toBe(label);
  });
});

describe('SUSPENSIONDATE and CANCELDATE are the first days of their stages', () => {
  test('suspension is due + 16 for every billing period', () => {
    for (const billing of ['Monthly', 'Annual', '3-year']) expect(single(suspensionDate(one(DUE), OMITTED, one(billing)))).toBe(DUE + 16);
  });
  test.each([
    ['Monthly', 31],
    ['Annual', 46],
    ['3-year', 46],
  ])('%s: canceled on due + %i', (billing, days) => {
    expect(single(cancelDate(one(DUE), OMITTED, one(billing)))).toBe(DUE + days);
  });
  test('net 30: the clock starts 30 days after the invoice date', () => {
    const invoice = serial('2025-01-14');
    expect(single(suspensionDate(one(invoice), one('Net 30')))).toBe(serial('2025-03-01'));
    expect(single(cancelDate(one(invoice), one('Net 30')))).toBe(serial('2025-03-31'));
  });
});

describe('refunds: the last day counts, the day before the purchase is bad input', () => {
  const PURCHASE = serial('2025-02-10');
  const eligibleOn = (request: number, billing: string) => single(refundEligible(one(PURCHASE), one(request), one(billing)));

  test.each([
    ['Annual', 30],
    ['3-year', 30],
    ['Monthly', 15],
  ])('%s: the deadline is purchase + %i; eligible through it, not after', (billing, days) => {
    expect(single(refundDeadline(one(PURCHASE), one(billing)))).toBe(PURCHASE + days);
    expect(eligibleOn(PURCHASE, billing)).toBe(true);
    expect(eligibleOn(PURCHASE + days - 1, billing)).toBe(true);
    expect(eligibleOn(PURCHASE + days, billing)).toBe(true);
    expect(eligibleOn(PURCHASE + days + 1, billing)).toBe(false);
  });

  test('a request the day before the purchase is #VALUE!, not FALSE', () => {
    expect(errorOf(eligibleOn(PURCHASE - 1, 'Annual'))).toEqual({ code: '#VALUE!', message: 'request_date: the request date 2025-02-09 is before the purchase date' });
  });
});

describe('financing: USD 4,500 itself is enough, a cent less is not', () => {
  test.each([
    [4499.99, false],
    [4500, true],
    [4500.01, true],
  ])('annual, USD %d: %p', (amount, eligible) => {
    expect(single(financingEligible(one('Annual'), one(amount), one('USD')))).toBe(eligible);
  });
  test('monthly is never financed, whatever the amount', () => {
    expect(single(financingEligible(one('Monthly'), one(1_000_000)))).toBe(false);
  });
});
