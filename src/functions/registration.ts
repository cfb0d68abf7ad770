/**
 * Registration of the SUBS functions with Excel, once per id.
 *
 * Two things call `associate` in the built add-in: functions.ts itself (so that evaluating the
 * module registers every function, also under test), and CustomFunctionsMetadataPlugin, which
 * appends `CustomFunctions.associate("ID", fn);` for each function to functions.ts when webpack
 * builds it. functions.ts routes both through this registry: each id reaches Excel once (the
 * runtime warns "[DuplicatedName]" on a second call), and where Excel's `CustomFunctions` does not
 * exist (node, a browser without office.js) registering is a no-op instead of a ReferenceError.
 * Registration needs only `CustomFunctions.associate`, which office.js defines when it loads; the
 * error classes come later (host.ts), so waiting for them would register nothing.
 */
import { registrationApi } from './host';

type CustomFunction = (...args: never[]) => unknown;

export interface FunctionRegistry {
  associate(id: string, fn: CustomFunction): void;
  /** The ids registered so far, in order. */
  readonly ids: readonly string[];
}

export function createRegistry(): FunctionRegistry {
  const registered = new Map<string, CustomFunction>();
  return {
    associate(id, fn) {
      if (registered.get(id) === fn) return;
      registered.set(id, fn);
      registrationApi()?.associate(id, fn);
    },
    get ids() {
      return [...registered.keys()];
    },
  };
}
