/**
 * The source object as the sync ring sees it: a flat bag of directory attributes by name, the
 * same `Attributes` the expression language reads. The engine builds it from a directory
 * record: the user's or group's data, `objectId` (the directory id), extensions flattened
 * (`extensionAttribute1`, `extension_<app>_<name>`), `manager` (the manager's object id) and,
 * for groups, `members` (the members' object ids). Names are looked up case-insensitively.
 *
 * Example: readSourceAttribute({ Department: 'Sales' }, 'department') → 'Sales'
 */
import type { Attributes, AttributeValue } from '../expressions/index.ts';

export type SourceObject = Attributes;

/** The attribute `name`: exact spelling first, then case-insensitively; undefined when absent. */
export function readSourceAttribute(source: SourceObject, name: string): AttributeValue {
  if (Object.hasOwn(source, name)) return source[name];
  const lower = name.toLowerCase();
  for (const key of Object.keys(source)) if (key.toLowerCase() === lower) return source[key];
  return undefined;
}
