/**
 * One scan in Excel, in five phases that hand one record on:
 * 1. check the sheet (one sync: protection, filters, merged headers, date system, what we wrote before);
 * 2. plan the placement (where our columns go, what we read beside the table);
 * 3. read and scan, block by block;
 * 4. build the patches (what our cells hold now and should hold; a move when the user's data is in the way);
 * 5. commit (the record, the cells, the highlights and the name), rolling back on failure.
 * Nothing is written before the whole read and scan succeeded; a failure or cancel while writing
 * puts back what was there.
 */
import { dateSystemOfSerial, dayFromYmd, serialFromDay, statusLabel, STATUS_CODES, type CellValue, type DateSystem, type Locale, type StatusCode } from '../rules';
import { isBlankRow, scanRow, ScanProblem, ScanSummary, type RowResult, type ScanOptions, type ScanOutcome, type ScanProgress, type ScanTarget } from '../scan';
import { bottom, MAX_COLUMNS, parseReference, qualified, rect, rectOf, right, RECT_PROPERTIES, sameRect, type Rect } from './geometry';
import { queueExistingHighlights, queueHighlights, queueRemoveHighlights, sameHighlight } from './highlight';
import { dateColumnsOf, firstUserCell, formattedColumns, ourColumnsFor, type Ours } from './placement';
import { COLUMN_HEADERS, DATE_FORMAT, GENERAL_FORMAT, STATUS_ONLY, WITH_DATES, type ColumnKind } from './labels';
import { readBlocks, type BlockLimits } from './read';
import { queueFreeName, queueLocations, readBookkeeping, writeBookkeeping, type Annotation, type Bookkeeping, type HighlightSpec } from './record';
import { rollBack, type WriteState } from './rollback';
import type { SettingsStore } from './settings';
import { queueMergedHeaderCheck } from './target';
import { applyPatches, CellGrid, columnRuns, sheetSource, type Patch } from './write';
import type { ExcelRun } from './host';

const PROBE_DAY = dayFromYmd(1904, 1, 1);

export type { ExcelRun };

export type ExcelScanOptions = ScanOptions & { writeDateColumns: boolean };

export interface ScanDeps {
  readonly run: ExcelRun;
  readonly store: SettingsStore;
  /** Which evaluated rows the outcome lists (all are counted and written to the sheet). */
  readonly keepRow: (result: RowResult) => boolean;
  /** At most this many rows are listed; the rest are counted in `omitted`. */
  readonly maxResults: number;
  readonly limits?: BlockLimits;
}

/** Figures of the last scan, for the bench and the tests. */
export interface ExcelScanStats {
  readonly dataRows: number;
  readonly readBlocks: number;
  readonly readRetries: number;
  readonly writeBlocks: number;
  readonly dateSystem: DateSystem;
  /** Where our columns are, e.g. "Sheet1!K3:N41". */
  readonly written: string;
  /** True when the columns next to the table were taken and ours went right of the used range. */
  readonly relocated: boolean;
}

const BLANK = 255;
const STATUS_INDEX = new Map<StatusCode, number>(STATUS_CODES.map((code, index) => [code, index]));
const DATE_OFFSET: Readonly<Record<Exclude<ColumnKind, 'status'>, number>> = { due: 0, suspension: 1, cancellation: 2 };

/** What the scan knows before it touches Excel: the request and the record of earlier scans. */
interface Request {
  readonly deps: ScanDeps;
  readonly target: ScanTarget;
  readonly options: ExcelScanOptions;
  readonly signal: AbortSignal;
  readonly onProgress: (progress: ScanProgress) => void;
  /** The header row and data rows, 0-based. */
  readonly table: Rect;
  readonly sheetName: string;
  readonly kinds: readonly ColumnKind[];
  readonly locale: Locale;
  readonly book: Bookkeeping;
}

/** Phase 1's findings: the sheet is scannable, and what is on it already. */
interface SheetFacts {
  readonly sheet: Excel.Worksheet;
  readonly dateSystem: DateSystem;
  readonly highlightsBefore: ReadonlySet<string>;
  /** The columns an earlier scan of this table wrote, or null. */
  readonly old: Ours | null;
  readonly isTable: boolean;
  /** The last used column of the sheet (the table's own when the sheet reports none). */
  readonly usedRight: number;
  readonly freeName: () => { name: string; next: number };
}

