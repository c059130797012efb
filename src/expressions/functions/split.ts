/**
 * Split(source, delimiter): a multi-valued list from delimited text (Entra "functions for
 * customizing application data", § Split). The delimiter is a string (several characters
 * split as one unit). The reference's example splits "PermissionSetOne, PermissionSetTwo" on ","
 * into ["PermissionSetOne", "PermissionSetTwo"], without the space; so each part is trimmed of
 * surrounding whitespace, and parts left empty are dropped (a multi-valued attribute has no
 * empty values). An empty or null delimiter gives the whole (trimmed) text as one value.
 *
 * Null: a null source gives null; a source with no parts gives an empty list.
 *
 * Example: Split([extensionAttribute5], ",") with "PermissionSetOne, PermissionSetTwo"
 *   → ["PermissionSetOne", "PermissionSetTwo"]
 */
import { toText } from '../coerce.ts';
import { defineFunction } from '../function-def.ts';

export const split = defineFunction({
  name: 'Split',
  minArgs: 2,
  maxArgs: 2,
  signature: 'Split(source, delimiter)',
  description: 'Splits text on a delimiter into a multi-valued list.',
  evaluate(args) {
    const source = toText(args.value(0), 'Split source');
    if (source === null) return null;
    const delimiter = toText(args.value(1), 'Split delimiter');
    const parts = delimiter ? source.split(delimiter) : [source];
    return parts.map((part) => part.trim()).filter((part) => part !== '');
  },
});
