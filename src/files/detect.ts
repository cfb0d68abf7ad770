/**
 * What a file is, from its name and first bytes, before anything tries to read it: a CSV, an .xlsx
 * (a zip), or one of the files that get one clear sentence instead (empty, encrypted, an image …).
 */
import { FileError } from './errors';
import { describeOther, fileKind } from './zip';

export type InputFormat = 'xlsx' | 'csv';

const CSV_NAME = /\.(csv|tsv|txt)$/i;

/** How many first bytes {@link detectFormat} needs. */
export const HEAD_BYTES = 8;

/**
 * The format of a file. A zip is read as .xlsx whatever its name; a CSV is known by its name.
 * @example detectFormat('list.csv', new TextEncoder().encode('ID;Renewal')) //=> 'csv'
 */
export function detectFormat(fileName: string, head: Uint8Array, label: string = fileName): InputFormat {
  const kind = fileKind(head);
  if (kind === 'empty') throw new FileError('empty-file', `${label} is empty`);
  if (kind === 'zip') return 'xlsx';
  if (kind === 'cfb') {
    throw new FileError('encrypted', `${label} is an encrypted (password-protected) workbook or an old .xls file: open it in Excel and save it as an unencrypted .xlsx`);
  }
  if (CSV_NAME.test(fileName)) return 'csv';
  throw new FileError('not-a-workbook', `${label} is not an .xlsx workbook or a CSV file (${describeOther(head)})`);
}
