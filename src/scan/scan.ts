/**
 * One subscription table in, one result per row out. Pure and streaming-friendly: the task pane
 * and the CLI feed it rows as they read them and keep whatever they need of the results.
 */
import {
  evaluate, explain, isAtRisk, isBlank, isHeaderRow, isoFromDay, mapHeaders, parseMoney, parseCurrency,
  parseSubscription, showValue, effectiveCurrency, STATUS_CODES,
  type CellValue, type ColumnMap, type DateSystem, type Field, type ReasonCode, type RowCells,
  type RuleId, type StatusCode,
} from '../rules';
import { cellAddress } from './address';
import type { ScanSettings } from './settings';

/** Where the table sits and how its cells read: its columns, the sheet column of the first value in each row, and the date system. */
export interface TableLayout {
  readonly columns: ColumnMap;
  /** 0-based sheet column of `values[0]`, so that messages name the right cell. */
  readonly firstColumn: number;
  /** The workbook's date system, for serial numbers (default 1900). */
  readonly dateSystem?: DateSystem;
}

export interface RowResult {
  /** The row number the user sees in the sheet (for CSV, the line number). */
  readonly row: number;
  readonly status: StatusCode;
  readonly rule: RuleId;
  readonly atRisk: boolean;
  readonly dueDate: string | null;
  readonly suspensionDate: string | null;
  readonly cancellationDate: string | null;
  /** Day numbers of the same dates, for adapters that write date cells. */
  readonly days: { readonly due: number; readonly suspension: number; readonly cancellation: number } | null;
  /** Why the row is invalid, or null. */
  readonly reason: ReasonCode | null;
  /** The cell the reason is about ("C7"), or null. */
  readonly cell: string | null;
  readonly explanation: string;
  readonly id: string | null;
  readonly product: string | null;
  /** The amount, when the row has a readable one; the currency as written or null. */
  readonly amount: number | null;
  readonly currency: string | null;
  /**
   * Why the row's amount cell could not be counted (a negative or unreadable amount), or null. The
   * status does not depend on it, but the amount at risk leaves it out, so it is reported.
   */
  readonly amountProblem: ReasonCode | null;
}

export interface HeaderMatch {
  /** 0-based index of the header row among the rows given. */
  readonly index: number;
  readonly columns: ColumnMap;
}

/** How many rows from the top a header may sit below title rows. */
export const HEADER_SEARCH_ROWS = 30;

/**
 * The header row among the first rows: the one naming the most fields (rules.md §8), with at
 * least two fields and a date the clock can start from. Null when there is none.
 */
export function findHeaderRow(rows: readonly (readonly CellValue[])[], searchRows: number = HEADER_SEARCH_ROWS): HeaderMatch | null {
  let best: HeaderMatch | null = null;
  for (let index = 0; index < Math.min(rows.length, searchRows); index++) {
    const columns = mapHeaders(rows[index]);
    if (!isHeaderRow(columns)) continue;
    if (!best || Object.keys(columns).length > Object.keys(best.columns).length) best = { index, columns };
  }
  return best;
}

export function isBlankRow(values: readonly CellValue[]): boolean {
  return values.every((value) => isBlank(value));
}

/** The cells of the mapped fields in one row of values. */
function rowCells(values: readonly CellValue[], columns: ColumnMap): RowCells {
  const cells: RowCells = {};
  for (const field of Object.keys(columns) as Field[]) cells[field] = values[columns[field] as number] ?? null;
  return cells;
}

/** Scans one row. `sheetRow` is the 1-based row number the user sees. */
export function scanRow(values: readonly CellValue[], sheetRow: number, layout: TableLayout, settings: ScanSettings): RowResult {
  const { locale, asOf } = settings;
  const cells = rowCells(values, layout.columns);
  const parsed = parseSubscription(cells, { system: layout.dateSystem ?? '1900', order: settings.dateOrder });
  const identity = rowIdentity(cells);
  if (!parsed.ok) {
    const column = parsed.field ? layout.columns[parsed.field as Field] : undefined;
    const cell = column === undefined ? null : cellAddress(layout.firstColumn + column, sheetRow);
    const evaluation = { status: 'invalid', rule: 'invalid', problem: parsed, asOf } as const;
    return {
      row: sheetRow, status: 'invalid', rule: 'invalid', atRisk: false, dueDate: null, suspensionDate: null, cancellationDate: null, days: null,
      reason: parsed.reason, cell, explanation: explain(evaluation, locale, cell ?? undefined), ...identity,
    };
  }
  const evaluation = evaluate(parsed.value, { asOf, warningDays: settings.warningDays });
  // evaluate() only fails for a missing date, which parseSubscription has already refused.
  if (evaluation.status === 'invalid') throw new Error('unreachable: parseSubscription checks that the row has a date');
  const { deadlines } = evaluation;
  return {
    row: sheetRow,
    status: evaluation.status,
    rule: evaluation.rule,
    atRisk: isAtRisk(evaluation.status),
    dueDate: isoFromDay(deadlines.due),
    suspensionDate: isoFromDay(deadlines.suspension),
    cancellationDate: isoFromDay(deadlines.cancellation),
    days: { due: deadlines.due, suspension: deadlines.suspension, cancellation: deadlines.cancellation },
    reason: null,
    cell: null,
    explanation: explain(evaluation, locale),
    ...identity,
  };
}

function rowIdentity(cells: RowCells): Pick<RowResult, 'id' | 'product' | 'amount' | 'currency' | 'amountProblem'> {
  const text = (value: CellValue) => (isBlank(value) ? null : showValue(value).trim());
  const money = isBlank(cells.amount) ? null : parseMoney(cells.amount);
  const amount = money && money.ok ? money.value.amount : null;
  const currency = effectiveCurrency(parseCurrency(cells.currency), money && money.ok ? money.value.currency : null);
  const amountProblem = money && !money.ok ? money.reason : null;
  return { id: text(cells.id) ?? text(cells.contract), product: text(cells.product), amount, currency, amountProblem };
}

export type StatusCounts = Record<StatusCode, number>;

function emptyCounts(): StatusCounts {
  return Object.fromEntries(STATUS_CODES.map((code) => [code, 0])) as StatusCounts;
}

/** Running totals of a scan: counts by status and the amount at risk by currency. */
export class ScanSummary {
  readonly counts: StatusCounts = emptyCounts();
  /** At-risk amounts by currency code ("?" where the row names none). */
  readonly amountAtRisk: Record<string, number> = {};
  rows = 0;
  /** Rows whose amount could not be counted (negative or unreadable): not in {@link amountAtRisk}. */
  amountProblems = 0;

  add(result: RowResult): void {
    this.rows++;
    this.counts[result.status]++;
    if (result.amountProblem !== null) this.amountProblems++;
    if (result.atRisk && result.amount !== null) {
      const currency = result.currency ?? '?';
      this.amountAtRisk[currency] = (this.amountAtRisk[currency] ?? 0) + result.amount;
    }
  }

  get atRisk(): number {
    return STATUS_CODES.reduce((sum, status) => (isAtRisk(status) ? sum + this.counts[status] : sum), 0);
  }
}
