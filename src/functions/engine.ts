/**
 * Runs one SUBS function over its arguments the way Excel's own functions treat ranges: the result
 * has the shape of the range arguments, single values apply to every cell, and a bad cell gives an
 * error in its own result cell only.
 *
 * Two costs shape the code (bench/functions.bench.ts, docs/volatile.md): a spilled call over
 * 100,000 rows, where each distinct raw value of a range is read once per call and the row bodies
 * leave no garbage per row; and a volatile function filled down 100,000 cells, where the fixed cost
 * of one call matters, so a call allocates little and creates no closures.
 */
import { fill, type Problem } from '../rules';
import { ARG_KINDS, type ArgKind, type ReadContext } from './args';
import { isUnreadable, readCell } from './cells';
import { dateCellValue } from './dates';
import { errorInputError, isNotApplicable, notApplicableError, problemError, shapeError, unexpectedError, unreadableError } from './errors';
import { isSingle, resultShape, toGrid, type Grid } from './grid';
import { cellError } from './host';
import { FUNCTION_MESSAGES } from './messages';
import { RESULT_BYTE_BUDGET, resultBytes } from './payload';
import type { HostSettings } from './settings';
import type { AnyFunctionSpec, RowContext, RowOutcome } from './specs';

export interface CallEnvironment {
  readonly settings: HostSettings;
  /** Today's day number in the user's time zone; asked at most once per call, and only when needed. */
  readonly today: () => number;
}

/** One argument cell after reading: its value, or the error value its cell gets. */
type Read = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: object };

/** What one call knows while it reads cells and answers rows. */
class Call implements ReadContext, RowContext {
  readonly reading: { readonly system: HostSettings['dateSystem'] };
  readonly locale: HostSettings['locale'];
  readonly cache = new Map<unknown, unknown>();
  private day: number | undefined;

  constructor(
    readonly spec: AnyFunctionSpec,
    readonly environment: CallEnvironment,
  ) {
    this.reading = { system: environment.settings.dateSystem };
    this.locale = environment.settings.locale;
  }

  today(): number {
    return (this.day ??= this.environment.today());
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
    const date = dateCellValue(outcome as number, this.environment.settings);
    return typeof date === 'object' && 'ok' in date ? problemError(date, undefined, this.locale) : date;
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
  return rows === 1 && columns === 1 ? [[answerOne(call, grids)]] : fitPayload(call, answerRange(call, grids, rows, columns));
}

/**
 * Keeps a spilled result under {@link RESULT_BYTE_BUDGET} (payload.ts says why): first dates go
 * as bare serials (the column's own date format shows them; docs/custom-functions.md), then error
 * cells lose their messages, and a result still too large becomes one #VALUE! saying how many rows fit.
 */
function fitPayload(call: Call, result: unknown[][]): unknown[][] {
  let bytes = resultBytes(result);
  if (bytes <= RESULT_BYTE_BUDGET) return result;
  if (call.spec.output === 'date' && call.environment.settings.dateValues !== 'serial') {
    for (const row of result) {
      for (let c = 0; c < row.length; c++) {
        const cell = row[c] as { type?: unknown; basicValue?: unknown } | null;
        if (typeof cell === 'object' && cell !== null && (cell.type === 'Double' || cell.type === 'FormattedNumber')) row[c] = cell.basicValue;
      }
    }
    bytes = resultBytes(result);
    if (bytes <= RESULT_BYTE_BUDGET) return result;
  }
  for (const row of result) {
    for (let c = 0; c < row.length; c++) {
      const cell = row[c] as { code?: unknown; message?: unknown } | null;
      if (typeof cell === 'object' && cell !== null && typeof cell.code === 'string' && cell.message) row[c] = cellError(cell.code === '#N/A' ? 'notAvailable' : 'invalidValue', '');
    }
  }
  bytes = resultBytes(result);
  if (bytes <= RESULT_BYTE_BUDGET) return result;
  const rows = result.length;
  const fits = Math.floor((RESULT_BYTE_BUDGET / bytes) * rows);
  return [[cellError('invalidValue', fill(FUNCTION_MESSAGES[call.locale]['result-too-large'], { rows, megabytes: (bytes / 1e6).toFixed(1), fits }))]];
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
 * A range: each range argument read column by column into per-cell numbers of its distinct values
 * (typed arrays, outside the JavaScript heap), then each cell answered straight into its result
 * row. The only large JavaScript array a call allocates is the result itself: on a 100,000-row
 * sheet every large temporary array would make the collector mark all of Excel's argument arrays.
 */
function answerRange(call: Call, grids: Grid[], rows: number, columns: number): unknown[][] {
  const argCount = grids.length;
  const distinct: Read[][] = new Array(argCount);
  const ids: (Int32Array | null)[] = new Array(argCount);
  for (let a = 0; a < argCount; a++) {
    if (isSingle(grids[a])) {
      distinct[a] = [call.read(a, grids[a][0][0])];
      ids[a] = null;
    } else {
      const range = readRange(call, a, grids[a], rows, columns);
      distinct[a] = range.distinct;
      ids[a] = range.ids;
    }
  }

  const values: unknown[] = new Array(argCount);
  const result: unknown[][] = new Array(rows);
  for (let r = 0, cell = 0; r < rows; r++) {
    const row: unknown[] = new Array(columns);
    cells: for (let c = 0; c < columns; c++, cell++) {
      for (let a = 0; a < argCount; a++) {
        const cellIds = ids[a];
        const read = distinct[a][cellIds === null ? 0 : cellIds[cell]];
        if (!read.ok) {
          row[c] = read.error;
          continue cells;
        }
        values[a] = read.value;
      }
      row[c] = call.answer(values);
    }
    result[r] = row;
  }
  return result;
}

/**
 * Reads a range argument, row by row: each distinct raw value once per call (a column of 100,000
 * cells holds a few hundred dates and a handful of spellings), and a run of equal cells at no cost.
 * Returns the reading of each distinct value, and for each cell the number of its value.
 */
function readRange(call: Call, argument: number, grid: Grid, rows: number, columns: number): { distinct: Read[]; ids: Int32Array } {
  const distinct: Read[] = [];
  const ids = new Int32Array(rows * columns);
  const seen = new Map<unknown, number>();
  let previousRaw: unknown = undefined;
  let previous = -1;
  for (let r = 0, cell = 0; r < rows; r++) {
    const gridRow = grid[r];
    for (let c = 0; c < columns; c++, cell++) {
      const raw = gridRow[c];
      if (raw !== previousRaw || previous < 0) {
        let found = seen.get(raw);
        if (found === undefined) {
          found = distinct.length;
          distinct.push(call.read(argument, raw));
          seen.set(raw, found);
        }
        previousRaw = raw;
        previous = found;
      }
      ids[cell] = previous;
    }
  }
  return { distinct, ids };
}

/** The argument a rule's Problem is about, found by the rules' field name. */
function argumentForField(spec: AnyFunctionSpec, found: Problem): string | undefined {
  if (found.field === undefined) return undefined;
  for (const argSpec of spec.args) if (argSpec.field === found.field) return argSpec.name;
  return undefined;
}
