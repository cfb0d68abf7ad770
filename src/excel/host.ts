/**
 * The host is passed in (style.md §7): production passes `Excel.run`, tests pass a fake Excel.
 * One call is one batch with its own request context, like `Excel.run`.
 */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;
