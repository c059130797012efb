/**
 * ETags from `meta.version` (RFC 7644 §3.14): a resource at version 7 has the weak ETag
 * `W/"7"`. If-Match and If-None-Match use weak comparison (RFC 9110 §8.8.3.2), so `"7"` and
 * `W/"7"` both name version 7; `*` matches any existing resource.
 *
 * Example: etagOf(7) → 'W/"7"'; matchesEtags('"7", W/"8"', 8) → true
 */

export const etagOf = (version: number): string => `W/"${version}"`;

/** The opaque tags of an If-Match / If-None-Match header, or '*'. */
function parseTags(header: string): '*' | string[] {
  if (header.trim() === '*') return '*';
  const tags: string[] = [];
  for (const match of header.matchAll(/(?:W\/)?"([^"]*)"|([^\s,]+)/gi)) {
    tags.push(match[1] ?? match[2] ?? '');
  }
  return tags;
}

/** True when the header names `version` (or is `*`). */
export function matchesEtags(header: string, version: number): boolean {
  const tags = parseTags(header);
  return tags === '*' || tags.includes(String(version));
}
