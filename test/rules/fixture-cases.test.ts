import { dayFromIso, evaluate, isoFromDay, parseSubscription, explain } from '../../src/rules';
import { FIXTURE_AS_OF, STATUS_CASES } from '../fixtures/cases';
import { toRowCells } from '../fixtures/to-cells';

const asOf = dayFromIso(FIXTURE_AS_OF);

describe('every fixture row gets the status rules.md gives it, as of 2025-03-01', () => {
  test.each(STATUS_CASES.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const parsed = parseSubscription(toRowCells(c.row));
    if (c.status === 'invalid') {
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect([parsed.reason, parsed.field]).toEqual([c.reason, c.field]);
      return;
    }
    if (!parsed.ok) throw new Error(`fixture row did not parse: ${JSON.stringify(parsed)}`);
    const result = evaluate(parsed.value, { asOf });
    expect(result.status).toBe(c.status);
    if (result.status === 'invalid') return;
    expect([isoFromDay(result.deadlines.due), isoFromDay(result.deadlines.suspension), isoFromDay(result.deadlines.cancellation)]).toEqual([
      c.dueDate,
      c.suspensionDate,
      c.cancellationDate,
    ]);
    expect(explain(result)).toContain(isoFromDay(result.deadlines.due));
  });
});
