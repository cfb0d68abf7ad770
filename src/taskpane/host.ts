/**
 * Where the pane runs: inside Excel, or in a plain browser (the file mode). office.js is loaded
 * from Microsoft's CDN as the store requires; in a browser without network it never arrives, and
 * outside Office it arrives but reports no host. Both mean the file mode.
 */
import { localeOf, type Locale } from '../rules';

export type PaneHost =
  | { readonly kind: 'excel'; readonly locale: Locale }
  | { readonly kind: 'browser'; readonly locale: Locale };

/** How long the pane waits for Office.onReady before it takes the page for a plain browser. */
export const OFFICE_READY_TIMEOUT_MS = 1500;

/** The part of office.js the detection reads, so tests can pass a fake. */
export interface OfficeLike {
  onReady(): Promise<{ host: unknown }>;
  readonly context?: { readonly displayLanguage?: string };
  readonly HostType?: { readonly Excel?: unknown };
}

/**
 * The host the pane runs in.
 * @param office the global `Office`, or undefined when office.js did not load
 * @param browserLanguage `navigator.language`, used outside Excel
 * @example await detectHost(undefined, 'da-DK') //=> { kind: 'browser', locale: 'da' }
 */
export async function detectHost(office: OfficeLike | undefined, browserLanguage: string, timeoutMs: number = OFFICE_READY_TIMEOUT_MS): Promise<PaneHost> {
  const browser: PaneHost = { kind: 'browser', locale: localeOf(browserLanguage) };
  if (!office || typeof office.onReady !== 'function') return browser;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  try {
    const info = await Promise.race([office.onReady().catch(() => null), timeout]);
    const excel = office.HostType?.Excel ?? 'Excel';
    if (!info || info.host !== excel) return browser;
    return { kind: 'excel', locale: localeOf(office.context?.displayLanguage) };
  } finally {
    clearTimeout(timer);
  }
}
