import { isoFromDay, STATUS_CODES } from '../../src/rules';
import { buildResultView, formatAmount, groupRows, progressPercent, readSettings, rowLine, DEADLINES_SHOWN, GROUP_ORDER } from '../../src/taskpane/view-model';
import { needsAttention } from '../../src/scan';
import { STATUS_CASES } from '../fixtures/cases';
import { AS_OF, fixtureOutcome } from './support/outcome';

describe('reading the settings', () => {
  const read = (asOf: string, warningDays = '14', dateOrder = '') => readSettings({ asOf, warningDays, dateOrder }, 'en');

  test('a date, a window and a date order become scan options', () => {
    expect(read('2025-03-01', '7', 'dmy')).toEqual({ ok: true, settings: { asOf: 20148 /* 2025-03-01 */, warningDays: 7, dateOrder: 'dmy', locale: 'en' } });
  });

  test('an empty warning window is the default 14 days; an empty date order guesses nothing', () => {
    expect(read('2025-03-01', '', '')).toMatchObject({ ok: true, settings: { warningDays: 14, dateOrder: null } });
  });

  test.each([
    ['0', true],
    ['365', true],
    ['366', false],
    ['-1', false],
    ['1.5', false],
    ['1e2', false],
    ['ten', false],
  ])('a warning window of "%s" is accepted: %s (0 to 365 whole days)', (warningDays, ok) => {
    expect(read('2025-03-01', warningDays).ok).toBe(ok);
  });

  test.each(['', '2025-02-30', '01-03-2025', '2025-3-1'])('the as-of date "%s" is refused with a message saying what to enter', (asOf) => {
    const reading = read(asOf);
    expect(reading.ok).toBe(false);
    if (!reading.ok) expect(reading.message).toBe('Enter the as-of date, for example 2025-03-01.');
  });

  test('messages follow the locale', () => {
    const reading = readSettings({ asOf: '2025-03-01', warningDays: '400', dateOrder: '' }, 'da');
    expect(reading).toEqual({ ok: false, message: 'Varslingsperioden skal være et helt antal dage fra 0 til 365.' });
  });
});

describe('formatting', () => {
  test.each([
    [0, 0, 0],
    [0, 10, 0],
    [1, 3, 33],
    [10, 10, 100],
    [12, 10, 100],
    [5, 0, 0],
  ])('%i of %i rows is %i percent', (rowsDone, rowsTotal, percent) => {
    expect(progressPercent({ rowsDone, rowsTotal })).toBe(percent);
  });

  // The amounts themselves are src/scan's formatAmount (test/scan/presentation.test.ts); the pane
  // adds its words for the scan's "?" (no currency).
  test.each([
    [1234.5, 'DKK', 'da', '1.234,50 DKK'],
    [-50, 'NOK', 'en', '-NOK 50.00'],
    [1234.5, '?', 'en', '1,234.50 (no currency)'],
    [1234.5, '?', 'da', '1.234,50 (uden valuta)'],
  ] as const)('%d %s in %s is "%s"', (amount, currency, locale, expected) => {
    expect(formatAmount(amount, currency, locale).replace(/\u00a0/g, ' ')).toBe(expected);
  });
});

