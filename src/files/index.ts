/**
 * The file adapters: .xlsx and CSV in, results and an annotated .xlsx copy out.
 *   xlsx/        our reader of the package: zip directory, relationships, workbook, styles,
 *                shared strings, worksheets (browser-safe; the inflater is injected)
 *   csv.ts       the CSV reader; memory.ts CSV and buffered sources
 *   pipeline.ts  one scan for every source; annotate.ts the added columns and the summary sheet
 *   target.ts    what the copy is written through; exceljs.ts the only module that uses ExcelJS
 *   copy.ts      when a copy may be made in memory by ExcelJS
 *   browser.ts   bytes in, bytes out (the task pane); node/ files on disk (the CLI)
 */
export * from './errors';
export * from './limits';
export * from './csv';
export * from './detect';
export * from './table';
export * from './annotate';
export * from './labels';
export * from './target';
export * from './pipeline';
export * from './memory';
export * from './browser';
export * from './node';
