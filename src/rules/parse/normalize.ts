/**
 * Matching key for headers and values: case, spaces, punctuation and diacritics do not count
 * (rules.md §8). Danish letters without a decomposition are spelled out so that "Løbetid" and
 * "Lobetid" meet: ø→o, æ→ae, å→a (å also decomposes, this keeps it explicit).
 * @example normalizeKey(' Betalings-vilkår ') //=> 'betalingsvilkar'
 */
export function normalizeKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/ø/g, 'o')
    .replace(/æ/g, 'ae')
    .replace(/å/g, 'a')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]/g, '');
}

/** Builds a lookup from normalised alias to value; programmer mistakes (an alias twice) throw. */
export function aliasTable<T>(entries: ReadonlyArray<readonly [T, readonly string[]]>): ReadonlyMap<string, T> {
  const table = new Map<string, T>();
  for (const [value, aliases] of entries) {
    for (const alias of aliases) {
      const key = normalizeKey(alias);
      const existing = table.get(key);
      if (existing !== undefined && existing !== value) throw new Error(`alias "${alias}" maps to two values`);
      table.set(key, value);
    }
  }
  return table;
}