describe('the result view of the fixture table, as of 2025-03-01', () => {
  const outcome = fixtureOutcome('en', { 'S-004': [1000, 'USD'], 'S-006': [250.5, 'USD'], 'N-003': [5000, 'DKK'], 'S-005': [10, null], 'S-001': [99999, 'USD'] });
  const view = buildResultView(outcome, { locale: 'en', asOf: AS_OF, limit: Number.POSITIVE_INFINITY });

  test('counts every status, in the rules\' order, as the fixture expects', () => {
    const expected = Object.fromEntries(STATUS_CODES.map((status) => [status, STATUS_CASES.filter((c) => c.status === status).length]));
    expect(view.counts.map((count) => count.status)).toEqual(STATUS_CODES);
    expect(Object.fromEntries(view.counts.map((count) => [count.status, count.count]))).toEqual(expected);
    expect(view.counts.find((count) => count.status === 'due-soon')?.label).toBe('Due soon');
  });

  test('every row is in exactly one group, at risk / canceled / invalid / other by its status', () => {
    const listed = view.groups.flatMap((group) => group.rows.map((row) => row.row)).sort((a, b) => a - b);
    expect(listed).toEqual(outcome.results.map((result) => result.row));
    const groupOf = Object.fromEntries(view.groups.flatMap((group) => group.rows.map((row) => [row.status, group.key])));
    expect(groupOf).toEqual({ 'due-soon': 'at-risk', expired: 'at-risk', suspended: 'at-risk', canceled: 'canceled', invalid: 'invalid', active: 'other', 'not-covered': 'other' });
    expect(view.groups.map((group) => group.key)).toEqual(GROUP_ORDER);
  });

  test('the at-risk list puts the soonest next deadline first: suspension when due soon or expired, cancellation when suspended', () => {
    const atRisk = groupRows(outcome.results)['at-risk'];
    const next = atRisk.map((r) => (r.status === 'suspended' ? r.cancellationDate : r.suspensionDate));
    expect(next).toEqual([...next].sort());
    // S-005 loses access tomorrow, before S-003 (due today, suspended on 2025-03-17) and every other row.
    expect(atRisk[0].id).toBe('S-005');
    expect(atRisk.map((r) => r.id).indexOf('S-003')).toBeGreaterThan(atRisk.map((r) => r.id).indexOf('S-004'));
    // The line shows the date the list is ordered by, and the "Next deadlines" card lists the same first.
    expect(view.groups[0].rows[0].line).toBe('Suspension 2025-03-02');
    expect(view.groups[0].rows.map((row) => row.line)).toContain('Suspension 2025-03-17');
    expect(view.deadlines[0].title).toBe(view.groups[0].rows[0].title);
    expect(view.groups[0].heading).toBe(`At risk (${atRisk.length})`);
  });

  test('the amount at risk sums at-risk rows only, per currency, "no currency" last', () => {
    // S-001 is active, so its 99,999 is not at risk.
    expect(view.amounts.map((amount) => [amount.currency, amount.amount])).toEqual([['DKK', 5000], ['USD', 1250.5], ['?', 10]]);
    expect(view.amounts.map((amount) => amount.text.replace(/\u00a0/g, ' '))).toEqual(['DKK 5,000.00', 'USD 1,250.50', '10.00 (no currency)']);
  });

  test(`the next ${DEADLINES_SHOWN} deadlines are the soonest, with their kind`, () => {
    expect(view.deadlines).toHaveLength(DEADLINES_SHOWN);
    expect(view.deadlines.map((deadline) => deadline.date)).toEqual([...view.deadlines.map((deadline) => deadline.date)].sort());
    expect(view.deadlines[0]).toMatchObject({ date: '2025-03-02', kind: 'Suspension', title: 'S-005 · Navisworks' });
    expect(view.deadlines.some((deadline) => deadline.kind === 'Cancellation')).toBe(true);
  });

  test('each row names itself, its sheet row and the date that matters next; invalid rows say why', () => {
    const byId = (id: string) => view.groups.flatMap((group) => group.rows).find((row) => row.title.startsWith(id))!;
    expect(byId('S-004')).toMatchObject({ status: 'expired', title: 'S-004 · Inventor', rowText: 'Row 5', line: 'Suspension 2025-03-16' });
    expect(byId('S-007').line).toBe('Cancellation 2025-03-02');
    // Due soon: its next deadline, the suspension (the due date is in the explanation).
    expect(byId('S-002').line).toBe('Suspension 2025-03-31');
    expect(byId('S-001').line).toBe('Due 2025-03-16');
    expect(byId('S-008').line).toBe('Canceled 2025-03-01');
    expect(byId('X-001').line).toContain('"Net 3O" is not a payment term');
    expect(byId('X-001').line).toContain('Cell F');
  });

  test('a row without an ID says so', () => {
    const result = { ...outcome.results[0], id: null, product: null };
    expect(rowLine(result, 'en')).toBe('Due 2025-03-16');
    expect(buildResultView({ ...outcome, results: [result] }, { locale: 'en', asOf: AS_OF, limit: 10 }).groups[3].rows[0].title).toBe('No ID');
  });

  test('the summary names the rows, the place and the as-of date', () => {
    expect(view.summary).toBe(`${outcome.results.length} rows in Subscriptions!A1:K36, as of ${isoFromDay(AS_OF)}.`);
  });
});

describe('long lists in Excel', () => {
  test('a source that lists only the rows needing attention: headings count every row, and say how many are not listed', () => {
    const outcome = fixtureOutcome();
    const listed = { ...outcome, results: outcome.results.filter(needsAttention) };
    const view = buildResultView(listed, { locale: 'en', asOf: AS_OF, limit: 500 });
    const other = view.groups.find((group) => group.key === 'other')!;
    const quiet = outcome.summary.counts.active + outcome.summary.counts['not-covered'];
    expect(quiet).toBeGreaterThan(0);
    expect(other.heading).toBe(`Other rows (${quiet})`);
    expect(other.rows).toEqual([]);
    expect(other.more).toBe(`${quiet} more rows are not listed here: filter the Status column in the sheet to see them.`);
    expect(view.groups.filter((group) => group.key !== 'other').every((group) => group.more === null)).toBe(true);
  });

  test('a limit lists the first rows of each group and says how many more there are', () => {
    const outcome = fixtureOutcome();
    const view = buildResultView(outcome, { locale: 'en', asOf: AS_OF, limit: 2 });
    for (const group of view.groups) {
      expect(group.rows.length).toBe(Math.min(2, group.total));
      expect(group.more).toBe(group.total > 2 ? `${group.total - 2} more rows are not listed here: filter the Status column in the sheet to see them.` : null);
    }
  });
});

describe('in Danish', () => {
  test('labels, headings, dates lines and explanations are Danish', () => {
    const view = buildResultView(fixtureOutcome('da'), { locale: 'da', asOf: AS_OF, limit: Number.POSITIVE_INFINITY });
    expect(view.groups.map((group) => group.heading.replace(/ \(\d+\)$/, ''))).toEqual(['I risiko', 'Annulleret: skal købes igen', 'Kan ikke vurderes', 'Øvrige rækker']);
    const row = view.groups[0].rows.find((r) => r.title.startsWith('S-004'))!;
    expect(row).toMatchObject({ label: 'Udløbet', rowText: 'Række 5', line: 'Suspendering 2025-03-16' });
    expect(row.explanation).toMatch(/^Udløbet: ubetalt/);
    expect(view.summary).toMatch(/rækker i Subscriptions!A1:K36, pr\. 2025-03-01\.$/);
  });
});
