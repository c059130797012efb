/**
 * The resource types a tenant offers and the discovery documents that describe them
 * (RFC 7643 §5–§7, RFC 7644 §4), as the tenant's app profile shapes them: with
 * `groups: false` the Group type, its schema and its endpoint disappear.
 *
 * Example: resourceSchemasFor({ ...defaultAppProfile, groups: false }) → [userSchema]
 */

import {
  createGroupSchema,
  createUserSchema,
  type ResourceSchema,
  type ServiceProviderConfigRepresentation,
  serviceProviderConfig,
} from '../scim/index.ts';
import type { ResourceKind } from '../store/store.ts';
import type { AppProfile } from './app-profile.ts';
import { notFound } from './http-error.ts';
import type { ScimLimits } from './scim-limits.ts';

export const userSchema = createUserSchema();
export const groupSchema = createGroupSchema();

export const schemaOf = (kind: ResourceKind): ResourceSchema =>
  kind === 'User' ? userSchema : groupSchema;

export const endpointOf = (kind: ResourceKind) => (kind === 'User' ? 'Users' : 'Groups');

export function resourceSchemasFor(profile: AppProfile): ResourceSchema[] {
  return profile.groups ? [userSchema, groupSchema] : [userSchema];
}

/** Throws 404 when the tenant's profile turns `kind` off. */
export function requireKind(profile: AppProfile, kind: ResourceKind): void {
  if (kind === 'Group' && !profile.groups) {
    throw notFound(
      'This app does not accept groups: its app profile turns the Group resource type off',
    );
  }
}

export function serviceProviderConfigFor(
  limits: ScimLimits,
  baseUrl: string,
): ServiceProviderConfigRepresentation {
  return serviceProviderConfig(
    {
      patch: true,
      bulk: {
        supported: true,
        maxOperations: limits.bulkMaxOperations,
        maxPayloadSize: limits.bulkMaxPayloadBytes,
      },
      filter: { supported: true, maxResults: limits.maxResults },
      changePassword: false,
      sort: true,
      etag: true,
      pagination: {
        cursor: true,
        index: true,
        defaultPaginationMethod: 'index',
        defaultPageSize: limits.defaultCount,
        maxPageSize: limits.maxResults,
      },
    },
    baseUrl,
  );
}
