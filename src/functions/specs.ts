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
  coreRule,
  coreRuleIndex,
  directBuyingApplies,
  dueDate,
  effectiveCurrency,
  fill,
  financingEligibility,
  FINANCING_TEXTS,
  netDaysOf,
  paidDayOf,
  POLICY,
  refundDeadline,
  refundEligibility,
  RULE_STATUS,
  statusLabel,
  quickStatus,
  suspensionDay,
  type Billing,
  type Locale,
  type Payment,
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
  /** The row body's whole-range form, for a function spilled over 100,000 rows (see {@link SpillBody}). */
  readonly spill?: SpillBody;
}

/** Any function's spec as the engine sees it: its row body takes the values it declared. */
export type AnyFunctionSpec = Omit<FunctionSpec, 'row'> & { readonly row: (values: never, context: RowContext) => RowOutcome };

/** One argument cell after reading: its value, or the error value its cell gets. */
export type Read = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: object };

/** One argument of a range call, read: its distinct readings, and each cell's number among them. */
export interface SpillArgument {
  readonly reads: readonly Read[];
  /** Per cell (row by row), the number of its reading; null for a single value (reading 0 everywhere). */
  readonly ids: Int32Array | null;
}

/** A range call as a whole-range form sees it. */
export interface Spill {
  readonly args: readonly SpillArgument[];
  readonly cells: number;
  /**
   * Per cell, the number of its answer ({@link Spill.code}); -1 where the form is to answer. Cells
   * with an unreadable argument already hold that argument's error.
   */
  readonly codes: Int32Array;
  /** The number of an answer (a cell value as Excel receives it), for {@link Spill.codes}. */
  code(value: unknown): number;
  /** Answers one cell through the row body, as a call without a whole-range form does. */
  rowByRow(cell: number): void;
}

/**
 * The same answers as a row body, for a whole range at once: what a 100,000-row spill of a volatile
 * function can afford (bench/functions.bench.ts). It works from each argument's distinct readings
 * and writes a number per cell instead of calling the row body 100,000 times, and hands the cells it
 * does not handle to {@link Spill.rowByRow}. The engine uses it only with the row body it names (a
 * spec copied with another row body goes row by row), and falls back to the row body if it throws.
 * test/functions/spill.test.ts checks that the two agree.
 */
export interface SpillBody {
  readonly row: AnyFunctionSpec['row'];
  readonly answer: (spill: Spill, context: RowContext) => void;
}

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

const STATUS_ARGS = [arg('date', 'date'), arg('terms', 'terms'), arg('billing', 'billing'), arg('paid', 'payment'), arg('public_sector', 'yesNo'), arg('as_of', 'dateOrToday')] as const;

const statusRow: FunctionSpec<typeof STATUS_ARGS>['row'] = ([date, terms, billing, payment, publicSector, asOf], { cache }) => {
  const due = dueDay(date, terms, cache);
  if (typeof due !== 'number') return due;
  // quickStatus rather than evaluate(): the same decision without building an explanation per row,
  // which a 100,000-row spill cannot afford. test/functions/status-core.test.ts checks they agree.
  const status = quickStatus(due, billing, payment, publicSector, asOf);
  // English whatever the display language: formulas compare the label with text such as "Suspended".
  return statusLabel(status, 'en');
};

/** The label of each of the rules' numeric-core answers (coreRuleIndex), as {@link statusRow} gives it. */
const CORE_LABELS = [0, 1, 2, 3, 4, 5, 6].map((index) => statusLabel(RULE_STATUS[coreRule(index)], 'en'));
const NOT_COVERED_LABEL = statusLabel('not-covered', 'en');

/** One number per distinct reading of an argument (NaN for a reading that failed: its cells hold its error). */
function perReading(argument: SpillArgument, of: (value: never) => number): Float64Array {
  const numbers = new Float64Array(argument.reads.length);
  for (let id = 0; id < numbers.length; id++) {
    const read = argument.reads[id];
    numbers[id] = read.ok ? of(read.value as never) : NaN;
  }
  return numbers;
}

/**
 * {@link statusRow} over a range: the same steps (due date, then quickStatus's covered check and
 * numeric core, then the English label) on numbers read once per distinct value. The due date is
 * the date plus the terms' net days (dueDate's answer for a row with one date); the billing period
 * stays a value, so the cancellation day comes from the rules' cancellationDay itself.
 */
function statusSpill(spill: Spill): void {
  const { args, cells, codes } = spill;
  const [date, terms, billing, paid, sector, asOf] = args;
  const days = perReading(date, (day: number) => day);
  const netDays = perReading(terms, (value: PaymentTerms) => netDaysOf(value));
  const billings: Billing[] = new Array(billing.reads.length);
  for (let id = 0; id < billings.length; id++) {
    const read = billing.reads[id];
    billings[id] = read.ok ? (read.value as Billing) : 'annual'; // a failed reading's cells hold its error
  }
  const paidDays = perReading(paid, (payment: Payment) => paidDayOf(payment));
  const covered = perReading(sector, (publicSector: boolean) => (directBuyingApplies({ publicSector }) ? 1 : 0));
  const asOfDays = perReading(asOf, (day: number) => day);
  const warningDays = POLICY.defaultWarningDays.value;
  const labels = new Int32Array(CORE_LABELS.length);
  for (let index = 0; index < labels.length; index++) labels[index] = spill.code(CORE_LABELS[index]);
  const notCovered = spill.code(NOT_COVERED_LABEL);
  const dateIds = date.ids;
  const termsIds = terms.ids;
  const billingIds = billing.ids;
  const paidIds = paid.ids;
  const sectorIds = sector.ids;
  const asOfIds = asOf.ids;
  for (let cell = 0; cell < cells; cell++) {
    if (codes[cell] !== -1) continue;
    const day = days[dateIds === null ? 0 : dateIds[cell]];
    if (!Number.isFinite(day)) {
      spill.rowByRow(cell); // dueDate's problem for a date that is no day: the row body words it
      continue;
    }
    const due = day + netDays[termsIds === null ? 0 : termsIds[cell]];
    if (covered[sectorIds === null ? 0 : sectorIds[cell]] === 0) {
      codes[cell] = notCovered;
      continue;
    }
    const cancellation = cancellationDay(due, billings[billingIds === null ? 0 : billingIds[cell]]);
    codes[cell] = labels[coreRuleIndex(due, cancellation, paidDays[paidIds === null ? 0 : paidIds[cell]], asOfDays[asOfIds === null ? 0 : asOfIds[cell]], warningDays)];
  }
}

export const STATUS = define({
  id: 'STATUS',
  args: STATUS_ARGS,
  output: 'text',
  row: statusRow,
  spill: { row: statusRow as AnyFunctionSpec['row'], answer: statusSpill },
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
