/**
 * The CLI's own words for its table (headings, the line above and the totals below), in English
 * and Danish. Status labels and explanations come from the rules' catalogue; error messages are
 * English, one line each.
 */
import { atRiskWords, type Locale } from '../rules';

export interface TableTexts {
  readonly row: string;
  readonly status: string;
  readonly due: string;
  readonly suspension: string;
  readonly cancellation: string;
  readonly subscription: string;
  readonly product: string;
  readonly note: string;
  readonly sheet: string;
  readonly headerRow: string;
  readonly asOf: string;
  readonly warning: string;
  readonly days: string;
  readonly sampleDate: string;
  readonly rows: string;
  readonly noRows: string;
  readonly atRisk: string;
  readonly amountAtRisk: string;
  /** Rows whose amount cell could not be counted (negative or unreadable). */
  readonly amountProblems: string;
  readonly noCurrency: string;
  readonly nextDeadlines: string;
  readonly suspensionWord: string;
  readonly cancellationWord: string;
  readonly copy: string;
}

export const TABLE_TEXTS: Readonly<Record<Locale, TableTexts>> = {
  en: {
    row: 'Row',
    status: 'Status',
    due: 'Due',
    suspension: 'Suspension',
    cancellation: 'Cancellation',
    subscription: 'Subscription',
    product: 'Product',
    note: 'Note',
    sheet: 'sheet',
    headerRow: 'header row',
    asOf: 'as of',
    warning: 'warning window',
    days: 'days',
    sampleDate: "the sample's own date; --as-of YYYY-MM-DD to change",
    rows: 'rows',
    noRows: 'No subscription rows below the header.',
    atRisk: `At risk (${atRiskWords('en')})`,
    amountAtRisk: 'amount',
    amountProblems: 'Amounts not counted (negative or unreadable)',
    noCurrency: 'no currency',
    nextDeadlines: 'Next deadlines',
    suspensionWord: 'suspension',
    cancellationWord: 'cancellation',
    copy: 'Annotated copy',
  },
  da: {
    row: 'Række',
    status: 'Status',
    due: 'Forfald',
    suspension: 'Suspendering',
    cancellation: 'Annullering',
    subscription: 'Abonnement',
    product: 'Produkt',
    note: 'Bemærkning',
    sheet: 'ark',
    headerRow: 'overskriftsrække',
    asOf: 'pr.',
    warning: 'varslingsperiode',
    days: 'dage',
    sampleDate: 'eksemplets egen dato; --as-of ÅÅÅÅ-MM-DD for at ændre',
    rows: 'rækker',
    noRows: 'Ingen abonnementsrækker under overskriften.',
    atRisk: `I risiko (${atRiskWords('da')})`,
    amountAtRisk: 'beløb',
    amountProblems: 'Beløb ikke talt med (negative eller ulæselige)',
    noCurrency: 'ingen valuta',
    nextDeadlines: 'Næste frister',
    suspensionWord: 'suspendering',
    cancellationWord: 'annullering',
    copy: 'Kommenteret kopi',
  },
};

export const USAGE = `Usage: subguard scan [FILE...] [options]

Scans Autodesk subscription lists (.xlsx or .csv) for payment deadlines: which rows are due
soon, expired, suspended or canceled, as Autodesk's direct-buying rules say.
Without FILE it scans the bundled sample, examples/subscriptions.xlsx, as of its own date.

Options:
  --sheet NAME            the sheet to scan (default: the first sheet with a header row)
  --as-of YYYY-MM-DD      the date the statuses are for (default: today)
  --warn-days N           days before the due date that a row is "due soon" (default: 14)
  --date-order dmy|mdy    how to read slash dates such as 03/04/2025 (default: never guess)
  --format table|json|csv output format (default: table)
  --out FILE.xlsx         also write an annotated copy: status and deadline columns, rows
                          coloured by status, a summary sheet; never overwrites the input
  --force                 let --out replace an existing file (never the input)
  --explain               show why each row has its status
  --fail-on at-risk       exit with code 2 when a row is due soon, expired or suspended
                          (also: canceled, invalid; comma-separated)
  --lang en|da            language of labels and explanations (default: from LANG)
  -h, --help              this help
  -v, --version           the version

Exit codes: 0 done; 1 error (bad option, unreadable file, no header…); 2 --fail-on matched.
Docs: docs/cli.md`;
