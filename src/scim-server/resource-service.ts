/**
 * The SCIM operations on Users and Groups of one tenant, as the routes and /Bulk call them.
 * Adds what every operation shares: the tenant's profile may turn Groups off (404), and
 * writes to one resource are serialised in this process (keyed-lock.ts) so concurrent PATCHes
 * queue instead of racing; the version check still guards across processes.
 *
 * Example:
 *   const service = createResourceService({ resources: store.resources, limits });
 *   await service.patch(scope, 'Group', id, body, {}) → { status: 204, etag }
 */
import type { ResourceKind } from '../store/store.ts';
import { type CreateOutcome, createMany } from './create-many.ts';
import { patchGroup } from './group-patch.ts';
import { createKeyedLock } from './keyed-lock.ts';
import type { ListParams } from './list-query.ts';
import type { ResourceOptions } from './resource-options.ts';
import { getResource, listResources } from './resource-reads.ts';
import { createResource, deleteResource, replaceResource } from './resource-writes.ts';
import { searchRoot } from './root-search.ts';
import type { ScimResult } from './scim-response.ts';
import type { ServiceDeps } from './service-deps.ts';
import { requireKind } from './tenant-schemas.ts';
import type { TenantScope } from './tenant-scope.ts';
import { patchUser } from './user-patch.ts';

type Kinded<A extends unknown[]> = (
  scope: TenantScope,
  kind: ResourceKind,
  ...args: A
) => Promise<ScimResult>;

export interface ResourceService {
  list: Kinded<[params: ListParams]>;
  search(scope: TenantScope, params: ListParams): Promise<ScimResult>;
  get: Kinded<[id: string, options: ResourceOptions]>;
  create: Kinded<[body: unknown, options: ResourceOptions]>;
  /** Many POSTs in one transaction, each answered as alone; stops after `maxErrors` errors. */
  createMany(
    scope: TenantScope,
    kind: ResourceKind,
    bodies: readonly unknown[],
    maxErrors?: number,
  ): Promise<CreateOutcome[]>;
  replace: Kinded<[id: string, body: unknown, options: ResourceOptions]>;
  patch: Kinded<[id: string, body: unknown, options: ResourceOptions]>;
  remove: Kinded<[id: string, options: ResourceOptions]>;
}

export function createResourceService(deps: ServiceDeps): ResourceService {
  const locks = createKeyedLock();
  const locked = <T>(scope: TenantScope, id: string, work: () => Promise<T>) =>
    locks.run(`${scope.tenant.id}/${id}`, work);
  const checked =
    <A extends unknown[]>(operation: Kinded<A>): Kinded<A> =>
    async (scope, kind, ...args) => {
      requireKind(scope.profile, kind);
      return operation(scope, kind, ...args);
    };
  return {
    list: checked((scope, kind, params) => listResources(deps, scope, kind, params)),
    search: (scope, params) => searchRoot(deps, scope, params),
    get: checked((scope, kind, id, options) => getResource(deps, scope, kind, id, options)),
    create: checked((scope, kind, body, options) =>
      createResource(deps, scope, kind, body, options),
    ),
    createMany: (scope, kind, bodies, maxErrors) =>
      createMany(deps, scope, kind, bodies, maxErrors),
    replace: checked((scope, kind, id, body, options) =>
      locked(scope, id, () => replaceResource(deps, scope, kind, id, body, options)),
    ),
    patch: checked((scope, kind, id, body, options) =>
      kind === 'User'
        ? locked(scope, id, () => patchUser(deps, scope, id, body, options))
        : patchGroup(deps, scope, id, body, options, (work) => locked(scope, id, work)),
    ),
    remove: checked((scope, kind, id, options) =>
      locked(scope, id, () => deleteResource(deps, scope, kind, id, options)),
    ),
  };
}
