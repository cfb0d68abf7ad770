/** Office.js adapter: find the table, read it in blocks, write Status columns and highlights, clear. */
export * from './source';
export { memorySettingsStore, type SettingsStore, type MemorySettingsStore } from './settings';
export type { ExcelRun, ExcelScanStats } from './scan-run';
export { BLOCK_LIMITS, rowsPerBlock, type BlockLimits } from './read';
export { COLUMN_HEADERS, type ColumnKind } from './labels';
export { HIGHLIGHTS, statusFormula } from './highlight';
