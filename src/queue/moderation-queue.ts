import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';

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

export function createModerationQueue(connection: Redis, prefix: string): Queue<ModerationJob> {
  return new Queue<ModerationJob>(MODERATION_QUEUE, {
    connection,
    prefix,
    defaultJobOptions: moderationJobOptions,
  });
}

export interface ModerationEnqueuer {
  enqueue(commentId: string): Promise<void>;
}

/** Adds one job; never waits longer than `timeoutMs` for Redis. */
export function createEnqueuer(queue: Queue<ModerationJob>, timeoutMs = 1000): ModerationEnqueuer {
  return {
    async enqueue(commentId) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('queue add timed out')), timeoutMs);
      });
      try {
        await Promise.race([
          queue.add('moderate', { commentId }, { jobId: moderationJobId(commentId) }),
          timeout,
        ]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
