/**
 * Every user-facing sentence of the rules, in English and Danish, and the one mapping from a
 * rule or a problem to its text. Adapters show these; they write none of their own.
 */
import { isoFromDay } from './days';
import type { DueAnchor } from './deadlines';
import type { FinancingRule } from './financing';
import type { Field } from './parse/headers';
import { describeTerms } from './parse/terms';
import { POLICY } from './policy';
import type { ReasonCode, Problem } from './result';
import { isAtRisk, STATUS_CODES, type Evaluation, type Note, type RuleId, type StatusCode } from './status';

export type Locale = 'en' | 'da';

export const LOCALES: readonly Locale[] = ['en', 'da'];

/** The locale for an Office or browser language tag: Danish for da-*, else English. */
export function localeOf(languageTag: string | null | undefined): Locale {
  return /^da\b/i.test(languageTag ?? '') ? 'da' : 'en';
}

type Catalogue<K extends string> = Readonly<Record<Locale, Readonly<Record<K, string>>>>;

export const STATUS_LABELS: Catalogue<StatusCode> = {
  en: { active: 'Active', 'due-soon': 'Due soon', expired: 'Expired', suspended: 'Suspended', canceled: 'Canceled', 'not-covered': 'Not covered', invalid: 'Invalid' },
  da: { active: 'Aktiv', 'due-soon': 'Forfalder snart', expired: 'Udløbet', suspended: 'Suspenderet', canceled: 'Annulleret', 'not-covered': 'Ikke omfattet', invalid: 'Ugyldig' },
};

/** Headings of the columns a scan adds next to the user's data: the same in Excel and in the annotated copy. */
export type ResultColumn = 'status' | 'dueDate' | 'suspensionDate' | 'cancellationDate' | 'explanation';

export const RESULT_COLUMN_HEADINGS: Catalogue<ResultColumn> = {
  en: { status: 'Status', dueDate: 'Due date', suspensionDate: 'Suspension date', cancellationDate: 'Cancellation date', explanation: 'Explanation' },
  da: { status: 'Status', dueDate: 'Forfaldsdato', suspensionDate: 'Suspenderingsdato', cancellationDate: 'Annulleringsdato', explanation: 'Forklaring' },
};

/** The at-risk statuses as words in a sentence: "due soon, expired, suspended". */
export function atRiskWords(locale: Locale = 'en'): string {
  return STATUS_CODES.filter(isAtRisk).map((status) => STATUS_LABELS[locale][status].toLowerCase()).join(', ');
}

export function statusLabel(status: StatusCode, locale: Locale = 'en'): string {
  return STATUS_LABELS[locale][status];
}

export const FIELD_NAMES: Catalogue<Field | 'requestDate' | 'date'> = {
  en: {
    renewalDate: 'renewal date', endDate: 'end date', invoiceDate: 'invoice date', terms: 'payment terms', billing: 'billing period',
    paid: 'paid', purchaseDate: 'purchase date', publicSector: 'public sector', refundExcluded: 'unique agreement', amount: 'amount',
    currency: 'currency', id: 'subscription ID', contract: 'contract number', product: 'product', seats: 'seats', requestDate: 'request date', date: 'date',
  },
  da: {
    renewalDate: 'fornyelsesdato', endDate: 'udløbsdato', invoiceDate: 'fakturadato', terms: 'betalingsbetingelser', billing: 'faktureringsperiode',
    paid: 'betalt', purchaseDate: 'købsdato', publicSector: 'offentlig', refundExcluded: 'unik aftale', amount: 'beløb',
    currency: 'valuta', id: 'abonnements-ID', contract: 'kontraktnummer', product: 'produkt', seats: 'antal pladser', requestDate: 'anmodningsdato', date: 'dato',
  },
};

