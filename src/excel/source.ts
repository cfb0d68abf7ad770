/**
 * The task pane's ScanSource inside Excel. The host is passed in: production passes `Excel.run`
 * and Office's document settings, tests pass a fake Excel and a memory store.
 */
import type { Field } from '../rules';
import { needsAttention, type ListedOutcome, type RowResult, type ScanProgress, type ScanRequest, type ScanSource, type ScanTarget } from '../scan';
import { clearAnnotations } from './clear';
import { parseReference, qualified, type Rect } from './geometry';
import { applyChanges, saveChange, savedChanges } from './mapping';
import type { BlockLimits } from './read';
import { readBookkeeping } from './record';
import { runScan, type ExcelRun, type ExcelScanStats } from './scan-run';
import { officeSettingsStore, type SettingsStore } from './settings';
import { findTarget } from './target';

export interface ExcelSourceOptions {
  /** Which evaluated rows a scan lists in `results`; default: those that need a look (src/scan `needsAttention`). */
  readonly keepRow?: (result: RowResult) => boolean;
  /** At most this many rows are listed (default 50,000); the rest are counted in `omitted`. */
  readonly maxResults?: number;
  /** Block sizes; the defaults keep every request far below Excel on the web's limits. */
  readonly limits?: BlockLimits;
}

export interface ExcelScanSource extends ScanSource {
  scan(target: ScanTarget, request: ScanRequest, onProgress: (progress: ScanProgress) => void, signal: AbortSignal): Promise<ListedOutcome<ScanTarget>>;
  clear(): Promise<void>;
  selectRow(sheetRow: number): Promise<void>;
  /** Figures of the last successful scan. */
  readonly lastScan: ExcelScanStats | null;
}

const DEFAULT_MAX_RESULTS = 50_000;

export function createExcelSource(run: ExcelRun, settings: SettingsStore, options: ExcelSourceOptions = {}): ExcelScanSource {
  const sheetIds = new Map<string, string>();
  let current: { sheet: string; table: Rect; block: Rect | null } | null = null;
  let lastScan: ExcelScanStats | null = null;

  const remember = (target: ScanTarget, sheetId: string, block: Rect | null) => {
    const where = parseReference(target.address);
    if (!where) return;
    sheetIds.set(target.address, sheetId);
    current = { sheet: target.sheet, table: where.rect, block };
  };

  return {
    get lastScan() {
      return lastScan;
    },

    async locate() {
      const found = await run((context) => findTarget(context, readBookkeeping(settings).annotations));
      const target: ScanTarget = {
        sheet: found.sheetName,
        address: qualified(found.sheetName, found.rect),
        headerRow: found.rect.row + 1,
        headers: found.headers.map((header) => (header === null || header === undefined ? '' : String(header))),
        columns: applyChanges(found.columns, found.headers, savedChanges(settings, found.sheetId)),
        dataRows: found.rect.rows - 1,
      };
      remember(target, found.sheetId, null);
      return target;
    },

    async saveMapping(target: ScanTarget, field: Field, column: number | null) {
      const sheetId =
        sheetIds.get(target.address) ??
        (await run(async (context) => {
          const sheet = context.workbook.worksheets.getItem(target.sheet);
          sheet.load('id');
          await context.sync();
          return sheet.id;
        }));
      await saveChange(settings, sheetId, target.headers, field, column);
      const columns = { ...target.columns };
      if (column === null) delete columns[field];
      else columns[field] = column;
      const changed: ScanTarget = { ...target, columns };
      sheetIds.set(changed.address, sheetId);
      return changed;
    },

    async scan(target, request, onProgress, signal) {
      const { outcome, stats, block } = await runScan(
        { run, store: settings, keepRow: options.keepRow ?? needsAttention, maxResults: options.maxResults ?? DEFAULT_MAX_RESULTS, limits: options.limits },
        target,
        request,
        onProgress,
        signal,
      );
      lastScan = stats;
      const where = parseReference(target.address);
      if (where) current = { sheet: target.sheet, table: where.rect, block: stats.relocated ? null : block };
      return outcome;
    },

    async clear() {
      await clearAnnotations(run, settings, options.limits);
      if (current) current = { ...current, block: null };
    },

    async selectRow(sheetRow: number) {
      const at = current;
      if (!at) throw new Error('selectRow() needs a table: call locate() or scan() first');
      const { table, block } = at;
      if (!Number.isInteger(sheetRow) || sheetRow <= table.row + 1 || sheetRow > table.row + table.rows) {
        throw new RangeError(`row ${sheetRow} is not a data row of ${qualified(at.sheet, table)}`);
      }
      const lastColumn = block ? block.column + block.columns - 1 : table.column + table.columns - 1;
      await run(async (context) => {
        const sheet = context.workbook.worksheets.getItem(at.sheet);
        sheet.activate();
        sheet.getRangeByIndexes(sheetRow - 1, table.column, 1, lastColumn - table.column + 1).select();
        await context.sync();
      });
    },
  };
}

/**
 * The source Excel's task pane uses: `Excel.run` and the workbook's document settings. Where
 * ExcelApi 1.20 is supported every batch runs with `mergeUndoGroup`, so one Ctrl+Z takes back a
 * whole scan or Clear instead of its last sync (learn.microsoft.com Excel.RunOptions.mergeUndoGroup:
 * "When false, each context.sync() call creates an undo record"). None of the APIs we call is on
 * the list that does not support undo ("Undo capabilities with the Excel JavaScript API", which
 * says such an API fails a merged group with UndoNotSupported). Elsewhere each sync stays a step,
 * and Clear and the next scan recover from any of them being undone (record.ts, placement.ts).
 */
export function officeExcelSource(options: ExcelSourceOptions = {}): ExcelScanSource {
  const run: ExcelRun = undoGroupSupported()
    ? (batch) => Excel.run({ mergeUndoGroup: true }, batch)
    : (batch) => Excel.run(batch);
  return createExcelSource(run, officeSettingsStore(), options);
}

interface OfficeRequirements {
  readonly context?: { readonly requirements?: { isSetSupported?(set: string, version?: string): boolean } };
}

/** Whether this Excel merges the syncs of one Excel.run into one undo step (ExcelApi 1.20). */
function undoGroupSupported(office: OfficeRequirements | undefined = (globalThis as unknown as { Office?: OfficeRequirements }).Office): boolean {
  try {
    return office?.context?.requirements?.isSetSupported?.('ExcelApi', '1.20') === true;
  } catch {
    return false;
  }
}
