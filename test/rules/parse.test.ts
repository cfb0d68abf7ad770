import {
  dayFromIso, effectiveCurrency, fieldOfHeader, isHeaderRow, mapHeaders, parseBilling, parseCurrency, parseDate, parseMoney, parsePayment, parseTerms, parseYesNo,
  type CellValue, type DateOrder, type DateSystem,
} from '../../src/rules';

const day = (iso: string) => dayFromIso(iso);

describe('dates from cells and text', () => {
  test.each<[CellValue, DateOrder | null, DateSystem, string]>([
    [45688, null, '1900', '2025-01-31'],
    [44226, null, '1904', '2025-01-31'],
    ['45688', null, '1900', '2025-01-31'], // a serial written as text, as CSV files hold it
    ['2025-01-31', null, '1900', '2025-01-31'],
    ['2025-1-31', null, '1900', '2025-01-31'],
    ['2025/01/31', null, '1900', '2025-01-31'],
    ['2025-01-31T00:00:00', null, '1900', '2025-01-31'],
    ['2025-01-31 13:45', null, '1900', '2025-01-31'],
    ['2025-01-31T23:30:00Z', null, '1900', '2025-01-31'],
    ['31-01-2025', null, '1900', '2025-01-31'],
    ['31.01.2025', null, '1900', '2025-01-31'],
    ['31.01.2025.', null, '1900', '2025-01-31'],
    ['3.4.2025', null, '1900', '2025-04-03'], // dots are always day first
    ['03-04-2025', null, '1900', '2025-04-03'], // so are dashes
    ['31/01/2025', null, '1900', '2025-01-31'], // reads only one way
    ['01/31/2025', null, '1900', '2025-01-31'], // reads only one way
    ['05/05/2025', null, '1900', '2025-05-05'], // both ways the same day
    ['03/04/2025', 'dmy', '1900', '2025-04-03'],
    ['03/04/2025', 'mdy', '1900', '2025-03-04'],
    [' 31 Jan 2025 ', null, '1900', '2025-01-31'],
    ['31. januar 2025', null, '1900', '2025-01-31'],
    ['Jan 31, 2025', null, '1900', '2025-01-31'],
    ['1. maj 2025', null, '1900', '2025-05-01'],
    ['29.02.2024', null, '1900', '2024-02-29'],
    [{ day: 20119 }, null, '1900', '2025-01-31'],
  ])('%p (order %p, %s system) is %s', (value, order, system, iso) => {
    expect(parseDate(value, { order, system })).toEqual({ ok: true, value: day(iso) });
  });

  test.each<[CellValue, DateOrder | null, string]>([
    ['03/04/2025', null, 'ambiguous-date'],
    ['12/11/2025', null, 'ambiguous-date'],
    ['31/01/2025', 'mdy', 'bad-date'], // a stated order is applied strictly
    ['01/31/2025', 'dmy', 'bad-date'],
    ['29.02.2025', null, 'bad-date'],
    ['30-02-2025', null, 'bad-date'],
    ['2025-13-01', null, 'bad-date'],
    ['next Tuesday', null, 'bad-date'],
    ['31 Foo 2025', null, 'bad-date'],
    ['31.01.25', null, 'bad-date'], // two-digit years are not guessed
    [60, null, 'fictitious-date'],
    ['60', null, 'fictitious-date'],
    [0, null, 'date-out-of-range'],
    [-5, null, 'date-out-of-range'],
    [3e6, null, 'date-out-of-range'],
    [true, null, 'bad-date'],
    ['', null, 'missing-date'],
    ['   ', null, 'missing-date'],
    [null, null, 'missing-date'],
  ])('%p (order %p) is refused as %s, with the value kept', (value, order, reason) => {
    const parsed = parseDate(value, { order });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.reason).toBe(reason);
      expect(parsed.value).toBe(value === null ? '' : String(value));
    }
  });
});

describe('payment terms in English and Danish', () => {
  test.each<[CellValue, string]>([
    ['Net 30', 'net 30'], ['Netto 30', 'net 30'], ['NET30', 'net 30'], ['net-30', 'net 30'], ['Invoice', 'net 30'], ['Faktura', 'net 30'],
    ['Pay by invoice', 'net 30'], ['Net 45', 'net 45'], ['Netto 60 dage', 'net 60'], ['Net 1', 'net 1'], ['Net 365', 'net 365'],
    ['Credit card', 'card'], ['Kreditkort', 'card'], ['PayPal', 'paypal'], ['paypal', 'paypal'], ['Direct debit', 'direct-debit'],
    ['Direkte debitering', 'direct-debit'], ['Auto-renew', 'auto-renew'], ['Automatisk fornyelse', 'auto-renew'], ['', 'auto-renew'], [null, 'auto-renew'],
  ])('%p means %s', (value, expected) => {
    const parsed = parseTerms(value);
    if (!parsed.ok) throw new Error(`refused ${value}`);
    expect(parsed.value.kind === 'net' ? `net ${parsed.value.days}` : parsed.value.method).toBe(expected);
  });

  test.each<CellValue>(['Net 3O', 'Net 0', 'Net 366', 'Cash', 'Bitcoin', 30, true])('%p is not a payment term', (value) => {
    expect(parseTerms(value)).toMatchObject({ ok: false, reason: 'unknown-terms' });
  });
});

