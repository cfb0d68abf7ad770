/**
 * The kinds of argument the SUBS functions take, declared as data: how one cell of each kind is
 * read. Every reading is a parser of the rules (src/rules/parse), so a spelling the task pane and
 * the CLI accept is accepted here too, and blank means what the rules say it means (terms:
 * auto-renew; billing: annual; yes/no and paid: no; a date: missing).
 */
import {
  isBlank,
  ok,
  parseBilling,
  parseCurrency,
  parseDate,
  parseMoney,
  parsePayment,
  parseTerms,
  parseYesNo,
  type Billing,
  type DateReading,
  type Money,
  type Parsed,
  type Payment,
  type PaymentTerms,
} from '../rules';
import type { Cell } from './cells';

/** What reading a cell may depend on besides the cell: the workbook and the day. */
export interface ReadContext {
  readonly reading: DateReading;
  /** Today's day number, for an omitted "as of" or "request" date; read at most once per call. */
  readonly today: () => number;
}

export interface ArgKind<T> {
  readonly read: (cell: Cell, context: ReadContext) => Parsed<T>;
  /**
   * Excel on Windows passes an empty cell as 0 (OfficeDev/office-js#4702). Where 0 can never be a
   * real value of the kind (a date in 1900, terms, billing, a currency, a paid cell), 0 is blank.
   * Amounts too (issue 8: the same answer on every platform). Not yes/no (0 already means no).
   */
  readonly zeroIsBlank: boolean;
}

function kind<T>(read: ArgKind<T>['read'], zeroIsBlank: boolean): ArgKind<T> {
  return { read, zeroIsBlank };
}

/** Enough for every spelling a workbook uses; past it the memory starts afresh rather than grow. */
const MAX_REMEMBERED = 4096;

/**
 * A text reading that depends on the cell alone (terms, billing, yes/no, amounts, currencies) is
 * kept across calls: a volatile function filled down 100,000 rows sees the same few spellings in
 * every call, and normalising text is the dearest part of reading it. Numbers and booleans are
 * cheap to read and are not kept.
 */
function remembered<T>(parse: (cell: Cell) => Parsed<T>): ArgKind<T>['read'] {
  const known = new Map<string, Parsed<T>>();
  return (cell) => {
    if (typeof cell !== 'string') return parse(cell);
    let found = known.get(cell);
    if (found === undefined) {
      if (known.size >= MAX_REMEMBERED) known.clear();
      found = parse(cell);
      known.set(cell, found);
    }
    return found;
  };
}

export const ARG_KINDS = {
  /** A date cell, ISO text or a Danish day-first date; blank is a missing date. */
  date: kind<number>((cell, context) => parseDate(cell, context.reading), true),
  /** Like `date`, but blank means today in the user's time zone. */
  dateOrToday: kind<number>((cell, context) => (isBlank(cell) ? ok(context.today()) : parseDate(cell, context.reading)), true),
  terms: kind<PaymentTerms>(remembered(parseTerms), true),
  billing: kind<Billing>(remembered(parseBilling), true),
  yesNo: kind<boolean>(remembered(parseYesNo), false),
  /** A paid date or a yes/no; dates depend on the workbook's date system, so not remembered. */
  payment: kind<Payment>((cell, context) => parsePayment(cell, context.reading), true),
  // 0 is blank too: Windows passes an empty amount cell as 0, and FINANCINGELIGIBLE must answer the
  // same on every platform (docs/decisions.md). A price of 0 is no financing case anyway.
  amount: kind<Money>(remembered(parseMoney), true),
  /** A currency code or symbol; blank is "not stated". */
  currency: kind<string | null>(remembered((cell) => ok(parseCurrency(cell))), true),
} as const;

export type KindName = keyof typeof ARG_KINDS;
export type KindValue<K extends KindName> = (typeof ARG_KINDS)[K] extends ArgKind<infer T> ? T : never;

/** One argument of a function: its name as Excel shows it, and its kind. */
export interface ArgSpec<K extends KindName = KindName> {
  readonly name: string;
  readonly kind: K;
  /** The rules' field name for a Problem a rule (not the parser) reports about this argument. */
  readonly field?: string;
}

export function arg<K extends KindName>(name: string, argKind: K, field?: string): ArgSpec<K> {
  return field === undefined ? { name, kind: argKind } : { name, kind: argKind, field };
}

/** The values a function's row body receives, one per argument, typed by kind. */
export type ArgValues<A extends readonly ArgSpec[]> = { -readonly [I in keyof A]: A[I] extends ArgSpec<infer K> ? KindValue<K> : never };
