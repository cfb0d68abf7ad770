/**
 * Every kind of argument, as Excel hands it: each spelling rules.md §8 lists, blank and omitted
 * cells, the 0 that Excel on Windows sends for an empty cell, values that are data types, and cells
 * the functions cannot read.
 */
import { cancelDate, dueDate, financingEligible, refundEligible, status, suspensionDate } from '../../src/functions/functions';
import { column, errorOf, grid, OMITTED, one, optional, serial, single, valueOf, withSettings } from './excel';

withSettings();

const RENEWAL = serial('2025-01-31');
const AS_OF = one(serial('2025-03-01'));
const plus = (days: number) => RENEWAL + days;

describe('terms: every spelling of rules.md §8, in English and Danish; blank and omitted mean auto-renew', () => {
  test.each([
    ['Net 30', 30], ['Netto 30', 30], ['NET30', 30], ['net 30 days', 30], ['Invoice', 30], ['Faktura', 30], ['Net 60', 60],
    ['Credit card', 0], ['Kreditkort', 0], ['PayPal', 0], ['Direct debit', 0], ['Direkte debitering', 0], ['Auto-renew', 0], ['Automatisk fornyelse', 0],
    ['', 0], ['   ', 0], [null, 0],
  ])('%p: due = date + %i days', (terms, days) => {
    expect(single(dueDate(one(RENEWAL), one(terms)))).toBe(plus(days));
  });

  test('an omitted terms argument (null) is auto-renew', () => {
    expect(single(dueDate(one(RENEWAL), OMITTED))).toBe(RENEWAL);
    expect(single(dueDate(one(RENEWAL)))).toBe(RENEWAL);
  });

  test('an empty cell that Excel on Windows passes as 0 is blank, not an unknown term', () => {
    expect(single(dueDate(one(RENEWAL), one(0)))).toBe(RENEWAL);
  });

  test.each([['Net 3O'], ['Weekly'], ['Net 0'], ['Net 400'], [true], [30]])('%p is refused with the accepted spellings', (terms) => {
    const error = errorOf(single(dueDate(one(RENEWAL), one(terms))));
    expect(error?.code).toBe('#VALUE!');
    expect(error?.message).toBe(`terms: "${terms}" is not a payment term: use Net 30 (Netto 30, Invoice, Faktura), Credit card, PayPal, Direct debit or Auto-renew`);
  });
});

describe('billing: every spelling; blank and omitted mean annual', () => {
  test.each([
    ['Monthly', 31], ['Månedlig', 31], ['monthly', 31],
    ['Annual', 46], ['Yearly', 46], ['1 year', 46], ['Årlig', 46], ['', 46], [null, 46], [0, 46],
    ['3-year', 46], ['3 years', 46], ['3-årig', 46],
  ])('%p: canceled on due + %i', (billing, days) => {
    expect(single(cancelDate(one(RENEWAL), OMITTED, one(billing)))).toBe(plus(days));
  });

  test('an unknown period is refused, naming billing', () => {
    expect(errorOf(single(cancelDate(one(RENEWAL), OMITTED, one('Weekly'))))).toEqual({
      code: '#VALUE!',
      message: 'billing: "Weekly" is not a billing period: use Monthly (Månedlig), Annual (Årlig) or 3-year (3-årig)',
    });
  });
});

