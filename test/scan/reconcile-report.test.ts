import { dayFromIso, serialFromDay, type CellValue } from '../../src/rules';
import { reconcile, reconcileJson, ReconcileTableProblem, type SheetRow, reconcileSettings } from '../../src/scan';

const asOf = dayFromIso('2025-03-01');
const d = (iso: string) => ({ day: dayFromIso(iso) });
const sheet = (rows: CellValue[][], first = 1): SheetRow[] => rows.map((values, i) => ({ row: first + i, values }));

// As of 2025-03-01, W = 14; every figure below is worked out by hand.
const INVOICES: CellValue[][] = [
  ['Invoice number', 'Due date', 'Amount', 'Currency'],
  ['INV-0070101', d('2025-02-19'), 1000, 'DKK'], // unpaid, suspended on 03-07: within the window
  ['INV-0070102', d('2025-02-13'), 2000, 'DKK'], // 500 paid; suspended since 03-01 (today)
  ['INV-0070103', d('2025-01-10'), 300, 'EUR'], // unpaid, canceled on 02-25
  ['INV-0070104', d('2025-02-19'), 800, 'DKK'], // paid, then paid again: a duplicate
  ['INV-0070105', d('2025-02-19'), 100, 'USD'], // overpaid by 50
];
const PAYMENTS: CellValue[][] = [
  ['Date', 'Payee', 'Text', 'Amount', 'Currency'],
  [d('2025-02-10'), 'Autodesk', 'INV-0070102', -500, 'DKK'],
  [d('2025-02-10'), 'Autodesk', 'INV-0070104', -800, 'DKK'],
  [d('2025-02-12'), 'Autodesk', 'INV-0070104', -800, 'DKK'],
  [d('2025-02-10'), 'Autodesk', 'INV-0070105', -150, 'USD'],
  [d('2025-02-11'), 'Autodesk', 'Betaling', -444, 'DKK'],
  [d('2025-02-11'), 'Ejendomsselskabet Nord', 'Husleje', -1000, 'DKK'],
  [d('2025-02-12'), 'Kunde A/S', 'Indbetaling', 50, 'DKK'],
];

describe('a reconciliation report', () => {
  const report = reconcile({ invoices: { rows: sheet(INVOICES) }, payments: { rows: sheet(PAYMENTS) } }, reconcileSettings({ asOf }));

  test('the summary of rules.md §9.5', () => {
    expect(report.summary).toEqual({
      invoices: { unpaid: 2, partial: 1, paid: 1, 'paid-late': 0, overpaid: 1, 'credit-memo': 0, void: 0, invalid: 0 },
      payments: { matched: 3, ambiguous: 0, duplicate: 1, 'possible-duplicate': 0, unmatched: 1, incoming: 1, 'not-autodesk': 1, later: 0, invalid: 0 },
      open: { DKK: 2500, EUR: 300 },
      openSuspendingSoon: { DKK: 1000 },
      openSuspended: { DKK: 1500 },
      openCanceled: { EUR: 300 },
      unmatched: { count: 1, amount: { DKK: 444 } },
      ambiguous: { count: 0, amount: {} },
      duplicate: { count: 1, amount: { DKK: 800 } },
      possibleDuplicate: { count: 0, amount: {} },
      claimBack: { DKK: 800, USD: 50 },
      subscriptions: null,
    });
  });

  test('the JSON contract of issue 12: every field a script reads, with sheet rows', () => {
    const json = JSON.parse(JSON.stringify(reconcileJson(report)));
    expect(json.asOf).toBe('2025-03-01');
    expect(json.invoices[1]).toMatchObject({
      row: 3, number: 'INV-0070102', outcome: 'partial', stage: 'suspended', amount: 2000, paid: 500, open: 1500, currency: 'DKK',
      dueDate: '2025-02-13', suspensionDate: '2025-03-01', cancellationDate: '2025-03-31', payments: [2], flags: [],
    });
    expect(json.invoices[1].explanation).toMatch(/^Pay DKK 1,500\.00 now to get access back/);
    expect(json.payments[2]).toMatchObject({ row: 4, outcome: 'duplicate', invoices: ['INV-0070104'], amount: 800, currency: 'DKK' });
    expect(json.payments[2].explanation).toMatch(/^Claim back DKK 800\.00/);
    for (const invoice of json.invoices) {
      expect(Object.keys(invoice)).toEqual(expect.arrayContaining(['row', 'number', 'outcome', 'stage', 'amount', 'paid', 'open', 'currency', 'dueDate', 'suspensionDate', 'cancellationDate', 'payments', 'flags', 'explanation']));
    }
    for (const payment of json.payments) expect(Object.keys(payment)).toEqual(expect.arrayContaining(['row', 'outcome', 'invoices', 'amount', 'currency', 'explanation']));
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['asOf', 'invoices', 'payments', 'summary']));
  });

  test('the explanations are Danish with --lang da, and the codes are the same', () => {
    const danish = reconcile({ invoices: { rows: sheet(INVOICES) }, payments: { rows: sheet(PAYMENTS) } }, reconcileSettings({ asOf, locale: 'da' }));
    expect(danish.invoices[0].explanation).toBe(
      'Betal 1.000,00 DKK inden 2025-03-07 (om 6 dage) for at beholde adgangen: fakturaen forfaldt 2025-02-19; ubetalt spærres softwaren (suspenderes) den dag, og abonnementet annulleres 2025-04-06.',
    );
    expect(danish.invoices.map((r) => r.messages)).toEqual(report.invoices.map((r) => r.messages));
  });
});

