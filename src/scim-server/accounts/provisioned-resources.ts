/**
 * What an IdP provisioned into a tenant, as the app's admin sees it: its users or groups, paged,
 * with an optional SCIM filter run in the database (RFC 7644 §3.4.2.2). Each resource is plain
 * JSON: its SCIM attributes (without `schemas`), `id`, `created`, `lastModified`. Group members
 * are not loaded (a group may have 100,000).
 *
 * Example: await provisioned.list('acme', 'User', { filter: 'userName sw "a"', startIndex: 1, count: 20 })
 */
import {
  createGroupSchema,
  createUserSchema,
  parseFilter,
  type ResourceSchema,
  ScimError,
} from '../../scim/index.ts';
import type { ResourceKind, ResourceRecord, Store } from '../../store/store.ts';
import { AccountError } from './account-error.ts';

export interface ProvisionedQuery {
  filter?: string | undefined;
  startIndex: number;
  count: number;
}

export interface ProvisionedPage {
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  resources: Record<string, unknown>[];
}

export interface ProvisionedResources {
  list(tenant: string, kind: ResourceKind, query: ProvisionedQuery): Promise<ProvisionedPage>;
}

/** A stored resource as plain JSON: no `schemas`, dates flattened. */
export function resourceJson(record: ResourceRecord): Record<string, unknown> {
  const { schemas: _schemas, ...attributes } = record.data as Record<string, unknown>;
  return {
    id: record.id,
    ...attributes,
    created: record.created,
    lastModified: record.lastModified,
  };
}

export function createProvisionedResources(deps: { store: Store }): ProvisionedResources {
  const { store } = deps;
  const schemas: Record<ResourceKind, ResourceSchema> = {
    User: createUserSchema(),
    Group: createGroupSchema(),
  };
  return {
    async list(name, kind, query) {
      const tenant = await store.tenants.byName(name);
      if (!tenant)
        throw new AccountError(
          'notFound',
          `there is no tenant named ${JSON.stringify(name)}`,
          'tenant',
        );
      try {
        const page = await store.resources.query(tenant.id, kind, schemas[kind], {
          ...(query.filter ? { filter: parseFilter(query.filter) } : {}),
          startIndex: query.startIndex,
          count: query.count,
        });
        return {
          totalResults: page.totalResults,
          startIndex: query.startIndex,
          itemsPerPage: page.records.length,
          resources: page.records.map(resourceJson),
        };
      } catch (error) {
        if (error instanceof ScimError && error.status === 400)
          throw new AccountError('invalid', `filter is not usable: ${error.detail}`, 'filter');
        throw error;
      }
    },
  };
}
