/**
 * Why a file cannot be scanned or written. Each is a named error with one line of text that the
 * CLI prints as it is; rows that cannot be evaluated are never errors (they are `invalid` rows).
 */

export type FileErrorCode =
  | 'missing-file'
  | 'empty-file'
  | 'not-a-workbook'
  | 'encrypted'
  | 'damaged'
  | 'bad-csv'
  /** A limit of {@link ../limits} was reached: the file is too big, or built to look small (a zip bomb). */
  | 'limit'
  | 'missing-sheet'
  | 'no-header'
  | 'out-is-input'
  | 'out-exists'
  | 'bad-out';

export class FileError extends Error {
  override readonly name = 'FileError';

  constructor(
    readonly code: FileErrorCode,
    message: string,
  ) {
    super(message);
  }
}
