/**
 * The fixture table as calls of the SUBS functions, the way Excel makes them: every argument a
 * grid ([[v]] for one cell, a column for a range), date cells as serials of the workbook's date
 * system, an omitted optional argument as null. Each call carries the answer rules.md gives, worked
 * out from the fixture table (not by the code under test). Plain data, so that the same calls run
 * in node and, through JSON, in a browser page under Microsoft's office.js.
 */
import { parseTerms, type DateSystem, type ReasonCode, type StatusCode } from '../../src/rules';
import { FINANCING_CASES, FIXTURE_AS_OF, REFUND_CASES, STATUS_CASES, type FixtureCell, type StatusCase } from '../fixtures/cases';
import { toExcelCell } from '../fixtures/to-cells';
import { serial } from './excel';

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

/** The answer a cell must hold: a value, or an error with its code and what its message says. */
export type Expected =
  | { readonly value: unknown }
  | { readonly error: string; readonly messageStartsWith?: string; readonly messageContains?: string; readonly message?: string };

export interface FixtureCall {
  readonly name: string;
  readonly id: string;
  readonly args: readonly (unknown[][] | null)[];
  /** One per result row (every call here spills a column, or is one cell). */
  readonly expected: readonly Expected[];
}

const one = (value: unknown): unknown[][] => [[value]];
const optional = (value: unknown): unknown[][] | null => (value === null ? null : one(value));
const columnOf = (values: readonly unknown[]): unknown[][] => values.map((value) => [value]);

function refusal(c: StatusCase): Expected {
  return { error: '#VALUE!', messageStartsWith: `${ARGUMENT_OF_FIELD[c.field!]}: `, messageContains: REASON_WORDS[c.reason!] };
}

/**
 * The fixture table as calls: per status case one call of each date function and STATUS, then the
 * whole table as one spilled STATUS and SUSPENSIONDATE call, and the refund and financing tables.
 */
export function fixtureCalls(system: DateSystem = '1900'): FixtureCall[] {
  const calls: FixtureCall[] = [];
  for (const c of STATUS_CASES) {
    const a = statusArgs(c, system);
    const bad = c.status === 'invalid';
    const date = (iso: string | null): Expected => (bad ? refusal(c) : { value: serial(iso!, system) });
    calls.push({ name: `STATUS: ${c.name}`, id: 'STATUS', args: [one(a.date), one(a.terms), one(a.billing), one(a.paid), one(a.publicSector), one(a.asOf)], expected: [bad ? refusal(c) : { value: LABELS[c.status] }] });
    calls.push({ name: `SUSPENSIONDATE: ${c.name}`, id: 'SUSPENSIONDATE', args: [one(a.date), one(a.terms), one(a.billing)], expected: [date(c.suspensionDate)] });
    calls.push({ name: `CANCELDATE: ${c.name}`, id: 'CANCELDATE', args: [one(a.date), one(a.terms), one(a.billing)], expected: [date(c.cancellationDate)] });
    // DUEDATE has no billing argument, so a bad billing period cannot spoil it.
    if (!(bad && c.field === 'billing')) calls.push({ name: `DUEDATE: ${c.name}`, id: 'DUEDATE', args: [one(a.date), one(a.terms)], expected: [date(c.dueDate)] });
  }
  const rows = STATUS_CASES.map((c) => statusArgs(c, system));
  calls.push({
    name: 'STATUS over the whole table as one spilled call',
    id: 'STATUS',
    args: [columnOf(rows.map((a) => a.date)), columnOf(rows.map((a) => a.terms)), columnOf(rows.map((a) => a.billing)), columnOf(rows.map((a) => a.paid)), columnOf(rows.map((a) => a.publicSector)), one(serial(FIXTURE_AS_OF, system))],
    expected: STATUS_CASES.map((c) => (c.status === 'invalid' ? refusal(c) : { value: LABELS[c.status] })),
  });
  calls.push({
    name: 'SUSPENSIONDATE over the whole table as one spilled call',
    id: 'SUSPENSIONDATE',
    args: [columnOf(rows.map((a) => a.date)), columnOf(rows.map((a) => a.terms)), columnOf(rows.map((a) => a.billing))],
    expected: STATUS_CASES.map((c) => (c.status === 'invalid' ? refusal(c) : { value: serial(c.suspensionDate!, system) })),
  });
  for (const c of REFUND_CASES) {
    const purchase = one(serial(c.purchaseDate, system));
    const eligible: Expected = c.eligible === 'invalid'
      ? { error: '#VALUE!', message: `request_date: the request date ${c.requestDate} is before the purchase date` }
      : { value: c.eligible };
    calls.push({ name: `REFUNDELIGIBLE: ${c.name}`, id: 'REFUNDELIGIBLE', args: [purchase, one(serial(c.requestDate, system)), one(c.billing), one(toExcelCell(c.excluded, system))], expected: [eligible] });
    calls.push({ name: `REFUNDDEADLINE: ${c.name}`, id: 'REFUNDDEADLINE', args: [purchase, one(c.billing)], expected: [{ value: serial(c.deadline, system) }] });
  }
  for (const c of FINANCING_CASES) {
    const verdict: Expected = c.verdict === 'cannot-judge'
      ? { error: '#N/A', message: `Cannot judge financing for an amount in ${c.currency}: the threshold is USD 4,500 and no exchange rate is assumed.` }
      : { value: c.verdict === 'eligible' };
    calls.push({ name: `FINANCINGELIGIBLE: ${c.name}`, id: 'FINANCINGELIGIBLE', args: [one(c.billing), one(c.amount), optional(c.currency)], expected: [verdict] });
  }
  return calls;
}

/** A result cell as plain data: its value, or its error's code and message. */
export type Answer = { readonly value: unknown } | { readonly error: string; readonly message?: string };

/** Whether an answer is what the fixture expects; the text says what differs. */
export function mismatch(expected: Expected, answer: Answer): string | null {
  if ('value' in expected) return 'value' in answer && Object.is(answer.value, expected.value) ? null : `expected ${JSON.stringify(expected.value)}, got ${JSON.stringify(answer)}`;
  if (!('error' in answer)) return `expected ${expected.error}, got ${JSON.stringify(answer.value)}`;
  const message = answer.message ?? '';
  if (answer.error !== expected.error) return `expected ${expected.error}, got ${answer.error} ${message}`;
  if (expected.message !== undefined && message !== expected.message) return `expected the message "${expected.message}", got "${message}"`;
  if (expected.messageStartsWith !== undefined && !message.startsWith(expected.messageStartsWith)) return `expected a message starting "${expected.messageStartsWith}", got "${message}"`;
  if (expected.messageContains !== undefined && !message.includes(expected.messageContains)) return `expected a message containing "${expected.messageContains}", got "${message}"`;
  return null;
}
