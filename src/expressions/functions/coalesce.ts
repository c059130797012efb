/**
 * Coalesce(source1, source2, …, defaultValue): the first argument that is not null (Entra
 * "functions for customizing application data", § Coalesce). The default value is simply the
 * last argument, so it needs no special case. Arguments after the first non-null one are not
 * evaluated.
 *
 * Null: an absent attribute and an empty multi-valued one are null; the empty string is a value
 * (the reference allows "" as a default, so "" must count as one).
 *
 * Example: Coalesce([mail], [userPrincipalName]) with mail absent → "John.Doe@contoso.com"
 */
import { defineFunction } from '../function-def.ts';
import { isNull } from '../presence.ts';

export const coalesce = defineFunction({
  name: 'Coalesce',
  minArgs: 1,
  maxArgs: null,
  signature: 'Coalesce(source1, source2, …, defaultValue)',
  description: 'The first argument that has a value.',
  evaluate(args) {
    for (let i = 0; i < args.count; i++) {
      const value = args.value(i);
      if (!isNull(value)) return value;
    }
    return null;
  },
});
