/**
 * The guard around every SUBS function: waits for the host settings when Excel is still being
 * asked (the first call only), runs the function, and turns any exception that escapes into a
 * `#VALUE!` with its text, so Excel never receives a throw.
 */
import { cachedLocalToday } from './clock';
import { runFunction } from './engine';
import { unexpectedError } from './errors';
import { DEFAULT_SETTINGS, hostSettings, type HostSettings } from './settings';
import type { AnyFunctionSpec } from './specs';

/** What a SUBS function returns to Excel: a grid that spills, or its promise on the first call in Excel. */
export type FunctionResult = unknown[][] | Promise<unknown[][]>;

export function invoke(spec: AnyFunctionSpec, rawArgs: readonly unknown[]): FunctionResult {
  let settings: HostSettings | Promise<HostSettings>;
  try {
    settings = hostSettings();
  } catch (thrown) {
    return [[unexpectedError(spec.id, thrown, DEFAULT_SETTINGS.locale)]];
  }
  return settings instanceof Promise ? settings.then((found) => guarded(spec, rawArgs, found)) : guarded(spec, rawArgs, settings);
}

function guarded(spec: AnyFunctionSpec, rawArgs: readonly unknown[], settings: HostSettings): unknown[][] {
  try {
    return runFunction(spec, rawArgs, { settings, today: cachedLocalToday });
  } catch (thrown) {
    return [[unexpectedError(spec.id, thrown, settings.locale)]];
  }
}
