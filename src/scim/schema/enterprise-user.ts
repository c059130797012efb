/**
 * The Enterprise User extension, urn:ietf:params:scim:schemas:extension:enterprise:2.0:User,
 * as RFC 7643 §8.7.1 lists it (descriptions are our own wording). Its attributes travel in the
 * resource under the URN as a JSON object (RFC 7643 §3.3).
 *
 * Example: enterpriseUserSchema.attributes.find((a) => a.name === 'manager')?.subAttributes?.map((s) => s.name)
 *   → ['value', '$ref', 'displayName']
 */
import { defineAttribute as attr } from './define.ts';
import type { SchemaDefinition } from './types.ts';

export const enterpriseUserSchemaId = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

const text = (name: string, description: string) => attr(name, 'string', { description });

export const enterpriseUserSchema: SchemaDefinition = {
  id: enterpriseUserSchemaId,
  name: 'EnterpriseUser',
  description: 'Enterprise User',
  attributes: [
    text('employeeNumber', 'Identifier the organisation gives the person, e.g. by hire order.'),
    text('costCenter', 'Name of a cost center.'),
    text('organization', 'Name of an organization.'),
    text('division', 'Name of a division.'),
    text('department', 'Name of a department.'),
    attr('manager', 'complex', {
      description: "The user's manager, as a reference to another User's id.",
      subAttributes: [
        text('value', "The id of the manager's User resource."),
        attr('$ref', 'reference', {
          description: "The URI of the manager's User resource.",
          referenceTypes: ['User'],
        }),
        attr('displayName', 'string', {
          description: "The manager's displayName; set by the server.",
          mutability: 'readOnly',
        }),
      ],
    }),
  ],
};
