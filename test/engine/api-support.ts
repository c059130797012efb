// Shared by the engine's surface suites: the admin API mounted on an engine harness (the
// operator token signs in; identity admins of any role can be minted), and the CLI run
// in-process on a data directory whose job reaches a target through its app.request.
import { Hono } from 'hono';
import { createAdminApi } from '../../src/api/index.ts';
import { createProgram } from '../../src/cli/index.ts';
import { compose } from '../../src/compose.ts';
import { operatorPrincipal } from '../../src/directory/index.ts';
import { createAccounts, createProvisionedResources } from '../../src/scim-server/index.ts';
import { fastScrypt } from '../app/support.ts';
import type { createEngineHarness } from './support.ts';

export const operator = 'operator-secret-0123456789';

type Harness = Awaited<ReturnType<typeof createEngineHarness>>;

export interface ApiAnswer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: test responses are read loosely
  json: any;
  text: string;
  headers: Headers;
}

/** The admin API over the harness's store, directory and provisioning service. */
export function mountAdminApi(h: Harness) {
  const api = new Hono();
  api.route(
    '/api/v1',
    createAdminApi({
      accounts: createAccounts({
        store: h.store,
        clock: () => new Date(),
        publicUrl: 'http://localhost',
        scrypt: fastScrypt,
      }),
      provisioned: createProvisionedResources({ store: h.store }),
      clock: () => new Date(),
      adminToken: operator,
      directory: h.directory,
      provisioning: h.provisioning,
    }),
  );

  /** One request under /api/v1 (JSON body when given); the answer read as text and JSON. */
  async function call(
    method: string,
    path: string,
    body?: unknown,
    bearer = operator,
  ): Promise<ApiAnswer> {
    const response = await api.request(`/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${bearer}`,
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, json, text, headers: response.headers };
  }

  /** An identity admin's API token with `role`. */
  const mintToken = async (role: string) =>
    (await h.directory.admins.mintToken({ name: role, role }, operatorPrincipal)).token;

  return { api, call, mintToken };
}

/**
 * `roster …` in-process on `dir`, its provisioning reaching `target` (a SCIM app's request);
 * resolves with the exit code and what it printed.
 */
export function cliRunner(
  dir: string,
  target: () => { request: (url: string, init?: RequestInit) => Response | Promise<Response> },
) {
  return async (...args: string[]) => {
    let stdout = '';
    let stderr = '';
    const program = createProgram(
      { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) },
      '0.0.0-test',
      {
        openApp: (options) =>
          compose({
            ...options,
            env: { ROSTER_LOG_LEVEL: 'silent' },
            fetch: async (url, init) => target().request(url, init),
          }),
      },
    );
    await program.parseAsync(['node', 'roster', ...args, '--data', dir]);
    const code = Number(process.exitCode ?? 0);
    process.exitCode = 0;
    return { code, stdout, stderr };
  };
}
