/**
 * Differential test against the npm package scim2-parse-filter (a devDependency oracle, never the
 * implementation). Every filter of the corpus declares how the two relate — same parse / same
 * evaluation, or a documented disagreement with its RFC reason — so any new disagreement fails.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { type Filter, filter as oracleFilter, parse as oracleParse } from 'scim2-parse-filter';
import type { ScimResource } from '../resource/types.ts';
import type { AttrPath, FilterNode } from './ast.ts';
import { compileFilter } from './compile.ts';
import { groupSchema, userSchema } from './fixture-schema.ts';
import { parseFilter } from './parse.ts';

const load = (name: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

type Relation = 'same' | 'differs' | 'theyReject' | 'weReject' | 'bothReject';
interface Entry {
  filter: string;
  parse: Relation;
  eval?: 'same' | 'differs';
  reason?: string;
  resourceType?: 'Group';
}
const corpus: { reasons: Record<string, string>; entries: Entry[] } = load('oracle-corpus.json');
const users: Record<string, ScimResource> = load('users.json');
const groups: Record<string, ScimResource> = load('groups.json');

/** The oracle's attrPath string in our shape: the URI is everything before the last ':'. */
function toPath(text: string): AttrPath {
  const colon = text.lastIndexOf(':');
  const [name, subAttr] = text.slice(colon + 1).split('.') as [string, string | undefined];
  const path: AttrPath = { name };
  if (colon > 0) path.uri = text.slice(0, colon);
  if (subAttr !== undefined) path.subAttr = subAttr;
  return path;
}

/** The oracle's n-ary and/or lists fold to the left, as our parser associates. */
function fromOracle(f: Filter): FilterNode {
  switch (f.op) {
    case 'and':
    case 'or': {
      const op = f.op;
      return f.filters.map(fromOracle).reduce((left, right) => ({ kind: op, left, right }));
    }
    case 'not':
      return { kind: 'not', filter: fromOracle(f.filter) };
    case '[]':
      return { kind: 'valuePath', path: toPath(f.attrPath), filter: fromOracle(f.valFilter) };
    case 'pr':
      return { kind: 'present', path: toPath(f.attrPath) };
    default:
      return { kind: 'compare', path: toPath(f.attrPath), op: f.op, value: f.compValue };
  }
}

function attempt<T>(run: () => T): T | undefined {
  try {
    return run();
  } catch {
    return undefined;
  }
}

function parseRelation(text: string): Relation {
  const ours = attempt(() => parseFilter(text));
  const theirs = attempt(() => oracleParse(text));
  if (ours && theirs) {
    const same = attempt(() => {
      assert.deepEqual(ours, fromOracle(theirs));
      return true;
    });
    return same ? 'same' : 'differs';
  }
  return ours ? 'theyReject' : theirs ? 'weReject' : 'bothReject';
}

describe('differential: scim2-parse-filter', () => {
  for (const entry of corpus.entries) {
    test(entry.filter, () => {
      const different = entry.parse !== 'same' && entry.parse !== 'bothReject';
      if (different || entry.eval === 'differs') {
        assert.ok(
          entry.reason && corpus.reasons[entry.reason],
          'a disagreement needs an RFC reason',
        );
      }
      assert.equal(parseRelation(entry.filter), entry.parse, 'parse relation');
      if (entry.eval === undefined) return;
      const [resources, schema] =
        entry.resourceType === 'Group' ? [groups, groupSchema] : [users, userSchema];
      const ours = compileFilter(parseFilter(entry.filter), schema);
      const theirs = oracleFilter(oracleParse(entry.filter));
      const disagreements = Object.keys(resources).filter(
        (key) => ours(resources[key]!) !== theirs(resources[key]!),
      );
      const relation = disagreements.length === 0 ? 'same' : 'differs';
      assert.equal(
        relation,
        entry.eval,
        `evaluation relation (disagree on ${disagreements.join(', ')})`,
      );
    });
  }
});
