import { POLICY, type Billing } from './policy';
import type { Money } from './parse/money';

export type FinancingVerdict = 'eligible' | 'not-eligible' | 'cannot-judge';

export type FinancingRule = 'financing-eligible' | 'financing-billing' | 'financing-amount' | 'financing-currency';

/**
 * Can the purchase be financed (rules.md §6)? Annual or 3-year billing and at least USD 4,500,
 * that amount included. An amount in another currency cannot be judged without an exchange rate,
 * and is never guessed; an amount with no currency is read as USD, the FAQ's currency.
 * @example financingEligibility('annual', { amount: 4500, currency: 'USD' }).verdict //=> 'eligible'
 */
export function financingEligibility(billing: Billing, money: Money): { verdict: FinancingVerdict; rule: FinancingRule } {
  if (!POLICY.financingBillings.value.includes(billing)) return { verdict: 'not-eligible', rule: 'financing-billing' };
  const currency = money.currency ?? 'USD';
  if (currency !== 'USD') return { verdict: 'cannot-judge', rule: 'financing-currency' };
  return money.amount >= POLICY.financingMinimumUsd.value
    ? { verdict: 'eligible', rule: 'financing-eligible' }
    : { verdict: 'not-eligible', rule: 'financing-amount' };
}
