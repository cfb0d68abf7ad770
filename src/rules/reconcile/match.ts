/**
 * Which invoice each payment pays (rules.md §9.2): by invoice number, then by PO number, then by
 * amount, each payment used once, payments taken by date and then by row within each step.
 * Pure, over day numbers and hundredths; the rows were read before (rows.ts) and the words are
 * chosen after (messages.ts).
 */
import { POLICY, type Billing } from '../policy';
import { KeyIndex, keysOfNumber, tokensOf } from './tokens';
import type { AutodeskStatus } from './vocabulary';

/** An invoice row that could be read, in hundredths and day numbers. */
export interface ReconcileInvoice {
  /** The sheet row (CSV: line) it came from. */
  readonly row: number;
  /** The invoice number as written. */
  readonly number: string;
  /** Keys a payment's token must equal to name it ({@link keysOfNumber}). */
  readonly keys: readonly string[];
  readonly invoiceDay: number | null;
  readonly due: number;
  readonly billing: Billing;
  /** Hundredths; negative for a credit memo. */
  readonly amount: number;
  readonly currency: string | null;
  readonly po: string | null;
  readonly poKeys: readonly string[];
  readonly status: AutodeskStatus | null;
  /** Subscription IDs and contract numbers the invoice lists, in {@link idKey} form. */
  readonly subscriptions: readonly string[];
  /** First and last day a payment can pay it by amount (rules.md §9.2), both included. */
  readonly window: { readonly first: number; readonly last: number };
}

export interface InvoiceFacts {
  readonly row: number;
  readonly number: string;
  readonly invoiceDay?: number | null;
  readonly due: number;
  /** Net days between the invoice date and the due date, when the row has no invoice date. */
  readonly netDays?: number;
  readonly billing?: Billing;
  readonly amount: number;
  readonly currency?: string | null;
  readonly po?: string | null;
  readonly status?: AutodeskStatus | null;
  readonly subscriptions?: readonly string[];
}

/**
 * An invoice with its keys and its amount window: from the invoice date − 14 days (without an
 * invoice date, from due − net days − 14) to the due date + 90 days, both included.
 * @example makeInvoice({ row: 2, number: 'INV-0070012', invoiceDay: 20100, due: 20130, amount: 100000 }).window //=> { first: 20086, last: 20220 }
 */
export function makeInvoice(facts: InvoiceFacts): ReconcileInvoice {
  const issued = facts.invoiceDay ?? facts.due - (facts.netDays ?? POLICY.invoiceDefaultNetDays.value);
  return {
    row: facts.row,
    number: facts.number,
    keys: keysOfNumber(facts.number),
    invoiceDay: facts.invoiceDay ?? null,
    due: facts.due,
    billing: facts.billing ?? POLICY.defaultBilling.value,
    amount: facts.amount,
    currency: facts.currency ?? null,
    po: facts.po ?? null,
    poKeys: facts.po ? keysOfNumber(facts.po) : [],
    status: facts.status ?? null,
    subscriptions: facts.subscriptions ?? [],
    window: { first: issued - POLICY.amountWindowBeforeInvoice.value, last: facts.due + POLICY.amountWindowAfterDue.value },
  };
}

/** A payments-table row that could be read. */
export interface ReconcilePayment {
  readonly row: number;
  readonly day: number;
  /** Hundredths, above 0: amounts are compared as absolute values. */
  readonly amount: number;
  readonly currency: string | null;
  /** Money in (a credit, or a positive amount on a bank statement): never matched. */
  readonly incoming: boolean;
  /** Texts that may name an invoice number: the invoice-number cell, then the reference texts. */
  readonly numberTexts: readonly string[];
  /** Texts that may name a PO besides those: the PO cell. */
  readonly poTexts: readonly string[];
  /** The payee or reference says Autodesk, or the table has neither column (a ledger filtered by vendor). */
  readonly toAutodesk: boolean;
}

