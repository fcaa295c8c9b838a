import type { Job, Queue } from 'bullmq';
import { commentIdsOf, moderationJobId, type ModerationJob } from '../../src/queue/moderation-queue';

/** The moderation job that carries this comment, alone or with others queued in the same moment, in any state. */
export async function jobCarrying(queue: Queue<ModerationJob>, commentId: string): Promise<Job<ModerationJob> | undefined> {
  const own = await queue.getJob(moderationJobId(commentId));
  if (own) return own;
  const jobs = await queue.getJobs(['wait', 'active', 'delayed', 'completed', 'failed']);
  return jobs.find((job) => commentIdsOf(job.data)?.includes(commentId));
}