describe('billing periods', () => {
  test.each<[CellValue, string]>([
    ['Monthly', 'monthly'], ['Månedlig', 'monthly'], ['MÅNEDLIG', 'monthly'], ['Annual', 'annual'], ['Yearly', 'annual'], ['1 year', 'annual'],
    ['Årlig', 'annual'], ['arlig', 'annual'], ['3-year', 'three-year'], ['3 years', 'three-year'], ['3-årig', 'three-year'], ['', 'annual'], [null, 'annual'],
  ])('%p is %s', (value, billing) => {
    expect(parseBilling(value)).toEqual({ ok: true, value: billing });
  });

  test.each<CellValue>(['Weekly', '2-year', 12, false])('%p is refused', (value) => {
    expect(parseBilling(value)).toMatchObject({ ok: false, reason: 'unknown-billing' });
  });
});

describe('yes and no', () => {
  test.each<[CellValue, boolean]>([
    ['Yes', true], ['No', false], ['Ja', true], ['Nej', false], ['TRUE', true], ['FALSE', false], ['x', true], ['X', true], [true, true], [false, false],
    ['', false], [null, false], ['SAND', true], ['falsk', false], [1, true], [0, false],
  ])('%p is %s', (value, answer) => {
    expect(parseYesNo(value)).toEqual({ ok: true, value: answer });
  });

  // Paid words belong to the paid column only: "Betalt" in a public-sector column is a mistake to show.
  test.each<CellValue>(['maybe', 'Jaa', 2, 'Betalt', 'Paid', 'Unpaid'])('%p is refused', (value) => {
    expect(parseYesNo(value)).toMatchObject({ ok: false, reason: 'unknown-yes-no' });
  });
});

describe('the paid column takes a date or a yes/no', () => {
  test.each<[CellValue, unknown]>([
    ['', { kind: 'unpaid' }],
    ['Nej', { kind: 'unpaid' }],
    [false, { kind: 'unpaid' }],
    ['Ja', { kind: 'paid-flag' }],
    [true, { kind: 'paid-flag' }],
    ['x', { kind: 'paid-flag' }],
    ['2025-02-01', { kind: 'paid-on', day: day('2025-02-01') }],
    [45689, { kind: 'paid-on', day: day('2025-02-01') }],
    ['01.02.2025', { kind: 'paid-on', day: day('2025-02-01') }],
    [0, { kind: 'unpaid' }], // a number cell's no, not a date
    [1, { kind: 'paid-flag' }], // a number cell's yes, not 1900-01-01
    ['Paid', { kind: 'paid-flag' }],
    ['Betalt', { kind: 'paid-flag' }],
    ['Ikke betalt', { kind: 'unpaid' }],
    ['Unpaid', { kind: 'unpaid' }],
  ])('%p is %p', (value, payment) => {
    expect(parsePayment(value)).toEqual({ ok: true, value: payment });
  });

  test.each<[CellValue, string]>([['maybe', 'unknown-paid'], ['03/04/2025', 'ambiguous-date'], [60, 'fictitious-date']])('%p is refused as %s', (value, reason) => {
    expect(parsePayment(value)).toMatchObject({ ok: false, reason });
  });
});

