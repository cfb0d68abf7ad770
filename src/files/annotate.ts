/**
 * The annotated copy, row by row: status and deadline columns to the right of the table, each data
 * row filled by its status (with the status text beside the colour), and a summary sheet with the
 * legend. It works on ExcelJS rows, so the
 * same code annotates a workbook in memory (task pane, small files) and a streamed copy (CLI).
 */
import type { Cell, Fill, Row, Style, Worksheet } from 'exceljs';
import { isBlank, serialFromDay, statusLabel, STATUS_CODES, type CellValue, type DateSystem, type Locale, type StatusCode } from '../rules';
import { columnLetters, type RowResult, type ScanSummary } from '../scan';
import { excelDate } from './cells';
import { COPY_TEXTS, STATUS_FILLS, type CopyTexts } from './labels';
import type { FoundHeader } from './table';

/** Status, due date, suspension date, cancellation date, explanation. */
export const ANNOTATION_COLUMNS = 5;

export const DATE_FORMAT = 'yyyy-mm-dd';

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

function solidFill(argb: string): Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb }, bgColor: { argb } };
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
  private readonly plain: Record<StatusCode, Partial<Style>>;
  private readonly statusStyles: Record<StatusCode, Partial<Style>>;
  private readonly dateStyles: Record<StatusCode, Partial<Style>>;
  private readonly lastColumn: number;
  private firstDataRow = 0;
  private lastDataRow = 0;

  constructor(readonly plan: AnnotationPlan) {
    this.texts = COPY_TEXTS[plan.locale];
    this.lastColumn = plan.startColumn + ANNOTATION_COLUMNS - 1;
    const byStatus = <T>(make: (code: StatusCode) => T) => Object.fromEntries(STATUS_CODES.map((code) => [code, make(code)])) as Record<StatusCode, T>;
    const fills = byStatus((code) => solidFill(STATUS_FILLS[code]));
    this.plain = byStatus((code) => ({ fill: fills[code] }));
    this.statusStyles = byStatus((code) => ({ fill: fills[code], font: { bold: true } }));
    this.dateStyles = byStatus((code) => ({ fill: fills[code], numFmt: DATE_FORMAT }));
  }

  /** Column widths of the added columns, for a sheet that is about to be written. */
  setColumnWidths(sheet: Pick<Worksheet, 'getColumn'>): void {
    ANNOTATION_WIDTHS.forEach((width, i) => {
      sheet.getColumn(this.plan.startColumn + i).width = width;
    });
  }

  /** The headings of the added columns, styled like the table's own last heading, in bold. */
  header(row: Row): void {
    const like = this.plan.startColumn > 1 ? row.getCell(this.plan.startColumn - 1).style : undefined;
    const style: Partial<Style> = { ...(like ?? {}), font: { ...(like?.font ?? {}), bold: true } };
    const headings = [this.texts.status, this.texts.dueDate, this.texts.suspensionDate, this.texts.cancellationDate, this.texts.explanation];
    headings.forEach((heading, i) => {
      const cell = row.getCell(this.plan.startColumn + i);
      cell.value = heading;
      cell.style = style;
    });
  }

  /** The status, its dates and explanation (see {@link AnnotationPlan.explain}), each filled with the status's colour. */
  data(row: Row, result: RowResult): void {
    const { status } = result;
    if (this.firstDataRow === 0) this.firstDataRow = row.number;
    this.lastDataRow = row.number;
    const start = this.plan.startColumn;
    const statusCell = row.getCell(start);
    statusCell.value = statusLabel(status, this.plan.locale);
    statusCell.style = this.statusStyles[status];
    const days = result.days;
    if (days) {
      // Serials with a date format: what a Date becomes anyway, without a Date object per cell.
      const system = this.plan.dateSystem;
      const dateStyle = this.dateStyles[status];
      setCell(row.getCell(start + 1), serialFromDay(days.due, system), dateStyle);
      setCell(row.getCell(start + 2), serialFromDay(days.suspension, system), dateStyle);
      setCell(row.getCell(start + 3), serialFromDay(days.cancellation, system), dateStyle);
    }
    // Empty added cells are not written at all: the row's conditional format fills them.
    if (this.plan.explain || status === 'invalid') setCell(row.getCell(this.lastColumn), result.explanation, this.plain[status]);
  }

  /**
   * The row fill: one conditional format per status from the table's first column to the last
   * added one, over the data rows. Call once, after the last row and before the sheet is closed.
   */
  finish(sheet: Pick<Worksheet, 'addConditionalFormatting'>): void {
    if (this.firstDataRow === 0) return;
    const first = this.firstDataRow;
    const statusColumn = columnLetters(this.plan.startColumn - 1);
    const ref = `${columnLetters(this.plan.firstColumn - 1)}${first}:${columnLetters(this.lastColumn - 1)}${this.lastDataRow}`;
    sheet.addConditionalFormatting({
      ref,
      // No priority: ExcelJS numbers the rules after any the sheet already has.
      rules: STATUS_CODES.map((code) => ({
        priority: undefined as unknown as number,
        type: 'expression' as const,
        formulae: [`$${statusColumn}${first}="${statusLabel(code, this.plan.locale)}"`],
        style: { fill: { type: 'pattern' as const, pattern: 'solid' as const, bgColor: { argb: STATUS_FILLS[code] } } },
      })),
    });
  }
}

