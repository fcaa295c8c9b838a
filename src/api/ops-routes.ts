import { createHash, timingSafeEqual } from 'node:crypto';
import { Router, type RequestHandler } from 'express';
import { AppError } from '../errors';
import type { Queue } from 'bullmq';
import type { Queryable, Db } from '../db/pool';
import type { Metrics } from '../metrics';
import { createGaugeRefresher } from '../operations-gauges';
import { pingRedis, type RedisClient } from '../queue/redis';
import type { ModerationJob } from '../queue/moderation-queue';
import { z } from 'zod';
import { error, json, text, type ApiOperation } from './openapi/operation';
import { readinessSchema } from './openapi/schemas';

export interface OpsDeps {
  /** METRICS_TOKEN: without it, GET /metrics is not served on the API port. */
  metricsToken: string | null;
  db: Db;
  readDb: Queryable;
  redis: RedisClient;
  queue: Queue<ModerationJob>;
  metrics: Metrics;
  /** GET /openapi.json's answer (src/api/openapi.ts), built from every route file's operations. */
  openApiJson: string;
}

export const opsOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/healthz',
    operationId: 'getHealth',
    tag: 'operations',
    access: 'public',
    summary: 'The process is up',
    responses: { '200': json('Up', z.object({ status: z.literal('ok') })) },
  },
  {
    method: 'get',
    path: '/readyz',
    operationId: 'getReadiness',
    tag: 'operations',
    access: 'public',
    summary: 'Ready to accept comments (PostgreSQL answers); reports Redis too',
    responses: { '200': json('Ready', readinessSchema), '503': json('PostgreSQL is down', readinessSchema) },
  },
  {
    method: 'get',
    path: '/metrics',
    operationId: 'getMetrics',
    tag: 'operations',
    access: 'metricsToken',
    summary: 'Prometheus metrics',
    description:
      "They show moderators' and admins' activity live, so the API port serves them only with " +
      '`Authorization: Bearer <METRICS_TOKEN>`; without METRICS_TOKEN set, 404 (METRICS_PORT serves them on a port of their own).',
    responses: {
      '200': text('Prometheus text format', 'text/plain'),
      '401': error('METRICS_TOKEN is set and the request does not carry it'),
      '404': error('No METRICS_TOKEN is set: not served on this port'),
    },
  },
  {
    method: 'get',
    path: '/openapi.json',
    operationId: 'getOpenApiDocument',
    tag: 'operations',
    access: 'public',
    summary: 'This document (OpenAPI 3.0), generated from the zod schemas the API validates with',
    responses: { '200': json('The document', z.record(z.string(), z.unknown())) },
  },
];

/** Health for load balancers and orchestrators, metrics for Prometheus, and the API's own description. */
export function opsRoutes(deps: OpsDeps): Router {
  const router = Router();

  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  // Ready while PostgreSQL answers: a comment can then be accepted even with Redis away (the
  // sweeper queues it later), so a Redis outage is reported without leaving the load balancer.
  router.get('/readyz', async (_req, res) => {
    const [postgres, redis] = await Promise.all([deps.db.ping(), pingRedis(deps.redis)]);
    res.status(postgres ? 200 : 503).json({ postgres: postgres ? 'up' : 'down', redis: redis ? 'up' : 'down' });
  });

  const refreshGauges = createGaugeRefresher(deps);
  router.get('/metrics', requireMetricsToken(deps.metricsToken), async (_req, res) => {
    await refreshGauges();
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });

  router.get('/openapi.json', (_req, res) => {
    res.type('json').send(deps.openApiJson);
  });

  return router;
}

/**
 * The metrics show moderators' and admins' activity as it happens (requests per route, decisions),
 * so the public API port serves them only to a scraper holding METRICS_TOKEN (compared in constant
 * time); METRICS_PORT serves them on a port of their own instead.
 */
function requireMetricsToken(token: string | null): RequestHandler {
  const expected = token ? createHash('sha256').update(token).digest() : null;
  return (req, _res, next) => {
    if (!expected) return next(new AppError('not_found', 404, 'Metrics are not served on this port: set METRICS_TOKEN or METRICS_PORT'));
    const given = createHash('sha256')
      .update(/^Bearer (.+)$/.exec(req.get('Authorization') ?? '')?.[1] ?? '')
      .digest();
    if (timingSafeEqual(given, expected)) return next();
    next(
      new AppError('unauthorized', 401, 'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>', true, {
        'WWW-Authenticate': 'Bearer realm="sift-metrics"',
      }),
    );
  };
}
