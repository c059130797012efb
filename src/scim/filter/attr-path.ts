/**
 * Attribute paths (RFC 7644 §3.10): `[URI ":"] ATTRNAME ["." subAttr]`. The URI is everything
 * before the LAST ':' of the name, so the dot of "2.0" in
 * `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value` stays in the URI.
 * Names allow letters, digits, `-`, `_` and `$` (for `$ref`, RFC 7643 §2.3.7).
 *
 * Example: parseAttrPath('name.familyName') → { name: 'name', subAttr: 'familyName' }
 */
import type { AttrPath } from './ast.ts';
import { createLexer } from './lexer.ts';
import { checkLength, defaultFilterLimits } from './limits.ts';
import { createFail, type Fail, unexpected } from './syntax-error.ts';

const namePattern = /^[A-Za-z$][A-Za-z0-9_$-]*$/;

/** Checks one ATTRNAME that starts at `pos`. */
export function checkName(name: string, pos: number, fail: Fail): void {
  if (name === '') fail('Missing attribute name', pos);
  if (!namePattern.test(name)) {
    fail(
      `Invalid attribute name ${JSON.stringify(name)}`,
      pos,
      'a name starts with a letter and uses letters, digits, "-", "_" or "$"',
    );
  }
}

/** Splits a word token (at `pos`) into its URI, name and sub-attribute. */
export function toAttrPath(text: string, pos: number, fail: Fail): AttrPath {
  const colon = text.lastIndexOf(':');
  if (colon === 0) fail('Missing schema URI before ":"', pos);
  const rest = text.slice(colon + 1);
  const restPos = pos + colon + 1;
  const dot = rest.indexOf('.');
  const name = dot < 0 ? rest : rest.slice(0, dot);
  checkName(name, restPos, fail);
  const path: AttrPath = { name };
  if (colon > 0) path.uri = text.slice(0, colon);
  if (dot >= 0) {
    const subAttr = rest.slice(dot + 1);
    const second = subAttr.indexOf('.');
    if (second >= 0) {
      fail('At most one sub-attribute may follow an attribute name', restPos + dot + 1 + second);
    }
    checkName(subAttr, restPos + dot + 1, fail);
    path.subAttr = subAttr;
  }
  return path;
}

/**
 * Parses one attribute path as used by `sortBy`, `attributes` and `excludedAttributes`
 * (RFC 7644 §3.4.2.3, §3.4.2.5, §3.10); surrounding whitespace is ignored. A malformed path is a
 * 400 `invalidPath` (RFC 7644 §3.12 defines it for PATCH; it is the closest keyword for a bad
 * path in a query parameter). A bare schema URN parses as uri + last segment, as in PATCH.
 *
 * Example: parseAttrPath('urn:ietf:params:scim:schemas:core:2.0:User:userName')
 *   → { uri: 'urn:ietf:params:scim:schemas:core:2.0:User', name: 'userName' }
 */
export function parseAttrPath(text: string): AttrPath {
  const fail = createFail('invalidPath', 'attribute path', text);
  checkLength(text, defaultFilterLimits, fail);
  const lexer = createLexer(text, fail);
  const first = lexer.next();
  if (first.kind !== 'word') fail(unexpected(first.text), first.pos, 'expected an attribute name');
  const path = toAttrPath(first.text, first.pos, fail);
  const end = lexer.next();
  if (end.kind !== 'end') fail(unexpected(end.text), end.pos, 'expected the end of the path');
  return path;
}
