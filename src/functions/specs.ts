/**
 * The seven SUBS functions as data: each one's arguments (names and order are fixed: they are
 * what users type), what it returns, and its row body. A row body receives the already-read values
 * of one result cell and asks the rules for the answer; where it combines rules functions rather
 * than calling one, the comment beside it says why.
 *
 * `date` is the renewal (or end) date for payment on renewal and the invoice date for net terms, so
 * the due date is `date` for card or auto-renew and `date + N` for net N (rules.md §2).
 */
import {
  cancellationDay,
  dueDate,
  effectiveCurrency,
  fill,
  financingEligibility,
  FINANCING_TEXTS,
  refundDeadline,
  refundEligibility,
  statusLabel,
  quickStatus,
  suspensionDay,
  type Locale,
  type PaymentTerms,
  type Problem,
} from '../rules';
import { arg, type ArgSpec, type ArgValues } from './args';
import { notApplicable, type NotApplicable } from './errors';

/** What a function's cells hold: a date (a day number, shown as a date), a text label, or TRUE/FALSE. */
export type Output = 'date' | 'text' | 'boolean';

export interface RowContext {
  readonly locale: Locale;
  /**
   * A scratch map that lives for one call, for a row body to keep what it already asked the rules
   * (see {@link dueDay}): 100,000 rows repeat a few thousand (date, terms) pairs.
   */
  readonly cache: Map<unknown, unknown>;
}

/** A row body's answer: the value, a Problem with the input (#VALUE!), or "does not apply" (#N/A). */
export type RowOutcome = number | string | boolean | Problem | NotApplicable;

export interface FunctionSpec<A extends readonly ArgSpec[] = readonly ArgSpec[]> {
  /** The id in functions.json; with the SUBS namespace, what users type. */
  readonly id: string;
  readonly args: A;
  readonly output: Output;
  readonly row: (values: ArgValues<A>, context: RowContext) => RowOutcome;
}

/** Any function's spec as the engine sees it: its row body takes the values it declared. */
export type AnyFunctionSpec = Omit<FunctionSpec, 'row'> & { readonly row: (values: never, context: RowContext) => RowOutcome };

function define<const A extends readonly ArgSpec[]>(spec: FunctionSpec<A>): FunctionSpec<A> {
  return spec;
}

/**
 * The day the shutoff clock starts (rules' dueDate): `date`, plus N days for net N. Kept per call by
 * terms and date, so a long range asks the rules once per distinct pair and leaves no garbage per row.
 */
function dueDay(date: number, terms: PaymentTerms, cache: Map<unknown, unknown>): number | Problem {
  let byDate = cache.get(terms) as Map<number, number | Problem> | undefined;
  if (byDate === undefined) cache.set(terms, (byDate = new Map()));
  let due = byDate.get(date);
  if (due === undefined) {
    const found = dueDate(terms.kind === 'net' ? { terms, invoiceDay: date } : { terms, renewalDay: date });
    due = found.ok ? found.value.day : found;
    byDate.set(date, due);
  }
  return due;
}

function fromDue(due: number | Problem, then: (due: number) => number): number | Problem {
  return typeof due === 'number' ? then(due) : due;
}

export const SUSPENSIONDATE = define({
  id: 'SUSPENSIONDATE',
  args: [arg('date', 'date'), arg('terms', 'terms'), arg('billing', 'billing')],
  output: 'date',
  // Billing does not move the suspension date (due + 16 for every period), but a bad value is still refused.
  row: ([date, terms], { cache }) => fromDue(dueDay(date, terms, cache), suspensionDay),
});

export const CANCELDATE = define({
  id: 'CANCELDATE',
  args: [arg('date', 'date'), arg('terms', 'terms'), arg('billing', 'billing')],
  output: 'date',
  row: ([date, terms, billing], { cache }) => fromDue(dueDay(date, terms, cache), (due) => cancellationDay(due, billing)),
});

export const DUEDATE = define({
  id: 'DUEDATE',
  args: [arg('date', 'date'), arg('terms', 'terms')],
  output: 'date',
  row: ([date, terms], { cache }) => dueDay(date, terms, cache),
});


export const STATUS = define({
  id: 'STATUS',
  args: [arg('date', 'date'), arg('terms', 'terms'), arg('billing', 'billing'), arg('paid', 'payment'), arg('public_sector', 'yesNo'), arg('as_of', 'dateOrToday')],
  output: 'text',
  row: ([date, terms, billing, payment, publicSector, asOf], { cache }) => {
    const due = dueDay(date, terms, cache);
    if (typeof due !== 'number') return due;
    // quickStatus rather than evaluate(): the same decision without building an explanation per row,
    // which a 100,000-row spill cannot afford. test/functions/status-core.test.ts checks they agree.
    const status = quickStatus(due, billing, payment, publicSector, asOf);
    // English whatever the display language: formulas compare the label with text such as "Suspended".
    return statusLabel(status, 'en');
  },
});

export const REFUNDELIGIBLE = define({
  id: 'REFUNDELIGIBLE',
  args: [arg('purchase_date', 'date'), arg('request_date', 'dateOrToday', 'requestDate'), arg('billing', 'billing'), arg('excluded', 'yesNo')],
  output: 'boolean',
  row: ([startDay, requestDay, billing, excluded]) => {
    const verdict = refundEligibility({ startDay, requestDay, billing, excluded });
    return verdict.ok ? verdict.value.eligible : verdict;
  },
});

export const REFUNDDEADLINE = define({
  id: 'REFUNDDEADLINE',
  args: [arg('purchase_date', 'date'), arg('billing', 'billing')],
  output: 'date',
  row: ([startDay, billing]) => refundDeadline(startDay, billing),
});

export const FINANCINGELIGIBLE = define({
  id: 'FINANCINGELIGIBLE',
  args: [arg('billing', 'billing'), arg('amount', 'amount'), arg('currency', 'currency')],
  output: 'boolean',
  row: ([billing, money, stated], { locale }) => {
    const currency = effectiveCurrency(stated, money.currency);
    const { verdict } = financingEligibility(billing, { amount: money.amount, currency });
    if (verdict === 'cannot-judge') return notApplicable(fill(FINANCING_TEXTS[locale]['financing-currency'], { currency: currency ?? '' }));
    return verdict === 'eligible';
  },
});

/** Every function, in the order of functions.json. */
export const FUNCTION_SPECS: readonly AnyFunctionSpec[] = [SUSPENSIONDATE, CANCELDATE, DUEDATE, STATUS, REFUNDELIGIBLE, REFUNDDEADLINE, FINANCINGELIGIBLE];
