/**
 * Parses the `attributes` / `excludedAttributes` query parameters (RFC 7644 §3.4.2.5) and a
 * single attribute name such as `sortBy` (§3.4.2.3) into attribute paths (RFC 7644 §3.10).
 * Parsing never fails: a name that resolves to nothing is dropped later, by whoever knows the
 * schema.
 *
 * Example:
 *   parseAttributeList('userName, name.givenName,,urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value')
 *   → [{ name: 'userName' }, { name: 'name', subAttr: 'givenName' },
 *      { uri: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User', name: 'manager', subAttr: 'value' }]
 */
import type { AttrPath } from '../filter/ast.ts';

/**
 * One attribute name: the URN is everything before the LAST ':' (schema URNs contain ':' and
 * '.', attribute names contain neither), then `name[.subAttr]` splits at the first '.'.
 */
export function parseAttributeName(text: string): AttrPath {
  const trimmed = text.trim();
  const colon = trimmed.lastIndexOf(':');
  const uri = colon === -1 ? undefined : trimmed.slice(0, colon);
  const local = colon === -1 ? trimmed : trimmed.slice(colon + 1);
  const dot = local.indexOf('.');
  const path: AttrPath = { name: dot === -1 ? local : local.slice(0, dot) };
  if (uri !== undefined) path.uri = uri;
  if (dot !== -1) path.subAttr = local.slice(dot + 1);
  return path;
}

/**
 * A comma-separated list of attribute names. Entries are trimmed and empty ones skipped, so an
 * absent or empty parameter (`attributes=`, which real clients send) gives `[]`: no restriction.
 */
export function parseAttributeList(csv: string | undefined): AttrPath[] {
  if (csv === undefined) return [];
  return csv
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map(parseAttributeName);
}
