/** The decisions about a row every front end shows the same way (src/scan/outcome.ts). */
import fc from 'fast-check';
import { dayFromIso, STATUS_CODES, type StatusCode } from '../../src/rules';
import { keyDate, needsAttention, nextDeadline, nextDeadlines, UpcomingDeadlines, type RowResult } from '../../src/scan';
import { STATUS_CASES } from '../fixtures/cases';

const day = (iso: string) => dayFromIso(iso);

/** A result of the fixture case, through the fields these decisions read. */
function resultOf(index: number): RowResult {
  const c = STATUS_CASES[index];
  const days = c.dueDate ? { due: day(c.dueDate), suspension: day(c.suspensionDate!), cancellation: day(c.cancellationDate!) } : null;
  return {
    row: index + 2, status: c.status, rule: 'invalid', atRisk: ['due-soon', 'expired', 'suspended'].includes(c.status), dueDate: c.dueDate ?? null,
    suspensionDate: c.suspensionDate ?? null, cancellationDate: c.cancellationDate ?? null, days, reason: null, cell: null, explanation: '', id: c.row.id ?? null,
    product: null, amount: null, currency: null, amountProblem: null,
  };
}

const RESULTS = STATUS_CASES.map((_, i) => resultOf(i));

describe('the next deadline of a row', () => {
  test.each<[StatusCode, 'suspension' | 'cancellation' | null]>([
    ['due-soon', 'suspension'],
    ['expired', 'suspension'],
    ['suspended', 'cancellation'],
    ['active', null],
    ['canceled', null],
    ['not-covered', null],
    ['invalid', null],
  ])('%s: %s', (status, kind) => {
    const result = RESULTS.find((r) => r.status === status)!;
    const deadline = nextDeadline(result);
    expect(deadline?.kind ?? null).toBe(kind);
    if (deadline) expect(deadline.day).toBe(kind === 'suspension' ? result.days!.suspension : result.days!.cancellation);
  });

  test('the line shows the next deadline when at risk, the cancellation of a canceled row, the due date of the others', () => {
    for (const result of RESULTS) {
      const date = keyDate(result);
      if (result.status === 'invalid') expect(date).toBeNull();
      else if (result.atRisk) expect(date).toEqual(nextDeadline(result));
      else if (result.status === 'canceled') expect(date).toEqual({ kind: 'canceled', day: result.days!.cancellation });
      else expect(date).toEqual({ kind: 'due', day: result.days!.due });
    }
  });
});

test('a row needs a look when at risk, canceled or invalid; active and not-covered rows do not', () => {
  expect(STATUS_CODES.filter((status) => needsAttention({ status }))).toEqual(['due-soon', 'expired', 'suspended', 'canceled', 'invalid']);
});

describe('the upcoming deadlines of a scan', () => {
  test('are the soonest, then by row, at risk only', () => {
    const upcoming = nextDeadlines(RESULTS, 5);
    expect(upcoming).toHaveLength(5);
    expect(upcoming.every(({ result }) => result.atRisk)).toBe(true);
    const keys = upcoming.map(({ day: d, result }) => d * 1e6 + result.row);
    expect(keys).toEqual([...keys].sort((a, b) => a - b));
  });

  test('kept as rows go by, they are the same as from every row at once, in any order', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(RESULTS.map((_, i) => i)), fc.integer({ min: 1, max: 12 }), (order, count) => {
        const results = order.map((i) => RESULTS[i]);
        const running = new UpcomingDeadlines(count);
        for (const result of results) running.add(result);
        expect(running.list()).toEqual(nextDeadlines(results, count));
      }),
    );
  });
});
