/**
 * Clear: removes exactly what scans added (the values of our columns, the date formats we
 * applied, our conditional formats and hidden names, and the record) and nothing else. Our
 * cells were empty before the first scan (we never write into a non-empty cell), so emptying
 * them puts back what was there; their number formats go back to the ones recorded.
 *
 * Every annotation in the record is looked for, the superseded ones too, by its name or, when a
 * Ctrl+Z took the name back, by its recorded block (record.ts). A block's cells are read first:
 * a formula is the user's, and without our name only what we write is taken for ours
 * (placement.ts ownsCell). Our formats are found by what they are, not by id (highlight.ts).
 */
import { DATE_NUMBER_FORMAT } from '../rules';
import { ScanProblem } from '../scan';
import { bottom, type Rect } from './geometry';
import { highlightNow, queueFind, queueFormatList, queueRemoveHighlights, type ListedFormat } from './highlight';
import { ownsCell, type Version } from './placement';
import { BLOCK_LIMITS, readBlocks, type BlockLimits } from './read';
import { queueLocations, readBookkeeping, writeBookkeeping } from './record';
import type { ExcelRun } from './host';
import type { SettingsStore } from './settings';
import { applyPatches, CellGrid, sheetSource, type Patch } from './write';

export async function clearAnnotations(run: ExcelRun, store: SettingsStore, limits: BlockLimits = BLOCK_LIMITS): Promise<void> {
  const book = readBookkeeping(store);
  if (book.annotations.length === 0) return;
  await run(async (context) => {
    const readLocations = queueLocations(context, book.annotations);
    await context.sync();
    const located = readLocations();

    const sheets = new Map<string, { sheet: Excel.Worksheet; list: () => ListedFormat[] }>();
    for (const { sheetName } of located) {
      if (sheetName === null || sheets.has(sheetName)) continue;
      const sheet = context.workbook.worksheets.getItem(sheetName);
      sheet.protection.load('protected');
      sheets.set(sheetName, { sheet, list: queueFormatList(sheet) });
    }
    await context.sync();
    for (const [name, { sheet }] of sheets) if (sheet.protection.protected) throw new ScanProblem('protected-sheet', name);

    const versions = located.filter((l): l is Version => l.sheetName !== null && l.rect !== null);
    const finds = new Map([...sheets].map(([sheetName, { list }]) => {
      const mine = versions.filter((v) => v.sheetName === sheetName);
      return [sheetName, queueFind(list(), mine.map((v) => highlightNow(v.annotation, v.rect)))] as const;
    }));

    // Read each block (formulas and formats) before touching it; the format look-ups go along.
    let writes = 0;
    for (const version of versions) {
      const { sheet } = sheets.get(version.sheetName as string)!;
      const grid = new CellGrid(version.rect);
      await readBlocks(context, sheet, [{ rect: version.rect, formulas: true, formats: true }], (b) => grid.put(b.row, b.parts[0].values, b.parts[0].formats), { limits });
      writes += await applyPatches(context, sheet, [clearPatch(version, grid)], 'after', { limits });
    }

    const formats = new Map<Excel.Worksheet, ListedFormat[]>();
    for (const [sheetName, find] of finds) formats.set(sheets.get(sheetName)!.sheet, (await find(context)).flat());
    for (const found of formats.values()) queueRemoveHighlights(found);
    // The names go last: if a sync above fails, they and the record still say where our cells
    // are, and the next Clear finishes the job. A name listed twice is deleted once.
    for (const name of new Set(located.filter((l) => l.named).map((l) => l.annotation.name.toLowerCase()))) {
      context.workbook.names.getItem(name).delete();
    }
    // Calculation was suspended for each write (write.ts): one recalculation brings the user's formulas up to date.
    if (writes > 0) context.workbook.application.calculate('Recalculate');
    await context.sync();
  });
  await writeBookkeeping(store, { next: 1, annotations: [] });
}

/** Empties our cells of one block and gives its date cells back the format we replaced; the user's cells are left as they are. */
function clearPatch(version: Version, grid: CellGrid): Patch {
  const { rect: area, annotation } = version;
  const owns = ownsCell(version, grid);
  const replaced = (row: number, column: number): string | null => {
    if (row <= area.row || !owns(row, column) || grid.format(row, column) !== DATE_NUMBER_FORMAT) return null;
    return annotation.formats[column - area.column] ?? null;
  };
  return {
    rect: area,
    before: grid.view(area),
    after: sheetSource(area, (row, column) => (owns(row, column) ? '' : null), replaced),
    formatColumns: formatColumnsOf(area, annotation.formats),
  };
}

function formatColumnsOf(area: Rect, formats: readonly (string | null)[]): number[] {
  const columns: number[] = [];
  for (let c = 0; c < area.columns && c < formats.length; c++) if (formats[c] !== null && bottom(area) > area.row) columns.push(c);
  return columns;
}
