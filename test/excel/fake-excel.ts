/**
 * A small fake of the parts of the Excel JavaScript API this add-in uses. There is no Excel on
 * our machines, so every behaviour modelled here names where it is written (a learn.microsoft.com
 * page, the office.js sources in `@microsoft/office-js`, or an OfficeDev/office-js issue). Where
 * nothing is written and the fake follows our own reading, the comment says "assumption" and the
 * behaviour is on the checklist for a real Excel in docs/real-office.md.
 *
 * What it models, and from where:
 * - Proxies and queueing: calls queue commands; nothing happens until `context.sync()`; a
 *   property is readable only after `load()` and a sync, and holds the value as of that sync,
 *   else "PropertyNotLoaded" with office.js's own message (learn.microsoft.com "Using the
 *   application-specific API model": proxy objects, load, sync; the message from
 *   @microsoft/office-js dist/en-us/office_strings.js). Navigation (getRange, getCell, …) is lazy and
 *   resolved when the commands run ("Using the application-specific API model": proxy objects).
 * - A failing command fails its sync; the commands before it in the batch stay applied, later ones
 *   are dropped (learn.microsoft.com OfficeExtension.Error, the traceMessages example: "The second
 *   batch successfully inserts the third and fourth paragraphs but fails in the call to insert the
 *   fifth … All other commands after the failed command in the batch are not executed").
 * - Excel on the web's limits: a request or a response over 5 MB fails with
 *   RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded, a read over five million
 *   cells fails too (learn.microsoft.com "Resource limits and performance optimization for Office
 *   Add-ins", Excel add-ins; the codes from @microsoft/office-js dist/excel-web-16.00.debug.js
 *   CoreErrorCodes). Our byte counts are an estimate of the JSON (assumption).
 * - Writing: text Excel would read as a number becomes one, as if typed (assumption, from
 *   learn.microsoft.com Excel.Range.values: strings are interpreted, e.g. locale-shaped dates);
 *   ISO date text would become a date (same page) and a text starting with "=" a formula (same
 *   page): the add-in must do neither, so the fake refuses both. `null` in a 2-D array leaves that
 *   cell unchanged, `""` clears it (learn.microsoft.com "Blank and null values in Excel add-ins").
 * - Formulas: `Range.formulas` reads a cell's formula, or its value when it has none
 *   (learn.microsoft.com Excel.Range.formulas); `Range.values` reads what a formula shows, so
 *   `=IF(A1="","",A1)` reads as "" (Excel.Range.values: "raw values"). The fake does not calculate:
 *   a formula shows the value the test gave it (`putFormula`). A formula cell is never empty for
 *   the used range and the current region (assumption).
 * - AutoExpansion: a value written into the column right of a table or the row below it makes it
 *   part of the table (Excel's AutoCorrect "include new rows and columns in table"; office-js #6745
 *   shows AutoCorrect's as-you-type options apply to API writes; that this one does is an
 *   assumption).
 * - Conditional formats: `add` puts the new format at the top priority (learn.microsoft.com
 *   Excel.ConditionalFormatCollection.add); `ConditionalFormat.id` is "the priority of the
 *   conditional format in the current ConditionalFormatCollection" (Excel.ConditionalFormat.id),
 *   so ids shift when formats are added or removed, and an object is tied to its priority
 *   ("if you change the priority, you have to re-fetch a new copy of the object at that new
 *   priority location", Excel.ConditionalFormat.priority). Items of a loaded collection and
 *   `getItem(id)` therefore address a priority, not a format.
 * - Undo: each `context.sync()` that changes the workbook is one undo step; with
 *   `Excel.run({ mergeUndoGroup: true }, …)` all syncs of that run are one step
 *   (learn.microsoft.com Excel.RunOptions.mergeUndoGroup, ExcelApi 1.20; "Undo capabilities with
 *   the Excel JavaScript API"). `undo()` is the user's Ctrl+Z. Document settings are not on Excel's
 *   undo stack (assumption: they are the add-in's own storage, saved by saveAsync). A sync that
 *   changes nothing is no step (assumption). Off by default (`undo.enabled`): copying a
 *   million-row sheet per sync would be the bench's whole cost.
 * - Names: `visible` set in the batch that adds the name is not applied (office-js #3878, #3949).
 * - Counters: syncs, queued commands (loads, property sets and method calls; navigation is free),
 *   and commands on conditional formats separately. They are our measure, not Excel's.
 * Not modelled: calculation, styles other than number formats, events, charts, error values.
 */
import { columnIndex, columnLetters } from '../../src/scan';

export type Cell = string | number | boolean;

export interface Rect {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

/** learn.microsoft.com "Resource limits and performance optimization for Office Add-ins": 5 MB per request and response on the web, 5,000,000 cells per read. */
const MB5 = 5 * 1024 * 1024;
const CELL_CAP = 5_000_000;
/** learn.microsoft.com "Excel specifications and limits": 1,048,576 rows by 16,384 columns. */
const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;

/** The error `context.sync()` rejects with: a code from Excel.ErrorCodes and a message (learn.microsoft.com OfficeExtension.Error). */
export class OfficeError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'RichApi.Error';
  }
}

const bottomOf = (r: Rect) => r.row + r.rows - 1;
const rightOf = (r: Rect) => r.column + r.columns - 1;
const intersect = (a: Rect, b: Rect) => a.row <= bottomOf(b) && b.row <= bottomOf(a) && a.column <= rightOf(b) && b.column <= rightOf(a);
const within = (inner: Rect, outer: Rect) => inner.row >= outer.row && inner.column >= outer.column && bottomOf(inner) <= bottomOf(outer) && rightOf(inner) <= rightOf(outer);
const cellsOf = (r: Rect) => r.rows * r.columns;

function a1(r: Rect, absolute = false): string {
  const $ = absolute ? '$' : '';
  const start = `${$}${columnLetters(r.column)}${$}${r.row + 1}`;
  return r.rows === 1 && r.columns === 1 ? start : `${start}:${$}${columnLetters(rightOf(r))}${$}${bottomOf(r) + 1}`;
}

/** A sheet name in a reference, quoted unless it is a plain identifier (Excel's own quoting, e.g. 'Q1 2025'!A1). */
function sheetRef(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function parseA1(address: string): Rect {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i.exec(address);
  if (!m) throw new OfficeError('InvalidArgument', `The argument is invalid or missing or has an incorrect format: ${address}`);
  const col = (s: string) => [...s.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const c1 = col(m[1]);
  const r1 = Number(m[2]) - 1;
  const c2 = m[3] ? col(m[3]) : c1;
  const r2 = m[4] ? Number(m[4]) - 1 : r1;
  return { row: Math.min(r1, r2), column: Math.min(c1, c2), rows: Math.abs(r2 - r1) + 1, columns: Math.abs(c2 - c1) + 1 };
}

function jsonBytes(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, v) => sum + jsonBytes(v) + 1, 2);
  if (typeof value === 'string') return value.length + 2;
  if (typeof value === 'number') return Number.isInteger(value) ? String(value).length : 18;
  return 5;
}

/**
 * A formula with its references at or right of `column` moved `count` columns right. Excel
 * adjusts every reference when columns are inserted (assumption for conditional-format formulas;
 * simplified: any letters-digits token is taken for a reference).
 */
function shiftReferences(formula: string, column: number, count: number): string {
  return formula.replace(/(\$?)([A-Z]{1,3})(\$?)(\d+)/g, (all, d1: string, letters: string, d2: string, digits: string) => {
    const c = columnIndex(letters);
    return c < 0 || c < column ? all : `${d1}${columnLetters(c + count)}${d2}${digits}`;
  });
}