/** Why a value was refused, and what is accepted instead. `{value}` is the value as written. */
export const REASONS: Catalogue<ReasonCode> = {
  en: {
    'missing-date': 'no date: give a renewal, end or invoice date',
    'bad-date': '"{value}" is not a date: use a date cell, 2025-01-31 or 31-01-2025',
    'ambiguous-date': '"{value}" could be day/month or month/day: state the date order (dmy or mdy) or write 2025-04-03',
    'fictitious-date': '"{value}" is Excel\'s 1900-02-29, a day that never existed',
    'date-out-of-range': '"{value}" is outside the dates Excel can show (1900-01-01 to 9999-12-31)',
    'unknown-terms': '"{value}" is not a payment term: use Net 30 (Netto 30, Invoice, Faktura), Credit card, PayPal, Direct debit or Auto-renew',
    'unknown-billing': '"{value}" is not a billing period: use Monthly (Månedlig), Annual (Årlig) or 3-year (3-årig)',
    'unknown-yes-no': '"{value}" is not yes or no: use Yes/No, Ja/Nej, TRUE/FALSE or x',
    'unknown-paid': '"{value}" is neither a paid date nor yes/no',
    'bad-amount': '"{value}" is not an amount: use a number such as 4500 or 4500.00 (a lone "4,500" or "4.500" is not guessed)',
    'request-before-start': 'the request date {value} is before the purchase date',
    'bad-setting': '"{value}" is not a valid setting',
  },
  da: {
    'missing-date': 'ingen dato: angiv fornyelses-, udløbs- eller fakturadato',
    'bad-date': '"{value}" er ikke en dato: brug en datocelle, 2025-01-31 eller 31-01-2025',
    'ambiguous-date': '"{value}" kan være dag/måned eller måned/dag: angiv datorækkefølgen (dmy eller mdy) eller skriv 2025-04-03',
    'fictitious-date': '"{value}" er Excels 1900-02-29, en dag der aldrig har fandtes',
    'date-out-of-range': '"{value}" ligger uden for de datoer Excel kan vise (1900-01-01 til 9999-12-31)',
    'unknown-terms': '"{value}" er ikke en betalingsbetingelse: brug Netto 30 (Net 30, Faktura, Invoice), Kreditkort, PayPal, Direkte debitering eller Automatisk fornyelse',
    'unknown-billing': '"{value}" er ikke en faktureringsperiode: brug Månedlig (Monthly), Årlig (Annual) eller 3-årig (3-year)',
    'unknown-yes-no': '"{value}" er hverken ja eller nej: brug Ja/Nej, Yes/No, SAND/FALSK eller x',
    'unknown-paid': '"{value}" er hverken en betalingsdato eller ja/nej',
    'bad-amount': '"{value}" er ikke et beløb: brug et tal som 4500 eller 4500,00 (et enligt "4,500" eller "4.500" gættes ikke)',
    'request-before-start': 'anmodningsdatoen {value} ligger før købsdatoen',
    'bad-setting': '"{value}" er ikke en gyldig indstilling',
  },
};

