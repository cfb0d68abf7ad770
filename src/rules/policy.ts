/**
 * Autodesk's direct-buying policy as data. Every number the rules use lives here, each beside
 * the sentence it comes from (see rules.md in the project's shared folder for the sources).
 * Rule bodies hold no bare numbers: they read this object.
 */

/** A policy value with the sentence it was taken from. */
export interface Quoted<T> {
  readonly value: T;
  /** The source and the quoted sentence, e.g. `FAQ: "…"`. */
  readonly source: string;
}

export type Billing = 'monthly' | 'annual' | 'three-year';

export const BILLINGS: readonly Billing[] = ['monthly', 'annual', 'three-year'];

function quoted<T>(value: T, source: string): Quoted<T> {
  return { value, source };
}

export const POLICY = {
  /** ISO date on which the new process starts (rules.md §1). */
  directBuyingStart: quoted(
    '2024-09-16',
    'FAQ: "Den nye købsproces træder i kraft den 16. september 2024."',
  ),
  /** Public-sector organisations stay with their partner (rules.md §1). */
  publicSectorCovered: quoted(
    false,
    'FAQ: "Den nye Autodesk købsproces gælder ikke for offentlige organisationer."',
  ),
  /** "Invoice" without a number means net 30 (rules.md §2 and §8). */
  invoiceNetDays: quoted(
    30,
    'FAQ: "Hvis din Subscription-aftale omfatter netto 30-betingelser, betyder det, at du har 30 dage fra fakturadatoen til at foretage en betaling."',
  ),
  /** The largest net term accepted; anything longer is a typo, not a term Autodesk offers. */
  maxNetDays: quoted(
    365,
    'rules.md §2: net N is invoice date + N days; this project accepts N from 1 to 365 and calls anything else unrecognised.',
  ),
  /** First day of the Expired stage, counted from the due date (rules.md §3). */
  expiredAfterDue: quoted(
    1,
    'AD-SHUTOFF: "The process starts on the offering end date … or invoice payment due date, whichever is earlier." Expired is the day after the due date.',
  ),
  /** First day without access, counted from the due date (rules.md §3). */
  suspensionAfterDue: quoted(
    16,
    'FAQ: "16 dage efter fornyelsesdatoen … suspenderet"; AD-SHUTOFF: "Expired — Duration: 15 days. Full product access continues."',
  ),
  /**
   * First day canceled, counted from the due date (rules.md §3). The due date is day 0: Autodesk
   * does not say whether it counts it, and the FAQ's 46 is the default.
   */
  cancellationAfterDue: quoted<Readonly<Record<Billing, number>>>(
    { annual: 46, 'three-year': 46, monthly: 31 },
    'FAQ: "46 dage efter fornyelsesdatoen … annulleret"; AD-SHUTOFF: "Suspended — Duration: 30 days (Annual and 3-year subscriptions …). 15 days (Monthly subscriptions …)"',
  ),
  /** Days after the window start on which a full refund can still be requested, that day included (rules.md §5). */
  refundWindowDays: quoted<Readonly<Record<Billing, number>>>(
    { annual: 30, 'three-year': 30, monthly: 15 },
    'FAQ: "anmodninger om returnering skal ske inden for 30 dage efter købet, for at du kan få fuld refusion eller for månedlige subscriptions, inden for 15 dage efter købet."',
  ),
  /** Financing threshold in US dollars, that amount included (rules.md §6). */
  financingMinimumUsd: quoted(
    4500,
    'FAQ: "Autodesk tilbyder finansierings-muligheder for årlige og 3-årige subscriptions på $4.500 eller mere."',
  ),
  financingBillings: quoted<readonly Billing[]>(
    ['annual', 'three-year'],
    'FAQ: "finansierings-muligheder for årlige og 3-årige subscriptions"',
  ),
  /** Billing period of a row that does not say (rules.md §4). */
  defaultBilling: quoted<Billing>('annual', 'rules.md §4: "billing period (monthly / annual / 3-year; default annual)"'),
  /** Days before the due date on which a row turns "due soon" (rules.md §4; a setting). */
  defaultWarningDays: quoted(14, 'rules.md §4: "the warning window W (default 14 days; a setting)"'),
  /** The largest warning window a user can set: a year covers every billing period. */
  maxWarningDays: quoted(365, 'rules.md §4 makes W a setting; this project accepts 0 to 365 days, since a year covers every billing period.'),
  /** Reconciliation (rules.md §9). Amounts within this much of each other are equal (a setting). */
  reconcileTolerance: quoted(
    0.01,
    'rules.md §9.2: "equals an open invoice\'s open amount within the tolerance (default 0.01; a setting)"',
  ),
  /** First day a payment can pay an invoice by amount, counted from the invoice date (rules.md §9.2). */
  amountWindowBeforeInvoice: quoted(
    14,
    'rules.md §9.2: "paid between the invoice date − 14 days and the due date + 90 days"',
  ),
  /** Last day a payment can pay an invoice by amount, counted from the due date, that day included (rules.md §9.2). */
  amountWindowAfterDue: quoted(
    90,
    'rules.md §9.2: "paid between the invoice date − 14 days and the due date + 90 days"',
  ),
  /** Shortest invoice-number or PO key that a payment's text may match (rules.md §9.2). */
  minimumKeyLength: quoted(
    5,
    'rules.md §9.2: "A key shorter than 5 characters is never used."',
  ),
  /** Digits in a row that make an invoice number's digit run a key of its own (rules.md §9.2). */
  minimumDigitRun: quoted(
    5,
    'rules.md §9.2: "when it holds a run of at least 5 digits, its longest digit run without leading zeros"',
  ),
  /** How far back a subscription's renewal looks for an invoice (rules.md §9.4). */
  noInvoiceLookBackDays: quoted(
    60,
    'rules.md §9.4: "A subscription row whose renewal or end date lies within the last 60 days or the warning window ahead, and that no invoice names, is flagged no-invoice"',
  ),
  /** Net days of an invoice row that names no terms (rules.md §9.1). */
  invoiceDefaultNetDays: quoted(
    30,
    'rules.md §9.1: "invoice date + N for net N terms, and net 30 when the row names no terms, since these are pay-by-invoice documents"',
  ),
  /** The largest tolerance a user can set: beyond it, different invoices would look alike. */
  maxReconcileTolerance: quoted(
    100,
    'rules.md §9.2 makes the tolerance a setting; this project accepts 0 to 100 in the invoice\'s currency, since a wider one would match different invoices.',
  ),
} as const;
