/**
 * The SCIM endpoint's Prometheus metrics, registered on the registry the composition root
 * passes in (it serves `/metrics`). Labels use the route template, never the tenant or an id,
 * so the series stay few.
 *
 * - `roster_scim_requests_total{method,route,status}` — requests answered;
 * - `roster_scim_request_duration_seconds{method,route,status}` — time to answer;
 * - `roster_scim_rate_limited_total` — requests refused with 429.
 *
 * Example: const metrics = createScimMetrics(registry); metrics.requests.inc({ method: 'GET', route, status: '200' })
 */
import { Counter, Histogram, type Registry } from 'prom-client';

export const scimMetricNames = {
  requests: 'roster_scim_requests_total',
  duration: 'roster_scim_request_duration_seconds',
  rateLimited: 'roster_scim_rate_limited_total',
} as const;

type Labels = 'method' | 'route' | 'status';

export interface ScimMetrics {
  requests: Counter<Labels>;
  duration: Histogram<Labels>;
  rateLimited: Counter<never>;
}

/** Creates the metrics on `registry`, or reuses them when a second app shares the registry. */
export function createScimMetrics(registry: Registry): ScimMetrics {
  const existing = <T>(name: string) => registry.getSingleMetric(name) as T | undefined;
  return {
    requests:
      existing<Counter<Labels>>(scimMetricNames.requests) ??
      new Counter({
        name: scimMetricNames.requests,
        help: 'SCIM requests answered, by method, route template and status',
        labelNames: ['method', 'route', 'status'],
        registers: [registry],
      }),
    duration:
      existing<Histogram<Labels>>(scimMetricNames.duration) ??
      new Histogram({
        name: scimMetricNames.duration,
        help: 'Time to answer a SCIM request, in seconds',
        labelNames: ['method', 'route', 'status'],
        buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
        registers: [registry],
      }),
    rateLimited:
      existing<Counter<never>>(scimMetricNames.rateLimited) ??
      new Counter({
        name: scimMetricNames.rateLimited,
        help: 'SCIM requests refused with 429 by the per-token rate limit',
        registers: [registry],
      }),
  };
}
