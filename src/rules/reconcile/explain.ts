/**
 * Which sentences and flags an invoice, a payment or a subscription gets: rule decisions, made
 * here once, so that the CLI, the pane and the worksheet functions say the same thing.
 */
import { POLICY } from '../policy';
import type { CoverageOutcome } from './coverage';
import type { MatchStep, PaymentOutcome } from './match';
import type { ReconcileMessage } from './messages';
import type { InvoiceVerdict } from './outcome';
import type { RowProblem } from './rows';
import type { AutodeskStatus } from './vocabulary';

/** Flags beside an invoice's outcome, never a change of it (rules.md §9.3 and the matching). */
export type InvoiceFlag =
  /** Autodesk's status says Paid, but no payment in full was found. */
  | 'autodesk-says-paid'
  /** The payments pay it in full, but Autodesk's status says Open or Past due: send the remittance details. */
  | 'autodesk-says-open'
  /** Another invoice row carries the same number (or key): payments naming it are ambiguous. */
  | 'same-number'
  /** A payment names it in another currency: check by hand. */
  | 'other-currency'
  /** Its number has no key of 5 characters: payments can find it by PO or amount only. */
  | 'short-number';

const NO_FLAGS: InvoiceFlag[] = [];
const NO_MESSAGES: readonly ReconcileMessage[] = [];


export interface InvoiceFlagInputs {
  readonly outcome: InvoiceVerdict['outcome'];
  readonly status: AutodeskStatus | null;
  readonly keys: readonly string[];
  readonly sameNumberRows: readonly number[];
  readonly otherCurrencyRows: readonly number[];
}

/**
 * The flags of a readable invoice that takes payments. "Autodesk's status disagrees" (rules.md
 * §9.3): the row says Paid while nothing in full was found (unpaid, or only partly paid), or the
 * payments pay it in full while the row says Open or Past due.
 * @example invoiceFlags({ outcome: 'paid', status: 'past-due', keys: ['INV0070012'], sameNumberRows: [], otherCurrencyRows: [] }) //=> ['autodesk-says-open']
 */
export function invoiceFlags(inputs: InvoiceFlagInputs): InvoiceFlag[] {
  const flags: InvoiceFlag[] = [];
  const settled = inputs.outcome === 'paid' || inputs.outcome === 'paid-late' || inputs.outcome === 'overpaid';
  if (inputs.status === 'paid' && (inputs.outcome === 'unpaid' || inputs.outcome === 'partial')) flags.push('autodesk-says-paid');
  if ((inputs.status === 'open' || inputs.status === 'past-due') && settled) flags.push('autodesk-says-open');
  if (inputs.sameNumberRows.length > 0) flags.push('same-number');
  if (inputs.otherCurrencyRows.length > 0) flags.push('other-currency');
  if (inputs.keys.length === 0) flags.push('short-number');
  return flags.length === 0 ? NO_FLAGS : flags.slice();
}

export interface InvoiceStory {
  readonly verdict: InvoiceVerdict;
  readonly amount: number;
  readonly paid: number;
  readonly currency: string | null;
  readonly lastPaidDay: number | null;
  readonly asOf: number;
  /** Sheet rows of the payments that paid it; empty when not known (SUBS.INVOICESTATUS). */
  readonly paymentRows: readonly number[];
  /** How the due date was counted, when the row did not give it. */
  readonly dueCountedFrom?: { readonly invoiceDay: number; readonly netDays: number } | null;
  readonly flags?: readonly InvoiceFlag[];
  /** Autodesk's status as written, for the flags' sentences. */
  readonly statusText?: string | null;
  readonly sameNumberRows?: readonly number[];
  readonly otherCurrency?: { readonly rows: readonly number[]; readonly currency: string | null };
}

/**
 * The sentences of an invoice with a verdict: the main one by outcome and stage, then the notes
 * (what was paid so far, how the due date was counted) and one per flag.
 */