/** Phase 2: where our columns go, and the block beside the table we read. */
interface Placement {
  /** First column of our block when it goes beside the table. */
  readonly left: number;
  readonly oldRect: Rect | null;
  /** Our new and old columns together, header row down: read with the table. */
  readonly beside: Rect;
}

/** Phase 3: each row's status and dates, the outcome, and the cells beside the table. */
interface Scanned {
  readonly dataRows: number;
  readonly statuses: Uint8Array;
  /** Due, suspension and cancellation serials per row (NaN for none), or null for status only. */
  readonly dates: Float64Array | null;
  readonly summary: ScanSummary;
  readonly results: RowResult[];
  readonly omitted: number;
  readonly grid: CellGrid;
  readonly readBlocks: number;
  readonly readRetries: number;
}

/** Phase 4: the block we write and the patches that get it there. */
interface Patches {
  readonly block: Rect;
  readonly patches: Patch[];
  /** Per block column: whether its data rows get our date format. */
  readonly formats: boolean[];
  /** True when the user's data beside the table sent our columns right of the used range. */
  readonly relocated: boolean;
  readonly extraReadBlocks: number;
}

/** Everything the phases hand on. */
interface Plan extends Request {
  readonly context: Excel.RequestContext;
  readonly facts: SheetFacts;
  readonly placement: Placement;
  readonly scanned: Scanned;
  readonly patches: Patches;
}

export async function runScan(
  deps: ScanDeps,
  target: ScanTarget,
  options: ExcelScanOptions,
  onProgress: (progress: ScanProgress) => void,
  signal: AbortSignal,
): Promise<{ outcome: ScanOutcome & { omitted: number }; stats: ExcelScanStats; block: Rect }> {
  const where = parseReference(target.address);
  if (!where || where.sheet === null || where.rect.row !== target.headerRow - 1) {
    throw new Error(`not a target from locate(): ${target.address} with header row ${target.headerRow}`);
  }
  const request: Request = {
    deps, target, options, signal, onProgress,
    table: where.rect,
    sheetName: where.sheet,
    kinds: options.writeDateColumns ? WITH_DATES : STATUS_ONLY,
    locale: options.locale ?? 'en',
    book: readBookkeeping(deps.store),
  };
  if (signal.aborted) throw new ScanProblem('canceled');

  return deps.run(async (context) => {
    const facts = await checkSheet(context, request);
    const placement = planPlacement(request, facts);
    const scanned = await readAndScan(context, request, facts, placement);
    const patches = await buildPatches(context, request, facts, placement, scanned);
    if (signal.aborted) throw new ScanProblem('canceled');
    const plan: Plan = { ...request, context, facts, placement, scanned, patches };
    const writeBlocks = await commit(plan);

    onProgress({ rowsDone: scanned.dataRows, rowsTotal: scanned.dataRows });
    return {
      outcome: { target, results: scanned.results, summary: scanned.summary, omitted: scanned.omitted },
      stats: {
        dataRows: scanned.dataRows,
        readBlocks: scanned.readBlocks + patches.extraReadBlocks,
        readRetries: scanned.readRetries,
        writeBlocks,
        dateSystem: facts.dateSystem,
        written: qualified(facts.sheet.name, patches.block),
        relocated: patches.relocated,
      },
      block: patches.block,
    };
  });
}

