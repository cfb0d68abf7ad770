/**
 * `npm run examples`: writes the sample files that `subguard scan` and the docs use.
 *
 *   examples/subscriptions.xlsx   English headers, title rows above the header, every status
 *   examples/abonnementer.xlsx    the same kind of list with Danish headers and day-first dates
 *   examples/autodesk-export.csv  the layout of Autodesk Account's subscription export
 *
 * Every date is set relative to SAMPLE_AS_OF (src/cli/sample.ts), so each file shows every status
 * (active, due soon, expired, suspended, canceled, not covered, invalid) as of that date:
 * `npm run scan` scans subscriptions.xlsx as of it by default; for the others pass
 * `--as-of 2026-11-26`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { dayFromIso, isoFromDay, utcMillisFromDay, ymdFromDay } from '../src/rules';
import { SAMPLE_AS_OF } from '../src/cli/sample';

const D = dayFromIso(SAMPLE_AS_OF);
const FOLDER = __dirname;

/** A date cell `offset` days from the sample's date. */
const at = (offset: number) => ({ day: D + offset });
type Cell = string | number | { day: number } | null;

interface SampleRow {
  id: string | null;
  contract?: string | null;
  product: string;
  seats: number;
  billing: string;
  terms: string | null;
  renewal?: Cell;
  end?: Cell;
  invoice?: Cell;
  paid?: Cell;
  publicSector?: string;
  amount: number;
  currency: string;
  team: string;
  /** What the row shows, for whoever reads this script (not written to the file). */
  shows: string;
}