function setCell(cell: Cell, value: Cell['value'], style: Partial<Style>): void {
  cell.value = value;
  cell.style = style;
}

export interface SummaryFacts {
  readonly file: string;
  readonly sheet: string;
  readonly asOf: number;
  readonly warningDays: number;
  readonly summary: ScanSummary;
  readonly upcoming: ReadonlyArray<{ readonly result: RowResult; readonly kind: 'suspension' | 'cancellation'; readonly day: number }>;
  readonly locale: Locale;
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
 * streaming writer can take it.
 */
export function writeSummarySheet(sheet: Worksheet, facts: SummaryFacts): void {
  const texts = COPY_TEXTS[facts.locale];
  [30, 12, 100].forEach((width, i) => {
    sheet.getColumn(i + 1).width = width;
  });
  let next = 1;
  const bold: Partial<Style> = { font: { bold: true } };
  const add = (values: CellValue[] | Array<string | number | Date | null>, style?: (column: number) => Partial<Style> | undefined) => {
    const row = sheet.getRow(next++);
    values.forEach((value, i) => {
      const cell = row.getCell(i + 1);
      cell.value = value as Cell['value'];
      const chosen = style?.(i + 1);
      if (chosen) cell.style = chosen;
    });
    row.commit();
  };
  add([texts.summaryTitle], () => ({ font: { bold: true, size: 14 } }));
  add([texts.file, facts.file], (c) => (c === 1 ? bold : undefined));
  add([texts.sheet, facts.sheet], (c) => (c === 1 ? bold : undefined));
  add([texts.asOf, excelDate(facts.asOf)], (c) => (c === 1 ? bold : { numFmt: DATE_FORMAT, alignment: { horizontal: 'left' } }));
  add([texts.warningWindow, `${facts.warningDays} ${texts.days}`], (c) => (c === 1 ? bold : undefined));
  add([texts.rowsScanned, facts.summary.rows], (c) => (c === 1 ? bold : { alignment: { horizontal: 'left' } }));
  next++;
  add([texts.legend, texts.rows, texts.meaning], () => bold);
  for (const code of STATUS_CODES) {
    const fill = solidFill(STATUS_FILLS[code]);
    add([statusLabel(code, facts.locale), facts.summary.counts[code], texts.meanings[code]], (c) => (c === 1 ? { fill, font: { bold: true } } : { fill }));
  }
  next++;
  add([texts.amountAtRisk], () => bold);
  const currencies = Object.keys(facts.summary.amountAtRisk).sort();
  if (currencies.length === 0) add([texts.nothingAtRisk]);
  else add([texts.currency, texts.amount], () => bold);
  for (const currency of currencies) {
    add([currency === '?' ? texts.noCurrency : currency, facts.summary.amountAtRisk[currency]], (c) => (c === 2 ? { numFmt: '#,##0.00' } : undefined));
  }
  if (facts.upcoming.length > 0) {
    next++;
    add([texts.nextDeadlines], () => bold);
    add([texts.date, texts.row, `${texts.deadline}: ${texts.subscription} · ${texts.product}`], () => bold);
    for (const { result, kind, day } of facts.upcoming) {
      const what = [result.id, result.product].filter((part) => part !== null).join(' · ');
      const label = `${kind === 'suspension' ? texts.suspension : texts.cancellation} (${statusLabel(result.status, facts.locale)}): ${what}`;
      add([excelDate(day), result.row, label], (c) => (c === 1 ? { numFmt: DATE_FORMAT, alignment: { horizontal: 'left' } } : c === 2 ? { alignment: { horizontal: 'left' } } : undefined));
    }
  }
  next++;
  add([texts.madeBy], () => ({ font: { italic: true, color: { argb: 'FF595959' } } }));
}
