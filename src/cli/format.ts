/**
 * The three output formats, each written row by row as the scan reads (a million-row file never
 * sits in memory): JSON (the contract in docs/cli.md), CSV (formula-safe) and a readable table.
 * Pure: each writes through an `emit` function.
 */
import { isoFromDay, statusLabel, type DateOrder, type Locale, type StatusCode } from '../rules';
import { formatAmount, STATUS_LOOKS, STATUS_ORDER, type RowResult, type ScanSummary, type UpcomingDeadline } from '../scan';
import { TABLE_TEXTS } from './text';

export type Emit = (text: string) => void | Promise<void>;

/** What is known when a file's table is found. */
export interface FileHead {
  /** The file as the user named it. */
  readonly file: string;
  readonly sheet: string;
  readonly headerRow: number;
  readonly asOf: string;
  readonly warningDays: number;
  readonly dateOrder: DateOrder | null;
  /** The as-of date is the sample's own, not today. */
  readonly sampleDate: boolean;
}

/** What is known when a file is done. */
export interface FileTail {
  readonly summary: ScanSummary;
  readonly upcoming: readonly UpcomingDeadline[];
  /** The annotated copy written, or null. */
  readonly out: string | null;
}

export interface OutputOptions {
  readonly locale: Locale;
  readonly explain: boolean;
  /** ANSI colours (the runner decides: a terminal, and NO_COLOR unset). */
  readonly color: boolean;
}