/** English sample: 30 subscriptions of a Danish engineering firm, as of SAMPLE_AS_OF. */
const ENGLISH_ROWS: SampleRow[] = [
  { id: '110004518231', product: 'AEC Collection', seats: 12, billing: 'Annual', terms: 'Auto-renew', renewal: at(75), amount: 39_600, currency: 'USD', team: 'Structures', shows: 'active, due in 75 days' },
  { id: '110004518232', product: 'Revit', seats: 8, billing: 'Annual', terms: 'Credit card', renewal: at(15), amount: 23_040, currency: 'USD', team: 'Architecture', shows: 'active, the day before the warning window' },
  { id: '110004518233', product: 'AutoCAD LT', seats: 20, billing: 'Annual', terms: 'Direct debit', renewal: at(14), amount: 10_200, currency: 'USD', team: 'Drafting', shows: 'due soon, first day of the window' },
  { id: '110004518234', product: 'Civil 3D', seats: 5, billing: 'Annual', terms: 'Credit card', renewal: at(6), amount: 13_625, currency: 'USD', team: 'Infrastructure', shows: 'due soon' },
  { id: '110004518235', product: 'Navisworks Manage', seats: 3, billing: 'Annual', terms: 'PayPal', renewal: at(0), amount: 8_775, currency: 'USD', team: 'Coordination', shows: 'due soon: due today' },
  { id: '110004518236', product: 'Inventor Professional', seats: 4, billing: 'Annual', terms: 'Net 30', invoice: at(-21), amount: 11_780, currency: 'EUR', team: 'Machinery', shows: 'due soon: net 30 from the invoice date' },
  { id: '110004518237', product: 'AutoCAD', seats: 15, billing: 'Annual', terms: 'Auto-renew', renewal: at(-1), amount: 29_250, currency: 'USD', team: 'Drafting', shows: 'expired, one day past due' },
  { id: '110004518238', product: 'Vault Professional', seats: 10, billing: 'Annual', terms: 'Direct debit', renewal: at(-15), amount: 19_500, currency: 'USD', team: 'PLM', shows: 'expired, the day before suspension' },
  { id: '110004518239', product: 'Product Design & Manufacturing Collection', seats: 6, billing: 'Annual', terms: 'Invoice', invoice: at(-38), amount: 21_540, currency: 'EUR', team: 'Machinery', shows: 'expired: net 30, invoice 38 days ago' },
  { id: '110004518240', product: 'Revit', seats: 2, billing: 'Annual', terms: 'Credit card', renewal: at(-16), amount: 5_760, currency: 'USD', team: 'Interiors', shows: 'suspended, the suspension date itself' },
  { id: '110004518241', product: 'BIM Collaborate Pro', seats: 9, billing: 'Annual', terms: 'Auto-renew', renewal: at(-33), amount: 7_920, currency: 'USD', team: 'Coordination', shows: 'suspended' },
  { id: '110004518242', product: 'Fusion', seats: 3, billing: 'Monthly', terms: 'Credit card', renewal: at(-20), amount: 225, currency: 'USD', team: 'Prototyping', shows: 'suspended: monthly, cancels 31 days after due' },
  { id: '110004518243', product: 'AEC Collection', seats: 4, billing: '3-year', terms: 'Net 30', invoice: at(-60), amount: 38_940, currency: 'USD', team: 'Structures', shows: 'suspended: net 30, 3-year' },
  { id: '110004518244', product: '3ds Max', seats: 2, billing: 'Annual', terms: 'Credit card', renewal: at(-45), amount: 3_900, currency: 'USD', team: 'Visualisation', shows: 'suspended, the day before cancellation' },
  { id: '110004518245', product: 'Maya', seats: 1, billing: 'Annual', terms: 'PayPal', renewal: at(-46), amount: 1_950, currency: 'USD', team: 'Visualisation', shows: 'canceled, the cancellation date itself' },
  { id: '110004518246', product: 'Fusion', seats: 1, billing: 'Monthly', terms: 'Credit card', renewal: at(-31), amount: 75, currency: 'USD', team: 'Prototyping', shows: 'canceled: monthly, 31 days after due' },
  { id: '110004518247', product: 'AutoCAD', seats: 3, billing: 'Annual', terms: 'Direct debit', renewal: at(-120), paid: at(-70), amount: 5_850, currency: 'USD', team: 'Site office', shows: 'canceled: paid after the cancellation date' },
  { id: '110004518248', product: 'AutoCAD', seats: 10, billing: 'Annual', terms: 'Credit card', renewal: at(-10), paid: at(-12), amount: 19_500, currency: 'USD', team: 'Drafting', shows: 'active: paid before the due date' },
  { id: '110004518249', product: 'Revit', seats: 6, billing: 'Annual', terms: 'Net 30', invoice: at(-50), paid: 'Yes', amount: 17_280, currency: 'USD', team: 'Architecture', shows: 'active: marked paid' },
  { id: '110004518250', product: 'Civil 3D', seats: 2, billing: 'Annual', terms: 'Credit card', renewal: at(-5), paid: at(3), amount: 5_450, currency: 'USD', team: 'Infrastructure', shows: 'expired: the paid date lies after the as-of date' },
  { id: '110004518251', product: 'AutoCAD LT', seats: 25, billing: 'Annual', terms: 'Invoice', invoice: at(-40), publicSector: 'Yes', amount: 12_750, currency: 'DKK', team: 'Municipal office', shows: 'not covered: public sector' },
  { id: null, contract: '110001873355', product: 'Inventor Professional', seats: 2, billing: 'Annual', terms: null, end: at(-25), amount: 5_890, currency: 'USD', team: 'Machinery', shows: 'suspended: reseller-era row, end date only' },
  { id: null, contract: '110001873356', product: 'Advance Steel', seats: 3, billing: '3-year', terms: null, end: at(200), amount: 14_100, currency: 'USD', team: 'Structures', shows: 'active: reseller-era row, end date only' },
  { id: '110004518252', product: 'InfraWorks', seats: 2, billing: 'Annual', terms: 'Credit card', renewal: at(120), amount: 4_100, currency: 'USD', team: 'Infrastructure', shows: 'active' },
  { id: '110004518253', product: 'ReCap Pro', seats: 4, billing: 'Monthly', terms: 'Credit card', renewal: at(9), amount: 220, currency: 'USD', team: 'Survey', shows: 'due soon: monthly' },
  { id: '110004518254', product: 'Autodesk Docs', seats: 30, billing: 'Annual', terms: 'Auto-renew', renewal: at(160), amount: 13_500, currency: 'USD', team: 'All', shows: 'active' },
  { id: '110004518255', product: 'Revit', seats: 3, billing: 'Annual', terms: 'Net 3O', renewal: at(20), amount: 8_640, currency: 'USD', team: 'Architecture', shows: 'invalid: "Net 3O" is not a payment term' },
  { id: '110004518256', product: 'AutoCAD', seats: 1, billing: 'Annual', terms: 'Credit card', renewal: ambiguousText(40), amount: 1_950, currency: 'USD', team: 'Site office', shows: 'invalid: a slash date that reads both ways (--date-order dmy reads it)' },
  { id: '110004518257', product: 'Media & Entertainment Collection', seats: 2, billing: 'Annual', terms: 'Credit card', amount: 6_200, currency: 'USD', team: 'Visualisation', shows: 'invalid: no date' },
  { id: '110004518258', product: 'Civil 3D', seats: 4, billing: 'Weekly', terms: 'Credit card', renewal: at(30), amount: 10_900, currency: 'USD', team: 'Infrastructure', shows: 'invalid: "Weekly" is not a billing period' },
];

