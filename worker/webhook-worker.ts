import { Queue, Worker } from 'bullmq';
import type { Logger } from 'pino';
import type { RedisClient } from '../src/queue/redis';
import type { Config } from '../src/config';
import type { Db } from '../src/db/pool';
import type { Metrics } from '../src/metrics';
import { handleError, isConnectionError } from '../src/errors';
import { runPeriodically } from '../src/periodic';
import { createSecretBox } from '../src/webhooks/secret-box';
import { WEBHOOK_QUEUE, deliveryJobOptions, retryDelay, type DeliveryJob } from '../src/webhooks/webhook-queue';
import { createReceiverSlots } from './receiver-slots';
import { createDeliverJob, type DeliveryOutcome } from './webhook-deliver';
import { createDispatcher } from './webhook-dispatcher';

/** Deliveries one worker process sends at once, and how many of them one receiver may hold. */
export const DELIVERY_CONCURRENCY = 32;
const SLOTS_PER_RECEIVER = 8;

/**
 * The webhook side of a worker process: the dispatcher that turns decisions, comments and surges
 * into deliveries (one worker at a time, by row lock), and a BullMQ worker that sends them.
 */
export function startWebhookWorker(deps: { config: Config; db: Db; connection: RedisClient; logger: Logger; metrics: Metrics }): {
  close(): Promise<void>;
} {
  const { config, db, connection, logger, metrics } = deps;
  const retry = config.webhooks;
  const queue = new Queue<DeliveryJob>(WEBHOOK_QUEUE, {
    connection,
    prefix: config.queuePrefix,
    defaultJobOptions: deliveryJobOptions(retry),
  });
  queue.on('error', (error) => logger.debug({ err: error.message }, 'webhook queue error'));
  const worker = new Worker<DeliveryJob, DeliveryOutcome>(
    WEBHOOK_QUEUE,
    createDeliverJob({
      db,
      secretBox: createSecretBox(config.secretKey, config.previousSecretKeys),
      logger,
      metrics,
      allowPrivate: retry.allowPrivate,
      timeoutMs: retry.timeoutMs,
      // A receiver whose attempt takes half the deadline is slow: it keeps one slot until it is quick again.
      slots: createReceiverSlots({ perWebhook: SLOTS_PER_RECEIVER, slowMs: retry.timeoutMs / 2, timeoutMs: retry.timeoutMs }),
    }),
    {
      connection,
      prefix: config.queuePrefix,
      concurrency: DELIVERY_CONCURRENCY,
      lockDuration: Math.max(15_000, retry.timeoutMs * 2),
      settings: {
        // Up to 10% jitter, so a receiver coming back is not hit by every retry at once.
        backoffStrategy: (attemptsMade: number) => Math.round(retryDelay(attemptsMade, retry.retryBaseMs) * (1 + Math.random() * 0.1)),
      },
    },
  );
  worker.on('failed', (job, error) =>
    logger.warn({ jobId: job?.id, attemptsMade: job?.attemptsMade, err: error.message }, 'webhook delivery attempt failed'),
  );
  // Connection failures are the Redis outage, which the moderation worker's redisOutage logs once.
  worker.on('error', (error) => logger[isConnectionError(error) ? 'debug' : 'warn']({ err: error.message }, 'webhook worker error'));

  const dispatcher = createDispatcher({ db, queue, logger, retentionDays: config.retentionDays });
  const loop = runPeriodically(
    retry.pollMs,
    () => dispatcher.tick(),
    (error) => handleError(logger, error, { source: 'webhook dispatcher' }),
  );

  return {
    async close() {
      await loop.stop();
      await worker.close();
      await queue.close();
    },
  };
}
