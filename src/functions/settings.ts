/**
 * What the functions must know about the workbook and the host, found once per runtime:
 * - the workbook's date system, so a 1904 workbook's serials are read and written right;
 * - how a date can be returned so that the cell shows a date (a number with a date format on
 *   ExcelApi 1.16+, a bare serial before);
 * - the display language, for the error messages.
 * Outside Excel (tests, benchmark) the defaults apply at once. Inside Excel a call waits for the
 * answer, so no function ever computes with a date system it has not confirmed: while Excel has not
 * answered, the date functions answer #N/A "not confirmed yet" and the next call asks again
 * (invoke.ts; docs/custom-functions.md).
 */
import { localeOf, type DateSystem, type Locale } from '../rules';
import { excelApi, officeApi, probeDateSystem, type ExcelLike, type OfficeLike } from './host';

/** How a date leaves a function. */
export type DateValues =
  /** `{ type: "Double", basicValue, numberFormat }` (ExcelApi 1.19). */
  | 'double-with-format'
  /** `{ type: "FormattedNumber", basicValue, numberFormat }` (ExcelApi 1.16; deprecated by 1.19 but still read). */
  | 'formatted-number'
  /** The bare serial: the user formats the column as a date. */
  | 'serial';

export interface HostSettings {
  readonly dateSystem: DateSystem;
  readonly dateValues: DateValues;
  readonly locale: Locale;
}

/** Outside Excel, or when Excel cannot be asked: Excel's default date system, bare serials, English. */
export const DEFAULT_SETTINGS: HostSettings = { dateSystem: '1900', dateValues: 'serial', locale: 'en' };

/** How long a call waits for Excel's answers before it answers "not confirmed yet" (calls from functions can stall: office-js #1395, #6150). */
export const DETECTION_TIMEOUT_MS = 10_000;

/** What asking the host gave: the settings, and whether the date system was confirmed by the workbook. */
export interface Detection {
  readonly settings: HostSettings;
  /**
   * False when Excel did not answer the date-system probe (it failed, timed out or gave a serial of
   * neither system). Such settings are never kept: the next call asks again.
   */
  readonly confirmed: boolean;
}

let settled: HostSettings | null = null;
let pending: Promise<Detection> | null = null;

/**
 * The settings now, or a promise of what the host answers while Excel is being asked (only inside
 * Excel, only until a confirmed answer). Only a confirmed answer is kept for the runtime's life;
 * an unconfirmed one is answered to the calls that waited for it, and the next call asks again.
 * Callers handle both so that the common case stays synchronous.
 */
export function hostSettings(): HostSettings | Promise<Detection> {
  if (settled) return settled;
  const excel = excelApi();
  const office = officeApi();
  if (!excel && !office) return (settled = DEFAULT_SETTINGS);
  pending ??= detectSettings(office, excel).then((found) => {
    if (found.confirmed) settled = found.settings;
    pending = null;
    return found;
  });
  return pending;
}

/** Fixes the settings (tests, or a caller that knows better); `null` forgets them so they are found again. */
export function useHostSettings(settings: Partial<HostSettings> | null): void {
  settled = settings ? { ...DEFAULT_SETTINGS, ...settings } : null;
  pending = null;
}

/**
 * Asks the host. Never rejects. Outside Excel (office.js reports another host or none) there is no
 * workbook to ask: Excel's defaults, confirmed. Inside Excel the date system counts as confirmed only
 * when the probe answered within the timeout; anything else is unconfirmed (detection says so).
 */
export async function detectSettings(office: OfficeLike | undefined, excel: ExcelLike | undefined, timeoutMs: number = DETECTION_TIMEOUT_MS): Promise<Detection> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  const within = <T>(promise: Promise<T>): Promise<T | null> => Promise.race([promise.catch(() => null), timeout]);
  try {
    const info = (await within(Promise.resolve(office?.onReady?.()))) as { host?: unknown } | null | undefined;
    const supports = (version: string) => {
      try {
        return office?.context?.requirements?.isSetSupported('ExcelApi', version) === true;
      } catch {
        return false;
      }
    };
    const dateValues: DateValues = supports('1.19') ? 'double-with-format' : supports('1.16') ? 'formatted-number' : 'serial';
    const found = { dateValues, locale: localeOf(office?.context?.displayLanguage) };
    const notExcel = info !== null && info !== undefined && 'host' in info && info.host !== 'Excel';
    if (notExcel || !excel) return { settings: { ...DEFAULT_SETTINGS, ...found }, confirmed: notExcel || !office };
    const dateSystem = await within(probeDateSystem(excel));
    return dateSystem ? { settings: { ...found, dateSystem }, confirmed: true } : { settings: { ...DEFAULT_SETTINGS, ...found }, confirmed: false };
  } finally {
    clearTimeout(timer);
  }
}
