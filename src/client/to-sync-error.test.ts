// The one status → SyncError kind mapping, table-driven; Retry-After in both forms.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRetryAfter } from './retry-after.ts';
import { type CallFailure, toSyncError } from './to-sync-error.ts';

const error = (status: number, detail: string, scimType?: string) => ({
  schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
  status: String(status),
  ...(scimType && { scimType }),
  detail,
});

describe('toSyncError: HTTP statuses', () => {
  const table: [number, string | undefined, string][] = [
    [400, 'invalidValue', 'rejected'],
    [400, 'invalidFilter', 'rejected'],
    [401, undefined, 'stop'],
    [403, undefined, 'stop'],
    [403, 'sensitive', 'rejected'],
    [404, undefined, 'notFound'],
    [405, undefined, 'rejected'],
    [408, undefined, 'transient'],
    [409, 'uniqueness', 'exists'],
    [412, undefined, 'rejected'],
    [413, undefined, 'rejected'],
    [415, undefined, 'rejected'],
    [422, undefined, 'rejected'],
    [429, undefined, 'transient'],
    [500, undefined, 'transient'],
    [501, undefined, 'rejected'],
    [502, undefined, 'transient'],
    [503, undefined, 'transient'],
    [504, undefined, 'transient'],
    [505, undefined, 'rejected'],
    [599, undefined, 'transient'],
    [302, undefined, 'rejected'],
  ];
  for (const [status, scimType, kind] of table) {
    it(`${status}${scimType ? ` ${scimType}` : ''} → ${kind}`, () => {
      const e = toSyncError(
        { kind: 'http', status, body: error(status, 'why', scimType) },
        'GET /Users',
      );
      assert.equal(e.kind, kind);
      assert.equal(e.status, status);
      assert.equal(e.scimType, scimType);
      assert.equal(e.detail, 'why');
      assert.equal(e.request, 'GET /Users');
      assert.equal(e.message, `GET /Users: ${status} why`);
    });
  }
});

describe('toSyncError: other failures', () => {
  const cases: [string, CallFailure, Record<string, unknown>][] = [
    [
      'network failure',
      {
        kind: 'network',
        cause: new TypeError('fetch failed', {
          cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
            code: 'ECONNREFUSED',
          }),
        }),
      },
      {
        kind: 'transient',
        detail:
          'no answer from the target: fetch failed: connect ECONNREFUSED 127.0.0.1:1 (ECONNREFUSED)',
      },
    ],
    [
      'timeout',
      { kind: 'timeout', timeoutMs: 60000 },
      { kind: 'transient', detail: 'no answer within 60000 ms' },
    ],
    [
      'garbled 200',
      { kind: 'malformed', status: 200, detail: 'not JSON' },
      { kind: 'transient', status: 200, detail: 'not JSON' },
    ],
    [
      'bad configuration',
      { kind: 'config', detail: 'the Tenant URL "x" is not a URL' },
      { kind: 'stop', detail: 'the Tenant URL "x" is not a URL' },
    ],
    [
      'a non-SCIM error body is quoted',
      { kind: 'http', status: 502, body: '<html>\n<body>Bad   gateway</body></html>' },
      { kind: 'transient', detail: '<html> <body>Bad gateway</body></html>' },
    ],
    [
      'an empty error body gives the status text',
      { kind: 'http', status: 503 },
      { kind: 'transient', detail: 'Service Unavailable' },
    ],
    [
      'Retry-After seconds',
      { kind: 'http', status: 429, retryAfter: '30', nowMs: 0 },
      { kind: 'transient', retryAfterMs: 30000 },
    ],
    [
      'Retry-After HTTP-date',
      {
        kind: 'http',
        status: 503,
        retryAfter: 'Thu, 01 Jan 2026 00:01:00 GMT',
        nowMs: Date.parse('2026-01-01T00:00:00Z'),
      },
      { kind: 'transient', retryAfterMs: 60000 },
    ],
  ];
  for (const [name, failure, expected] of cases) {
    it(name, () => {
      const e = toSyncError(failure);
      for (const [key, value] of Object.entries(expected)) {
        assert.equal(e[key as keyof typeof e], value, key);
      }
    });
  }

  it('serialises for logs without the cause', () => {
    const e = toSyncError(
      { kind: 'http', status: 409, body: error(409, 'taken', 'uniqueness') },
      'POST /Users',
    );
    assert.deepEqual(JSON.parse(JSON.stringify(e)), {
      kind: 'exists',
      status: 409,
      scimType: 'uniqueness',
      detail: 'taken',
      request: 'POST /Users',
    });
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-10-21T07:27:00Z');
  const cases: [string | null, number | undefined][] = [
    ['120', 120000],
    ['0', 0],
    [' 5 ', 5000],
    ['Wed, 21 Oct 2026 07:28:00 GMT', 60000],
    ['Wed, 21 Oct 2026 07:00:00 GMT', 0],
    ['-5', undefined],
    ['1.5', undefined],
    ['soon', undefined],
    [null, undefined],
  ];
  for (const [header, expected] of cases) {
    it(`${JSON.stringify(header)} → ${expected}`, () => {
      assert.equal(parseRetryAfter(header, now), expected);
    });
  }
});