/** rules.md §9.2's outcomes of a payment (`invalid` is decided when the row is read). */
export type PaymentOutcome = 'matched' | 'ambiguous' | 'duplicate' | 'possible-duplicate' | 'unmatched' | 'incoming' | 'not-autodesk' | 'later' | 'invalid';

export const PAYMENT_OUTCOMES: readonly PaymentOutcome[] = [
  'matched', 'ambiguous', 'duplicate', 'possible-duplicate', 'unmatched', 'incoming', 'not-autodesk', 'later', 'invalid',
];

export type MatchStep = 'number' | 'po' | 'amount';

export interface PaymentMatch {
  readonly outcome: Exclude<PaymentOutcome, 'invalid'>;
  /** The step that decided it: matched, ambiguous, duplicate, or named in another currency. */
  readonly step: MatchStep | null;
  /**
   * Invoice positions: those it pays (matched), the candidates (ambiguous), those already paid
   * (duplicate, possible duplicate), or those it names in another currency (unmatched).
   */
  readonly invoices: readonly number[];
  /** Hundredths given to each of `invoices`, in the same order (matched only; they sum to the amount). */
  readonly parts: readonly number[];
  /** Void invoices and credit memos it names, which take no payments. */
  readonly inactive: readonly number[];
  /** The payment is in another currency than the invoices it names. */
  readonly otherCurrency: boolean;
}

export interface InvoiceAccount {
  /** Hundredths paid by matched payments up to the as-of day. */
  readonly paid: number;
  readonly lastPaidDay: number | null;
  /** Payment positions that paid it, in the order applied. */
  readonly payments: readonly number[];
  /** Payments that name it but are in another currency: for a finance user to check by hand. */
  readonly otherCurrency: readonly number[];
  /** Other invoices that share one of its keys, so payments naming it are ambiguous. */
  readonly sameNumber: readonly number[];
}

export interface MatchOptions {
  readonly asOf: number;
  /** Tolerance in hundredths. */
  readonly tolerance: number;
}

export interface Matching {
  /** One per payment, in the order given. */
  readonly payments: readonly PaymentMatch[];
  /** One per invoice, in the order given. */
  readonly invoices: readonly InvoiceAccount[];
}

/**
 * The outcome of an invoice that takes no payments, in rules.md §9.3's order: a negative amount is
 * a `credit-memo`, Autodesk's Canceled or Void is `void`; null for every other invoice.
 * @example apartOutcome(makeInvoice({ row: 2, number: 'CN-70050', due: 20130, amount: -20000, status: 'void' })) //=> 'credit-memo'
 */
export function apartOutcome(invoice: Pick<ReconcileInvoice, 'amount' | 'status'>): 'credit-memo' | 'void' | null {
  if (invoice.amount < 0) return 'credit-memo';
  return invoice.status === 'void' ? 'void' : null;
}

/** Void invoices and credit memos are listed apart and never matched (rules.md §9.2, §9.1). */
export function takesPayments(invoice: Pick<ReconcileInvoice, 'amount' | 'status'>): boolean {
  return apartOutcome(invoice) === null;
}

const EMPTY: number[] = [];
const NO_TOKENS: string[] = [];

/** Appends to a list that may still be the shared empty one. */
function pushed(list: number[], value: number): number[] {
  if (list === EMPTY) return [value];
  list.push(value);
  return list;
}

// Outcome and step codes of the working arrays (0: not decided yet / none).
const OUTCOME_OF_CODE: ReadonlyArray<PaymentMatch['outcome'] | null> = [null, 'matched', 'ambiguous', 'duplicate', 'possible-duplicate', 'unmatched', 'incoming', 'not-autodesk', 'later'];
const MATCHED = 1;
const AMBIGUOUS = 2;
const DUPLICATE = 3;
const POSSIBLE_DUPLICATE = 4;
const UNMATCHED = 5;
const INCOMING = 6;
const NOT_AUTODESK = 7;
const LATER = 8;
const STEP_OF_CODE: ReadonlyArray<MatchStep | null> = [null, 'number', 'po', 'amount'];
const BY_NUMBER = 1;
const BY_PO = 2;
const BY_AMOUNT = 3;

