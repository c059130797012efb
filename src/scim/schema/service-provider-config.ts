/**
 * GET /ServiceProviderConfig (RFC 7643 §5, §8.5), built from options, with the RFC 9865
 * `pagination` block when cursor pagination is configured.
 *
 * Example:
 *   serviceProviderConfig({ patch: true, bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
 *     filter: { supported: true, maxResults: 200 }, changePassword: false, sort: true, etag: true },
 *     'https://scim.example.com/v2')
 *   → { schemas: ['urn:…:ServiceProviderConfig'], patch: { supported: true }, …,
 *       authenticationSchemes: [{ type: 'oauthbearertoken', … }], meta: { resourceType: 'ServiceProviderConfig', location: '…/ServiceProviderConfig' } }
 */
import { type DiscoveryMeta, joinUrl } from './discovery.ts';

export const serviceProviderConfigSchemaId =
  'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';

/** RFC 7643 §5 authenticationSchemes entry. */
export interface AuthenticationScheme {
  type: 'oauth' | 'oauth2' | 'oauthbearertoken' | 'httpbasic' | 'httpdigest';
  name: string;
  description: string;
  specUri?: string;
  documentationUri?: string;
  primary?: boolean;
}

/** RFC 9865 §4 pagination block. */
export interface PaginationConfig {
  cursor: boolean;
  index: boolean;
  defaultPaginationMethod?: 'cursor' | 'index';
  defaultPageSize?: number;
  maxPageSize?: number;
  /** Seconds a cursor stays valid. */
  cursorTimeout?: number;
}

export interface ServiceProviderOptions {
  documentationUri?: string;
  patch: boolean;
  bulk: { supported: boolean; maxOperations: number; maxPayloadSize: number };
  filter: { supported: boolean; maxResults: number };
  changePassword: boolean;
  sort: boolean;
  etag: boolean;
  /** Defaults to the one scheme Roster offers: a long-lived OAuth bearer token. */
  authenticationSchemes?: readonly AuthenticationScheme[];
  pagination?: PaginationConfig;
}

export const bearerTokenScheme: AuthenticationScheme = {
  type: 'oauthbearertoken',
  name: 'OAuth Bearer Token',
  description: 'A bearer token in the Authorization header, as RFC 6750 defines.',
  specUri: 'https://www.rfc-editor.org/info/rfc6750',
  primary: true,
};

export interface ServiceProviderConfigRepresentation {
  schemas: [typeof serviceProviderConfigSchemaId];
  documentationUri?: string;
  patch: { supported: boolean };
  bulk: { supported: boolean; maxOperations: number; maxPayloadSize: number };
  filter: { supported: boolean; maxResults: number };
  changePassword: { supported: boolean };
  sort: { supported: boolean };
  etag: { supported: boolean };
  pagination?: PaginationConfig;
  authenticationSchemes: AuthenticationScheme[];
  meta: DiscoveryMeta;
}

/** The ServiceProviderConfig resource for `options`, located under `baseUrl`. */
export function serviceProviderConfig(
  options: ServiceProviderOptions,
  baseUrl: string,
): ServiceProviderConfigRepresentation {
  const out: ServiceProviderConfigRepresentation = {
    schemas: [serviceProviderConfigSchemaId],
    ...(options.documentationUri !== undefined && { documentationUri: options.documentationUri }),
    patch: { supported: options.patch },
    bulk: { ...options.bulk },
    filter: { ...options.filter },
    changePassword: { supported: options.changePassword },
    sort: { supported: options.sort },
    etag: { supported: options.etag },
    authenticationSchemes: (options.authenticationSchemes ?? [bearerTokenScheme]).map((s) => ({
      ...s,
    })),
    meta: {
      resourceType: 'ServiceProviderConfig',
      location: joinUrl(baseUrl, 'ServiceProviderConfig'),
    },
  };
  if (options.pagination) out.pagination = { ...options.pagination };
  return out;
}
