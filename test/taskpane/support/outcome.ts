/** A scan outcome made from the fixture table through the scan core, as a source returns it. */
import { dayFromIso, mapHeaders, type Locale } from '../../../src/rules';
import { nextDeadlines, scanRow, scanSettings, ScanSummary, UPCOMING_COUNT, type ListedOutcome, type RowResult, type ScanTarget } from '../../../src/scan';
import { FIXTURE_AS_OF, FIXTURE_COLUMNS, STATUS_CASES, type FixtureRow } from '../../fixtures/cases';
import { toRuleCell } from '../../fixtures/to-cells';

export const AS_OF = dayFromIso(FIXTURE_AS_OF);

/** Extra columns beside the fixture's, for the amount at risk. */
const COLUMNS = [...FIXTURE_COLUMNS.map(([key, header]) => [key, header] as const), ['amount', 'Amount'] as const, ['currency', 'Currency'] as const];

export function fixtureOutcome(locale: Locale = 'en', amounts: Partial<Record<string, [number, string | null]>> = {}): ListedOutcome<ScanTarget> {
  const headers = COLUMNS.map(([, header]) => header);
  const layout = { columns: mapHeaders(headers), firstColumn: 0 };
  const summary = new ScanSummary();
  const settings = scanSettings({ asOf: AS_OF, locale });
  const results: RowResult[] = STATUS_CASES.map((c, index) => {
    const [amount, currency] = amounts[c.row.id] ?? [null, null];
    const row: FixtureRow = { ...c.row, amount: amount ?? undefined, currency: currency ?? undefined };
    const values = COLUMNS.map(([key]) => toRuleCell(row[key as keyof FixtureRow]));
    const result = scanRow(values, index + 2, layout, settings);
    summary.add(result);
    return result;
  });
  return {
    table: { sheet: 'Subscriptions', address: 'Subscriptions!A1:K36', headerRow: 1, headers, columns: layout.columns, dataRows: results.length },
    summary,
    upcoming: nextDeadlines(results, UPCOMING_COUNT),
    results,
    omitted: 0,
  };
}
