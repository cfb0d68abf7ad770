import fc from 'fast-check';
import {
  cancellationDay, coreRuleIndex, coreRule, dayFromIso, deadlines, dueDate, evaluate, explain, isAtRisk, statusOf, suspensionDay, POLICY, BILLINGS,
  STATUS_CODES, type Billing, type Payment, type StatusCode, type Subscription,
} from '../../src/rules';

const day = (iso: string) => dayFromIso(iso);
const autoRenew = { kind: 'on-renewal', method: 'auto-renew' } as const;

function subscription(overrides: Partial<Subscription> = {}): Subscription {
  return { terms: autoRenew, billing: 'annual', renewalDay: day('2025-01-01'), payment: { kind: 'unpaid' }, publicSector: false, ...overrides };
}

describe('the due date (rules.md §2)', () => {
  test.each<[string, Partial<Parameters<typeof dueDate>[0]>, string, string]>([
    ['auto-renew: the renewal date', { renewalDay: day('2025-01-31') }, '2025-01-31', 'renewalDate'],
    ['card with only an end date: the end date', { terms: { kind: 'on-renewal', method: 'card' }, endDay: day('2025-02-10') }, '2025-02-10', 'endDate'],
    ['renewal wins over end date', { renewalDay: day('2025-01-31'), endDay: day('2025-02-10') }, '2025-01-31', 'renewalDate'],
    ['card with only an invoice date: the invoice date (invoices are issued on renewal)', { invoiceDay: day('2025-01-05') }, '2025-01-05', 'invoiceDate'],
    ['net 30: invoice + 30', { terms: { kind: 'net', days: 30 }, invoiceDay: day('2025-01-31'), renewalDay: day('2025-01-15') }, '2025-03-02', 'invoiceDate'],
    ['net 30 without invoice date: renewal + 30', { terms: { kind: 'net', days: 30 }, renewalDay: day('2025-01-31') }, '2025-03-02', 'renewalDate'],
    ['net 45 crossing a leap day', { terms: { kind: 'net', days: 45 }, invoiceDay: day('2024-02-01') }, '2024-03-17', 'invoiceDate'],
  ])('%s', (_, inputs, due, anchor) => {
    const result = dueDate({ terms: autoRenew, ...inputs });
    expect(result).toMatchObject({ ok: true, value: { day: day(due), anchor } });
  });

  test('no date at all is a missing-date problem, not an exception', () => {
    expect(dueDate({ terms: autoRenew })).toMatchObject({ ok: false, reason: 'missing-date' });
  });
});

describe('the stages after the due date (rules.md §3)', () => {
  test.each<[Billing, string, string, string]>([
    ['annual', '2025-01-31', '2025-02-16', '2025-03-18'],
    ['three-year', '2025-01-31', '2025-02-16', '2025-03-18'],
    ['monthly', '2025-01-31', '2025-02-16', '2025-03-03'],
    ['annual', '2024-12-31', '2025-01-16', '2025-02-15'],
    ['monthly', '2024-02-14', '2024-03-01', '2024-03-16'], // across 2024-02-29
  ])('%s due %s: suspended from %s, canceled from %s', (billing, due, suspension, cancellation) => {
    expect(deadlines(day(due), billing)).toEqual({ due: day(due), expired: day(due) + 1, suspension: day(suspension), cancellation: day(cancellation) });
  });
});

