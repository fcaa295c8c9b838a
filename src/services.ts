import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import { createHmac } from 'node:crypto';
import type { Config } from './config';
import { createDb, type Db } from './db/pool';
import { createLogger } from './logger';
import { createMetrics, type Metrics } from './metrics';
import { createSecrets, type Secrets } from './privacy/secrets';
import { createCursorCodec, type CursorCodec } from './comments/cursor';
import { createStatusTokens, type StatusTokens } from './comments/comment-status';
import { createPendingCommentWriter, type PendingCommentWriter } from './comments/pending-writer';
import { createListCache, type ListCache } from './comments/list-cache';
import { createEnqueuer, createModerationQueue, type ModerationEnqueuer, type ModerationJob } from './queue/moderation-queue';
import { createAutoPipelinedRedis, createProducerRedis, reportOutages, type RedisClient } from './queue/redis';
import { createOutageLog } from './outage-log';
import { createSsoVerifier, type SsoVerifier } from './identity/sso';
import { createUnsubscribeTokens, type UnsubscribeTokens } from './notify/unsubscribe-tokens';

/** Everything the API needs, built from the config: the composition root. */
export interface ApiServices {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  db: Db;
  readDb: Db;
  /** BullMQ's producer connection. */
  redis: RedisClient;
  /** Auto-pipelined, for the hot paths' small commands: list-cache tokens, posting-limit counters. */
  pipelinedRedis: RedisClient;
  queue: Queue<ModerationJob>;
  enqueuer: ModerationEnqueuer;
  /** Intake's INSERT, shared by concurrent POSTs (src/comments/pending-writer.ts). */
  pendingComments: PendingCommentWriter;
  secrets: Secrets;
  cursors: CursorCodec;
  statusTokens: StatusTokens;
  /** The public list page, cached per process and invalidated through Redis (docs/performance.md). */
  listCache: ListCache;
  /** Signed-in readers' tokens (SSO); null when no key is configured. */
  sso: SsoVerifier | null;
  /** The reply notifications' one-click unsubscribe links. */
  unsubscribeTokens: UnsubscribeTokens;
  close(): Promise<void>;
}

export function createApiServices(config: Config, logger: Logger = createLogger(config.logLevel)): ApiServices {
  const dbOptions = {
    max: config.dbPoolMax,
    statementTimeoutMs: config.dbStatementTimeoutMs,
    connectTimeoutMs: config.dbConnectTimeoutMs,
    applicationName: 'sift-api',
  };
  const db = createDb({ ...dbOptions, connectionString: config.databaseUrl }, logger);
  const readDb =
    config.databaseReadUrl === config.databaseUrl
      ? db
      : createDb({ ...dbOptions, connectionString: config.databaseReadUrl, applicationName: 'sift-api-read' }, logger);
  const redisOutage = createOutageLog(logger, 'Redis');
  const redis = reportOutages(createProducerRedis(config.redis), redisOutage, 'producer');
  const queue = createModerationQueue(redis, config.queuePrefix);
  queue.on('error', (error) => logger.debug({ err: error.message }, 'queue error'));
  const pipelinedRedis = reportOutages(createAutoPipelinedRedis(config.redis), redisOutage, 'pipelined');
  const listCache = createListCache({ redis: pipelinedRedis, prefix: config.queuePrefix, logger, primary: db, readDb });
  const secrets = createSecrets(config.secretKey, config.previousSecretKeys);
  const cursorKey = createHmac('sha256', Buffer.from(config.secretKey, 'hex')).update('sift cursor v1').digest();

  return {
    config,
    logger,
    metrics: createMetrics(),
    db,
    readDb,
    redis,
    pipelinedRedis,
    queue,
    enqueuer: createEnqueuer(queue),
    pendingComments: createPendingCommentWriter(db, config.autoCloseAfterDays),
    secrets,
    cursors: createCursorCodec(cursorKey),
    statusTokens: createStatusTokens(config.secretKey, config.previousSecretKeys),
    listCache,
    sso: config.sso ? createSsoVerifier(config.sso) : null,
    unsubscribeTokens: createUnsubscribeTokens(config.secretKey, config.previousSecretKeys),
    async close() {
      await queue.close().catch(() => undefined);
      await listCache.close();
      await pipelinedRedis.quit().catch(() => pipelinedRedis.disconnect());
      redis.disconnect();
      await db.close();
      if (readDb !== db) await readDb.close();
    },
  };
}
