/**
 * Finding what to scan: the Excel table under the selection, else the current region around it
 * (`getSurroundingRegion`, ExcelApi 1.7), else the used range of the active sheet. The first of
 * these whose top rows hold a header row (rules.md §8) wins. Columns this add-in wrote there
 * itself are left out, so a second scan sees the same table as the first.
 */
import { isBlank, mapHeaders, type CellValue, type ColumnMap } from '../rules';
import { findHeaderRow, ScanProblem, HEADER_SEARCH_ROWS } from '../scan';
import { bottom, intersects, qualified, rect, rectOf, right, RECT_PROPERTIES, type Rect } from './geometry';
import { BLOCK_LIMITS } from './read';
import { queueLocations, type Annotation } from './record';

export type TargetKind = 'table' | 'region' | 'used';

export interface FoundTarget {
  readonly sheetId: string;
  readonly sheetName: string;
  readonly kind: TargetKind;
  /** The header row and the data rows below it (title rows above the header are left out). */
  readonly rect: Rect;
  readonly headers: readonly CellValue[];
  /** The automatic mapping, by the aliases. */
  readonly columns: ColumnMap;
}

/** The widest header search we read: 30 rows of at most this many columns stay one small block. */
const MAX_SEARCH_COLUMNS = Math.floor(BLOCK_LIMITS.cells / HEADER_SEARCH_ROWS);

interface Candidate {
  readonly kind: TargetKind;
  readonly rect: Rect;
}

export async function findTarget(context: Excel.RequestContext, annotations: readonly Annotation[]): Promise<FoundTarget> {
  const look = await firstLook(context, annotations, true).catch(() => firstLook(context, annotations, false));
  const { sheet } = look;

  const candidates: Candidate[] = [];
  if (look.tableName !== null) {
    const table = context.workbook.tables.getItem(look.tableName);
    table.load('showTotals');
    const range = table.getRange();
    range.load(RECT_PROPERTIES);
    await context.sync();
    // A totals row is no subscription: leave it out.
    const whole = rectOf(range);
    const rows = table.showTotals && whole.rows > 1 ? whole.rows - 1 : whole.rows;
    candidates.push({ kind: 'table', rect: rect(whole.row, whole.column, rows, whole.columns) });
  }
  if (look.region && look.region.rows * look.region.columns > 1) candidates.push({ kind: 'region', rect: look.region });
  if (look.used) candidates.push({ kind: 'used', rect: look.used });
  if (candidates.length === 0) throw new ScanProblem('empty-sheet', sheet.name);

  // Our columns, also those whose name a Ctrl+Z took back (their recorded block); a superseded
  // block without its name was emptied by the scan that replaced it.
  const ours = look.locations()
    .filter((l) => l.rect !== null && l.sheetName === sheet.name && (l.named || !l.annotation.superseded))
    .map((l) => l.rect as Rect);
  const searches = candidates.map((candidate) => {
    const trimmed = candidate.kind === 'table' ? candidate.rect : leaveOut(candidate.rect, ours);
    const top = sheet.getRangeByIndexes(trimmed.row, trimmed.column, Math.min(HEADER_SEARCH_ROWS, trimmed.rows), Math.min(MAX_SEARCH_COLUMNS, trimmed.columns));
    top.load('values');
    return { kind: candidate.kind, rect: trimmed, top };
  });
  await context.sync();

  for (const search of searches) {
    const rows = search.top.values as CellValue[][];
    const match = findHeaderRow(rows);
    if (!match) continue;
    const headerRow = search.rect.row + match.index;
    const header = rows[match.index];
    let area = rect(headerRow, search.rect.column, bottom(search.rect) - headerRow + 1, Math.min(search.rect.columns, MAX_SEARCH_COLUMNS));
    if (search.kind === 'used') {
      // The used range may hold more than the table (notes, a second block): keep the current
      // region around the header, as if the user had selected it.
      const first = header.findIndex((value) => !isBlank(value));
      const around = sheet.getRangeByIndexes(headerRow, area.column + first, 1, 1).getSurroundingRegion();
      around.load(RECT_PROPERTIES);
      await context.sync();
      const region = leaveOut(rectOf(around), ours);
      const column = Math.max(region.column, area.column);
      const end = Math.min(right(region), right(area));
      area = rect(headerRow, column, Math.max(1, bottom(region) - headerRow + 1), end - column + 1);
    }
    const offset = area.column - search.rect.column;
    let columns = area.columns;
    if (search.kind !== 'table') {
      while (columns > 1 && isBlank(header[offset + columns - 1])) columns--;
      area = rect(area.row, area.column, area.rows, columns);
      // Tables cannot hold merged cells; other ranges can.
      const check = queueMergedHeaderCheck(sheet, area);
      await context.sync();
      check();
    }
    const headers = header.slice(offset, offset + columns);
    return {
      sheetId: sheet.id,
      sheetName: sheet.name,
      kind: search.kind,
      rect: area,
      headers,
      columns: offset === 0 ? match.columns : mapHeaders(headers),
    };
  }
  const widest = searches[searches.length - 1];
  throw new ScanProblem('no-header', qualified(sheet.name, widest.rect));
}

async function firstLook(context: Excel.RequestContext, annotations: readonly Annotation[], withSelection: boolean) {
  const sheet = context.workbook.worksheets.getActiveWorksheet();
  sheet.load('id,name');
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load(RECT_PROPERTIES);
  const locations = queueLocations(context, annotations);
  let tables: Excel.TableScopedCollection | null = null;
  let region: Excel.Range | null = null;
  if (withSelection) {
    // A selected chart or shape is no range: then this sync fails and we look again without it.
    const selection = context.workbook.getSelectedRange();
    tables = selection.getTables(false);
    tables.load('items/name');
    region = selection.getSurroundingRegion();
    region.load(RECT_PROPERTIES);
  }
  await context.sync();
  return {
    sheet,
    locations,
    tableName: tables && tables.items.length > 0 ? tables.items[0].name : null,
    region: region ? rectOf(region) : null,
    used: used.isNullObject ? null : rectOf(used),
  };
}

/** The candidate without the columns we wrote: they start right of the user's data. */
function leaveOut(candidate: Rect, ours: readonly Rect[]): Rect {
  let columns = candidate.columns;
  for (const block of ours) {
    if (intersects(block, candidate) && block.column > candidate.column) columns = Math.min(columns, block.column - candidate.column);
  }
  return columns === candidate.columns ? candidate : rect(candidate.row, candidate.column, candidate.rows, columns);
}

/** Queues the merged-cells look-up on a header row; the returned check throws ScanProblem 'merged-header'. */
export function queueMergedHeaderCheck(sheet: Excel.Worksheet, target: Rect): () => void {
  const areas = sheet.getRangeByIndexes(target.row, target.column, 1, target.columns).getMergedAreasOrNullObject();
  areas.load('address');
  return () => {
    if (!areas.isNullObject) throw new ScanProblem('merged-header', areas.address);
  };
}

