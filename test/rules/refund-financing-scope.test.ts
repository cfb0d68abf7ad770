import {
  dayFromIso, financingEligibility, isoFromDay, parseBilling, parseMoney, parseCurrency, parseYesNo, refundDeadline, refundEligibility,
  beforeDirectBuying, directBuyingApplies, DIRECT_BUYING_START_DAY, explainProblem, FINANCING_TEXTS, fill,
} from '../../src/rules';
import { REFUND_CASES, FINANCING_CASES } from '../fixtures/cases';
import { toRuleCell } from '../fixtures/to-cells';

const day = (iso: string) => dayFromIso(iso);

describe('refunds (rules.md §5): the last day is included', () => {
  test.each(REFUND_CASES.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const billing = parseBilling(c.billing);
    const excluded = parseYesNo(toRuleCell(c.excluded));
    if (!billing.ok || !excluded.ok) throw new Error('fixture does not parse');
    expect(isoFromDay(refundDeadline(day(c.purchaseDate), billing.value))).toBe(c.deadline);
    const verdict = refundEligibility({ startDay: day(c.purchaseDate), requestDay: day(c.requestDate), billing: billing.value, excluded: excluded.value });
    if (c.eligible === 'invalid') {
      expect(verdict).toMatchObject({ ok: false, reason: 'request-before-start' });
      if (!verdict.ok) expect(explainProblem(verdict)).toMatch(/request date .* before the purchase date/);
    } else {
      expect(verdict).toMatchObject({ ok: true, value: { eligible: c.eligible } });
    }
  });

  test('the verdict says which rule decided', () => {
    const base = { startDay: day('2025-01-01'), billing: 'annual' as const, excluded: false };
    expect(refundEligibility({ ...base, requestDay: day('2025-01-31') })).toMatchObject({ value: { rule: 'refund-within-window' } });
    expect(refundEligibility({ ...base, requestDay: day('2025-02-01') })).toMatchObject({ value: { rule: 'refund-after-window' } });
    expect(refundEligibility({ ...base, excluded: true, requestDay: day('2025-01-02') })).toMatchObject({ value: { rule: 'refund-excluded' } });
  });
});

describe('financing (rules.md §6): annual or 3-year, at least USD 4,500', () => {
  test.each(FINANCING_CASES.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const billing = parseBilling(c.billing);
    const money = parseMoney(toRuleCell(c.amount));
    if (!billing.ok || !money.ok) throw new Error('fixture does not parse');
    const currency = parseCurrency(c.currency) ?? money.value.currency;
    expect(financingEligibility(billing.value, { amount: money.value.amount, currency }).verdict).toBe(c.verdict);
  });

  test('a currency it cannot judge is named in the message', () => {
    expect(fill(FINANCING_TEXTS.en['financing-currency'], { currency: 'DKK' })).toContain('DKK');
  });
});

describe('scope (rules.md §1)', () => {
  test.each([
    ['2024-09-15', true],
    ['2024-09-16', false],
    ['2024-09-17', false],
  ])('%s is before the direct process: %s', (iso, before) => {
    expect(beforeDirectBuying(day(iso))).toBe(before);
  });

  test('the process starts 2024-09-16 and not for the public sector', () => {
    expect(isoFromDay(DIRECT_BUYING_START_DAY)).toBe('2024-09-16');
    expect(directBuyingApplies({ publicSector: true })).toBe(false);
    expect(directBuyingApplies({ publicSector: false })).toBe(true);
  });
});