export function invoiceMessages(story: InvoiceStory): ReconcileMessage[] {
  const { verdict, currency, asOf } = story;
  const { due, suspension, cancellation } = verdict.deadlines;
  const out: ReconcileMessage[] = [];
  const paidBy: readonly ReconcileMessage[] = story.paymentRows.length > 0 ? [{ code: 'note-paid-by', payments: { rows: story.paymentRows, of: 'payment' } }] : NO_MESSAGES;
  const last = story.lastPaidDay;
  switch (verdict.outcome) {
    case 'credit-memo':
      out.push({ code: 'invoice-credit-memo', currency, amount: story.amount });
      break;
    case 'overpaid':
      if (verdict.stage === 'canceled' && last !== null) out.push({ code: 'invoice-overpaid-canceled', currency, paid: story.paid, paidOn: last, cancellation, surplus: verdict.surplus });
      else out.push({ code: 'invoice-overpaid', currency, surplus: verdict.surplus, paid: story.paid, amount: story.amount });
      out.push(...paidBy);
      break;
    case 'paid':
      if (story.paid === 0) out.push({ code: 'invoice-nothing-due', currency, amount: story.amount });
      else if (last === null) out.push({ code: 'invoice-paid-undated', currency, paid: story.paid }, { code: 'note-paid-date-unknown' });
      else out.push({ code: 'invoice-paid', paidOn: last, due });
      out.push(...paidBy);
      break;
    case 'paid-late': {
      const paidOn = last as number;
      if (verdict.stage === 'expired') out.push({ code: 'invoice-paid-late-expired', paidOn, lateDays: (last as number) - due, due, suspension });
      else if (verdict.stage === 'suspended') out.push({ code: 'invoice-paid-late-suspended', paidOn, suspension });
      else out.push({ code: 'invoice-paid-late-canceled', paidOn, cancellation });
      out.push(...paidBy);
      break;
    }
    case 'partial':
    case 'unpaid': {
      const { open } = verdict;
      switch (verdict.stage) {
        case 'due-soon':
          out.push({ code: 'invoice-open-due-soon', currency, open, due, dueIn: due - asOf, suspension });
          break;
        case 'expired':
          out.push({ code: 'invoice-open-expired', currency, open, suspension, suspensionIn: suspension - asOf, due, cancellation });
          break;
        case 'suspended':
          out.push({ code: 'invoice-open-suspended', currency, open, suspension, cancellation, cancellationIn: cancellation - asOf });
          break;
        case 'canceled':
          out.push({ code: 'invoice-open-canceled', currency, cancellation, open });
          break;
        default:
          out.push({ code: 'invoice-open-active', currency, open, due, dueIn: due - asOf });
      }
      if (verdict.outcome === 'partial') {
        out.push({ code: 'note-partial', currency, paid: story.paid, amount: story.amount });
        if (verdict.stage === 'canceled') out.push({ code: 'note-partial-canceled', currency, paid: story.paid });
        out.push(...paidBy);
      }
      break;
    }
  }
  if (story.dueCountedFrom) out.push({ code: 'note-due-counted', due, invoiceDate: story.dueCountedFrom.invoiceDay, netDays: story.dueCountedFrom.netDays });
  const status = story.statusText ?? '';
  for (const flag of story.flags ?? []) {
    if (flag === 'autodesk-says-paid') out.push({ code: 'flag-autodesk-says-paid', status });
    else if (flag === 'autodesk-says-open') out.push({ code: suspension > asOf ? 'flag-autodesk-says-open' : 'flag-autodesk-says-open-now', status, suspension });
    else if (flag === 'same-number') out.push({ code: 'flag-same-number', rows: { rows: story.sameNumberRows ?? [], of: 'invoice' } });
    else if (flag === 'other-currency') out.push({ code: 'flag-other-currency', payments: { rows: story.otherCurrency?.rows ?? [], of: 'payment' }, currency: story.otherCurrency?.currency ?? '?' });
    else out.push({ code: 'flag-short-number', minimum: POLICY.minimumKeyLength.value });
  }
  return out.slice(); // exact length: pushing left room for 17, and 100,000 rows keep theirs
}

/** The sentence of a credit memo or a void invoice (amount in hundredths; the status as written). */
export function apartMessages(outcome: 'credit-memo' | 'void', amount: number, currency: string | null, statusText: string | null): ReconcileMessage[] {
  return outcome === 'credit-memo'
    ? [{ code: 'invoice-credit-memo', currency, amount }]
    : [{ code: 'invoice-void', status: statusText ?? '' }];
}

/** The sentence of an invoice row that cannot be read. */
export function invalidRowMessage(kind: 'invoice' | 'payment' | 'subscription', problem: RowProblem, cell: string | null): ReconcileMessage {
  return { code: kind === 'invoice' ? 'invoice-invalid' : kind === 'payment' ? 'payment-invalid' : 'subscription-invalid', problem: { problem, cell } };
}

