/**
 * What a scan wrote, remembered in the workbook so that the next scan updates the same columns
 * and Clear removes exactly them. Two parts:
 * - a hidden workbook name on the block of cells we wrote, so the location follows the user's
 *   inserted or deleted rows and columns the way every Excel reference does;
 * - a JSON record in the document settings with what the name cannot hold: which columns are
 *   which, where the block was written, the number formats we replaced, and what our highlights
 *   were made from (they are found again by that, never by id: highlight.ts).
 * The name is on Excel's undo stack and the record is not: a Ctrl+Z can take our name away and
 * leave the record, so every reader falls back to the recorded block (queueLocations) and then
 * takes as ours only what we would have written there (placement.ts ownsCell).
 */
import type { Locale } from '../rules';
import { parseReference, rect, type Rect } from './geometry';
import type { ColumnKind } from './labels';
import type { SettingsStore } from './settings';

const BOOKKEEPING_KEY = 'subscriptionGuard.excel.annotations';

/** What the conditional formats of one annotation were made from; equal specs need no new formats. */
export interface HighlightSpec {
  /** Data rows × the columns coloured. */
  readonly range: Rect;
  /** Sheet column of the Status column the formulas read. */
  readonly statusColumn: number;
  readonly locale: Locale;
}

export interface Annotation {
  /** The hidden workbook name whose reference is the block we wrote. */
  readonly name: string;
  readonly sheetId: string;
  /**
   * The block as written: header row and data rows × our columns. Where our cells are when the
   * name is gone (a pane closed mid-write, or the user's Ctrl+Z took the name back).
   */
  readonly block: Rect;
  readonly kinds: readonly ColumnKind[];
  /**
   * How many columns right of the table's last column the block starts. Columns inserted inside
   * the table move both alike; a block no longer at this distance is not taken for this table's.
   */
  readonly offset: number;
  /**
   * Per block column: the number format our date format replaced in its data rows (Clear puts it
   * back), or null where we left the format alone.
   */
  readonly formats: readonly (string | null)[];
  /** What our conditional formats were made from, as written (set before they exist, so a cut-off scan's formats are found too). */
  readonly highlight: HighlightSpec | null;
  /**
   * Ids of the conditional formats, as earlier versions recorded them. Never read: an id is the
   * format's priority and shifts when formats are added or removed (Excel.ConditionalFormat.id).
   */
  readonly conditionalFormats?: readonly string[];
  /**
   * Set while a scan writes, before its name and formats exist: if the pane dies mid-write, Clear
   * still finds the cells (they were empty or ours before, so clearing them is exact).
   */
  readonly pending?: true;
  /**
   * Set on what an earlier scan of the same table wrote, kept for one more scan: undoing the
   * later scan (Ctrl+Z) can bring these cells, formats or name back, and then Clear and the next
   * scan must still find them. The next scan drops it once nothing of it is left.
   */
  readonly superseded?: true;
}

export interface Bookkeeping {
  /** The number of the next name, so names never repeat in one workbook. */
  readonly next: number;
  readonly annotations: readonly Annotation[];
}

const EMPTY: Bookkeeping = { next: 1, annotations: [] };

export function readBookkeeping(store: SettingsStore): Bookkeeping {
  const value = store.get(BOOKKEEPING_KEY) as Partial<Bookkeeping> | undefined;
  if (!value || typeof value !== 'object' || !Array.isArray(value.annotations) || typeof value.next !== 'number') return EMPTY;
  return { next: value.next, annotations: value.annotations.filter(isAnnotation) };
}

/** Saves the record; an empty one removes the key, so a cleared workbook holds no trace of us. */
export async function writeBookkeeping(store: SettingsStore, book: Bookkeeping): Promise<void> {
  if (book.annotations.length === 0) store.remove(BOOKKEEPING_KEY);
  else store.set(BOOKKEEPING_KEY, book);
  await store.save();
}

/**
 * Queues the load of the workbook's names; the returned function gives the first name of ours
 * from `book.next` on that the workbook does not use yet (a user's name is never taken over).
 */
export function queueFreeName(context: Excel.RequestContext, book: Bookkeeping): () => { name: string; next: number } {
  const names = context.workbook.names;
  names.load('items/name');
  return () => {
    const taken = new Set(names.items.map((item) => item.name.toLowerCase()));
    let n = book.next;
    while (taken.has(`subscriptionguard_${n}`)) n++;
    return { name: `SubscriptionGuard_${n}`, next: n + 1 };
  };
}

function isAnnotation(value: unknown): value is Annotation {
  const a = value as Annotation;
  return (
    typeof a === 'object' && a !== null && typeof a.name === 'string' && typeof a.sheetId === 'string' &&
    typeof a.block === 'object' && a.block !== null && Array.isArray(a.kinds) && Array.isArray(a.formats)
  );
}

/** Where an annotation is now, or null when its cells are gone (the user deleted them or their sheet). */
export interface Located {
  readonly annotation: Annotation;
  readonly sheetName: string | null;
  readonly rect: Rect | null;
  /** Our name exists. Without it `rect` is the recorded block, and only what we write there is taken for ours. */
  readonly named: boolean;
  /** Whether the name is visible (a Ctrl+Z can take back the sync that hid it); null without a name. */
  readonly visible: boolean | null;
}

/**
 * Queues the look-ups that find each annotation's cells; the returned function reads them after
 * the caller's `context.sync()`. The name's reference wins; without the name (never added, or
 * taken back by a Ctrl+Z) the block the record wrote down stands in, on the recorded sheet.
 */
export function queueLocations(context: Excel.RequestContext, annotations: readonly Annotation[]): () => Located[] {
  const lookups = annotations.map((annotation) => {
    const name = context.workbook.names.getItemOrNullObject(annotation.name);
    name.load('formula,visible');
    const sheet = context.workbook.worksheets.getItemOrNullObject(annotation.sheetId);
    sheet.load('name');
    return { annotation, name, sheet };
  });
  return () =>
    lookups.map(({ annotation, name, sheet }) => {
      const sheetName = sheet.isNullObject ? null : sheet.name;
      if (!name.isNullObject) {
        const reference = parseReference(name.formula);
        const where = reference && reference.sheet !== null ? { sheetName: reference.sheet, rect: reference.rect } : { sheetName, rect: null };
        return { annotation, ...where, named: true, visible: name.visible };
      }
      const b = annotation.block;
      return { annotation, sheetName, rect: sheetName === null ? null : rect(b.row, b.column, b.rows, b.columns), named: false, visible: null };
    });
}