// ----------------------------------------------------------------------------------------------
// State

/** One conditional format; its priority (and so its id) is its index in the sheet's list. */
export interface FakeConditionalFormat {
  type: string;
  rect: Rect;
  formula: string | null;
  fill: string | null;
  font: string | null;
}

export class FakeSheet {
  /** Values by column; a hole or '' is an empty cell. A formula cell holds what it shows. */
  readonly cells = new Map<number, Cell[]>();
  /** Number formats by column; a hole is 'General'. */
  readonly formats = new Map<number, string[]>();
  /** Formulas by column; a hole is a cell without one. */
  readonly formulas = new Map<number, string[]>();
  protected = false;
  readonly autoFilter = { enabled: false, isDataFiltered: false };
  readonly merged: Rect[] = [];
  /** In priority order: index 0 is the top priority. */
  conditionalFormats: FakeConditionalFormat[] = [];

  constructor(readonly book: FakeWorkbook, readonly id: string, public name: string) {}

  get(row: number, column: number): Cell {
    const value = this.cells.get(column)?.[row];
    return value === undefined ? '' : value;
  }

  /** A constant written into a cell, as if typed: it replaces a formula there. */
  set(row: number, column: number, value: Cell): void {
    const formulas = this.formulas.get(column);
    if (formulas && row < formulas.length) delete formulas[row];
    this.show(row, column, value);
  }

  formula(row: number, column: number): string | null {
    return this.formulas.get(column)?.[row] ?? null;
  }

  /** A formula written into a cell; it shows what the book says that formula shows ('' unless a test said otherwise). */
  setFormula(row: number, column: number, formula: string): void {
    let col = this.formulas.get(column);
    if (!col) this.formulas.set(column, (col = []));
    col[row] = formula;
    this.show(row, column, this.book.formulaResults.get(formula) ?? '');
  }

  /** Test helper: a formula the user typed, showing `shows` (the fake does not calculate). */
  putFormula(row: number, column: number, formula: string, shows: Cell = ''): this {
    this.book.formulaResults.set(formula, shows);
    this.setFormula(row, column, formula);
    return this;
  }

  private show(row: number, column: number, value: Cell): void {
    let col = this.cells.get(column);
    if (value === '') {
      if (col && row < col.length) delete col[row];
      return;
    }
    if (!col) this.cells.set(column, (col = []));
    col[row] = value;
  }

  format(row: number, column: number): string {
    return this.formats.get(column)?.[row] ?? 'General';
  }

  setFormat(row: number, column: number, format: string): void {
    let col = this.formats.get(column);
    if (format === 'General') {
      if (col && row < col.length) delete col[row];
      return;
    }
    if (!col) this.formats.set(column, (col = []));
    col[row] = format;
  }

  /** Test helper: writes rows of values starting at a cell (no API, no counters). */
  put(row: number, column: number, rows: readonly (readonly (Cell | null | undefined)[])[]): this {
    rows.forEach((values, r) => values.forEach((v, c) => this.set(row + r, column + c, v === null || v === undefined ? '' : v)));
    return this;
  }

  /** Test helper: a whole column at once, fast for a million rows. */
  putColumn(row: number, column: number, values: readonly Cell[]): this {
    let col = this.cells.get(column);
    if (!col) this.cells.set(column, (col = []));
    for (let r = 0; r < values.length; r++) if (values[r] !== '') col[row + r] = values[r];
    return this;
  }

  /** Empty: no value and no formula (a formula showing "" is not empty: assumption, see the header). */
  isEmpty(row: number, column: number): boolean {
    return this.get(row, column) === '' && this.formula(row, column) === null;
  }

  /**
   * Worksheet.getUsedRange(valuesOnly): "the smallest range that encompasses any cells that have a
   * value or formatting assigned to them"; valuesOnly leaves formatting out (learn.microsoft.com
   * Excel.Worksheet.getUsedRange). Formula cells count as values (assumption).
   */
  usedRect(valuesOnly: boolean): Rect | null {
    let top = Infinity, left = Infinity, bottom = -1, right = -1;
    const scan = (map: Map<number, unknown[]>) => {
      for (const [column, values] of map) {
        let first = -1, last = -1;
        values.forEach((v, r) => {
          if (v === undefined) return;
          if (first < 0) first = r;
          last = r;
        });
        if (first < 0) continue;
        top = Math.min(top, first); bottom = Math.max(bottom, last);
        left = Math.min(left, column); right = Math.max(right, column);
      }
    };
    scan(this.cells);
    scan(this.formulas);
    if (!valuesOnly) scan(this.formats);
    return bottom < 0 ? null : { row: top, column: left, rows: bottom - top + 1, columns: right - left + 1 };
  }

  /**
   * Range.getSurroundingRegion: "a range bounded by any combination of blank rows and blank columns"
   * (learn.microsoft.com Excel.Range.getSurroundingRegion; Ctrl+* in Excel): grow the block while
   * any cell touching it, diagonals too, is not empty.
   */
  surroundingRegion(start: Rect): Rect {
    let top = start.row, left = start.column, bottom = start.row, right = start.column;
    const rowHas = (row: number, from: number, to: number) => {
      if (row < 0 || row >= MAX_ROWS) return false;
      for (let c = Math.max(0, from); c <= Math.min(MAX_COLUMNS - 1, to); c++) if (!this.isEmpty(row, c)) return true;
      return false;
    };
    const columnHas = (column: number, from: number, to: number) => {
      if (column < 0 || column >= MAX_COLUMNS) return false;
      for (const map of [this.cells, this.formulas] as Map<number, unknown[]>[]) {
        const values = map.get(column);
        if (!values) continue;
        for (let r = Math.max(0, from); r <= Math.min(values.length - 1, to); r++) if (values[r] !== undefined) return true;
      }
      return false;
    };
    for (let grew = true; grew; ) {
      grew = false;
      while (rowHas(bottom + 1, left - 1, right + 1)) { bottom++; grew = true; }
      while (rowHas(top - 1, left - 1, right + 1)) { top--; grew = true; }
      while (columnHas(right + 1, top - 1, bottom + 1)) { right++; grew = true; }
      while (columnHas(left - 1, top - 1, bottom + 1)) { left--; grew = true; }
    }
    return { row: top, column: left, rows: bottom - top + 1, columns: right - left + 1 };
  }

  /**
   * Test helper: the user inserts `count` columns before `column`. Cells, formats, formulas,
   * tables, merged areas, conditional formats and names move or widen, and references in formulas
   * move with the cells (Excel's reference adjustment; assumption for conditional-format formulas).
   */
  insertColumns(column: number, count: number): void {
    const shift = <T>(map: Map<number, T>) => {
      const moved = [...map.entries()].map(([c, v]) => [c >= column ? c + count : c, v] as const);
      map.clear();
      for (const [c, v] of moved) map.set(c, v);
    };
    shift(this.cells);
    shift(this.formats);
    shift(this.formulas);
    for (const values of this.formulas.values()) values.forEach((f, r) => (values[r] = shiftReferences(f, column, count)));
    const move = (r: Rect) => {
      if (r.column >= column) r.column += count;
      else if (rightOf(r) >= column) r.columns += count;
    };
    for (const t of this.book.tables) if (t.sheet === this) move(t.rect);
    for (const cf of this.conditionalFormats) {
      move(cf.rect);
      if (cf.formula !== null) cf.formula = shiftReferences(cf.formula, column, count);
    }
    for (const m of this.merged) move(m);
    for (const n of this.book.names.values()) if (n.sheet === this) move(n.rect);
  }

