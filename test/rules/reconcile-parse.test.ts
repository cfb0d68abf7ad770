import {
  aliasesOf, columnsNaming, fieldOfHeader, fieldOfHeaderFor, isHeaderRowFor, isOutgoing, mapHeaders, mapHeadersFor, mentionsAutodesk, parseAutodeskStatus,
  parseMoney, parseSignedMoney, signedColumnConvention, COLUMN_ALIASES, HEADER_ALIASES, POLICY, TABLE_KINDS,
  type CellValue, type TableField, type TableKind,
} from '../../src/rules';

/** The subscription aliases as they were before invoices and payments joined the table: they must not change. */
const SUBSCRIPTION_ALIASES_BEFORE: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['renewalDate', ['Renewal date', 'Auto-renew date', 'Autorenew date', 'Next renewal', 'Next renewal date', 'Renewal', 'Fornyelsesdato', 'Fornyelse', 'Næste fornyelse', 'autorenew_date']],
  ['endDate', ['End date', 'Expiry date', 'Expiration date', 'Expires', 'Udløbsdato', 'Slutdato', 'Udløber', 'end_date']],
  ['invoiceDate', ['Invoice date', 'Fakturadato', 'Faktura dato', 'invoice_date']],
  ['terms', ['Terms', 'Payment terms', 'Payment method', 'Betalingsbetingelser', 'Betalingsvilkår', 'Betalingsmetode', 'Betalingsmåde', 'payment_method']],
  ['billing', ['Billing', 'Billing period', 'Billing cycle', 'Term', 'Faktureringsperiode', 'Periode', 'Løbetid', 'term']],
  ['paid', ['Paid', 'Paid date', 'Payment date', 'Date paid', 'Betalt', 'Betalingsdato', 'Betalt dato']],
  ['purchaseDate', ['Purchase date', 'Order date', 'Start date', 'Købsdato', 'Ordredato', 'Startdato', 'start_date']],
  ['publicSector', ['Public sector', 'Government', 'Offentlig', 'Offentlig sektor', 'Offentlig myndighed']],
  ['refundExcluded', ['Unique agreement', 'Enterprise agreement', 'Unique legal agreement', 'Unik aftale', 'Særlig aftale', 'Unik juridisk aftale']],
  ['amount', ['Amount', 'Price', 'Total', 'Net price', 'Beløb', 'Pris', 'Total pris']],
  ['currency', ['Currency', 'Valuta', 'currency']],
  ['id', ['Subscription ID', 'Subscription', 'ID', 'Abonnements-ID', 'Abonnement', 'subscription_id']],
  ['contract', ['Contract number', 'Contract', 'Kontraktnummer', 'Kontrakt', 'contract_number']],
  ['product', ['Product', 'Product name', 'Offering', 'Produkt', 'Produktnavn', 'offering_name']],
  ['seats', ['Seats', 'Quantity', 'Number of seats', 'Antal pladser', 'Antal', 'Pladser', 'seat_quantity']],
];