describe('the tables as they come', () => {
  test('title rows, blank rows and a table that starts in column C: rows and cells are the sheet\'s', () => {
    const invoices = sheet([['Autodesk invoices'], [], [null, null, 'Invoice number', 'Due date', 'Amount'], [null, null, 'INV-0070101', '30.02.2025', 1000], [], [null, null, 'INV-0070102', d('2025-02-19'), 1000]]);
    const report = reconcile({ invoices: { rows: invoices }, payments: { rows: sheet([['Date', 'Amount'], [d('2025-02-10'), 1000]]) } }, reconcileSettings({ asOf }));
    expect(report.tables.invoices).toEqual({ headerRow: 3, columns: { invoiceNumber: 2, dueDate: 3, amount: 4 }, dataRows: 2 });
    expect(report.invoices.map((r) => [r.row, r.outcome, r.cell])).toEqual([[4, 'invalid', 'D4'], [6, 'paid', null]]);
  });

  test('values that start in a later column: firstColumn shifts the cell named', () => {
    const report = reconcile(
      { invoices: { rows: sheet([['Invoice number', 'Due date', 'Amount'], ['INV-0070101', 'someday', 1000]]), firstColumn: 3 }, payments: { rows: sheet([['Date', 'Amount']]) } },
      reconcileSettings({ asOf }),
    );
    expect(report.invoices[0].cell).toBe('E2');
  });

  test('a header set by the user (the pane\'s column mapping) is used as given', () => {
    const rows = sheet([['Nr', 'Forfalder', 'Sum'], ['INV-0070101', d('2025-02-19'), 1000]]);
    const report = reconcile(
      { invoices: { rows, header: { row: 1, columns: { invoiceNumber: 0, dueDate: 1, amount: 2 } } }, payments: { rows: sheet([['Date', 'Amount'], [d('2025-02-10'), 1000]]) } },
      reconcileSettings({ asOf }),
    );
    expect(report.invoices[0]).toMatchObject({ outcome: 'paid', payments: [2] });
  });

  test('serial numbers follow each table\'s date system', () => {
    const due = dayFromIso('2025-02-19');
    const report = reconcile(
      {
        invoices: { rows: sheet([['Invoice number', 'Due date', 'Amount'], ['INV-0070101', serialFromDay(due, '1904'), 1000]]), dateSystem: '1904' },
        payments: { rows: sheet([['Date', 'Text', 'Amount'], [serialFromDay(due, '1900'), 'INV-0070101', -1000]]) },
      },
      reconcileSettings({ asOf }),
    );
    expect(report.invoices[0]).toMatchObject({ dueDate: '2025-02-19', outcome: 'paid', lastPaidDate: '2025-02-19' });
  });

  test('a slash date that reads both ways is refused unless the order is stated', () => {
    const tables = { invoices: { rows: sheet([['Invoice number', 'Due date', 'Amount'], ['INV-0070101', '03/02/2025', 1000]]) }, payments: { rows: sheet([['Date', 'Amount']]) } };
    expect(reconcile(tables, reconcileSettings({ asOf })).invoices[0]).toMatchObject({ outcome: 'invalid', reason: 'ambiguous-date', cell: 'B2' });
    expect(reconcile(tables, reconcileSettings({ asOf, dateOrder: 'dmy' })).invoices[0]).toMatchObject({ outcome: 'unpaid', dueDate: '2025-02-03' });
  });

  test('formula-looking text stays text in every field', () => {
    const hostile = '=HYPERLINK("http://example.invalid","INV-0070101")';
    const report = reconcile(
      {
        invoices: { rows: sheet([['Invoice number', 'Due date', 'Amount', 'PO number'], [hostile, d('2025-02-19'), 1000, '@SUM(A1)']]) },
        payments: { rows: sheet([['Date', 'Text', 'Amount'], [d('2025-02-10'), `+cmd|' /C calc'!A0 Autodesk 70101`, -1000]]) },
      },
      reconcileSettings({ asOf }),
    );
    const json = JSON.parse(JSON.stringify(reconcileJson(report)));
    expect(json.invoices[0].number).toBe(hostile);
    expect(report.invoices[0].po).toBe('@SUM(A1)');
    expect(json.payments[0].invoices).toEqual([hostile]);
    expect(json.payments[0].explanation).toContain(hostile);
  });

  test('a table without a recognisable header is a named problem, not a guess', () => {
    const call = () => reconcile({ invoices: { rows: sheet([['Nr', 'Sum']]) }, payments: { rows: sheet([['Date', 'Amount']]) } }, reconcileSettings({ asOf }));
    expect(call).toThrow(ReconcileTableProblem);
    expect(call).toThrow('no-header: invoices');
  });

  test('a tolerance or warning window outside the policy is a programmer mistake', () => {
    expect(() => reconcileSettings({ asOf, tolerance: -1 })).toThrow(RangeError);
    expect(() => reconcileSettings({ asOf, tolerance: 1000 })).toThrow(RangeError);
    expect(() => reconcileSettings({ asOf, warningDays: -1 })).toThrow(RangeError);
    // A hand-made settings object past the policy is refused by the rules themselves.
    const tables = { invoices: { rows: sheet([['Invoice number', 'Amount']]) }, payments: { rows: sheet([['Date', 'Amount']]) } };
    expect(() => reconcile(tables, { ...reconcileSettings({ asOf }), tolerance: 1000 })).toThrow(RangeError);
  });

  test('an empty payments table leaves every invoice open', () => {
    const report = reconcile({ invoices: { rows: sheet(INVOICES) }, payments: { rows: sheet([['Date', 'Amount']]) } }, reconcileSettings({ asOf }));
    expect(report.invoices.map((r) => r.outcome)).toEqual(['unpaid', 'unpaid', 'unpaid', 'unpaid', 'unpaid']);
    expect(report.payments).toEqual([]);
  });
});
