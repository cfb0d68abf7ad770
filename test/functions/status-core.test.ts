/**
 * STATUS reaches its label through the rules' numeric core (dueDate, statusOf, directBuyingApplies)
 * for speed. This checks, on any row, that the label is the one the rules' full evaluate() gives,
 * so the two can never drift apart when a rule changes.
 */
import fc from 'fast-check';
import { dayFromSerial, evaluate, parseBilling, parsePayment, parseTerms, parseYesNo, statusLabel } from '../../src/rules';
import { status } from '../../src/functions/functions';
import { one, single, valueOf, withSettings } from './excel';

withSettings();

const TERMS = ['', 'Auto-renew', 'Kreditkort', 'PayPal', 'Direct debit', 'Net 30', 'Faktura', 'Netto 14', 'Net 90'];
const BILLING = ['', 'Monthly', 'Årlig', '3-year'];
const YES_NO = ['', 'Ja', 'Nej', 'x'];

test('STATUS gives the label of evaluate() for every combination of date, terms, billing, payment, sector and day', () => {
  const serialNear = fc.integer({ min: 45000, max: 46500 });
  const paid = fc.oneof(fc.constantFrom<unknown>(...YES_NO), serialNear);
  fc.assert(
    fc.property(serialNear, fc.constantFrom(...TERMS), fc.constantFrom(...BILLING), paid, fc.constantFrom(...YES_NO), serialNear, (date, terms, billing, paidCell, publicSector, asOf) => {
      const parsedTerms = parseTerms(terms);
      const parsedBilling = parseBilling(billing);
      const payment = parsePayment(paidCell as string | number);
      const sector = parseYesNo(publicSector);
      if (!parsedTerms.ok || !parsedBilling.ok || !payment.ok || !sector.ok) throw new Error('the generators only make valid cells');
      const day = dayFromSerial(date);
      const net = parsedTerms.value.kind === 'net';
      const evaluation = evaluate(
        { terms: parsedTerms.value, billing: parsedBilling.value, renewalDay: net ? null : day, invoiceDay: net ? day : null, payment: payment.value, publicSector: sector.value },
        { asOf: dayFromSerial(asOf) },
      );
      const label = valueOf(single(status(one(date), one(terms), one(billing), one(paidCell), one(publicSector), one(asOf))));
      expect(label).toBe(statusLabel(evaluation.status));
    }),
    { numRuns: 3000 },
  );
});
