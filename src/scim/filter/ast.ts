/**
 * The typed AST of RFC 7644 §3.4.2.2 filters and §3.5.2 PATCH paths.
 * Names are kept as written; `ResourceSchema.resolve` maps them to canonical attributes.
 */

/** RFC 7644 §3.4.2.2 comparison operators (always lower-case in the AST). */
export type CompareOperator = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';

/**
 * A literal compValue: JSON string, number, true/false or null. A dateTime literal is a
 * string; the evaluator and the SQL compiler treat it as an instant when the attribute's
 * type is dateTime.
 */
export type FilterLiteral = string | number | boolean | null;

/**
 * An attribute reference: `userName`, `name.givenName`,
 * `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value`.
 * `uri` is the schema URN when the name was qualified (everything before the last ':').
 */
export interface AttrPath {
  uri?: string;
  name: string;
  subAttr?: string;
}

export type FilterNode =
  | { kind: 'compare'; path: AttrPath; op: CompareOperator; value: FilterLiteral }
  | { kind: 'present'; path: AttrPath }
  | { kind: 'and'; left: FilterNode; right: FilterNode }
  | { kind: 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; filter: FilterNode }
  /**
   * `emails[type eq "work" and value co "@example.com"]`: the inner filter's paths are
   * relative to one element of the multi-valued (or complex) attribute `path`, and must all
   * hold for the same element. `path.subAttr` is never set here.
   */
  | { kind: 'valuePath'; path: AttrPath; filter: FilterNode };

/**
 * A PATCH path (RFC 7644 §3.5.2 ABNF `PATH = attrPath / valuePath [subAttr]`):
 * `members`, `name.familyName`, `emails[type eq "work"].value`, `members[value eq "2819c223"]`.
 * With `filter`, `subAttr` is the part after the closing bracket.
 */
export interface PatchPath {
  uri?: string;
  name: string;
  filter?: FilterNode;
  subAttr?: string;
}
