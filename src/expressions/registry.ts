/**
 * Every function of the expression language, looked up by name case-insensitively, in the
 * order of Entra's reference ("functions for customizing application data", § List of
 * Functions, plus AssertiveAppRoleAssignmentsComplex from customize-application-attributes.md).
 *
 * Example: findFunction('JOIN')?.name → 'Join'
 */
import type { AnyFunctionDef } from './function-def.ts';
import { appRoleAssignmentsComplex } from './functions/app-role-assignments-complex.ts';
import { append } from './functions/append.ts';
import { assertiveAppRoleAssignmentsComplex } from './functions/assertive-app-role-assignments-complex.ts';
import { bitAnd } from './functions/bit-and.ts';
import { cbool } from './functions/cbool.ts';
import { cdate } from './functions/cdate.ts';
import { coalesce } from './functions/coalesce.ts';
import { convertToBase64 } from './functions/convert-to-base64.ts';
import { convertToUtf8Hex } from './functions/convert-to-utf8-hex.ts';
import { count } from './functions/count.ts';
import { cstr } from './functions/cstr.ts';
import { dateAdd } from './functions/date-add.ts';
import { dateDiff } from './functions/date-diff.ts';
import { dateFromNum } from './functions/date-from-num.ts';
import { formatDateTime } from './functions/format-date-time.ts';
import { guid } from './functions/guid.ts';
import { ignoreFlowIfNullOrEmpty } from './functions/ignore-flow-if-null-or-empty.ts';
import { iif } from './functions/iif.ts';
import { instr } from './functions/instr.ts';
import { isNull } from './functions/is-null.ts';
import { isNullOrEmpty } from './functions/is-null-or-empty.ts';
import { isPresent } from './functions/is-present.ts';
import { isString } from './functions/is-string.ts';
import { item } from './functions/item.ts';
import { join } from './functions/join.ts';
import { left } from './functions/left.ts';
import { mid } from './functions/mid.ts';
import { normalizeDiacritics } from './functions/normalize-diacritics.ts';
import { not } from './functions/not.ts';
import { now } from './functions/now.ts';
import { numFromDate } from './functions/num-from-date.ts';
import { pcase } from './functions/pcase.ts';
import { randomString } from './functions/random-string.ts';
import { redact } from './functions/redact.ts';
import { removeDuplicates } from './functions/remove-duplicates.ts';
import { replace } from './functions/replace.ts';
import { selectUniqueValue } from './functions/select-unique-value.ts';
import { singleAppRoleAssignment } from './functions/single-app-role-assignment.ts';
import { split } from './functions/split.ts';
import { stripSpaces } from './functions/strip-spaces.ts';
import { switchFunction } from './functions/switch.ts';
import { toLower } from './functions/to-lower.ts';
import { toUpper } from './functions/to-upper.ts';
import { word } from './functions/word.ts';

export const allFunctions: readonly AnyFunctionDef[] = [
  append,
  appRoleAssignmentsComplex,
  assertiveAppRoleAssignmentsComplex,
  bitAnd,
  cbool,
  cdate,
  coalesce,
  convertToBase64,
  convertToUtf8Hex,
  count,
  cstr,
  dateAdd,
  dateDiff,
  dateFromNum,
  formatDateTime,
  guid,
  ignoreFlowIfNullOrEmpty,
  iif,
  instr,
  isNull,
  isNullOrEmpty,
  isPresent,
  isString,
  item,
  join,
  left,
  mid,
  normalizeDiacritics,
  not,
  now,
  numFromDate,
  pcase,
  randomString,
  redact,
  removeDuplicates,
  replace,
  selectUniqueValue,
  singleAppRoleAssignment,
  split,
  stripSpaces,
  switchFunction,
  toLower,
  toUpper,
  word,
];

const byName = new Map(allFunctions.map((def) => [def.name.toLowerCase(), def]));

export function findFunction(name: string): AnyFunctionDef | undefined {
  return byName.get(name.toLowerCase());
}

/** The closest function name within two edits, for "did you mean" hints. */
export function suggestFunction(name: string): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = 3;
  for (const def of allFunctions) {
    const distance = editDistance(lower, def.name.toLowerCase());
    if (distance < bestDistance) {
      best = def.name;
      bestDistance = distance;
    }
  }
  return best;
}

/** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
function editDistance(a: string, b: string): number {
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, before[j - 2]! + 1);
      current[j] = best;
    }
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}
