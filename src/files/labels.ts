/**
 * The words of the annotated copy, in English and Danish. Status labels and explanations come
 * from the rules' catalogue (src/rules/messages.ts), and so do the headings of the added columns
 * (shared with what the task pane writes in Excel); these are the copy's legend and summary.
 */
import { atRiskWords, POLICY, RESULT_COLUMN_HEADINGS, type Locale, type StatusCode } from '../rules';

export interface CopyTexts {
  readonly status: string;
  readonly dueDate: string;
  readonly suspensionDate: string;
  readonly cancellationDate: string;
  readonly explanation: string;
  readonly summarySheet: string;
  readonly summaryTitle: string;
  readonly file: string;
  readonly sheet: string;
  readonly asOf: string;
  readonly warningWindow: string;
  readonly days: string;
  readonly rowsScanned: string;
  readonly legend: string;
  readonly rows: string;
  readonly meaning: string;
  readonly amountAtRisk: string;
  readonly currency: string;
  readonly amount: string;
  readonly noCurrency: string;
  readonly nothingAtRisk: string;
  readonly nextDeadlines: string;
  readonly row: string;
  readonly subscription: string;
  readonly product: string;
  readonly deadline: string;
  readonly date: string;
  readonly suspension: string;
  readonly cancellation: string;
  readonly madeBy: string;
  readonly meanings: Readonly<Record<StatusCode, string>>;
}

export const COPY_TEXTS: Readonly<Record<Locale, CopyTexts>> = {
  en: {
    ...RESULT_COLUMN_HEADINGS.en,
    summarySheet: 'Summary',
    summaryTitle: 'Subscription Guard: payment deadlines',
    file: 'File',
    sheet: 'Sheet',
    asOf: 'As of',
    warningWindow: 'Warning window',
    days: 'days',
    rowsScanned: 'Rows scanned',
    legend: 'Status (legend)',
    rows: 'Rows',
    meaning: 'Meaning',
    amountAtRisk: `Amount at risk (${atRiskWords('en')})`,
    currency: 'Currency',
    amount: 'Amount',
    noCurrency: '(no currency given)',
    nothingAtRisk: 'Nothing at risk.',
    nextDeadlines: 'Next deadlines',
    row: 'Row',
    subscription: 'Subscription',
    product: 'Product',
    deadline: 'Deadline',
    date: 'Date',
    suspension: 'suspension',
    cancellation: 'cancellation',
    madeBy: 'Made by subguard from the file above; the input file was not changed.',
    meanings: {
      active: 'Paid, or payment is due later than the warning window.',
      'due-soon': 'Unpaid, due within the warning window (the due date itself included).',
      expired: `Unpaid after the due date; access continues until the suspension date (due + ${POLICY.suspensionAfterDue.value} days).`,
      suspended: 'Unpaid since the suspension date; the software is off; canceled on the cancellation date unless paid.',
      canceled: 'Unpaid on the cancellation date, or paid too late: it must be bought again.',
      'not-covered': "Public sector: stays with the partner; Autodesk's direct-buying deadlines do not apply.",
      invalid: 'Cannot be evaluated: the explanation names the cell and why.',
    },
  },
  da: {
    ...RESULT_COLUMN_HEADINGS.da,
    summarySheet: 'Oversigt',
    summaryTitle: 'Subscription Guard: betalingsfrister',
    file: 'Fil',
    sheet: 'Ark',
    asOf: 'Pr. dato',
    warningWindow: 'Varslingsperiode',
    days: 'dage',
    rowsScanned: 'Rækker gennemgået',
    legend: 'Status (forklaring)',
    rows: 'Rækker',
    meaning: 'Betydning',
    amountAtRisk: `Beløb i risiko (${atRiskWords('da')})`,
    currency: 'Valuta',
    amount: 'Beløb',
    noCurrency: '(ingen valuta angivet)',
    nothingAtRisk: 'Intet i risiko.',
    nextDeadlines: 'Næste frister',
    row: 'Række',
    subscription: 'Abonnement',
    product: 'Produkt',
    deadline: 'Frist',
    date: 'Dato',
    suspension: 'suspendering',
    cancellation: 'annullering',
    madeBy: 'Lavet af subguard ud fra filen ovenfor; inputfilen er ikke ændret.',
    meanings: {
      active: 'Betalt, eller betalingen forfalder senere end varslingsperioden.',
      'due-soon': 'Ubetalt og forfalder inden for varslingsperioden (forfaldsdagen medregnet).',
      expired: `Ubetalt efter forfaldsdatoen; adgangen fortsætter til suspenderingsdatoen (forfald + ${POLICY.suspensionAfterDue.value} dage).`,
      suspended: 'Ubetalt siden suspenderingsdatoen; softwaren er lukket; annulleres på annulleringsdatoen, hvis den ikke betales.',
      canceled: 'Ubetalt på annulleringsdatoen, eller betalt for sent: skal købes igen.',
      'not-covered': 'Offentlig sektor: bliver hos partneren; Autodesks frister for direkte køb gælder ikke.',
      invalid: 'Kan ikke vurderes: forklaringen nævner cellen og årsagen.',
    },
  },
};
