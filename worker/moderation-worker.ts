import { Queue, Worker } from 'bullmq';
import type { Logger } from 'pino';
import type { Config } from '../src/config';
import { createDb } from '../src/db/pool';
import { handleError, isConnectionError } from '../src/errors';
import { startRetention } from '../src/privacy/retention';
import { createMetrics, type Metrics } from '../src/metrics';
import { MODERATION_QUEUE, moderationJobOptions, type ModerationJob } from '../src/queue/moderation-queue';
import { createAutoPipelinedRedis, createWorkerRedis, reportOutages } from '../src/queue/redis';
import { createOutageLog } from '../src/outage-log';
import { createListCache } from '../src/comments/list-cache';
import { createChecks } from './checks';
import { LearnedFilter } from './checks/spam/learned-filter';
import { createModerateJob, type JobOutcome } from './moderate-job';
import { newsroomSettings } from './newsroom-context';
import { startAkismetFeedback } from './providers/akismet-feedback';
import { createOutsideChecks } from './providers/outside-checks';
import { createFeedbackSync } from './spam-feedback-sync';
import { startSweeper } from './sweep-pending';
import { startSurgeMonitor } from './surge-monitor';
import { startWebhookWorker } from './webhook-worker';
import { startReplyNotifier } from './reply-notifier';
import { createSecrets } from '../src/privacy/secrets';

export interface RunningWorker {
  worker: Worker<ModerationJob, JobOutcome>;
  metrics: Metrics;
  /** Stops taking jobs, lets the running ones finish, then closes every connection. */
  close(): Promise<void>;
}

/**
 * Everything one worker process runs: the BullMQ worker, the sweeper for lost jobs and the
 * follower of moderators' spam feedback. Used by worker/main.ts and, in-process, by the tests.
 */
export async function startModerationWorker(config: Config, logger: Logger): Promise<RunningWorker> {
  const metrics = createMetrics();
  const db = createDb(
    {
      connectionString: config.databaseUrl,
      max: config.dbPoolMax,
      statementTimeoutMs: config.dbStatementTimeoutMs,
      connectTimeoutMs: config.dbConnectTimeoutMs,
      applicationName: 'sift-worker',
    },
    logger,
  );
  const filter = await LearnedFilter.fromShippedDataYielding();
  const feedback = createFeedbackSync(db, filter, logger);
  await feedback.catchUp();

  const checks = createChecks(filter, { spamThreshold: config.spamThreshold });
  const outside = createOutsideChecks(config, metrics, logger);
  const redisOutage = createOutageLog(logger, 'Redis');
  const connection = reportOutages(createWorkerRedis(config.redis), redisOutage, 'worker');
  const listCache = createListCache({
    redis: reportOutages(createAutoPipelinedRedis(config.redis), redisOutage, 'list cache'),
    prefix: config.queuePrefix,
    logger,
    primary: db,
    readDb: db,
    walPositions: config.databaseReadUrl !== config.databaseUrl,
    ownsRedis: true,
  });
  const worker = new Worker<ModerationJob, JobOutcome>(
    MODERATION_QUEUE,
    withTestDelay(
      createModerateJob({
        db,
        checks,
        policy: { holdThreshold: config.spamHoldThreshold, maskedProfanity: config.profanityMasked },
        metrics,
        logger,
        newsroom: newsroomSettings(config),
        listCache,
        outside,
        checkBudgetMs: config.checkBudgetMs,
      }),
      config.workerTestDelayMs,
    ),
    {
      connection,
      prefix: config.queuePrefix,
      concurrency: config.workerConcurrency,
      // A killed worker's jobs are taken over after about lockDuration.
      lockDuration: config.workerLockDurationMs,
      stalledInterval: config.workerStalledIntervalMs,
      maxStalledCount: 2,
    },
  );
  worker.on('failed', (job, error) =>
    handleError(logger, error, { jobId: job?.id, attemptsMade: job?.attemptsMade, source: 'moderation job' }),
  );
  // BullMQ's own connections fail with ours: that outage is logged once, by redisOutage.
  worker.on('error', (error) => logger[isConnectionError(error) ? 'debug' : 'warn']({ err: error.message }, 'worker error'));

  const queue = new Queue<ModerationJob>(MODERATION_QUEUE, {
    connection,
    prefix: config.queuePrefix,
    defaultJobOptions: moderationJobOptions,
  });
  const sweeper = startSweeper({ db, queue, metrics, logger, afterSeconds: config.sweepAfterSeconds }, config.sweepIntervalSeconds);
  const follower = feedback.start(config.feedbackPollSeconds);
  const akismetFeedback = outside?.akismet
    ? startAkismetFeedback({ db, akismet: outside.akismet, logger }, config.feedbackPollSeconds)
    : null;
  const webhooks = startWebhookWorker({ config, db, connection, logger, metrics });
  const surges = startSurgeMonitor({ db, logger, rules: config.surge }, config.surge.pollSeconds);
  const retention = startRetention({ db, logger, days: config.retentionDays }, config.retentionIntervalSeconds);
  const replyNotifier = startReplyNotifier({
    config,
    db,
    logger,
    metrics,
    secrets: createSecrets(config.secretKey, config.previousSecretKeys),
  });

  return {
    worker,
    metrics,
    async close() {
      await worker.close();
      await Promise.all([
        sweeper.stop(),
        follower.stop(),
        akismetFeedback?.stop(),
        retention.stop(),
        webhooks.close(),
        surges.stop(),
        replyNotifier?.stop(),
      ]);
      outside?.close();
      await queue.close();
      await listCache.close();
      await connection.quit().catch(() => connection.disconnect());
      await db.close();
    },
  };
}

/** WORKER_TEST_DELAY_MS (test-only, refused in production): lets fault tests kill a worker mid-job. */
function withTestDelay<A extends unknown[], R>(processor: (...args: A) => Promise<R>, delayMs: number) {
  if (delayMs <= 0) return processor;
  return async (...args: A): Promise<R> => {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    return processor(...args);
  };
}
