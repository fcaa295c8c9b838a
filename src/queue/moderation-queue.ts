import { Queue, type JobsOptions } from 'bullmq';
import { createBatcher } from '../batcher';
import type { RedisClient } from './redis';

export const MODERATION_QUEUE = 'moderation';

/** Jobs carry the id only; the worker re-reads PostgreSQL, so no email or body sits in Redis. */
export interface ModerationJob {
  commentId: string;
}

/** Deterministic, so a comment queued twice (intake, then the sweeper) is one job while it is kept. */
export const moderationJobId = (commentId: string) => `comment-${commentId}`;

export const moderationJobOptions: JobsOptions = {
  attempts: 10,
  backoff: { type: 'exponential', delay: 500, jitter: 0.5 },
  removeOnComplete: { age: 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

export function createModerationQueue(connection: RedisClient, prefix: string): Queue<ModerationJob> {
  return new Queue<ModerationJob>(MODERATION_QUEUE, {
    connection,
    prefix,
    defaultJobOptions: moderationJobOptions,
  });
}

export interface ModerationEnqueuer {
  enqueue(commentId: string): Promise<void>;
}

/**
 * Adds jobs; never waits longer than `timeoutMs` for Redis. The jobs of concurrent POSTs go together
 * as one `addBulk` (one Redis pipeline) instead of one round trip each; a lone job waits for no timer.
 */
export function createEnqueuer(queue: Queue<ModerationJob>, timeoutMs = 1000): ModerationEnqueuer {
  const addAll = createBatcher(
    async (commentIds: string[]) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('queue add timed out')), timeoutMs);
      });
      const jobs = commentIds.map((commentId) => ({ name: 'moderate', data: { commentId }, opts: { jobId: moderationJobId(commentId) } }));
      try {
        await Promise.race([queue.addBulk(jobs), timeout]);
      } finally {
        clearTimeout(timer);
      }
      return commentIds.map(() => undefined);
    },
    { maxBatch: 64, maxInFlight: 1 },
  );
  return { enqueue: addAll };
}
