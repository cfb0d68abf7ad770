import { type CellValue } from '../../src/rules';
import { findHeaderRow, findTableHeader, locateReconcileSheets, tableKindsOf } from '../../src/scan';

const title: CellValue[] = ['Nordhavn Engineering ApS: Autodesk invoices'];
const invoiceHeader: CellValue[] = ['Invoice number', 'Invoice date', 'Due date', 'Amount', 'Currency', 'Status'];
const bankHeader: CellValue[] = ['Bogføringsdato', 'Tekst', 'Beløb', 'Saldo', 'Valuta', 'Besked til modtager'];
const ledgerHeader: CellValue[] = ['Bogføringsdato', 'Leverandør', 'Fakturanr.', 'Tekst', 'Beløb', 'Valuta'];
const danishInvoices: CellValue[] = ['Fakturanummer', 'Fakturadato', 'Forfaldsdato', 'Beløb', 'Valuta', 'Fakturastatus', 'Abonnements-ID'];
const subscriptions: CellValue[] = ['Subscription ID', 'Product', 'Renewal date', 'Amount'];

describe('the header row of each table kind (rules.md §8, §9.1)', () => {
  test('an invoice list below title rows', () => {
    expect(findTableHeader('invoices', [title, ['As of 2026-11-26'], [], invoiceHeader, ['INV-1', 1, 2, 3]])).toEqual({
      index: 3,
      columns: { invoiceNumber: 0, invoiceDate: 1, dueDate: 2, amount: 3, currency: 4, invoiceStatus: 5 },
      referenceColumns: [],
    });
  });

  test('a bank statement, reading both of its text columns', () => {
    expect(findTableHeader('payments', [bankHeader])).toEqual({ index: 0, columns: { paymentDate: 0, reference: 1, amount: 2, currency: 4 }, referenceColumns: [1, 5] });
  });

  test('a subscription list is found exactly as the scan finds it, and is neither invoices nor payments', () => {
    const rows = [title, subscriptions];
    expect(findTableHeader('subscriptions', rows)).toEqual({ ...findHeaderRow(rows), referenceColumns: [] });
    expect(tableKindsOf(rows)).toEqual(['subscriptions']);
  });

  test('an accounts-payable ledger fits both kinds; an invoice list fits invoices (and, by its invoice date, subscriptions)', () => {
    expect(tableKindsOf([ledgerHeader])).toEqual(['invoices', 'payments']);
    expect(tableKindsOf([danishInvoices])).toEqual(['invoices', 'subscriptions']);
    expect(tableKindsOf([bankHeader])).toEqual(['payments']);
  });

  test('only the first 30 rows are searched', () => {
    const rows: CellValue[][] = [...Array.from({ length: 30 }, () => ['note']), invoiceHeader];
    expect(findTableHeader('invoices', rows)).toBeNull();
    expect(findTableHeader('invoices', rows, 31)?.index).toBe(30);
  });
});

describe('which sheets of one workbook hold the invoices and the payments', () => {
  test('a ledger beside a Danish invoice list: the list is the invoices, the ledger the payments', () => {
    const found = locateReconcileSheets([
      { name: 'Om', rows: [['Om dette eksempel']] },
      { name: 'Kreditorposter', rows: [title, ledgerHeader] },
      { name: 'Fakturaer', rows: [danishInvoices] },
    ]);
    expect(found).toEqual({ invoices: 'Fakturaer', payments: 'Kreditorposter', candidates: { invoices: ['Kreditorposter', 'Fakturaer'], payments: ['Kreditorposter'] }, ambiguous: false });
  });

  test('two invoice lists: the first is taken and the choice is marked ambiguous', () => {
    const found = locateReconcileSheets([{ name: '2024', rows: [invoiceHeader] }, { name: '2025', rows: [invoiceHeader] }, { name: 'Bank', rows: [bankHeader] }]);
    expect([found.invoices, found.payments, found.ambiguous]).toEqual(['2024', 'Bank', true]);
  });

  test('never the same sheet for both: a lone ledger holds one table, the other is missing', () => {
    expect(locateReconcileSheets([{ name: 'Ledger', rows: [ledgerHeader] }])).toMatchObject({ invoices: 'Ledger', payments: null });
    expect(locateReconcileSheets([{ name: 'Bank', rows: [bankHeader] }])).toMatchObject({ invoices: null, payments: 'Bank' });
    expect(locateReconcileSheets([])).toMatchObject({ invoices: null, payments: null });
  });
});
