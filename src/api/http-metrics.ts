/**
 * Prometheus metrics for every HTTP request (prom-client): a counter by method, route and
 * status, and a latency histogram by method and route. Routes are the registered patterns
 * (`/api/v1/tenants/:tenant/tokens`), never raw paths, so label counts stay bounded.
 *
 * Example: app.use(createHttpMetrics(registry)); app.get('/metrics', metricsHandler(registry))
 */
import type { Context, MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { Counter, Histogram, type Registry } from 'prom-client';

export function createHttpMetrics(registry: Registry): MiddlewareHandler {
  const requests = new Counter({
    name: 'roster_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'roster_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method and route pattern',
    labelNames: ['method', 'route'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  return async (c, next) => {
    const started = performance.now();
    await next();
    const route = routeOf(c);
    const labels = { method: c.req.method, route };
    duration.observe(labels, (performance.now() - started) / 1000);
    requests.inc({ ...labels, status: String(c.res.status) });
  };
}

/**
 * The pattern of the route that answered (call after `next()`), or `unmatched`, so that a 404
 * never adds a label value per path.
 */
export function routeOf(c: Context): string {
  const route = routePath(c);
  return route === '' || route === '*' || route === '/*' ? 'unmatched' : route;
}

export function metricsHandler(registry: Registry) {
  return async (c: Context) => {
    c.header('Content-Type', registry.contentType);
    return c.body(await registry.metrics());
  };
}
