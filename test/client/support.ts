// Shared by the client's integration suites: Roster's own SCIM app on a real SQLite :memory:
// store (as the SCIM server suites build it), wrapped in the strict RFC target, and a client
// whose fetch is the app's `app.request` — no port, no network.
import { createScimClient, type ScimClientOptions } from '../../src/client/index.ts';
import { createHarness, type HarnessOptions } from '../scim-server/support.ts';
import { createStrictTarget } from './strict-target.ts';

export const baseUrl = 'https://roster.test/scim/v2/acme';

export async function createTargetHarness(
  options: HarnessOptions = {},
  client: Partial<ScimClientOptions> = {},
) {
  const harness = await createHarness(options);
  const strict = createStrictTarget((url, init) => harness.app.request(url, init));
  const scim = createScimClient({
    baseUrl,
    token: harness.token,
    fetch: strict.fetch,
    concurrency: 4,
    ...client,
  });
  return { harness, strict, client: scim };
}
