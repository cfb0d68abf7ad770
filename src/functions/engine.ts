/**
 * Runs one SUBS function over its arguments the way Excel's own functions treat ranges: the result
 * has the shape of the range arguments, single values apply to every cell, and a bad cell gives an
 * error in its own result cell only.
 *
 * Two costs shape the code (bench/functions.bench.ts, docs/volatile.md): a spilled call over
 * 100,000 rows (RangeCall), where each distinct raw value of a range is read once per call, cells
 * are handled as numbers in typed arrays, and the result shares its rows; and a volatile function
 * filled down 100,000 cells, where the fixed cost of one call matters, so a one-cell call allocates
 * little and creates no closures.
 */
import { fill, type Problem } from '../rules';
import { ARG_KINDS, type ArgKind, type ReadContext } from './args';
import { isUnreadable, readCell } from './cells';
import { dateCellValue } from './dates';
import { errorInputError, isNotApplicable, notApplicableError, problemError, shapeError, unexpectedError, unreadableError } from './errors';
import { isSingle, resultShape, toGrid, type Grid } from './grid';
import { cellError } from './host';
import { FUNCTION_MESSAGES } from './messages';
import { cellBytes, RESULT_BYTE_BUDGET } from './payload';
import type { HostSettings } from './settings';
import type { AnyFunctionSpec, Read, RowContext, RowOutcome, Spill, SpillArgument } from './specs';

export interface CallEnvironment {
  readonly settings: HostSettings;
  /** Today's day number in the user's time zone; asked at most once per call, and only when needed. */
  readonly today: () => number;
}

/** What one call knows while it reads cells and answers rows. */
class Call implements ReadContext, RowContext {
  readonly reading: { readonly system: HostSettings['dateSystem'] };
  readonly locale: HostSettings['locale'];
  readonly cache = new Map<unknown, unknown>();
  /** Today, once asked (NaN before). */
  private day = NaN;
  /**
   * In a range call, the cell value of each day a date function answered: 100,000 rows repeat a
   * few hundred days, so each is formatted once and its cells share one value. Null in a one-cell call.
   */
  dates: Map<number, unknown> | null = null;

  constructor(
    readonly spec: AnyFunctionSpec,
    readonly environment: CallEnvironment,
  ) {
    this.reading = { system: environment.settings.dateSystem };
    this.locale = environment.settings.locale;
  }

  today(): number {
    if (Number.isNaN(this.day)) this.day = this.environment.today();
    return this.day;
  }

  /** Reads one raw argument cell into a value or the error value for its cell. */
  read(argument: number, raw: unknown): Read {
    const argSpec = this.spec.args[argument];
    const kind = ARG_KINDS[argSpec.kind] as ArgKind<unknown>;
    const cell = readCell(raw);
    if (isUnreadable(cell)) {
      const error = cell.error !== undefined ? errorInputError(argSpec.name, cell.error, this.locale) : unreadableError(argSpec.name, cell.unreadable, this.locale);
      return { ok: false, error };
    }
    const parsed = kind.read(kind.zeroIsBlank && cell === 0 ? null : cell, this);
    return parsed.ok ? { ok: true, value: parsed.value } : { ok: false, error: problemError(parsed, argSpec.name, this.locale) };
  }

  /** The value of one result cell, given the values read for it (in argument order). */
  answer(values: unknown[]): unknown {
    try {
      return this.cellValue(this.spec.row(values as never, this));
    } catch (thrown) {
      return unexpectedError(this.spec.id, thrown, this.locale);
    }
  }

  private cellValue(outcome: RowOutcome): unknown {
    const { spec } = this;
    if (typeof outcome === 'object') {
      if (isNotApplicable(outcome)) return notApplicableError(outcome);
      return problemError(outcome, argumentForField(spec, outcome), this.locale);
    }
    if (spec.output !== 'date') return outcome;
    const day = outcome as number;
    const { dates } = this;
    let value = dates?.get(day);
    if (value === undefined) {
      const date = dateCellValue(day, this.environment.settings);
      value = typeof date === 'object' && 'ok' in date ? problemError(date, undefined, this.locale) : date;
      dates?.set(day, value);
    }
    return value;
  }
}

