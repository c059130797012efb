/**
 * What the operations of one PATCH request share while they are applied to the working copy.
 *
 * Example: const context: PatchContext = { schema: users, touchedSchemas: new Set() };
 */
import type { ResourceSchema } from '../schema/resource-schema.ts';

export interface PatchContext {
  schema: ResourceSchema;
  /**
   * Extension URNs whose attributes an operation wrote or removed: afterwards `schemas` lists
   * exactly those of them that still hold a value (RFC 7643 §3: `schemas` names the extensions present).
   */
  touchedSchemas: Set<string>;
}
