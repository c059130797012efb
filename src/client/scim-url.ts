/**
 * URLs of a SCIM service provider (RFC 7644 §3.2): the Tenant URL (Base URL) joined with a
 * resource endpoint and an id, and query parameters percent-encoded with encodeURIComponent —
 * a space is `%20`, a `+` is `%2B`, quotes and `&` are escaped — so a filter such as
 * `userName eq "a+b c&d"` reaches any server intact, whatever its form decoding.
 *
 * Example:
 *   scimUrl('https://x.test/scim/v2/', '/Users', { filter: 'userName eq "a b"' })
 *   → 'https://x.test/scim/v2/Users?filter=userName%20eq%20%22a%20b%22'
 */

export type Query = Readonly<Record<string, string | number | undefined>>;

/** The Tenant URL checked and without trailing slashes, or an explanation of what is wrong. */
export function normalizeBaseUrl(
  text: string,
): { ok: true; url: string } | { ok: false; detail: string } {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { ok: false, detail: `the Tenant URL ${JSON.stringify(text)} is not a URL` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, detail: `the Tenant URL must be http(s), got ${url.protocol}` };
  }
  if (url.search !== '' || url.hash !== '') {
    return { ok: false, detail: 'the Tenant URL must not have a query or a fragment' };
  }
  return { ok: true, url: url.href.replace(/\/+$/, '') };
}

/** `/Users` from `Users`, `/Users/`, `/Users`. */
export function endpointPath(endpoint: string): string {
  return `/${endpoint.replace(/^\/+|\/+$/g, '')}`;
}

/** `/Users/<id>` with the id percent-encoded. */
export function resourcePath(endpoint: string, id: string): string {
  return `${endpointPath(endpoint)}/${encodeURIComponent(id)}`;
}

export function scimUrl(baseUrl: string, path: string, query: Query = {}): string {
  const params = Object.entries(query)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  const base = baseUrl.replace(/\/+$/, '');
  const tail = path.startsWith('/') ? path : `/${path}`;
  return params.length === 0 ? `${base}${tail}` : `${base}${tail}?${params.join('&')}`;
}
