/**
 * A small but faithful fake of the parts of the Excel JavaScript API this add-in uses.
 *
 * What it keeps faithful:
 * - Proxies and queueing: calls queue commands; nothing happens until `context.sync()`; a
 *   property is readable only after `load()` and a sync, and holds the value as of that sync
 *   (Office's "PropertyNotLoaded" error otherwise). Navigation (getRange, getCell, …) is lazy and
 *   resolved when the commands run, like Office's object paths.
 * - A failing command fails its sync; commands before it in the batch stay applied, later ones
 *   are dropped (Excel has no transactions).
 * - Excel on the web's limits: a request or a response over 5 MB fails with
 *   RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded, a read over five million
 *   cells fails too.
 * - Writing text Excel would turn into a number does so; writing a formula or a date-looking
 *   text is refused (the add-in must never do it). Writing a value next to a table grows the
 *   table, as Excel's AutoExpansion does.
 * - Counters: syncs, queued commands (loads, property sets and method calls; navigation is free),
 *   and commands on conditional formats separately.
 * Not modelled: formulas, styles other than number formats, events, charts.
 */
import { columnLetters } from '../../src/scan';

export type Cell = string | number | boolean;

export interface Rect {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

const MB5 = 5 * 1024 * 1024;
const CELL_CAP = 5_000_000;
const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;

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

// ----------------------------------------------------------------------------------------------
// State

export interface FakeConditionalFormat {
  id: string;
  type: string;
  rect: Rect;
  formula: string | null;
  fill: string | null;
  font: string | null;
}

export class FakeSheet {
  /** Values by column; a hole or '' is an empty cell. */
  readonly cells = new Map<number, Cell[]>();
  /** Number formats by column; a hole is 'General'. */
  readonly formats = new Map<number, string[]>();
  protected = false;
  readonly autoFilter = { enabled: false, isDataFiltered: false };
  readonly merged: Rect[] = [];
  conditionalFormats: FakeConditionalFormat[] = [];

  constructor(readonly book: FakeWorkbook, readonly id: string, public name: string) {}

  get(row: number, column: number): Cell {
    const value = this.cells.get(column)?.[row];
    return value === undefined ? '' : value;
  }

  set(row: number, column: number, value: Cell): void {
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

  isEmpty(row: number, column: number): boolean {
    return this.get(row, column) === '';
  }

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
    if (!valuesOnly) scan(this.formats);
    return bottom < 0 ? null : { row: top, column: left, rows: bottom - top + 1, columns: right - left + 1 };
  }

