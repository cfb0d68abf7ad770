/**
 * Sheet addresses for messages: the scan names cells the way the user sees them ("C7").
 */

/**
 * Column letters of a 0-based column index.
 * @example columnLetters(0) //=> 'A'
 * @example columnLetters(26) //=> 'AA'
 */
export function columnLetters(index: number): string {
  if (!Number.isInteger(index) || index < 0) throw new RangeError(`column index must be a whole number ≥ 0, got ${index}`);
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** 0-based column index of column letters; -1 when they are not letters. */
export function columnIndex(letters: string): number {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return -1;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** "C7" from a 0-based column and a 1-based sheet row. */
export function cellAddress(column: number, sheetRow: number): string {
  return `${columnLetters(column)}${sheetRow}`;
}
