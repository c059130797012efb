/**
 * Where each problem of a refused mapping configuration shows in the mapping editor: the API
 * names each by a JSON path (`objectMappings[0].attributeMappings[3].source`); this sorts them
 * into the attribute row and field, the scoping clause and field, or the object mapping's own
 * fields, and what belongs nowhere on this screen into a list for the form's alert.
 *
 * Example: locateIssues([{ code: 'expression', path: 'objectMappings[0].attributeMappings[1].source',
 *   message: "unknown function 'Jion' at 0–4", span: { start: 0, end: 4 } }], 0)
 *   → { attributes: { 1: { source: { message: "unknown function 'Jion' at 0–4", span: … } } }, … }
 */
import { ApiFailure } from '../../api/http.ts';
import type { MappingIssue } from '../../api/provisioning-types.ts';
import { sentence } from '../../ui/form-errors.ts';

export interface FieldIssue {
  message: string;
  span?: { start: number; end: number } | undefined;
}

export interface LocatedIssues {
  /** Attribute mapping row → field (`source`, `target`, …, or `row`) → issue. */
  attributes: Record<number, Record<string, FieldIssue>>;
  /** Scoping filter group → clause (or -1 for the group itself) → field → message. */
  clauses: Record<number, Record<number, Record<string, string>>>;
  /** The object mapping's own fields: enabled, actions, attributeMappings, … */
  mapping: Record<string, string>;
  /** Issues about other parts of the configuration. */
  other: string[];
}

export const noIssues = (): LocatedIssues => ({
  attributes: {},
  clauses: {},
  mapping: {},
  other: [],
});

/** The issues of a refusal: the API's list, or the one its field names, or its message. */
export function issuesOf(error: unknown): MappingIssue[] {
  if (error instanceof ApiFailure) {
    const listed = error.details.issues;
    if (Array.isArray(listed) && listed.length > 0) return listed as MappingIssue[];
    return [{ code: error.code, path: error.field ?? '', message: error.message }];
  }
  return [
    { code: 'internal', path: '', message: error instanceof Error ? error.message : String(error) },
  ];
}

const attributePath = /^objectMappings\[(\d+)\]\.attributeMappings\[(\d+)\](?:\.(\w+))?/;
const clausePath =
  /^objectMappings\[(\d+)\]\.scopingFilters\[(\d+)\](?:\.clauses(?:\[(\d+)\](?:\.(\w+))?)?)?/;
const mappingPath = /^objectMappings\[(\d+)\](?:\.(\w+))?/;

export function locateIssues(issues: readonly MappingIssue[], index: number): LocatedIssues {
  const located = noIssues();
  for (const issue of issues) {
    const message = sentence(issue.message);
    const attribute = attributePath.exec(issue.path);
    if (attribute && Number(attribute[1]) === index) {
      const row = Number(attribute[2]);
      located.attributes[row] ??= {};
      located.attributes[row][attribute[3] ?? 'row'] = { message, span: issue.span };
      continue;
    }
    const clause = clausePath.exec(issue.path);
    if (clause && Number(clause[1]) === index) {
      const group = Number(clause[2]);
      const at = clause[3] === undefined ? -1 : Number(clause[3]);
      located.clauses[group] ??= {};
      located.clauses[group][at] ??= {};
      located.clauses[group][at][clause[4] ?? 'clauses'] = message;
      continue;
    }
    const own = mappingPath.exec(issue.path);
    if (own && Number(own[1]) === index) {
      located.mapping[own[2] ?? 'mapping'] = message;
      continue;
    }
    located.other.push(issue.path ? `${issue.path}: ${message}` : message);
  }
  return located;
}

/** How many issues the editor shows, for the summary above the table. */
export function countIssues(located: LocatedIssues): number {
  let n = Object.keys(located.mapping).length + located.other.length;
  for (const row of Object.values(located.attributes)) n += Object.keys(row).length;
  for (const group of Object.values(located.clauses))
    for (const clause of Object.values(group)) n += Object.keys(clause).length;
  return n;
}
