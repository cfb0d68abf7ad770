/**
 * The reconciliation fixture table against the rules alone: rows as cells by field (no header
 * search, no sheet), read, matched and judged by src/rules/reconcile. test/scan/reconcile-cases
 * runs the same table through the whole pipeline with English and Danish headers.
 */
import {
  apartOutcome, dayFromIso, fromCents, invoiceFlags, invoiceVerdict, matchPayments, parseInvoiceRow, paymentsOfTable, readPaymentRow, takesPayments, toleranceCents,
  type InvoiceCells, type ParsedInvoice, type PaymentCells, type ReadPayment,
} from '../../src/rules';
import { RECONCILE_AS_OF, RECONCILE_CASES, type InvoiceRowFixture, type PaymentRowFixture, type ReconcileCase } from '../fixtures/reconcile-cases';
import { toRuleCell } from '../fixtures/to-cells';

function invoiceCells(row: InvoiceRowFixture): InvoiceCells {
  const cell = (value: InvoiceRowFixture[keyof InvoiceRowFixture]) => (value === undefined ? undefined : toRuleCell(value));
  return {
    invoiceNumber: cell(row.number), invoiceDate: cell(row.invoiceDate), dueDate: cell(row.dueDate), amount: cell(row.amount), currency: cell(row.currency),
    poNumber: cell(row.po), id: cell(row.subscriptions), invoiceStatus: cell(row.status), terms: cell(row.terms), billing: cell(row.billing),
  };
}

function paymentCells(row: PaymentRowFixture): PaymentCells {
  const cell = (value: PaymentRowFixture[keyof PaymentRowFixture]) => (value === undefined ? undefined : toRuleCell(value));
  return {
    paymentDate: cell(row.date), amount: cell(row.amount), debit: cell(row.debit), credit: cell(row.credit), currency: cell(row.currency),
    invoiceNumber: cell(row.invoice), payee: cell(row.payee), poNumber: cell(row.po), references: row.text === undefined ? [] : [toRuleCell(row.text)],
  };
}

function judge(c: ReconcileCase) {
  const asOf = dayFromIso(c.asOf ?? RECONCILE_AS_OF);
  const tolerance = toleranceCents(c.tolerance);
  const parsed = c.invoices.map((row, i) => parseInvoiceRow(invoiceCells(row), i + 2));
  const readable = parsed.filter((entry): entry is { ok: true; value: ParsedInvoice } => entry.ok).map((entry) => entry.value.invoice);
  const uses = (field: keyof PaymentRowFixture) => c.payments.some((row) => row[field] !== undefined) || (c.paymentColumns ?? []).includes(field);
  const columns = { debitCredit: uses('debit') || uses('credit'), payeeOrReference: uses('payee') || uses('text') || c.payments.length === 0 };
  const read = c.payments.map((row, i) => readPaymentRow(paymentCells(row), i + 2, columns));
  const payments = paymentsOfTable(read.filter((entry): entry is { ok: true; value: ReadPayment } => entry.ok).map((entry) => entry.value));
  const matching = matchPayments(readable, payments, { asOf, tolerance });
  return { asOf, tolerance, parsed, readable, read, payments, matching };
}

describe('the rules answer every reconciliation case (rules.md §9)', () => {
  test.each(RECONCILE_CASES.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const { asOf, tolerance, parsed, readable, read, payments, matching } = judge(c);
    let position = 0;
    parsed.forEach((entry, i) => {
      const want = c.expected.invoices[i];
      if (!entry.ok) {
        expect({ outcome: 'invalid', reason: entry.reason }).toEqual({ outcome: want.outcome, reason: want.reason });
        return;
      }
      const invoice = readable[position];
      const account = matching.invoices[position++];
      if (!takesPayments(invoice)) {
        expect(apartOutcome(invoice)).toBe(want.outcome);
        expect(account.paid).toBe(0);
        return;
      }
      const verdict = invoiceVerdict({ amount: invoice.amount, paid: account.paid, due: invoice.due, billing: invoice.billing, lastPaidDay: account.lastPaidDay }, { asOf, tolerance, warningDays: 14 });
      const flags = invoiceFlags({
        outcome: verdict.outcome, status: invoice.status, keys: invoice.keys,
        sameNumberRows: account.sameNumber.map((j) => readable[j].row), otherCurrencyRows: account.otherCurrency.map((p) => payments[p].row),
      });
      expect(verdict.outcome).toBe(want.outcome);
      expect(flags).toEqual(want.flags ?? []);
      if (want.stage !== undefined) expect(verdict.stage).toBe(want.stage);
      if (want.paid !== undefined) expect(fromCents(account.paid)).toBe(want.paid);
      if (want.open !== undefined) expect(fromCents(verdict.open)).toBe(want.open);
      if (want.payments !== undefined) expect(account.payments.map((p) => payments[p].row)).toEqual(want.payments);
    });
    let at = 0;
    read.forEach((entry, i) => {
      const want = c.expected.payments[i];
      if (!entry.ok) {
        expect({ outcome: 'invalid', reason: entry.reason }).toEqual({ outcome: want.outcome, reason: want.reason });
        return;
      }
      const match = matching.payments[at++];
      expect({ outcome: match.outcome, invoices: match.invoices.map((j) => readable[j].number) }).toEqual({ outcome: want.outcome, invoices: want.invoices ?? [] });
      if (want.step !== undefined) expect(match.step).toBe(want.step);
      if (want.parts) expect(match.parts.map(fromCents)).toEqual(want.parts);
    });
  });
});
