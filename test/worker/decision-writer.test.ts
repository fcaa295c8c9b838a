import type { Job } from 'bullmq';
import { createMetrics } from '../../src/metrics';
import { createLogger } from '../../src/logger';
import type { ModerationJob } from '../../src/queue/moderation-queue';
import { createModerateJob, type Checks } from '../../worker/moderate-job';
import { newsroomSettings } from '../../worker/newsroom-context';
import { apiClient } from '../helpers/api-client';
import { randomArticleId } from '../helpers/factories';
import { useTestStack } from '../helpers/test-stack';

describe('Moderation worker: decisions written together', () => {
  const stack = useTestStack();

  /**
   * Checks that pass everything, except that a comment whose body says "poison" gets a reason
   * PostgreSQL cannot store (a NUL character in jsonb): its decision is refused by PostgreSQL.
   */
  const checks: Checks = {
    run: (comment) => ({
      spam: { isSpam: false, score: 0, reasons: comment.body.includes('poison') ? ['\u0000'] : [] },
      profanity: { isProfane: false, terms: [], reasons: [] },
    }),
  };

  test('When PostgreSQL refuses one decision of a shared statement, then only that job fails and the others are decided', async () => {
    const api = apiClient(stack.app);
    const articleId = randomArticleId('decision-writer');
    const good = [await api.post(articleId), await api.post(articleId), await api.post(articleId)];
    const poisoned = await api.post(articleId, { body: 'This one is poison for the statement.' });
    const moderateJob = createModerateJob({
      db: stack.services.db,
      checks,
      policy: { holdThreshold: 0.3 },
      metrics: createMetrics(),
      logger: createLogger('silent'),
      newsroom: newsroomSettings(stack.config),
      listCache: stack.services.listCache,
    });
    const job = (commentId: string) => ({ data: { commentId } }) as Job<ModerationJob>;

    // Started in the same turn, the four decisions share one statement.
    const outcomes = await Promise.allSettled([good[0], poisoned, good[1], good[2]].map((id) => moderateJob(job(id))));

    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    const rows = await stack.services.db.query<{ id: string; status: string }>('SELECT id, status FROM comments WHERE article_id = $1', [
      articleId,
    ]);
    expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual({
      [good[0]]: 'approved',
      [good[1]]: 'approved',
      [good[2]]: 'approved',
      [poisoned]: 'pending',
    });
  });
});