/** The main sentence of each status rule. Placeholders are ISO dates and day counts. */
export const RULE_TEXTS: Catalogue<RuleId> = {
  en: {
    invalid: 'Invalid: {problem}.',
    'not-covered': 'Not covered: public-sector purchases stay with the partner, so Autodesk\'s direct-process deadlines (due {due}) do not apply.',
    'canceled-paid-late': 'Canceled: paid on {paid}, on or after the cancellation date {cancellation} (due {due} + {cancelAfterDue} days); a new subscription must be bought.',
    'canceled-unpaid': 'Canceled since {cancellation}: unpaid {cancelAfterDue} days after the due date {due}; it can no longer be renewed and must be bought again.',
    'active-paid': 'Active: paid{paidOn}; the payment due {due} is settled.',
    suspended: 'Suspended since {suspension}: unpaid {suspensionAfterDue} days after the due date {due}; the software is switched off and the subscription is canceled on {cancellation} unless paid.',
    expired: 'Expired: unpaid since the due date {due}; access continues until suspension on {suspension}.',
    'due-soon': 'Due soon: payment is due {due} ({daysLeft} days left); unpaid, access stops on {suspension}.',
    'active-not-due': 'Active: payment due {due}, more than {warningDays} days away.',
  },
  da: {
    invalid: 'Ugyldig: {problem}.',
    'not-covered': 'Ikke omfattet: offentlige organisationers køb forbliver hos partneren, så fristerne i Autodesks direkte købsproces (forfald {due}) gælder ikke.',
    'canceled-paid-late': 'Annulleret: betalt {paid}, på eller efter annulleringsdatoen {cancellation} (forfald {due} + {cancelAfterDue} dage); et nyt abonnement skal købes.',
    'canceled-unpaid': 'Annulleret siden {cancellation}: ubetalt {cancelAfterDue} dage efter forfaldsdatoen {due}; kan ikke længere fornyes og skal købes igen.',
    'active-paid': 'Aktiv: betalt{paidOn}; betalingen med forfald {due} er afregnet.',
    suspended: 'Suspenderet siden {suspension}: ubetalt {suspensionAfterDue} dage efter forfaldsdatoen {due}; softwaren er lukket, og abonnementet annulleres {cancellation}, hvis det ikke betales.',
    expired: 'Udløbet: ubetalt siden forfaldsdatoen {due}; adgangen fortsætter indtil suspenderingen {suspension}.',
    'due-soon': 'Forfalder snart: betaling forfalder {due} ({daysLeft} dage tilbage); ubetalt lukkes adgangen {suspension}.',
    'active-not-due': 'Aktiv: betaling forfalder {due}, mere end {warningDays} dage ude i fremtiden.',
  },
};

/** Where each rule comes from: the rules.md section and the policy sentence behind it. */
export const RULE_SOURCES: Readonly<Record<RuleId, string>> = {
  invalid: 'rules.md §4: "the row cannot be evaluated … the reason says which cell and why"',
  'not-covered': `rules.md §1; ${POLICY.publicSectorCovered.source}`,
  'canceled-paid-late': `rules.md §4 (paid on or after the cancellation date); ${POLICY.cancellationAfterDue.source}`,
  'canceled-unpaid': `rules.md §3-4; ${POLICY.cancellationAfterDue.source}`,
  'active-paid': 'rules.md §4: "paid (a paid flag, or a paid date P ≤ D)"',
  suspended: `rules.md §3-4; ${POLICY.suspensionAfterDue.source}`,
  expired: 'rules.md §3-4; AD-SHUTOFF: "Expired — Duration: 15 days. Full product access continues."',
  'due-soon': `rules.md §4; ${POLICY.defaultWarningDays.source}`,
  'active-not-due': 'rules.md §4: "unpaid and D < due − W"',
};

export const NOTE_TEXTS: Catalogue<Note> = {
  en: {
    'net-terms-reading': 'Net {netDays}: due = {anchorName} {anchor} + {netDays} days; suspension and cancellation count from the due date, as Autodesk says (not the FAQ\'s literal "46 days after the invoice date").',
    'before-direct-buying': 'Dated before 2024-09-16: partner terms may have applied.',
    'paid-after-as-of': 'The paid date {paid} is after {asOf}, so it counts as unpaid as of {asOf}.',
  },
  da: {
    'net-terms-reading': 'Netto {netDays}: forfald = {anchorName} {anchor} + {netDays} dage; suspendering og annullering regnes fra forfaldsdatoen, som Autodesk skriver (ikke FAQ\'ens bogstavelige "46 dage efter fakturadatoen").',
    'before-direct-buying': 'Dateret før 2024-09-16: partnerens betingelser kan have gældt.',
    'paid-after-as-of': 'Betalingsdatoen {paid} ligger efter {asOf} og tæller derfor som ubetalt pr. {asOf}.',
  },
};

