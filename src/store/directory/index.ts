// The identity side's store (Store.directory), assembled from its query modules.
import type { StoreContext } from '../context.ts';
import type { DirectoryStore } from '../directory-port.ts';
import { createAssignmentStore, createEnterpriseAppStore } from './app-queries.ts';
import { createChangeFeedStore } from './change-feed.ts';
import { createDirectoryGroupStore } from './group-queries.ts';
import { createIdentityAdminStore, createIdentityTokenStore } from './identity-admin-queries.ts';
import { createDirectoryUserStore } from './user-queries.ts';

export function createDirectoryStore(context: StoreContext): DirectoryStore {
  return {
    users: createDirectoryUserStore(context),
    groups: createDirectoryGroupStore(context),
    apps: createEnterpriseAppStore(context),
    assignments: createAssignmentStore(context),
    changes: createChangeFeedStore(context),
    admins: createIdentityAdminStore(context),
    tokens: createIdentityTokenStore(context),
  };
}
