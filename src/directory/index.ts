// The identity side's public surface (ring 2): directory, gallery, apps, assignments, import,
// change feed, purge job and identity admins.
export {
  type AdminView,
  createIdentityAdmins,
  type IdentityAdmins,
  type IdentityPrincipal,
  type MintedIdentityToken,
  operatorPrincipal,
  type PasswordPolicy,
  requirePermission,
  type TokenView,
} from './admins/identity-admins.ts';
export {
  can,
  type IdentityRole,
  identityRoleNames,
  identityRoles,
  isIdentityRole,
  type Permission,
} from './admins/roles.ts';
export { type AppSettings, type Apps, type AppView, appView } from './apps.ts';
export {
  type AssignInput,
  type Assignments,
  type AssignmentView,
  isProvisionedRole,
} from './assignments.ts';
export {
  createDirectory,
  type Directory,
  type DirectoryDeps,
  type FileImportOptions,
} from './create-directory.ts';
export { DirectoryError, type DirectoryErrorKind, isDirectoryError } from './directory-error.ts';
export {
  createGallery,
  type Gallery,
  GalleryError,
  galleryFolder,
  loadGallery,
  parseTemplate,
} from './gallery/gallery.ts';
export {
  type AppRole,
  type AppTemplate,
  type AttributeMapping,
  appTemplateSchema,
  type ObjectMapping,
  sourceAttributes,
} from './gallery/template-schema.ts';
export type { Groups } from './groups.ts';
export { formatCsvRecord, parseCsv } from './import/csv-parser.ts';
export { formatOf, type ImportFormat } from './import/file-source.ts';
export {
  type ImportCounts,
  type ImportIssue,
  type ImportReport,
  importKeys,
} from './import/import-users.ts';
export { parseJsonRecords } from './import/json-records.ts';
export {
  isRestorable,
  type PurgeResult,
  type PurgeSchedule,
  restorableUntil,
  retentionDays,
  startPurgeSchedule,
} from './retention.ts';
export {
  extensionNamePattern,
  type UserAttributeName,
  userAttributeNames,
  userTextAttributes,
} from './user-attributes.ts';
export type { ListPage, ListQuery, Users } from './users.ts';
export type { GroupView, MemberView, UserView } from './views.ts';
