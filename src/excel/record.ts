/**
 * What a scan wrote, remembered in the workbook so that the next scan updates the same columns
 * and Clear removes exactly them. Two parts:
 * - a hidden workbook name on the block of cells we wrote, so the location follows the user's
 *   inserted or deleted rows and columns the way every Excel reference does;
 * - a JSON record in the document settings with what the name cannot hold: which columns are
 *   which, the number formats we replaced, and the ids of our conditional formats.
 */
import type { Locale } from '../rules';
import { parseReference, rect, type Rect } from './geometry';
import type { ColumnKind } from './labels';
import type { SettingsStore } from './settings';

export const BOOKKEEPING_KEY = 'subscriptionGuard.excel.annotations';

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
  /** The block as written: header row and data rows × our columns. Used only while `pending`. */
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
  readonly highlight: HighlightSpec | null;
  /** Ids of our conditional formats. */
  readonly conditionalFormats: readonly string[];
  /**
   * Set while a scan writes, before its name and formats exist: if the pane dies mid-write, Clear
   * still finds the cells (they were empty or ours before, so clearing them is exact).
   */
  readonly pending?: true;
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
    typeof a.block === 'object' && Array.isArray(a.kinds) && Array.isArray(a.formats) && Array.isArray(a.conditionalFormats)
  );
}

/** Where an annotation is now, or null when its cells are gone (the user deleted them). */
export interface Located {
  readonly annotation: Annotation;
  readonly sheetName: string | null;
  readonly rect: Rect | null;
}

/**
 * Queues the look-ups that find each annotation's cells; the returned function reads them after
 * the caller's `context.sync()`. The name's reference wins; a pending annotation (no name yet)
 * falls back to the block it recorded.
 */
export function queueLocations(context: Excel.RequestContext, annotations: readonly Annotation[]): () => Located[] {
  const lookups = annotations.map((annotation) => {
    const name = context.workbook.names.getItemOrNullObject(annotation.name);
    name.load('formula');
    const sheet = context.workbook.worksheets.getItemOrNullObject(annotation.sheetId);
    sheet.load('name');
    return { annotation, name, sheet };
  });
  return () =>
    lookups.map(({ annotation, name, sheet }) => {
      const sheetName = sheet.isNullObject ? null : sheet.name;
      if (!name.isNullObject) {
        const reference = parseReference(name.formula);
        return reference && reference.sheet !== null
          ? { annotation, sheetName: reference.sheet, rect: reference.rect }
          : { annotation, sheetName, rect: null };
      }
      if (annotation.pending && sheetName !== null) {
        const b = annotation.block;
        return { annotation, sheetName, rect: rect(b.row, b.column, b.rows, b.columns) };
      }
      return { annotation, sheetName, rect: null };
    });
}
