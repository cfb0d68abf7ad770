/**
 * How every front end shows a status and an amount: one table of colours per status (the Excel
 * highlight, the annotated copy, the pane's chips, the terminal), the order statuses are listed
 * in, and one way to write an amount. Labels come from the rules' catalogue (`statusLabel`). The
 * status is always written as text beside its colour, never the colour alone.
 */
import { statusLabel, STATUS_CODES, type Locale, type StatusCode } from '../rules';

export interface StatusLook {
  /** A row's fill, light enough for the text colour on it (#RRGGBB). */
  readonly fill: string;
  /** The text colour on {@link fill}: at least 4.5:1 against it (WCAG 2.2 AA). */
  readonly text: string;
  /** The status's own colour where it stands alone on white (the pane's dot): at least 3:1. */
  readonly accent: string;
  /** A terminal's colour, as SGR parameters. */
  readonly ansi: string;
}

/**
 * The one colour table: Fluent 2's light status tints, each with a readable text colour; the
 * accents are Fluent 2's shared palette. The Excel highlight, the copy and the pane take their
 * colours here, the CLI its terminal colour.
 */
export const STATUS_LOOKS: Readonly<Record<StatusCode, StatusLook>> = {
  active: { fill: '#DFF6DD', text: '#0B5A08', accent: '#107C10', ansi: '32' },
  'due-soon': { fill: '#FFF4CE', text: '#5C4300', accent: '#A67C00', ansi: '33' },
  expired: { fill: '#FDE7D9', text: '#8A3707', accent: '#DA3B01', ansi: '1;33' },
  suspended: { fill: '#FDE7E9', text: '#A4262C', accent: '#C50F1F', ansi: '1;31' },
  canceled: { fill: '#E1DFDD', text: '#323130', accent: '#616161', ansi: '31' },
  'not-covered': { fill: '#DEECF9', text: '#004578', accent: '#0078D4', ansi: '36' },
  invalid: { fill: '#F1DFF7', text: '#5C2E91', accent: '#8764B8', ansi: '35' },
};

/** The order every list of statuses follows: counts, legends, totals. */
export const STATUS_ORDER: readonly StatusCode[] = STATUS_CODES;

/** A colour of {@link STATUS_LOOKS} as SpreadsheetML's ARGB ("FFDFF6DD"). */
export function argbOf(colour: string): string {
  return `FF${colour.slice(1).toUpperCase()}`;
}

/** A status as a front end shows it: its label in the locale and its colours. */
export function statusPresentation(status: StatusCode, locale: Locale): StatusLook & { readonly status: StatusCode; readonly label: string } {
  return { status, label: statusLabel(status, locale), ...STATUS_LOOKS[status] };
}

/** The BCP 47 tag numbers are written with. */
function numberTag(locale: Locale): string {
  return locale === 'da' ? 'da-DK' : 'en-US';
}

const COUNT_FORMATS = new Map<Locale, Intl.NumberFormat>();

/** A count with the locale's digit grouping: 1,234 or 1.234. */
export function formatCount(count: number, locale: Locale): string {
  let format = COUNT_FORMATS.get(locale);
  if (!format) COUNT_FORMATS.set(locale, (format = new Intl.NumberFormat(numberTag(locale))));
  return format.format(count);
}

/** The number format of an amount cell we write: two decimals, as {@link formatAmount} writes them. */
export const AMOUNT_NUMBER_FORMAT = '#,##0.00';

/**
 * An amount with two decimals in the locale's digits, and its currency as the ISO code where the
 * locale puts it: codes, not symbols, since "kr." could be Danish, Swedish or Norwegian. A
 * currency that is not an ISO code is written after the number as given; none (null) gives the
 * number alone, for the front end to say "no currency" in its words. Spaces are plain (Intl's
 * no-break space would surprise a script reading the CLI's output); the pane keeps it on one line.
 * @example formatAmount(1234.5, 'USD', 'en') //=> 'USD 1,234.50'
 * @example formatAmount(1234.5, 'DKK', 'da') //=> '1.234,50 DKK'
 * @example formatAmount(99, 'kr', 'da') //=> '99,00 kr'
 */
export function formatAmount(amount: number, currency: string | null, locale: Locale): string {
  const tag = numberTag(locale);
  if (currency !== null && /^[A-Z]{3}$/.test(currency)) {
    try {
      return new Intl.NumberFormat(tag, { style: 'currency', currency, currencyDisplay: 'code', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount).replace(/\u00a0/g, ' ');
    } catch {
      // An engine that refuses a code: plain text below.
    }
  }
  const number = new Intl.NumberFormat(tag, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount).replace(/\u00a0/g, ' ');
  return currency === null ? number : `${number} ${currency}`;
}
