/**
 * The constraints a normalised resource must meet before it is stored: required attributes
 * (RFC 7643 §2.2; `userName` must also be non-empty, §4.1.1), required sub-attributes inside a
 * complex value that is present, and at most one `primary: true` per multi-valued attribute
 * (RFC 7643 §2.4: a second primary is rejected, not silently demoted, so no input is lost).
 * readOnly attributes are exempt from `required`: the server supplies them.
 *
 * Example: checkRules({ schemas: [coreUserSchemaId] }, users, 'create')
 *   throws ScimError 400 invalidValue 'Attribute "userName" is required, but the POST /Users body has no value for it'
 */
import { badRequest, quote } from '../errors.ts';
import { commonAttributes, type ResourceSchema } from '../schema/resource-schema.ts';
import type { AttributeDefinition } from '../schema/types.ts';
import { getKey } from './read.ts';
import { isPlainObject, type ScimResource } from './types.ts';

export type ValidateMode = 'create' | 'replace';

/** `POST /Users` or `PUT /Users/{id}`, for error details. */
export function operationName(schema: ResourceSchema, mode: ValidateMode): string {
  const endpoint = schema.resourceType.endpoint;
  return mode === 'create' ? `POST ${endpoint}` : `PUT ${endpoint}/{id}`;
}

/** Throws the first violated constraint as a 400 invalidValue naming the attribute. */
export function checkRules(resource: ScimResource, schema: ResourceSchema, mode: ValidateMode) {
  const operation = operationName(schema, mode);
  checkContainer(resource, [...commonAttributes, ...schema.core.attributes], '', operation);
  const listed = new Set(
    (resource.schemas as string[] | undefined)?.map((u) => u.toLowerCase()) ?? [],
  );
  for (const extension of schema.extensions) {
    const id = extension.schema.id;
    if (!extension.required && !listed.has(id.toLowerCase())) continue;
    const data = getKey(resource, id);
    checkContainer(
      isPlainObject(data) ? data : {},
      extension.schema.attributes,
      `${id}:`,
      operation,
    );
  }
}

function isEmpty(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

function checkContainer(
  container: Record<string, unknown>,
  attributes: readonly AttributeDefinition[],
  prefix: string,
  operation: string,
): void {
  for (const definition of attributes) {
    const value = getKey(container, definition.name);
    const label = `${prefix}${definition.name}`;
    if (definition.required && definition.mutability !== 'readOnly' && isEmpty(value)) {
      const got = value === undefined ? 'no value for it' : `the empty value ${quote(value)}`;
      throw badRequest(
        'invalidValue',
        `Attribute "${label}" is required, but the ${operation} body has ${got}`,
      );
    }
    if (definition.type !== 'complex' || value === undefined) continue;
    const items = Array.isArray(value) ? value : [value];
    items.forEach((item, i) => {
      if (!isPlainObject(item)) return;
      const where = definition.multiValued ? `${label}[${i}]` : label;
      for (const sub of definition.subAttributes ?? []) {
        if (sub.required && sub.mutability !== 'readOnly' && isEmpty(getKey(item, sub.name))) {
          throw badRequest(
            'invalidValue',
            `Attribute "${where}.${sub.name}" is required in every "${label}" value, got ${quote(item)}`,
          );
        }
      }
    });
    if (definition.multiValued) checkPrimary(items, label);
  }
}

function checkPrimary(items: unknown[], label: string): void {
  const primaries = items.filter((item) => isPlainObject(item) && item.primary === true);
  if (primaries.length > 1) {
    throw badRequest(
      'invalidValue',
      `Attribute "${label}" has ${primaries.length} values with "primary": true, at most one is allowed (RFC 7643 §2.4): ${quote(primaries)}`,
    );
  }
}
