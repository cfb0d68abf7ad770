import { ok, problem, type Parsed } from '../result';
import { isBlank, type CellValue } from './cell';
import { normalizeKey } from './normalize';

export interface Money {
  readonly amount: number;
  /** ISO 4217 code, or null when the cells do not say. */
  readonly currency: string | null;
}

const CURRENCY_WORDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^(usd|us\$|\$|dollar|dollars|usdollar)$/, 'USD'],
  [/^(dkk|kr|kroner|danishkrone|danskekroner)$/, 'DKK'],
  [/^(eur|€|euro|euros)$/, 'EUR'],
  [/^(sek|svenskakronor)$/, 'SEK'],
  [/^(nok|norskekroner)$/, 'NOK'],
  [/^(gbp|£|pound|pounds)$/, 'GBP'],
];

/**
 * A currency code from a cell: ISO codes as written, and the common symbols and words.
 * Returns null for blank, and the upper-cased text for anything else so it can be shown back.
 * @example parseCurrency('kr.') //=> 'DKK'
 */
export function parseCurrency(value: CellValue): string | null {
  if (isBlank(value) || typeof value !== 'string') return null;
  const text = value.trim().toLowerCase();
  const key = text === '$' || text === '€' || text === '£' || text === 'us$' ? text : normalizeKey(text);
  for (const [pattern, code] of CURRENCY_WORDS) if (pattern.test(key)) return code;
  return value.trim().toUpperCase();
}

/**
 * The currency of an amount, from the currency column (`stated`) and a currency written in the
 * amount itself (`written`, as in "$4,500"). When the two disagree, the one that is not USD wins,
 * so a financing check answers "cannot judge" rather than guess.
 * @example effectiveCurrency('USD', 'DKK') //=> 'DKK'
 */
export function effectiveCurrency(stated: string | null, written: string | null): string | null {
  if (stated !== null && written !== null && stated !== written) return stated === 'USD' ? written : stated;
  return stated ?? written;
}

const SYMBOL_PREFIX = /^(us\$|\$|€|£|usd|dkk|eur|sek|nok|gbp|kr\.?)\s*/i;
const SYMBOL_SUFFIX = /\s*(us\$|\$|€|£|usd|dkk|eur|sek|nok|gbp|kr\.?|,-)$/i;

/**
 * An amount from a cell, with a currency it names ("$4,500", "4.500,00 kr."). A separator is a
 * thousands separator only where the text shows it: both "." and "," present (the last one is the
 * decimal mark), or repeated groups of three. "4,500" or "4.500" alone could be 4500 or 4.5 and
 * is refused, never guessed.
 * @example parseMoney('4.500,00 kr.') //=> { ok: true, value: { amount: 4500, currency: 'DKK' } }
 */