export const FINANCING_TEXTS: Catalogue<FinancingRule> = {
  en: {
    'financing-eligible': 'Financing available: annual or 3-year and at least USD 4,500.',
    'financing-billing': 'No financing: only annual and 3-year subscriptions can be financed.',
    'financing-amount': 'No financing: the amount is below USD 4,500.',
    'financing-currency': 'Cannot judge financing for an amount in {currency}: the threshold is USD 4,500 and no exchange rate is assumed.',
  },
  da: {
    'financing-eligible': 'Finansiering mulig: årlig eller 3-årig og mindst USD 4.500.',
    'financing-billing': 'Ingen finansiering: kun årlige og 3-årige abonnementer kan finansieres.',
    'financing-amount': 'Ingen finansiering: beløbet er under USD 4.500.',
    'financing-currency': 'Finansiering kan ikke vurderes for et beløb i {currency}: grænsen er USD 4.500, og der antages ingen valutakurs.',
  },
};

/** Fills `{name}` placeholders; an unknown placeholder is a programmer mistake and throws. */
export function fill(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`message placeholder {${name}} has no value`);
    return String(params[name]);
  });
}

/**
 * Why a value was refused, naming where it came from: "Cell C7 (payment terms): "Net 3O" is not…".
 * @param where the cell or argument, e.g. "C7" or "argument terms"; omitted when unknown.
 */
export function explainProblem(found: Problem, locale: Locale = 'en', where?: string): string {
  const reason = fill(REASONS[locale][found.reason], { value: found.value });
  const field = found.field && found.field in FIELD_NAMES[locale] ? FIELD_NAMES[locale][found.field as Field] : null;
  const cellWord = locale === 'da' ? 'Celle' : 'Cell';
  if (where && field) return `${cellWord} ${where} (${field}): ${reason}`;
  if (where) return `${where}: ${reason}`;
  return field ? `${field}: ${reason}` : reason;
}

/** The one-line explanation of a status: the rule's sentence, its notes, and its source. */
export function explain(evaluation: Evaluation, locale: Locale = 'en', where?: string): string {
  if (evaluation.status === 'invalid') {
    return fill(RULE_TEXTS[locale].invalid, { problem: explainProblem(evaluation.problem, locale, where) });
  }
  const { deadlines, payment, asOf } = evaluation;
  const params = {
    due: isoFromDay(deadlines.due),
    suspension: isoFromDay(deadlines.suspension),
    cancellation: isoFromDay(deadlines.cancellation),
    paid: payment.kind === 'paid-on' ? isoFromDay(payment.day) : '',
    paidOn: payment.kind === 'paid-on' ? (locale === 'da' ? ` ${isoFromDay(payment.day)}` : ` on ${isoFromDay(payment.day)}`) : '',
    daysLeft: deadlines.due - asOf,
    warningDays: evaluation.warningDays,
    suspensionAfterDue: POLICY.suspensionAfterDue.value,
    cancelAfterDue: deadlines.cancellation - deadlines.due,
    asOf: isoFromDay(asOf),
    netDays: evaluation.due.netDays,
    anchor: isoFromDay(evaluation.due.anchorDay),
    anchorName: FIELD_NAMES[locale][evaluation.due.anchor as DueAnchor],
  };
  const sentences = [fill(RULE_TEXTS[locale][evaluation.rule], params), ...evaluation.notes.map((note) => fill(NOTE_TEXTS[locale][note], params))];
  const ruleWord = locale === 'da' ? 'regel' : 'rule';
  return `${sentences.join(' ')} (${ruleWord} ${evaluation.rule}; ${billingAndTerms(evaluation, locale)})`;
}

function billingAndTerms(evaluation: Extract<Evaluation, { deadlines: unknown }>, locale: Locale): string {
  const billing = BILLING_LABELS[locale][evaluation.billing];
  return `${billing}, ${describeTerms(evaluation.terms)}`;
}

const BILLING_LABELS: Catalogue<'monthly' | 'annual' | 'three-year'> = {
  en: { monthly: 'monthly', annual: 'annual', 'three-year': '3-year' },
  da: { monthly: 'månedlig', annual: 'årlig', 'three-year': '3-årig' },
};
