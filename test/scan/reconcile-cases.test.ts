import { reconcile } from '../../src/scan';
import { RECONCILE_CASES } from '../fixtures/reconcile-cases';
import { caseInput, caseOptions } from '../fixtures/reconcile-to-cells';

describe.each(['en', 'da'] as const)('every reconciliation case gets the answer rules.md §9 gives (%s headers)', (language) => {
  test.each(RECONCILE_CASES.map((c) => [`${c.name} (${c.rule})`, c] as const))('%s', (_, c) => {
    const report = reconcile(caseInput(c, language), caseOptions(c, language));
    expect(report.invoices.map((result) => result.row)).toEqual(c.invoices.map((_, i) => i + 2));
    report.invoices.forEach((result, i) => {
      const want = c.expected.invoices[i];
      const got: Record<string, unknown> = { outcome: result.outcome, flags: result.flags };
      const expected: Record<string, unknown> = { outcome: want.outcome, flags: want.flags ?? [] };
      for (const key of ['stage', 'paid', 'open', 'surplus', 'payments', 'dueDate', 'reason', 'cell', 'subscriptions'] as const) {
        if (want[key] === undefined) continue;
        got[key] = result[key];
        expected[key] = want[key];
      }
      expect({ row: result.row, ...got }).toEqual({ row: result.row, ...expected });
    });
    expect(report.payments).toHaveLength(c.expected.payments.length);
    report.payments.forEach((result, i) => {
      const want = c.expected.payments[i];
      const got: Record<string, unknown> = { outcome: result.outcome, invoices: result.invoices };
      const expected: Record<string, unknown> = { outcome: want.outcome, invoices: want.invoices ?? [] };
      if (want.step !== undefined) [got.step, expected.step] = [result.step, want.step];
      if (want.parts) [got.parts, expected.parts] = [result.parts.map((part) => part.amount), want.parts];
      if (want.reason) [got.reason, expected.reason] = [result.reason, want.reason];
      if (want.cell) [got.cell, expected.cell] = [result.cell, want.cell];
      expect({ row: result.row, ...got }).toEqual({ row: result.row, ...expected });
    });
    if (c.expected.subscriptions) {
      expect(report.subscriptions?.map((result) => ({ outcome: result.outcome, invoices: result.invoices }))).toEqual(
        c.expected.subscriptions.map((want) => ({ outcome: want.outcome, invoices: want.invoices ?? [] })),
      );
    }
    for (const result of [...report.invoices, ...report.payments, ...(report.subscriptions ?? [])]) {
      expect(result.explanation).not.toMatch(/[{}]|undefined|NaN/);
      expect(result.explanation.length).toBeGreaterThan(20);
    }
  });
});