describe('status as of a day: each boundary on the day before, the day itself and the day after (rules.md §4)', () => {
  const due = day('2025-03-01');
  // [as of, billing, expected]; W = 14
  test.each<[string, Billing, StatusCode]>([
    ['2025-02-14', 'annual', 'active'], // due − 15
    ['2025-02-15', 'annual', 'due-soon'], // due − 14: first day of the window
    ['2025-02-16', 'annual', 'due-soon'],
    ['2025-02-28', 'annual', 'due-soon'],
    ['2025-03-01', 'annual', 'due-soon'], // the due date itself
    ['2025-03-02', 'annual', 'expired'], // due + 1
    ['2025-03-16', 'annual', 'expired'], // due + 15
    ['2025-03-17', 'annual', 'suspended'], // due + 16
    ['2025-03-18', 'annual', 'suspended'],
    ['2025-04-15', 'annual', 'suspended'], // due + 45
    ['2025-04-16', 'annual', 'canceled'], // due + 46
    ['2025-04-17', 'annual', 'canceled'],
    ['2025-04-16', 'three-year', 'canceled'],
    ['2025-04-15', 'three-year', 'suspended'],
    ['2025-03-16', 'monthly', 'expired'],
    ['2025-03-17', 'monthly', 'suspended'],
    ['2025-03-31', 'monthly', 'suspended'], // due + 30
    ['2025-04-01', 'monthly', 'canceled'], // due + 31
    ['2025-04-02', 'monthly', 'canceled'],
  ])('unpaid, due 2025-03-01, as of %s (%s): %s', (asOf, billing, status) => {
    expect(evaluate(subscription({ renewalDay: due, billing }), { asOf: day(asOf) }).status).toBe(status);
  });

  test.each<[number, string, StatusCode]>([
    [0, '2025-02-28', 'active'],
    [0, '2025-03-01', 'due-soon'],
    [30, '2025-01-30', 'due-soon'],
    [30, '2025-01-29', 'active'],
  ])('warning window %d days, as of %s: %s', (warningDays, asOf, status) => {
    expect(evaluate(subscription({ renewalDay: due }), { asOf: day(asOf), warningDays }).status).toBe(status);
  });

  test.each<[string, Payment, string, StatusCode, string]>([
    ['paid before due', { kind: 'paid-on', day: day('2025-02-20') }, '2025-03-05', 'active', 'active-paid'],
    ['paid on the as-of day', { kind: 'paid-on', day: day('2025-03-20') }, '2025-03-20', 'active', 'active-paid'],
    ['paid the day after as-of counts as unpaid', { kind: 'paid-on', day: day('2025-03-21') }, '2025-03-20', 'suspended', 'suspended'],
    ['paid the day before cancellation', { kind: 'paid-on', day: day('2025-04-15') }, '2025-05-01', 'active', 'active-paid'],
    ['paid on the cancellation day is too late', { kind: 'paid-on', day: day('2025-04-16') }, '2025-05-01', 'canceled', 'canceled-paid-late'],
    ['paid after cancellation is too late', { kind: 'paid-on', day: day('2025-04-17') }, '2025-05-01', 'canceled', 'canceled-paid-late'],
    ['a paid flag is active even long after', { kind: 'paid-flag' }, '2026-01-01', 'active', 'active-paid'],
    ['unpaid long after is canceled', { kind: 'unpaid' }, '2026-01-01', 'canceled', 'canceled-unpaid'],
  ])('%s', (_, payment, asOf, status, rule) => {
    const result = evaluate(subscription({ renewalDay: due, payment }), { asOf: day(asOf) });
    expect([result.status, result.rule]).toEqual([status, rule]);
  });

  test('public sector is not covered whatever the dates', () => {
    expect(evaluate(subscription({ publicSector: true, renewalDay: day('2020-01-01') }), { asOf: day('2025-03-01') }).status).toBe('not-covered');
  });

  test('at risk means due soon, expired or suspended; canceled is lost, not at risk', () => {
    expect(STATUS_CODES.filter(isAtRisk)).toEqual(['due-soon', 'expired', 'suspended']);
  });

  test('a negative or fractional warning window is a programmer mistake and throws', () => {
    expect(() => evaluate(subscription(), { asOf: 0, warningDays: -1 })).toThrow(RangeError);
    expect(() => evaluate(subscription(), { asOf: 0, warningDays: 1.5 })).toThrow(RangeError);
  });
});

