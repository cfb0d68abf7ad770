/**
 * The guard around every SUBS function: waits for the host settings when Excel is still being
 * asked (the first call only), runs the function, and turns any exception that escapes into a
 * `#VALUE!` with its text, so Excel never receives a throw.
 */
import { cachedLocalToday } from './clock';
import { runFunction } from './engine';
import { fill } from '../rules';
import { unexpectedError } from './errors';
import { cellError } from './host';
import { FUNCTION_MESSAGES } from './messages';
import { DEFAULT_SETTINGS, hostSettings, type Detection, type HostSettings } from './settings';
import type { AnyFunctionSpec } from './specs';

/** What a SUBS function returns to Excel: a grid that spills, or its promise on the first call in Excel. */
export type FunctionResult = unknown[][] | Promise<unknown[][]>;

export function invoke(spec: AnyFunctionSpec, rawArgs: readonly unknown[]): FunctionResult {
  let settings: HostSettings | Promise<Detection>;
  try {
    settings = hostSettings();
  } catch (thrown) {
    return [[unexpectedError(spec.id, thrown, DEFAULT_SETTINGS.locale)]];
  }
  return settings instanceof Promise ? settings.then((found) => (found.confirmed || !needsDateSystem(spec) ? guarded(spec, rawArgs, found.settings) : unconfirmed(spec, found.settings))) : guarded(spec, rawArgs, settings);
}

/** Every function but FINANCINGELIGIBLE reads or writes dates, whose serials depend on the date system. */
function needsDateSystem(spec: AnyFunctionSpec): boolean {
  return spec.output === 'date' || spec.args.some((arg) => arg.kind === 'date' || arg.kind === 'dateOrToday' || arg.kind === 'payment');
}

/**
 * The answer while Excel has not confirmed the workbook's date system: one #N/A that says so. A
 * guess would be silent and, in a 1904 workbook, 1,462 days (four years) off. The next call asks
 * Excel again; recalculating (Ctrl+Alt+F9) makes one.
 */
function unconfirmed(spec: AnyFunctionSpec, settings: HostSettings): unknown[][] {
  return [[cellError('notAvailable', fill(FUNCTION_MESSAGES[settings.locale]['date-system-unconfirmed'], { function: spec.id }))]];
}

function guarded(spec: AnyFunctionSpec, rawArgs: readonly unknown[], settings: HostSettings): unknown[][] {
  try {
    return runFunction(spec, rawArgs, { settings, today: cachedLocalToday });
  } catch (thrown) {
    return [[unexpectedError(spec.id, thrown, settings.locale)]];
  }
}
