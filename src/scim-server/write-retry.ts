/**
 * Optimistic concurrency for writes (RFC 7644 §3.14): read, compute, write with the version
 * read (replace/changeMembers `ifVersion`). When the store says the version moved:
 * - the client sent If-Match → 412, the client's precondition no longer holds;
 * - otherwise → read again and redo the whole step, up to `attempts` times, so two concurrent
 *   PATCHes never lose an update; past that, 503 with Retry-After.
 *
 * Example: await retryWrites({ attempts: 10, strict: false }, async () => { const r = await get(); … })
 */

import { isVersionConflict, toScimError } from './error-mapping.ts';
import { busy } from './http-error.ts';

export async function retryWrites<T>(
  options: { attempts: number; strict: boolean },
  step: () => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      if (!isVersionConflict(error)) throw error;
      if (options.strict) throw toScimError(error);
      if (attempt >= options.attempts) {
        throw busy(`The resource kept changing during ${attempt} attempts; retry the request`);
      }
      await new Promise((resolve) => setTimeout(resolve, Math.random() * attempt * 5));
    }
  }
}
