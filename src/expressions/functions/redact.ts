/**
 * Redact(value): the value unchanged, with the result marked sensitive so that provisioning
 * logs show "[Redact]" instead (Entra "functions for customizing application data", § Redact).
 * The mark covers the whole expression's result (`redacted: true`), wherever Redact sits: a
 * value built from a redacted part is still sensitive.
 *
 * Example: Redact(RandomString(6,3,0,0,3)) → { kind: 'value', value: "1a73qt", redacted: true }
 */
import { defineFunction } from '../function-def.ts';

export const redact = defineFunction({
  name: 'Redact',
  minArgs: 1,
  maxArgs: 1,
  signature: 'Redact(value)',
  description: 'The value itself, hidden as "[Redact]" in provisioning logs.',
  evaluate(args, env) {
    env.redact();
    return args.value(0);
  },
});