/** Phase 1: one sync to check everything that makes a scan impossible, before reading a block. */
async function checkSheet(context: Excel.RequestContext, request: Request): Promise<SheetFacts> {
  const { table } = request;
  const sheet = context.workbook.worksheets.getItem(request.sheetName);
  sheet.load('id,name');
  sheet.protection.load('protected');
  sheet.autoFilter.load('isDataFiltered');
  const tables = sheet.getRangeByIndexes(table.row, table.column, table.rows, table.columns).getTables(false);
  tables.load('items/name,items/autoFilter/isDataFiltered');
  const mergedHeader = queueMergedHeaderCheck(sheet, table);
  const probe = context.workbook.functions.date(1904, 1, 1);
  probe.load('value');
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load(RECT_PROPERTIES);
  const existingHighlights = queueExistingHighlights(sheet);
  const locations = queueLocations(context, request.book.annotations);
  const freeName = queueFreeName(context, request.book);
  await context.sync();

  if (sheet.protection.protected) throw new ScanProblem('protected-sheet', sheet.name);
  if (sheet.autoFilter.isDataFiltered || tables.items.some((t) => t.autoFilter.isDataFiltered)) {
    throw new ScanProblem('filtered', tables.items.find((t) => t.autoFilter.isDataFiltered)?.name ?? sheet.name);
  }
  mergedHeader();
  return {
    sheet,
    // DATE(1904,1,1) is serial 0 in the 1904 system and 1462 in the 1900 system (ExcelApi 1.2;
    // Workbook.use1904DateSystem is still preview-only).
    dateSystem: dateSystemOfSerial(PROBE_DAY, probe.value) ?? '1900',
    highlightsBefore: existingHighlights(),
    old: ourColumnsFor(locations(), sheet, table),
    isTable: tables.items.length > 0,
    usedRight: used.isNullObject ? right(table) : right(rectOf(used)),
    freeName,
  };
}

/**
 * Phase 2: our columns go where they were, else right of the data (one column further for an
 * Excel table, so that its AutoExpand does not pull them into the user's table).
 */
function planPlacement(request: Request, facts: SheetFacts): Placement {
  const { table, kinds } = request;
  const oldRect = facts.old?.rect ?? null;
  const nearest = right(table) + 1 + (facts.isTable ? 1 : 0);
  const left = oldRect ? Math.max(oldRect.column, nearest) : nearest;
  if (left + kinds.length > MAX_COLUMNS) throw new ScanProblem('too-big', `no free columns right of ${request.target.address}`);
  const besideLeft = Math.min(left, oldRect?.column ?? left);
  const besideRight = Math.max(left + kinds.length - 1, oldRect ? right(oldRect) : 0);
  const beside = rect(table.row, besideLeft, Math.max(table.rows, oldRect?.rows ?? 0), besideRight - besideLeft + 1);
  return { left, oldRect, beside };
}

/** Phase 3: read the table and the block beside it, block by block, and scan each row. */
async function readAndScan(context: Excel.RequestContext, request: Request, facts: SheetFacts, placement: Placement): Promise<Scanned> {
  const { table, kinds, deps, target, locale, options, signal, onProgress } = request;
  const { beside } = placement;
  const grid = new CellGrid(beside);
  const dataRows = table.rows - 1;
  const statuses = new Uint8Array(dataRows).fill(BLANK);
  const dates = kinds.length > 1 ? new Float64Array(dataRows * 3).fill(NaN) : null;
  const summary = new ScanSummary();
  const results: RowResult[] = [];
  let omitted = 0;
  const layout = { columns: target.columns, firstColumn: table.column };
  const dateSystem = facts.dateSystem;
  const scanOptions: ScanOptions = { ...options, dateSystem, locale };
  const read = await readBlocks(
    context,
    facts.sheet,
    [{ rect: table }, { rect: beside, formats: true }],
    (block) => {
      const [data, ours] = block.parts;
      data.values.forEach((values, offset) => {
        const row = block.row + offset;
        if (row === table.row) return;
        const index = row - table.row - 1;
        if (isBlankRow(values as CellValue[])) return;
        const result = scanRow(values as CellValue[], row + 1, layout, scanOptions);
        summary.add(result);
        statuses[index] = STATUS_INDEX.get(result.status) as number;
        if (dates && result.days) {
          dates[index * 3] = serialFromDay(result.days.due, dateSystem);
          dates[index * 3 + 1] = serialFromDay(result.days.suspension, dateSystem);
          dates[index * 3 + 2] = serialFromDay(result.days.cancellation, dateSystem);
        }
        if (!deps.keepRow(result)) return;
        if (results.length < deps.maxResults) results.push(result);
        else omitted++;
      });
      if (ours.values.length > 0) grid.put(block.row, ours.values, ours.formats);
      const done = Math.min(dataRows, Math.max(0, block.row + block.rows - table.row - 1));
      onProgress({ rowsDone: done, rowsTotal: dataRows });
    },
    { signal, limits: deps.limits },
  );
  return { dataRows, statuses, dates, summary, results, omitted, grid, readBlocks: read.blocks, readRetries: read.retries };
}

