/**
 * One scan in Excel, in five phases that hand one record on:
 * 1. check the sheet (one sync: protection, filters, merged headers, date system, what we wrote before);
 * 2. plan the placement (where our columns go, what we read beside the table);
 * 3. read and scan, block by block;
 * 4. build the patches (what our cells hold now and should hold; a move when the user's data is in the way);
 * 5. commit (the record, the cells, the highlights and the name), rolling back on failure.
 * What earlier scans wrote is found by our hidden name, or by the recorded block when a Ctrl+Z took
 * the name back (record.ts); without the name only what we would write there counts as ours
 * (placement.ts ownsCell). Cells beside the table are read as formulas: a formula is the user's.
 * Our conditional formats are found by what they are, never by id (highlight.ts).
 * Nothing is written before the whole read and scan succeeded; a failure or cancel while writing
 * puts back what was there.
 */
import { dateSystemOfSerial, dayFromYmd, isBlank, serialFromDay, statusLabel, DATE_NUMBER_FORMAT, STATUS_CODES, type CellValue, type DateSystem, type Locale, type StatusCode } from '../rules';
import { isBlankRow, scanRow, ScanProblem, ScanSummary, UpcomingDeadlines, type ListedOutcome, type RowResult, type ScanProgress, type ScanRequest, type ScanSettings, type ScanTarget } from '../scan';
import { bottom, MAX_COLUMNS, parseReference, qualified, rect, rectOf, right, RECT_PROPERTIES, sameRect, type Rect } from './geometry';
import { HIGHLIGHTS, highlightNow, queueFind, queueFormatList, queueHighlights, queueRemoveHighlights, sameHighlight, type ListedFormat } from './highlight';
import { dateColumnsIn, firstUserCell, formatBefore, formattedColumns, ownsCell, versionsFor, type Version } from './placement';
import { COLUMN_HEADERS, GENERAL_FORMAT, STATUS_ONLY, WITH_DATES, type ColumnKind } from './labels';
import { readBlocks, type BlockLimits } from './read';
import { queueFreeName, queueLocations, readBookkeeping, writeBookkeeping, type Annotation, type Bookkeeping, type HighlightSpec } from './record';
import { rollBack, type WriteState } from './rollback';
import type { SettingsStore } from './settings';
import { queueMergedHeaderCheck } from './target';
import { applyPatches, CellGrid, CellGrids, sheetSource, type Patch } from './write';
import type { ExcelRun } from './host';

const PROBE_DAY = dayFromYmd(1904, 1, 1);

export type { ExcelRun };

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
  readonly settings: ScanSettings;
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
  /** What earlier scans of this table wrote, the one that describes the sheet first (placement.ts versionsFor). */
  readonly versions: readonly Version[];
  /** Per version, our conditional formats found on the sheet (their look-ups go with the first read block's sync). */
  readonly formats: (context: Excel.RequestContext) => Promise<ListedFormat[][]>;
  readonly isTable: boolean;
  /** The last used column of the sheet (the table's own when the sheet reports none). */
  readonly usedRight: number;
  readonly freeName: () => { name: string; next: number };
}

/** Phase 2: where our columns go, and the blocks beside the table we read. */
interface Placement {
  /** Our block when it goes beside the table. */
  readonly block: Rect;
  /** The new block and the versions' blocks, merged where they overlap: read with the table. */
  readonly beside: readonly Rect[];
}

/** Phase 3: each row's status and dates, the outcome, and the cells beside the table. */
interface Scanned {
  readonly dataRows: number;
  readonly statuses: Uint8Array;
  /** Due, suspension and cancellation serials per row (NaN for none), or null for status only. */
  readonly dates: Float64Array | null;
  readonly summary: ScanSummary;
  readonly upcoming: UpcomingDeadlines;
  readonly results: RowResult[];
  readonly omitted: number;
  /** Formulas (or values) and number formats of the blocks beside the table. */
  readonly cells: CellGrids;
  readonly readBlocks: number;
  readonly readRetries: number;
}

