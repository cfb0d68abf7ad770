import { ok, problem, type Parsed } from '../result';
import { isBlank, type CellValue } from './cell';
import { aliasTable, normalizeKey } from './normalize';

const YES_NO = aliasTable<boolean>([
  [true, ['Yes', 'Y', 'Ja', 'J', 'TRUE', 'SAND', 'x', '1']],
  [false, ['No', 'N', 'Nej', 'FALSE', 'FALSK', '0', '-']],
]);

/**
 * Yes or no from a cell (rules.md §8): Yes/No, Ja/Nej, TRUE/FALSE (also Danish SAND/FALSK), x;
 * blank is no.
 * @example parseYesNo('Ja') //=> { ok: true, value: true }
 */
export function parseYesNo(value: CellValue): Parsed<boolean> {
  if (isBlank(value)) return ok(false);
  if (typeof value === 'boolean') return ok(value);
  if (typeof value === 'number' && (value === 0 || value === 1)) return ok(value === 1);
  if (typeof value !== 'string') return problem('unknown-yes-no', value);
  const answer = YES_NO.get(normalizeKey(value));
  return answer === undefined ? problem('unknown-yes-no', value) : ok(answer);
}

/** Is this text a yes/no word rather than, say, a date? */
export function isYesNoWord(value: string): boolean {
  return YES_NO.has(normalizeKey(value)) && normalizeKey(value) !== '';
}
