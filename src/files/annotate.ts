/**
 * The annotated copy, row by row: status and deadline columns to the right of the table, each data
 * row filled by its status (with the status text beside the colour), and a summary sheet with the
 * legend. It writes through the copy's own row and sheet types (src/files/target.ts), so the same
 * code annotates a workbook in memory (task pane, small files) and a streamed copy (CLI).
 */
import { isBlank, serialFromDay, statusLabel, DATE_NUMBER_FORMAT, type CellValue, type DateSystem, type Locale, type StatusCode } from '../rules';
import { argbOf, columnLetters, AMOUNT_NUMBER_FORMAT, STATUS_LOOKS, STATUS_ORDER, type RowResult, type ScanOutcome, type ScanSettings } from '../scan';
import { COPY_TEXTS, type CopyTexts } from './labels';
import type { FoundHeader } from './table';
import type { CellFormat, CopyValue, TargetRow, TargetSheet } from './target';

/** Status, due date, suspension date, cancellation date, explanation. */
export const ANNOTATION_COLUMNS = 5;

const ANNOTATION_WIDTHS = [16, 13, 17, 18, 100];

export interface AnnotationPlan {
  /** 1-based column of the Status heading; the other four follow it. */
  readonly startColumn: number;
  /** 1-based first column of the table, where the row fill starts. */
  readonly firstColumn: number;
  readonly locale: Locale;
  /**
   * Explain every row. Without it the Explanation column holds the reasons of invalid rows only:
   * what to correct, without a sentence per row that the dates already say.
   */
  readonly explain: boolean;
  /** The date system of the workbook being written: the added dates are serials in it. */
  readonly dateSystem: DateSystem;
}

/**
 * Where the annotations go: right of every column the table's first rows use (`width`), or right
 * of `usedColumns` when the whole sheet is known.
 */
export function planAnnotation(
  header: FoundHeader,
  headerValues: readonly CellValue[],
  options: { readonly locale: Locale; readonly explain: boolean; readonly dateSystem: DateSystem },
  usedColumns = 0,
): AnnotationPlan {
  const first = headerValues.findIndex((value) => !isBlank(value));
  return {
    startColumn: Math.max(header.width, usedColumns) + 1,
    firstColumn: first < 0 ? 1 : first + 1,
    locale: options.locale,
    explain: options.explain,
    dateSystem: options.dateSystem,
  };
}

/** A status's fill and text colour (src/scan/presentation.ts), as cell formats. */
function statusFill(status: StatusCode): NonNullable<CellFormat['fill']> {
  const argb = argbOf(STATUS_LOOKS[status].fill);
  return { type: 'pattern', pattern: 'solid', fgColor: { argb }, bgColor: { argb } };
}

function statusFont(status: StatusCode): { readonly color: { readonly argb: string } } {
  return { color: { argb: argbOf(STATUS_LOOKS[status].text) } };
}

/** Text longer than this is cut in the summary sheet's list (a cell can hold 131,072 characters). */
const SUMMARY_TEXT_MAX = 200;

function cut(text: string): string {
  return text.length <= SUMMARY_TEXT_MAX ? text : `${text.slice(0, SUMMARY_TEXT_MAX - 1)}…`;
}

/**
 * Writes the annotations. The added cells carry their status's fill themselves; the rest of each
 * data row is filled by one conditional format per status over the table, keyed on the Status
 * cell's text. That costs nothing per row (a million-row copy writes only the five added cells),
 * leaves the row's own formatting untouched underneath, and keeps the colour right if someone
 * corrects a status by hand. Styles are shared objects, so ExcelJS's writer reuses one style each.
 */
export class RowAnnotator {
  private readonly texts: CopyTexts;
  private readonly plain: Record<StatusCode, CellFormat>;
  private readonly statusStyles: Record<StatusCode, CellFormat>;
  private readonly dateStyles: Record<StatusCode, CellFormat>;
  private readonly lastColumn: number;
  private firstDataRow = 0;
  private lastDataRow = 0;

