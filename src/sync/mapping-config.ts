/**
 * The canonical mapping configuration of a provisioning job, as the engine stores it, the API
 * exports and imports it, and the gallery templates ship it (`provisioning.objectMappings` of
 * `src/directory/gallery/*.json` is this shape verbatim). It follows Entra's attribute-mapping
 * blade (customize-application-attributes.md) and scoping filters
 * (define-conditional-rules-for-provisioning-user-accounts.md).
 *
 * Example:
 *   const config: MappingConfig = { objectMappings: [{
 *     name: 'Provision users', source: 'user', target: 'User', enabled: true,
 *     actions: ['create', 'update', 'delete'],
 *     attributeMappings: [
 *       { type: 'direct', source: 'userPrincipalName', target: 'userName', matchingPrecedence: 1 },
 *       { type: 'direct', source: 'mail', target: 'emails[type eq "work"].value' },
 *     ],
 *     scopingFilters: [{ clauses: [{ attribute: 'department', operator: 'EQUALS', value: 'Sales' }] }],
 *   }] };
 */
import type { ScopingOperator } from './scoping-operators.ts';

/** The directory object type a mapping reads. */
export type SourceObjectType = 'user' | 'group';

/** Entra's "Target Object Actions". */
export type TargetAction = 'create' | 'update' | 'delete';

export const targetActions: readonly TargetAction[] = ['create', 'update', 'delete'];

/**
 * Entra's mapping types: Direct (a source attribute), Constant (a fixed string), Expression
 * (the expression language of `src/expressions/`), None (nothing flows; with a default value
 * it sets the attribute on create only).
 */
export type MappingType = 'direct' | 'constant' | 'expression' | 'none';

export const mappingTypes: readonly MappingType[] = ['direct', 'constant', 'expression', 'none'];

/** Entra's "Apply this mapping": always, or only during object creation. */
export type ApplyMode = 'always' | 'onCreate';

export interface AttributeMapping {
  type: MappingType;
  /**
   * direct: the source attribute name (`mail`); constant: the value; expression: its text
   * (at most 10,000 characters). Absent or ignored for `none`.
   */
  source?: string;
  /**
   * The target SCIM attribute path (RFC 7644 §3.5.2 PATH): `displayName`, `name.givenName`,
   * `emails[type eq "work"].value` (the element is created when missing), or a URN-qualified
   * extension attribute (`urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager`).
   */
  target: string;
  /** Entra's "Default value if null": used when the source gives no value, on create only. */
  defaultValue?: string;
  /** Default `always`. */
  apply?: ApplyMode;
  /**
   * Present on a matching attribute: candidates are tried in ascending precedence, the first
   * with a hit decides (Entra "Matching precedence"; 1 is tried first).
   */
  matchingPrecedence?: number;
}

/** One clause of a scoping filter: `department EQUALS "Sales"`. */
export interface ScopingClause {
  /** The source attribute tested (case-insensitive). */
  attribute: string;
  operator: ScopingOperator;
  /** The operand; absent for the unary operators (IS TRUE, IS NULL, …). */
  value?: string;
}

/** One scoping filter: its clauses are ANDed. The filters of an object mapping are ORed. */
export interface ScopingFilterGroup {
  title?: string;
  clauses: ScopingClause[];
}

export interface ObjectMapping {
  /** Shown in the console and logs: "Provision users". */
  name: string;
  source: SourceObjectType;
  /** The SCIM resource type name on the target: `User`, `Group`. */
  target: string;
  enabled: boolean;
  actions: TargetAction[];
  attributeMappings: AttributeMapping[];
  /** Absent or empty: every object the job sees is in scope. */
  scopingFilters?: ScopingFilterGroup[];
}

export interface MappingConfig {
  objectMappings: ObjectMapping[];
}
