/**
 * What a resource contributes to the indexes: the columns (userName, externalId, displayName)
 * and the rows of scim_values (emails.value and every enterprise/custom extension value), so that
 * the filters IdPs send run on an index instead of a scan.
 *
 * Example: indexedValues(user, users) → { userNameCi: 'bjensen', values: [{ attr: 'emails.value', … }] }
 */
import {
  getKey,
  isPlainObject,
  type ResourceSchema,
  readValues,
  type ScimResource,
} from '../scim/index.ts';

export interface IndexedValue {
  attr: string;
  value: string;
  valueCi: string;
}

/** The values of scim_resources' own indexed columns. */
export interface IndexedColumnValues {
  userNameCi: string | null;
  externalId: string | null;
  displayName: string | null;
  displayNameCi: string | null;
}

export interface IndexedColumns extends IndexedColumnValues {
  values: IndexedValue[];
}

/** The scim_values key of an attribute: `emails.value`, or `<schema urn>:<name>[.<sub>]` in lower case. */
export function valueKey(
  schemaId: string,
  inCore: boolean,
  name: string,
  subAttr?: string,
): string {
  const local = subAttr === undefined ? name : `${name}.${subAttr}`;
  return (inCore ? local : `${schemaId}:${local}`).toLowerCase();
}

/** Core multi-valued sub-attributes worth an index row; extensions are indexed whole. */
const coreIndexed: readonly { name: string; subAttr: string }[] = [
  { name: 'emails', subAttr: 'value' },
];

/** Every attribute (as name/subAttr pairs) that has scim_values rows for this resource type. */
export function indexedAttributes(
  schema: ResourceSchema,
): { schema: string; inCore: boolean; name: string; subAttr?: string }[] {
  const out: { schema: string; inCore: boolean; name: string; subAttr?: string }[] = [];
  for (const { name, subAttr } of coreIndexed) {
    if (schema.resolve({ name, subAttr })?.inCore)
      out.push({ schema: schema.core.id, inCore: true, name, subAttr });
  }
  for (const { schema: extension } of schema.extensions) {
    for (const attribute of extension.attributes) {
      if (attribute.type !== 'complex') {
        out.push({ schema: extension.id, inCore: false, name: attribute.name });
        continue;
      }
      for (const sub of attribute.subAttributes ?? []) {
        if (sub.type !== 'complex')
          out.push({
            schema: extension.id,
            inCore: false,
            name: attribute.name,
            subAttr: sub.name,
          });
      }
    }
  }
  return out;
}

const asText = (value: unknown): string | null =>
  typeof value === 'string'
    ? value
    : typeof value === 'number' || typeof value === 'boolean'
      ? String(value)
      : null;

/** How a userName is folded into user_name_ci: lookups by userName must fold the same way. */
export const foldUserName = (userName: string) => userName.toLowerCase();

/** The indexed columns alone, without the scim_values rows. */
function indexedColumnValues(data: ScimResource, schema: ResourceSchema): IndexedColumnValues {
  const text = (key: string) => asText(getKey(data, key));
  const userName = schema.resolve({ name: 'userName' })?.inCore ? text('userName') : null;
  const displayName = text('displayName');
  return {
    userNameCi: userName === null ? null : foldUserName(userName),
    externalId: text('externalId'),
    displayName,
    displayNameCi: displayName === null ? null : displayName.toLowerCase(),
  };
}

export function indexedValues(data: ScimResource, schema: ResourceSchema): IndexedColumns {
  const values: IndexedValue[] = [];
  for (const attribute of indexedAttributes(schema)) {
    const resolved = schema.resolve({
      uri: attribute.schema,
      name: attribute.name,
      subAttr: attribute.subAttr,
    });
    if (!resolved) continue;
    if (!attribute.inCore && !isPlainObject(getKey(data, attribute.schema))) continue;
    const key = valueKey(attribute.schema, attribute.inCore, attribute.name, attribute.subAttr);
    for (const raw of readValues(data, resolved)) {
      const value = asText(raw);
      if (value !== null) values.push({ attr: key, value, valueCi: value.toLowerCase() });
    }
  }
  return { ...indexedColumnValues(data, schema), values };
}