  /** Test helper: the user adds a conditional format (at the top priority, like Excel's own add). */
  addConditionalFormat(format: FakeConditionalFormat): void {
    this.conditionalFormats = [{ ...format, rect: { ...format.rect } }, ...this.conditionalFormats];
  }
}

export interface FakeTable {
  id: string;
  name: string;
  sheet: FakeSheet;
  /** Header row included. */
  rect: Rect;
  filtered: boolean;
  showTotals: boolean;
}

export interface FakeName {
  name: string;
  sheet: FakeSheet;
  rect: Rect;
  visible: boolean;
  /** Set while the batch that added the name runs: `visible` set in that batch is not applied (office-js #3878, #3949). */
  addedInThisBatch?: boolean;
}

export class FakeWorkbook {
  readonly sheets: FakeSheet[] = [];
  readonly tables: FakeTable[] = [];
  readonly names = new Map<string, FakeName>();
  /** What each formula shows: the fake does not calculate. */
  readonly formulaResults = new Map<string, Cell>();
  active: FakeSheet;
  /** The selected range, or null when a chart or shape is selected. */
  selection: { sheet: FakeSheet; rect: Rect } | null;
  date1904 = false;
  private ids = 0;

  constructor(firstSheet = 'Sheet1') {
    this.active = this.addSheet(firstSheet);
    this.selection = { sheet: this.active, rect: { row: 0, column: 0, rows: 1, columns: 1 } };
  }

  addSheet(name: string): FakeSheet {
    const sheet = new FakeSheet(this, `{00000000-0001-0000-${String(this.sheets.length).padStart(4, '0')}-000000000000}`, name);
    this.sheets.push(sheet);
    return sheet;
  }

  /** WorksheetCollection.getItem(key): "a worksheet object using its name or ID" (learn.microsoft.com Excel.WorksheetCollection). Names compare case-insensitively (assumption, as Excel's sheet names do). */
  sheet(key: string): FakeSheet | null {
    return this.sheets.find((s) => s.id === key || s.name.toLowerCase() === key.toLowerCase()) ?? null;
  }

  addTable(sheet: FakeSheet, rect: Rect, name = `Table${this.tables.length + 1}`): FakeTable {
    const table = { id: String(++this.ids), name, sheet, rect: { ...rect }, filtered: false, showTotals: false };
    this.tables.push(table);
    return table;
  }

  select(sheet: FakeSheet, rect: Rect): void {
    this.active = sheet;
    this.selection = { sheet, rect: { ...rect } };
  }

  /** Everything a user could see or a later session could read, as plain data for deep comparison. */
  snapshot(): unknown {
    const byAddress = <T>(map: Map<number, T[]>) => {
      const out: Record<string, T> = {};
      for (const [column, values] of [...map.entries()].sort((a, b) => a[0] - b[0])) {
        values.forEach((v, row) => {
          if (v !== undefined) out[`${columnLetters(column)}${row + 1}`] = v;
        });
      }
      return out;
    };
    return {
      sheets: this.sheets.map((s) => ({
        id: s.id, name: s.name, protected: s.protected, autoFilter: { ...s.autoFilter }, merged: s.merged.map((m) => a1(m)),
        cells: byAddress(s.cells), formats: byAddress(s.formats), formulas: byAddress(s.formulas),
        conditionalFormats: s.conditionalFormats.map((cf) => ({ ...cf, rect: a1(cf.rect) })),
      })),
      tables: this.tables.map((t) => ({ name: t.name, sheet: t.sheet.name, rect: a1(t.rect), filtered: t.filtered })),
      names: [...this.names.values()].map((n) => ({ name: n.name, sheet: n.sheet.name, rect: a1(n.rect), visible: n.visible })),
      active: this.active.name,
      selection: this.selection && { sheet: this.selection.sheet.name, rect: a1(this.selection.rect) },
      date1904: this.date1904,
    };
  }
}

// ----------------------------------------------------------------------------------------------
// Undo

/** What an undo step puts back: cells, formats, formulas, conditional formats, names and table sizes (not the selection). */
interface BookState {
  readonly sheets: ReadonlyArray<{
    cells: Array<[number, Cell[]]>;
    formats: Array<[number, string[]]>;
    formulas: Array<[number, string[]]>;
    conditionalFormats: FakeConditionalFormat[];
  }>;
  readonly names: FakeName[];
  readonly tables: Rect[];
}

/**
 * Excel's undo stack for the add-in's changes: one step per sync that changed the workbook, or one
 * per `Excel.run({ mergeUndoGroup: true })` (Excel.RunOptions.mergeUndoGroup, ExcelApi 1.20).
 */
class UndoHistory {
  /** Off by default: a step copies the workbook. */
  enabled = false;
  private readonly steps: BookState[] = [];

  constructor(private readonly book: FakeWorkbook) {}

  get length(): number {
    return this.steps.length;
  }

  capture(): BookState {
    const copy = <T>(map: Map<number, T[]>) => [...map.entries()].map(([c, v]) => [c, v.slice()] as [number, T[]]);
    return {
      sheets: this.book.sheets.map((s) => ({
        cells: copy(s.cells), formats: copy(s.formats), formulas: copy(s.formulas),
        conditionalFormats: s.conditionalFormats.map((cf) => ({ ...cf, rect: { ...cf.rect } })),
      })),
      names: [...this.book.names.values()].map((n) => ({ ...n, rect: { ...n.rect } })),
      tables: this.book.tables.map((t) => ({ ...t.rect })),
    };
  }

  /** Pushes `before` as a step when the workbook changed since. */
  record(before: BookState): void {
    if (key(before) !== key(this.capture())) this.steps.push(before);
  }

  /** Ctrl+Z: puts back the workbook as it was before the last step. False when there is none. */
  undo(): boolean {
    const state = this.steps.pop();
    if (!state) return false;
    this.book.sheets.forEach((sheet, i) => {
      const saved = state.sheets[i];
      const restore = <T>(map: Map<number, T[]>, entries: Array<[number, T[]]>) => {
        map.clear();
        for (const [c, v] of entries) map.set(c, v.slice());
      };
      restore(sheet.cells, saved.cells);
      restore(sheet.formats, saved.formats);
      restore(sheet.formulas, saved.formulas);
      sheet.conditionalFormats = saved.conditionalFormats.map((cf) => ({ ...cf, rect: { ...cf.rect } }));
    });
    this.book.names.clear();
    for (const n of state.names) this.book.names.set(n.name, { ...n, rect: { ...n.rect } });
    this.book.tables.forEach((t, i) => Object.assign(t.rect, state.tables[i]));
    return true;
  }
}

function key(state: BookState): string {
  return JSON.stringify({ ...state, names: state.names.map((n) => [n.name, n.sheet.id, n.rect, n.visible]) });
}

// ----------------------------------------------------------------------------------------------
// The request context: queue, sync, counters

export interface SyncInfo {
  /** 1-based number of this sync since the counters were reset. */
  readonly number: number;
  /** What the batch does, one entry per command, e.g. "set Range.values", "call ConditionalFormatCollection.add". */
  readonly commands: readonly string[];
}

export interface Counters {
  syncs: number;
  commands: number;
  conditionalFormatCommands: number;
  /** Largest request and response of one successful sync, in bytes. */
  maxRequestBytes: number;
  maxResponseBytes: number;
}

interface Command {
  readonly label: string;
  readonly requestBytes: number;
  run(): unknown; // a load returns its response bytes
}

/** The part of Excel.RunOptions the fake reads. */
export interface FakeRunOptions {
  readonly mergeUndoGroup?: boolean;
}