describe('amounts and currencies', () => {
  test.each<[CellValue, number, string | null]>([
    [4500, 4500, null], ['4500', 4500, null], ['4500.50', 4500.5, null], ['4500,50', 4500.5, null], ['4,500.00', 4500, null],
    ['4.500,00', 4500, null], ['$4,500.00', 4500, 'USD'], ['USD 4500', 4500, 'USD'], ['4.500,00 kr.', 4500, 'DKK'], ['1,234,567', 1234567, null],
    ['1.234.567,89', 1234567.89, null], ['4 500,00', 4500, null], ['€ 99', 99, 'EUR'], ['500,-', 500, null],
  ])('%p is %d %p', (value, amount, currency) => {
    expect(parseMoney(value)).toEqual({ ok: true, value: { amount, currency } });
  });

  test.each<CellValue>(['4,500', '4.500', 'abc', '', -1, '1,23,4', '$', true])('%p is not guessed', (value) => {
    expect(parseMoney(value)).toMatchObject({ ok: false, reason: 'bad-amount' });
  });

  test.each<[string | null, string | null, string | null]>([
    ['USD', null, 'USD'], [null, 'DKK', 'DKK'], ['USD', 'USD', 'USD'], ['USD', 'DKK', 'DKK'], ['DKK', 'USD', 'DKK'], ['EUR', 'DKK', 'EUR'], [null, null, null],
  ])('stated %p with %p written in the amount is %p: the non-USD one wins a disagreement', (stated, written, currency) => {
    expect(effectiveCurrency(stated, written)).toBe(currency);
  });

  test.each<[CellValue, string | null]>([['USD', 'USD'], ['$', 'USD'], ['dkk', 'DKK'], ['kr.', 'DKK'], ['EUR', 'EUR'], ['€', 'EUR'], ['chf', 'CHF'], ['', null]])(
    'currency %p is %p',
    (value, code) => {
      expect(parseCurrency(value)).toBe(code);
    },
  );
});

describe('headers in English, Danish and the Autodesk Account export', () => {
  test.each<[string, string]>([
    ['Renewal date', 'renewalDate'], ['Auto-renew date', 'renewalDate'], ['Fornyelsesdato', 'renewalDate'], ['autorenew_date', 'renewalDate'],
    ['End date', 'endDate'], ['Expiry date', 'endDate'], ['Udløbsdato', 'endDate'], ['Slutdato', 'endDate'], ['end_date', 'endDate'],
    ['Invoice date', 'invoiceDate'], ['Fakturadato', 'invoiceDate'],
    ['Terms', 'terms'], ['Payment terms', 'terms'], ['Payment method', 'terms'], ['Betalingsbetingelser', 'terms'], ['Betalingsvilkår', 'terms'], ['Betalingsmetode', 'terms'],
    ['Billing', 'billing'], ['Billing period', 'billing'], ['Term', 'billing'], ['Faktureringsperiode', 'billing'], ['Periode', 'billing'], ['Løbetid', 'billing'], ['term', 'billing'],
    ['Paid', 'paid'], ['Paid date', 'paid'], ['Payment date', 'paid'], ['Betalt', 'paid'], ['Betalingsdato', 'paid'],
    ['Purchase date', 'purchaseDate'], ['Order date', 'purchaseDate'], ['Start date', 'purchaseDate'], ['Købsdato', 'purchaseDate'], ['Ordredato', 'purchaseDate'], ['Startdato', 'purchaseDate'], ['start_date', 'purchaseDate'],
    ['Public sector', 'publicSector'], ['Offentlig', 'publicSector'],
    ['Unique agreement', 'refundExcluded'], ['Enterprise agreement', 'refundExcluded'], ['Unik aftale', 'refundExcluded'], ['Særlig aftale', 'refundExcluded'],
    ['Amount', 'amount'], ['Price', 'amount'], ['Beløb', 'amount'], ['Pris', 'amount'], ['Currency', 'currency'], ['Valuta', 'currency'],
    ['Subscription ID', 'id'], ['Abonnements-ID', 'id'], ['subscription_id', 'id'], ['Contract number', 'contract'], ['Kontraktnummer', 'contract'], ['contract_number', 'contract'],
    ['Product', 'product'], ['Produkt', 'product'], ['offering_name', 'product'], ['Seats', 'seats'], ['Antal pladser', 'seats'], ['seat_quantity', 'seats'],
    ['  RENEWAL-DATE ', 'renewalDate'], ['Lobetid', 'billing'], ['Udlobsdato', 'endDate'],
  ])('"%s" is %s', (header, field) => {
    expect(fieldOfHeader(header)).toBe(field);
  });

  test.each(['Notes', 'Status', '', 'Renewal date 2'])('"%s" names no field', (header) => {
    expect(fieldOfHeader(header)).toBeNull();
  });

  test('the leftmost of two columns naming one field wins, and a header row needs a date field', () => {
    const columns = mapHeaders(['Product', 'Renewal date', 'Fornyelsesdato', 'Terms']);
    expect(columns).toEqual({ product: 0, renewalDate: 1, terms: 3 });
    expect(isHeaderRow(columns)).toBe(true);
    expect(isHeaderRow(mapHeaders(['Product', 'Terms', 'Seats']))).toBe(false);
    expect(isHeaderRow(mapHeaders(['Renewal date']))).toBe(false);
  });
});
