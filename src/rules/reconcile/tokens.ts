/**
 * The token rule of rules.md §9.2: how a payment's text names an invoice or a PO, and the keys an
 * invoice number is looked up by. Also what SUBS.INVOICEREF needs: which invoice numbers a text
 * names, given a list.
 */
import { POLICY } from '../policy';

/** rules.md §9.2: "split the text at white space and at , ; : ( ) [ ] " '" (white space as JavaScript's \s). */
function splitsAt(code: number): boolean {
  switch (code) {
    case 0x20: case 0x09: case 0x0a: case 0x0b: case 0x0c: case 0x0d: case 0xa0: case 0x1680: case 0x2028: case 0x2029: case 0x202f: case 0x205f: case 0x3000: case 0xfeff:
    case 0x2c: case 0x3b: case 0x3a: case 0x28: case 0x29: case 0x5b: case 0x5d: case 0x22: case 0x27:
      return true;
    default:
      return code >= 0x2000 && code <= 0x200a;
  }
}

/** rules.md §9.2: "in each, delete - . / # _". */
function deleted(code: number): boolean {
  return code === 0x2d || code === 0x2e || code === 0x2f || code === 0x23 || code === 0x5f;
}

const DELETE = /[-./#_]/g;
const LEADING_ZEROS = /^0+/;
const NONE: readonly number[] = [];
const DIGIT_RUNS = /\d+/g;

/**
 * The tokens of a text: split at white space and `, ; : ( ) [ ] " '`; in each, `- . / # _`
 * deleted, upper-cased, leading zeros dropped; empty tokens left out. Any other character stays
 * part of its token, so "INV-0070012!" is not "INV0070012". One pass over the characters: this
 * runs for every payment of a 100,000-row statement.
 * @example tokensOf('Autodesk faktura (INV-0070012), 30.01') //=> ['AUTODESK', 'FAKTURA', 'INV0070012', '3001']
 * @example tokensOf('Nr. 0070012') //=> ['NR', '70012']
 * @param minLength tokens shorter than this are left out without being built: no key is shorter
 *   than {@link POLICY}'s 5 characters, so matching passes 5.
 */
export function tokensOf(text: string, minLength: number = 1): string[] {
  const out: string[] = [];
  const length = text.length;
  let i = 0;
  while (i < length) {
    while (i < length && splitsAt(text.charCodeAt(i))) i++;
    const start = i;
    let removed = 0;
    while (i < length) {
      const code = text.charCodeAt(i);
      if (splitsAt(code)) break;
      if (deleted(code)) removed++;
      i++;
    }
    if (i - start - removed < minLength || i === start) continue;
    let token = removed === 0 ? text.slice(start, i) : '';
    if (removed > 0) {
      let from = start;
      for (let j = start; j < i; j++) {
        if (!deleted(text.charCodeAt(j))) continue;
        token += text.slice(from, j);
        from = j + 1;
      }
      token += text.slice(from, i);
    }
    let zeros = 0;
    while (zeros < token.length && token.charCodeAt(zeros) === 0x30) zeros++;
    if (token.length - zeros >= minLength && zeros < token.length) out.push((zeros ? token.slice(zeros) : token).toUpperCase());
  }
  return out;
}

/**
 * The keys a payment's token must equal to name this invoice (or PO) number: its own token form
 * (the whole number, white space removed), and, when it holds a run of at least 5 digits, its
 * longest digit run without leading zeros. A key shorter than 5 characters is never used, so a
 * number may have no key at all. The first of two equally long runs is taken.
 * @example keysOfNumber('INV-0070012') //=> ['INV0070012', '70012']
 * @example keysOfNumber('A1234') //=> ['A1234']
 * @example keysOfNumber('X123') //=> [] (4 characters: too short to look for)
 */
export function keysOfNumber(number: string): string[] {
  const own = number.replace(/\s+/g, '').replace(DELETE, '').toUpperCase().replace(LEADING_ZEROS, '');
  const keys: string[] = [];
  if (own.length >= POLICY.minimumKeyLength.value) keys.push(own);
  let longest = '';
  for (const run of number.match(DIGIT_RUNS) ?? []) if (run.length > longest.length) longest = run;
  if (longest.length >= POLICY.minimumDigitRun.value) {
    const digits = longest.replace(LEADING_ZEROS, '');
    if (digits.length >= POLICY.minimumKeyLength.value && digits !== own) keys.push(digits);
  }
  return keys;
}

/**
 * An index from key to the positions of the numbers that have it: each look-up is one hash-map
 * read, and a key only one number has (nearly all of them) costs no list. Built in O(total length
 * of the numbers).
 */
export class KeyIndex {
  private readonly single = new Map<string, number>();
  private readonly shared = new Map<string, number[]>();

  /**
   * `keys[i]`: the keys of position i (from {@link keysOfNumber}), or null for none. Use
   * {@link KeyIndex.ofNumbers} for numbers whose keys are not known yet.
   */
  constructor(keys: ReadonlyArray<readonly string[] | null>) {
    keys.forEach((list, position) => {
      if (list) for (const key of list) this.add(key, position);
    });
  }

  /** The index of a list of numbers; null or empty has no keys. */
  static ofNumbers(numbers: ReadonlyArray<string | null>): KeyIndex {
    return new KeyIndex(numbers.map((number) => (number ? keysOfNumber(number) : null)));
  }

  private add(key: string, position: number): void {
    const first = this.single.get(key);
    if (first === undefined) {
      this.single.set(key, position);
      return;
    }
    if (first === position) return;
    const list = this.shared.get(key);
    if (!list) this.shared.set(key, [first, position]);
    else if (list[list.length - 1] !== position) list.push(position);
  }

  /** The first position with this key, or -1. */
  first(token: string): number {
    return this.single.get(token) ?? -1;
  }

  /** Every position with this key when more than one has it; null when at most one does. */
  sharedBy(token: string): readonly number[] | null {
    return this.shared.get(token) ?? null;
  }

  /** Positions whose number has this key, in list order; empty when none. */
  positionsOf(token: string): readonly number[] {
    const first = this.single.get(token);
    if (first === undefined) return NONE;
    return this.shared.get(token) ?? [first];
  }

  /**
   * The positions a text names, in the order first named, each once. `ties` receives the tokens
   * that name more than one position (two rows with one number), when given.
   */
  named(text: string, ties?: number[][]): number[] {
    const out: number[] = [];
    for (const token of tokensOf(text)) {
      const positions = this.positionsOf(token);
      if (ties && positions.length > 1) ties.push([...positions]);
      for (const position of positions) if (!out.includes(position)) out.push(position);
    }
    return out;
  }
}

/**
 * The invoice numbers a text names under the token rule of rules.md §9.2, in the order named,
 * each once; what SUBS.INVOICEREF answers. Build the index once for many texts with
 * {@link KeyIndex.ofNumbers} and {@link namedNumbers}.
 * @example invoiceNumbersNamed('Autodesk faktura 70012 og INV-0070013', ['INV-0070012', 'INV-0070013', 'INV-0070014']) //=> ['INV-0070012', 'INV-0070013']
 * @example invoiceNumbersNamed('Faktura 1234', ['1234']) //=> [] (a key shorter than 5 characters is never used)
 */
export function invoiceNumbersNamed(text: string, numbers: ReadonlyArray<string | null>): string[] {
  return namedNumbers(text, numbers, KeyIndex.ofNumbers(numbers));
}

/** {@link invoiceNumbersNamed} with an index built once for the list. */
export function namedNumbers(text: string, numbers: ReadonlyArray<string | null>, index: KeyIndex): string[] {
  return index.named(text).map((position) => numbers[position] as string);
}

/**
 * The subscription IDs or contract numbers one cell lists (rules.md §9.1: "separated by `,` `;`
 * or spaces"), each in its token form so "00110004518231" and "110004518231" meet.
 * @example subscriptionRefsOf('110004518231; 110004518232') //=> ['110004518231', '110004518232']
 */
export function subscriptionRefsOf(text: string): string[] {
  const out: string[] = [];
  for (const piece of text.split(/[\s,;]+/)) {
    const ref = idKey(piece);
    if (ref !== '' && !out.includes(ref)) out.push(ref);
  }
  return out;
}

/** The form in which a subscription ID or contract number is compared. */
export function idKey(text: string): string {
  return text.trim().replace(DELETE, '').toUpperCase().replace(LEADING_ZEROS, '');
}
