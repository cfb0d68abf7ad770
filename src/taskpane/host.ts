/**
 * Where the pane runs: inside Excel, or in a plain browser (the file mode). office.js is loaded
 * from Microsoft's CDN as the store requires. The file mode is chosen only when office.js is
 * missing (a browser without network: the script never arrives) or reports no host (office.js
 * outside Office answers `Office.onReady` with host null at once). Otherwise the pane waits for
 * `Office.onReady` however long it takes: Excel can take many seconds to start an add-in
 * (OfficeDev/office-js#6946, #1579), and the shared runtime lives as long as the workbook, so a
 * file picker chosen by a timeout would stay inside Excel until the workbook is reopened.
 */
import { localeOf, type Locale } from '../rules';

export type PaneHost =
  | { readonly kind: 'excel'; readonly locale: Locale }
  | { readonly kind: 'browser'; readonly locale: Locale };

/** How long the pane stays blank before it says it is connecting (a plain browser answers sooner). */
export const CONNECTING_NOTICE_MS = 400;

/** The part of office.js the detection reads, so tests can pass a fake. */
export interface OfficeLike {
  onReady(): Promise<{ host: unknown }>;
  readonly context?: { readonly displayLanguage?: string };
  readonly HostType?: { readonly Excel?: unknown };
}

/**
 * The host the pane runs in. Resolves when office.js has answered, never on a timeout.
 * @param office the global `Office`, or undefined when office.js did not load
 * @param browserLanguage `navigator.language`, used outside Excel
 * @example await detectHost(undefined, 'da-DK') //=> { kind: 'browser', locale: 'da' }
 */
export async function detectHost(office: OfficeLike | undefined, browserLanguage: string): Promise<PaneHost> {
  const browser: PaneHost = { kind: 'browser', locale: localeOf(browserLanguage) };
  if (!office || typeof office.onReady !== 'function') return browser;
  // A rejected onReady is no Office host either: office.js could not start one.
  const info = await office.onReady().catch(() => null);
  const excel = office.HostType?.Excel ?? 'Excel';
  if (!info || info.host !== excel) return browser;
  return { kind: 'excel', locale: localeOf(office.context?.displayLanguage) };
}

/**
 * Excel refuses every request while the user edits a cell ("InvalidOperationInCellEditMode",
 * Excel.ErrorCodes; Excel.RunOptions.delayForCellEdit: "if the user is in cell edit … the batch
 * automatically fails"). The pane says what to do instead of "unexpected error".
 */
export function isCellEditModeError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'InvalidOperationInCellEditMode';
}
