/**
 * A guard against the regex shape that backtracks exponentially: a group that contains an
 * unbounded quantifier (`*`, `+`, `{n,}`) and is itself repeated without bound, as in
 * `(a+)+`, `(\w+\s?)*` or `(?:x*y*)+`. It is a heuristic over the JavaScript source from
 * `translate-regex.ts`, not a proof: overlapping alternatives such as `(a|aa)*` still pass.
 * Entra's documented patterns (`\+(?<isdCode>\d* )(?<phoneNumber>\d{10})`, `[()\s-]+`,
 * `(?<Suffix>@(.)*)`, `[a-zA-Z_]*`) all pass.
 *
 * Example: findNestedQuantifier('(a+)+$') → 0; findNestedQuantifier('[a-z]+@x') → -1
 */

/** The offset of the first risky group, or -1. */
export function findNestedQuantifier(source: string): number {
  const open: { at: number; unbounded: boolean }[] = [];
  let lastClosed: { at: number; unbounded: boolean } | undefined;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      i++;
      lastClosed = undefined;
    } else if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
      lastClosed = undefined;
    } else if (c === '(') {
      open.push({ at: i, unbounded: false });
      lastClosed = undefined;
    } else if (c === ')') {
      lastClosed = open.pop();
      const parent = open.at(-1);
      if (parent && lastClosed?.unbounded) parent.unbounded = true;
    } else if (isUnboundedQuantifier(source, i)) {
      if (lastClosed?.unbounded) return lastClosed.at;
      for (const group of open) group.unbounded = true;
      lastClosed = undefined;
    } else {
      lastClosed = undefined;
    }
  }
  return -1;
}

function isUnboundedQuantifier(source: string, i: number): boolean {
  const c = source[i];
  if (c === '*' || c === '+') return true;
  return c === '{' && /^\{\d+,\}/.test(source.slice(i));
}