/** The one result of every payment decided without naming an invoice: shared, never changed. */
const PLAIN_RESULTS: ReadonlyArray<PaymentMatch | null> = OUTCOME_OF_CODE.map((outcome) =>
  outcome ? Object.freeze({ outcome, step: null, invoices: EMPTY, parts: EMPTY, inactive: EMPTY, otherCurrency: false }) : null,
);

/** The account of every invoice no payment touched: shared, never changed. */
const UNTOUCHED_ACCOUNT: InvoiceAccount = Object.freeze({ paid: 0, lastPaidDay: null, payments: EMPTY, otherCurrency: EMPTY, sameNumber: EMPTY });

/**
 * Matches payments to invoices as of a day, by rules.md §9.2:
 * 1. by invoice number: the tokens of the invoice-number cell and the reference texts against
 *    every invoice's keys; several named invoices are paid in the order named, each up to its open
 *    amount, the last one named taking any rest; all of them paid in full already: `duplicate`;
 * 2. by PO number: the same tokens (and the PO cell) against the POs of open invoices, when
 *    exactly one open invoice carries the PO named;
 * 3. by amount: an Autodesk payment equal to one open invoice's open amount within the
 *    tolerance, in a fitting currency, paid inside that invoice's window; several: `ambiguous`.
 * Then a payment left whose amount equals an invoice already paid in full (tolerance, currency
 * and window as in step 3) is a `possible-duplicate`; any other is `unmatched`, or `ambiguous`
 * when it named a PO that several open invoices carry. Payments dated after the as-of day are
 * `later`, money in is `incoming`, and a payment that names nothing and is not Autodesk's is
 * `not-autodesk`. Nothing is guessed: where two invoices fit, the payment takes nothing and names
 * them.
 *
 * Indexed, never every payment against every invoice: invoice and PO keys sit in hash maps, open
 * invoices in buckets by currency and by amount (buckets one tolerance wide, so a payment looks in
 * at most three of them per currency). With n invoices, m payments, T characters of payment text
 * and k the most invoices sharing a currency and an amount bucket, it runs in
 * O(n + m log m + T + m·k) time (the log for sorting payments by date) and O(n + m + T) memory.
 * Each text is tokenized once. The working state lives in typed arrays, and lists are made only
 * where a payment or an invoice has something to list: what the matching allocates survives to its
 * end, so every object saved is one the garbage collector does not copy (bench/reconcile.bench.ts).
 * @example matchPayments([makeInvoice({ row: 2, number: 'INV-0070012', due: 20130, amount: 100000 })], [{ row: 2, day: 20120, amount: 100000, currency: null, incoming: false, numberTexts: ['Autodesk faktura 70012'], poTexts: [], toAutodesk: true }], { asOf: 20140, tolerance: 1 }).payments[0].outcome //=> 'matched'
 */