describe('dates: cells, text in ISO and Danish day-first forms, and data-type values', () => {
  test.each([
    ['a date cell (serial)', RENEWAL],
    ['a date-time cell (the time is dropped)', RENEWAL + 0.75],
    ['ISO text', '2025-01-31'],
    ['day-first with dashes', '31-01-2025'],
    ['day-first with dots', '31.01.2025'],
    ['day-first with slashes, readable one way only', '31/01/2025'],
    ['a serial typed as text', String(RENEWAL)],
    ['a Double data type (another function’s formatted date)', { type: 'Double', basicValue: RENEWAL, numberFormat: 'yyyy-mm-dd' }],
    ['a FormattedNumber data type', { type: 'FormattedNumber', basicValue: RENEWAL, numberFormat: 'dd-mm-yyyy' }],
  ])('%s is read', (_, date) => {
    expect(single(dueDate(one(date)))).toBe(RENEWAL);
  });

  test.each([
    ['an empty cell', null, 'date: no date: give a renewal, end or invoice date'],
    ['an empty cell sent as 0', 0, 'date: no date: give a renewal, end or invoice date'],
    ['blank text', '  ', 'date: no date: give a renewal, end or invoice date'],
    ['a slash date that reads both ways', '03/04/2025', 'date: "03/04/2025" could be day/month or month/day: state the date order (dmy or mdy) or write 2025-04-03'],
    ['a day that does not exist', '30.02.2025', 'date: "30.02.2025" is not a date: use a date cell, 2025-01-31 or 31-01-2025'],
    ['words', 'next week', 'date: "next week" is not a date: use a date cell, 2025-01-31 or 31-01-2025'],
    ['a boolean', true, 'date: "true" is not a date: use a date cell, 2025-01-31 or 31-01-2025'],
    ['Excel’s fictitious 1900-02-29', 60, 'date: "60" is Excel\'s 1900-02-29, a day that never existed'],
    ['a negative serial', -5, 'date: "-5" is outside the dates Excel can show (1900-01-01 to 9999-12-31)'],
    ['an entity', { type: 'Entity', text: 'Revit' }, 'date: a cell holding Entity cannot be read: use a date, a number or text'],
  ])('%s is #VALUE! saying why', (_, date, message) => {
    expect(errorOf(single(suspensionDate(one(date))))).toEqual({ code: '#VALUE!', message });
  });
});

describe('yes/no (public_sector, excluded) and paid', () => {
  const statusWith = (paid: unknown, publicSector: unknown) => single(status(one(serial('2025-02-20')), OMITTED, OMITTED, one(paid), one(publicSector), AS_OF));

  test.each([['Yes'], ['Ja'], ['TRUE'], ['SAND'], ['x'], [true], [1]])('public_sector %p is yes: Not covered', (yes) => {
    expect(statusWith(null, yes)).toBe('Not covered');
  });

  test.each([['No'], ['Nej'], ['FALSE'], [false], [0], [''], [null]])('public_sector %p is no', (no) => {
    expect(statusWith(null, no)).toBe('Expired');
  });

  test('a public_sector value that is not yes or no is refused', () => {
    expect(errorOf(statusWith(null, 'Maybe'))?.message).toBe('public_sector: "Maybe" is not yes or no: use Yes/No, Ja/Nej, TRUE/FALSE or x');
  });

  test.each([
    ['a paid date cell', serial('2025-02-10'), 'Active'],
    ['a paid date as text', '10.02.2025', 'Active'],
    ['Ja', 'Ja', 'Active'],
    ['TRUE', true, 'Active'],
    ['Nej', 'Nej', 'Expired'],
    ['FALSE', false, 'Expired'],
    ['blank', '', 'Expired'],
    ['an empty cell sent as 0', 0, 'Expired'],
    ['a paid date after as_of', serial('2025-03-05'), 'Expired'],
  ])('paid: %s gives %s', (_, paid, label) => {
    expect(statusWith(paid, null)).toBe(label);
  });

  test('a paid value that is neither a date nor yes/no is refused', () => {
    expect(errorOf(statusWith('soon', null))?.message).toBe('paid: "soon" is neither a paid date nor yes/no');
  });

  test.each([['Ja', false], ['Unik aftale?', 'error'], [null, true], [0, true]])('excluded %p', (excluded, expected) => {
    const answer = single(refundEligible(one(serial('2025-01-01')), one(serial('2025-01-02')), OMITTED, one(excluded)));
    if (expected === 'error') expect(errorOf(answer)?.message).toMatch(/^excluded: /);
    else expect(answer).toBe(expected);
  });
});

