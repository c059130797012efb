/**
 * Records a token's last use (store.tokens.touch) at most once per interval per token, off
 * the request path: the write is started, not awaited, and a failure is only logged. The
 * throttle is in memory, so a token used by many requests costs one write a minute.
 *
 * Example:
 *   const touch = createTokenTouch({ store, log, intervalMs: 60_000 });
 *   touch(token.id, new Date()); // writes now; a second call within the minute does nothing
 */
import type { TokenStore } from '../store/store.ts';
import type { ScimLog } from './scim-log.ts';

export interface TokenTouchDeps {
  tokens: TokenStore;
  log: ScimLog;
  intervalMs: number;
}

export type TokenTouch = (tokenId: string, now: Date) => void;

export function createTokenTouch(deps: TokenTouchDeps): TokenTouch {
  const last = new Map<string, number>();
  return (tokenId, now) => {
    const ms = now.getTime();
    const previous = last.get(tokenId);
    if (previous !== undefined && ms - previous < deps.intervalMs) return;
    if (last.size >= 10_000) last.clear();
    last.set(tokenId, ms);
    deps.tokens.touch(tokenId, now.toISOString()).catch((error: unknown) => {
      deps.log.warn({ err: error, tokenId }, 'could not record the token last-used time');
    });
  };
}
