/** Putting the sheet back after a scan failed or was canceled while writing. */
import { queueExistingHighlights, queueHighlights, queueRemoveHighlights } from './highlight';
import type { Ours } from './placement';
import { writeBookkeeping, type Bookkeeping } from './record';
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
  /** The columns an earlier scan of this table wrote, or null. */
  readonly old: Ours | null;
  /** The name of the block being written, and whether it is the old one kept. */
  readonly name: string;
  readonly keepName: boolean;
  /** Ids of the conditional formats on the sheet before the scan. */
  readonly highlightsBefore: ReadonlySet<string>;
  /** The last sync (highlights and name) may have run, at least in part. */
  finalStarted: boolean;
}

/**
 * Puts back what the scan changed: cell contents and formats, conditional formats, the name, and
 * the record. Runs on the same context; each step only undoes what it finds done.
 */
export async function rollBack(state: WriteState): Promise<void> {
  const { context, sheet, store, book, patches, old, name, keepName, highlightsBefore, finalStarted } = state;
  await applyPatches(context, sheet, patches, 'before');
  let restored = book;
  if (finalStarted) {
    const now = queueExistingHighlights(sheet);
    const newName = keepName ? null : context.workbook.names.getItemOrNullObject(name);
    newName?.load('name');
    const oldName = old?.named && !keepName ? context.workbook.names.getItemOrNullObject(old.annotation.name) : null;
    oldName?.load('name');
    await context.sync();
    const existing = now();
    const added = [...existing].filter((id) => !highlightsBefore.has(id));
    queueRemoveHighlights(sheet, added, existing);
    let readIds: (() => string[]) | null = null;
    if (old && old.annotation.highlight && old.annotation.conditionalFormats.some((id) => highlightsBefore.has(id) && !existing.has(id))) {
      queueRemoveHighlights(sheet, old.annotation.conditionalFormats, existing);
      readIds = queueHighlights(sheet, old.annotation.highlight);
    }
    if (newName && !newName.isNullObject) newName.delete();
    let readded: Excel.NamedItem | null = null;
    if (oldName && oldName.isNullObject && old) {
      const r = old.rect;
      readded = context.workbook.names.add(old.annotation.name, sheet.getRangeByIndexes(r.row, r.column, r.rows, r.columns));
    }
    await context.sync();
    if (readded) {
      // Hidden only after the sync that added it (office-js #3878; scan-run.ts commit).
      readded.visible = false;
      await context.sync();
    }
    if (readIds && old) {
      const ids = readIds();
      restored = { ...book, annotations: book.annotations.map((a) => (a === old.annotation ? { ...a, conditionalFormats: ids } : a)) };
    }
  }
  await writeBookkeeping(store, restored);
}
