import { Queue, type JobsOptions } from 'bullmq';
import { createBatcher } from '../batcher';
import type { RedisClient } from './redis';

export const MODERATION_QUEUE = 'moderation';

/**
 * Jobs carry ids only; the worker re-reads PostgreSQL, so no email or body sits in Redis. One comment
 * (a lone POST, the sweeper), or the comments of concurrent POSTs together: a job's own Redis work
 * (adding it, taking it, its lock, finishing it) is then paid once for all of them.
 */
export type ModerationJob = { commentId: string } | { commentIds: string[] };

/** Deterministic, so a comment queued twice (intake, then the sweeper) is one job while it is kept. */
export const moderationJobId = (commentId: string) => `comment-${commentId}`;

/** The job of several comments is named for its first: each comment is in one intake job only. */
export const moderationBatchJobId = (commentIds: string[]) => `comments-${commentIds[0]}-${commentIds.length}`;

/** A job for these comments, as intake and the bench add them. */
export function moderationJob(commentIds: string[]): { name: string; data: ModerationJob; opts: JobsOptions } {
  return commentIds.length === 1
    ? { name: 'moderate', data: { commentId: commentIds[0] }, opts: { jobId: moderationJobId(commentIds[0]) } }
    : { name: 'moderate', data: { commentIds }, opts: { jobId: moderationBatchJobId(commentIds) } };
}

/** The comment ids a job names, or null when it names none (a malformed job). */
export function commentIdsOf(data: unknown): string[] | null {
  if (typeof data !== 'object' || data === null) return null;
  const { commentId, commentIds } = data as { commentId?: unknown; commentIds?: unknown };
  if (typeof commentId === 'string') return [commentId];
  if (Array.isArray(commentIds) && commentIds.length > 0 && commentIds.every((id) => typeof id === 'string')) return commentIds;
  return null;
}

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
 * Adds jobs; never waits longer than `timeoutMs` for Redis. The comments of concurrent POSTs go
 * together as one job (src/batcher.ts: those of one event-loop turn, up to 64) instead of one job
 * each; a lone comment waits for no timer and gets a job of its own.
 */
export function createEnqueuer(queue: Queue<ModerationJob>, timeoutMs = 1000): ModerationEnqueuer {
  const addAll = createBatcher(
    async (commentIds: string[]) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('queue add timed out')), timeoutMs);
      });
      const job = moderationJob(commentIds);
      try {
        await Promise.race([queue.add(job.name, job.data, job.opts), timeout]);
      } finally {
        clearTimeout(timer);
      }
      return commentIds.map(() => undefined);
    },
    { maxBatch: 64, maxInFlight: 1 },
  );
  return { enqueue: addAll };
}
