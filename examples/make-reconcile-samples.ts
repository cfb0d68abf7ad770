/**
 * `npm run examples`: writes the reconciliation samples (rules.md §9), made here with ExcelJS:
 *
 *   examples/invoices.xlsx        an English Autodesk invoice list, title rows above the header
 *   examples/bank-statement.csv   the Danish bank export that pays it: `;`, comma decimals,
 *                                 dd-mm-yyyy, signed amounts, rent and salary among Autodesk's
 *   examples/ap-ledger.xlsx       an accounts-payable ledger (positive amounts, vendor and
 *                                 invoice-number columns) with a Danish invoice list beside it
 *
 * Every date is set relative to SAMPLE_AS_OF (src/cli/sample.ts), the date each file states in its
 * title, so that as of that date the two pairs together show every outcome of §9.3 and §9.2. The
 * invoice list names subscription IDs of examples/subscriptions.xlsx, so reconciling with that file
 * as the subscriptions table shows §9.4's `no-invoice` too. What each row shows is written beside
 * it here, for whoever checks an outcome by hand.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { dayFromIso, utcMillisFromDay, ymdFromDay } from '../src/rules';
import { SAMPLE_AS_OF } from '../src/cli/sample';

const D = dayFromIso(SAMPLE_AS_OF);
const FOLDER = __dirname;

type Cell = string | number | { day: number } | null;
const at = (offset: number) => ({ day: D + offset });

/** dd-mm-yyyy, as Danish banks write dates. */
function danishDate(day: number): string {
  const { year, month, day: dd } = ymdFromDay(day);
  return `${String(dd).padStart(2, '0')}-${String(month).padStart(2, '0')}-${year}`;
}

