/**
 * The bundled reconciliation samples (examples/make-reconcile-samples.ts), read with the product's
 * own file readers, reconciled through the pipeline as of the date their titles state.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SAMPLE_AS_OF } from '../../src/cli/sample';
import { decodeCsvBytes, inflateWithZlib, openWorkbookBytes, parseCsvFromText } from '../../src/files';
import { dayFromIso, INVOICE_OUTCOMES, PAYMENT_OUTCOMES, type DateSystem, type InvoiceOutcome, type PaymentOutcome } from '../../src/rules';
import { locateReconcileSheets, reconcile, type ReconcileReport, type SheetRow, reconcileSettings } from '../../src/scan';

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');
const asOf = dayFromIso(SAMPLE_AS_OF);

async function workbookSheets(file: string): Promise<{ system: DateSystem; sheets: Array<{ name: string; rows: SheetRow[] }> }> {
  const bytes = new Uint8Array(fs.readFileSync(path.join(EXAMPLES, file)));
  const { source } = await openWorkbookBytes(bytes, file, file, { inflate: inflateWithZlib });
  const sheets: Array<{ name: string; rows: SheetRow[] }> = [];
  for await (const sheet of source.sheets()) {
    const rows: SheetRow[] = [];
    for await (const batch of sheet.rows()) for (const row of batch) rows.push({ row: row.number, values: row.values });
    sheets.push({ name: sheet.name, rows });
  }
  return { system: source.dateSystem, sheets };
}

function csvRows(file: string): SheetRow[] {
  return parseCsvFromText(decodeCsvBytes(fs.readFileSync(path.join(EXAMPLES, file)))).map((record) => ({ row: record.line, values: record.values }));
}

const outcomes = (report: ReconcileReport) => ({
  invoices: new Set<InvoiceOutcome>(report.invoices.map((r) => r.outcome)),
  payments: new Set<PaymentOutcome>(report.payments.map((r) => r.outcome)),
});

describe('the reconciliation samples', () => {
  let bank: ReconcileReport;
  let ledger: ReconcileReport;
  let withSubscriptions: ReconcileReport;

  beforeAll(async () => {
    const invoices = await workbookSheets('invoices.xlsx');
    const subscriptions = await workbookSheets('subscriptions.xlsx');
    const invoiceTable = { rows: invoices.sheets[0].rows, dateSystem: invoices.system };
    bank = reconcile({ invoices: invoiceTable, payments: { rows: csvRows('bank-statement.csv') } }, reconcileSettings({ asOf }));
    withSubscriptions = reconcile(
      { invoices: invoiceTable, payments: { rows: csvRows('bank-statement.csv') }, subscriptions: { rows: subscriptions.sheets[0].rows, dateSystem: subscriptions.system } },
      reconcileSettings({ asOf, locale: 'da' }),
    );
    const book = await workbookSheets('ap-ledger.xlsx');
    const found = locateReconcileSheets(book.sheets.map((sheet) => ({ name: sheet.name, rows: sheet.rows.slice(0, 30).map((row) => row.values) })));
    expect([found.invoices, found.payments, found.ambiguous]).toEqual(['Fakturaer', 'Kreditorposter', false]);
    const sheet = (name: string | null) => ({ rows: book.sheets.find((s) => s.name === name)!.rows, dateSystem: book.system });
    ledger = reconcile({ invoices: sheet(found.invoices), payments: sheet(found.payments) }, reconcileSettings({ asOf, locale: 'da' }));
  });

  test('each file states the as-of date it is reconciled as of', async () => {
    const invoices = await workbookSheets('invoices.xlsx');
    expect(String(invoices.sheets[0].rows[1].values[0])).toContain(SAMPLE_AS_OF);
    expect(fs.readFileSync(path.join(EXAMPLES, 'bank-statement.csv'), 'utf8').split(/\r?\n/)[0]).toContain(SAMPLE_AS_OF.split('-').reverse().join('-'));
    const book = await workbookSheets('ap-ledger.xlsx');
    for (const sheet of book.sheets) expect(String(sheet.rows[1].values[0])).toContain(SAMPLE_AS_OF.split('-').reverse().join('-'));
  });

  test('the bank statement is read as the Danish export it is: header on line 2, signed comma amounts, dd-mm-yyyy', () => {
    expect(bank.tables.payments).toMatchObject({ headerRow: 2, columns: { paymentDate: 0, reference: 1, amount: 2, currency: 3 } });
    expect(bank.payments.every((p) => p.outcome !== 'invalid')).toBe(true);
    expect(bank.payments.find((p) => p.outcome === 'incoming')).toMatchObject({ amount: 125000, currency: 'DKK' });
  });

  test('together the samples show every invoice outcome and every payment outcome of rules.md §9', () => {
    const a = outcomes(bank);
    const b = outcomes(ledger);
    expect(INVOICE_OUTCOMES.filter((o) => !a.invoices.has(o) && !b.invoices.has(o))).toEqual([]);
    expect(PAYMENT_OUTCOMES.filter((o) => !a.payments.has(o) && !b.payments.has(o))).toEqual([]);
    // Each pair on its own: the invoice list and the Danish list show every invoice outcome.
    expect([...a.invoices].sort()).toEqual([...INVOICE_OUTCOMES].sort());
    expect([...b.invoices].sort()).toEqual([...INVOICE_OUTCOMES].sort());
    expect(PAYMENT_OUTCOMES.filter((o) => !a.payments.has(o))).toEqual(['invalid']);
    expect(PAYMENT_OUTCOMES.filter((o) => !b.payments.has(o))).toEqual(['incoming']);
  });

  test('the English list against the bank: the rows its script says', () => {
    const byNumber = new Map(bank.invoices.map((r) => [r.number, r]));
    expect(byNumber.get('INV-0081003')).toMatchObject({ outcome: 'paid-late', stage: 'suspended', flags: ['autodesk-says-open'] });
    expect(byNumber.get('INV-0081004')).toMatchObject({ outcome: 'paid-late', stage: 'canceled', claimBack: 13625 });
    expect(byNumber.get('INV-0081005')).toMatchObject({ outcome: 'partial', paid: 4000, open: 4775, stage: 'expired' });
    expect(byNumber.get('INV-0081010')).toMatchObject({ outcome: 'overpaid', surplus: 1000 });
    expect(byNumber.get('INV-0081017')).toMatchObject({ outcome: 'invalid', reason: 'bad-date', cell: 'C21' });
    expect(byNumber.get('INV-0081018')).toMatchObject({ outcome: 'unpaid', flags: ['other-currency'] });
    expect(byNumber.get('INV-0081019')).toMatchObject({ outcome: 'paid', flags: ['autodesk-says-open'] });
    expect(bank.payments.filter((p) => p.outcome === 'ambiguous').map((p) => p.invoices)).toEqual([['INV-0081013', 'INV-0081014']]);
    expect(bank.payments.filter((p) => p.outcome === 'not-autodesk')).toHaveLength(4);
    expect(bank.summary.claimBack).toEqual({ DKK: 13625 + 1000 + 7920 });
  });

  test('the Danish ledger: vendor and invoice-number columns, the voucher column ignored, Danish explanations', () => {
    expect(ledger.tables.payments.columns).toEqual({ paymentDate: 0, payee: 2, invoiceNumber: 3, reference: 4, amount: 5, currency: 6 });
    const invalid = ledger.payments.find((p) => p.outcome === 'invalid');
    expect(invalid).toMatchObject({ reason: 'bad-date', cell: 'A11' });
    expect(invalid?.explanation).toMatch(/^Ret celle A11 \(betalingsdato\)/);
    expect(ledger.invoices.find((r) => r.number === 'INV-0092011')).toMatchObject({ outcome: 'invalid', reason: 'bad-amount' });
    expect(ledger.payments.find((p) => p.outcome === 'duplicate')?.explanation).toBe('Kræv 1.050,00 DKK tilbage: faktura INV-0092006 var allerede betalt fuldt ud før denne betaling.');
  });

  test('with examples/subscriptions.xlsx, renewals no invoice names are flagged no-invoice (§9.4)', () => {
    const subscriptions = withSubscriptions.subscriptions!;
    const outcomeOf = (id: string) => subscriptions.find((s) => s.id === id)?.outcome;
    expect(outcomeOf('110004518231')).toBe('invoiced');
    expect(outcomeOf('110004518248')).toBe('no-invoice'); // renewed 10 days ago, no invoice in the list
    expect(outcomeOf('110004518253')).toBe('no-invoice'); // renews in 9 days
    expect(outcomeOf('110004518252')).toBe('outside-window'); // renews in 120 days
    expect(outcomeOf('110004518251')).toBe('not-covered'); // public sector
    expect(outcomeOf('110001873355')).toBe('invoiced'); // a contract number listed in the invoice's subscription cell
    expect(withSubscriptions.invoices.find((r) => r.number === 'INV-0081001')?.subscriptions).toEqual([5]);
    expect(subscriptions.find((s) => s.outcome === 'no-invoice')?.explanation).toMatch(/^Bed Autodesk om fakturaen: abonnement 1100045182\d\d har fornyelsesdato/);
  });
});
