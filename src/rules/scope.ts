import { dayFromIso } from './days';
import { POLICY } from './policy';

/** Day number of 2024-09-16, the first day of the direct buying process. */
export const DIRECT_BUYING_START_DAY = dayFromIso(POLICY.directBuyingStart.value);

/**
 * Is a date before the direct buying process started? Such rows are still evaluated, with a note
 * that partner terms may have applied (rules.md §1). 2024-09-16 itself is not before.
 * @example beforeDirectBuying(DIRECT_BUYING_START_DAY) //=> false
 */
export function beforeDirectBuying(day: number): boolean {
  return day < DIRECT_BUYING_START_DAY;
}

/**
 * Does Autodesk's direct buying process apply? Not to public-sector organisations (rules.md §1).
 * @example directBuyingApplies({ publicSector: true }) //=> false
 */
export function directBuyingApplies(row: { readonly publicSector: boolean }): boolean {
  return !row.publicSector || POLICY.publicSectorCovered.value;
}