/** What a payment's sentences need to know of the invoices it concerns. */
export interface InvoiceMention {
  readonly row: number;
  readonly number: string;
  readonly currency: string | null;
  readonly po: string | null;
}

export interface PaymentStory {
  readonly outcome: PaymentOutcome;
  readonly step: MatchStep | null;
  readonly amount: number;
  readonly currency: string | null;
  readonly day: number;
  readonly asOf: number;
  /** The invoices of {@link PaymentMatch.invoices}, with `parts` for a matched payment. */
  readonly invoices: readonly InvoiceMention[];
  readonly parts: readonly number[];
  readonly inactive: readonly InvoiceMention[];
  readonly otherCurrency: boolean;
}

/** The sentences of a payment that could be read. */
export function paymentMessages(story: PaymentStory): ReconcileMessage[] {
  const { amount, currency } = story;
  const numbers = { invoices: story.invoices.map((invoice) => invoice.number) };
  const out: ReconcileMessage[] = [];
  switch (story.outcome) {
    case 'incoming':
      out.push({ code: 'payment-incoming' });
      break;
    case 'later':
      out.push({ code: 'payment-later', date: story.day, asOf: story.asOf });
      break;
    case 'not-autodesk':
      out.push({ code: 'payment-not-autodesk' });
      break;
    case 'matched':
      if (story.step === 'po') out.push({ code: 'payment-matched-po', invoices: numbers, po: story.invoices[0]?.po ?? '' });
      else if (story.step === 'amount') out.push({ code: 'payment-matched-amount', currency, invoices: numbers, amount });
      else if (story.invoices.length > 1) {
        out.push({ code: 'payment-matched-several', parts: { parts: story.invoices.map((invoice, i) => ({ number: invoice.number, money: story.parts[i], currency: story.currency ?? invoice.currency })) } });
      } else out.push({ code: 'payment-matched-number', invoices: numbers });
      break;
    case 'ambiguous':
      if (story.step === 'number') out.push({ code: 'payment-ambiguous-number', rows: { rows: story.invoices.map((invoice) => invoice.row), of: 'invoice' } });
      else if (story.step === 'po') out.push({ code: 'payment-ambiguous-po', invoices: numbers });
      else out.push({ code: 'payment-ambiguous-amount', currency, amount, invoices: numbers });
      break;
    case 'duplicate':
      out.push({ code: 'payment-duplicate', currency, amount, invoices: numbers });
      break;
    case 'possible-duplicate':
      out.push({ code: 'payment-possible-duplicate', currency, amount, invoices: numbers });
      break;
    default:
      if (story.otherCurrency) {
        const invoiceCurrency = [...new Set(story.invoices.map((invoice) => invoice.currency ?? '?'))].join('/');
        out.push({ code: 'payment-other-currency', invoices: numbers, invoiceCurrency, currency: story.currency ?? '?' });
      } else out.push({ code: 'payment-unmatched', currency, amount, date: story.day });
  }
  if (story.inactive.length > 0 && (story.outcome === 'unmatched' || story.outcome === 'possible-duplicate')) {
    out.push({ code: 'note-names-inactive', invoices: { invoices: story.inactive.map((invoice) => invoice.number) } });
  }
  return out.slice(); // exact length: pushing left room for 17, and 100,000 rows keep theirs
}

export interface SubscriptionStory {
  readonly outcome: Exclude<CoverageOutcome, 'invalid'>;
  readonly id: string;
  readonly renewalDay: number | null;
  readonly asOf: number;
  readonly warningDays: number;
  readonly invoiceNumbers: readonly string[];
}

/** The sentence of a subscription row under rules.md §9.4. */
export function subscriptionMessage(story: SubscriptionStory): ReconcileMessage {
  switch (story.outcome) {
    case 'invoiced':
      return { code: 'subscription-invoiced', invoices: { invoices: story.invoiceNumbers } };
    case 'not-covered':
      return { code: 'subscription-not-covered' };
    case 'no-date':
      return { code: 'subscription-no-date' };
    case 'no-invoice':
      return { code: 'subscription-no-invoice', id: story.id, renewal: story.renewalDay as number, renewalIn: (story.renewalDay as number) - story.asOf };
    default:
      return { code: 'subscription-outside-window', renewal: story.renewalDay as number, lookBack: POLICY.noInvoiceLookBackDays.value, warningDays: story.warningDays };
  }
}
