/**
 * Column mapping: the aliases of rules.md §8 map the header row, and the user's changes are saved
 * per sheet in the workbook. A change is remembered by the header's text (and its position, to
 * tell two equal headers apart), so it survives columns being moved.
 */
import { normalizeKey, showValue, FIELDS, type CellValue, type ColumnMap, type Field } from '../rules';
import type { SettingsStore } from './settings';

const MAPPING_KEY = 'subscriptionGuard.excel.mappings';

/** The user's choice for one field: the header it is mapped to, or null for "not mapped". */
export type MappingChoice = { readonly header: string; readonly index: number } | null;

/** The user's changes for one sheet, by field. */
export type MappingChanges = Partial<Record<Field, MappingChoice>>;

type SavedMappings = Record<string, MappingChanges>;

export function savedChanges(store: SettingsStore, sheetId: string): MappingChanges {
  const all = store.get(MAPPING_KEY) as SavedMappings | undefined;
  return (all && typeof all === 'object' && all[sheetId]) || {};
}

/**
 * The automatic mapping with the user's changes applied. A change whose header is no longer
 * there is ignored, and the automatic mapping of that field stands.
 * @example applyChanges({ renewalDate: 2 }, ['ID', 'Start', 'Renewal'], { renewalDate: { header: 'start', index: 1 } }) //=> { renewalDate: 1 }
 */
export function applyChanges(auto: ColumnMap, headers: readonly CellValue[], changes: MappingChanges): ColumnMap {
  const columns: ColumnMap = { ...auto };
  for (const field of FIELDS) {
    if (!(field in changes)) continue;
    const choice = changes[field];
    if (choice === null || choice === undefined) {
      delete columns[field];
      continue;
    }
    const keys = headers.map(headerKey);
    const index = keys[choice.index] === choice.header ? choice.index : keys.indexOf(choice.header);
    if (index >= 0) columns[field] = index;
  }
  return columns;
}

/** Records that `field` now reads the column at `column` of `headers` (null: no column) and saves. */
export async function saveChange(store: SettingsStore, sheetId: string, headers: readonly CellValue[], field: Field, column: number | null): Promise<void> {
  if (column !== null && (!Number.isInteger(column) || column < 0 || column >= headers.length)) {
    throw new RangeError(`column ${column} is not one of the ${headers.length} header columns`);
  }
  const all = { ...((store.get(MAPPING_KEY) as SavedMappings | undefined) ?? {}) };
  const choice: MappingChoice = column === null ? null : { header: headerKey(headers[column]), index: column };
  all[sheetId] = { ...(all[sheetId] ?? {}), [field]: choice };
  store.set(MAPPING_KEY, all);
  await store.save();
}

function headerKey(header: CellValue): string {
  return normalizeKey(showValue(header));
}
