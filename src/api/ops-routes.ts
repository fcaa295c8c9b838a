import { Router } from 'express';
import type { Queue } from 'bullmq';
import type { Queryable, Db } from '../db/pool';
import type { Metrics } from '../metrics';
import { createGaugeRefresher } from '../operations-gauges';
import { pingRedis, type RedisClient } from '../queue/redis';
import type { ModerationJob } from '../queue/moderation-queue';
import { openApiDocument } from './openapi';

export interface OpsDeps {
  db: Db;
  readDb: Queryable;
  redis: RedisClient;
  queue: Queue<ModerationJob>;
  metrics: Metrics;
}

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
    res
      .status(postgres ? 200 : 503)
      .json({ postgres: postgres ? 'up' : 'down', redis: redis ? 'up' : 'down' });
  });

  const refreshGauges = createGaugeRefresher(deps);
  router.get('/metrics', async (_req, res) => {
    await refreshGauges();
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });

  router.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument);
  });

  return router;
}
