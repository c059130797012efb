// Tenants, tenant admins and Secret Tokens: the app side's accounts (public surface).
export { AccountError, type AccountErrorKind, isAccountError } from './account-error.ts';
export {
  type Accounts,
  type AccountsDeps,
  createAccounts,
  type MintedTokenView,
  type SignedInAdmin,
  type TenantSummary,
  type TokenSummary,
} from './accounts.ts';
export {
  checkAdminEmail,
  checkNewPassword,
  maxPasswordLength,
  minPasswordLength,
  passwordRule,
} from './admin-credentials.ts';
export { freeAttempts, lockSeconds } from './lockout-policy.ts';
export {
  defaultScryptParameters,
  hashPassword,
  type ScryptParameters,
  verifyPassword,
} from './password-hash.ts';
export {
  type AppProfilePreset,
  appProfilePresets,
  buildPresetProfile,
  checkProfileDocument,
  isAppProfilePreset,
  type ProfileDocument,
} from './profile-presets.ts';
export {
  createProvisionedResources,
  type ProvisionedPage,
  type ProvisionedQuery,
  type ProvisionedResources,
  resourceJson,
} from './provisioned-resources.ts';
export {
  checkTenantName,
  tenantNamePattern,
  tenantNameProblem,
  tenantNameRule,
} from './tenant-name.ts';
