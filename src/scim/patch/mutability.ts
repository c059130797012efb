/**
 * RFC 7644 §3.5.2 and RFC 7643 §2.2 rules every PATCH operation must respect, each a 400
 * `mutability` naming the attribute: a readOnly attribute or sub-attribute is never written;
 * an immutable one may be set only while it has no value; a required attribute may not become
 * unassigned (§3.5.2.2 "If an attribute is removed or becomes unassigned and is defined as a
 * required attribute or a read-only attribute … mutability").
 *
 * Example: assertWritable(users.resolve({ name: 'id' })!, 'id') throws 400 mutability
 */
import { badRequest, quote } from '../errors.ts';
import type { ResolvedAttribute } from '../schema/resource-schema.ts';
import type { AttributeDefinition } from '../schema/types.ts';
import { deepEqual, sameSimple } from './same-value.ts';

function display(at: ResolvedAttribute): string {
  return at.subAttr === undefined ? at.name : `${at.name}.${at.subAttr}`;
}

/** Throws when the path targets a readOnly attribute or sub-attribute. */
export function assertWritable(at: ResolvedAttribute, path: string): void {
  const readOnly = at.attribute.mutability === 'readOnly' ? at.attribute : at.sub;
  if (readOnly?.mutability === 'readOnly') {
    throw badRequest(
      'mutability',
      `Attribute "${display(at)}" is readOnly and cannot be modified (path ${quote(path)})`,
    );
  }
}

/** Throws when an immutable attribute that had a value would change. */
export function assertImmutableKept(
  at: ResolvedAttribute,
  before: unknown,
  after: unknown,
  path: string,
): void {
  if (at.attribute.mutability !== 'immutable' || before === undefined) return;
  if (deepEqual(before, after)) return;
  throw badRequest(
    'mutability',
    `Attribute "${at.name}" is immutable and already has a value (path ${quote(path)})`,
  );
}

/** Throws when a required attribute that had a value would become unassigned. */
export function assertRequiredKept(
  at: ResolvedAttribute,
  before: unknown,
  after: unknown,
  path: string,
): void {
  if (!at.attribute.required || before === undefined || after !== undefined) return;
  throw badRequest(
    'mutability',
    `Attribute "${at.name}" is required and cannot be removed (path ${quote(path)})`,
  );
}

/** Throws when an immutable sub-attribute of an existing element would get another value. */
export function assertSubKept(
  sub: AttributeDefinition,
  parent: string,
  existing: unknown,
  next: unknown,
  path: string,
): void {
  if (sub.mutability !== 'immutable' || existing === undefined || existing === null) return;
  if (next !== undefined && next !== null && sameSimple(sub, existing, next)) return;
  throw badRequest(
    'mutability',
    `Sub-attribute "${parent}.${sub.name}" is immutable and already has a value (path ${quote(path)})`,
  );
}

/** Throws when a required sub-attribute would be removed from an element that stays. */
export function assertSubRemovable(sub: AttributeDefinition, parent: string, path: string): void {
  if (!sub.required) return;
  throw badRequest(
    'mutability',
    `Sub-attribute "${parent}.${sub.name}" is required and cannot be removed (path ${quote(path)})`,
  );
}