/** The result grid of one call: values, and error values in the cells that have them. */
export function runFunction(spec: AnyFunctionSpec, rawArgs: readonly unknown[], environment: CallEnvironment): unknown[][] {
  const argCount = spec.args.length;
  const grids: Grid[] = new Array(argCount);
  for (let a = 0; a < argCount; a++) grids[a] = toGrid(rawArgs[a]);
  const shape = resultShape(grids);
  if (!shape.ok) {
    const mismatch = {
      argument: spec.args[shape.index].name,
      rows: shape.shape.rows,
      columns: shape.shape.columns,
      reference: spec.args[shape.referenceIndex].name,
      referenceRows: shape.referenceShape.rows,
      referenceColumns: shape.referenceShape.columns,
    };
    return [[shapeError(mismatch, environment.settings.locale)]];
  }
  const call = new Call(spec, environment);
  const { rows, columns } = shape.shape;
  if (rows === 1 && columns === 1) return [[answerOne(call, grids)]];
  const range = new RangeCall(call, grids, rows * columns);
  range.answerAll();
  const result = range.resultGrid(range.fitPayload(rows), rows, columns);
  range.release();
  RangeCall.previous = range;
  return result;
}

/** One cell: every argument read once, no bookkeeping. */
function answerOne(call: Call, grids: Grid[]): unknown {
  const values: unknown[] = new Array(grids.length);
  for (let a = 0; a < grids.length; a++) {
    const read = call.read(a, grids[a][0][0]);
    if (!read.ok) return read.error;
    values[a] = read.value;
  }
  return call.answer(values);
}

/**
 * A call over ranges, in three passes over per-cell numbers (typed arrays, outside the JavaScript
 * heap): each range argument read into the numbers of its distinct values (readRange); each cell
 * with an unreadable argument given that argument's error (the first such argument's, in argument
 * order); every other cell answered, by the row body's whole-range form where it has one, else row
 * by row. The result is kept as its distinct values and each cell's number among them: 100,000
 * cells of STATUS hold a handful of labels, so the payload guard measures each value once and a
 * one-column result shares one row array per value.
 */
class RangeCall implements Spill {
  /**
   * The last range call, emptied, kept until the next one. V8 keeps the hidden class of an object
   * that a constructor builds field by field only while some such object lives; a memory-reducing
   * collection (what an idle browser tab or Excel's runtime gets between recalculations, and what the
   * benchmark's forced collection is) drops it when none does, and with it the optimized code of
   * every function that read one, so the next 100,000-row call ran unoptimized for most of its rows
   * (bench/functions.bench.ts: 35 to 55 ms instead of 12). An instance made for the purpose at load
   * did not keep the same hidden classes alive; the last real call's objects do. (A property, not a
   * variable only ever written, which a minifier may drop.)
   */
  static previous: RangeCall | null = null;

  readonly args: SpillArgument[];
  codes: Int32Array;
  /** The distinct values of the result, numbered by {@link RangeCall.code}. */
  readonly values: unknown[] = [];
  private readonly known = new Map<unknown, number>();
  /** One cell's argument values, for the row body. */
  private readonly scratch: unknown[];

  constructor(
    readonly call: Call,
    grids: readonly Grid[],
    readonly cells: number,
  ) {
    const argCount = grids.length;
    this.args = new Array(argCount);
    for (let a = 0; a < argCount; a++) this.args[a] = isSingle(grids[a]) ? { reads: [call.read(a, grids[a][0][0])], ids: null } : readRange(call, a, grids[a]);
    this.codes = new Int32Array(cells).fill(-1);
    this.scratch = new Array(argCount);
    call.dates = new Map();
  }

  /** The number of a result value, added when new. */
  code(value: unknown): number {
    let found = this.known.get(value);
    if (found === undefined) {
      found = this.values.length;
      this.values.push(value);
      // A Map takes -0 for 0; each cell keeps its own number.
      if (!(value === 0 && 1 / value < 0)) this.known.set(value, found);
    }
    return found;
  }

  /** Answers one cell through the row body. */
  rowByRow(cell: number): void {
    const { args, scratch } = this;
    for (let a = 0; a < args.length; a++) {
      const { reads, ids } = args[a];
      scratch[a] = (reads[ids === null ? 0 : ids[cell]] as { value: unknown }).value;
    }
    this.codes[cell] = this.code(this.call.answer(scratch));
  }