export function matchPayments(invoices: readonly ReconcileInvoice[], payments: readonly ReconcilePayment[], options: MatchOptions): Matching {
  const { asOf, tolerance } = options;
  if (!Number.isInteger(tolerance) || tolerance < 0) throw new RangeError(`tolerance must be whole hundredths ≥ 0, got ${tolerance}`);
  const n = invoices.length;
  const m = payments.length;

  // Invoices: what each takes, and who paid it. The fields every step reads are copied into typed
  // arrays once: reading them from 100,000 scattered objects is most of a naive loop's time.
  const active = new Uint8Array(n);
  const amount = new Float64Array(n);
  const windowFirst = new Float64Array(n);
  const windowLast = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const invoice = invoices[i];
    active[i] = takesPayments(invoice) ? 1 : 0;
    amount[i] = invoice.amount;
    windowFirst[i] = invoice.window.first;
    windowLast[i] = invoice.window.last;
  }
  const paid = new Float64Array(n);
  const lastPaid = new Float64Array(n).fill(Number.NaN);
  const paidBy: number[][] = new Array(n).fill(EMPTY);
  const otherCurrencyOf: number[][] = new Array(n).fill(EMPTY);
  const open = (i: number) => amount[i] - paid[i];
  const isOpen = (i: number) => amount[i] - paid[i] > tolerance;
  const inWindowOf = (i: number, day: number) => day >= windowFirst[i] && day <= windowLast[i];

  const numberIndex = new KeyIndex(invoices.map((invoice) => invoice.keys));
  const poIndex = new KeyIndex(invoices.map((invoice, i) => (active[i] ? invoice.poKeys : null)));
  const sameNumber: number[][] = new Array(n).fill(EMPTY);
  for (let i = 0; i < n; i++) {
    if (!active[i]) continue;
    for (const key of invoices[i].keys) {
      const shared = numberIndex.sharedBy(key);
      if (!shared) continue;
      for (const other of shared) if (other !== i && active[other] && !sameNumber[i].includes(other)) sameNumber[i] = pushed(sameNumber[i], other);
    }
  }

  // Payments: outcome and step codes, flags, and lists only where there is something to list.
  const outcome = new Uint8Array(m);
  const step = new Uint8Array(m);
  const namesSomething = new Uint8Array(m);
  const otherCurrency = new Uint8Array(m);
  const listed: number[][] = new Array(m).fill(EMPTY);
  const parts: number[][] = new Array(m).fill(EMPTY);
  const inactive: number[][] = new Array(m).fill(EMPTY);
  const poTies: number[][] = new Array(m).fill(EMPTY);
  const days = new Float64Array(m);
  const rows = new Float64Array(m);
  const toAutodesk = new Uint8Array(m);
  const order: number[] = [];
  for (let p = 0; p < m; p++) {
    const payment = payments[p];
    days[p] = payment.day;
    rows[p] = payment.row;
    toAutodesk[p] = payment.toAutodesk ? 1 : 0;
    if (payment.incoming) outcome[p] = INCOMING;
    else if (payment.day > asOf) outcome[p] = LATER;
    else order.push(p);
  }
  order.sort((a, b) => days[a] - days[b] || rows[a] - rows[b] || a - b);

  const give = (p: number, i: number, cents: number, by: number) => {
    outcome[p] = MATCHED;
    step[p] = by;
    listed[p] = pushed(listed[p], i);
    parts[p] = pushed(parts[p], cents);
    paid[i] += cents;
    paidBy[i] = pushed(paidBy[i], p);
    const day = days[p];
    if (!(day <= lastPaid[i])) lastPaid[i] = day;
  };
  const currencyFits = (a: string | null, b: string | null) => a === null || b === null || a === b;
  const refuseCurrency = (p: number, named: readonly number[], by: number): boolean => {
    let wrong: number[] = EMPTY;
    for (const i of named) if (!currencyFits(invoices[i].currency, payments[p].currency)) wrong = pushed(wrong, i);
    if (wrong.length === 0) return false;
    outcome[p] = UNMATCHED;
    step[p] = by;
    listed[p] = wrong;
    otherCurrency[p] = 1;
    for (const i of wrong) otherCurrencyOf[i] = pushed(otherCurrencyOf[i], p);
    return true;
  };

  // Step 1: by invoice number. A payment's tokens are kept only while step 2 may still need them.
  const tokensLeft: string[][] = new Array(m).fill(NO_TOKENS);
  for (const p of order) {
    const tokens = tokensOfAll(payments[p].numberTexts);
    let named: number[] = EMPTY;
    let ties: number[] = EMPTY;
    for (const token of tokens) {
      const first = numberIndex.first(token);
      if (first < 0) continue;
      namesSomething[p] = 1;
      const shared = numberIndex.sharedBy(token);
      if (!shared) {
        if (active[first]) {
          if (!named.includes(first)) named = pushed(named, first);
        } else if (!inactive[p].includes(first)) inactive[p] = pushed(inactive[p], first);
        continue;
      }
      let live = 0;
      for (const i of shared) {
        if (!active[i]) {
          if (!inactive[p].includes(i)) inactive[p] = pushed(inactive[p], i);
          continue;
        }
        live++;
        if (!named.includes(i)) named = pushed(named, i);
      }
      if (live > 1) for (const i of shared) if (active[i] && !ties.includes(i)) ties = pushed(ties, i);
    }
    if (named.length === 0) {
      tokensLeft[p] = tokens;
      continue;
    }
    if (ties.length > 0) {
      outcome[p] = AMBIGUOUS;
      step[p] = BY_NUMBER;
      listed[p] = ties;
      continue;
    }
    if (refuseCurrency(p, named, BY_NUMBER)) continue;
    let anyOpen = false;
    for (const i of named) if (isOpen(i)) anyOpen = true;
    if (!anyOpen) {
      outcome[p] = DUPLICATE;
      step[p] = BY_NUMBER;
      listed[p] = named;
      continue;
    }
    let rest = payments[p].amount;
    const last = named.length - 1;
    for (let k = 0; k <= last; k++) {
      const i = named[k];
      const take = k === last ? rest : Math.min(rest, Math.max(open(i), 0));
      if (take > 0) give(p, i, take, BY_NUMBER);
      rest -= take;
    }
  }

  // Step 2: by PO number, when exactly one open invoice carries the PO named.
  const carriersOf = (p: number, tokens: readonly string[], carriers: number[]): number[] => {
    for (const token of tokens) {
      const first = poIndex.first(token);
      if (first < 0) continue;
      namesSomething[p] = 1;
      const shared = poIndex.sharedBy(token);
      if (!shared) {
        if (isOpen(first) && !carriers.includes(first)) carriers = pushed(carriers, first);
        continue;
      }
      for (const i of shared) if (isOpen(i) && !carriers.includes(i)) carriers = pushed(carriers, i);
    }
    return carriers;
  };
  for (const p of order) {
    if (outcome[p] !== 0) continue;
    const carriers = carriersOf(p, tokensLeft[p], carriersOf(p, tokensOfAll(payments[p].poTexts), EMPTY));
    tokensLeft[p] = NO_TOKENS;
    if (carriers.length === 1) {
      if (!refuseCurrency(p, carriers, BY_PO)) give(p, carriers[0], payments[p].amount, BY_PO);
    } else if (carriers.length > 1) {
      poTies[p] = carriers;
    }
  }

  // Step 3: by amount, Autodesk's payments only.
  const partOfMatching = (p: number) => toAutodesk[p] === 1 || namesSomething[p] === 1;
  const openBuckets = new AmountBuckets(tolerance);
  for (let i = 0; i < n; i++) if (active[i] && isOpen(i)) openBuckets.add(i, invoices[i].currency, open(i));
  let cents = 0;
  let day = 0;
  const fitsOpen = (i: number) => isOpen(i) && Math.abs(open(i) - cents) <= tolerance && inWindowOf(i, day);
  const twinOf = (i: number) => Math.abs(amount[i] - cents) <= tolerance && inWindowOf(i, day);
  for (const p of order) {
    if (outcome[p] !== 0 || !partOfMatching(p)) continue;
    cents = payments[p].amount;
    day = days[p];
    const fits = openBuckets.near(cents, payments[p].currency, fitsOpen);
    if (fits.length === 1) give(p, fits[0], cents, BY_AMOUNT);
    else if (fits.length > 1) {
      outcome[p] = AMBIGUOUS;
      step[p] = BY_AMOUNT;
      listed[p] = fits;
    }
  }

  // What is left: possible duplicates of invoices paid in full, PO ties, unmatched, not Autodesk's.
  const paidBuckets = new AmountBuckets(tolerance);
  for (let i = 0; i < n; i++) if (active[i] && paid[i] > 0 && !isOpen(i)) paidBuckets.add(i, invoices[i].currency, amount[i]);
  for (const p of order) {
    if (outcome[p] !== 0) continue;
    if (!partOfMatching(p)) {
      outcome[p] = NOT_AUTODESK;
      continue;
    }
    cents = payments[p].amount;
    day = days[p];
    const twins = paidBuckets.near(cents, payments[p].currency, twinOf);
    if (twins.length > 0) {
      outcome[p] = POSSIBLE_DUPLICATE;
      listed[p] = twins;
    } else if (poTies[p].length > 1) {
      outcome[p] = AMBIGUOUS;
      step[p] = BY_PO;
      listed[p] = poTies[p];
    } else {
      outcome[p] = UNMATCHED;
    }
  }

  const results: PaymentMatch[] = new Array(m);
  for (let p = 0; p < m; p++) {
    const list = listed[p];
    if (list === EMPTY && inactive[p] === EMPTY && step[p] === 0 && !otherCurrency[p]) {
      results[p] = PLAIN_RESULTS[outcome[p]] as PaymentMatch;
      continue;
    }
    if (outcome[p] !== MATCHED && list.length > 1) list.sort((a, b) => a - b);
    results[p] = {
      outcome: OUTCOME_OF_CODE[outcome[p]] as PaymentMatch['outcome'], step: STEP_OF_CODE[step[p]], invoices: list, parts: parts[p], inactive: inactive[p], otherCurrency: otherCurrency[p] === 1,
    };
  }
  const accounts: InvoiceAccount[] = new Array(n);
  for (let i = 0; i < n; i++) {
    if (paidBy[i] === EMPTY && otherCurrencyOf[i] === EMPTY && sameNumber[i] === EMPTY) {
      accounts[i] = UNTOUCHED_ACCOUNT;
      continue;
    }
    accounts[i] = {
      paid: paid[i],
      lastPaidDay: Number.isNaN(lastPaid[i]) ? null : lastPaid[i],
      payments: paidBy[i],
      otherCurrency: otherCurrencyOf[i],
      sameNumber: sameNumber[i].length > 1 ? sameNumber[i].sort((a, b) => a - b) : sameNumber[i],
    };
  }
  return { payments: results, invoices: accounts };
}

