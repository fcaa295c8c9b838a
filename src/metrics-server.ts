import { createServer, type Server } from 'node:http';
import type { Metrics } from './metrics';

/**
 * The API's Prometheus endpoint on a port of its own (METRICS_PORT, as the worker has
 * WORKER_METRICS_PORT): only `GET /metrics`, no token, for a scraper on the internal network; the
 * public API port never shows it without METRICS_TOKEN.
 */
export function serveMetrics(metrics: Metrics, port: number, host?: string, beforeScrape?: () => Promise<void>): Server {
  return createServer((req, res) => {
    if (req.url !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404).end();
      return;
    }
    Promise.resolve(beforeScrape?.())
      .then(() => metrics.registry.metrics())
      .then((text) => res.writeHead(200, { 'Content-Type': metrics.registry.contentType }).end(text))
      .catch(() => res.writeHead(500).end());
  }).listen(port, host);
}
