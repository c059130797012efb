/**
 * Shared by the PATCH tests (not exported from index.ts): the User and Group schemas and the
 * shape of the fixture cases in fixtures/*.json. The tests read the files themselves, since
 * this ring's non-test files may not use node:fs.
 *
 * Example: applyPatch(c.before, parsePatchRequest(c.request), schemas[c.resourceType])
 */
import type { ResourceSchema } from '../schema/resource-schema.ts';
import { createGroupSchema, createUserSchema } from '../schema/resource-types.ts';

export const schemas: Record<'User' | 'Group', ResourceSchema> = {
  User: createUserSchema(),
  Group: createGroupSchema(),
};

/** A fixture case: a request applied to `before`, giving `after` or failing with `error`. */
export interface ApplyCase {
  name: string;
  resourceType: 'User' | 'Group';
  before: Record<string, unknown>;
  request: unknown;
  after?: Record<string, unknown>;
  error?: { status: number; scimType: string; detail: string[] };
  changed?: boolean;
  memberChanges?: { added: string[]; removed: string[] };
}
