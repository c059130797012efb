/**
 * What a target says it can do, read from its /ServiceProviderConfig (RFC 7643 §5): PATCH,
 * Bulk with its limits, filtering, sorting, ETags. A target without the endpoint is taken to
 * support PATCH and filtering (every IdP relies on them) and nothing else.
 *
 * Example: readCapabilities({ patch: { supported: true }, bulk: { supported: true, maxOperations: 1000, maxPayloadSize: 1048576 } })
 *   → { advertised: true, patch: true, bulk: { supported: true, maxOperations: 1000, maxPayloadSize: 1048576 }, … }
 */

export interface TargetCapabilities {
  /** False when the target had no /ServiceProviderConfig: the rest are assumptions. */
  advertised: boolean;
  patch: boolean;
  bulk: { supported: boolean; maxOperations: number; maxPayloadSize: number };
  filter: { supported: boolean; maxResults: number };
  sort: boolean;
  etag: boolean;
  changePassword: boolean;
}

export const assumedCapabilities: TargetCapabilities = {
  advertised: false,
  patch: true,
  bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
  filter: { supported: true, maxResults: 100 },
  sort: false,
  etag: false,
  changePassword: false,
};

type Json = Record<string, unknown>;
const object = (value: unknown): Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
const flag = (value: unknown) => {
  const supported = object(value).supported;
  return (
    supported === true || (typeof supported === 'string' && supported.toLowerCase() === 'true')
  );
};
const count = (value: unknown) => {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
};

export function readCapabilities(body: unknown): TargetCapabilities {
  const config = object(body);
  const bulk = object(config.bulk);
  const filter = object(config.filter);
  const bulkSupported = flag(config.bulk) && count(bulk.maxOperations) > 0;
  return {
    advertised: true,
    patch: flag(config.patch),
    bulk: {
      supported: bulkSupported,
      maxOperations: count(bulk.maxOperations),
      maxPayloadSize: count(bulk.maxPayloadSize),
    },
    filter: { supported: flag(config.filter), maxResults: count(filter.maxResults) },
    sort: flag(config.sort),
    etag: flag(config.etag),
    changePassword: flag(config.changePassword),
  };
}
