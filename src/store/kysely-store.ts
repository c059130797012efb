/**
 * The Store port assembled from the shared Kysely query modules; each database folder only
 * supplies its Kysely instance and Dialect.
 */
import { createAdminStore, createTenantStore, createTokenStore } from './account-queries.ts';
import type { StoreContext } from './context.ts';
import { createDirectoryStore } from './directory/index.ts';
import {
  changeMembers,
  createGetUserWithGroups,
  createGroupsOf,
  listMembers,
} from './member-queries.ts';
import { createProvisioningStore } from './provisioning/index.ts';
import { createQueryResources } from './resource-query.ts';
import {
  createGetResource,
  createResource,
  createResources,
  deleteResource,
  replaceResource,
} from './resource-writes.ts';
import type { Store } from './store.ts';
import { takenUserNames } from './taken-user-names.ts';

export function createKyselyStore(context: StoreContext): Store {
  return {
    dialect: context.dialect.name,
    tenants: createTenantStore(context),
    admins: createAdminStore(context),
    tokens: createTokenStore(context),
    resources: {
      create: (tenantId, kind, data, schema) =>
        createResource(context, tenantId, kind, data, schema),
      createMany: (tenantId, kind, data, schema) =>
        createResources(context, tenantId, kind, data, schema),
      takenUserNames: (tenantId, userNamesCi) => takenUserNames(context, tenantId, userNamesCi),
      get: createGetResource(context),
      replace: (tenantId, kind, id, data, schema, ifVersion, members, previous) =>
        replaceResource(context, tenantId, kind, id, data, schema, {
          ifVersion,
          members,
          previous,
        }),
      delete: (tenantId, kind, id, ifVersion) =>
        deleteResource(context, tenantId, kind, id, ifVersion),
      query: createQueryResources(context),
      members: (tenantId, groupId) => listMembers(context, tenantId, groupId),
      changeMembers: (tenantId, groupId, change, ifVersion) =>
        changeMembers(context, tenantId, groupId, change, ifVersion),
      groupsOf: createGroupsOf(context),
      getUserWithGroups: createGetUserWithGroups(context),
    },
    directory: createDirectoryStore(context),
    provisioning: createProvisioningStore(context),
    close: () => context.db.destroy(),
  };
}
