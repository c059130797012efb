// The admin REST API (ring 3): public surface for compose.ts and tests.
export type { AdminApiDeps } from './api-deps.ts';
export { ApiError, type ApiErrorBody, type ApiErrorCode } from './api-error.ts';
export { sessionCookie } from './auth.ts';
export { type ConsoleOptions, serveConsole } from './console-static.ts';
export { type AdminApiOptions, createAdminApi } from './create-admin-api.ts';
export { createHttpMetrics, metricsHandler } from './http-metrics.ts';
export { createOpenApiDocument } from './openapi.ts';
export { createServerApp, type ServerAppDeps, type ServerLog } from './server-app.ts';
export { createSessionStore, type Session, type SessionStore } from './session-store.ts';
