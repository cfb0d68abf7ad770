/**
 * Row highlights: one custom conditional format per status, over the data rows, with a formula
 * that reads the Status column (`=$K2="Suspended"`). Excel evaluates it per row, so the number of
 * commands is the same for ten rows and a million. The status is always also written as text.
 *
 * Our formats are found again by what they are, never by id: `ConditionalFormat.id` is "the
 * priority of the conditional format in the current ConditionalFormatCollection"
 * (learn.microsoft.com Excel.ConditionalFormat.id) and a new format goes to the top priority
 * (ConditionalFormatCollection.add), so every format anyone adds or removes shifts the ids, and
 * an object from a loaded collection stands for a priority, not a format (Excel.ConditionalFormat.priority:
 * "re-fetch a new copy of the object at that new priority location"). A format is ours when it is
 * Custom, has one of our formulas for our Status column and first data row, our fill and font
 * colours for that status, and covers exactly our data rows up to our block's right edge. A
 * user's format, even one with our formula, differs in one of these and is never deleted.
 */
import { statusLabel, type StatusCode } from '../rules';
import { columnLetters, needsAttention, STATUS_LOOKS, STATUS_ORDER } from '../scan';
import { bottom, rect, rectOf, right, RECT_PROPERTIES, sameRect, type Rect } from './geometry';
import type { Annotation, HighlightSpec } from './record';

/**
 * The statuses that colour a row in the user's own sheet: those that need a look (src/scan
 * `needsAttention`), in the colours of src/scan/presentation.ts. Active and not-covered rows keep
 * the user's own formatting.
 */
export const HIGHLIGHTS: ReadonlyArray<{ readonly status: StatusCode; readonly fill: string; readonly font: string }> = STATUS_ORDER.filter((status) => needsAttention({ status })).map(
  (status) => ({ status, fill: STATUS_LOOKS[status].fill, font: STATUS_LOOKS[status].text }),
);

/**
 * The formula of one status's format, relative to the top-left cell of the range.
 * @example statusFormula({ range: { row: 1, column: 0, rows: 40, columns: 11 }, statusColumn: 10, locale: 'en' }, 'suspended') //=> '=$K2="Suspended"'
 */
export function statusFormula(spec: HighlightSpec, status: StatusCode): string {
  const label = statusLabel(status, spec.locale).replace(/"/g, '""');
  return `=$${columnLetters(spec.statusColumn)}${spec.range.row + 1}="${label}"`;
}

export function sameHighlight(a: HighlightSpec | null, b: HighlightSpec | null): boolean {
  if (a === null || b === null) return a === b;
  return a.statusColumn === b.statusColumn && a.locale === b.locale && sameRect(a.range, b.range);
}

/**
 * The highlight an annotation wrote, where its block `now` is: Excel moves a format's range and
 * formula with inserted rows and columns as it moves our name, so the rows, the Status column and
 * the right edge follow the block. The left edge stays where it was unless `leftColumn` (the
 * table's first column) is given; finding our formats does not look at it.
 */
export function highlightNow(annotation: Annotation, now: Rect, leftColumn?: number): HighlightSpec | null {
  const spec = annotation.highlight;
  if (!spec || now.rows < 2) return null;
  const edge = right(now) + right(spec.range) - right(annotation.block);
  const left = Math.min(edge, leftColumn ?? spec.range.column + now.column - annotation.block.column);
  return { ...spec, statusColumn: now.column, range: rect(now.row + 1, Math.max(0, left), now.rows - 1, edge - Math.max(0, left) + 1) };
}

/** Queues the formats (a fixed number of commands); they are found again later by what they are. */
export function queueHighlights(sheet: Excel.Worksheet, spec: HighlightSpec): void {
  const range = sheet.getRangeByIndexes(spec.range.row, spec.range.column, spec.range.rows, spec.range.columns);
  for (const { status, fill, font } of HIGHLIGHTS) {
    const format = range.conditionalFormats.add('Custom');
    format.custom.rule.formula = statusFormula(spec, status);
    format.custom.format.fill.color = fill;
    format.custom.format.font.color = font;
  }
}

/** One Custom conditional format of a sheet as loaded: what it is, and the object at its priority. */
export interface ListedFormat {
  readonly item: Excel.ConditionalFormat;
  readonly priority: number;
  readonly formula: string;
  readonly fill: string;
  readonly font: string;
}

/** Queues the load of the sheet's Custom formats (one command); read them after the caller's sync. */
export function queueFormatList(sheet: Excel.Worksheet): () => ListedFormat[] {
  const formats = sheet.getRange().conditionalFormats;
  formats.load([
    'items/type',
    'items/priority',
    'items/customOrNullObject/rule/formula',
    'items/customOrNullObject/format/fill/color',
    'items/customOrNullObject/format/font/color',
  ]);
  return () =>
    formats.items.flatMap((item) => {
      if (item.type !== 'Custom' || item.customOrNullObject.isNullObject) return [];
      const custom = item.customOrNullObject;
      return [{ item, priority: item.priority, formula: custom.rule.formula, fill: custom.format.fill.color, font: custom.format.font.color }];
    });
}

const sameColour = (a: string | null | undefined, b: string) => typeof a === 'string' && a.toUpperCase() === b.toUpperCase();

/**
 * Queues the range look-ups that confirm which listed formats are ours for each spec; they go
 * with the caller's next sync. The returned function gives, per spec, our formats found; it
 * syncs once more itself only when that sync did not carry the look-ups (a block read again in
 * halves after a payload error drops its batch).
 */
export function queueFind(listed: readonly ListedFormat[], specs: ReadonlyArray<HighlightSpec | null>): (context: Excel.RequestContext) => Promise<ListedFormat[][]> {
  const candidates = specs.map((spec) => {
    if (!spec) return [];
    const wanted = HIGHLIGHTS.map((h) => ({ formula: statusFormula(spec, h.status), fill: h.fill, font: h.font }));
    return listed.filter((f) => wanted.some((w) => f.formula === w.formula && sameColour(f.fill, w.fill) && sameColour(f.font, w.font)));
  });
  const unique = [...new Set(candidates.flat())];
  const queue = () => new Map(unique.map((f) => {
    const range = f.item.getRangeOrNullObject();
    range.load(RECT_PROPERTIES);
    return [f, range] as const;
  }));
  let ranges = queue();
  const confirm = () =>
    candidates.map((found, i) => {
      const spec = specs[i] as HighlightSpec;
      return found.filter((f) => {
        const range = ranges.get(f) as Excel.Range;
        if (range.isNullObject) return false; // on several ranges: not one we made
        const r = rectOf(range);
        return r.row === spec.range.row && bottom(r) === bottom(spec.range) && right(r) === right(spec.range) && r.column <= spec.statusColumn;
      });
    });
  return async (context) => {
    try {
      return confirm();
    } catch {
      ranges = queue();
      await context.sync();
      return confirm();
    }
  };
}

/**
 * Queues the deletion of formats found in this batch's view of the sheet, highest priority
 * number first: deleting a format moves up only those below it, so the others keep their place.
 * Nothing may add or delete a format on the sheet between the load and this batch.
 */
export function queueRemoveHighlights(formats: readonly ListedFormat[]): void {
  const byPriority = new Map(formats.map((f) => [f.priority, f]));
  for (const f of [...byPriority.values()].sort((a, b) => b.priority - a.priority)) f.item.delete();
}