/** Phase 4: the block we write and the patches that get it there. */
interface Patches {
  readonly block: Rect;
  readonly patches: Patch[];
  /** Per block column: whether its data rows get our date format. */
  readonly formats: boolean[];
  /** True when the user's data beside the table sent our columns elsewhere (where an earlier version stands, else right of the used range). */
  readonly relocated: boolean;
  readonly extraReadBlocks: number;
  /** Per version: which of its cells are ours. */
  readonly owns: ReadonlyArray<(row: number, column: number) => boolean>;
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
  scan: ScanRequest,
  onProgress: (progress: ScanProgress) => void,
  signal: AbortSignal,
): Promise<{ outcome: ListedOutcome<ScanTarget>; stats: ExcelScanStats; block: Rect }> {
  const where = parseReference(target.address);
  if (!where || where.sheet === null || where.rect.row !== target.headerRow - 1) {
    throw new Error(`not a target from locate(): ${target.address} with header row ${target.headerRow}`);
  }
  const request: Request = {
    deps, target, signal, onProgress,
    settings: scan.settings,
    table: where.rect,
    sheetName: where.sheet,
    kinds: scan.writeDateColumns ? WITH_DATES : STATUS_ONLY,
    locale: scan.settings.locale,
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
      outcome: { table: target, summary: scanned.summary, upcoming: scanned.upcoming.list(), results: scanned.results, omitted: scanned.omitted },
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
  const formatList = queueFormatList(sheet);
  const locations = queueLocations(context, request.book.annotations);
  const freeName = queueFreeName(context, request.book);
  await context.sync();

  if (sheet.protection.protected) throw new ScanProblem('protected-sheet', sheet.name);
  if (sheet.autoFilter.isDataFiltered || tables.items.some((t) => t.autoFilter.isDataFiltered)) {
    throw new ScanProblem('filtered', tables.items.find((t) => t.autoFilter.isDataFiltered)?.name ?? sheet.name);
  }
  mergedHeader();
  const versions = versionsFor(locations(), sheet, table);
  return {
    sheet,
    // DATE(1904,1,1) is serial 0 in the 1904 system and 1462 in the 1900 system (ExcelApi 1.2;
    // Workbook.use1904DateSystem is still preview-only).
    dateSystem: dateSystemOfSerial(PROBE_DAY, probe.value) ?? '1900',
    versions,
    formats: queueFind(formatList(), versions.map((v) => highlightNow(v.annotation, v.rect))),
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
  const first = facts.versions[0]?.rect ?? null;
  const nearest = right(table) + 1 + (facts.isTable ? 1 : 0);
  const left = first ? Math.max(first.column, nearest) : nearest;
  if (left + kinds.length > MAX_COLUMNS) throw new ScanProblem('too-big', `no free columns right of ${request.target.address}`);
  const block = rect(table.row, left, table.rows, kinds.length);
  // One read part per group of overlapping blocks, so no cell is read twice.
  const beside: Rect[] = [];
  for (const r of [block, ...facts.versions.map((v) => v.rect)]) {
    const i = beside.findIndex((b) => b.column <= right(r) + 1 && r.column <= right(b) + 1);
    if (i < 0) beside.push(r);
    else beside[i] = union(beside[i], r);
  }
  return { block, beside };
}

function union(a: Rect, b: Rect): Rect {
  const row = Math.min(a.row, b.row);
  const column = Math.min(a.column, b.column);
  return rect(row, column, Math.max(bottom(a), bottom(b)) - row + 1, Math.max(right(a), right(b)) - column + 1);
}

/** Phase 3: read the table and the block beside it, block by block, and scan each row. */
async function readAndScan(context: Excel.RequestContext, request: Request, facts: SheetFacts, placement: Placement): Promise<Scanned> {
  const { table, kinds, deps, target, settings, signal, onProgress } = request;
  const grids = placement.beside.map((area) => new CellGrid(area));
  const dataRows = table.rows - 1;
  const statuses = new Uint8Array(dataRows).fill(BLANK);
  const dates = kinds.length > 1 ? new Float64Array(dataRows * 3).fill(NaN) : null;
  const summary = new ScanSummary();
  const upcoming = new UpcomingDeadlines();
  const results: RowResult[] = [];
  let omitted = 0;
  const dateSystem = facts.dateSystem;
  const layout = { columns: target.columns, firstColumn: table.column, dateSystem };
  const read = await readBlocks(
    context,
    facts.sheet,
    // Beside the table formulas are read, not values: a formula showing "" is the user's cell.
    [{ rect: table }, ...placement.beside.map((area) => ({ rect: area, formats: true, formulas: true }))],
    (block) => {
      const [data, ...beside] = block.parts;
      data.values.forEach((values, offset) => {
        const row = block.row + offset;
        if (row === table.row) return;
        const index = row - table.row - 1;
        if (isBlankRow(values as CellValue[])) return;
        const result = scanRow(values as CellValue[], row + 1, layout, settings);
        summary.add(result);
        upcoming.add(result);
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
      beside.forEach((part, i) => {
        if (part.values.length > 0) grids[i].put(Math.max(block.row, grids[i].area.row), part.values, part.formats);
      });
      const done = Math.min(dataRows, Math.max(0, block.row + block.rows - table.row - 1));
      onProgress({ rowsDone: done, rowsTotal: dataRows });
    },
    { signal, limits: deps.limits },
  );
  return { dataRows, statuses, dates, summary, upcoming, results, omitted, cells: new CellGrids(grids), readBlocks: read.blocks, readRetries: read.retries };
}

/**
 * Phase 4: what our cells should hold, as patches over what they hold now: one for our block,
 * one per earlier version for its cells outside our block (emptied where ours, untouched else).
 */
async function buildPatches(context: Excel.RequestContext, request: Request, facts: SheetFacts, placement: Placement, scanned: Scanned): Promise<Patches> {
  const { table, kinds, locale, deps, signal } = request;
  const { versions } = facts;
  const { cells } = scanned;
  const owns = versions.map((v) => ownsCell(v, cells));
  const ours = (row: number, column: number) => owns.some((own) => own(row, column));
  const before = formatBefore(versions, owns, cells);

  let block = placement.block;
  let relocated = false;
  let extraReadBlocks = 0;
  const conflict = firstUserCell(cells, block, ours);
  // Where an earlier version stands (a Ctrl+Z can leave one there while the name points elsewhere)
  // our block may go again when nothing of the user's is in the way.
  const again = conflict === null ? null : versions
    .map((v) => rect(table.row, v.rect.column, table.rows, kinds.length))
    .find((b) => b.column > right(table) && cells.grids.some((g) => within(b, g.area)) && firstUserCell(cells, b, ours) === null);
  if (again) {
    block = again;
    relocated = true;
  } else if (conflict !== null) {
    // The columns next to the table hold the user's data: ours go right of everything used.
    const moved = facts.usedRight + 1;
    if (moved + kinds.length > MAX_COLUMNS) {
      throw new ScanProblem('too-big', `${qualified(facts.sheet.name, conflict)} is not empty and no columns are free right of the used range`);
    }
    block = rect(table.row, moved, table.rows, kinds.length);
    const grid = new CellGrid(block);
    const read = await readBlocks(context, facts.sheet, [{ rect: block, formats: true, formulas: true }], (b) => grid.put(b.row, b.parts[0].values, b.parts[0].formats), { signal, limits: deps.limits });
    extraReadBlocks = read.blocks;
    cells.grids.unshift(grid);
    // Right of the used range every cell is empty, formulas included (assumption: the used range counts a formula showing ""); if not, refuse rather than overwrite.
    const taken = firstUserCell(cells, block, ours);
    if (taken !== null) throw new ScanProblem('too-big', `${qualified(facts.sheet.name, taken)} is not empty and no columns are free right of the used range`);
    relocated = true;
  }

  const left = block.column;
  const inBlock = (row: number, column: number) => row >= block.row && row <= bottom(block) && column >= left && column <= right(block);
  const wanted = (row: number, column: number): unknown => {
    const kind = kinds[column - left];
    if (row === table.row) return COLUMN_HEADERS[locale][kind];
    const index = row - table.row - 1;
    const code = scanned.statuses[index];
    if (code === BLANK) return '';
    if (kind === 'status') return statusLabel(STATUS_CODES[code], locale);
    const serial = (scanned.dates as Float64Array)[index * 3 + DATE_OFFSET[kind]];
    return Number.isNaN(serial) ? '' : serial;
  };
  const formats = formattedColumns(block, kinds, before);
  const patches: Patch[] = [
    {
      rect: block,
      before: cells.view(block),
      after: sheetSource(block, wanted, (row, column) => (row > table.row && formats[column - left] ? DATE_NUMBER_FORMAT : before(row, column))),
      formatColumns: dateColumnsIn(block, left, kinds, versions),
    },
    ...versions.map((v, i): Patch => ({
      rect: v.rect,
      before: cells.view(v.rect),
      after: sheetSource(
        v.rect,
        (row, column) => (!inBlock(row, column) && owns[i](row, column) ? '' : null),
        (row, column) => (!inBlock(row, column) && owns[i](row, column) ? before(row, column) : null),
      ),
      formatColumns: dateColumnsIn(v.rect, left, [], [v]),
    })),
  ];
  return { block, patches, formats, relocated, extraReadBlocks, owns };
}

/**
 * Phase 5: the record first (so even a pane closed mid-write leaves nothing Clear cannot find),
 * then the cells, then formats and name in one sync, then the final record. Returns the number
 * of write blocks.
 */
async function commit(plan: Plan): Promise<number> {
  const { context, deps, table, kinds, locale, book, signal, facts, patches: placed, scanned } = plan;
  const { sheet, versions } = facts;
  const { block, patches, formats, owns } = placed;
  const live = versions[0] ?? null;
  const keepName = live !== null && live.named && sameRect(live.rect, block);
  const fresh = facts.freeName();
  const name = keepName ? live.annotation.name : fresh.name;
  const next = keepName ? book.next : fresh.next;
  // Rows are coloured across the table and our columns when they are next to it; when ours stand
  // right of the user's other columns, across the table only (a rescan of moved columns colours the same).
  const nextToTable = block.column <= right(table) + 1 + (facts.isTable ? 1 : 0);
  const spec: HighlightSpec | null = scanned.dataRows > 0
    ? { range: rect(table.row + 1, table.column, scanned.dataRows, (nextToTable ? right(block) : right(table)) - table.column + 1), statusColumn: block.column, locale }
    : null;
  const pending: Annotation = {
    name, sheetId: sheet.id, block, kinds, offset: block.column - right(table), highlight: spec, pending: true,
    formats: kinds.map((kind, c) => (formats[c] ? GENERAL_FORMAT : null)),
  };
  const { pending: _pending, ...final } = pending;

  // Our formats now, per version (their look-ups went with the first read block's sync).
  const found = await facts.formats(context);
  const keepHighlights = live !== null && sameHighlight(highlightNow(live.annotation, live.rect, table.column), spec) && found[0].length === HIGHLIGHTS.length;
  const livePriorities = new Set(keepHighlights ? found[0].map((f) => f.priority) : []);
  const removed = found.flat().filter((f) => !livePriorities.has(f.priority));
  const namesToDelete = [...new Set(versions.filter((v) => v.named && v.annotation.name.toLowerCase() !== name.toLowerCase()).map((v) => v.annotation.name))];

  // What this scan replaces stays in the record, superseded, while anything of it may come back
  // with a Ctrl+Z of this scan; the next scan drops it once nothing of it is left.
  const residue = (v: Version, i: number) =>
    found[i].length > 0 || (v.annotation.name.toLowerCase() !== name.toLowerCase() && (v.named || hasOwnCell(v.rect, owns[i], scanned.cells)));
  const superseded = versions
    .filter((v, i) => !sameAnnotation(v.annotation, final) && (v === live || residue(v, i)))
    .map(({ annotation: { pending: _p, superseded: _s, conditionalFormats: _c, ...rest } }): Annotation => ({ ...rest, superseded: true }));
  const others = book.annotations.filter((a) => !versions.some((v) => v.annotation === a));

  const state: WriteState = {
    context, sheet, store: deps.store, book, patches, versions, found, spec, block, name, keepName,
    addedHighlights: !keepHighlights && spec !== null, deletedNames: namesToDelete, tableColumn: table.column, finalStarted: false,
  };
  let writeBlocks = 0;
  try {
    await writeBookkeeping(deps.store, { next, annotations: [...book.annotations, pending] });
    writeBlocks = await applyPatches(context, sheet, patches, 'after', { signal, limits: deps.limits });
    if (signal.aborted) throw new ScanProblem('canceled');
    state.finalStarted = true;
    let queued = false;
    // Deletions first: a new format goes to the top priority and would move the ones to delete.
    if (removed.length > 0) {
      queueRemoveHighlights(removed);
      queued = true;
    }
    if (state.addedHighlights && spec) {
      queueHighlights(sheet, spec);
      queued = true;
    }
    for (const old of namesToDelete) context.workbook.names.getItem(old).delete();
    let added: Excel.NamedItem | null = null;
    if (!keepName) {
      added = context.workbook.names.add(name, sheet.getRangeByIndexes(block.row, block.column, block.rows, block.columns));
    } else if (live.visible !== false) {
      // A Ctrl+Z can take back the sync that hid our name: hide it again.
      context.workbook.names.getItem(name).visible = false;
    }
    queued ||= namesToDelete.length > 0 || !keepName || live?.visible !== false;
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
    await writeBookkeeping(deps.store, { next, annotations: [...others, final, ...superseded] });
  } catch (error) {
    await rollBack(state).catch((rollbackError) => {
      throw Object.assign(new Error(`the scan failed (${String(error)}) and putting the sheet back failed too (${String(rollbackError)})`), { cause: error, rollbackError });
    });
    throw error;
  }
  return writeBlocks;
}

function within(inner: Rect, outer: Rect): boolean {
  return inner.row >= outer.row && inner.column >= outer.column && bottom(inner) <= bottom(outer) && right(inner) <= right(outer);
}

/** Whether any cell of `area` that is ours holds something. */
function hasOwnCell(area: Rect, owns: (row: number, column: number) => boolean, cells: CellGrids): boolean {
  for (let row = area.row; row <= bottom(area); row++) {
    for (let column = area.column; column <= right(area); column++) {
      if (owns(row, column) && !isBlank(cells.value(row, column) as CellValue)) return true;
    }
  }
  return false;
}

/** Two records of the same write (flags aside). */
function sameAnnotation(a: Annotation, b: Annotation): boolean {
  const core = ({ name, sheetId, block, kinds, offset, formats, highlight }: Annotation) => JSON.stringify([name.toLowerCase(), sheetId, block, kinds, offset, formats, highlight]);
  return core(a) === core(b);
}
