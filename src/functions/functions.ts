// PLACEHOLDER from the build engineer so the build can be tested; the functions engineer
// replaces this file. CustomFunctionsMetadataPlugin reads the JSDoc below to write
// dist/functions.json and appends the CustomFunctions.associate("PING", ping) call itself.

/**
 * Returns 1 when the add-in's functions are loaded.
 * @customfunction
 * @returns 1
 */
export function ping(): number {
  return 1;
}
