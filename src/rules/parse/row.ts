import type { Subscription } from '../status';
import { ok, type Parsed, type Problem } from '../result';
import { isBlank, type CellValue } from './cell';
import { parseBilling } from './billing';
import { parseDate, type DateReading } from './dates';
import type { Field } from './headers';
import { parsePayment } from './paid';
import { parseTerms } from './terms';
import { parseYesNo } from './yesno';

/** The cells of one row, by field; a field the table lacks is simply absent. */
export type RowCells = Partial<Record<Field, CellValue>>;

/**
 * One row's cells as a {@link Subscription}, or the first problem with the field it is in.
 * Blank date cells are absent dates; a row with none of renewal, end or invoice date is
 * `missing-date` on the renewal date field.
 */
export function parseSubscription(cells: RowCells, reading: DateReading = {}): Parsed<Subscription> {
  const renewal = optionalDate(cells.renewalDate, reading, 'renewalDate');
  if (renewal && !renewal.ok) return renewal;
  const end = optionalDate(cells.endDate, reading, 'endDate');
  if (end && !end.ok) return end;
  const invoice = optionalDate(cells.invoiceDate, reading, 'invoiceDate');
  if (invoice && !invoice.ok) return invoice;
  if (!renewal && !end && !invoice) return { ok: false, reason: 'missing-date', value: '', field: firstPresent(cells) };
  const terms = parseTerms(cells.terms);
  if (!terms.ok) return withField(terms, 'terms');
  const billing = parseBilling(cells.billing);
  if (!billing.ok) return withField(billing, 'billing');
  const payment = parsePayment(cells.paid, reading);
  if (!payment.ok) return withField(payment, 'paid');
  const publicSector = parseYesNo(cells.publicSector);
  if (!publicSector.ok) return withField(publicSector, 'publicSector');
  return ok({
    terms: terms.value,
    billing: billing.value,
    renewalDay: renewal?.value ?? null,
    endDay: end?.value ?? null,
    invoiceDay: invoice?.value ?? null,
    payment: payment.value,
    publicSector: publicSector.value,
  });
}

function optionalDate(value: CellValue, reading: DateReading, field: Field): Parsed<number> | null {
  if (isBlank(value)) return null;
  const day = parseDate(value, reading);
  return day.ok ? day : withField(day, field);
}

function withField(found: Problem, field: Field): Problem {
  return { ...found, field };
}

/** The date column a missing-date problem points at: the one the table has, renewal first. */
function firstPresent(cells: RowCells): Field {
  if ('renewalDate' in cells) return 'renewalDate';
  if ('endDate' in cells) return 'endDate';
  return 'invoiceDate' in cells ? 'invoiceDate' : 'renewalDate';
}