describe('amounts and currencies', () => {
  test.each([
    ['4500', 4500, null, true],
    ['"4500.00"', '4500.00', null, true],
    ['"$4,500.00"', '$4,500.00', null, true],
    ['"USD 4,500.00"', 'USD 4,500.00', null, true],
    ['4500 with USD', 4500, 'USD', true],
    ['"$4,500.00" with usd', '$4,500.00', 'usd', true],
  ])('%s: %p', (_, amount, currency, eligible) => {
    expect(valueOf(single(financingEligible(one('Annual'), one(amount), optional(currency))))).toBe(eligible);
  });

  test('an empty amount cell answers the same on every platform: Windows passes it as 0 (office-js #4702), the web as null', () => {
    const windows = single(financingEligible(one('Annual'), one(0)));
    const web = single(financingEligible(one('Annual'), one(null)));
    expect(errorOf(windows) ?? windows).toEqual(errorOf(web) ?? web);
  });

  test.each([
    ['4500 in DKK', 4500, 'DKK', 'DKK'],
    ['"4.500,00 kr."', '4.500,00 kr.', null, 'DKK'],
    ['"$4,500.00" said to be DKK: the two disagree, so not judged', '$4,500.00', 'DKK', 'DKK'],
    ['"4.500,00 kr." said to be USD: the two disagree, so not judged', '4.500,00 kr.', 'USD', 'DKK'],
    ['an unknown currency', 5000, 'XYZ', 'XYZ'],
  ])('%s is #N/A', (_, amount, currency, named) => {
    expect(errorOf(single(financingEligible(one('Annual'), one(amount), optional(currency))))).toEqual({
      code: '#N/A',
      message: `Cannot judge financing for an amount in ${named}: the threshold is USD 4,500 and no exchange rate is assumed.`,
    });
  });

  test.each([[''], [null], ['4,500'], ['$4,500'], ['a lot'], [-1]])('amount %p is refused, never guessed', (amount) => {
    expect(errorOf(single(financingEligible(one('Annual'), one(amount))))?.message).toMatch(/^amount: ".*" is not an amount: use a number such as 4500/);
  });
});

describe('ranges: the result spills in the shape of the range arguments', () => {
  const dates = [plus(0), plus(1), plus(2)];

  test('a column spills a column; a single value applies to every row', () => {
    expect(grid(dueDate(column(dates), one('Net 30')))).toEqual([[plus(30)], [plus(31)], [plus(32)]]);
  });

  test('a row spills a row', () => {
    expect(grid(dueDate([dates], [['Net 30', '', 'Faktura']]))).toEqual([[plus(30), plus(1), plus(32)]]);
  });

  test('a 2 × 2 block spills a 2 × 2 block', () => {
    expect(grid(dueDate([[plus(0), plus(1)], [plus(2), plus(3)]]))).toEqual([[plus(0), plus(1)], [plus(2), plus(3)]]);
  });

  test('a single date against a column of terms spills the column, as Excel’s own functions do', () => {
    expect(grid(dueDate(one(RENEWAL), column(['', 'Net 30', 'Netto 60'])))).toEqual([[plus(0)], [plus(30)], [plus(60)]]);
  });

  test('a 1 × 1 result is a single value', () => {
    expect(grid(dueDate(one(RENEWAL)))).toEqual([[RENEWAL]]);
  });

  test('one bad cell is an error in its own result cell only', () => {
    const spilled = grid(suspensionDate(column([plus(0), 'soon', null, plus(2)]), column(['', '', '', 'Net 3O'])));
    expect(spilled[0]).toEqual([plus(16)]);
    expect(errorOf(spilled[1][0])?.message).toBe('date: "soon" is not a date: use a date cell, 2025-01-31 or 31-01-2025');
    expect(errorOf(spilled[2][0])?.message).toBe('date: no date: give a renewal, end or invoice date');
    expect(errorOf(spilled[3][0])?.message).toMatch(/^terms: "Net 3O" is not a payment term/);
  });

  test.each([
    ['3 dates against 2 terms', column(dates), column(['', '']), 'terms covers 2 × 1 cells but date covers 3 × 1: give one value, or a range of the same size'],
    ['a column against a row', column(dates), [['', '', '']], 'terms covers 1 × 3 cells but date covers 3 × 1: give one value, or a range of the same size'],
  ])('ranges that do not fit (%s) are one #VALUE! naming both', (_, date, terms, message) => {
    expect(errorOf(single(dueDate(date, terms)))).toEqual({ code: '#VALUE!', message });
  });

  test('a bare value (not wrapped as Excel wraps it) is read as one cell', () => {
    expect(grid(dueDate(RENEWAL as never, 'Net 30' as never))).toEqual([[plus(30)]]);
  });
});
