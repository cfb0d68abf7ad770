/**
 * The shared fixture table through the SUBS functions, called as Excel calls them: date cells as
 * serials of the workbook's date system, text as typed, omitted arguments as null. Every case runs
 * once per cell and once more as part of one spilled call over the whole table.
 */
import { parseTerms, type DateSystem, type ReasonCode, type StatusCode } from '../../src/rules';
import { cancelDate, dueDate, financingEligible, refundDeadline, refundEligible, status, suspensionDate } from '../../src/functions/functions';
import { FINANCING_CASES, FIXTURE_AS_OF, REFUND_CASES, STATUS_CASES, type FixtureCell, type StatusCase } from '../fixtures/cases';
import { toExcelCell } from '../fixtures/to-cells';
import { column, errorOf, grid, one, optional, serial, single, valueOf, withSettings } from './excel';

/** rules.md §4's English labels, written out here rather than taken from the code under test. */
const LABELS: Record<StatusCode, string> = {
  active: 'Active',
  'due-soon': 'Due soon',
  expired: 'Expired',
  suspended: 'Suspended',
  canceled: 'Canceled',
  'not-covered': 'Not covered',
  invalid: 'Invalid',
};

/** What each refusal's message must say, besides naming the argument. */
const REASON_WORDS: Partial<Record<ReasonCode, string>> = {
  'missing-date': 'no date',
  'bad-date': 'is not a date',
  'ambiguous-date': 'day/month or month/day',
  'unknown-terms': 'is not a payment term',
  'unknown-billing': 'is not a billing period',
};

/** The argument a fixture field reaches: every date column goes into `date`. */
const ARGUMENT_OF_FIELD: Record<string, string> = { renewalDate: 'date', endDate: 'date', invoiceDate: 'date', terms: 'terms', billing: 'billing' };

function isNet(terms: FixtureCell | undefined): boolean {
  const parsed = parseTerms(typeof terms === 'string' ? terms : null);
  return parsed.ok && parsed.value.kind === 'net';
}

/** The STATUS arguments of a fixture row: `date` is the invoice date for net terms, else the renewal (or end) date. */
function statusArgs(c: StatusCase, system: DateSystem) {
  const { row } = c;
  const date = isNet(row.terms) ? row.invoiceDate ?? row.renewalDate ?? row.endDate : row.renewalDate ?? row.endDate ?? row.invoiceDate;
  const cell = (value: FixtureCell | undefined) => toExcelCell(value, system);
  return { date: cell(date), terms: cell(row.terms), billing: cell(row.billing), paid: cell(row.paid), publicSector: cell(row.publicSector), asOf: serial(FIXTURE_AS_OF, system) };
}

function expectRefusal(value: unknown, c: StatusCase): void {
  const error = errorOf(value);
  expect(error?.code).toBe('#VALUE!');
  expect(error?.message).toMatch(new RegExp(`^${ARGUMENT_OF_FIELD[c.field!]}: `));
  expect(error?.message).toContain(REASON_WORDS[c.reason!]);
}

const invalidCases = STATUS_CASES.filter((c) => c.status === 'invalid');
const validCases = STATUS_CASES.filter((c) => c.status !== 'invalid');
const named = <T extends { name: string }>(cases: T[]) => cases.map((c) => [c.name, c] as const);

