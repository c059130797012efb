// Shared by the quarantine and notification suites: a clock the test moves, a log that keeps
// what the engine says, a target that can be taken "down" (every call answers 503, a real
// HTTP answer), and the SMTP mailer pointed at an in-process inbox.
import type { FetchLike } from '../../src/client/index.ts';
import { createSmtpMailer, type EngineLog } from '../../src/engine/index.ts';

export const hour = 3_600_000;

export function createTestClock(start = '2030-01-07T08:00:00.000Z') {
  let at = Date.parse(start);
  return {
    now: () => new Date(at),
    set: (iso: string) => {
      at = Date.parse(iso);
    },
    advance: (ms: number) => {
      at += ms;
    },
  };
}

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  fields: Record<string, unknown>;
  message: string;
}

export function createTestLog(): EngineLog & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: LogLine['level']) => (fields: Record<string, unknown>, message: string) =>
    void lines.push({ level, fields, message });
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

/** A way to the target that answers 503 to every call while `down` is set. */
export function createOutage() {
  const outage = { down: false, wrap: undefined as unknown as (fetch: FetchLike) => FetchLike };
  outage.wrap = (fetch) => (url, init) =>
    outage.down
      ? new Response(
          JSON.stringify({
            schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
            status: '503',
            detail: 'down for maintenance',
          }),
          { status: 503, headers: { 'content-type': 'application/scim+json' } },
        )
      : fetch(url, init);
  return outage;
}

export const mailerTo = (port: number, login?: { user: string; password: string }) =>
  createSmtpMailer({
    host: '127.0.0.1',
    port,
    secure: false,
    ...(login && { user: login.user, password: login.password }),
    from: 'Roster <roster@contoso.test>',
  });

export const notifyIt = { notificationEmail: 'it@contoso.test', sendFailureEmail: true };