export function parseMoney(value: CellValue): Parsed<Money> {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? ok({ amount: value, currency: null }) : problem('bad-amount', value);
  if (typeof value !== 'string' || isBlank(value)) return problem('bad-amount', value);
  let text = value.trim();
  let currency: string | null = null;
  const prefix = SYMBOL_PREFIX.exec(text);
  if (prefix) {
    currency = parseCurrency(prefix[1]);
    text = text.slice(prefix[0].length);
  }
  const suffix = SYMBOL_SUFFIX.exec(text);
  if (suffix) {
    if (suffix[1] !== ',-') currency = parseCurrency(suffix[1]);
    text = text.slice(0, suffix.index);
  }
  const amount = parsePlainNumber(text.replace(/[\s\u00a0']/g, ''));
  if (amount === null || amount < 0) return problem('bad-amount', value);
  return ok({ amount, currency });
}

function parsePlainNumber(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  const lastDot = text.lastIndexOf('.');
  const lastComma = text.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) {
    const decimal = lastDot > lastComma ? '.' : ',';
    const group = decimal === '.' ? ',' : '.';
    return grouped(text, group, decimal);
  }
  const separator = lastDot >= 0 ? '.' : ',';
  const parts = text.split(separator);
  if (parts.length > 2) return grouped(text, separator, null);
  const [whole, fraction] = parts;
  if (!/^\d+$/.test(whole) || !/^\d+$/.test(fraction ?? '')) return null;
  if (fraction.length === 3) return null; // 4,500 or 4.500: thousands or decimals? Not guessed.
  return Number(`${whole}.${fraction}`);
}

function grouped(text: string, group: string, decimal: string | null): number | null {
  const [integerPart, fraction, extra] = decimal ? text.split(decimal) : [text];
  if (extra !== undefined || (fraction !== undefined && !/^\d+$/.test(fraction))) return null;
  const groups = integerPart.split(group);
  if (!/^\d{1,3}$/.test(groups[0]) || !groups.slice(1).every((g) => /^\d{3}$/.test(g))) return null;
  return Number(groups.join('') + (fraction ? `.${fraction}` : ''));
}

const SIGNS = /[-−+]/g;

/**
 * A signed amount, as bank statements and ledgers write it, in the number forms of
 * {@link parseMoney} (Danish and English; a lone "4,500" is still refused, never guessed):
 * - a minus before the number, also after a currency: `-1.234,50`, `−1234.50`, `DKK -500,00`, `-$1,234.50`;
 * - a minus after it, as some Danish ledgers print: `1.234,50-` (but `500,-` is 500 kroner);
 * - the accountant's parentheses: `(1,234.50)` is −1,234.50;
 * - a plus: `+250,00`.
 * Two signs (`-(5)`, `--5`) are refused. `parseMoney` stays as it is for subscription amounts,
 * which are never negative.
 * @example parseSignedMoney('-1.234,50') //=> { ok: true, value: { amount: -1234.5, currency: null } }
 * @example parseSignedMoney('(1,234.50)') //=> { ok: true, value: { amount: -1234.5, currency: null } }
 * @example parseSignedMoney('500,-') //=> { ok: true, value: { amount: 500, currency: null } }
 */
export function parseSignedMoney(value: CellValue): Parsed<Money> {
  if (typeof value === 'number') return Number.isFinite(value) ? ok({ amount: value === 0 ? 0 : value, currency: null }) : problem('bad-amount', value);
  if (typeof value !== 'string' || isBlank(value)) return problem('bad-amount', value);
  let text = value.trim();
  let signs = 0;
  let negative = false;
  if (text.startsWith('(') && text.endsWith(')')) {
    text = text.slice(1, -1).trim();
    signs++;
    negative = true;
  }
  const first = text.search(/\d/);
  if (first < 0) return problem('bad-amount', value);
  let last = first;
  for (let i = text.length - 1; i >= first; i--) {
    if (text[i] >= '0' && text[i] <= '9') {
      last = i;
      break;
    }
  }
  let before = text.slice(0, first);
  let after = text.slice(last + 1);
  const leading = before.match(SIGNS) ?? [];
  if (leading.length) {
    signs += leading.length;
    negative = negative || leading[0] !== '+';
    before = before.replace(SIGNS, '');
  }
  // A trailing minus, but not the ",-" of "500,-" (whole kroner).
  const trailing = /^\s*[-−]$/.exec(after) ?? /^(\s*(?:kr\.?|dkk|eur|usd|sek|nok|gbp|€|\$|£))\s*[-−]$/i.exec(after);
  if (trailing) {
    signs++;
    negative = true;
    after = trailing[1] ?? '';
  }
  if (signs > 1 || (leading.length && leading[0] === '+' && negative)) return problem('bad-amount', value);
  const unsigned = parseMoney(`${before.trim()}${before.trim() ? ' ' : ''}${text.slice(first, last + 1)}${after}`);
  if (!unsigned.ok) return problem('bad-amount', value);
  const amount = negative && unsigned.value.amount !== 0 ? -unsigned.value.amount : unsigned.value.amount;
  return ok({ amount, currency: unsigned.value.currency });
}
