/**
 * What the build adds to the functions.json that custom-functions-metadata generates, before the
 * Danish file is derived from it (webpack.config.js):
 * - `allowErrorForDataTypeAny: true`. Without it Excel never calls a function whose argument holds
 *   an error such as #N/A: the whole spilled result becomes that error, so one bad cell in a column
 *   of 10,000 renewal dates blanks them all. With it, an error cell arrives as a value and the
 *   engine answers an error in that row only (engine.ts). The generator has no JSDoc tag for the
 *   flag (it writes only allowCustomDataForDataTypeAny). learn.microsoft.com: "Manually create JSON
 *   metadata for custom functions", root properties.
 */
export function withBuildOptions(generatedJson: string): string {
  const metadata = JSON.parse(generatedJson) as Record<string, unknown>;
  return JSON.stringify({ ...metadata, allowErrorForDataTypeAny: true }, null, 4);
}