  /** Excel's current region: grow the block while any cell touching it (diagonals too) holds a value. */
  surroundingRegion(start: Rect): Rect {
    let top = start.row, left = start.column, bottom = start.row, right = start.column;
    const rowHas = (row: number, from: number, to: number) => {
      if (row < 0 || row >= MAX_ROWS) return false;
      for (let c = Math.max(0, from); c <= Math.min(MAX_COLUMNS - 1, to); c++) if (!this.isEmpty(row, c)) return true;
      return false;
    };
    const columnHas = (column: number, from: number, to: number) => {
      if (column < 0 || column >= MAX_COLUMNS) return false;
      const values = this.cells.get(column);
      if (!values) return false;
      for (let r = Math.max(0, from); r <= Math.min(values.length - 1, to); r++) if (values[r] !== undefined) return true;
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

  /** Test helper: the user inserts `count` columns before `column` (cells, formats, tables, formats and names move). */
  insertColumns(column: number, count: number): void {
    const shift = <T>(map: Map<number, T>) => {
      const moved = [...map.entries()].map(([c, v]) => [c >= column ? c + count : c, v] as const);
      map.clear();
      for (const [c, v] of moved) map.set(c, v);
    };
    shift(this.cells);
    shift(this.formats);
    const move = (r: Rect) => {
      if (r.column >= column) r.column += count;
      else if (rightOf(r) >= column) r.columns += count;
    };
    for (const t of this.book.tables) if (t.sheet === this) move(t.rect);
    for (const cf of this.conditionalFormats) move(cf.rect);
    for (const m of this.merged) move(m);
    for (const n of this.book.names.values()) if (n.sheet === this) move(n.rect);
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
  /** The sync that added the name: `visible` set in that same batch is not applied (office-js #3878, #3949). */
  addedInSync?: number;
}

export class FakeWorkbook {
  readonly sheets: FakeSheet[] = [];
  readonly tables: FakeTable[] = [];
  readonly names = new Map<string, FakeName>();
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

  nextId(prefix: string): string {
    return `{${prefix}-${++this.ids}}`;
  }

  /** Everything a user could see or a later session could read, as plain data for deep comparison. */
  snapshot(): unknown {
    return {
      sheets: this.sheets.map((s) => {
        const cells: Record<string, Cell> = {};
        for (const [column, values] of [...s.cells.entries()].sort((a, b) => a[0] - b[0])) {
          values.forEach((v, row) => {
            if (v !== undefined) cells[`${columnLetters(column)}${row + 1}`] = v;
          });
        }
        const formats: Record<string, string> = {};
        for (const [column, values] of [...s.formats.entries()].sort((a, b) => a[0] - b[0])) {
          values.forEach((f, row) => {
            if (f !== undefined) formats[`${columnLetters(column)}${row + 1}`] = f;
          });
        }
        return {
          id: s.id, name: s.name, protected: s.protected, autoFilter: { ...s.autoFilter }, merged: s.merged.map((m) => a1(m)),
          cells, formats,
          conditionalFormats: s.conditionalFormats.map((cf) => ({ ...cf, rect: a1(cf.rect) })),
        };
      }),
      tables: this.tables.map((t) => ({ name: t.name, sheet: t.sheet.name, rect: a1(t.rect), filtered: t.filtered })),
      names: [...this.names.values()].map((n) => ({ name: n.name, sheet: n.sheet.name, rect: a1(n.rect), visible: n.visible })),
      active: this.active.name,
      selection: this.selection && { sheet: this.selection.sheet.name, rect: a1(this.selection.rect) },
      date1904: this.date1904,
    };
  }
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

export class FakeExcel {
  readonly counters: Counters = FakeExcel.zero();
  /** Injected failures: the first that returns an error fails that sync before it runs. */
  readonly faults: Array<(sync: SyncInfo) => Error | null | undefined> = [];
  /** Injected failures of one command: the commands before it in the batch stay applied. */
  readonly commandFaults: Array<(command: string) => Error | null | undefined> = [];
  payloadLimit = MB5;
  /** The commands of every sync, in order (reset with the counters). */
  readonly syncLog: string[][] = [];

  constructor(readonly workbook: FakeWorkbook = new FakeWorkbook()) {}

  static zero(): Counters {
    return { syncs: 0, commands: 0, conditionalFormatCommands: 0, maxRequestBytes: 0, maxResponseBytes: 0 };
  }

  resetCounters(): void {
    Object.assign(this.counters, FakeExcel.zero());
    this.syncLog.length = 0;
  }

  /** Excel.run: a fresh context per batch, and the pending commands synced when the batch ends. */
  run = async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    const context = new FakeContext(this);
    const result = await batch(context as unknown as Excel.RequestContext);
    if (context.pending.length > 0) await context.sync();
    return result;
  };
}

export class FakeContext {
  pending: Command[] = [];
  readonly workbook: WorkbookProxy;

  constructor(readonly host: FakeExcel) {
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
    let response = 0;
    for (const command of batch) {
      for (const fault of this.host.commandFaults) {
        const error = fault(command.label);
        if (error) throw error;
      }
      const bytes = command.run();
      response += typeof bytes === 'number' ? bytes : 10;
    }
    if (response > this.host.payloadLimit) throw new OfficeError('ResponsePayloadSizeLimitExceeded', `The response payload size (${response}) has exceeded the limit.`);
    counters.maxRequestBytes = Math.max(counters.maxRequestBytes, request);
    counters.maxResponseBytes = Math.max(counters.maxResponseBytes, response);
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

  constructor(readonly context: FakeContext, protected readonly resolver: Resolver<T>, protected readonly nullable: boolean, protected readonly type: string) {}

  /** Resolves the object when a command runs; a missing one fails the command unless nullable. */
  protected target(): T {
    const value = this.resolver();
    if (value === null) throw new OfficeError('ItemNotFound', `The requested ${this.type} doesn't exist.`);
    return value;
  }

  get isNullObject(): boolean {
    if (this.nullObject === undefined) throw notLoaded('isNullObject');
    return this.nullObject;
  }

  load(spec?: string | string[] | { select?: string }): this {
    const paths = parseLoad(spec);
    this.context.queue(`load ${this.type}`, () => this.capture(paths));
    return this;
  }

  /** Runs a load: returns the response bytes. */
  capture(paths: readonly string[]): number {
    const value = this.resolver();
    this.nullObject = value === null;
    if (value === null) {
      if (!this.nullable) throw new OfficeError('ItemNotFound', `The requested ${this.type} doesn't exist.`);
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
    throw new Error(`fake: ${this.type}.${property} is not a navigation property here`);
  }

  protected get<V>(property: string): V {
    if (!this.loaded.has(property)) throw notLoaded(property);
    return this.loaded.get(property) as V;
  }

  protected call(method: string, run: (value: T) => number | void, requestBytes = 0): void {
    this.context.queue(`call ${this.type}.${method}`, () => run(this.target()), requestBytes);
  }

  protected setProperty(property: string, bytes: number, run: (value: T) => void): void {
    this.context.queue(`set ${this.type}.${property}`, () => run(this.target()), bytes);
  }
}

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

  getRange(address?: string): RangeProxy {
    return new RangeProxy(this.context, () => {
      const sheet = this.target();
      return { sheet, rect: address === undefined ? { row: 0, column: 0, rows: MAX_ROWS, columns: MAX_COLUMNS } : parseA1(address) };
    });
  }

  getRangeByIndexes(row: number, column: number, rows: number, columns: number): RangeProxy {
    return new RangeProxy(this.context, () => {
      if (row < 0 || column < 0 || rows < 1 || columns < 1 || row + rows > MAX_ROWS || column + columns > MAX_COLUMNS) {
        throw new OfficeError('InvalidArgument', `getRangeByIndexes(${row}, ${column}, ${rows}, ${columns}) is outside the sheet`);
      }
      return { sheet: this.target(), rect: { row, column, rows, columns } };
    });
  }

  getUsedRangeOrNullObject(valuesOnly = false): RangeProxy {
    return new RangeProxy(this.context, () => {
      const sheet = this.target();
      const rect = sheet.usedRect(valuesOnly);
      return rect && { sheet, rect };
    }, true);
  }

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
    if (!(property in props)) throw new Error(`fake: ${this.type}.${property} is not modelled`);
    return props[property];
  }
}

class RangeProxy extends Proxy<At> {
  constructor(context: FakeContext, resolver: Resolver<At>, nullable = false) {
    super(context, resolver, nullable, 'Range');
  }

  get values(): Cell[][] { return this.get('values'); }
  get numberFormat(): string[][] { return this.get('numberFormat'); }
  get address(): string { return this.get('address'); }
  get rowIndex(): number { return this.get('rowIndex'); }
  get columnIndex(): number { return this.get('columnIndex'); }
  get rowCount(): number { return this.get('rowCount'); }
  get columnCount(): number { return this.get('columnCount'); }

  set values(values: unknown[][]) {
    this.setProperty('values', jsonBytes(values), ({ sheet, rect }) => {
      checkWritable(sheet);
      checkShape(values, rect);
      const converted = values.map((row) => row.map(toCell));
      converted.forEach((row, r) => row.forEach((v, c) => sheet.set(rect.row + r, rect.column + c, v)));
      autoExpandTables(sheet, rect, converted);
    });
  }

  set numberFormat(formats: unknown[][]) {
    this.setProperty('numberFormat', jsonBytes(formats), ({ sheet, rect }) => {
      checkWritable(sheet);
      checkShape(formats, rect);
      formats.forEach((row, r) => row.forEach((f, c) => sheet.setFormat(rect.row + r, rect.column + c, String(f))));
    });
  }

  protected read(property: string, { sheet, rect }: At): unknown {
    switch (property) {
      case 'values':
      case 'numberFormat': {
        if (cellsOf(rect) > CELL_CAP) throw new OfficeError('ResponsePayloadSizeLimitExceeded', `A range of ${cellsOf(rect)} cells is over the ${CELL_CAP}-cell limit.`);
        const out: unknown[][] = [];
        for (let r = 0; r < rect.rows; r++) {
          const row: unknown[] = [];
          for (let c = 0; c < rect.columns; c++) row.push(property === 'values' ? sheet.get(rect.row + r, rect.column + c) : sheet.format(rect.row + r, rect.column + c));
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

  getTables(fullyContained = false): TableCollectionProxy {
    return new TableCollectionProxy(this.context, () => {
      const { sheet, rect } = this.target();
      return this.context.book.tables.filter((t) => t.sheet === sheet && (fullyContained ? within(t.rect, rect) : intersect(t.rect, rect)));
    });
  }

  getSurroundingRegion(): RangeProxy {
    return new RangeProxy(this.context, () => {
      const { sheet, rect } = this.target();
      return { sheet, rect: sheet.surroundingRegion({ ...rect, rows: 1, columns: 1 }) };
    });
  }

  getMergedAreasOrNullObject(): RangeAreasProxy {
    return new RangeAreasProxy(this.context, () => {
      const { sheet, rect } = this.target();
      const areas = sheet.merged.filter((m) => intersect(m, rect));
      return areas.length ? { sheet, areas } : null;
    });
  }

  select(): void {
    this.call('select', ({ sheet, rect }) => {
      sheet.book.select(sheet, rect);
    });
  }

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

function checkWritable(sheet: FakeSheet): void {
  if (sheet.protected) throw new OfficeError('AccessDenied', 'The cell or chart you are trying to change is protected.');
}

function checkShape(values: unknown[][], rect: Rect): void {
  if (!Array.isArray(values) || values.length !== rect.rows || values.some((row) => !Array.isArray(row) || row.length !== rect.columns)) {
    throw new OfficeError('InvalidArgument', "The number of rows or columns in the input array doesn't match the size or dimensions of the range.");
  }
}

/** What Excel stores when a value is written, as if typed. */
function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  const text = String(value);
  if (text.startsWith('=')) throw new Error(`fake: formulas are not modelled (the add-in should not write "${text}")`);
  if (/^\s*[+-]?\d+(\.\d+)?\s*$/.test(text)) return Number(text);
  if (/^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}$/.test(text)) throw new Error(`fake: Excel would turn "${text}" into a date; write a serial instead`);
  return text;
}

/**
 * Excel's AutoExpansion: a value written into the empty-adjacent column right of a table, or the
 * row below it, makes that column or row part of the table.
 */
function autoExpandTables(sheet: FakeSheet, written: Rect, values: Cell[][]): void {
  const wroteAt = (row: number, column: number) => {
    const r = row - written.row;
    const c = column - written.column;
    return r >= 0 && c >= 0 && r < written.rows && c < written.columns && values[r][c] !== '';
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

  getItem(name: string): TableProxy {
    return new TableProxy(this.context, () => this.context.book.tables.find((t) => t.name.toLowerCase() === name.toLowerCase()) ?? null);
  }
}

class TableProxy extends Proxy<FakeTable> {
  readonly autoFilter: PlainProxy<FakeTable>;

  constructor(context: FakeContext, resolver: Resolver<FakeTable>) {
    super(context, resolver, false, 'Table');
    this.autoFilter = new PlainProxy(context, resolver, 'AutoFilter', (t) => ({ isDataFiltered: t.filtered, enabled: true }));
  }

  get name(): string { return this.get('name'); }
  get showTotals(): boolean { return this.get('showTotals'); }

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

  getRange(): RangeProxy {
    return new RangeProxy(this.context, () => {
      const t = this.target();
      return { sheet: t.sheet, rect: t.rect };
    });
  }
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

  override capture(paths: readonly string[]): number {
    const { sheet, rect } = this.target();
    const found = sheet.conditionalFormats.filter((cf) => intersect(cf.rect, rect));
    this.loadedItems = found.map((cf) => new ConditionalFormatProxy(this.context, () => cf));
    const itemPaths = paths.filter((p) => p.startsWith('items/')).map((p) => p.slice(6));
    return this.loadedItems.reduce((sum, item) => sum + item.capture(itemPaths), 20);
  }

  protected read(): unknown {
    throw new Error('fake: load a ConditionalFormatCollection through items/…');
  }

  add(type: string): ConditionalFormatProxy {
    let created: FakeConditionalFormat | null = null;
    this.call('add', ({ sheet, rect }) => {
      checkWritable(sheet);
      created = { id: this.context.book.nextId('CF'), type, rect: { ...rect }, formula: null, fill: null, font: null };
      sheet.conditionalFormats = [created, ...sheet.conditionalFormats];
    });
    return new ConditionalFormatProxy(this.context, () => created);
  }

  getItem(id: string): ConditionalFormatProxy {
    return new ConditionalFormatProxy(this.context, () => {
      const { sheet, rect } = this.target();
      return sheet.conditionalFormats.find((cf) => cf.id === id && intersect(cf.rect, rect)) ?? null;
    });
  }
}

class ConditionalFormatProxy extends Proxy<FakeConditionalFormat> {
  readonly custom: {
    rule: { formula: string };
    format: { fill: { color: string }; font: { color: string } };
  };

  constructor(context: FakeContext, resolver: Resolver<FakeConditionalFormat>) {
    super(context, resolver, false, 'ConditionalFormat');
    const setter = (property: string, apply: (cf: FakeConditionalFormat, value: string) => void) => ({
      set: (value: string) => this.setProperty(property, value.length, (cf) => apply(cf, value)),
      get: () => {
        throw new Error(`fake: reading ConditionalFormat ${property} is not modelled`);
      },
    });
    const rule = Object.defineProperty({}, 'formula', setter('custom.rule.formula', (cf, v) => (cf.formula = v))) as { formula: string };
    const fill = Object.defineProperty({}, 'color', setter('custom.format.fill.color', (cf, v) => (cf.fill = v))) as { color: string };
    const font = Object.defineProperty({}, 'color', setter('custom.format.font.color', (cf, v) => (cf.font = v))) as { color: string };
    this.custom = { rule, format: { fill, font } };
  }

  get id(): string { return this.get('id'); }

  protected read(property: string, cf: FakeConditionalFormat): unknown {
    if (property === 'id') return cf.id;
    if (property === 'type') return cf.type;
    throw new Error(`fake: ConditionalFormat.${property} is not modelled`);
  }

  delete(): void {
    this.call('delete', (cf) => {
      for (const sheet of this.context.book.sheets) sheet.conditionalFormats = sheet.conditionalFormats.filter((x) => x !== cf);
    });
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

  add(name: string, reference: RangeProxy | string): NamedItemProxy {
    let created: FakeName | null = null;
    this.context.queue('call NamedItemCollection.add', () => {
      if (!/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name)) throw new OfficeError('InvalidArgument', `"${name}" is not a valid name.`);
      if (this.find(name)) throw new OfficeError('ItemAlreadyExists', `The name "${name}" already exists.`);
      if (typeof reference === 'string') throw new Error('fake: names by formula text are not modelled');
      const at = (reference as unknown as { resolver: Resolver<At> }).resolver();
      if (!at) throw new OfficeError('InvalidArgument', 'The reference is not valid.');
      created = { name, sheet: at.sheet, rect: { ...at.rect }, visible: true, addedInSync: this.context.host.counters.syncs };
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

  set visible(visible: boolean) {
    this.setProperty('visible', 5, (item) => {
      if (item.addedInSync === this.context.host.counters.syncs) return;
      item.visible = visible;
    });
  }

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

  date(year: number, month: number, day: number): FunctionResultProxy {
    return new FunctionResultProxy(this.context, () => {
      const days = Date.UTC(year, month - 1, day) / 86_400_000;
      // Serial 1 is 1900-01-01 (with Excel's fictitious 1900-02-29), or 1904-01-01 is 0.
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