/** A day-first slash date as text whose day and month could be swapped (both ≤ 12). */
function ambiguousText(offset: number): string {
  let day = D + offset;
  while (ymdFromDay(day).day > 12 || ymdFromDay(day).day === ymdFromDay(day).month) day++;
  const { year, month, day: dd } = ymdFromDay(day);
  return `${String(dd).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
}

function dateOf(cell: { day: number }): Date {
  return new Date(utcMillisFromDay(cell.day));
}

function isDay(cell: Cell | undefined): cell is { day: number } {
  return typeof cell === 'object' && cell !== null && 'day' in cell;
}

const THIN = { style: 'thin' as const, color: { argb: 'FFBFBFBF' } };

interface Layout {
  readonly title: string;
  readonly subtitle: string;
  readonly sheet: string;
  readonly headers: readonly string[];
  readonly widths: readonly number[];
  readonly dateFormat: string;
  readonly rows: ReadonlyArray<ReadonlyArray<Cell | undefined>>;
  readonly about: ReadonlyArray<readonly string[]>;
  readonly aboutSheet: string;
}

async function writeWorkbook(file: string, layout: Layout): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Subscription Guard sample (npm run examples)';
  workbook.created = workbook.modified = new Date(utcMillisFromDay(D));
  const sheet = workbook.addWorksheet(layout.sheet, { views: [{ state: 'frozen', ySplit: 4 }] });
  const last = layout.headers.length;
  sheet.getCell(1, 1).value = layout.title;
  sheet.getCell(1, 1).style = { font: { bold: true, size: 14 } };
  sheet.mergeCells(1, 1, 1, last);
  sheet.getCell(2, 1).value = layout.subtitle;
  sheet.getCell(2, 1).style = { font: { italic: true, color: { argb: 'FF595959' } } };
  sheet.mergeCells(2, 1, 2, last);
  const header = sheet.getRow(4);
  layout.headers.forEach((text, i) => {
    const cell = header.getCell(i + 1);
    cell.value = text;
    cell.style = { font: { bold: true, color: { argb: 'FFFFFFFF' } }, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E78' } }, border: { bottom: THIN } };
  });
  layout.rows.forEach((values, r) => {
    const row = sheet.getRow(5 + r);
    values.forEach((value, i) => {
      if (value === undefined || value === null) return;
      const cell = row.getCell(i + 1);
      if (isDay(value)) {
        cell.value = dateOf(value);
        cell.numFmt = layout.dateFormat;
      } else {
        cell.value = value;
      }
      cell.border = { bottom: THIN };
    });
  });
  layout.widths.forEach((width, i) => {
    sheet.getColumn(i + 1).width = width;
  });
  sheet.autoFilter = { from: { row: 4, column: 1 }, to: { row: 4, column: last } };
  const about = workbook.addWorksheet(layout.aboutSheet);
  about.getColumn(1).width = 110;
  layout.about.forEach((line, i) => {
    about.getCell(i + 1, 1).value = line[0];
    if (i === 0) about.getCell(i + 1, 1).style = { font: { bold: true } };
  });
  await workbook.xlsx.writeFile(file);
}

function englishWorkbook(): Layout {
  const headers = ['Subscription ID', 'Contract number', 'Product', 'Seats', 'Billing period', 'Payment terms', 'Renewal date', 'End date', 'Invoice date', 'Paid', 'Public sector', 'Amount', 'Currency', 'Team'];
  return {
    title: 'Nordhavn Engineering ApS: Autodesk subscriptions',
    subtitle: `Payment deadlines as of ${SAMPLE_AS_OF} (sample data; \`npm run scan\` scans this file as of that date)`,
    sheet: 'Subscriptions',
    headers,
    widths: [16, 16, 40, 7, 14, 15, 13, 13, 13, 12, 13, 11, 10, 17],
    dateFormat: 'yyyy-mm-dd',
    rows: ENGLISH_ROWS.map((row) => [
      row.id, row.contract ?? null, row.product, row.seats, row.billing, row.terms, row.renewal, row.end, row.invoice, row.paid, row.publicSector ?? 'No', row.amount, row.currency, row.team,
    ]),
    aboutSheet: 'About',
    about: [
      ['About this sample'],
      [`Made by examples/make-sample.ts (npm run examples). Every date is set relative to ${SAMPLE_AS_OF}, the date in the title.`],
      ['`npm run scan` scans this workbook as of that date, so each status shows: active, due soon, expired, suspended, canceled, not covered and invalid.'],
      ['`npm run scan -- --as-of YYYY-MM-DD` scans it as of another day; files you name are scanned as of today unless you pass --as-of.'],
      ['Rows with a contract number and an end date but no renewal date are reseller-era subscriptions: their clock starts on the end date.'],
    ],
  };
}