/** Each method returns a promise only when the output asks to wait (backpressure). */
export interface OutputWriter {
  start(head: FileHead): void | Promise<void>;
  row(result: RowResult): void | Promise<void>;
  end(tail: FileTail): void | Promise<void>;
  /**
   * A file failed after start(): close what was opened for it, so the output stays well-formed
   * (JSON a script can still parse) and the other files can follow.
   */
  fail(message: string): void | Promise<void>;
  /** After the last file. */
  finish(): void | Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// JSON

/** One row of the JSON contract: the contract's fields first, then the extras. */
function jsonRow(result: RowResult, locale: Locale): Record<string, unknown> {
  return {
    row: result.row,
    status: result.status,
    dueDate: result.dueDate,
    suspensionDate: result.suspensionDate,
    cancellationDate: result.cancellationDate,
    reason: result.reason,
    explanation: result.explanation,
    label: statusLabel(result.status, locale),
    rule: result.rule,
    atRisk: result.atRisk,
    cell: result.cell,
    id: result.id,
    product: result.product,
    amount: result.amount,
    currency: result.currency,
    amountProblem: result.amountProblem,
  };
}

const JSON_UNSAFE = /[\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON that is safe on a terminal and means the same: JSON.stringify escapes C0 controls but
 * writes C1 controls (U+009B is a CSI to some terminals) and bidirectional overrides raw; here
 * they are \u escapes too.
 * @example safeJson('a\u009bb') //=> '"a\\u009bb"'
 */
export function safeJson(value: unknown): string {
  return JSON.stringify(value).replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Counts for all seven status codes, in the one order (src/scan/presentation.ts). */
function summaryCounts(summary: ScanSummary): Record<StatusCode, number> {
  return Object.fromEntries(STATUS_ORDER.map((code) => [code, summary.counts[code]])) as Record<StatusCode, number>;
}

export class JsonOutput implements OutputWriter {
  private files = 0;
  private rows = 0;

  constructor(
    private readonly emit: Emit,
    private readonly options: OutputOptions,
    /** Several files: an array of objects. */
    private readonly multi: boolean,
  ) {}

  async start(head: FileHead): Promise<void> {
    const opening = this.multi ? (this.files === 0 ? '[\n' : ',\n') : '';
    this.files++;
    this.rows = 0;
    const fields = [
      ['asOf', head.asOf],
      ['file', head.file],
      ['sheet', head.sheet],
      ['headerRow', head.headerRow],
      ['warningDays', head.warningDays],
      ['dateOrder', head.dateOrder],
      ['lang', this.options.locale],
    ] as const;
    await this.emit(`${opening}{\n${fields.map(([key, value]) => `  ${JSON.stringify(key)}: ${safeJson(value)},\n`).join('')}  "rows": [`);
  }

  row(result: RowResult): void | Promise<void> {
    return this.emit(`${this.rows++ === 0 ? '\n' : ',\n'}    ${safeJson(jsonRow(result, this.options.locale))}`);
  }

  async end(tail: FileTail): Promise<void> {
    const extra: Array<[string, unknown]> = [
      ['summary', summaryCounts(tail.summary)],
      ['atRisk', tail.summary.atRisk],
      ['amountAtRisk', tail.summary.amountAtRisk],
      ['amountProblems', tail.summary.amountProblems],
      ['nextDeadlines', tail.upcoming.map(({ result, kind, day }) => ({ row: result.row, kind, date: isoFromDay(day), id: result.id, product: result.product }))],
    ];
    if (tail.out !== null) extra.push(['out', tail.out]);
    await this.emit(`${this.rows ? '\n  ' : ''}],\n${extra.map(([key, value]) => `  ${JSON.stringify(key)}: ${safeJson(value)}`).join(',\n')}\n}`);
  }

  async fail(message: string): Promise<void> {
    await this.emit(`${this.rows ? '\n  ' : ''}],\n  "error": ${safeJson(message)}\n}`);
  }

  async finish(): Promise<void> {
    if (this.multi) await this.emit(this.files === 0 ? '[]\n' : '\n]\n');
    else if (this.files > 0) await this.emit('\n');
  }
}

// ---------------------------------------------------------------------------------------------
// CSV

const CSV_COLUMNS = [
  'file', 'sheet', 'row', 'status', 'label', 'dueDate', 'suspensionDate', 'cancellationDate', 'reason', 'cell', 'id', 'product', 'amount', 'currency', 'explanation', 'amountProblem',
] as const;

/** Characters a spreadsheet takes as the start of a formula (OWASP CSV injection), and tab and CR. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field: text that a spreadsheet would run as a formula gets a leading `'`; fields with a
 * delimiter, quote or line break are quoted.
 * @example csvField('=HYPERLINK("http://x")') //=> '"\'=HYPERLINK(""http://x"")"'
 */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export class CsvOutput implements OutputWriter {
  private head: FileHead | null = null;
  private wroteHeader = false;

  constructor(
    private readonly emit: Emit,
    private readonly options: OutputOptions,
  ) {}

  async start(head: FileHead): Promise<void> {
    this.head = head;
    if (!this.wroteHeader) {
      this.wroteHeader = true;
      await this.emit(`${CSV_COLUMNS.join(',')}\r\n`);
    }
  }

  row(result: RowResult): void | Promise<void> {
    const head = this.head!;
    const fields: Array<string | number | boolean | null> = [
      head.file, head.sheet, result.row, result.status, statusLabel(result.status, this.options.locale), result.dueDate, result.suspensionDate,
      result.cancellationDate, result.reason, result.cell, result.id, result.product, result.amount, result.currency, result.explanation, result.amountProblem,
    ];
    return this.emit(`${fields.map(csvField).join(',')}\r\n`);
  }

  end(): void {}

  fail(): void {}

  finish(): void {}
}

// ---------------------------------------------------------------------------------------------
// Table

/**
 * Text for a terminal: control characters (escape sequences could rewrite the screen) and
 * bidirectional overrides (they could reorder what is shown) become spaces or are removed.
 */
export function terminalSafe(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what it removes
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').replace(/[\u202a-\u202e\u2066-\u2069\u200e\u200f]/g, '');
}

export function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

/**
 * A note or explanation in the table is cut here: it quotes the cell it is about, and a cell may
 * hold 131,072 characters (JSON and CSV carry the whole sentence).
 */
const NOTE_WIDTH = 240;
/** An ID or product in "Next deadlines" is cut here. */
const DEADLINE_PART_WIDTH = 60;

function paint(text: string, code: string, color: boolean): string {
  return color ? `\u001b[${code}m${text}\u001b[0m` : text;
}

/** Rows held back to size the columns before the table streams. */
const TABLE_SIZING_ROWS = 200;
const MAX_ID_WIDTH = 24;
const MAX_PRODUCT_WIDTH = 28;
const DATE_WIDTH = 10;

export class TableOutput implements OutputWriter {
  private held: RowResult[] = [];
  private widths: { row: number; status: number; due: number; suspension: number; cancellation: number; id: number; product: number } | null = null;
  private files = 0;

  constructor(
    private readonly emit: Emit,
    private readonly options: OutputOptions,
  ) {}

  private get texts() {
    return TABLE_TEXTS[this.options.locale];
  }

  async start(head: FileHead): Promise<void> {
    const t = this.texts;
    const asOf = head.sampleDate ? `${head.asOf} (${t.sampleDate})` : head.asOf;
    const line = `${terminalSafe(head.file)}: ${t.sheet} "${terminalSafe(head.sheet)}", ${t.headerRow} ${head.headerRow}, ${t.asOf} ${asOf}, ${t.warning} ${head.warningDays} ${t.days}`;
    await this.emit(`${this.files++ > 0 ? '\n' : ''}${this.options.color ? paint(line, '1', true) : line}\n\n`);
    this.held = [];
    this.widths = null;
  }

  row(result: RowResult): void | Promise<void> {
    if (this.widths) return this.emit(this.line(result));
    this.held.push(result);
    if (this.held.length >= TABLE_SIZING_ROWS) return this.release();
  }

  /** The rows read before the failure are still shown; the error line on stderr says why it stopped. */
  async fail(): Promise<void> {
    if (this.held.length > 0) await this.release();
  }

  private async release(): Promise<void> {
    const t = this.texts;
    const held = this.held;
    this.held = [];
    const longest = (values: string[], floor: number, cap: number) => Math.min(cap, Math.max(floor, ...values.map((value) => value.length)));
    this.widths = {
      row: longest(held.map((r) => String(r.row)), t.row.length, 9) + 1,
      status: Math.max(t.status.length, ...STATUS_ORDER.map((code) => statusLabel(code, this.options.locale).length)),
      due: Math.max(DATE_WIDTH, t.due.length),
      suspension: Math.max(DATE_WIDTH, t.suspension.length),
      cancellation: Math.max(DATE_WIDTH, t.cancellation.length),
      id: longest(held.map((r) => r.id ?? ''), t.subscription.length, MAX_ID_WIDTH),
      product: longest(held.map((r) => r.product ?? ''), t.product.length, MAX_PRODUCT_WIDTH),
    };
    const w = this.widths;
    const heading = [t.row.padStart(w.row), t.status.padEnd(w.status), t.due.padEnd(w.due), t.suspension.padEnd(w.suspension), t.cancellation.padEnd(w.cancellation), t.subscription.padEnd(w.id), t.product.padEnd(w.product), t.note].join('  ');
    await this.emit(`${this.options.color ? paint(heading, '1', true) : heading}\n`);
    await this.emit(held.map((result) => this.line(result)).join(''));
  }

  private line(result: RowResult): string {
    const w = this.widths!;
    const label = statusLabel(result.status, this.options.locale).padEnd(w.status);
    const note = result.status === 'invalid' && !this.options.explain ? truncate(terminalSafe(result.explanation), NOTE_WIDTH) : '';
    const cells = [
      String(result.row).padStart(w.row),
      paint(label, STATUS_LOOKS[result.status].ansi, this.options.color),
      (result.dueDate ?? '-').padEnd(w.due),
      (result.suspensionDate ?? '-').padEnd(w.suspension),
      (result.cancellationDate ?? '-').padEnd(w.cancellation),
      truncate(terminalSafe(result.id ?? ''), w.id).padEnd(w.id),
      truncate(terminalSafe(result.product ?? ''), w.product).padEnd(w.product),
      note,
    ];
    const text = `${cells.join('  ').trimEnd()}\n`;
    return this.options.explain ? `${text}${' '.repeat(w.row + 2)}${truncate(terminalSafe(result.explanation), NOTE_WIDTH)}\n` : text;
  }

  async end(tail: FileTail): Promise<void> {
    const t = this.texts;
    const locale = this.options.locale;
    if (!this.widths) {
      if (this.held.length === 0) await this.emit(`${t.noRows}\n`);
      else await this.release();
    }
    const { summary } = tail;
    const counts = STATUS_ORDER.map((code) => paint(`${statusLabel(code, locale)} ${summary.counts[code]}`, STATUS_LOOKS[code].ansi, this.options.color && summary.counts[code] > 0)).join(' · ');
    const lines = [`\n${counts} (${summary.rows} ${t.rows})`];
    const currencies = Object.keys(summary.amountAtRisk).sort();
    const amounts = currencies.map((currency) =>
      currency === '?' ? `${t.noCurrency} ${formatAmount(summary.amountAtRisk[currency], null, locale)}` : terminalSafe(formatAmount(summary.amountAtRisk[currency], currency, locale)),
    );
    lines.push(`${t.atRisk}: ${summary.atRisk} ${t.rows}${amounts.length ? `; ${t.amountAtRisk} ${amounts.join(', ')}` : ''}`);
    if (summary.amountProblems > 0) lines.push(`${t.amountProblems}: ${summary.amountProblems} ${t.rows}`);
    if (tail.upcoming.length > 0) {
      lines.push(`${t.nextDeadlines}:`);
      for (const { result, kind, day } of tail.upcoming.slice(0, 5)) {
        const what = [result.id, result.product]
          .filter((part): part is string => part !== null)
          .map((part) => truncate(terminalSafe(part), DEADLINE_PART_WIDTH))
          .join(' · ');
        lines.push(`  ${isoFromDay(day)}  ${(kind === 'suspension' ? t.suspensionWord : t.cancellationWord).padEnd(12)}  ${t.row.toLowerCase()} ${result.row}  ${what}`);
      }
    }
    if (tail.out !== null) lines.push(`${t.copy}: ${terminalSafe(tail.out)}`);
    await this.emit(`${lines.join('\n')}\n`);
  }

  finish(): void {}
}
