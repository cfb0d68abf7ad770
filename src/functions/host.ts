/**
 * The one place that touches Office's globals for the custom functions: `CustomFunctions`
 * (errors and registration), `Office` (readiness, requirement sets, display language) and `Excel`
 * (the workbook's date system). Each global exists only inside Excel; everywhere else (node tests,
 * the benchmark, the task pane opened in a plain browser) this module answers with a stand-in, so
 * the rest of src/functions runs unchanged.
 */
import { dateSystemOfSerial, dayFromYmd, type DateSystem } from '../rules';

/** The Excel error codes the functions return. Messages show only with these two. */
export type ErrorKind = 'invalidValue' | 'notAvailable';

/** What Excel shows for each error kind; the runtime's `CustomFunctions.ErrorCode` has the same strings. */
export const ERROR_TEXT: Readonly<Record<ErrorKind, string>> = { invalidValue: '#VALUE!', notAvailable: '#N/A' };

/**
 * The parts of Excel's `CustomFunctions` global these functions use. They arrive at two moments:
 * office.js defines `associate` (and the `_association` map Excel reads) as soon as it loads, while
 * `Error` and `ErrorCode` come later from the custom-functions host script office.js loads
 * asynchronously (seen in @microsoft/office-js: office.js vs custom-functions-runtime.js;
 * test/taskpane/real-office.test.ts). So registration must not wait for the error classes, and
 * the error classes are looked up only when a result is made.
 */
export interface CustomFunctionsRegistration {
  associate(id: string, fn: (...args: never[]) => unknown): void;
}

export interface CustomFunctionsErrors {
  readonly Error: new (code: string, message?: string) => object;
  readonly ErrorCode: Readonly<Record<ErrorKind, string>>;
}

export type CustomFunctionsApi = CustomFunctionsRegistration & CustomFunctionsErrors;

/** An error cell value outside Excel, shaped like `CustomFunctions.Error` (code and message). */
export class CellError {
  readonly name = 'CellError';
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

type Globals = { CustomFunctions?: Partial<CustomFunctionsApi>; Office?: OfficeLike; Excel?: ExcelLike };

function globals(): Globals {
  return globalThis as unknown as Globals;
}

/** Where functions register: `CustomFunctions.associate` whenever office.js defined it, else undefined. */
export function registrationApi(): CustomFunctionsRegistration | undefined {
  const api = globals().CustomFunctions;
  return api && typeof api.associate === 'function' ? (api as CustomFunctionsRegistration) : undefined;
}

/** Excel's error classes, once the host script defined them; undefined before and outside Excel. */
export function errorApi(): CustomFunctionsErrors | undefined {
  const api = globals().CustomFunctions;
  return api && typeof api.Error === 'function' && api.ErrorCode && typeof api.ErrorCode === 'object' ? (api as CustomFunctionsErrors) : undefined;
}

/**
 * An error value for a cell: `CustomFunctions.Error` inside Excel, a {@link CellError} elsewhere.
 * Both have `code` ('#VALUE!' or '#N/A') and `message`. Looked up per result, never at load.
 */
export function cellError(kind: ErrorKind, message: string): object {
  const api = errorApi();
  return api ? new api.Error(api.ErrorCode[kind] ?? ERROR_TEXT[kind], message) : new CellError(ERROR_TEXT[kind], message);
}

/** Is this a cell error value made by {@link cellError} (or by Excel's runtime)? */
export function isCellError(value: unknown): value is { code: string; message?: string } {
  if (value instanceof CellError) return true;
  const api = errorApi();
  return api !== undefined && value instanceof api.Error;
}

/** The part of office.js the settings read. */
export interface OfficeLike {
  onReady?(): Promise<unknown>;
  readonly context?: {
    readonly displayLanguage?: string;
    readonly requirements?: { isSetSupported(name: string, minVersion?: string): boolean };
  };
}

/** The part of the Excel JavaScript API the date-system probe uses (ExcelApi 1.2). */
export interface ExcelLike {
  run<T>(batch: (context: { workbook: { functions: { date(year: number, month: number, day: number): { value: number; load(property: string): unknown } } }; sync(): Promise<unknown> }) => Promise<T>): Promise<T>;
}

/** office.js, when this runs inside an Office host. */
export function officeApi(): OfficeLike | undefined {
  const office = globals().Office;
  return office && typeof office === 'object' ? office : undefined;
}

/** The Excel JavaScript API, when this runs in Excel's shared runtime. */
export function excelApi(): ExcelLike | undefined {
  const excel = globals().Excel;
  return excel && typeof excel.run === 'function' ? excel : undefined;
}

const PROBE_DAY = dayFromYmd(2000, 1, 1);

/**
 * The workbook's date system, asked from Excel: `DATE(2000,1,1)` is 36526 in a 1900 workbook and
 * 35064 in a 1904 one. A read-only call, which custom functions in a shared runtime may make.
 * Null when the answer is neither (never guessed).
 */
export async function probeDateSystem(excel: ExcelLike): Promise<DateSystem | null> {
  const serial = await excel.run(async (context) => {
    const result = context.workbook.functions.date(2000, 1, 1);
    result.load('value');
    await context.sync();
    return result.value;
  });
  return dateSystemOfSerial(PROBE_DAY, serial);
}