describe('one alias table for every table kind (rules.md §8, §9.1)', () => {
  test('the subscription aliases are exactly those of before, field by field', () => {
    const now = new Map<string, Set<string>>();
    for (const [field, aliases] of HEADER_ALIASES) for (const alias of aliases) (now.get(field) ?? now.set(field, new Set()).get(field)!).add(alias);
    const before = new Map(SUBSCRIPTION_ALIASES_BEFORE.map(([field, aliases]) => [field, new Set(aliases)]));
    expect(now).toEqual(before);
    for (const [field, aliases] of SUBSCRIPTION_ALIASES_BEFORE) for (const alias of aliases) expect(fieldOfHeader(alias)).toBe(field);
  });

  test.each(['Invoice number', 'Due date', 'Dato', 'Tekst', 'Debet', 'Kredit', 'Modtager', 'Fakturastatus', 'PO number', 'Bilagsnummer', 'I alt'])('%p is no subscription header', (header) => {
    expect(fieldOfHeader(header)).toBeNull();
    expect(fieldOfHeaderFor('subscriptions', header)).toBeNull();
  });

  test.each<[TableKind, string, TableField]>([
    ['invoices', 'Invoice number', 'invoiceNumber'], ['invoices', 'Invoice #', 'invoiceNumber'], ['invoices', 'Faktura nr.', 'invoiceNumber'], ['invoices', 'Fakturanr', 'invoiceNumber'],
    ['invoices', 'invoice_number', 'invoiceNumber'], ['invoices', 'Bilagsnummer', 'invoiceNumber'], ['invoices', 'Document number', 'invoiceNumber'],
    ['invoices', 'Document date', 'invoiceDate'], ['invoices', 'Fakturadato', 'invoiceDate'], ['invoices', 'Payment due', 'dueDate'], ['invoices', 'Forfald', 'dueDate'],
    ['invoices', 'Betalingsfrist', 'dueDate'], ['invoices', 'due_date', 'dueDate'], ['invoices', 'Amount due', 'amount'], ['invoices', 'Gross amount', 'amount'],
    ['invoices', 'Fakturabeløb', 'amount'], ['invoices', 'I alt', 'amount'], ['invoices', 'Total', 'amount'], ['invoices', 'Valuta', 'currency'],
    ['invoices', 'Purchase order', 'poNumber'], ['invoices', 'Indkøbsordre', 'poNumber'], ['invoices', 'Rekvisitionsnummer', 'poNumber'], ['invoices', 'po_number', 'poNumber'],
    ['invoices', 'Subscription ID', 'id'], ['invoices', 'Kontraktnummer', 'contract'], ['invoices', 'Invoice status', 'invoiceStatus'], ['invoices', 'Status', 'invoiceStatus'],
    ['invoices', 'Betalingsbetingelser', 'terms'], ['invoices', 'Term', 'billing'],
    ['payments', 'Date', 'paymentDate'], ['payments', 'Booking date', 'paymentDate'], ['payments', 'Posting date', 'paymentDate'], ['payments', 'Value date', 'paymentDate'],
    ['payments', 'Bogføringsdato', 'paymentDate'], ['payments', 'Betalingsdato', 'paymentDate'], ['payments', 'Valørdato', 'paymentDate'], ['payments', 'Rentedato', 'paymentDate'],
    ['payments', 'Beløb', 'amount'], ['payments', 'Paid out', 'debit'], ['payments', 'Udbetalt', 'debit'], ['payments', 'Paid in', 'credit'], ['payments', 'Indbetalt', 'credit'],
    ['payments', 'Description', 'reference'], ['payments', 'Posteringstekst', 'reference'], ['payments', 'Besked til modtager', 'reference'], ['payments', 'Meddelelse', 'reference'],
    ['payments', 'Beneficiary', 'payee'], ['payments', 'Leverandør', 'payee'], ['payments', 'Kreditor', 'payee'], ['payments', 'Fakturanummer', 'invoiceNumber'],
    ['subscriptions', 'Payment date', 'paid'], ['subscriptions', 'Betalingsdato', 'paid'],
  ])('in a %s table %p is %s', (kind, header, field) => {
    expect(fieldOfHeaderFor(kind, header)).toBe(field);
  });

  test('no alias names two columns of one kind', () => {
    for (const kind of TABLE_KINDS) {
      const seen = new Map<string, TableField>();
      for (const [field, aliases] of aliasesOf(kind)) {
        for (const alias of aliases) {
          const key = alias.toLowerCase().replace(/[^a-z0-9æøå]/g, '');
          if (seen.has(key)) expect(seen.get(key)).toBe(field);
          seen.set(key, field);
        }
      }
    }
    expect(COLUMN_ALIASES.length).toBeGreaterThan(HEADER_ALIASES.length);
  });

  test('mapping subscriptions by kind is exactly mapHeaders', () => {
    const row: CellValue[] = ['Subscription ID', 'Renewal date', 'Renewal', 'Amount', 'Payment date', 'Dato'];
    expect(mapHeadersFor('subscriptions', row)).toEqual(mapHeaders(row));
  });

  test('an invoice list with "Bilagsnummer" left of "Fakturanummer" takes the invoice number as the number', () => {
    expect(mapHeadersFor('invoices', ['Bilagsnummer', 'Fakturanummer', 'Beløb'])).toEqual({ invoiceNumber: 1, amount: 2 });
  });

  test('a bank statement takes its most specific date and reads every text column', () => {
    const header: CellValue[] = ['Dato', 'Valørdato', 'Tekst', 'Beløb', 'Besked til modtager'];
    expect(mapHeadersFor('payments', header)).toEqual({ paymentDate: 1, reference: 2, amount: 3 });
    expect(columnsNaming('payments', header, 'reference')).toEqual([2, 4]);
  });

  test.each<[TableKind, CellValue[], boolean]>([
    ['invoices', ['Invoice number', 'Amount'], true],
    ['invoices', ['Invoice number', 'Due date'], false],
    ['invoices', ['Amount', 'Due date', 'Currency'], false],
    ['payments', ['Date', 'Amount'], true],
    ['payments', ['Bogføringsdato', 'Debet', 'Kredit'], true],
    ['payments', ['Dato', 'Indbetalt'], true],
    ['payments', ['Tekst', 'Beløb'], false],
    ['payments', ['Dato', 'Tekst'], false],
    ['subscriptions', ['Subscription ID', 'Renewal date'], true],
    ['subscriptions', ['Invoice number', 'Amount'], false],
  ])('a %s header row %p: %s', (kind, header, expected) => {
    expect(isHeaderRowFor(kind, mapHeadersFor(kind, header))).toBe(expected);
  });
});

