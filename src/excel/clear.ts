/**
 * Clear: removes exactly what scans added (the values of our columns, the date formats we
 * applied, our conditional formats and hidden names, and the record) and nothing else. Our
 * cells were empty before the first scan (we never write into a non-empty cell), so clearing
 * their contents puts back what was there; their number formats go back to the ones recorded.
 */
import { ScanProblem } from '../scan';
import { bottom, rect, type Rect } from './geometry';
import { queueExistingHighlights, queueRemoveHighlights } from './highlight';
import { BLOCK_LIMITS, rowsPerBlock, type BlockLimits } from './read';
import { queueLocations, readBookkeeping, writeBookkeeping } from './record';
import type { ExcelRun } from './host';
import type { SettingsStore } from './settings';

export async function clearAnnotations(run: ExcelRun, store: SettingsStore, limits: BlockLimits = BLOCK_LIMITS): Promise<void> {
  const book = readBookkeeping(store);
  if (book.annotations.length === 0) return;
  await run(async (context) => {
    const readLocations = queueLocations(context, book.annotations);
    const names = book.annotations.map((a) => {
      const item = context.workbook.names.getItemOrNullObject(a.name);
      item.load('name');
      return item;
    });
    await context.sync();
    const located = readLocations();

    const sheets = new Map<string, { sheet: Excel.Worksheet; highlights: () => Set<string> }>();
    for (const { sheetName } of located) {
      if (sheetName === null || sheets.has(sheetName)) continue;
      const sheet = context.workbook.worksheets.getItem(sheetName);
      sheet.protection.load('protected');
      sheets.set(sheetName, { sheet, highlights: queueExistingHighlights(sheet) });
    }
    await context.sync();
    for (const [name, { sheet }] of sheets) if (sheet.protection.protected) throw new ScanProblem('protected-sheet', name);

    const formatBlocks: Array<{ sheet: Excel.Worksheet; area: Rect; format: string }> = [];
    located.forEach(({ annotation, sheetName, rect: cells }) => {
      if (sheetName === null) return;
      const { sheet, highlights } = sheets.get(sheetName)!;
      queueRemoveHighlights(sheet, annotation.conditionalFormats, highlights());
      if (cells === null) return;
      sheet.getRangeByIndexes(cells.row, cells.column, cells.rows, cells.columns).clear('Contents');
      if (cells.rows < 2) return;
      annotation.formats.forEach((format, c) => {
        if (format !== null && c < cells.columns) formatBlocks.push({ sheet, area: rect(cells.row + 1, cells.column + c, cells.rows - 1, 1), format });
      });
    });
    await context.sync();

    // Number formats can only be set cell by cell (a 2-D array), so they go in blocks.
    for (const { sheet, area, format } of formatBlocks) {
      const step = rowsPerBlock(1, 0, limits);
      for (let top = area.row; top <= bottom(area); top += step) {
        const count = Math.min(step, bottom(area) - top + 1);
        sheet.getRangeByIndexes(top, area.column, count, 1).numberFormat = Array.from({ length: count }, () => [format]);
        await context.sync();
      }
    }

    // The names go last: if a sync above fails, they and the record still say where our cells
    // are, and the next Clear finishes the job. A name listed twice (a scan cut off while it
    // reused its old name) is deleted once.
    const deleted = new Set<string>();
    located.forEach(({ annotation }, index) => {
      if (names[index].isNullObject || deleted.has(annotation.name)) return;
      deleted.add(annotation.name);
      names[index].delete();
    });
    await context.sync();
  });
  await writeBookkeeping(store, { next: 1, annotations: [] });
}