export class FakeExcel {
  readonly counters: Counters = FakeExcel.zero();
  /** Injected failures: the first that returns an error fails that sync before it runs. */
  readonly faults: Array<(sync: SyncInfo) => Error | null | undefined> = [];
  /** Injected failures of one command: the commands before it in the batch stay applied. */
  readonly commandFaults: Array<(command: string) => Error | null | undefined> = [];
  payloadLimit = MB5;
  /** The commands of every sync, in order (reset with the counters). */
  readonly syncLog: string[][] = [];
  /** The options of every Excel.run, in order. */
  readonly runs: FakeRunOptions[] = [];
  readonly undo: UndoHistory;

  constructor(readonly workbook: FakeWorkbook = new FakeWorkbook()) {
    this.undo = new UndoHistory(workbook);
  }

  static zero(): Counters {
    return { syncs: 0, commands: 0, conditionalFormatCommands: 0, maxRequestBytes: 0, maxResponseBytes: 0 };
  }

  resetCounters(): void {
    Object.assign(this.counters, FakeExcel.zero());
    this.syncLog.length = 0;
  }

  /**
   * Excel.run(batch) or Excel.run(options, batch): a fresh context per batch, and the pending
   * commands synced when the batch ends (learn.microsoft.com Excel.run).
   */
  run = async <T>(optionsOrBatch: FakeRunOptions | ((context: Excel.RequestContext) => Promise<T>), maybeBatch?: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    const [options, batch] = typeof optionsOrBatch === 'function' ? [{}, optionsOrBatch] : [optionsOrBatch, maybeBatch!];
    this.runs.push(options);
    const context = new FakeContext(this, options);
    try {
      const result = await batch(context as unknown as Excel.RequestContext);
      if (context.pending.length > 0) await context.sync();
      return result;
    } finally {
      context.endRun();
    }
  };
}

class FakeContext {
  pending: Command[] = [];
  readonly workbook: WorkbookProxy;
  /** With mergeUndoGroup: the workbook before this run's first sync. */
  private group: BookState | null = null;

  constructor(readonly host: FakeExcel, readonly options: FakeRunOptions = {}) {
    this.workbook = new WorkbookProxy(this);
  }

  get book(): FakeWorkbook {
    return this.host.workbook;
  }

  queue(label: string, run: () => unknown, requestBytes = 0): void {
    this.host.counters.commands++;
    if (label.includes('ConditionalFormat')) this.host.counters.conditionalFormatCommands++;
    this.pending.push({ label, requestBytes: requestBytes + 40, run });
  }

  async sync(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    const counters = this.host.counters;
    counters.syncs++;
    const info: SyncInfo = { number: counters.syncs, commands: batch.map((c) => c.label) };
    this.host.syncLog.push([...info.commands]);
    for (const fault of this.host.faults) {
      const error = fault(info);
      if (error) throw error;
    }
    const request = batch.reduce((sum, c) => sum + c.requestBytes, 0);
    if (request > this.host.payloadLimit) throw new OfficeError('RequestPayloadSizeLimitExceeded', `The request payload size (${request}) has exceeded the limit.`);
    const undo = this.host.undo;
    let before: BookState | null = null;
    if (undo.enabled) {
      if (this.options.mergeUndoGroup) this.group ??= undo.capture();
      else before = undo.capture();
    }
    let response = 0;
    try {
      for (const command of batch) {
        for (const fault of this.host.commandFaults) {
          const error = fault(command.label);
          if (error) throw error;
        }
        const bytes = command.run();
        response += typeof bytes === 'number' ? bytes : 10;
      }
    } finally {
      for (const name of this.book.names.values()) delete name.addedInThisBatch;
      // What ran stays done, and is an undo step, even when a later command failed.
      if (before) undo.record(before);
    }
    if (response > this.host.payloadLimit) throw new OfficeError('ResponsePayloadSizeLimitExceeded', `The response payload size (${response}) has exceeded the limit.`);
    counters.maxRequestBytes = Math.max(counters.maxRequestBytes, request);
    counters.maxResponseBytes = Math.max(counters.maxResponseBytes, response);
  }

  /** The end of Excel.run: a merged undo group becomes one step. */
  endRun(): void {
    if (this.group) this.host.undo.record(this.group);
    this.group = null;
  }
}

// ----------------------------------------------------------------------------------------------
// Proxies

type Resolver<T> = () => T | null;

function parseLoad(spec?: string | string[] | { select?: string }): string[] {
  if (spec === undefined) return [];
  const text = Array.isArray(spec) ? spec.join(',') : typeof spec === 'string' ? spec : spec.select ?? '';
  return text.split(',').map((s) => s.trim()).filter(Boolean);
}

abstract class Proxy<T> {
  protected readonly loaded = new Map<string, unknown>();
  private nullObject: boolean | undefined;

  constructor(readonly context: FakeContext, protected readonly resolver: Resolver<T>, protected readonly nullable: boolean, protected readonly typeName: string) {}

  /** Resolves the object when a command runs; a missing one fails the command unless nullable ("ItemNotFound", Excel.ErrorCodes). */
  protected target(): T {
    const value = this.resolver();
    if (value === null) throw new OfficeError('ItemNotFound', `The requested ${this.typeName} doesn't exist.`);
    return value;
  }

  /** *OrNullObject methods give an object whose isNullObject is true instead of failing (learn.microsoft.com "*OrNullObject methods and properties"). */
  get isNullObject(): boolean {
    if (this.nullObject === undefined) throw notLoaded('isNullObject');
    return this.nullObject;
  }

  load(spec?: string | string[] | { select?: string }): this {
    const paths = parseLoad(spec);
    this.context.queue(`load ${this.typeName}`, () => this.capture(paths));
    return this;
  }

  /** Runs a load: returns the response bytes. */
  capture(paths: readonly string[]): number {
    const value = this.resolver();
    this.nullObject = value === null;
    if (value === null) {
      if (!this.nullable) throw new OfficeError('ItemNotFound', `The requested ${this.typeName} doesn't exist.`);
      return 20;
    }
    let bytes = 20;
    const children = new Map<string, string[]>();
    for (const path of paths) {
      const [head, ...rest] = path.split('/');
      if (rest.length > 0) children.set(head, [...(children.get(head) ?? []), rest.join('/')]);
      else {
        const read = this.read(head, value);
        this.loaded.set(head, read);
        bytes += jsonBytes(read) + head.length;
      }
    }
    for (const [head, rest] of children) bytes += this.child(head).capture(rest);
    return bytes;
  }

  protected abstract read(property: string, value: T): unknown;

  protected child(property: string): Proxy<unknown> {
    throw new Error(`fake: ${this.typeName}.${property} is not a navigation property here`);
  }

  protected get<V>(property: string): V {
    if (!this.loaded.has(property)) throw notLoaded(property);
    return this.loaded.get(property) as V;
  }

  protected call(method: string, run: (value: T) => number | void, requestBytes = 0): void {
    this.context.queue(`call ${this.typeName}.${method}`, () => run(this.target()), requestBytes);
  }

  protected setProperty(property: string, bytes: number, run: (value: T) => void): void {
    this.context.queue(`set ${this.typeName}.${property}`, () => run(this.target()), bytes);
  }
}

