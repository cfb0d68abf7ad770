/**
 * Row highlights: one custom conditional format per status, over the data rows, with a formula
 * that reads the Status column (`=$K2="Suspended"`). Excel evaluates it per row, so the number of
 * commands is the same for ten rows and a million. The status is always also written as text.
 */
import { statusLabel, type StatusCode } from '../rules';
import { columnLetters } from '../scan';
import { sameRect, type Rect } from './geometry';
import type { HighlightSpec } from './record';

/** The statuses that colour a row, with Fluent 2's light status colours and a readable text colour. */
export const HIGHLIGHTS: ReadonlyArray<{ readonly status: StatusCode; readonly fill: string; readonly font: string }> = [
  { status: 'due-soon', fill: '#FFF4CE', font: '#5C4300' },
  { status: 'expired', fill: '#FDE7D9', font: '#8A3707' },
  { status: 'suspended', fill: '#FDE7E9', font: '#A4262C' },
  { status: 'canceled', fill: '#E1DFDD', font: '#323130' },
  { status: 'invalid', fill: '#F1DFF7', font: '#5C2E91' },
];

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
 * Queues the formats (a fixed number of commands) and returns a reader for their ids, valid
 * after the caller's `context.sync()`.
 */
export function queueHighlights(sheet: Excel.Worksheet, spec: HighlightSpec): () => string[] {
  const range = sheet.getRangeByIndexes(spec.range.row, spec.range.column, spec.range.rows, spec.range.columns);
  const added = HIGHLIGHTS.map(({ status, fill, font }) => {
    const format = range.conditionalFormats.add('Custom');
    format.custom.rule.formula = statusFormula(spec, status);
    format.custom.format.fill.color = fill;
    format.custom.format.font.color = font;
    format.load('id');
    return format;
  });
  return () => added.map((format) => format.id);
}

/** Queues the deletion of those of `ids` that still exist on the sheet (`existing`, loaded before). */
export function queueRemoveHighlights(sheet: Excel.Worksheet, ids: readonly string[], existing: ReadonlySet<string>): void {
  const formats = sheet.getRange().conditionalFormats;
  for (const id of ids) if (existing.has(id)) formats.getItem(id).delete();
}

/** Queues the load of the ids of every conditional format on the sheet; read them after sync. */
export function queueExistingHighlights(sheet: Excel.Worksheet): () => Set<string> {
  const formats = sheet.getRange().conditionalFormats;
  formats.load('items/id');
  return () => new Set(formats.items.map((format) => format.id));
}
