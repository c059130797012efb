import { describe, expect, it } from 'vitest';
import { ApiFailure, createHttp, withQuery } from './http.ts';

describe('the API client', () => {
  it('sends JSON with the session cookie and reads JSON back', async () => {
    const seen: { url: string; init: RequestInit | undefined }[] = [];
    const http = createHttp(async (url, init) => {
      seen.push({ url, init });
      return new Response(JSON.stringify({ ok: true }), { status: 201 });
    });
    expect(await http.post('/identity/session', { email: 'a', password: 'b' })).toEqual({
      ok: true,
    });
    expect(seen[0]!.url).toBe('/api/v1/identity/session');
    expect(seen[0]!.init?.credentials).toBe('same-origin');
    expect(seen[0]!.init?.body).toBe('{"email":"a","password":"b"}');
    expect(new Headers(seen[0]!.init?.headers).get('content-type')).toBe('application/json');
  });

  it('turns the API error body into an ApiFailure with its field', async () => {
    const http = createHttp(
      async () =>
        new Response(
          JSON.stringify({ error: { code: 'invalid', message: 'count is wrong', field: 'count' } }),
          { status: 400 },
        ),
    );
    const failure = await http.get('/directory/users').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiFailure);
    expect(failure).toMatchObject({ status: 400, code: 'invalid', field: 'count' });
    expect((failure as Error).message).toBe('count is wrong');
  });

  it('explains a response that is not the API error shape, and a dead network', async () => {
    const proxy = createHttp(async () => new Response('<html>Bad gateway</html>', { status: 502 }));
    await expect(proxy.get('/x')).rejects.toMatchObject({ code: 'unavailable', status: 502 });
    const down = createHttp(async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(down.get('/x')).rejects.toMatchObject({
      code: 'network',
      message: expect.stringMatching(/cannot be reached.*Failed to fetch/),
    });
  });

  it('204 answers resolve to undefined', async () => {
    const http = createHttp(async () => new Response(null, { status: 204 }));
    expect(await http.delete('/tenants/acme/tokens/1')).toBeUndefined();
  });

  it('withQuery leaves out empty values and encodes the rest', () => {
    expect(
      withQuery('/u', { filter: 'userName sw "a&b"', count: 25, search: '', x: undefined }),
    ).toBe('/u?filter=userName+sw+%22a%26b%22&count=25');
    expect(withQuery('/u')).toBe('/u');
  });
});
