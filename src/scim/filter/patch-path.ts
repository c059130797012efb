/**
 * PATCH paths (RFC 7644 §3.5.2, Figure 7: `PATH = attrPath / valuePath [subAttr]`):
 * `members`, `name.familyName`, `members[value eq "2819c223"]`, `emails[type eq "work"].value`,
 * `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager`. A bare schema URN such
 * as `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User` parses as uri + name ('User');
 * callers recognise it with `ResourceSchema.schemaById(uri + ':' + name)`.
 *
 * Example: parsePatchPath('emails[type eq "work"].value')
 *   → { name: 'emails', filter: { kind: 'compare', … }, subAttr: 'value' }
 */
import type { PatchPath } from './ast.ts';
import { checkName, toAttrPath } from './attr-path.ts';
import { createFilterParser } from './filter-parser.ts';
import { createLexer } from './lexer.ts';
import { checkLength, type FilterLimits, withDefaults } from './limits.ts';
import { createFail, unexpected } from './syntax-error.ts';

/** Parses a PATCH operation's `path`; every error is a 400 `invalidPath` (RFC 7644 §3.12). */
export function parsePatchPath(text: string, limits?: Partial<FilterLimits>): PatchPath {
  const bounds = withDefaults(limits);
  const fail = createFail('invalidPath', 'path', text);
  checkLength(text, bounds, fail);
  const lexer = createLexer(text, fail);
  const first = lexer.next();
  if (first.kind !== 'word') fail(unexpected(first.text), first.pos, 'expected an attribute name');
  const attr = toAttrPath(first.text, first.pos, fail);
  const path: PatchPath = { ...attr };
  const open = lexer.next();
  if (open.kind === 'end') return path;
  if (open.kind !== '[')
    fail(unexpected(open.text), open.pos, 'expected "[" or the end of the path');
  if (attr.subAttr !== undefined) {
    fail('A value filter applies to an attribute, not a sub-attribute', open.pos);
  }
  const parser = createFilterParser(lexer, bounds, fail);
  const { filter, close } = parser.bracketed(attr, open);
  path.filter = filter;
  const after = lexer.next();
  if (after.kind === 'end') return path;
  if (after.kind !== 'word' || !after.text.startsWith('.') || after.pos !== close.pos + 1) {
    return fail(
      unexpected(after.text),
      after.pos,
      'expected ".subAttribute" or the end of the path',
    );
  }
  const subAttr = after.text.slice(1);
  const dot = subAttr.indexOf('.');
  if (dot >= 0) fail('At most one sub-attribute may follow "]"', after.pos + 1 + dot);
  checkName(subAttr, after.pos + 1, fail);
  path.subAttr = subAttr;
  parser.expect('end', 'expected the end of the path');
  return path;
}
