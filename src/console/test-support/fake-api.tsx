/**
 * Test support: a fake fetch that answers the admin API from a table of handlers, and a render
 * helper that wraps a screen in the ApiProvider built on it. No network, no module mocking.
 *
 * Example: const api = fakeApi({ 'POST /api/v1/tenants/acme/tokens': () => json(201, minted) });
 *          renderWithApi(<CreateTokenDialog … />, api);
 */
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { ApiProvider, createApis } from '../api/api-context.tsx';
import type { Fetch } from '../api/http.ts';

export type Handler = (body: unknown, url: URL) => Response | Promise<Response>;

export const json = (status: number, body: unknown) =>
  new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });

export const apiError = (status: number, code: string, message: string, field: string | null) =>
  json(status, { error: { code, message, field } });

export function fakeApi(handlers: Record<string, Handler>) {
  const calls: { method: string; path: string; body: unknown }[] = [];
  const fetchFn: Fetch = async (input, init) => {
    const url = new URL(input, 'http://console.test');
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    calls.push({ method, path: url.pathname + url.search, body });
    const handler = handlers[`${method} ${url.pathname}`];
    if (!handler) return apiError(404, 'notFound', `no fake for ${method} ${url.pathname}`, null);
    return handler(body, url);
  };
  return { fetch: fetchFn, calls };
}

export function renderWithApi(ui: ReactElement, api: { fetch: Fetch }) {
  return render(<ApiProvider apis={createApis(api.fetch)}>{ui}</ApiProvider>);
}
