/**
 * Compiles a SCIM filter AST (RFC 7644 §3.4.2.2) to one SQL condition over `scim_resources r`,
 * giving the same answers as the in-memory evaluator (`compileFilter` in src/scim/filter):
 * - indexed attributes (id, userName, externalId, displayName, meta.created/lastModified,
 *   emails.value, extension strings, members.value, groups.value) become index lookups;
 * - every other attribute is read from the resource JSON in SQL, never scanned in JavaScript;
 * - `not` is pushed down to the leaves (De Morgan) and each negated leaf is made NULL-safe, so
 *   SQL's three-valued logic cannot turn "absent" into "unknown".
 * Paths and literals are bound by the SCIM ring (`bindOperand`, `bindComparison`), so a bad
 * filter fails with the same 400 as in memory.
 *
 * Example: compileFilterSql(parseFilter('emails[type eq "work"].value eq "a@x"'), context) → SQL
 */
import { type RawBuilder, sql } from 'kysely';
import {
  type AttributeDefinition,
  type BoundOperand,
  badRequest,
  bindComparison,
  bindOperand,
  type ComparisonValue,
  type FilterNode,
  quote,
  type ResolvedAttribute,
  type ResourceSchema,
  stringifyFilter,
} from '../scim/index.ts';
import type { Dialect, ValueType } from './dialect.ts';
import { indexedAttributes, valueKey } from './indexed-values.ts';
import type { ResourceKind } from './store.ts';

type Sql = RawBuilder<unknown>;
const TRUE = sql`TRUE`;
const FALSE = sql`FALSE`;

export interface FilterSqlContext {
  schema: ResourceSchema;
  kind: ResourceKind;
  tenantId: string;
  dialect: Dialect;
}

/** Reads one typed value in SQL. */
interface Reader {
  read: (as: ValueType) => Sql;
  /** The text is already toLowerCase()d (a *_ci column, or store-written lower-case ids). */
  folded?: boolean;
  /** Text written by the store as toISOString(): string order is time order. */
  isoInstant?: boolean;
  /** TRUE when a complex value (object) or any JSON value is there; for `pr` on complex. */
  exists?: () => Sql;
}

/** One row per element of a multi-valued attribute, linked to `r`. */
interface Elements {
  /** TRUE when some element satisfies `condition`. */
  some: (condition: Sql) => Sql;
  /** Reads `sub` of the element (the element itself when `sub` is undefined). */
  read: (sub: AttributeDefinition | undefined) => Reader;
}

const and = (parts: Sql[]) =>
  parts.length === 1 ? parts[0]! : sql`(${sql.join(parts, sql` AND `)})`;
const or = (parts: Sql[]) =>
  parts.length === 1 ? parts[0]! : sql`(${sql.join(parts, sql` OR `)})`;
const notNullSafe = (condition: Sql) => sql`(NOT COALESCE(${condition}, FALSE))`;

const operators: Record<string, string> = { eq: '=', gt: '>', ge: '>=', lt: '<', le: '<=' };