/** Danish sample: the same kind of list, Danish headers and words, dates day first (cells and text). */
function danishWorkbook(): Layout {
  const text = (offset: number, separator: '.' | '-') => {
    const { year, month, day } = ymdFromDay(D + offset);
    return `${String(day).padStart(2, '0')}${separator}${String(month).padStart(2, '0')}${separator}${year}`;
  };
  const rows: Array<Array<Cell | undefined>> = [
    ['200001', 'AEC Collection', 6, 'Årlig', 'Kreditkort', at(60), null, 'Nej', 'Nej', 118_800, 'DKK', 'aktiv'],
    ['200002', 'Revit', 3, 'Årlig', 'Automatisk fornyelse', text(10, '.'), null, 'Nej', 'Nej', 51_300, 'DKK', 'forfalder snart (tekstdato med punktum)'],
    ['200003', 'AutoCAD LT', 10, 'Årlig', 'Netto 30', null, at(-25), 'Nej', 'Nej', 33_000, 'DKK', 'forfalder snart: netto 30 fra fakturadato'],
    ['200004', 'AutoCAD', 4, 'Årlig', 'Direkte debitering', text(-3, '-'), null, 'Nej', 'Nej', 54_400, 'DKK', 'udløbet (tekstdato med bindestreg)'],
    ['200005', 'Civil 3D', 2, 'Årlig', 'Faktura', null, at(-50), 'Nej', 'Nej', 37_100, 'DKK', 'suspenderet: faktura = netto 30'],
    ['200006', 'Fusion', 2, 'Månedlig', 'Kreditkort', at(-18), null, 'Nej', 'Nej', 1_050, 'DKK', 'suspenderet: månedlig'],
    ['200007', 'Inventor Professional', 1, '3-årig', 'Kreditkort', at(-47), null, 'Nej', 'Nej', 45_900, 'DKK', 'annulleret'],
    ['200008', 'Vault Professional', 5, 'Årlig', 'Kreditkort', at(-20), null, at(-22), 'Nej', 66_500, 'DKK', 'aktiv: betalt før forfald'],
    ['200009', 'Navisworks Manage', 2, 'Årlig', 'Kreditkort', at(-30), null, 'Ja', 'Nej', 39_800, 'DKK', 'aktiv: markeret betalt'],
    ['200010', 'AutoCAD', 8, 'Årlig', 'Faktura', null, at(-35), 'Nej', 'Ja', 108_800, 'DKK', 'ikke omfattet: offentlig'],
    ['200011', 'Revit', 1, 'Årlig', 'Kontant', at(30), null, 'Nej', 'Nej', 17_100, 'DKK', 'ugyldig: ukendt betalingsbetingelse'],
    ['200012', 'Maya', 1, 'Årlig', 'Kreditkort', `31.02.${ymdFromDay(D).year + 1}`, null, 'Nej', 'Nej', 14_600, 'DKK', 'ugyldig: 31. februar findes ikke'],
  ];
  return {
    title: 'Tegnestuen Vestergaard A/S: Autodesk-abonnementer',
    subtitle: `Betalingsfrister pr. ${text(0, '-')} (eksempeldata; subguard scan examples/abonnementer.xlsx --as-of ${SAMPLE_AS_OF} --lang da)`,
    sheet: 'Abonnementer',
    headers: ['Abonnements-ID', 'Produkt', 'Antal pladser', 'Faktureringsperiode', 'Betalingsbetingelser', 'Fornyelsesdato', 'Fakturadato', 'Betalt', 'Offentlig', 'Beløb', 'Valuta', 'Bemærkning'],
    widths: [16, 28, 13, 19, 22, 15, 13, 12, 10, 11, 8, 42],
    dateFormat: 'dd-mm-yyyy',
    rows,
    aboutSheet: 'Om',
    about: [
      ['Om dette eksempel'],
      [`Lavet af examples/make-sample.ts (npm run examples). Alle datoer er sat i forhold til ${SAMPLE_AS_OF}.`],
      [`subguard scan examples/abonnementer.xlsx --as-of ${SAMPLE_AS_OF} --lang da viser hver status.`],
    ],
  };
}

