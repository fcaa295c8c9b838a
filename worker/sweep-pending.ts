import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import type { Queryable } from '../src/db/pool';
import type { Metrics } from '../src/metrics';
import { runPeriodically } from '../src/periodic';
import { findStalePending } from '../src/comments/comment-repository';
import { commentIdsOf, moderationJobId, type ModerationJob } from '../src/queue/moderation-queue';

export interface SweepDeps {
  db: Queryable;
  queue: Queue<ModerationJob>;
  metrics: Metrics;
  logger: Logger;
  afterSeconds: number;
}

const BATCH = 500;

/**
 * Re-queues comments left pending: intake could not reach Redis, Redis lost its data, a job ran
 * out of retries, or PostgreSQL crashed and lost a decision committed without waiting for its WAL
 * flush (see recordAutomaticDecisionsAudited). A comment queued alone has a job named for it, so a
 * job that still exists is not duplicated; one that failed for good is retried; one that completed
 * while its comment is still pending decided it into a lost commit, so it is removed and added again
 * (if the decision landed meanwhile, the new job finds the comment decided and does nothing).
 * Comments queued together share a job named for the first (moderation-queue.ts): while jobs run or
 * wait, the comments committed since those of the oldest of them are left to them (one INSERT
 * commits the comments of several jobs at once), and swept once the workers are past them if still
 * pending then; a killed worker's running job is left to BullMQ's stalled-job handling, as before.
 */
export async function sweepPending(deps: SweepDeps): Promise<number> {
  const queuedWith = await commentsOfOldestJobs(deps.queue);
  const ids = await findStalePending(deps.db, deps.afterSeconds, BATCH, queuedWith.length > 0 ? queuedWith : null);
  let queued = 0;
  for (const commentId of ids) {
    const jobId = moderationJobId(commentId);
    const existing = await deps.queue.getJob(jobId);
    const state = existing ? await existing.getState() : 'missing';
    if (state === 'failed') {
      await existing!.retry('failed');
    } else if (state === 'completed' || state === 'missing') {
      await existing?.remove();
      await deps.queue.add('moderate', { commentId }, { jobId });
    } else {
      continue; // waiting, delayed or active: it will run
    }
    queued += 1;
  }
  if (queued > 0) {
    deps.metrics.swept.inc(queued);
    deps.logger.info({ queued }, 'sweeper re-queued pending comments');
  }
  return queued;
}

/** The comments of the job running longest and of the job waiting longest, if any. */
async function commentsOfOldestJobs(queue: Queue<ModerationJob>): Promise<string[]> {
  const [[running], [waiting]] = await Promise.all([queue.getJobs(['active'], 0, 0, true), queue.getJobs(['wait'], 0, 0, true)]);
  return [running, waiting].flatMap((job) => (job ? (commentIdsOf(job.data) ?? []) : []));
}

export function startSweeper(deps: SweepDeps, intervalSeconds: number): { stop(): Promise<void> } {
  return runPeriodically(
    intervalSeconds * 1000,
    () => sweepPending(deps),
    (error) => deps.logger.warn({ err: error.message }, 'sweep failed; will try again'),
  );
}