  answerAll(): void {
    const { codes, cells } = this;
    for (const { reads, ids } of this.args) {
      let anyError = false;
      const errorCodes = new Int32Array(reads.length);
      for (let id = 0; id < reads.length; id++) {
        const read = reads[id];
        errorCodes[id] = read.ok ? -1 : this.code(read.error);
        if (!read.ok) anyError = true;
      }
      if (!anyError) continue;
      for (let cell = 0; cell < cells; cell++) if (codes[cell] === -1) codes[cell] = errorCodes[ids === null ? 0 : ids[cell]];
    }
    const { spec } = this.call;
    if (spec.spill !== undefined && spec.spill.row === spec.row) {
      const errorsOnly = codes.slice();
      try {
        spec.spill.answer(this, this.call);
        return;
      } catch {
        // A whole-range form that fails leaves the answers to the row body, cell by cell (which
        // turns an exception into that cell's #VALUE!); its contract is to agree with it anyway.
        codes.set(errorsOnly);
      }
    }
    for (let cell = 0; cell < cells; cell++) if (codes[cell] === -1) this.rowByRow(cell);
  }

  /** Lets go of the call's arguments and per-cell numbers, keeping the object (see {@link RangeCall.previous}). */
  release(): void {
    this.args.length = 0;
    this.values.length = 0;
    this.known.clear();
    this.codes = NO_CODES;
    this.call.cache.clear();
    this.call.dates?.clear();
  }

  /**
   * Keeps the result under {@link RESULT_BYTE_BUDGET} (payload.ts says why): first dates go as bare
   * serials (the column's own date format shows them; docs/custom-functions.md), then error cells
   * lose their messages, and a result still too large becomes one #VALUE! saying how many rows fit
   * (returned instead of the values). Measures each distinct value once, times the cells holding it.
   */
  fitPayload(rows: number): unknown[] | { readonly tooLarge: object } {
    const { values, codes } = this;
    const counts = new Float64Array(values.length);
    for (let cell = 0; cell < codes.length; cell++) counts[codes[cell]]++;
    const bytesOf = () => {
      let bytes = 2 + rows * 3;
      for (let k = 0; k < values.length; k++) if (counts[k] > 0) bytes += counts[k] * (cellBytes(values[k]) + 1);
      return bytes;
    };
    let bytes = bytesOf();
    if (bytes <= RESULT_BYTE_BUDGET) return values;
    if (this.call.spec.output === 'date' && this.call.environment.settings.dateValues !== 'serial') {
      for (let k = 0; k < values.length; k++) {
        const cell = values[k] as { type?: unknown; basicValue?: unknown } | null;
        if (typeof cell === 'object' && cell !== null && (cell.type === 'Double' || cell.type === 'FormattedNumber')) values[k] = cell.basicValue;
      }
      bytes = bytesOf();
      if (bytes <= RESULT_BYTE_BUDGET) return values;
    }
    for (let k = 0; k < values.length; k++) {
      const cell = values[k] as { code?: unknown; message?: unknown } | null;
      if (typeof cell === 'object' && cell !== null && typeof cell.code === 'string' && cell.message) values[k] = cellError(cell.code === '#N/A' ? 'notAvailable' : 'invalidValue', '');
    }
    bytes = bytesOf();
    if (bytes <= RESULT_BYTE_BUDGET) return values;
    const fits = Math.floor((RESULT_BYTE_BUDGET / bytes) * rows);
    return { tooLarge: cellError('invalidValue', fill(FUNCTION_MESSAGES[this.call.locale]['result-too-large'], { rows, megabytes: (bytes / 1e6).toFixed(1), fits })) };
  }

  /**
   * The grid Excel receives. A one-column result shares one row array per distinct value: Excel's
   * runtime only serializes the result (as JSON), and 100,000 fresh one-cell rows cost more, in
   * allocation and in the young generation's copying, than the rest of the call.
   */
  resultGrid(values: unknown[] | { readonly tooLarge: object }, rows: number, columns: number): unknown[][] {
    if (!Array.isArray(values)) return [[values.tooLarge]];
    const { codes } = this;
    const result: unknown[][] = new Array(rows);
    if (columns === 1) {
      const shared: unknown[][] = new Array(values.length);
      for (let k = 0; k < values.length; k++) shared[k] = [values[k]];
      for (let r = 0; r < rows; r++) result[r] = shared[codes[r]];
      return result;
    }
    for (let r = 0, cell = 0; r < rows; r++) {
      const row: unknown[] = new Array(columns);
      for (let c = 0; c < columns; c++, cell++) row[c] = values[codes[cell]];
      result[r] = row;
    }
    return result;
  }
}