  constructor(readonly plan: AnnotationPlan) {
    this.texts = COPY_TEXTS[plan.locale];
    this.lastColumn = plan.startColumn + ANNOTATION_COLUMNS - 1;
    const byStatus = <T>(make: (code: StatusCode) => T) => Object.fromEntries(STATUS_ORDER.map((code) => [code, make(code)])) as Record<StatusCode, T>;
    this.plain = byStatus((code) => ({ fill: statusFill(code), font: statusFont(code) }));
    this.statusStyles = byStatus((code) => ({ fill: statusFill(code), font: { ...statusFont(code), bold: true } }));
    this.dateStyles = byStatus((code) => ({ fill: statusFill(code), font: statusFont(code), numFmt: DATE_NUMBER_FORMAT }));
  }

  /** Column widths of the added columns, for a sheet that is about to be written. */
  setColumnWidths(sheet: Pick<TargetSheet, 'setColumnWidth'>): void {
    ANNOTATION_WIDTHS.forEach((width, i) => sheet.setColumnWidth(this.plan.startColumn + i, width));
  }

  /** The headings of the added columns, styled like the table's own last heading, in bold. */
  header(row: TargetRow): void {
    const like = this.plan.startColumn > 1 ? row.formatAt(this.plan.startColumn - 1) : undefined;
    const style: CellFormat = { ...(like ?? {}), font: { ...(like?.font ?? {}), bold: true } };
    const headings = [this.texts.status, this.texts.dueDate, this.texts.suspensionDate, this.texts.cancellationDate, this.texts.explanation];
    headings.forEach((heading, i) => row.set(this.plan.startColumn + i, heading, style));
  }

  /** The status, its dates and explanation (see {@link AnnotationPlan.explain}), each filled with the status's colour. */
  data(row: TargetRow, result: RowResult): void {
    const { status } = result;
    if (this.firstDataRow === 0) this.firstDataRow = row.number;
    this.lastDataRow = row.number;
    const start = this.plan.startColumn;
    row.set(start, statusLabel(status, this.plan.locale), this.statusStyles[status]);
    const days = result.days;
    if (days) {
      // Serials with a date format, in the copy's date system: no Date object per cell.
      const system = this.plan.dateSystem;
      const dateStyle = this.dateStyles[status];
      row.set(start + 1, serialFromDay(days.due, system), dateStyle);
      row.set(start + 2, serialFromDay(days.suspension, system), dateStyle);
      row.set(start + 3, serialFromDay(days.cancellation, system), dateStyle);
    }
    // Empty added cells are not written at all: the row's conditional format fills them.
    if (this.plan.explain || status === 'invalid') row.set(this.lastColumn, result.explanation, this.plain[status]);
  }

  /**
   * The row fill: one conditional format per status from the table's first column to the last
   * added one, over the data rows. Call once, after the last row and before the sheet is closed.
   */
  finish(sheet: Pick<TargetSheet, 'addStatusFills'>): void {
    if (this.firstDataRow === 0) return;
    const first = this.firstDataRow;
    const statusColumn = columnLetters(this.plan.startColumn - 1);
    const ref = `${columnLetters(this.plan.firstColumn - 1)}${first}:${columnLetters(this.lastColumn - 1)}${this.lastDataRow}`;
    sheet.addStatusFills(
      ref,
      STATUS_ORDER.map((code) => ({
        formula: `$${statusColumn}${first}="${statusLabel(code, this.plan.locale).replace(/"/g, '""')}"`,
        fill: argbOf(STATUS_LOOKS[code].fill),
        text: argbOf(STATUS_LOOKS[code].text),
      })),
    );
  }
}

export interface SummaryFacts {
  /** How the copy names the input file. */
  readonly file: string;
  readonly settings: ScanSettings;
  readonly outcome: ScanOutcome;
}

