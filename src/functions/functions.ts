/*
 * The SUBS.* worksheet functions: the webpack entry for dist/functions.js and the only source of
 * dist/functions.json, which custom-functions-metadata generates from the JSDoc below (never edit
 * it by hand). Each function is a one-line adapter; reading arguments, ranges and errors live in
 * the modules beside this file, and every answer comes from src/rules.
 *
 * Every argument is declared `unknown[][]` (metadata: type any, dimensionality matrix) so that it
 * takes a single value (Excel passes [[v]]) or a range; an omitted optional argument arrives as
 * null. Results are grids that spill in the shape of the range arguments. See
 * docs/custom-functions.md.
 */
import { invoke } from './invoke';
import { createRegistry } from './registration';
import { CANCELDATE, DUEDATE, FINANCINGELIGIBLE, REFUNDDEADLINE, REFUNDELIGIBLE, STATUS, SUSPENSIONDATE } from './specs';

/**
 * First day without access to the software when the renewal is not paid: 16 days after the payment is due. Give a whole column of dates to get a column of results.
 * @customfunction SUSPENSIONDATE
 * @param date Renewal date (or end date); for invoice (net) terms the invoice date. A date cell, 2025-01-31 or 31-01-2025, or a range of them.
 * @param terms Payment terms: Net 30, Invoice, Credit card, PayPal, Direct debit or Auto-renew. Leave out for auto-renew.
 * @param billing Billing period: Monthly, Annual or 3-year. Leave out for Annual.
 * @returns {any[][]} The suspension date.
 */
export function suspensionDate(date: unknown[][], terms?: unknown[][], billing?: unknown[][]) {
  return invoke(SUSPENSIONDATE, [date, terms, billing]);
}

/**
 * First day the subscription is canceled when still unpaid: 46 days after the payment is due (31 for monthly). From then on it cannot be renewed and must be bought again.
 * @customfunction CANCELDATE
 * @param date Renewal date (or end date); for invoice (net) terms the invoice date. A date cell, 2025-01-31 or 31-01-2025, or a range of them.
 * @param terms Payment terms: Net 30, Invoice, Credit card, PayPal, Direct debit or Auto-renew. Leave out for auto-renew.
 * @param billing Billing period: Monthly, Annual or 3-year. Leave out for Annual.
 * @returns {any[][]} The cancellation date.
 */
export function cancelDate(date: unknown[][], terms?: unknown[][], billing?: unknown[][]) {
  return invoke(CANCELDATE, [date, terms, billing]);
}

/**
 * The date payment is due, where the shutoff clock starts: the renewal date, or the invoice date plus N days for Net N terms.
 * @customfunction DUEDATE
 * @param date Renewal date (or end date); for invoice (net) terms the invoice date. A date cell, 2025-01-31 or 31-01-2025, or a range of them.
 * @param terms Payment terms: Net 30, Invoice, Credit card, PayPal, Direct debit or Auto-renew. Leave out for auto-renew.
 * @returns {any[][]} The due date.
 */
export function dueDate(date: unknown[][], terms?: unknown[][]) {
  return invoke(DUEDATE, [date, terms]);
}

/**
 * Status of a subscription on a date: Active, Due soon, Expired, Suspended, Canceled or Not covered. Without as_of it is today's status and changes by itself on a new day.
 * @customfunction STATUS
 * @volatile
 * @param date Renewal date (or end date); for invoice (net) terms the invoice date. A date cell, 2025-01-31 or 31-01-2025, or a range of them.
 * @param terms Payment terms: Net 30, Invoice, Credit card, PayPal, Direct debit or Auto-renew. Leave out for auto-renew.
 * @param billing Billing period: Monthly, Annual or 3-year. Leave out for Annual.
 * @param paid Paid date, or Yes/No (Ja/Nej, x). Leave out when unpaid. A paid date after as_of counts as unpaid.
 * @param public_sector Yes for a public-sector organisation, which Autodesk's direct buying process does not cover. Leave out for No.
 * @param as_of The date the status is for. Leave out for today.
 * @returns {any[][]} The status, in English.
 */
export function status(date: unknown[][], terms?: unknown[][], billing?: unknown[][], paid?: unknown[][], public_sector?: unknown[][], as_of?: unknown[][]) {
  return invoke(STATUS, [date, terms, billing, paid, public_sector, as_of]);
}

/**
 * TRUE when a full refund can still be requested: within 30 days of the purchase or renewal (15 for monthly), that day included, and not under a unique legal agreement.
 * @customfunction REFUNDELIGIBLE
 * @volatile
 * @param purchase_date Purchase date, or the renewal date for a renewal. A date cell or a range of them.
 * @param request_date Date of the refund request. Leave out for today.
 * @param billing Billing period: Monthly, Annual or 3-year. Leave out for Annual.
 * @param excluded Yes when the purchase is under a unique legal (enterprise) agreement, which cannot be refunded. Leave out for No.
 * @returns {any[][]} TRUE or FALSE.
 */
export function refundEligible(purchase_date: unknown[][], request_date?: unknown[][], billing?: unknown[][], excluded?: unknown[][]) {
  return invoke(REFUNDELIGIBLE, [purchase_date, request_date, billing, excluded]);
}

/**
 * Last day to request a full refund, that day included: 30 days after the purchase or renewal (15 for monthly).
 * @customfunction REFUNDDEADLINE
 * @param purchase_date Purchase date, or the renewal date for a renewal. A date cell or a range of them.
 * @param billing Billing period: Monthly, Annual or 3-year. Leave out for Annual.
 * @returns {any[][]} The last day for a refund request.
 */
export function refundDeadline(purchase_date: unknown[][], billing?: unknown[][]) {
  return invoke(REFUNDDEADLINE, [purchase_date, billing]);
}

/**
 * TRUE when Autodesk offers financing: annual or 3-year billing and at least USD 4,500. #N/A for an amount in another currency: no exchange rate is assumed.
 * @customfunction FINANCINGELIGIBLE
 * @param billing Billing period: Monthly, Annual or 3-year.
 * @param amount The price, such as 4500 or $4,500.00.
 * @param currency Currency of the amount: USD, DKK, EUR, … Leave out for USD (or the currency written in the amount).
 * @returns {any[][]} TRUE or FALSE.
 */
export function financingEligible(billing: unknown[][], amount: unknown[][], currency?: unknown[][]) {
  return invoke(FINANCINGELIGIBLE, [billing, amount, currency]);
}

/**
 * Receives the `CustomFunctions.associate` calls of this file, ours below and the ones the metadata
 * plugin appends to it in the webpack build, so each function is registered once and the file loads
 * where Excel is absent (registration.ts says why). It shadows Excel's global on purpose.
 */
const CustomFunctions = createRegistry();

CustomFunctions.associate('SUSPENSIONDATE', suspensionDate);
CustomFunctions.associate('CANCELDATE', cancelDate);
CustomFunctions.associate('DUEDATE', dueDate);
CustomFunctions.associate('STATUS', status);
CustomFunctions.associate('REFUNDELIGIBLE', refundEligible);
CustomFunctions.associate('REFUNDDEADLINE', refundDeadline);
CustomFunctions.associate('FINANCINGELIGIBLE', financingEligible);

/** The ids this module registered, for tests. */
export const REGISTERED_IDS = CustomFunctions.ids;
