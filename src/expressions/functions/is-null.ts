/**
 * IsNull(expression): True when the value is null, which for an attribute means absent
 * (Entra "functions for customizing application data", § IsNull). An empty multi-valued
 * attribute is absent too; the empty string is not null (see `presence.ts`).
 *
 * Example: IsNull([displayName]) with no displayName → True
 */
import { defineFunction } from '../function-def.ts';
import { isNull as valueIsNull } from '../presence.ts';

export const isNull = defineFunction({
  name: 'IsNull',
  minArgs: 1,
  maxArgs: 1,
  signature: 'IsNull(expression)',
  description: 'True when the value is null (the attribute is absent).',
  evaluate(args) {
    return valueIsNull(args.value(0));
  },
});
