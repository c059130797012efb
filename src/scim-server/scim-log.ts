/**
 * The logger the SCIM app writes to: the subset of pino's Logger it uses, so tests can pass a
 * recorder and production a pino instance. Fields are structured; messages are constant text.
 *
 * Example: log.info({ method: 'GET', route: '/scim/v2/:tenant/Users/:id', status: 200 }, 'scim request')
 */

export interface ScimLog {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}