/** Phase 4: what our cells should hold, as patches over what they hold now. */
async function buildPatches(context: Excel.RequestContext, request: Request, facts: SheetFacts, placement: Placement, scanned: Scanned): Promise<Patches> {
  const { table, kinds, locale, deps, signal } = request;
  const { old } = facts;
  const { left, oldRect, beside } = placement;
  const { grid } = scanned;
  const inNew = (row: number, column: number) => column >= left && column < left + kinds.length && row <= bottom(table);
  const inOld = (row: number, column: number) => oldRect !== null && column >= oldRect.column && column <= right(oldRect) && row <= bottom(oldRect);

  const wanted = (row: number, column: number, origin: number): unknown => {
    const kind = kinds[column - origin];
    if (row === table.row) return COLUMN_HEADERS[locale][kind];
    const index = row - table.row - 1;
    const code = scanned.statuses[index];
    if (code === BLANK) return '';
    if (kind === 'status') return statusLabel(STATUS_CODES[code], locale);
    const serial = (scanned.dates as Float64Array)[index * 3 + DATE_OFFSET[kind]];
    return Number.isNaN(serial) ? '' : serial;
  };
  // The format a cell had before any scan: ours are replaced by the one recorded.
  const originalFormat = (row: number, column: number, current: (row: number, column: number) => string): string => {
    if (old && oldRect && row > oldRect.row && row <= bottom(oldRect) && column >= oldRect.column && column <= right(oldRect)) {
      const replaced = old.annotation.formats[column - oldRect.column];
      if (replaced !== null && replaced !== undefined) return replaced;
    }
    return current(row, column);
  };

  const conflict = firstUserCell(grid, rect(table.row, left, table.rows, kinds.length), inOld);
  if (conflict === null) {
    const block = rect(table.row, left, table.rows, kinds.length);
    const current = (row: number, column: number) => grid.format(row, column);
    const formats = formattedColumns(block, kinds, (row, column) => originalFormat(row, column, current));
    // Patches cover exactly the cells that are ours, old or new: column by column, as far down as either reaches.
    const extents = Array.from({ length: beside.columns }, (_, c) => {
      const column = beside.column + c;
      return Math.max(inNew(table.row, column) ? table.rows : 0, inOld(table.row, column) && oldRect ? oldRect.rows : 0);
    });
    const patches = columnRuns(table.row, beside.column, extents).map((run) => ({
      rect: run,
      before: grid.view(run),
      after: sheetSource(
        run,
        (row, column) => (inNew(row, column) ? wanted(row, column, left) : ''),
        (row, column) => {
          if (inNew(row, column) && row > table.row && formats[column - left]) return DATE_FORMAT;
          return originalFormat(row, column, current);
        },
      ),
      formatColumns: dateColumnsOf(run, left, kinds, oldRect?.column ?? 0, old?.annotation.kinds ?? []),
    }));
    return { block, patches, formats, relocated: false, extraReadBlocks: 0 };
  }

  // The columns next to the table hold the user's data: ours go right of everything used.
  const moved = facts.usedRight + 1;
  if (moved + kinds.length > MAX_COLUMNS) {
    throw new ScanProblem('too-big', `${qualified(facts.sheet.name, conflict)} is not empty and no columns are free right of the used range`);
  }
  const block = rect(table.row, moved, table.rows, kinds.length);
  const relocatedGrid = new CellGrid(block);
  const relocationRead = await readBlocks(context, facts.sheet, [{ rect: block, formats: true }], (b) => relocatedGrid.put(b.row, b.parts[0].values, b.parts[0].formats), { signal, limits: deps.limits });
  const current = (row: number, column: number) => relocatedGrid.format(row, column);
  const formats = formattedColumns(block, kinds, current);
  const patches: Patch[] = [
    {
      rect: block,
      before: relocatedGrid.view(block),
      after: sheetSource(
        block,
        (row, column) => wanted(row, column, moved),
        (row, column) => (row > table.row && formats[column - moved] ? DATE_FORMAT : current(row, column)),
      ),
      formatColumns: kinds.map((kind, c) => c).filter((c) => kinds[c] !== 'status'),
    },
  ];
  if (old && oldRect) {
    patches.push({
      rect: oldRect,
      before: grid.view(oldRect),
      after: sheetSource(oldRect, () => '', (row, column) => originalFormat(row, column, (r, c) => grid.format(r, c))),
      formatColumns: dateColumnsOf(oldRect, left, [], oldRect.column, old.annotation.kinds),
    });
  }
  return { block, patches, formats, relocated: true, extraReadBlocks: relocationRead.blocks };
}

