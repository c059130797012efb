/**
 * The SCIM client of one job's target: the Tenant URL and the opened Secret Token, the
 * template's rate limit (Wrike: 400 requests a minute) and the engine's concurrency. Built
 * per cycle (and per Test Connection); the token is opened only here, never logged.
 *
 * Example: const client = openTargetClient({ tenantUrl, secretToken }, app.limits, deps);
 */
import {
  createScimClient,
  type FetchLike,
  type ScimClient,
  type ScimClientOptions,
} from '../client/index.ts';
import type { TargetLimits } from './app-info.ts';
import { ProvisioningError } from './engine-error.ts';
import type { SealedCredentials } from './job-record.ts';
import type { SecretBox } from './secret-box.ts';

export interface TargetClientDeps {
  fetch: FetchLike;
  secretBox: SecretBox;
  /** Overrides for every client (tests shrink timeouts and retries; the bench raises concurrency). */
  clientOptions?: Partial<ScimClientOptions>;
}

export interface PlainCredentials {
  tenantUrl: string;
  secretToken: string;
}

/** The credentials with the token opened; ProvisioningError when none are set. */
export function openCredentials(
  sealed: SealedCredentials | null,
  secretBox: SecretBox,
): PlainCredentials {
  if (!sealed)
    throw new ProvisioningError(
      'invalid',
      'set the Tenant URL and Secret Token first (admin credentials)',
      'credentials',
    );
  return { tenantUrl: sealed.tenantUrl, secretToken: secretBox.open(sealed.secretToken) };
}

export function openTargetClient(
  credentials: PlainCredentials,
  limits: TargetLimits,
  deps: TargetClientDeps,
): ScimClient {
  return createScimClient({
    baseUrl: credentials.tenantUrl,
    token: credentials.secretToken,
    fetch: deps.fetch,
    concurrency: 8,
    ...(limits.requestsPerMinute ? { ratePerMinute: limits.requestsPerMinute } : {}),
    userAgent: 'Roster-Provisioning/1',
    ...deps.clientOptions,
  });
}