describe('signed amounts beside parseMoney (rules.md §9.1, §8 number forms)', () => {
  test.each<[CellValue, number, string | null]>([
    [-1234.5, -1234.5, null],
    [0, 0, null],
    ['-1.234,50', -1234.5, null],
    ['-1234,50', -1234.5, null],
    ['−1234.50', -1234.5, null], // U+2212 minus
    ['1.234,50-', -1234.5, null], // trailing minus of some Danish ledgers
    ['(1,234.50)', -1234.5, null], // the accountant's parentheses
    ['-$1,234.50', -1234.5, 'USD'],
    ['$-5.00', -5, 'USD'],
    ['DKK -500,00', -500, 'DKK'],
    ['kr. -1.234,50', -1234.5, 'DKK'],
    ['-1.234,50 kr.', -1234.5, 'DKK'],
    ['+250,00', 250, null],
    ['500,-', 500, null], // whole kroner, not a minus
    ['1 234,50', 1234.5, null],
    ['-0', 0, null],
  ])('%p is %p %p', (value, amount, currency) => {
    expect(parseSignedMoney(value)).toEqual({ ok: true, value: { amount, currency } });
  });

  test.each<CellValue>(['-4,500', '4.500', '--5', '-(5)', '+-5', '12-34', '-', 'abc', '', null, true, Number.NaN, Infinity])('%p is refused, never guessed', (value) => {
    expect(parseSignedMoney(value)).toMatchObject({ ok: false, reason: 'bad-amount' });
  });

  test('parseMoney still refuses negatives, for subscriptions', () => {
    expect(parseMoney(-5)).toMatchObject({ ok: false });
    expect(parseMoney('-1.234,50')).toMatchObject({ ok: false });
    expect(parseMoney('4.500,00 kr.')).toEqual({ ok: true, value: { amount: 4500, currency: 'DKK' } });
  });
});

describe('the values of rules.md §9.1', () => {
  test.each<[CellValue, string | null]>([
    ['Paid', 'paid'], ['Betalt', 'paid'], ['Open', 'open'], ['Unpaid', 'open'], ['Åben', 'open'], ['ÅBEN', 'open'], ['Ubetalt', 'open'], ['Past due', 'past-due'],
    ['Overdue', 'past-due'], ['Forfalden', 'past-due'], ['Canceled', 'void'], ['Cancelled', 'void'], ['Void', 'void'], ['Annulleret', 'void'], ['', null], [null, null],
  ])('Autodesk\'s status %p is %p', (value, status) => {
    expect(parseAutodeskStatus(value)).toEqual({ ok: true, value: status });
  });

  test.each<CellValue>(['Krediteret', 'Partly', 'Aaben', 7, true])('status %p is refused', (value) => {
    expect(parseAutodeskStatus(value)).toMatchObject({ ok: false, reason: 'unknown-invoice-status' });
  });

  test('one negative amount makes the column a bank statement; none, a ledger', () => {
    expect(signedColumnConvention([100, -5, 20])).toBe('bank');
    expect(signedColumnConvention([100, 0, 20])).toBe('ledger');
    expect(signedColumnConvention([])).toBe('ledger');
    expect([isOutgoing(-5, 'bank'), isOutgoing(5, 'bank'), isOutgoing(5, 'ledger')]).toEqual([true, false, true]);
  });

  test.each<[string, boolean]>([['AUTODESK IRELAND OPERATIONS', true], ['Betaling til autodesk.com', true], ['Auto desk', false], ['Ejendomsselskabet', false]])('%p names Autodesk: %s', (text, yes) => {
    expect(mentionsAutodesk(text)).toBe(yes);
  });
});

describe('the reconciliation policy is the one rules.md §9 gives', () => {
  test('each value, with its source', () => {
    expect([
      POLICY.reconcileTolerance.value, POLICY.amountWindowBeforeInvoice.value, POLICY.amountWindowAfterDue.value, POLICY.minimumKeyLength.value,
      POLICY.minimumDigitRun.value, POLICY.noInvoiceLookBackDays.value, POLICY.invoiceDefaultNetDays.value,
    ]).toEqual([0.01, 14, 90, 5, 5, 60, 30]);
    for (const key of ['reconcileTolerance', 'amountWindowBeforeInvoice', 'amountWindowAfterDue', 'minimumKeyLength', 'noInvoiceLookBackDays', 'invoiceDefaultNetDays'] as const) {
      expect(POLICY[key].source).toMatch(/^rules\.md §9\.\d: "/);
    }
  });
});
