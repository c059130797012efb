/**
 * SyncError: how every failure of a call to a target reaches the engine (architecture.md
 * § Errors). The engine switches on `kind`, never on a status code:
 *
 * - `transient`: network failure, timeout, 429, 5xx, a garbled answer — retry later (escrow);
 * - `notFound`: 404 — the linked object is gone: drop the link and match again (InvalidAnchor);
 * - `exists`: 409 — the object is already there: match and link (EntryConflict);
 * - `rejected`: any other 4xx — this object's data or request is wrong: record it, go on;
 * - `stop`: bad credentials (401, 403), a Tenant URL that is not a URL — no call can succeed:
 *   stop the cycle (and quarantine the job).
 *
 * Example: new SyncError({ kind: 'exists', status: 409, scimType: 'uniqueness', detail: 'userName "ann" is taken' })
 */

export type SyncErrorKind = 'transient' | 'notFound' | 'exists' | 'rejected' | 'stop';

export interface SyncErrorInit {
  kind: SyncErrorKind;
  /** The HTTP status, when the target answered. */
  status?: number;
  /** The RFC 7644 §3.12 scimType of the target's error body. */
  scimType?: string;
  /** A human explanation: the target's `detail`, or what went wrong on the way. */
  detail: string;
  /** How long the target asked us to wait (Retry-After), in milliseconds. */
  retryAfterMs?: number;
  /** The request that failed: `PATCH /Users/2819c223`. */
  request?: string;
  cause?: unknown;
}

export class SyncError extends Error {
  override name = 'SyncError';
  readonly kind: SyncErrorKind;
  readonly status: number | undefined;
  readonly scimType: string | undefined;
  readonly detail: string;
  readonly retryAfterMs: number | undefined;
  readonly request: string | undefined;

  constructor(init: SyncErrorInit) {
    const where = init.request === undefined ? '' : `${init.request}: `;
    const status = init.status === undefined ? '' : `${init.status} `;
    super(`${where}${status}${init.detail}`, init.cause === undefined ? {} : { cause: init.cause });
    this.kind = init.kind;
    this.status = init.status;
    this.scimType = init.scimType;
    this.detail = init.detail;
    this.retryAfterMs = init.retryAfterMs;
    this.request = init.request;
  }

  /** A plain object for logs and escrow records. */
  toJSON(): Omit<SyncErrorInit, 'cause'> {
    const out: Omit<SyncErrorInit, 'cause'> = { kind: this.kind, detail: this.detail };
    if (this.status !== undefined) out.status = this.status;
    if (this.scimType !== undefined) out.scimType = this.scimType;
    if (this.retryAfterMs !== undefined) out.retryAfterMs = this.retryAfterMs;
    if (this.request !== undefined) out.request = this.request;
    return out;
  }
}

export function isSyncError(error: unknown): error is SyncError {
  return error instanceof SyncError;
}
