import type { Server } from 'node:http';
import type { Express } from 'express';
import { createApp } from '../../src/app';
import type { Config } from '../../src/config';
import type { Queryable } from '../../src/db/pool';
import { createLogger } from '../../src/logger';
import { createApiServices, type ApiServices } from '../../src/services';
import { startModerationWorker, type RunningWorker } from '../../worker/moderation-worker';
import { LogCapture, redisReadyOrTimeout, serveOnFreePort, testConfig } from '../helpers/test-stack';
import { waitFor } from '../helpers/wait-for';

/**
 * The API and a worker in-process, pointed at whatever PostgreSQL and Redis a fault test started
 * (test/helpers/test-stack.ts always uses the shared services).
 */
export interface FaultStack {
  /** The API on its own HTTP server, as in test/helpers/test-stack.ts. */
  app: Server;
  /** The same API's base URL. */
  url: string;
  /** The Express app itself, for tests that look inside it. */
  express: Express;
  config: Config;
  services: ApiServices;
  worker: RunningWorker | null;
  logs: LogCapture;
  startWorker(): Promise<RunningWorker>;
  close(): Promise<void>;
}

export async function startFaultStack(env: Record<string, string>, options: { worker?: boolean } = {}): Promise<FaultStack> {
  const config = testConfig(env);
  const logs = new LogCapture();
  const logger = createLogger(config.logLevel, logs);
  const services = createApiServices(config, logger);
  await redisReadyOrTimeout(services, 2000);
  const express = createApp(services);
  const served = await serveOnFreePort(express);
  const stack: FaultStack = {
    app: served.server,
    url: served.url,
    express,
    config,
    services,
    worker: null,
    logs,
    async startWorker() {
      stack.worker = await startModerationWorker(config, logger);
      return stack.worker;
    },
    async close() {
      await served.close();
      await stack.worker?.close();
      await services.close();
    },
  };
  if (options.worker) await stack.startWorker();
  return stack;
}

/** Waits until none of `ids` is pending; returns the time it took. */
export async function waitAllDecided(db: Queryable, ids: string[], timeoutMs: number): Promise<number> {
  const started = Date.now();
  await waitFor(
    async () => {
      const [row] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM comments WHERE id = ANY($1::uuid[]) AND status = 'pending'`,
        [ids],
      );
      return row.n === 0 ? true : undefined;
    },
    timeoutMs,
    `${ids.length} comments decided`,
  );
  return Date.now() - started;
}

/** Automatic decisions per comment: exactly-once means every value is 1. */
export async function autoDecisionsPerComment(db: Queryable, ids: string[]): Promise<Map<string, number>> {
  const rows = await db.query<{ comment_id: string; n: number }>(
    `SELECT c.id AS comment_id, count(e.id)::int AS n FROM comments c
     LEFT JOIN moderation_events e ON e.comment_id = c.id AND e.actor = 'auto'
     WHERE c.id = ANY($1::uuid[]) GROUP BY c.id`,
    [ids],
  );
  return new Map(rows.map((row) => [row.comment_id, row.n]));
}
