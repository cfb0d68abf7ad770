/**
 * rules.md §9.4: with a subscriptions table, which subscriptions renew with no invoice naming them.
 */
import { POLICY } from '../policy';

export interface SubscriptionToCover {
  readonly row: number;
  /** Its subscription ID and contract number, in {@link idKey} form. */
  readonly refs: readonly string[];
  /** The renewal date, else the end date (rules.md §2); null when the row has neither. */
  readonly renewalDay: number | null;
  readonly publicSector: boolean;
}

export type CoverageOutcome = 'invoiced' | 'no-invoice' | 'outside-window' | 'not-covered' | 'no-date' | 'invalid';


export interface Coverage {
  readonly outcome: Exclude<CoverageOutcome, 'invalid'>;
  /** Positions (in `invoiceRefs`) of the invoices that name it. */
  readonly invoices: readonly number[];
}

/**
 * Links subscriptions to the invoices that list them, and flags `no-invoice` a subscription that
 * no invoice names and whose renewal (or end) date R lies within the last 60 days or the warning
 * window ahead: as-of − 60 ≤ R ≤ as-of + W, both days included. Public-sector rows are
 * `not-covered`: their partner invoices them (rules.md §1). O(n + s) with a hash map of the
 * invoices' references.
 * @example invoiceCoverage([{ row: 3, refs: ['110004518231'], renewalDay: 20140, publicSector: false }], [[]], { asOf: 20150, warningDays: 14 })[0].outcome //=> 'no-invoice'
 */
export function invoiceCoverage(
  subscriptions: readonly SubscriptionToCover[],
  invoiceRefs: ReadonlyArray<readonly string[]>,
  options: { readonly asOf: number; readonly warningDays: number },
): Coverage[] {
  const byRef = new Map<string, number[]>();
  invoiceRefs.forEach((refs, position) => {
    for (const ref of refs) {
      const list = byRef.get(ref);
      if (!list) byRef.set(ref, [position]);
      else if (list[list.length - 1] !== position) list.push(position);
    }
  });
  const first = options.asOf - POLICY.noInvoiceLookBackDays.value;
  const last = options.asOf + options.warningDays;
  return subscriptions.map((subscription) => {
    if (subscription.publicSector) return { outcome: 'not-covered', invoices: [] };
    const invoices = [...new Set(subscription.refs.flatMap((ref) => byRef.get(ref) ?? []))].sort((a, b) => a - b);
    if (invoices.length > 0) return { outcome: 'invoiced', invoices };
    if (subscription.renewalDay === null) return { outcome: 'no-date', invoices };
    const inWindow = subscription.renewalDay >= first && subscription.renewalDay <= last;
    return { outcome: inWindow ? 'no-invoice' : 'outside-window', invoices };
  });
}
