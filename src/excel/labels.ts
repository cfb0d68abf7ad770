/**
 * The texts this adapter writes into the sheet: the headers of the columns it adds. Status
 * labels come from the rules' catalogue (`statusLabel`); only the column headers are new here.
 */
import { RESULT_COLUMN_HEADINGS, type Locale } from '../rules';

/** The columns a scan can add, in the order they are written left to right. */
export type ColumnKind = 'status' | 'due' | 'suspension' | 'cancellation';

export const STATUS_ONLY: readonly ColumnKind[] = ['status'];
export const WITH_DATES: readonly ColumnKind[] = ['status', 'due', 'suspension', 'cancellation'];

function headers(locale: Locale): Readonly<Record<ColumnKind, string>> {
  const headings = RESULT_COLUMN_HEADINGS[locale];
  return { status: headings.status, due: headings.dueDate, suspension: headings.suspensionDate, cancellation: headings.cancellationDate };
}

/** The same headings as the CLI's annotated copy, from the rules' catalogue. */
export const COLUMN_HEADERS: Readonly<Record<Locale, Readonly<Record<ColumnKind, string>>>> = { en: headers('en'), da: headers('da') };

/**
 * Excel's format of a cell nobody formatted. Only cells in this format get the rules'
 * `DATE_NUMBER_FORMAT`, written as `numberFormat` (not `numberFormatLocal`): a code Excel reads
 * the same in every locale.
 */
export const GENERAL_FORMAT = 'General';
