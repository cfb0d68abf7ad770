/**
 * Where the tables of a reconciliation sit: the header row of each kind (rules.md §8, §9.1),
 * below any title rows, and which sheet of a workbook holds the invoices and which the payments.
 */
import { columnsNaming, isHeaderRowFor, mapHeadersFor, type CellValue, type TableColumnMap, type TableKind } from '../rules';
import { findHeaderRow, HEADER_SEARCH_ROWS } from './scan';

export interface TableHeaderMatch {
  /** 0-based index of the header row among the rows given. */
  readonly index: number;
  readonly columns: TableColumnMap;
  /** Every reference-text column of a payments table, left to right (empty for other kinds). */
  readonly referenceColumns: readonly number[];
}

/**
 * The header row of a table of the kind among the first rows: the one naming the most fields of
 * that kind that has the kind's required columns ({@link isHeaderRowFor}); the first on a tie.
 * For subscriptions it is exactly {@link findHeaderRow}.
 */
export function findTableHeader(kind: TableKind, rows: readonly (readonly CellValue[])[], searchRows: number = HEADER_SEARCH_ROWS): TableHeaderMatch | null {
  if (kind === 'subscriptions') {
    const match = findHeaderRow(rows, searchRows);
    return match ? { index: match.index, columns: match.columns, referenceColumns: [] } : null;
  }
  let best: { index: number; columns: TableColumnMap; fields: number } | null = null;
  for (let index = 0; index < Math.min(rows.length, searchRows); index++) {
    const columns = mapHeadersFor(kind, rows[index]);
    if (!isHeaderRowFor(kind, columns)) continue;
    const fields = Object.keys(columns).length;
    if (!best || fields > best.fields) best = { index, columns, fields };
  }
  if (!best) return null;
  return { index: best.index, columns: best.columns, referenceColumns: kind === 'payments' ? columnsNaming('payments', rows[best.index], 'reference') : [] };
}

/** The kinds of table whose header a sheet's first rows hold. */
export function tableKindsOf(rows: readonly (readonly CellValue[])[], searchRows: number = HEADER_SEARCH_ROWS): TableKind[] {
  return (['invoices', 'payments', 'subscriptions'] as const).filter((kind) => findTableHeader(kind, rows, searchRows) !== null);
}

export interface SheetCandidate {
  readonly name: string;
  /** The sheet's first rows (at least the header search's). */
  readonly rows: readonly (readonly CellValue[])[];
}

export interface ReconcileSheets {
  /** The sheet of each table, or null when none fits. */
  readonly invoices: string | null;
  readonly payments: string | null;
  /** Every sheet that fits each kind, in workbook order: what a picker offers. */
  readonly candidates: { readonly invoices: readonly string[]; readonly payments: readonly string[] };
  /** More than one assignment fits equally: the user should choose (the pane preselects the one given). */
  readonly ambiguous: boolean;
}

/**
 * Which sheets of a workbook hold the invoices and the payments, each by its own required
 * columns. An accounts-payable ledger has an invoice-number and an amount column, so it fits both
 * kinds: a sheet that fits only one kind is taken for it first, and the other kind goes to a
 * different sheet. When several assignments remain, the first in workbook order is given and
 * `ambiguous` says so. Never the same sheet for both.
 */
export function locateReconcileSheets(sheets: readonly SheetCandidate[]): ReconcileSheets {
  const fits = sheets.map((sheet) => ({ name: sheet.name, kinds: tableKindsOf(sheet.rows) }));
  const invoices = fits.filter((sheet) => sheet.kinds.includes('invoices')).map((sheet) => sheet.name);
  const payments = fits.filter((sheet) => sheet.kinds.includes('payments')).map((sheet) => sheet.name);
  const only = (name: string, kind: TableKind) => (fits.find((sheet) => sheet.name === name)?.kinds ?? []).filter((k) => k !== 'subscriptions').every((k) => k === kind);
  const pairs: Array<{ invoices: string; payments: string; score: number }> = [];
  for (const i of invoices) for (const p of payments) if (i !== p) pairs.push({ invoices: i, payments: p, score: (only(i, 'invoices') ? 1 : 0) + (only(p, 'payments') ? 1 : 0) });
  const candidates = { invoices, payments };
  if (pairs.length === 0) {
    // At most one sheet fits either kind: it holds one table, and the other is missing.
    const invoiceSheet = invoices[0] ?? null;
    return { invoices: invoiceSheet, payments: invoiceSheet === null ? payments[0] ?? null : null, candidates, ambiguous: false };
  }
  const top = Math.max(...pairs.map((pair) => pair.score));
  const best = pairs.filter((pair) => pair.score === top);
  return { invoices: best[0].invoices, payments: best[0].payments, candidates, ambiguous: best.length > 1 };
}