const NO_CODES = new Int32Array(0);

/** Whole numbers this close to the first one a range holds are numbered through a table indexed by the number. */
const DENSE_SPAN = 1 << 16;
/** Slots of the table that remembers the number of a text by its length and its first and last characters. */
const TEXT_SLOTS = 256;

/**
 * Reads a range argument, row by row: each distinct raw value once per call (a column of 100,000
 * cells holds a few hundred dates and a handful of spellings). Returns the reading of each distinct
 * value, and for each cell the number of its value.
 *
 * Finding a cell's number is most of a spilled call's time, and a Map lookup costs twice reading the
 * cell, so the two common kinds go through a table first: a whole number near the first one seen
 * (dates: a few years of serials) by its value, a text by a slot chosen from its length and first
 * and last characters (checked with ===, so a collision only costs the Map). Measured on the
 * benchmark's columns, this beat a Map alone by a third, and also a check for runs of equal cells.
 */
function readRange(call: Call, argument: number, grid: Grid): SpillArgument {
  const rows = grid.length;
  const columns = grid[0].length;
  const reads: Read[] = [];
  const ids = new Int32Array(rows * columns);
  const seen = new Map<unknown, number>();
  let numbers: Int32Array | null = null;
  let low = 0;
  let texts: (string | undefined)[] | null = null;
  let textIds: Int32Array | null = null;
  for (let r = 0, cell = 0; r < rows; r++) {
    const gridRow = grid[r];
    for (let c = 0; c < columns; c++, cell++) {
      const raw = gridRow[c];
      let found: number | undefined;
      if (typeof raw === 'string') {
        const length = raw.length;
        const slot = length === 0 ? 0 : ((length * 31 + raw.charCodeAt(0)) * 31 + raw.charCodeAt(length - 1)) & (TEXT_SLOTS - 1);
        if (texts !== null && texts[slot] === raw) {
          found = (textIds as Int32Array)[slot];
        } else {
          found = seen.get(raw) ?? addRead(call, argument, raw, reads, seen);
          if (texts === null) {
            texts = new Array(TEXT_SLOTS).fill(undefined);
            textIds = new Int32Array(TEXT_SLOTS);
          }
          if (texts[slot] === undefined) {
            texts[slot] = raw;
            (textIds as Int32Array)[slot] = found;
          }
        }
      } else if (typeof raw === 'number' && (raw | 0) === raw) {
        // A whole number within 32 bits (every date serial), so `raw - low` is exact.
        const offset = raw - low;
        const index = offset >>> 0; // equal to offset only from 0 on
        if (numbers !== null && index === offset && index < DENSE_SPAN) {
          found = numbers[index] - 1;
          if (found < 0) {
            found = seen.get(raw) ?? addRead(call, argument, raw, reads, seen);
            numbers[index] = found + 1;
          }
        } else {
          found = seen.get(raw) ?? addRead(call, argument, raw, reads, seen);
          if (numbers === null) {
            numbers = new Int32Array(DENSE_SPAN);
            low = raw - DENSE_SPAN / 2;
            numbers[raw - low] = found + 1;
          }
        }
      } else {
        found = seen.get(raw) ?? addRead(call, argument, raw, reads, seen);
      }
      ids[cell] = found;
    }
  }
  return { reads, ids };
}

function addRead(call: Call, argument: number, raw: unknown, reads: Read[], seen: Map<unknown, number>): number {
  const found = reads.length;
  reads.push(call.read(argument, raw));
  seen.set(raw, found);
  return found;
}

/** The argument a rule's Problem is about, found by the rules' field name. */
function argumentForField(spec: AnyFunctionSpec, found: Problem): string | undefined {
  if (found.field === undefined) return undefined;
  for (const argSpec of spec.args) if (argSpec.field === found.field) return argSpec.name;
  return undefined;
}
