// A small fake target app for the fault tests: a real HTTP server on 127.0.0.1 (port 0) in
// front of Roster's own SCIM app (its `app.request`), that can be told to misbehave on chosen
// requests — answer a status (429 with Retry-After, 500, 503), hang past the client's timeout,
// reset the connection (before or after the request took effect), answer slowly, answer with
// malformed JSON, or answer 409 on a create it carried out. Rules are used up in order; every
// request is recorded with what was done to it and the status it got. The crash suite adds a
// `crash` fault that kills the client process mid-request. Loopback only; `close()` ends every
// socket.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault =
  | { kind: 'status'; status: number; retryAfter?: string; body?: string }
  /** Never answers (the request does not reach the app). */
  | { kind: 'hang' }
  /** Destroys the socket; with `after`, once the app has carried the request out. */
  | { kind: 'reset'; after?: boolean }
  /** Waits `ms`, then answers normally. */
  | { kind: 'slow'; ms: number }
  /** The app carries the request out; the answer is a 2xx whose body is not JSON. */
  | { kind: 'malformed' }
  /** The app carries the create out; the answer is 409 uniqueness, as if it had existed. */
  | { kind: 'conflict' }
  /**
   * Calls `crash` (the test kills the client's process) and drops the connection; with
   * `after`, once the app has carried the request out, so the client never learns it did.
   */
  | { kind: 'crash'; after: boolean; crash: () => void };

export interface FaultRule {
  method?: string;
  /** Tested against the path below the tenant (`/Users`, `/Users/<id>`, `/Groups?…`). */
  path?: RegExp;
  /** How many requests it applies to (default 1); Infinity for "until cleared". */
  times?: number;
  /** Matching requests let through before it applies (default 0). */
  skip?: number;
  fault: Fault;
}

export interface SeenRequest {
  method: string;
  path: string;
  fault: Fault['kind'] | null;
  /** The status the client got, when it got one. */
  status?: number;
}

type Backend = (url: string, init: RequestInit) => Promise<Response>;

const scimError = (status: number, scimType: string | undefined, detail: string) =>
  JSON.stringify({
    schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
    status: String(status),
    ...(scimType && { scimType }),
    detail,
  });

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function createFakeTarget(options: { tenant: string; upstream: string }) {
  let backend: Backend | undefined;
  const rules: (FaultRule & { left: number; skipping: number })[] = [];
  const requests: SeenRequest[] = [];
  const prefix = `/scim/v2/${options.tenant}`;

  function take(method: string, path: string): Fault | undefined {
    const index = rules.findIndex(
      (r) => (!r.method || r.method === method) && (!r.path || r.path.test(path)),
    );
    if (index < 0) return undefined;
    const rule = rules[index]!;
    if (rule.skipping > 0) {
      rule.skipping--;
      return undefined;
    }
    rule.left--;
    if (rule.left <= 0) rules.splice(index, 1);
    return rule.fault;
  }

  async function forward(req: IncomingMessage, body: string): Promise<Response> {
    if (!backend) throw new Error('the fake target has no backend yet');
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers))
      if (typeof value === 'string') headers.set(name, value);
    return backend(`${options.upstream}${req.url}`, {
      method: req.method ?? 'GET',
      headers,
      ...(body !== '' && { body }),
    });
  }

  async function send(res: ServerResponse, answer: Response, seen: SeenRequest): Promise<void> {
    const text = await answer.text();
    seen.status = answer.status;
    res.writeHead(answer.status, Object.fromEntries(answer.headers));
    res.end(text);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const path = (req.url ?? '').slice(prefix.length);
    const body = await readBody(req);
    const fault = take(method, path);
    const seen: SeenRequest = { method, path, fault: fault?.kind ?? null };
    requests.push(seen);
    if (!fault) return send(res, await forward(req, body), seen);
    switch (fault.kind) {
      case 'status':
        res.writeHead(fault.status, {
          'content-type': 'application/scim+json',
          ...(fault.retryAfter !== undefined && { 'retry-after': fault.retryAfter }),
        });
        res.end(fault.body ?? scimError(fault.status, undefined, `injected ${fault.status}`));
        return;
      case 'hang':
        return; // the socket stays open until the client gives up or close() ends it
      case 'reset':
        if (fault.after) await (await forward(req, body)).text();
        req.socket.destroy();
        return;
      case 'slow':
        await new Promise((resolve) => setTimeout(resolve, fault.ms));
        return send(res, await forward(req, body), seen);
      case 'crash':
        if (fault.after) await (await forward(req, body)).text();
        fault.crash();
        req.socket.destroy();
        return;
      case 'malformed': {
        const answer = await forward(req, body);
        await answer.text();
        res.writeHead(answer.ok ? answer.status : 200, { 'content-type': 'application/scim+json' });
        res.end('{"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "id": "tru');
        return;
      }
      case 'conflict': {
        await (await forward(req, body)).text();
        res.writeHead(409, { 'content-type': 'application/scim+json' });
        res.end(scimError(409, 'uniqueness', 'the resource exists already'));
        return;
      }
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    tenantUrl: `http://127.0.0.1:${port}${prefix}`,
    requests,
    setBackend(next: Backend) {
      backend = next;
    },
    /** Adds a rule: the next matching requests get `fault`. */
    fail(rule: FaultRule) {
      rules.push({ ...rule, left: rule.times ?? 1, skipping: rule.skip ?? 0 });
    },
    clear() {
      rules.length = 0;
    },
    /** Requests that got a fault of `kind` (or any fault). */
    faulted: (kind?: Fault['kind']) =>
      requests.filter((r) => r.fault && (!kind || r.fault === kind)),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type FakeTarget = Awaited<ReturnType<typeof createFakeTarget>>;
