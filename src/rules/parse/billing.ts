import { POLICY, type Billing } from '../policy';
import { ok, problem, type Parsed } from '../result';
import { isBlank, type CellValue } from './cell';
import { aliasTable, normalizeKey } from './normalize';

const BILLING_ALIASES = aliasTable<Billing>([
  ['monthly', ['Monthly', 'Month', '1 month', 'Månedlig', 'Måned', 'Maanedlig', 'Per month', 'Pr. måned', 'M']],
  ['annual', ['Annual', 'Annually', 'Yearly', 'Year', '1 year', '1-year', '12 months', 'Årlig', 'År', '1 år', 'Aarlig', '1-årig', 'Y', '1Y']],
  ['three-year', ['3-year', '3 years', '3 year', 'Three-year', 'Three years', '36 months', '3-årig', '3 år', '3-aarig', 'Treårig', '3Y']],
]);

/**
 * Billing period from a cell (rules.md §8). Blank means annual.
 * @example parseBilling('Månedlig') //=> { ok: true, value: 'monthly' }
 * @example parseBilling('') //=> { ok: true, value: 'annual' }
 */
export function parseBilling(value: CellValue): Parsed<Billing> {
  if (isBlank(value)) return ok(POLICY.defaultBilling.value);
  if (typeof value !== 'string') return problem('unknown-billing', value);
  const billing = BILLING_ALIASES.get(normalizeKey(value));
  return billing ? ok(billing) : problem('unknown-billing', value);
}
