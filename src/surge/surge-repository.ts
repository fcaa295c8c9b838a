import type { Queryable } from '../db/pool';

/** SQL for surge mode: which articles are surging now, the surges recorded, and their summary. */

export interface SurgeCandidate {
  article_id: string;
  comments: number;
  /** Clients (distinct IP hashes) whose comments in the window were decided. */
  decided: number;
  /** Of those, clients who sent spam. */
  spam: number;
}

export interface SurgeRules {
  comments: number | null;
  windowMinutes: number;
  spamRate: number | null;
  spamMinComments: number;
}

/**
 * Articles over a threshold in the window that are not already pre-moderated (by a moderator or an
 * earlier surge that is still running): more than `comments` comments, or a spam share at or above
 * `spamRate` once at least `spamMinComments` were decided. The spam share counts clients (IP
 * hashes), not comments: of the clients whose comments were decided, those who sent spam; so one
 * spammer, however many comments they send, cannot switch an article alone (issue 16).
 */
export function findSurgingArticles(db: Queryable, rules: SurgeRules): Promise<SurgeCandidate[]> {
  return db.query<SurgeCandidate>(
    `SELECT c.article_id, count(*)::int AS comments,
            count(DISTINCT c.ip_hash) FILTER (WHERE c.status <> 'pending')::int AS decided,
            count(DISTINCT c.ip_hash) FILTER (WHERE c.status = 'spam')::int AS spam
     FROM comments c
     WHERE c.created_at > now() - $1 * interval '1 minute'
     GROUP BY c.article_id
     HAVING (($2::int IS NOT NULL AND count(*) > $2::int)
             OR ($3::float8 IS NOT NULL AND count(DISTINCT c.ip_hash) FILTER (WHERE c.status <> 'pending') >= $4
                 AND count(DISTINCT c.ip_hash) FILTER (WHERE c.status = 'spam')::float8
                     >= $3::float8 * count(DISTINCT c.ip_hash) FILTER (WHERE c.status <> 'pending')))
        AND NOT EXISTS (
          SELECT 1 FROM articles a WHERE a.id = c.article_id AND a.premoderation
            AND (a.premoderation_until IS NULL OR a.premoderation_until > now()))
        AND NOT EXISTS (SELECT 1 FROM article_surges s WHERE s.article_id = c.article_id AND s.until > now())
     LIMIT 100`,
    [rules.windowMinutes, rules.comments, rules.spamRate, rules.spamMinComments],
  );
}

export async function insertSurge(
  db: Queryable,
  s: { articleId: string; trigger: 'volume' | 'spam_rate'; comments: number; spamRate: number | null; until: Date },
): Promise<void> {
  await db.query(`INSERT INTO article_surges (article_id, trigger, comments, spam_rate, until) VALUES ($1, $2, $3, $4, $5)`, [
    s.articleId,
    s.trigger,
    s.comments,
    s.spamRate,
    s.until,
  ]);
}

/** Only one monitor decides at a time (several workers run one each). */
export async function tryLockSurgeMonitor(db: Queryable): Promise<boolean> {
  const [row] = await db.query<{ locked: boolean }>(`SELECT pg_try_advisory_xact_lock(7463201936) AS locked`);
  return row.locked;
}

export interface SurgeView {
  articleId: string;
  trigger: 'volume' | 'spam_rate';
  comments: number;
  spamRate: number | null;
  startedAt: string;
  until: string;
  active: boolean;
}

export interface SurgeStats {
  active: SurgeView[];
  started: number;
  recent: SurgeView[];
}

/** For the moderation stats: surges running now, and those started in [from, to). */
export async function surgeStats(db: Queryable, from: Date, to: Date): Promise<SurgeStats> {
  const rows = await db.query<{
    article_id: string;
    trigger: 'volume' | 'spam_rate';
    comments: number;
    spam_rate: number | null;
    started_at: Date;
    until: Date;
    active: boolean;
    in_period: boolean;
  }>(
    `SELECT article_id, trigger, comments, spam_rate, started_at, until, until > now() AS active,
            started_at >= $1 AND started_at < $2 AS in_period
     FROM article_surges
     WHERE until > now() OR (started_at >= $1 AND started_at < $2)
     ORDER BY started_at DESC LIMIT 200`,
    [from, to],
  );
  const views = rows.map((r) => ({
    view: {
      articleId: r.article_id,
      trigger: r.trigger,
      comments: r.comments,
      spamRate: r.spam_rate,
      startedAt: r.started_at.toISOString(),
      until: r.until.toISOString(),
      active: r.active,
    },
    inPeriod: r.in_period,
  }));
  return {
    active: views.filter((v) => v.view.active).map((v) => v.view),
    started: views.filter((v) => v.inPeriod).length,
    recent: views
      .filter((v) => v.inPeriod)
      .map((v) => v.view)
      .slice(0, 50),
  };
}
