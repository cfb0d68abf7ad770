/**
 * One cell as Excel hands it to an `any` argument, reduced to what the rules read: a string, a
 * number (a date cell is its serial), a boolean, or blank (null).
 *
 * Two host facts shape this:
 * - The metadata enables data types (`allowCustomDataForDataTypeAny`, which the generator always
 *   writes), so a cell holding a formatted number, such as a date that another SUBS function
 *   returned, arrives as `{ type: "Double" | "FormattedNumber", basicValue }`. Its basic value is the
 *   cell's value.
 * - Excel on Windows passes an empty cell as 0, Excel on the web as null (OfficeDev/office-js#4702).
 *   Argument kinds for which 0 is never a real value read 0 as blank (see args.ts).
 */

export type Cell = string | number | boolean | null;

/** A cell the functions cannot read (an entity, an image, an error value), named by its type. */
export interface Unreadable {
  readonly unreadable: string;
  /** For an error cell (#N/A, #VALUE!, …): its error text, which that row's answer passes on. */
  readonly error?: string;
}

const BASIC_TYPES = new Set(['Double', 'FormattedNumber', 'String', 'Boolean']);

/**
 * The value of one cell.
 * @example readCell({ type: 'FormattedNumber', basicValue: 45688, numberFormat: 'yyyy-mm-dd' }) //=> 45688
 * @example readCell({ type: 'Entity', text: 'Revit' }) //=> { unreadable: 'Entity' }
 */
export function readCell(raw: unknown): Cell | Unreadable {
  if (raw === null || raw === undefined) return null;
  const type = typeof raw;
  if (type === 'string' || type === 'boolean') return raw as string | boolean;
  if (type === 'number') return Number.isFinite(raw) ? (raw as number) : { unreadable: String(raw) };
  if (type === 'object') {
    const value = raw as { type?: unknown; basicValue?: unknown; code?: unknown };
    if (value.type === 'Empty') return null;
    // An error cell: with allowErrorForDataTypeAny (metadata.ts) Excel passes it as an error value,
    // `{ type: "Error", basicValue: "#N/A", … }` (Excel.ErrorCellValue; custom-functions-data-types-concepts),
    // or as a CustomFunctions.Error (its `code`).
    if (value.type === 'Error') return { unreadable: 'Error', error: errorText(value.basicValue ?? value.code) };
    if (typeof value.type === 'string' && BASIC_TYPES.has(value.type)) return readCell(value.basicValue);
    return { unreadable: typeof value.type === 'string' ? value.type : Array.isArray(raw) ? 'Array' : 'Object' };
  }
  return { unreadable: type };
}

function errorText(code: unknown): string {
  return typeof code === 'string' && code.startsWith('#') ? code : '#VALUE!';
}

export function isUnreadable(value: Cell | Unreadable): value is Unreadable {
  return typeof value === 'object' && value !== null;
}
