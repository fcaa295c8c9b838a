import type { Logger } from 'pino';
import type { Queryable } from '../src/db/pool';
import { runPeriodically } from '../src/periodic';
import { listSpamFeedbackAfter, type FeedbackLabel } from '../src/moderation/spam-feedback-repository';

export interface Learner {
  learn(text: string, label: FeedbackLabel): void;
  forget(text: string, label: FeedbackLabel): void;
}

/**
 * Keeps this worker's learned filter in step with moderators' decisions in spam_feedback. At start
 * it replays the whole table (so learning survives restarts); then it follows new rows, so feedback
 * given through any API replica reaches every worker within one poll interval. A comment relabelled
 * by a moderator is unlearned under its old label first.
 */
export function createFeedbackSync(db: Queryable, learner: Learner, logger: Logger) {
  let lastId = '0';
  const labelled = new Map<string, { label: FeedbackLabel; body: string }>();

  async function catchUp(): Promise<number> {
    let applied = 0;
    for (;;) {
      const rows = await listSpamFeedbackAfter(db, lastId, 1000);
      for (const row of rows) {
        const previous = row.comment_id ? labelled.get(row.comment_id) : undefined;
        if (previous) learner.forget(previous.body, previous.label);
        learner.learn(row.body, row.label);
        if (row.comment_id) labelled.set(row.comment_id, { label: row.label, body: row.body });
        lastId = row.id;
        applied += 1;
      }
      if (rows.length < 1000) return applied;
    }
  }

  return {
    catchUp,
    start(intervalSeconds: number): { stop(): Promise<void> } {
      const follow = async () => {
        const applied = await catchUp();
        if (applied > 0) logger.info({ applied }, 'learned from moderator feedback');
      };
      return runPeriodically(intervalSeconds * 1000, follow, (error) =>
        logger.warn({ err: error.message }, 'feedback sync failed; will retry'),
      );
    },
  };
}