describe.each(['1900', '1904'] as const)('in a %s-system workbook', (system) => {
  withSettings({ dateSystem: system });

  describe('STATUS gives each fixture row the status rules.md gives it, as of 2025-03-01', () => {
    test.each(named(validCases))('%s', (_, c) => {
      const a = statusArgs(c, system);
      expect(valueOf(single(status(one(a.date), one(a.terms), one(a.billing), one(a.paid), one(a.publicSector), one(a.asOf))))).toBe(LABELS[c.status]);
    });

    test.each(named(invalidCases))('%s: #VALUE! naming the argument and the problem', (_, c) => {
      const a = statusArgs(c, system);
      expectRefusal(single(status(one(a.date), one(a.terms), one(a.billing), one(a.paid), one(a.publicSector), one(a.asOf))), c);
    });

    test('the whole table as one spilled call gives every row its own answer, errors only in their own rows', () => {
      const rows = STATUS_CASES.map((c) => statusArgs(c, system));
      const spilled = grid(status(column(rows.map((a) => a.date)), column(rows.map((a) => a.terms)), column(rows.map((a) => a.billing)), column(rows.map((a) => a.paid)), column(rows.map((a) => a.publicSector)), one(serial(FIXTURE_AS_OF, system))));
      expect(spilled).toHaveLength(STATUS_CASES.length);
      STATUS_CASES.forEach((c, i) => {
        if (c.status === 'invalid') expectRefusal(spilled[i][0], c);
        else expect(spilled[i]).toEqual([LABELS[c.status]]);
      });
    });
  });

  describe('SUSPENSIONDATE, CANCELDATE and DUEDATE give the fixture dates as serials of the workbook', () => {
    test.each(named(validCases))('%s', (_, c) => {
      const a = statusArgs(c, system);
      expect(single(suspensionDate(one(a.date), one(a.terms), one(a.billing)))).toBe(serial(c.suspensionDate!, system));
      expect(single(cancelDate(one(a.date), one(a.terms), one(a.billing)))).toBe(serial(c.cancellationDate!, system));
      expect(single(dueDate(one(a.date), one(a.terms)))).toBe(serial(c.dueDate!, system));
    });

    test.each(named(invalidCases))('%s: #VALUE!', (_, c) => {
      const a = statusArgs(c, system);
      expectRefusal(single(suspensionDate(one(a.date), one(a.terms), one(a.billing))), c);
      expectRefusal(single(cancelDate(one(a.date), one(a.terms), one(a.billing))), c);
      // DUEDATE has no billing argument, so a bad billing period cannot spoil it.
      if (c.field !== 'billing') expectRefusal(single(dueDate(one(a.date), one(a.terms))), c);
    });

    test('a column of dates spills a column of dates, each bad cell an error in its own row', () => {
      const rows = STATUS_CASES.map((c) => statusArgs(c, system));
      const spilled = grid(suspensionDate(column(rows.map((a) => a.date)), column(rows.map((a) => a.terms)), column(rows.map((a) => a.billing))));
      STATUS_CASES.forEach((c, i) => {
        if (c.status === 'invalid') expectRefusal(spilled[i][0], c);
        else expect(spilled[i]).toEqual([serial(c.suspensionDate!, system)]);
      });
    });
  });

  describe('REFUNDELIGIBLE and REFUNDDEADLINE follow the refund table', () => {
    const excel = (cell: FixtureCell | null) => toExcelCell(cell, system);
    test.each(named(REFUND_CASES))('%s', (_, c) => {
      const purchase = one(serial(c.purchaseDate, system));
      const eligible = single(refundEligible(purchase, one(serial(c.requestDate, system)), one(c.billing), one(excel(c.excluded))));
      if (c.eligible === 'invalid') {
        expect(errorOf(eligible)).toEqual({ code: '#VALUE!', message: `request_date: the request date ${c.requestDate} is before the purchase date` });
      } else {
        expect(valueOf(eligible)).toBe(c.eligible);
      }
      expect(single(refundDeadline(purchase, one(c.billing)))).toBe(serial(c.deadline, system));
    });
  });
});

describe('FINANCINGELIGIBLE follows the financing table', () => {
  withSettings();
  test.each(named(FINANCING_CASES))('%s', (_, c) => {
    const answer = single(financingEligible(one(c.billing), one(c.amount), optional(c.currency)));
    if (c.verdict === 'cannot-judge') {
      expect(errorOf(answer)).toEqual({ code: '#N/A', message: `Cannot judge financing for an amount in ${c.currency}: the threshold is USD 4,500 and no exchange rate is assumed.` });
    } else {
      expect(valueOf(answer)).toBe(c.verdict === 'eligible');
    }
  });
});