describe('explanations name the rule, the dates and the reading', () => {
  test.each<[string, Partial<Subscription>, string, RegExp[]]>([
    ['suspended', {}, '2025-01-20', [/^Suspended since 2025-01-17/, /canceled on 2025-02-16/, /rule suspended/]],
    ['net 30 says how it is read', { terms: { kind: 'net', days: 30 }, invoiceDay: day('2024-12-02'), renewalDay: null }, '2025-01-20', [/Net 30: due = invoice date 2024-12-02 \+ 30 days/, /not the FAQ's literal/]],
    ['before the direct process', { renewalDay: day('2024-09-15') }, '2024-09-20', [/before 2024-09-16: partner terms may have applied/]],
    ['on the first day of the direct process there is no such note', { renewalDay: day('2024-09-16') }, '2024-09-20', [/^(?!.*partner terms).*$/]],
    ['paid after as-of', { payment: { kind: 'paid-on', day: day('2025-01-25') } }, '2025-01-20', [/paid date 2025-01-25 is after 2025-01-20/]],
  ])('%s', (_, overrides, asOf, patterns) => {
    const text = explain(evaluate(subscription(overrides), { asOf: day(asOf) }));
    for (const pattern of patterns) expect(text).toMatch(pattern);
  });

  test('Danish explanations use Danish words', () => {
    const text = explain(evaluate(subscription(), { asOf: day('2025-01-20') }), 'da');
    expect(text).toMatch(/^Suspenderet siden 2025-01-17/);
    expect(text).toContain('regel suspended');
  });
});

describe('invariants (property tests)', () => {
  const anyDay = fc.integer({ min: day('1990-01-01'), max: day('2090-12-31') });
  const anyBilling = fc.constantFrom<Billing>(...BILLINGS);

  test('suspension is always due + 16', () => {
    fc.assert(fc.property(anyDay, (due) => suspensionDay(due) - due === 16));
  });

  test('cancellation − suspension is 30 for annual and 3-year, 15 for monthly', () => {
    fc.assert(
      fc.property(anyDay, anyBilling, (due, billing) => cancellationDay(due, billing) - suspensionDay(due) === (billing === 'monthly' ? 15 : 30)),
    );
  });

  test('net N moves every deadline by exactly N days', () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: 1, max: 365 }), (invoice, days) => {
        const net = dueDate({ terms: { kind: 'net', days }, invoiceDay: invoice });
        return net.ok && net.value.day === invoice + days;
      }),
    );
  });

  const order: StatusCode[] = ['active', 'due-soon', 'expired', 'suspended', 'canceled'];
  test('for an unpaid row the status never moves backwards as the as-of day advances', () => {
    fc.assert(
      fc.property(anyDay, anyBilling, fc.integer({ min: 0, max: 60 }), anyDay, fc.integer({ min: 1, max: 120 }), (due, billing, warn, asOf, step) => {
        const before = order.indexOf(statusOf(due, billing, NaN, asOf, warn));
        const after = order.indexOf(statusOf(due, billing, NaN, asOf + step, warn));
        return before >= 0 && after >= before;
      }),
    );
  });

  test('the statuses an unpaid row passes through start on the documented days', () => {
    fc.assert(
      fc.property(anyDay, anyBilling, fc.integer({ min: 0, max: 60 }), (due, billing, warn) => {
        const firstDayOf = (status: StatusCode) => {
          for (let asOf = due - warn - 5; asOf < due + 60; asOf++) if (statusOf(due, billing, NaN, asOf, warn) === status) return asOf;
          return NaN;
        };
        return (
          firstDayOf('due-soon') === due - warn &&
          firstDayOf('expired') === due + 1 &&
          firstDayOf('suspended') === due + POLICY.suspensionAfterDue.value &&
          firstDayOf('canceled') === cancellationDay(due, billing)
        );
      }),
    );
  });

  test('a row paid before its cancellation date is active from the paid day on', () => {
    fc.assert(
      fc.property(anyDay, anyBilling, fc.integer({ min: -400, max: 45 }), fc.integer({ min: 0, max: 400 }), (due, billing, paidOffset, later) => {
        const cancellation = cancellationDay(due, billing);
        const paid = Math.min(due + paidOffset, cancellation - 1);
        return coreRule(coreRuleIndex(due, cancellation, paid, paid + later, 14)) === 'active-paid';
      }),
    );
  });
});
