/**
 * The size of a result as Excel receives it. The custom-functions runtime sends a result as JSON
 * (it measures `JSON.stringify(...).length`; @microsoft/office-js custom-functions-runtime.js),
 * and Excel refuses a result over 5 MB (OfficeDev/office-js#4654); large spills near the limit stay
 * at #BUSY! (#2786, #2222). A formatted date is ~64 bytes of JSON where its bare serial is 5, so a
 * long spill of formatted dates goes over long before a spill of serials does.
 *
 * The estimate is per cell, in JSON characters, for the forms the runtime sends: numbers, strings,
 * booleans, date values with a number format, and CustomFunctions.Error (its toJSON adds valueType,
 * type, basicValue, basicType and errorType to code and message). test/taskpane/real-office.test.ts
 * checks each figure against Microsoft's classes in the browser.
 */
import { DATE_NUMBER_FORMAT } from './dates';

/** Every result stays under this many bytes of JSON: 4 MB, a fifth below Excel's 5 MB. */
export const RESULT_BYTE_BUDGET = 4_000_000;

/**
 * JSON of a CustomFunctions.Error without its message, as the runtime's toJSON writes it for
 * #VALUE! (#N/A is a byte longer, for errorType "NotAvailable": cellBytes's slack covers it), plus the
 * `,"message":""` a message adds around its text.
 */
export const ERROR_BYTES = '{"valueType":"CustomFunctionError","code":"#VALUE!","type":"Error","basicValue":"#VALUE!","basicType":"Error","errorType":"Value"}'.length;
export const MESSAGE_BYTES = ',"message":""'.length;

/** JSON of a formatted date without its serial's digits: `{"type":"FormattedNumber","basicValue":,"numberFormat":"yyyy-mm-dd"}`. */
export const DATE_VALUE_BYTES = `{"type":"FormattedNumber","basicValue":,"numberFormat":"${DATE_NUMBER_FORMAT}"}`.length;

/**
 * Bytes of one cell's JSON, never fewer than the runtime sends (strings are counted without
 * escapes: the functions' texts hold none but the quotes of a quoted value, a few bytes).
 */
export function cellBytes(value: unknown): number {
  switch (typeof value) {
    case 'number':
      return String(value).length;
    case 'string':
      return value.length + 2;
    case 'boolean':
      return value ? 4 : 5;
    case 'object': {
      if (value === null) return 4;
      const cell = value as { basicValue?: unknown; message?: unknown; code?: unknown };
      if (typeof cell.code === 'string') return ERROR_BYTES + (typeof cell.message === 'string' && cell.message !== '' ? MESSAGE_BYTES + cell.message.length + 8 : 0);
      if (typeof cell.basicValue === 'number') return DATE_VALUE_BYTES + String(cell.basicValue).length;
      return JSON.stringify(value)?.length ?? 4;
    }
    default:
      return 4;
  }
}

/** Bytes of a whole result grid: each cell, its comma, and each row's brackets and comma. */
export function resultBytes(grid: readonly (readonly unknown[])[]): number {
  let bytes = 2;
  for (const row of grid) {
    bytes += 3;
    for (const cell of row) bytes += cellBytes(cell) + 1;
  }
  return bytes;
}
