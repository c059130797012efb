// The app side's public surface (ring 2). Each module adds its export line here.

export * from './accounts/index.ts';
export { createScimApp, type ScimAppDeps } from './app.ts';
export {
  type AppProfile,
  AppProfileError,
  defaultAppProfile,
  parseAppProfile,
} from './app-profile.ts';
export { createScimMetrics, type ScimMetrics, scimMetricNames } from './metrics.ts';
export { defaultScimLimits, type ScimLimits } from './scim-limits.ts';
export type { ScimLog } from './scim-log.ts';
export * from './secret-token.ts';