/** office.js's PropertyNotLoaded error and message (@microsoft/office-js dist/en-us/office_strings.js). */
function notLoaded(property: string): OfficeError {
  return new OfficeError(
    'PropertyNotLoaded',
    `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}

/**
 * Workbook.application: calculation and screen updating can be suspended until the next sync
 * (Excel.Application.suspendApiCalculationUntilNextSync, ExcelApi 1.6;
 * suspendScreenUpdatingUntilNextSync, ExcelApi 1.9); after suspending calculation "it is the
 * developer's responsibility to re-calc the workbook" (same page), hence calculate().
 * The fake records the calls; `host.syncLog` shows per sync what was suspended.
 */
class ApplicationProxy {
  constructor(readonly context: FakeContext) {}

  suspendApiCalculationUntilNextSync(): void {
    this.context.queue('call Application.suspendApiCalculationUntilNextSync', () => 10);
  }

  suspendScreenUpdatingUntilNextSync(): void {
    this.context.queue('call Application.suspendScreenUpdatingUntilNextSync', () => 10);
  }

  calculate(calculationType: string): void {
    this.context.queue(`call Application.calculate(${calculationType})`, () => 10);
  }
}

class WorkbookProxy {
  readonly application: ApplicationProxy;
  readonly worksheets: WorksheetCollectionProxy;
  readonly tables: TableCollectionProxy;
  readonly names: NamedItemCollectionProxy;
  readonly functions: FunctionsProxy;

  constructor(readonly context: FakeContext) {
    this.application = new ApplicationProxy(context);
    this.worksheets = new WorksheetCollectionProxy(context);
    this.tables = new TableCollectionProxy(context);
    this.names = new NamedItemCollectionProxy(context);
    this.functions = new FunctionsProxy(context);
  }

  /**
   * Workbook.getSelectedRange: with a chart or shape selected it fails with InvalidSelection, "by
   * design" (office-js #2268, #8; the message as in office-js #399).
   */
  getSelectedRange(): RangeProxy {
    return new RangeProxy(this.context, () => {
      const s = this.context.book.selection;
      if (!s) throw new OfficeError('InvalidSelection', 'The current selection is invalid for this operation.');
      return { sheet: s.sheet, rect: s.rect };
    });
  }
}

class WorksheetCollectionProxy {
  constructor(readonly context: FakeContext) {}

  getActiveWorksheet(): WorksheetProxy {
    return new WorksheetProxy(this.context, () => this.context.book.active, false);
  }

  getItem(key: string): WorksheetProxy {
    return new WorksheetProxy(this.context, () => this.context.book.sheet(key), false);
  }

  getItemOrNullObject(key: string): WorksheetProxy {
    return new WorksheetProxy(this.context, () => this.context.book.sheet(key), true);
  }
}

interface At {
  sheet: FakeSheet;
  rect: Rect;
}

class WorksheetProxy extends Proxy<FakeSheet> {
  readonly protection: PlainProxy<FakeSheet>;
  readonly autoFilter: PlainProxy<FakeSheet>;

  constructor(context: FakeContext, resolver: Resolver<FakeSheet>, nullable: boolean) {
    super(context, resolver, nullable, 'Worksheet');
    // WorksheetProtection.protected (ExcelApi 1.2), AutoFilter.isDataFiltered (ExcelApi 1.9): learn.microsoft.com.
    this.protection = new PlainProxy(context, resolver, 'WorksheetProtection', (s) => ({ protected: s.protected }));
    this.autoFilter = new PlainProxy(context, resolver, 'AutoFilter', (s) => ({ ...s.autoFilter }));
  }

  get id(): string { return this.get('id'); }
  get name(): string { return this.get('name'); }

  protected read(property: string, sheet: FakeSheet): unknown {
    if (property === 'id') return sheet.id;
    if (property === 'name') return sheet.name;
    throw new Error(`fake: Worksheet.${property} is not modelled`);
  }

  protected override child(property: string): Proxy<unknown> {
    if (property === 'protection') return this.protection as Proxy<unknown>;
    if (property === 'autoFilter') return this.autoFilter as Proxy<unknown>;
    return super.child(property);
  }

  /** Worksheet.getRange(): the whole sheet without an address (learn.microsoft.com Excel.Worksheet.getRange). */
  getRange(address?: string): RangeProxy {
    return new RangeProxy(this.context, () => {
      const sheet = this.target();
      return { sheet, rect: address === undefined ? { row: 0, column: 0, rows: MAX_ROWS, columns: MAX_COLUMNS } : parseA1(address) };
    });
  }

  /** Worksheet.getRangeByIndexes (ExcelApi 1.7): 0-based; outside the grid is InvalidArgument (assumption for the code). */
  getRangeByIndexes(row: number, column: number, rows: number, columns: number): RangeProxy {
    return new RangeProxy(this.context, () => {
      if (row < 0 || column < 0 || rows < 1 || columns < 1 || row + rows > MAX_ROWS || column + columns > MAX_COLUMNS) {
        throw new OfficeError('InvalidArgument', `getRangeByIndexes(${row}, ${column}, ${rows}, ${columns}) is outside the sheet`);
      }
      return { sheet: this.target(), rect: { row, column, rows, columns } };
    });
  }

  /** Worksheet.getUsedRangeOrNullObject (ExcelApi 1.4): a null object for a blank sheet (learn.microsoft.com). */
  getUsedRangeOrNullObject(valuesOnly = false): RangeProxy {
    return new RangeProxy(this.context, () => {
      const sheet = this.target();
      const rect = sheet.usedRect(valuesOnly);
      return rect && { sheet, rect };
    }, true);
  }

  /** Worksheet.activate (learn.microsoft.com Excel.Worksheet.activate). */
  activate(): void {
    this.call('activate', (sheet) => {
      sheet.book.active = sheet;
    });
  }
}

/** A proxy whose loadable properties are a plain object computed from its parent. */
class PlainProxy<P> extends Proxy<P> {
  constructor(context: FakeContext, resolver: Resolver<P>, type: string, private readonly props: (parent: P) => Record<string, unknown>) {
    super(context, resolver, false, type);
    return new globalThis.Proxy(this, {
      get: (target, key, receiver) => (typeof key === 'string' && !(key in target) ? target.get(key) : Reflect.get(target, key, receiver)),
    });
  }

  protected read(property: string, parent: P): unknown {
    const props = this.props(parent);
    if (!(property in props)) throw new Error(`fake: ${this.typeName}.${property} is not modelled`);
    return props[property];
  }
}

class RangeProxy extends Proxy<At> {
  constructor(context: FakeContext, resolver: Resolver<At>, nullable = false) {
    super(context, resolver, nullable, 'Range');
  }

  get values(): Cell[][] { return this.get('values'); }
  get formulas(): unknown[][] { return this.get('formulas'); }
  get numberFormat(): string[][] { return this.get('numberFormat'); }
  get address(): string { return this.get('address'); }
  get rowIndex(): number { return this.get('rowIndex'); }
  get columnIndex(): number { return this.get('columnIndex'); }
  get rowCount(): number { return this.get('rowCount'); }
  get columnCount(): number { return this.get('columnCount'); }

  /** Range.values: written as if typed; `null` leaves a cell as it is (see the header). */
  set values(values: unknown[][]) {
    this.setProperty('values', jsonBytes(values), ({ sheet, rect }) => {
      checkWritable(sheet);
      checkShape(values, rect);
      const written = values.map((row) => row.map((v) => (v === null || v === undefined ? null : toCell(v))));
      written.forEach((row, r) => row.forEach((v, c) => {
        if (v !== null) sheet.set(rect.row + r, rect.column + c, v);
      }));
      autoExpandTables(sheet, rect, (r, c) => written[r][c] !== null && written[r][c] !== '');
    });
  }

  /** Range.formulas: a text starting with "=" is a formula, anything else a value as if typed; `null` leaves a cell as it is. */
  set formulas(formulas: unknown[][]) {
    this.setProperty('formulas', jsonBytes(formulas), ({ sheet, rect }) => {
      checkWritable(sheet);
      checkShape(formulas, rect);
      formulas.forEach((row, r) => row.forEach((v, c) => {
        if (v === null || v === undefined) return;
        if (typeof v === 'string' && v.startsWith('=')) sheet.setFormula(rect.row + r, rect.column + c, v);
        else sheet.set(rect.row + r, rect.column + c, toCell(v));
      }));
      autoExpandTables(sheet, rect, (r, c) => {
        const v = formulas[r][c];
        return v !== null && v !== undefined && v !== '';
      });
    });
  }

  /** Range.numberFormat: one code per cell; `null` leaves a cell's format as it is ("Blank and null values in Excel add-ins"). */
  set numberFormat(formats: unknown[][]) {
    this.setProperty('numberFormat', jsonBytes(formats), ({ sheet, rect }) => {
      checkWritable(sheet);
      checkShape(formats, rect);
      formats.forEach((row, r) => row.forEach((f, c) => {
        if (f !== null && f !== undefined) sheet.setFormat(rect.row + r, rect.column + c, String(f));
      }));
    });
  }

  protected read(property: string, { sheet, rect }: At): unknown {
    switch (property) {
      case 'values':
      case 'formulas':
      case 'numberFormat': {
        if (cellsOf(rect) > CELL_CAP) throw new OfficeError('ResponsePayloadSizeLimitExceeded', `A range of ${cellsOf(rect)} cells is over the ${CELL_CAP}-cell limit.`);
        const out: unknown[][] = [];
        for (let r = 0; r < rect.rows; r++) {
          const row: unknown[] = [];
          for (let c = 0; c < rect.columns; c++) {
            const [at, column] = [rect.row + r, rect.column + c];
            if (property === 'values') row.push(sheet.get(at, column));
            else if (property === 'formulas') row.push(sheet.formula(at, column) ?? sheet.get(at, column));
            else row.push(sheet.format(at, column));
          }
          out.push(row);
        }
        return out;
      }
      case 'address': return `${sheetRef(sheet.name)}!${a1(rect)}`;
      case 'rowIndex': return rect.row;
      case 'columnIndex': return rect.column;
      case 'rowCount': return rect.rows;
      case 'columnCount': return rect.columns;
      default: throw new Error(`fake: Range.${property} is not modelled`);
    }
  }

  get conditionalFormats(): ConditionalFormatCollectionProxy {
    return new ConditionalFormatCollectionProxy(this.context, () => this.target());
  }

  /** Range.getTables(fullyContained): "tables that overlap with the range", or only those inside it (learn.microsoft.com, ExcelApi 1.9). */
  getTables(fullyContained = false): TableCollectionProxy {
    return new TableCollectionProxy(this.context, () => {
      const { sheet, rect } = this.target();
      return this.context.book.tables.filter((t) => t.sheet === sheet && (fullyContained ? within(t.rect, rect) : intersect(t.rect, rect)));
    });
  }

  /** Range.getSurroundingRegion (ExcelApi 1.7): for the range's top-left cell (learn.microsoft.com). */
  getSurroundingRegion(): RangeProxy {
    return new RangeProxy(this.context, () => {
      const { sheet, rect } = this.target();
      return { sheet, rect: sheet.surroundingRegion({ ...rect, rows: 1, columns: 1 }) };
    });
  }

  /** Range.getMergedAreasOrNullObject (ExcelApi 1.13): the merged areas, or a null object (learn.microsoft.com). */
  getMergedAreasOrNullObject(): RangeAreasProxy {
    return new RangeAreasProxy(this.context, () => {
      const { sheet, rect } = this.target();
      const areas = sheet.merged.filter((m) => intersect(m, rect));
      return areas.length ? { sheet, areas } : null;
    });
  }

  /** Range.select: selects the range and activates its sheet (learn.microsoft.com Excel.Range.select). */
  select(): void {
    this.call('select', ({ sheet, rect }) => {
      sheet.book.select(sheet, rect);
    });
  }

  /** Range.clear(applyTo): 'Contents' removes values and formulas, 'Formats' the formats (learn.microsoft.com Excel.ClearApplyTo). */
  clear(applyTo: 'All' | 'Formats' | 'Contents' = 'All'): void {
    this.call('clear', ({ sheet, rect }) => {
      checkWritable(sheet);
      for (let r = rect.row; r <= bottomOf(rect); r++) {
        for (let c = rect.column; c <= rightOf(rect); c++) {
          if (applyTo !== 'Formats') sheet.set(r, c, '');
          if (applyTo !== 'Contents') sheet.setFormat(r, c, 'General');
        }
      }
    });
  }
}

/** A protected sheet refuses changes with AccessDenied (Excel.ErrorCodes; the message is Excel's own dialog text: assumption). */
function checkWritable(sheet: FakeSheet): void {
  if (sheet.protected) throw new OfficeError('AccessDenied', 'The cell or chart you are trying to change is protected.');
}

/** An array of the wrong shape is InvalidArgument with this message (office-js #226 quotes it). */
function checkShape(values: unknown[][], rect: Rect): void {
  if (!Array.isArray(values) || values.length !== rect.rows || values.some((row) => !Array.isArray(row) || row.length !== rect.columns)) {
    throw new OfficeError('InvalidArgument', "The number of rows or columns in the input array doesn't match the size or dimensions of the range.");
  }
}

/** What Excel stores when a value is written, as if typed (see the header). */
function toCell(value: unknown): Cell {
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  const text = String(value);
  if (text.startsWith('=')) throw new Error(`fake: Excel would store "${text}" as a formula; the add-in must not write formulas through values`);
  if (/^\s*[+-]?\d+(\.\d+)?\s*$/.test(text)) return Number(text);
  if (/^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}$/.test(text)) throw new Error(`fake: Excel would turn "${text}" into a date; write a serial instead`);
  return text;
}

/**
 * Excel's AutoExpansion (see the header): a value written into the column right of a table, or
 * the row below it, makes that column or row part of the table.
 */
function autoExpandTables(sheet: FakeSheet, written: Rect, wrote: (row: number, column: number) => boolean): void {
  const wroteAt = (row: number, column: number) => {
    const r = row - written.row;
    const c = column - written.column;
    return r >= 0 && c >= 0 && r < written.rows && c < written.columns && wrote(r, c);
  };
  for (const table of sheet.book.tables) {
    if (table.sheet !== sheet) continue;
    const t = table.rect;
    let right = false;
    for (let r = t.row; r <= bottomOf(t) && !right; r++) right = wroteAt(r, rightOf(t) + 1);
    let below = false;
    for (let c = t.column; c <= rightOf(t) && !below; c++) below = wroteAt(bottomOf(t) + 1, c);
    if (right) t.columns++;
    if (below) t.rows++;
  }
}

class RangeAreasProxy extends Proxy<{ sheet: FakeSheet; areas: Rect[] }> {
  constructor(context: FakeContext, resolver: Resolver<{ sheet: FakeSheet; areas: Rect[] }>) {
    super(context, resolver, true, 'RangeAreas');
  }

  get address(): string { return this.get('address'); }
  get areaCount(): number { return this.get('areaCount'); }

  /** RangeAreas.address: the areas' addresses joined by commas (learn.microsoft.com Excel.RangeAreas.address). */
  protected read(property: string, { sheet, areas }: { sheet: FakeSheet; areas: Rect[] }): unknown {
    if (property === 'address') return areas.map((a) => `${sheetRef(sheet.name)}!${a1(a)}`).join(',');
    if (property === 'areaCount') return areas.length;
    throw new Error(`fake: RangeAreas.${property} is not modelled`);
  }
}

class TableCollectionProxy extends Proxy<FakeTable[]> {
  private loadedItems: TableProxy[] | null = null;

  constructor(context: FakeContext, resolver: Resolver<FakeTable[]> = () => context.book.tables) {
    super(context, resolver, false, 'TableCollection');
  }

  get items(): TableProxy[] {
    if (!this.loadedItems) throw notLoaded('items');
    return this.loadedItems;
  }

  override capture(paths: readonly string[]): number {
    const tables = this.target();
    this.loadedItems = tables.map((t) => new TableProxy(this.context, () => t));
    const itemPaths = paths.filter((p) => p.startsWith('items/')).map((p) => p.slice(6));
    return this.loadedItems.reduce((sum, item) => sum + item.capture(itemPaths), 20);
  }

  protected read(): unknown {
    throw new Error('fake: load a TableCollection through items/…');
  }

  /** TableCollection.getItem(key): by name, case-insensitive (assumption, as Excel's table names are). */
  getItem(name: string): TableProxy {
    return new TableProxy(this.context, () => this.context.book.tables.find((t) => t.name.toLowerCase() === name.toLowerCase()) ?? null);
  }
}

class TableProxy extends Proxy<FakeTable> {
  readonly autoFilter: PlainProxy<FakeTable>;

  constructor(context: FakeContext, resolver: Resolver<FakeTable>) {
    super(context, resolver, false, 'Table');
    // Table.autoFilter.isDataFiltered (ExcelApi 1.9): every table shows filter buttons, isDataFiltered says whether rows are hidden (learn.microsoft.com Excel.AutoFilter).
    this.autoFilter = new PlainProxy(context, resolver, 'AutoFilter', (t) => ({ isDataFiltered: t.filtered, enabled: true }));
  }

  get name(): string { return this.get('name'); }
  get showTotals(): boolean { return this.get('showTotals'); }

  /** Table.name, Table.id, Table.showTotals (the totals row is part of Table.getRange): learn.microsoft.com Excel.Table. */
  protected read(property: string, table: FakeTable): unknown {
    if (property === 'name') return table.name;
    if (property === 'id') return table.id;
    if (property === 'showTotals') return table.showTotals;
    throw new Error(`fake: Table.${property} is not modelled`);
  }

  protected override child(property: string): Proxy<unknown> {
    if (property === 'autoFilter') return this.autoFilter as Proxy<unknown>;
    return super.child(property);
  }

  /** Table.getRange: header, data and totals rows (learn.microsoft.com Excel.Table.getRange). */
  getRange(): RangeProxy {
    return new RangeProxy(this.context, () => {
      const t = this.target();
      return { sheet: t.sheet, rect: t.rect };
    });
  }
}

/** The sheet whose list holds a conditional format, and its priority there. */
function placeOf(book: FakeWorkbook, cf: FakeConditionalFormat): { sheet: FakeSheet; priority: number } | null {
  for (const sheet of book.sheets) {
    const priority = sheet.conditionalFormats.indexOf(cf);
    if (priority >= 0) return { sheet, priority };
  }
  return null;
}

class ConditionalFormatCollectionProxy extends Proxy<At> {
  private loadedItems: ConditionalFormatProxy[] | null = null;

  constructor(context: FakeContext, resolver: Resolver<At>) {
    super(context, resolver, false, 'ConditionalFormatCollection');
  }

  get items(): ConditionalFormatProxy[] {
    if (!this.loadedItems) throw notLoaded('items');
    return this.loadedItems;
  }

  /** The formats on the range, in priority order; each item addresses its priority, not its format (see the header). */
  override capture(paths: readonly string[]): number {
    const { sheet, rect } = this.target();
    const found = sheet.conditionalFormats.map((cf, priority) => ({ cf, priority })).filter(({ cf }) => intersect(cf.rect, rect));
    this.loadedItems = found.map(({ priority }) => new ConditionalFormatProxy(this.context, () => sheet.conditionalFormats[priority] ?? null));
    const itemPaths = paths.filter((p) => p.startsWith('items/')).map((p) => p.slice(6));
    return this.loadedItems.reduce((sum, item) => sum + item.capture(itemPaths), 20);
  }

  protected read(): unknown {
    throw new Error('fake: load a ConditionalFormatCollection through items/…');
  }

  /** ConditionalFormatCollection.add: "at the first/top priority" (learn.microsoft.com). The returned object is the new format (assumption: office.js tracks a created object by reference). */
  add(type: string): ConditionalFormatProxy {
    let created: FakeConditionalFormat | null = null;
    this.call('add', ({ sheet, rect }) => {
      checkWritable(sheet);
      created = { type, rect: { ...rect }, formula: null, fill: null, font: null };
      sheet.conditionalFormats = [created, ...sheet.conditionalFormats];
    });
    return new ConditionalFormatProxy(this.context, () => created);
  }

  /** getItem(id): the id is a priority (see the header), resolved when the command runs. */
  getItem(id: string): ConditionalFormatProxy {
    return new ConditionalFormatProxy(this.context, () => {
      const { sheet, rect } = this.target();
      const cf = /^\d+$/.test(id) ? sheet.conditionalFormats[Number(id)] : undefined;
      return cf && intersect(cf.rect, rect) ? cf : null;
    });
  }
}

class ConditionalFormatProxy extends Proxy<FakeConditionalFormat> {
  /** For writing the rule and the colours (ConditionalFormat.custom, ExcelApi 1.6). */
  readonly custom: {
    rule: { formula: string };
    format: { fill: { color: string }; font: { color: string } };
  };
  /** For reading them: a null object unless the format is Custom (ConditionalFormat.customOrNullObject, ExcelApi 1.6). */
  readonly customOrNullObject: CustomFormatProxy;

  constructor(context: FakeContext, resolver: Resolver<FakeConditionalFormat>) {
    super(context, resolver, false, 'ConditionalFormat');
    const setter = (property: string, apply: (cf: FakeConditionalFormat, value: string) => void) => ({
      set: (value: string) => this.setProperty(property, value.length, (cf) => apply(cf, value)),
      get: () => {
        throw new Error(`fake: read ConditionalFormat ${property} through customOrNullObject`);
      },
    });
    const rule = Object.defineProperty({}, 'formula', setter('custom.rule.formula', (cf, v) => (cf.formula = v))) as { formula: string };
    const fill = Object.defineProperty({}, 'color', setter('custom.format.fill.color', (cf, v) => (cf.fill = v))) as { color: string };
    const font = Object.defineProperty({}, 'color', setter('custom.format.font.color', (cf, v) => (cf.font = v))) as { color: string };
    this.custom = { rule, format: { fill, font } };
    this.customOrNullObject = new CustomFormatProxy(context, () => {
      const cf = this.resolver();
      if (cf === null) throw new OfficeError('ItemNotFound', "The requested ConditionalFormat doesn't exist.");
      return cf.type === 'Custom' ? cf : null;
    });
  }

  get id(): string { return this.get('id'); }
  get priority(): number { return this.get('priority'); }
  get type(): string { return this.get('type'); }

  protected read(property: string, cf: FakeConditionalFormat): unknown {
    if (property === 'id') return String(placeOf(this.context.book, cf)?.priority ?? -1);
    if (property === 'priority') return placeOf(this.context.book, cf)?.priority ?? -1;
    if (property === 'type') return cf.type;
    throw new Error(`fake: ConditionalFormat.${property} is not modelled`);
  }

  protected override child(property: string): Proxy<unknown> {
    if (property === 'customOrNullObject') return this.customOrNullObject as Proxy<unknown>;
    return super.child(property);
  }

  /** ConditionalFormat.getRangeOrNullObject: the range it applies to (a null object for several ranges, which the fake never has). */
  getRangeOrNullObject(): RangeProxy {
    return new RangeProxy(this.context, () => {
      const cf = this.target();
      const place = placeOf(this.context.book, cf);
      return place && { sheet: place.sheet, rect: cf.rect };
    }, true);
  }

  delete(): void {
    this.call('delete', (cf) => {
      for (const sheet of this.context.book.sheets) sheet.conditionalFormats = sheet.conditionalFormats.filter((x) => x !== cf);
    });
  }
}

/** CustomConditionalFormat: rule.formula and format.fill.color / format.font.color, loadable (learn.microsoft.com Excel.CustomConditionalFormat). */
class CustomFormatProxy extends Proxy<FakeConditionalFormat> {
  readonly rule: PlainProxy<FakeConditionalFormat>;
  readonly format: RangeFormatProxy;

  constructor(context: FakeContext, resolver: Resolver<FakeConditionalFormat>) {
    super(context, resolver, true, 'CustomConditionalFormat');
    this.rule = new PlainProxy(context, resolver, 'ConditionalFormatRule', (cf) => ({ formula: cf.formula }));
    this.format = new RangeFormatProxy(context, resolver);
  }

  protected read(property: string): unknown {
    throw new Error(`fake: CustomConditionalFormat.${property} is not modelled`);
  }

  protected override child(property: string): Proxy<unknown> {
    if (property === 'rule') return this.rule as Proxy<unknown>;
    if (property === 'format') return this.format as Proxy<unknown>;
    return super.child(property);
  }
}

class RangeFormatProxy extends Proxy<FakeConditionalFormat> {
  readonly fill: PlainProxy<FakeConditionalFormat>;
  readonly font: PlainProxy<FakeConditionalFormat>;

  constructor(context: FakeContext, resolver: Resolver<FakeConditionalFormat>) {
    super(context, resolver, false, 'ConditionalRangeFormat');
    this.fill = new PlainProxy(context, resolver, 'ConditionalRangeFill', (cf) => ({ color: cf.fill }));
    this.font = new PlainProxy(context, resolver, 'ConditionalRangeFont', (cf) => ({ color: cf.font }));
  }

  protected read(property: string): unknown {
    throw new Error(`fake: ConditionalRangeFormat.${property} is not modelled`);
  }

  protected override child(property: string): Proxy<unknown> {
    if (property === 'fill') return this.fill as Proxy<unknown>;
    if (property === 'font') return this.font as Proxy<unknown>;
    return super.child(property);
  }
}

class NamedItemCollectionProxy {
  private loadedItems: NamedItemProxy[] | null = null;

  constructor(readonly context: FakeContext) {}

  get items(): NamedItemProxy[] {
    if (!this.loadedItems) throw notLoaded('items');
    return this.loadedItems;
  }

  load(spec?: string | string[]): this {
    const itemPaths = parseLoad(spec).filter((p) => p.startsWith('items/')).map((p) => p.slice(6));
    this.context.queue('load NamedItemCollection', () => {
      this.loadedItems = [...this.context.book.names.values()].map((item) => new NamedItemProxy(this.context, () => item, false));
      return this.loadedItems.reduce((sum, item) => sum + item.capture(itemPaths), 20);
    });
    return this;
  }

  /**
   * NamedItemCollection.add (ExcelApi 1.4). A name starts with a letter, underscore or backslash, holds
   * no spaces and is no cell reference (Microsoft support "Define and use names in formulas", syntax rules for names); a
   * taken name is ItemAlreadyExists (Excel.ErrorCodes); names compare case-insensitively (same page).
   */
  add(name: string, reference: RangeProxy | string): NamedItemProxy {
    let created: FakeName | null = null;
    this.context.queue('call NamedItemCollection.add', () => {
      if (!/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name)) throw new OfficeError('InvalidArgument', `"${name}" is not a valid name.`);
      if (this.find(name)) throw new OfficeError('ItemAlreadyExists', `The name "${name}" already exists.`);
      if (typeof reference === 'string') throw new Error('fake: names by formula text are not modelled');
      const at = (reference as unknown as { resolver: Resolver<At> }).resolver();
      if (!at) throw new OfficeError('InvalidArgument', 'The reference is not valid.');
      created = { name, sheet: at.sheet, rect: { ...at.rect }, visible: true, addedInThisBatch: true };
      this.context.book.names.set(name, created);
    }, name.length);
    return new NamedItemProxy(this.context, () => created, false);
  }

  getItem(name: string): NamedItemProxy {
    return new NamedItemProxy(this.context, () => this.find(name), false);
  }

  getItemOrNullObject(name: string): NamedItemProxy {
    return new NamedItemProxy(this.context, () => this.find(name), true);
  }

  private find(name: string): FakeName | null {
    for (const item of this.context.book.names.values()) if (item.name.toLowerCase() === name.toLowerCase()) return item;
    return null;
  }
}

class NamedItemProxy extends Proxy<FakeName> {
  constructor(context: FakeContext, resolver: Resolver<FakeName>, nullable: boolean) {
    super(context, resolver, nullable, 'NamedItem');
  }

  get name(): string { return this.get('name'); }
  get formula(): string { return this.get('formula'); }
  get visible(): boolean { return this.get('visible'); }

  /** NamedItem.visible: not applied in the batch that added the name (office-js #3878, #3949). */
  set visible(visible: boolean) {
    this.setProperty('visible', 5, (item) => {
      if (item.addedInThisBatch) return;
      item.visible = visible;
    });
  }

  /**
   * NamedItem.formula: "always start[s] with an equal sign" (learn.microsoft.com Excel.NamedItem.formula,
   * ExcelApi 1.7), absolute, the sheet quoted as Excel quotes it; "=#REF!" once the sheet is
   * gone (assumption: Excel's #REF! for a reference to deleted cells).
   */
  protected read(property: string, item: FakeName): unknown {
    if (property === 'name') return item.name;
    if (property === 'visible') return item.visible;
    if (property === 'formula') return this.context.book.sheets.includes(item.sheet) ? `=${sheetRef(item.sheet.name)}!${a1(item.rect, true)}` : '=#REF!';
    throw new Error(`fake: NamedItem.${property} is not modelled`);
  }

  delete(): void {
    this.call('delete', (item) => {
      this.context.book.names.delete(item.name);
    });
  }
}

class FunctionsProxy {
  constructor(readonly context: FakeContext) {}

  /**
   * Workbook.functions.date (ExcelApi 1.2) answers in the workbook's date system: serial 1 is
   * 1900-01-01 (with Excel's fictitious 1900-02-29), or 1904-01-01 is 0 (Microsoft support
   * "Date systems in Excel").
   */
  date(year: number, month: number, day: number): FunctionResultProxy {
    return new FunctionResultProxy(this.context, () => {
      const days = Date.UTC(year, month - 1, day) / 86_400_000;
      return this.context.book.date1904 ? days - Date.UTC(1904, 0, 1) / 86_400_000 : days - Date.UTC(1899, 11, 30) / 86_400_000;
    });
  }
}

class FunctionResultProxy extends Proxy<number> {
  constructor(context: FakeContext, resolver: Resolver<number>) {
    super(context, resolver, false, 'FunctionResult');
  }

  get value(): number { return this.get('value'); }

  protected read(property: string, value: number): unknown {
    if (property === 'value') return value;
    if (property === 'error') return null;
    throw new Error(`fake: FunctionResult.${property} is not modelled`);
  }
}