/** 1.234,50 / -1.234,50, as Danish banks write amounts (no Intl: its minus sign differs between ICU versions). */
function danishAmount(amount: number): string {
  const cents = Math.round(Math.abs(amount) * 100);
  const whole = String(Math.floor(cents / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${amount < 0 ? '-' : ''}${whole},${String(cents % 100).padStart(2, '0')}`;
}

interface SampleInvoice {
  number: string | null;
  product: string;
  subscription: string | null;
  invoice: number | null;
  /** Days after the invoice date; a string is a due date typed as text. */
  due: number | string;
  po?: string;
  amount: number | string;
  currency: string;
  status: string;
  billing?: string;
  shows: string;
}

/** Nordhavn Engineering ApS (the subscriptions.xlsx company): its Autodesk invoices, paid from its bank account. */
const ENGLISH_INVOICES: SampleInvoice[] = [
  { number: 'INV-0081001', product: 'AEC Collection', subscription: '110004518231', invoice: -40, due: 30, amount: 39_600, currency: 'DKK', status: 'Paid', shows: 'paid on time, by invoice number' },
  { number: 'INV-0081002', product: 'Revit', subscription: '110004518232', invoice: -50, due: 30, amount: 23_040, currency: 'DKK', status: 'Paid', shows: 'paid late, while expired (access continued)' },
  { number: 'INV-0081003', product: 'AutoCAD LT', subscription: '110004518233', invoice: -70, due: 30, amount: 10_200, currency: 'DKK', status: 'Past due', shows: 'paid late, while suspended; Autodesk still says Past due' },
  { number: 'INV-0081004', product: 'Civil 3D', subscription: '110004518234', invoice: -100, due: 30, amount: 13_625, currency: 'DKK', status: '', shows: 'paid after cancellation: claim back, buy again' },
  { number: 'INV-0081005', product: 'Navisworks Manage', subscription: '110004518235', invoice: -35, due: 30, amount: 8_775, currency: 'DKK', status: 'Open', shows: 'partly paid; the clock keeps running' },
  { number: 'INV-0081006', product: 'Inventor Professional', subscription: '110004518236', invoice: -20, due: 30, amount: 11_780, currency: 'DKK', status: 'Open', shows: 'unpaid, due soon (paid after the as-of date: later)' },
  { number: 'INV-0081007', product: 'AutoCAD', subscription: '110004518237', invoice: -45, due: 30, amount: 29_250, currency: 'DKK', status: 'Open', shows: 'unpaid, expired: suspended tomorrow' },
  { number: 'INV-0081008', product: 'Vault Professional', subscription: '110004518238', invoice: -60, due: 30, amount: 19_500, currency: 'DKK', status: 'Open', shows: 'unpaid, suspended' },
  { number: 'INV-0081009', product: 'Product Design & Manufacturing Collection', subscription: '110004518239', invoice: -10, due: 30, amount: 21_540, currency: 'DKK', status: 'Open', shows: 'unpaid, not due yet' },
  { number: 'INV-0081010', product: 'Revit', subscription: '110004518240', invoice: -40, due: 30, amount: 5_760, currency: 'DKK', status: 'Paid', shows: 'overpaid by 1,000.00' },
  { number: 'INV-0081011', product: 'BIM Collaborate Pro', subscription: '110004518241', invoice: -40, due: 30, amount: 7_920, currency: 'DKK', status: 'Paid', shows: 'paid, then paid again: a duplicate' },
  { number: 'INV-0081012', product: '3ds Max', subscription: '110004518244', invoice: -40, due: 30, amount: 3_900, currency: 'DKK', status: 'Paid', shows: 'paid by amount, then a payment of the same amount: possible duplicate' },
  { number: 'INV-0081013', product: 'Fusion', subscription: '110004518242', invoice: -25, due: 30, amount: 225, currency: 'DKK', status: 'Open', billing: 'Monthly', shows: 'one payment fits this and the next: ambiguous' },
  { number: 'INV-0081014', product: 'Fusion', subscription: '110004518246', invoice: -25, due: 30, amount: 225, currency: 'DKK', status: 'Open', billing: 'Monthly', shows: 'one payment fits this and the one above: ambiguous' },
  { number: 'CN-0081015', product: 'Maya (seat returned)', subscription: '110004518245', invoice: -30, due: 0, amount: -1_950, currency: 'DKK', status: '', shows: 'a credit memo: listed apart' },
  { number: 'INV-0081016', product: 'AutoCAD', subscription: '110004518247', invoice: -35, due: 30, amount: 5_850, currency: 'DKK', status: 'Void', shows: 'void (reissued with a PO): never matched' },
  { number: 'INV-0081017', product: 'AutoCAD', subscription: '110004518247', invoice: -30, due: `31-11-${ymdFromDay(D).year}`, amount: 5_850, currency: 'DKK', status: 'Open', shows: 'invalid: 31 November does not exist' },
  { number: 'INV-0081018', product: 'Inventor Professional', subscription: '110001873355', invoice: -30, due: 30, amount: 1_580, currency: 'EUR', status: 'Open', shows: 'unpaid: the payment naming it is in DKK' },
  { number: 'INV-0081019', product: 'Autodesk Docs', subscription: '110004518254', invoice: -30, due: 30, po: '4500123456', amount: 13_500, currency: 'DKK', status: 'Open', shows: 'paid by its PO number; Autodesk still says Open' },
];

interface BankRow {
  offset: number;
  text: string;
  amount: number;
  shows: string;
}

/** The bank account's movements in the same weeks: Autodesk's among rent, salaries and customers'. */
const BANK_ROWS: BankRow[] = [
  { offset: -25, text: 'Lønninger november', amount: -312_450, shows: 'not Autodesk' },
  { offset: -24, text: 'Husleje december Ejendomsselskabet Nordhavn', amount: -45_000, shows: 'not Autodesk' },
  { offset: -22, text: 'Autodesk faktura 0081004', amount: -13_625, shows: 'pays INV-0081004 after its cancellation' },
  { offset: -21, text: 'AUTODESK IRELAND 81003', amount: -10_200, shows: 'pays INV-0081003 while suspended' },
  { offset: -18, text: 'Indbetaling Byggefirma Holm A/S fakt. 2026-0412', amount: 125_000, shows: 'incoming' },
  { offset: -15, text: 'AUTODESK IRELAND INV-0081002', amount: -23_040, shows: 'pays INV-0081002 late' },
  { offset: -12, text: 'Autodesk faktura 81001', amount: -39_600, shows: 'pays INV-0081001' },
  { offset: -12, text: 'Autodesk 81011', amount: -7_920, shows: 'pays INV-0081011' },
  { offset: -11, text: 'Autodesk INV-0081010', amount: -6_760, shows: 'pays INV-0081010 with 1,000.00 too much' },
  { offset: -11, text: 'AUTODESK IRELAND OPERATIONS', amount: -3_900, shows: 'pays INV-0081012 by amount' },
  { offset: -9, text: 'AUTODESK IRELAND OPERATIONS', amount: -2_400, shows: 'unmatched: no invoice names or fits it' },
  { offset: -8, text: 'Autodesk 81005 rate 1/2', amount: -4_000, shows: 'part of INV-0081005' },
  { offset: -7, text: 'Dankort-køb Kontorland', amount: -1_249, shows: 'not Autodesk' },
  { offset: -6, text: 'AUTODESK IRELAND', amount: -225, shows: 'ambiguous: INV-0081013 or INV-0081014' },
  { offset: -5, text: 'Autodesk INV-0081018 EUR 1.580,00', amount: -11_790, shows: 'names the EUR invoice, paid in DKK: check by hand' },
  { offset: -4, text: 'Autodesk 81011', amount: -7_920, shows: 'duplicate of INV-0081011' },
  { offset: -3, text: 'AUTODESK IRELAND OPERATIONS', amount: -3_900, shows: 'possible duplicate of INV-0081012' },
  { offset: -2, text: 'Autodesk PO 4500123456', amount: -13_500, shows: 'pays INV-0081019 by its PO' },
  { offset: -1, text: 'Overførsel til opsparing', amount: -50_000, shows: 'not Autodesk' },
  { offset: 2, text: 'Autodesk faktura 81006', amount: -11_780, shows: 'later: after the as-of date' },
];

/** Tegnestuen Vestergaard A/S (the abonnementer.xlsx company): its Danish invoice list. */
const DANISH_INVOICES: SampleInvoice[] = [
  { number: 'INV-0092001', product: 'AEC Collection', subscription: '200001', invoice: -45, due: 30, amount: 118_800, currency: 'DKK', status: 'Betalt', shows: 'betalt til tiden' },
  { number: 'INV-0092002', product: 'Revit', subscription: '200002', invoice: -30, due: 30, amount: 51_300, currency: 'DKK', status: 'Åben', shows: 'ubetalt, forfalder i dag (betalt efter afstemningsdatoen)' },
  { number: 'INV-0092003', product: 'AutoCAD LT', subscription: '200003', invoice: -55, due: 30, amount: 33_000, currency: 'DKK', status: 'Forfalden', shows: 'ubetalt, spærret' },
  { number: 'INV-0092004', product: 'AutoCAD', subscription: '200004', invoice: -40, due: 30, amount: 54_400, currency: 'DKK', status: 'Betalt', shows: 'betalt for sent, mens udløbet' },
  { number: 'INV-0092005', product: 'Civil 3D', subscription: '200005', invoice: -50, due: 30, amount: 37_100, currency: 'DKK', status: 'Åben', shows: 'delvist betalt' },
  { number: 'INV-0092006', product: 'Fusion', subscription: '200006', invoice: -20, due: 30, amount: 1_050, currency: 'DKK', status: 'Betalt', billing: 'Månedlig', shows: 'betalt, og betalt igen: dobbeltbetaling' },
  { number: 'INV-0092007', product: 'Vault Professional', subscription: '200008', invoice: -40, due: 30, amount: 66_500, currency: 'DKK', status: 'Betalt', shows: 'betalt på beløb, og samme beløb igen: mulig dobbeltbetaling' },
  { number: 'INV-0092008', product: 'Navisworks Manage', subscription: '200009', invoice: -40, due: 30, amount: 39_800, currency: 'DKK', status: 'Betalt', shows: 'overbetalt med 1.000,00' },
  { number: 'KN-0092009', product: 'Revit (plads returneret)', subscription: '200011', invoice: -20, due: 0, amount: -17_100, currency: 'DKK', status: '', shows: 'kreditnota' },
  { number: 'INV-0092010', product: 'Maya', subscription: '200012', invoice: -30, due: 30, amount: 14_600, currency: 'DKK', status: 'Annulleret', shows: 'annulleret' },
  { number: 'INV-0092011', product: 'Inventor Professional', subscription: '200007', invoice: -30, due: 30, amount: '45.900', currency: 'DKK', status: 'Åben', shows: 'ugyldig: "45.900" kan være 45900 eller 45,9' },
  { number: 'INV-0092012', product: 'ReCap Pro', subscription: null, invoice: -25, due: 30, po: 'IO-7781', amount: 2_450, currency: 'DKK', status: 'Åben', shows: 'samme indkøbsordre og beløb som den næste: tvetydig' },
  { number: 'INV-0092013', product: 'ReCap Pro', subscription: null, invoice: -25, due: 30, po: 'IO-7781', amount: 2_450, currency: 'DKK', status: 'Åben', shows: 'samme indkøbsordre og beløb som den forrige: tvetydig' },
];

interface LedgerRow {
  date: number | string;
  voucher: number;
  vendor: string;
  invoice: string | null;
  text: string;
  amount: number;
  shows: string;
}

/** The accounts-payable ledger's postings: payments to suppliers, positive amounts. */
const LEDGER_ROWS: LedgerRow[] = [
  { date: -20, voucher: 40117, vendor: 'Ejendomsselskabet Vestergaard', invoice: 'H-2026-12', text: 'Husleje december', amount: 38_000, shows: 'not Autodesk' },
  { date: -16, voucher: 40121, vendor: 'Autodesk Ireland Operations Ltd', invoice: 'INV-0092001', text: 'AEC Collection', amount: 118_800, shows: 'pays INV-0092001' },
  { date: -12, voucher: 40126, vendor: 'Autodesk Ireland Operations Ltd', invoice: '92005', text: 'Civil 3D, rate 1', amount: 20_000, shows: 'part of INV-0092005' },
  { date: -11, voucher: 40127, vendor: 'Autodesk Ireland Operations Ltd', invoice: null, text: 'Vault Professional', amount: 66_500, shows: 'pays INV-0092007 by amount' },
  { date: -9, voucher: 40131, vendor: 'Autodesk Ireland Operations Ltd', invoice: 'INV-0092008', text: 'Navisworks', amount: 40_800, shows: 'pays INV-0092008 with 1.000,00 too much' },
  { date: -8, voucher: 40133, vendor: 'TDC Erhverv', invoice: '55512345', text: 'Telefoni november', amount: 1_899, shows: 'not Autodesk' },
  { date: `31-11-${ymdFromDay(D).year}`, voucher: 40134, vendor: 'Autodesk Ireland Operations Ltd', invoice: 'INV-0092003', text: 'Indtastet manuelt', amount: 33_000, shows: 'invalid: 31 November does not exist' },
  { date: -6, voucher: 40136, vendor: 'Autodesk Ireland Operations Ltd', invoice: 'INV-0092099', text: 'Autodesk', amount: 3_200, shows: 'unmatched: no such invoice, no amount fits' },
  { date: -5, voucher: 40138, vendor: 'Autodesk Ireland Operations Ltd', invoice: 'INV-0092004', text: 'AutoCAD', amount: 54_400, shows: 'pays INV-0092004 late' },
  { date: -4, voucher: 40140, vendor: 'Autodesk Ireland Operations Ltd', invoice: null, text: 'Indkøbsordre IO-7781', amount: 2_450, shows: 'ambiguous: INV-0092012 or INV-0092013' },
  { date: -3, voucher: 40142, vendor: 'Autodesk Ireland Operations Ltd', invoice: 'INV-0092006', text: 'Fusion', amount: 1_050, shows: 'pays INV-0092006' },
  { date: -2, voucher: 40143, vendor: 'Autodesk Ireland Operations Ltd', invoice: null, text: 'Vault', amount: 66_500, shows: 'possible duplicate of INV-0092007' },
  { date: -1, voucher: 40145, vendor: 'Autodesk Ireland Operations Ltd', invoice: 'INV-0092006', text: 'Fusion', amount: 1_050, shows: 'duplicate of INV-0092006' },
  { date: 3, voucher: 40150, vendor: 'Autodesk Ireland Operations Ltd', invoice: 'INV-0092002', text: 'Revit', amount: 51_300, shows: 'later: after the as-of date' },
];

const THIN = { style: 'thin' as const, color: { argb: 'FFBFBFBF' } };

interface SheetLayout {
  readonly name: string;
  readonly title: string;
  readonly subtitle: string;
  readonly headers: readonly string[];
  readonly widths: readonly number[];
  readonly dateFormat: string;
  readonly amountColumns: readonly number[];
  readonly rows: ReadonlyArray<ReadonlyArray<Cell>>;
}

/** A sheet with a title, a subtitle stating the as-of date, a blank row and the header on row 4. */
function addTableSheet(workbook: ExcelJS.Workbook, layout: SheetLayout): void {
  const sheet = workbook.addWorksheet(layout.name, { views: [{ state: 'frozen', ySplit: 4 }] });
  const last = layout.headers.length;
  sheet.getCell(1, 1).value = layout.title;
  sheet.getCell(1, 1).style = { font: { bold: true, size: 14 } };
  sheet.mergeCells(1, 1, 1, last);
  sheet.getCell(2, 1).value = layout.subtitle;
  sheet.getCell(2, 1).style = { font: { italic: true, color: { argb: 'FF595959' } } };
  sheet.mergeCells(2, 1, 2, last);
  layout.headers.forEach((text, i) => {
    const cell = sheet.getRow(4).getCell(i + 1);
    cell.value = text;
    cell.style = { font: { bold: true, color: { argb: 'FFFFFFFF' } }, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E78' } }, border: { bottom: THIN } };
  });
  layout.rows.forEach((values, r) => {
    const row = sheet.getRow(5 + r);
    values.forEach((value, i) => {
      if (value === null || value === '') return;
      const cell = row.getCell(i + 1);
      if (typeof value === 'object') {
        cell.value = new Date(utcMillisFromDay(value.day));
        cell.numFmt = layout.dateFormat;
      } else {
        cell.value = value;
        if (typeof value === 'number' && layout.amountColumns.includes(i)) cell.numFmt = '#,##0.00';
      }
      cell.border = { bottom: THIN };
    });
  });
  layout.widths.forEach((width, i) => {
    sheet.getColumn(i + 1).width = width;
  });
  sheet.autoFilter = { from: { row: 4, column: 1 }, to: { row: 4, column: last } };
}

function invoiceCells(invoice: SampleInvoice, language: 'en' | 'da'): Cell[] {
  const issued = invoice.invoice === null ? null : at(invoice.invoice);
  const due = typeof invoice.due === 'string' ? invoice.due : invoice.invoice === null ? null : at(invoice.invoice + invoice.due);
  const common = [invoice.number, issued, due, invoice.subscription, invoice.product, invoice.po ?? null, invoice.amount, invoice.currency, invoice.status];
  return language === 'en' ? [...common, invoice.billing ?? 'Annual'] : [...common, invoice.billing ?? 'Årlig'];
}

async function writeInvoices(): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Subscription Guard sample (npm run examples)';
  workbook.created = workbook.modified = new Date(utcMillisFromDay(D));
  addTableSheet(workbook, {
    name: 'Invoices',
    title: 'Nordhavn Engineering ApS: Autodesk invoices',
    subtitle: `Reconciled as of ${SAMPLE_AS_OF} against examples/bank-statement.csv (sample data; subscriptions in examples/subscriptions.xlsx)`,
    headers: ['Invoice number', 'Invoice date', 'Due date', 'Subscription ID', 'Product', 'PO number', 'Amount', 'Currency', 'Status', 'Billing period'],
    widths: [15, 13, 13, 16, 40, 13, 13, 10, 10, 14],
    dateFormat: 'yyyy-mm-dd',
    amountColumns: [6],
    rows: ENGLISH_INVOICES.map((invoice) => invoiceCells(invoice, 'en')),
  });
  await workbook.xlsx.writeFile(path.join(FOLDER, 'invoices.xlsx'));
}

function bankStatementCsv(): string {
  const lines = [`Kontoudtog 5478-0001234567 Nordhavn Engineering ApS pr. ${danishDate(D)} (eksempeldata; afstemt mod examples/invoices.xlsx pr. ${danishDate(D)})`];
  lines.push(['Bogføringsdato', 'Tekst', 'Beløb', 'Valuta', 'Saldo'].join(';'));
  let balance = 1_250_000;
  for (const row of [...BANK_ROWS].sort((a, b) => a.offset - b.offset)) {
    balance += row.amount;
    lines.push([danishDate(D + row.offset), row.text, danishAmount(row.amount), 'DKK', danishAmount(balance)].join(';'));
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

async function writeLedger(): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Subscription Guard sample (npm run examples)';
  workbook.created = workbook.modified = new Date(utcMillisFromDay(D));
  addTableSheet(workbook, {
    name: 'Kreditorposter',
    title: 'Tegnestuen Vestergaard A/S: kreditorposter (betalinger)',
    subtitle: `Afstemt pr. ${danishDate(D)} mod arket Fakturaer (eksempeldata; subguard reconcile examples/ap-ledger.xlsx examples/ap-ledger.xlsx --as-of ${SAMPLE_AS_OF})`,
    headers: ['Bogføringsdato', 'Bilag', 'Leverandør', 'Fakturanr.', 'Tekst', 'Beløb', 'Valuta'],
    widths: [15, 8, 34, 14, 24, 13, 8],
    dateFormat: 'dd-mm-yyyy',
    amountColumns: [5],
    rows: LEDGER_ROWS.map((row) => [typeof row.date === 'number' ? at(row.date) : row.date, row.voucher, row.vendor, row.invoice, row.text, row.amount, 'DKK']),
  });
  addTableSheet(workbook, {
    name: 'Fakturaer',
    title: 'Tegnestuen Vestergaard A/S: Autodesk-fakturaer',
    subtitle: `Afstemt pr. ${danishDate(D)} mod arket Kreditorposter (eksempeldata; abonnementerne står i examples/abonnementer.xlsx)`,
    headers: ['Fakturanummer', 'Fakturadato', 'Forfaldsdato', 'Abonnements-ID', 'Produkt', 'Indkøbsordre', 'Beløb', 'Valuta', 'Fakturastatus', 'Faktureringsperiode'],
    widths: [15, 13, 13, 16, 28, 13, 13, 8, 13, 19],
    dateFormat: 'dd-mm-yyyy',
    amountColumns: [6],
    rows: DANISH_INVOICES.map((invoice) => invoiceCells(invoice, 'da')),
  });
  await workbook.xlsx.writeFile(path.join(FOLDER, 'ap-ledger.xlsx'));
}

async function main(): Promise<void> {
  await writeInvoices();
  fs.writeFileSync(path.join(FOLDER, 'bank-statement.csv'), bankStatementCsv());
  await writeLedger();
  console.log(`Wrote examples/invoices.xlsx, examples/bank-statement.csv and examples/ap-ledger.xlsx (dates relative to ${SAMPLE_AS_OF}).`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
