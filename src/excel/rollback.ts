/** Putting the sheet back after a scan failed or was canceled while writing. */
import { highlightNow, queueFind, queueFormatList, queueHighlights, queueRemoveHighlights, type ListedFormat } from './highlight';
import type { Version } from './placement';
import { writeBookkeeping, type Bookkeeping, type HighlightSpec } from './record';
import type { Rect } from './geometry';
import type { SettingsStore } from './settings';
import { applyPatches, type Patch } from './write';

/** What a scan's commit has under way: everything a rollback needs to put the sheet back. */
export interface WriteState {
  readonly context: Excel.RequestContext;
  readonly sheet: Excel.Worksheet;
  readonly store: SettingsStore;
  /** The record as it was before the scan. */
  readonly book: Bookkeeping;
  readonly patches: readonly Patch[];
  /** What earlier scans of this table wrote, and per version the formats of ours found before the scan. */
  readonly versions: readonly Version[];
  readonly found: ReadonlyArray<readonly ListedFormat[]>;
  /** The new highlight and block, and whether the scan adds the highlight's formats. */
  readonly spec: HighlightSpec | null;
  readonly block: Rect;
  readonly addedHighlights: boolean;
  /** The name of the block being written, and whether it is the old one kept. */
  readonly name: string;
  readonly keepName: boolean;
  /** The earlier versions' names the scan deletes. */
  readonly deletedNames: readonly string[];
  /** The table's first column: where a put-back highlight starts. */
  readonly tableColumn: number;
  /** The last sync (highlights and name) may have run, at least in part. */
  finalStarted: boolean;
}

/**
 * Puts back what the scan changed: cell contents and formats, conditional formats, the names, and
 * the record. Runs on the same context; each step only undoes what it finds done, and finds our
 * formats again by what they are (highlight.ts), never by an id from before.
 */
export async function rollBack(state: WriteState): Promise<void> {
  const { context, sheet, store, book, patches, versions, found, spec, addedHighlights, name, keepName, deletedNames, tableColumn, finalStarted } = state;
  await applyPatches(context, sheet, patches, 'before');
  if (finalStarted) {
    const list = queueFormatList(sheet);
    const newName = keepName ? null : context.workbook.names.getItemOrNullObject(name);
    newName?.load('name');
    const gone = deletedNames.map((old) => {
      const item = context.workbook.names.getItemOrNullObject(old);
      item.load('name');
      return item;
    });
    await context.sync();
    const olds = versions.map((v) => highlightNow(v.annotation, v.rect, tableColumn));
    const find = queueFind(list(), [addedHighlights ? spec : null, ...olds]);
    await context.sync();
    const [ours, ...now] = await find(context);
    // Ours go, and a version whose formats the scan deleted gets them back, once each.
    const remove: ListedFormat[] = [...ours];
    const readd: HighlightSpec[] = [];
    versions.forEach((_, i) => {
      const wanted = olds[i];
      if (!wanted || found[i].length === 0 || now[i].length >= found[i].length) return;
      if (readd.some((r) => JSON.stringify(r) === JSON.stringify(wanted))) return;
      remove.push(...now[i]);
      readd.push(wanted);
    });
    queueRemoveHighlights(remove);
    for (const r of readd) queueHighlights(sheet, r);
    if (newName && !newName.isNullObject) newName.delete();
    const readded = deletedNames.flatMap((old, i) => {
      const version = versions.find((v) => v.annotation.name === old);
      if (!gone[i].isNullObject || !version) return [];
      const r = version.rect;
      return [context.workbook.names.add(old, sheet.getRangeByIndexes(r.row, r.column, r.rows, r.columns))];
    });
    await context.sync();
    if (readded.length > 0) {
      // Hidden only after the sync that added them (office-js #3878; scan-run.ts commit).
      for (const item of readded) item.visible = false;
      await context.sync();
    }
  }
  await writeBookkeeping(store, book);
}