export function compileFilterSql(root: FilterNode, context: FilterSqlContext): Sql {
  const { schema, dialect, tenantId } = context;
  const data = sql.ref('r.data');
  const valueIndexed = new Set(
    indexedAttributes(schema).map((a) => valueKey(a.schema, a.inCore, a.name, a.subAttr)),
  );
  let aliases = 0;
  const refuser =
    (node: FilterNode) =>
    (reason: string): never => {
      throw badRequest(
        'invalidFilter',
        `Cannot evaluate ${quote(stringifyFilter(node))}: ${reason}`,
      );
    };

  /** `scope` is set inside `attr[…]`: the value filter's elements and their attribute. */
  function compile(
    node: FilterNode,
    negate: boolean,
    scope?: { parent: AttributeDefinition; elements: Elements },
  ): Sql {
    if (node.kind === 'and' || node.kind === 'or') {
      const parts = [compile(node.left, negate, scope), compile(node.right, negate, scope)];
      return (node.kind === 'and') !== negate ? and(parts) : or(parts);
    }
    if (node.kind === 'not') return compile(node.filter, !negate, scope);
    const positive =
      node.kind === 'valuePath' ? valuePath(node, scope !== undefined) : term(node, scope);
    return negate ? notNullSafe(positive) : positive;
  }

  /** compare / present, TRUE exactly where the evaluator says true. */
  function term(
    node: FilterNode & { kind: 'compare' | 'present' },
    scope?: { parent: AttributeDefinition; elements: Elements },
  ): Sql {
    const refuse = refuser(node);
    const operand = bindOperand(node, schema, scope?.parent, refuse);
    let test: (reader: Reader) => Sql;
    let absentMatches = false;
    if (node.kind === 'present' || node.value === null) {
      if (node.kind === 'compare' && node.op !== 'eq' && node.op !== 'ne') {
        refuse(`"${node.op}" cannot compare with null; use "pr", "eq null" or "ne null"`);
      }
      test = (reader) => present(reader, operand.definition);
      if (node.kind === 'compare' && node.op === 'eq') return negateTerm(operand, test, scope);
    } else {
      const comparison = bindComparison(operand.definition, node.op, node.value, refuse);
      test = (reader) => compare(reader, comparison);
      absentMatches = node.op === 'ne';
    }
    if (scope !== undefined) {
      const reader = scope.elements.read(operand.sub);
      return absentMatches
        ? or([sql`${reader.read(typeOf(operand.definition))} IS NULL`, test(reader)])
        : test(reader);
    }
    const source = sourceOf(operand.at!, operand);
    const indexed = absentMatches ? undefined : source.lookup?.(node);
    if (indexed) return indexed;
    if (source.scalar) {
      const reader = source.scalar;
      return absentMatches
        ? or([sql`${reader.read(typeOf(operand.definition))} IS NULL`, test(reader)])
        : test(reader);
    }
    const elements = source.elements!;
    if (!absentMatches) return elements.some(test(elements.read(operand.sub)));
    const reader = elements.read(operand.sub);
    return or([
      notNullSafe(elements.some(TRUE)),
      elements.some(or([sql`${reader.read(typeOf(operand.definition))} IS NULL`, test(reader)])),
    ]);
  }

  /** `eq null`: no candidate is present — the exact negation of `pr`. */
  function negateTerm(
    operand: BoundOperand,
    test: (reader: Reader) => Sql,
    scope?: { elements: Elements },
  ): Sql {
    if (scope !== undefined) return notNullSafe(test(scope.elements.read(operand.sub)));
    const source = sourceOf(operand.at!, operand);
    if (source.scalar) return notNullSafe(test(source.scalar));
    return notNullSafe(source.elements!.some(test(source.elements!.read(operand.sub))));
  }

  function valuePath(node: FilterNode & { kind: 'valuePath' }, nested: boolean): Sql {
    const refuse = refuser(node);
    if (nested) refuse('value filters cannot be nested');
    if (node.path.subAttr !== undefined)
      refuse('a value filter applies to an attribute, not a sub-attribute');
    const operand = bindOperand({ kind: 'present', path: node.path }, schema, undefined, refuse);
    const parent = operand.at!.attribute;
    if (parent.type !== 'complex' && !parent.multiValued) {
      refuse(
        `${parent.name} is a single simple value; a value filter needs a complex or multi-valued attribute`,
      );
    }
    const elements = elementsOf(operand.at!);
    const inner = compile(node.filter, false, { parent, elements });
    const narrowed = valueFilterLookup(node.filter, operand.at!);
    return narrowed ? and([narrowed, elements.some(inner)]) : elements.some(inner);
  }

  function typeOf(definition: AttributeDefinition): ValueType {
    if (definition.type === 'boolean') return 'boolean';
    if (definition.type === 'integer' || definition.type === 'decimal') return 'number';
    return 'text';
  }

  /** Where the values of a top-level attribute live, and the index that answers it if any. */
  function sourceOf(
    at: ResolvedAttribute,
    operand: BoundOperand,
  ): {
    scalar?: Reader;
    elements?: Elements;
    lookup?: (node: FilterNode & { kind: 'compare' | 'present' }) => Sql | undefined;
  } {
    if (at.inCore) {
      const column = coreColumn(at.name, at.subAttr);
      if (column) return { scalar: column };
    }
    if (at.attribute.multiValued || isMembership(at)) {
      const key = valueKey(at.schema, at.inCore, at.name, operand.sub?.name);
      const lookup = valueIndexed.has(key)
        ? (node: FilterNode & { kind: 'compare' | 'present' }) => indexLookup(key, node, operand)
        : undefined;
      return { elements: elementsOf(at), ...(lookup ? { lookup } : {}) };
    }
    const path = operand.sub ? [...jsonPath(at), operand.sub.name] : jsonPath(at);
    const scalar: Reader = {
      read: (as) => readJson(data, path, as),
      exists: () => dialect.jsonHasValue(data, path),
    };
    const key = valueKey(at.schema, at.inCore, at.name, operand.sub?.name);
    if (!valueIndexed.has(key)) return { scalar };
    return { scalar, lookup: (node) => indexLookup(key, node, operand) };
  }

  const jsonPath = (at: ResolvedAttribute) => (at.inCore ? [at.name] : [at.schema, at.name]);
  const isMembership = (at: ResolvedAttribute) =>
    at.inCore &&
    ((context.kind === 'Group' && at.name === 'members') ||
      (context.kind === 'User' && at.name === 'groups'));

  function readJson(json: Sql, path: readonly string[], as: ValueType): Sql {
    if (as === 'number') return dialect.jsonNumber(json, path);
    if (as === 'boolean') return dialect.jsonBoolean(json, path);
    return dialect.jsonText(json, path);
  }

  function coreColumn(name: string, sub: string | undefined): Reader | undefined {
    const column = (c: string, extra: Partial<Reader> = {}): Reader => ({
      read: (as) => (as === 'text' ? sql.ref(`r.${c}`) : sql`NULL`),
      ...extra,
    });
    if (sub === undefined) {
      if (name === 'id') return column('id');
      if (name === 'externalId') return column('external_id');
      if (name === 'userName' && context.kind === 'User')
        return column('user_name_ci', { folded: true });
      if (name === 'displayName') return column('display_name_ci', { folded: true });
      return undefined;
    }
    if (name !== 'meta') return undefined;
    if (sub === 'created') return column('created', { isoInstant: true });
    if (sub === 'lastModified') return column('last_modified', { isoInstant: true });
    if (sub === 'resourceType')
      return { read: (as) => (as === 'text' ? sql`${context.kind}` : sql`NULL`) };
    // meta.location and meta.version are computed per response, not stored.
    return { read: () => sql`NULL` };
  }

  function elementsOf(at: ResolvedAttribute): Elements {
    if (isMembership(at)) return membership(at.name === 'members' ? 'group_id' : 'member_id');
    const path = jsonPath(at);
    if (!at.attribute.multiValued) {
      // A single complex value (`name[givenName eq "x"]`) is one element, when present.
      return {
        some: (condition) => and([dialect.jsonHasValue(data, path), condition]),
        read: (sub) => {
          const at = sub ? [...path, sub.name] : path;
          return {
            read: (as) => readJson(data, at, as),
            exists: () => dialect.jsonHasValue(data, at),
          };
        },
      };
    }
    const alias = `e${++aliases}`;
    return {
      some: (condition) =>
        sql`EXISTS (SELECT 1 FROM ${dialect.eachElement(data, path, alias)} WHERE ${condition})`,
      read: (sub) => ({
        read: (as) => dialect.elementValue(alias, sub?.name, as),
        exists: () => dialect.elementHasValue(alias, sub?.name),
      }),
    };
  }

  function membership(link: 'group_id' | 'member_id'): Elements {
    const other = link === 'group_id' ? 'member_id' : 'group_id';
    const alias = `m${++aliases}`;
    const column = (c: string) => sql.ref(`${alias}.${c}`);
    return {
      some: (condition) =>
        sql`r.id IN (SELECT ${column(link)} FROM scim_members AS ${sql.ref(alias)} WHERE ${column('tenant_id')} = ${tenantId} AND ${condition})`,
      read(sub) {
        const name = sub?.name ?? 'value';
        // Ids are lower-case UUIDs written by the store: already folded.
        if (name === 'value')
          return { read: (as) => (as === 'text' ? column(other) : sql`NULL`), folded: true };
        if (name === 'type' && link === 'group_id') {
          return { read: (as) => (as === 'text' ? column('member_kind') : sql`NULL`) };
        }
        return { read: () => sql`NULL` };
      },
    };
  }

  /** A positive compare/present on a scim_values attribute, answered by the index. */
  function indexLookup(
    key: string,
    node: FilterNode & { kind: 'compare' | 'present' },
    operand: BoundOperand,
  ): Sql | undefined {
    const definition = operand.definition;
    if (definition.type !== 'string' && definition.type !== 'reference') return undefined;
    let condition: Sql;
    const exact = definition.caseExact;
    const reader: Reader = {
      read: () => sql.ref(exact ? 'v.value' : 'v.value_ci'),
      folded: !exact,
    };
    if (node.kind === 'present') condition = sql`v.value <> ''`;
    else if (node.value === null || node.op === 'ne') return undefined;
    else
      condition = compare(reader, bindComparison(definition, node.op, node.value, refuser(node)));
    return sql`r.id IN (SELECT v.resource_id FROM scim_values AS v WHERE v.tenant_id = ${tenantId} AND v.attr = ${key} AND ${condition})`;
  }

  /** `emails[type eq "work" and value eq "x"]`: narrow by the `value eq` term through the index. */
  function valueFilterLookup(filter: FilterNode, at: ResolvedAttribute): Sql | undefined {
    const key = valueKey(at.schema, at.inCore, at.name, 'value');
    if (!valueIndexed.has(key)) return undefined;
    const stack = [filter];
    while (stack.length > 0) {
      const top = stack.pop()!;
      if (top.kind === 'and') stack.push(top.left, top.right);
      else if (
        top.kind === 'compare' &&
        top.op === 'eq' &&
        top.path.name.toLowerCase() === 'value' &&
        top.path.uri === undefined &&
        top.path.subAttr === undefined
      ) {
        const operand = bindOperand(top, schema, at.attribute, refuser(top));
        return indexLookup(key, top, operand);
      }
    }
    return undefined;
  }

  function present(reader: Reader, definition: AttributeDefinition): Sql {
    const type = typeOf(definition);
    if (definition.type === 'complex') return reader.exists ? reader.exists() : FALSE;
    if (type !== 'text') return sql`(${reader.read(type)} IS NOT NULL)`;
    const text = reader.read('text');
    return sql`(${text} IS NOT NULL AND ${text} <> '')`;
  }

  function compare(reader: Reader, c: ComparisonValue): Sql {
    if (c.op === 'ne') return notNullSafe(compare(reader, { ...c, op: 'eq' } as ComparisonValue));
    const op = sql.raw(operators[c.op] ?? '=');
    if (c.type === 'boolean') return sql`(${reader.read('boolean')} = ${c.value ? TRUE : FALSE})`;
    if (c.type === 'number') return sql`(${reader.read('number')} ${op} ${c.value})`;
    if (c.type === 'instant') {
      if (reader.isoInstant)
        return sql`(${reader.read('text')} ${op} ${new Date(c.value).toISOString()})`;
      return sql`(${dialect.instant(reader.read('text'))} ${op} ${dialect.instant(sql`${c.text}`)})`;
    }
    const fold = !c.caseExact;
    const text = fold && !reader.folded ? dialect.lower(reader.read('text')) : reader.read('text');
    const lhs =
      c.op === 'eq' || c.op === 'co' || c.op === 'ew' ? text : dialect.codePointOrder(text);
    const rhs = sql`${fold ? c.value.toLowerCase() : c.value}`;
    if (c.op === 'co') return dialect.contains(lhs, rhs);
    if (c.op === 'sw') return and([sql`${lhs} >= ${rhs}`, dialect.startsWith(lhs, rhs)]);
    if (c.op === 'ew') return dialect.endsWith(lhs, rhs);
    return sql`(${lhs} ${op} ${rhs})`;
  }

  return compile(root, false);
}
