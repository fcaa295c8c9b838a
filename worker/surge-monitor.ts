import type { Logger } from 'pino';
import type { Db } from '../src/db/pool';
import { setPremoderation } from '../src/articles/article-controls';
import { runPeriodically } from '../src/periodic';
import { findSurgingArticles, insertSurge, tryLockSurgeMonitor, type SurgeRules } from '../src/surge/surge-repository';

export interface SurgeDeps {
  db: Db;
  logger: Logger;
  rules: SurgeRules & { durationMinutes: number };
}

/**
 * Surge mode: an article with more than SURGE_COMMENTS comments in SURGE_WINDOW_MINUTES, or whose
 * recent spam share reaches SURGE_SPAM_RATE, switches itself to pre-moderation for
 * SURGE_DURATION_MINUTES (articles.premoderation_until ends it). The switch and its article_surges
 * row commit together; the webhook dispatcher follows that table for `article.surge`.
 */
export async function checkSurges(deps: SurgeDeps): Promise<number> {
  return deps.db.withTransaction(async (tx) => {
    if (!(await tryLockSurgeMonitor(tx))) return 0;
    const candidates = await findSurgingArticles(tx, deps.rules);
    const until = new Date(Date.now() + deps.rules.durationMinutes * 60_000);
    for (const c of candidates) {
      const volume = deps.rules.comments !== null && c.comments > deps.rules.comments;
      const spamRate = c.decided > 0 ? c.spam / c.decided : null;
      await setPremoderation(tx, c.article_id, true, until);
      await insertSurge(tx, {
        articleId: c.article_id,
        trigger: volume ? 'volume' : 'spam_rate',
        comments: c.comments,
        spamRate,
        until,
      });
      deps.logger.info(
        { articleId: c.article_id, trigger: volume ? 'volume' : 'spam_rate', comments: c.comments, spamRate, until },
        'surge: article switched to pre-moderation',
      );
    }
    return candidates.length;
  });
}

export function startSurgeMonitor(deps: SurgeDeps, pollSeconds: number): { stop(): Promise<void> } {
  if (deps.rules.comments === null && deps.rules.spamRate === null) return { stop: () => Promise.resolve() };
  return runPeriodically(
    pollSeconds * 1000,
    () => checkSurges(deps),
    (error) => deps.logger.warn({ err: error.message }, 'surge check failed; will retry'),
  );
}
