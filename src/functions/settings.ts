/**
 * What the functions must know about the workbook and the host, found once per runtime:
 * - the workbook's date system, so a 1904 workbook's serials are read and written right;
 * - how a date can be returned so that the cell shows a date (a number with a date format on
 *   ExcelApi 1.16+, a bare serial before);
 * - the display language, for the error messages.
 * Outside Excel (tests, benchmark) the defaults apply at once. Inside Excel the first call waits for
 * the answer, so no function ever computes with a date system it has not confirmed. See
 * docs/custom-functions.md.
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

/** How long the first call waits for Excel's answers before it falls back to the defaults. */
export const DETECTION_TIMEOUT_MS = 10_000;

let settled: HostSettings | null = null;
let pending: Promise<HostSettings> | null = null;

/**
 * The settings now, or a promise of them while Excel is being asked (only inside Excel, only until
 * the first answer). Callers handle both so that the common case stays synchronous.
 */
export function hostSettings(): HostSettings | Promise<HostSettings> {
  if (settled) return settled;
  const excel = excelApi();
  const office = officeApi();
  if (!excel && !office) return (settled = DEFAULT_SETTINGS);
  pending ??= detectSettings(office, excel).then((found) => (settled = found));
  return pending;
}

/** Fixes the settings (tests, or a caller that knows better); `null` forgets them so they are found again. */
export function useHostSettings(settings: Partial<HostSettings> | null): void {
  settled = settings ? { ...DEFAULT_SETTINGS, ...settings } : null;
  pending = null;
}

/**
 * Asks the host. Never rejects: anything that fails or takes longer than the timeout leaves its
 * default in place (a workbook whose date system cannot be confirmed is read as 1900, Excel's default).
 */
export async function detectSettings(office: OfficeLike | undefined, excel: ExcelLike | undefined, timeoutMs: number = DETECTION_TIMEOUT_MS): Promise<HostSettings> {
  const answer = (async (): Promise<HostSettings> => {
    await office?.onReady?.();
    const supports = (version: string) => office?.context?.requirements?.isSetSupported('ExcelApi', version) === true;
    const dateValues: DateValues = supports('1.19') ? 'double-with-format' : supports('1.16') ? 'formatted-number' : 'serial';
    const dateSystem = (excel ? await probeDateSystem(excel).catch(() => null) : null) ?? DEFAULT_SETTINGS.dateSystem;
    return { dateSystem, dateValues, locale: localeOf(office?.context?.displayLanguage) };
  })().catch(() => DEFAULT_SETTINGS);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<HostSettings>((resolve) => {
    timer = setTimeout(() => resolve(DEFAULT_SETTINGS), timeoutMs);
  });
  try {
    return await Promise.race([answer, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
