import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import type { Queryable } from '../src/db/pool';
import type { Metrics } from '../src/metrics';
import { runPeriodically } from '../src/periodic';
import { findStalePending } from '../src/comments/comment-repository';
import { moderationJobId, type ModerationJob } from '../src/queue/moderation-queue';

export interface SweepDeps {
  db: Queryable;
  queue: Queue<ModerationJob>;
  metrics: Metrics;
  logger: Logger;
  afterSeconds: number;
}

const BATCH = 500;

/**
 * Re-queues comments left pending: intake could not reach Redis, Redis lost its data, or a job ran
 * out of retries. The job id is the comment's, so a job that still exists is not duplicated; one
 * that failed for good is retried.
 */
export async function sweepPending(deps: SweepDeps): Promise<number> {
  const ids = await findStalePending(deps.db, deps.afterSeconds, BATCH);
  let queued = 0;
  for (const commentId of ids) {
    const jobId = moderationJobId(commentId);
    const existing = await deps.queue.getJob(jobId);
    if (existing) {
      if ((await existing.getState()) !== 'failed') continue;
      await existing.retry('failed');
    } else {
      await deps.queue.add('moderate', { commentId }, { jobId });
    }
    queued += 1;
  }
  if (queued > 0) {
    deps.metrics.swept.inc(queued);
    deps.logger.info({ queued }, 'sweeper re-queued pending comments');
  }
  return queued;
}

export function startSweeper(deps: SweepDeps, intervalSeconds: number): { stop(): Promise<void> } {
  return runPeriodically(intervalSeconds * 1000, () => sweepPending(deps), (error) =>
    deps.logger.warn({ err: error.message }, 'sweep failed; will try again'),
  );
}