/** A sheet name that is not taken yet (Excel compares them without case). */
export function freeSheetName(wanted: string, taken: readonly string[]): string {
  const lower = new Set(taken.map((name) => name.toLowerCase()));
  if (!lower.has(wanted.toLowerCase())) return wanted;
  for (let n = 2; ; n++) {
    const name = `${wanted} (${n})`;
    if (!lower.has(name.toLowerCase())) return name;
  }
}

/**
 * The summary sheet: the facts of the scan, the legend with a count per status, the amount at risk
 * by currency and the next deadlines. Rows are written top to bottom and committed, so a
 * streaming writer can take it. Dates are serials in the copy's date system, with a date format.
 */
export function writeSummarySheet(sheet: TargetSheet, system: DateSystem, facts: SummaryFacts): void {
  const { settings, outcome } = facts;
  const { locale } = settings;
  const texts = COPY_TEXTS[locale];
  [30, 12, 100].forEach((width, i) => sheet.setColumnWidth(i + 1, width));
  let next = 1;
  const bold: CellFormat = { font: { bold: true } };
  const dateCell: CellFormat = { numFmt: DATE_NUMBER_FORMAT, alignment: { horizontal: 'left' } };
  const date = (day: number) => serialFromDay(day, system);
  const add = (values: Array<CopyValue | CellValue>, style?: (column: number) => CellFormat | undefined) => {
    const row = sheet.row(next++);
    values.forEach((value, i) => row.set(i + 1, (value ?? null) as CopyValue, style?.(i + 1)));
    void sheet.commit(row); // a few dozen rows: nothing to wait for
  };
  add([texts.summaryTitle], () => ({ font: { bold: true, size: 14 } }));
  add([texts.file, facts.file], (c) => (c === 1 ? bold : undefined));
  add([texts.sheet, outcome.table.sheet], (c) => (c === 1 ? bold : undefined));
  add([texts.asOf, date(settings.asOf)], (c) => (c === 1 ? bold : dateCell));
  add([texts.warningWindow, `${settings.warningDays} ${texts.days}`], (c) => (c === 1 ? bold : undefined));
  add([texts.rowsScanned, outcome.summary.rows], (c) => (c === 1 ? bold : { alignment: { horizontal: 'left' } }));
  next++;
  add([texts.legend, texts.rows, texts.meaning], () => bold);
  for (const code of STATUS_ORDER) {
    const fill = statusFill(code);
    const first: CellFormat = { fill, font: { ...statusFont(code), bold: true } };
    const rest: CellFormat = { fill, font: statusFont(code) };
    add([statusLabel(code, locale), outcome.summary.counts[code], texts.meanings[code]], (c) => (c === 1 ? first : rest));
  }
  next++;
  add([texts.amountAtRisk], () => bold);
  const currencies = Object.keys(outcome.summary.amountAtRisk).sort();
  if (currencies.length === 0) add([texts.nothingAtRisk]);
  else add([texts.currency, texts.amount], () => bold);
  for (const currency of currencies) {
    add([currency === '?' ? texts.noCurrency : currency, outcome.summary.amountAtRisk[currency]], (c) => (c === 2 ? { numFmt: AMOUNT_NUMBER_FORMAT } : undefined));
  }
  if (outcome.upcoming.length > 0) {
    next++;
    add([texts.nextDeadlines], () => bold);
    add([texts.date, texts.row, `${texts.deadline}: ${texts.subscription} · ${texts.product}`], () => bold);
    const left: CellFormat = { alignment: { horizontal: 'left' } };
    for (const { result, kind, day } of outcome.upcoming) {
      const what = [result.id, result.product].filter((part): part is string => part !== null).map(cut).join(' · ');
      const label = `${kind === 'suspension' ? texts.suspension : texts.cancellation} (${statusLabel(result.status, locale)}): ${what}`;
      add([date(day), result.row, label], (c) => (c === 1 ? dateCell : c === 2 ? left : undefined));
    }
  }
  next++;
  const note: CellFormat = { font: { italic: true, color: { argb: 'FF595959' } } };
  add([texts.madeBy], () => note);
}
