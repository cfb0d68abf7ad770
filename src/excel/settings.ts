/**
 * Where the add-in keeps its own state in the workbook: the user's column mappings and the
 * record of what a scan wrote. One key-value store per document, abstracted so tests pass a
 * memory store and production passes Office's document settings.
 */

/** A per-document key-value store. Values must survive JSON. `save` persists the changes. */
export interface SettingsStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  remove(key: string): void;
  save(): Promise<void>;
}

/**
 * The store over `Office.context.document.settings` (per workbook and add-in; saved into the file).
 * Every piece of state this adapter keeps goes through this one store, never also through
 * `workbook.settings`, so two in-memory copies of the same settings can never overwrite each other.
 */
export function officeSettingsStore(settings: Office.Settings = Office.context.document.settings): SettingsStore {
  return {
    get: (key) => settings.get(key) ?? undefined,
    set: (key, value) => settings.set(key, value),
    remove: (key) => settings.remove(key),
    save: () =>
      new Promise<void>((resolve, reject) =>
        settings.saveAsync((result) => (String(result.status) === 'succeeded' ? resolve() : reject(result.error))),
      ),
  };
}

/** A store in memory, for tests and for hosts without document settings. `saved()` is what a reload would see. */
export interface MemorySettingsStore extends SettingsStore {
  saved(): Record<string, unknown>;
}

export function memorySettingsStore(initial: Record<string, unknown> = {}): MemorySettingsStore {
  const copy = (value: unknown) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));
  let live: Record<string, unknown> = copy(initial);
  let persisted: Record<string, unknown> = copy(initial);
  return {
    get: (key) => copy(live[key]),
    set: (key, value) => {
      live = { ...live, [key]: copy(value) };
    },
    remove: (key) => {
      const { [key]: _removed, ...rest } = live;
      live = rest;
    },
    save: async () => {
      persisted = copy(live);
    },
    saved: () => copy(persisted),
  };
}