/** Autodesk Account's subscription export: its column names (AD-EXPORT), ISO dates, no payment terms. */
function autodeskExportCsv(): string {
  const columns = ['team_alias', 'subscription_id', 'contract_number', 'offering_name', 'seat_quantity', 'term', 'start_date', 'end_date', 'autorenew_date', 'subscription_status', 'reseller_name'];
  const iso = (offset: number | null) => (offset === null ? '' : isoFromDay(D + offset));
  const rows: Array<[string, string, string, string, number, string, number | null, number | null, number | null, string, string]> = [
    ['Nordhavn', '56780001', '', 'AEC Collection', 12, 'Annual', -290, 75, 75, 'Active', ''],
    ['Nordhavn', '56780002', '', 'Revit', 8, 'Annual', -355, 10, 10, 'Active', ''],
    ['Nordhavn', '56780003', '', 'AutoCAD', 15, 'Annual', -366, -1, -1, 'Expired', ''],
    ['Nordhavn', '56780004', '', 'Civil 3D', 5, 'Annual', -382, -17, -17, 'Suspended', ''],
    ['Nordhavn', '56780005', '', 'Fusion', 3, 'Monthly', -50, -20, -20, 'Suspended', ''],
    ['Nordhavn', '56780006', '', 'Maya', 1, 'Annual', -411, -46, -46, 'Canceled', ''],
    ['Nordhavn', '', '110001873355', 'Inventor Professional', 2, 'Annual', -390, -25, null, 'Expired', 'NTI Danmark'],
    ['Nordhavn', '', '110001873356', 'Advance Steel', 3, '3-Year', -895, 200, null, 'Active', 'NTI Danmark'],
    ['Nordhavn', '56780007', '', 'Navisworks Manage', 3, 'Annual', -365, 0, 0, 'Active', ''],
    ['Nordhavn', '56780008', '', 'Vault Professional', 10, 'Annual', -200, 165, 165, 'Active', ''],
    ['Nordhavn', '56780009', '', 'ReCap Pro', 4, 'Monthly', -21, 9, 9, 'Active', ''],
  ];
  const field = (value: string | number) => {
    const text = String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [columns.join(',')];
  for (const [team, id, contract, offering, seats, term, start, end, renew, status, reseller] of rows) {
    lines.push([team, id, contract, offering, seats, term, iso(start), iso(end), iso(renew), status, reseller].map(field).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

async function main(): Promise<void> {
  await writeWorkbook(path.join(FOLDER, 'subscriptions.xlsx'), englishWorkbook());
  await writeWorkbook(path.join(FOLDER, 'abonnementer.xlsx'), danishWorkbook());
  fs.writeFileSync(path.join(FOLDER, 'autodesk-export.csv'), autodeskExportCsv());
  console.log(`Wrote examples/subscriptions.xlsx, examples/abonnementer.xlsx and examples/autodesk-export.csv (dates relative to ${SAMPLE_AS_OF}).`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