/**
 * Phase 5: the record first (so even a pane closed mid-write leaves nothing Clear cannot find),
 * then the cells, then formats and name in one sync, then the final record. Returns the number
 * of write blocks.
 */
async function commit(plan: Plan): Promise<number> {
  const { context, deps, table, kinds, locale, book, signal, facts, patches: placed, scanned } = plan;
  const { sheet, old, highlightsBefore } = facts;
  const { block, patches, formats, relocated } = placed;
  const oldRect = plan.placement.oldRect;
  const keepName = old !== null && oldRect !== null && old.named && sameRect(oldRect, block);
  const fresh = facts.freeName();
  const name = keepName ? old.annotation.name : fresh.name;
  const spec: HighlightSpec | null = scanned.dataRows > 0
    ? { range: rect(table.row + 1, table.column, scanned.dataRows, (relocated ? right(table) : right(block)) - table.column + 1), statusColumn: block.column, locale }
    : null;
  const pending: Annotation = {
    name, sheetId: sheet.id, block, kinds, offset: block.column - right(table), highlight: null, conditionalFormats: [], pending: true,
    formats: kinds.map((kind, c) => (formats[c] ? GENERAL_FORMAT : null)),
  };
  const others = book.annotations.filter((a) => a !== old?.annotation);
  const next = keepName ? book.next : fresh.next;
  const state: WriteState = { context, sheet, store: deps.store, book, patches, old, name, keepName, highlightsBefore, finalStarted: false };
  let writeBlocks = 0;
  try {
    await writeBookkeeping(deps.store, { next, annotations: [...book.annotations, pending] });
    writeBlocks = await applyPatches(context, sheet, patches, 'after', { signal, limits: deps.limits });
    if (signal.aborted) throw new ScanProblem('canceled');
    state.finalStarted = true;
    const keepHighlights = old !== null && sameHighlight(old.annotation.highlight, spec) && old.annotation.conditionalFormats.every((id) => highlightsBefore.has(id));
    let readIds: () => string[] = () => [...(old?.annotation.conditionalFormats ?? [])];
    let queued = false;
    if (!keepHighlights) {
      if (old) queueRemoveHighlights(sheet, old.annotation.conditionalFormats, highlightsBefore);
      readIds = spec ? queueHighlights(sheet, spec) : () => [];
      queued = true;
    }
    let added: Excel.NamedItem | null = null;
    if (!keepName) {
      if (old?.named) context.workbook.names.getItem(old.annotation.name).delete();
      added = context.workbook.names.add(name, sheet.getRangeByIndexes(block.row, block.column, block.rows, block.columns));
      queued = true;
    }
    // Calculation was suspended while the blocks were written (write.ts): the user's formulas that
    // read our columns are brought up to date once, here.
    if (writeBlocks > 0) {
      context.workbook.application.calculate('Recalculate');
      queued = true;
    }
    if (queued) await context.sync();
    if (added) {
      // `visible = false` queued in the same batch as names.add is not applied (office-js #3878,
      // #3949: a name can be hidden right after the sync that created it), so it is set after that
      // sync and read back.
      added.visible = false;
      added.load('visible');
      await context.sync();
      if (added.visible !== false) throw new Error(`the name ${name} could not be hidden`);
    }
    const { pending: _pending, ...settled } = pending;
    const final: Annotation = { ...settled, highlight: spec, conditionalFormats: readIds() };
    await writeBookkeeping(deps.store, { next, annotations: [...others, final] });
  } catch (error) {
    await rollBack(state).catch((rollbackError) => {
      throw Object.assign(new Error(`the scan failed (${String(error)}) and putting the sheet back failed too (${String(rollbackError)})`), { cause: error, rollbackError });
    });
    throw error;
  }
  return writeBlocks;
}