/** The tokens of several texts that could be keys: shorter ones can never match (rules.md §9.2). */
function tokensOfAll(texts: readonly string[]): string[] {
  const minimum = POLICY.minimumKeyLength.value;
  if (texts.length === 0) return NO_TOKENS;
  if (texts.length === 1) return tokensOf(texts[0], minimum);
  const out: string[] = [];
  for (const text of texts) for (const token of tokensOf(text, minimum)) out.push(token);
  return out;
}


/**
 * Invoices by currency and by amount, in buckets one tolerance (+ 1 hundredth) wide: every amount
 * within the tolerance of a payment lies in the payment's bucket or one of its two neighbours. A
 * missing currency on either side fits any (rules.md §9.2), so a payment without one looks in
 * every currency and every payment also looks among invoices without one.
 */
class AmountBuckets {
  private readonly byCurrency = new Map<string, Map<number, number[]>>();
  private readonly width: number;

  constructor(tolerance: number) {
    this.width = tolerance + 1;
  }

  add(position: number, currency: string | null, cents: number): void {
    const key = currency ?? '';
    let buckets = this.byCurrency.get(key);
    if (!buckets) this.byCurrency.set(key, (buckets = new Map()));
    const bucket = Math.floor(cents / this.width);
    const list = buckets.get(bucket);
    if (list) list.push(position);
    else buckets.set(bucket, [position]);
  }

  /** Positions near `cents` that pass `fits`, ascending. */
  near(cents: number, currency: string | null, fits: (position: number) => boolean): number[] {
    let out: number[] = EMPTY;
    const bucket = Math.floor(cents / this.width);
    const look = (buckets: Map<number, number[]> | undefined) => {
      if (!buckets) return;
      for (let b = bucket - 1; b <= bucket + 1; b++) {
        const list = buckets.get(b);
        if (list) for (const position of list) if (fits(position)) out = pushed(out, position);
      }
    };
    if (currency === null) for (const buckets of this.byCurrency.values()) look(buckets);
    else {
      look(this.byCurrency.get(currency));
      look(this.byCurrency.get(''));
    }
    return out.length > 1 ? out.sort((a, b) => a - b) : out;
  }
}

