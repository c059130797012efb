/**
 * SelectUniqueValue(rule1, rule2, …): the first of several generated values that is unique in
 * the target (Entra "functions for customizing application data", § SelectUniqueValue).
 * Uniqueness needs the target, so this function only proposes: it evaluates every rule and
 * returns the first non-empty value, and the evaluation result carries all of them as
 * `candidates`, in order, for the engine to check against the target and pick from.
 *
 * As the reference requires, it must be the outermost function (a compile error otherwise) and
 * takes at least two rules. Empty and null candidates are left out.
 *
 * Example: SelectUniqueValue(Join("@", [givenName], "contoso.com"), Join("@", Mid([givenName], 1, 1), "contoso.com"))
 *   → "John@contoso.com", candidates ["John@contoso.com", "J@contoso.com"]
 */
import { toText } from '../coerce.ts';
import { ExpressionError } from '../expression-error.ts';
import { defineFunction } from '../function-def.ts';

export const selectUniqueValue = defineFunction({
  name: 'SelectUniqueValue',
  minArgs: 2,
  maxArgs: null,
  signature: 'SelectUniqueValue(uniqueValueRule1, uniqueValueRule2, …)',
  description: 'Proposes generated values in order; the engine keeps the first unique one.',
  prepare({ node, isRoot }) {
    if (!isRoot) {
      throw new ExpressionError(
        'invalidArgument',
        'SelectUniqueValue must be the outermost function',
        node.nameSpan,
      );
    }
  },
  evaluate(args, env) {
    const candidates: string[] = [];
    for (let i = 0; i < args.count; i++) {
      const text = toText(args.value(i), `SelectUniqueValue rule ${i + 1}`);
      if (text !== null && text !== '') candidates.push(text);
    }
    env.offerCandidates(candidates);
    return candidates[0] ?? null;
  },
});
