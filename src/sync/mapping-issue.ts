/**
 * What is wrong with a mapping configuration, as data: where (a JSON path into the config),
 * what, and for expressions the span of the offending text so the console can underline it.
 * Validation and compilation collect every issue rather than stopping at the first.
 *
 * Example: { code: 'expression', path: 'objectMappings[0].attributeMappings[4].source',
 *   message: "unknown function 'Jion' at 0–4: did you mean 'Join'?", span: { start: 0, end: 4 },
 *   mapping: 'Provision users', target: 'name.formatted' }
 */

export type MappingIssueCode =
  /** A value of the wrong JSON type, a missing or unknown key. */
  | 'shape'
  /** An expression (or a direct mapping's attribute name) that does not compile. */
  | 'expression'
  /** A target path that does not parse, names no attribute, or cannot be written. */
  | 'target'
  /** Two mappings writing one target, or two matching attributes with one precedence. */
  | 'duplicate'
  /** Matching attributes missing or unusable. */
  | 'matching'
  /** A scoping clause with a bad operator, value or regular expression. */
  | 'scope'
  /** A source attribute the directory does not have (only when the caller lists them). */
  | 'source';

export interface MappingIssue {
  code: MappingIssueCode;
  /** JSON path into the configuration: `objectMappings[0].attributeMappings[3].target`. */
  path: string;
  message: string;
  /** For expression issues: the span in the expression text, end exclusive. */
  span?: { start: number; end: number };
  /** The object mapping's name, when known. */
  mapping?: string;
  /** The attribute mapping's target, when known. */
  target?: string;
}

/** A value or the issues that prevent it. */
export type Checked<T> = { ok: true; value: T } | { ok: false; issues: MappingIssue[] };
