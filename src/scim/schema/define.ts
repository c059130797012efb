/**
 * Helpers to write RFC 7643 §7 schemas down as data: `defineAttribute` fills in the §2.2
 * default characteristics, `defineExtensionSchema` checks a custom extension once at startup,
 * `extendResourceType` attaches extensions to a resource type (RFC 7643 §6 schemaExtensions).
 *
 * Example:
 *   const acme = defineExtensionSchema({
 *     id: 'urn:ietf:params:scim:schemas:extension:acme:2.0:User', name: 'AcmeUser',
 *     description: 'Acme badge data', attributes: [defineAttribute('badgeNumber', 'string', { uniqueness: 'server' })],
 *   });
 *   const users = createUserSchema([{ schema: acme, required: false }]);
 */
import type {
  AttributeDefinition,
  AttributeType,
  ResourceTypeDefinition,
  SchemaDefinition,
} from './types.ts';

export type AttributeOptions = Partial<Omit<AttributeDefinition, 'name' | 'type'>>;

/**
 * An attribute with every characteristic filled in; anything not given takes the RFC 7643 §2.2
 * default (not required, caseExact false, readWrite, returned default, uniqueness none).
 */
export function defineAttribute(
  name: string,
  type: AttributeType,
  options: AttributeOptions = {},
): AttributeDefinition {
  const { canonicalValues, referenceTypes, subAttributes, ...rest } = options;
  const definition: AttributeDefinition = {
    name,
    type,
    multiValued: false,
    description: '',
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...rest,
  };
  if (canonicalValues !== undefined) definition.canonicalValues = canonicalValues;
  if (referenceTypes !== undefined) definition.referenceTypes = referenceTypes;
  if (subAttributes !== undefined) definition.subAttributes = subAttributes;
  return definition;
}

/** RFC 7643 §2.1 ATTRNAME = ALPHA *(nameChar); `$ref` is the one sanctioned exception. */
const attributeName = /^(?:[A-Za-z][A-Za-z0-9_-]*|\$ref)$/;

/**
 * Checks a schema declared as data and returns it unchanged: a URN id, legal and unique
 * (case-insensitive) attribute names, sub-attributes only on complex attributes and never nested
 * (RFC 7643 §2.3.8), reference types on references. Throws a plain Error: a bad schema is a
 * configuration mistake, not client input.
 */
export function defineExtensionSchema(schema: SchemaDefinition): SchemaDefinition {
  if (!/^urn:[a-z0-9][a-z0-9-]{0,31}:\S+$/i.test(schema.id)) {
    throw new Error(`schema id must be a URN, got ${JSON.stringify(schema.id)}`);
  }
  checkAttributes(schema.id, schema.attributes, false);
  return schema;
}

function checkAttributes(
  where: string,
  attributes: readonly AttributeDefinition[],
  nested: boolean,
): void {
  const seen = new Set<string>();
  for (const a of attributes) {
    const at = `${where}:${a.name}`;
    if (!attributeName.test(a.name)) throw new Error(`${at}: illegal attribute name`);
    if (seen.has(a.name.toLowerCase())) throw new Error(`${at}: attribute declared twice`);
    seen.add(a.name.toLowerCase());
    if (a.type === 'complex') {
      if (nested) throw new Error(`${at}: a sub-attribute cannot be complex (RFC 7643 §2.3.8)`);
      if (!a.subAttributes?.length) throw new Error(`${at}: complex attribute needs subAttributes`);
      checkAttributes(at, a.subAttributes, true);
    } else if (a.subAttributes) {
      throw new Error(`${at}: only complex attributes have subAttributes`);
    }
    if (a.referenceTypes && a.type !== 'reference') {
      throw new Error(`${at}: referenceTypes apply to reference attributes only`);
    }
  }
}

/** A copy of `resourceType` that also lists `extensions` in its schemaExtensions. */
export function extendResourceType(
  resourceType: ResourceTypeDefinition,
  extensions: readonly { schema: string; required: boolean }[],
): ResourceTypeDefinition {
  const known = new Set(resourceType.schemaExtensions.map((e) => e.schema.toLowerCase()));
  const added = extensions.filter((e) => {
    const urn = e.schema.toLowerCase();
    if (known.has(urn)) return false;
    known.add(urn);
    return true;
  });
  return { ...resourceType, schemaExtensions: [...resourceType.schemaExtensions, ...added] };
}
