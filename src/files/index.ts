/**
 * The file adapters: .xlsx and CSV in, results and an annotated .xlsx copy out. `browser.ts` is the
 * browser-safe part (bytes in, bytes out); `node.ts` adds streaming from and to disk for the CLI.
 */
export * from './errors';
export * from './csv';
export * from './cells';
export * from './detect';
export * from './table';
export * from './annotate';
export * from './labels';
export * from './pipeline';
export * from './memory';
export * from './browser';
export * from './node';
export { fileKind, inspectXlsx, parseWorkbookXml, readFromBytes, type WorkbookOutline } from './zip';
