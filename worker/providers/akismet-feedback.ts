import type { Logger } from 'pino';
import type { Queryable } from '../../src/db/pool';
import { runPeriodically } from '../../src/periodic';
import { claimAkismetReports, unclaimAkismetReports } from '../../src/moderation/spam-feedback-repository';
import type { Akismet } from './akismet';

const BATCH = 50;

/**
 * Reports moderators' corrections to Akismet: a comment marked spam → submit-spam, one approved →
 * submit-ham, for comments Akismet checked. It follows the same spam_feedback rows the learned
 * filter learns from (written by src/moderation/moderate-comment.ts), claimed so that each is
 * reported once by one of any number of workers. When Akismet fails, the rest of the batch is given
 * back and tried on the next poll.
 */
export function startAkismetFeedback(
  deps: { db: Queryable; akismet: Pick<Akismet, 'submit'>; logger: Logger },
  intervalSeconds: number,
): { stop(): Promise<void> } {
  async function reportBatch(): Promise<void> {
    const reports = await claimAkismetReports(deps.db, BATCH);
    for (let i = 0; i < reports.length; i++) {
      const r = reports[i];
      try {
        await deps.akismet.submit(r.label, { body: r.body, authorName: r.author_name, ipHash: r.ip_hash, createdAt: r.created_at });
      } catch (error) {
        await unclaimAkismetReports(
          deps.db,
          reports.slice(i).map((x) => x.id),
        );
        deps.logger.warn({ err: (error as Error).message, unreported: reports.length - i }, 'akismet feedback not reported; will retry');
        return;
      }
    }
    if (reports.length) deps.logger.info({ reported: reports.length }, 'reported moderator feedback to akismet');
  }
  return runPeriodically(intervalSeconds * 1000, reportBatch, (error) =>
    deps.logger.warn({ err: error.message }, 'akismet feedback poll failed; will retry'),
  );
}
