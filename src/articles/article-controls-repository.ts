import { ARTICLE_PREMODERATION_SQL, articleClosedSql } from './article-repository';
import type { Queryable } from '../db/pool';

export interface ArticleControlsRow {
  closed_at: Date | null;
  premoderation: boolean;
  premoderation_until: Date | null;
  auto_close_disabled: boolean;
  first_comment_at: Date | null;
  updated_at: Date | null;
}

export async function findArticleControls(db: Queryable, articleId: string): Promise<ArticleControlsRow> {
  const [row] = await db.query<ArticleControlsRow>(
    `SELECT a.closed_at, coalesce(a.premoderation, false) AS premoderation, a.premoderation_until,
            coalesce(a.auto_close_disabled, false) AS auto_close_disabled, a.updated_at,
            (SELECT min(c.created_at) FROM comments c WHERE c.article_id = k.id) AS first_comment_at
     FROM (SELECT $1::text AS id) AS k LEFT JOIN articles a ON a.id = k.id`,
    [articleId],
  );
  return row;
}

export async function upsertClosed(db: Queryable, articleId: string, closedAt: Date | null): Promise<void> {
  // A reopen also switches auto-close off for the article: the moderator's call wins over the timer.
  await db.query(
    `INSERT INTO articles (id, closed_at, auto_close_disabled) VALUES ($1, $2, $2::timestamptz IS NULL)
     ON CONFLICT (id) DO UPDATE SET closed_at = EXCLUDED.closed_at,
       auto_close_disabled = articles.auto_close_disabled OR EXCLUDED.auto_close_disabled, updated_at = now()`,
    [articleId, closedAt],
  );
}

export async function upsertPremoderation(db: Queryable, articleId: string, on: boolean, until: Date | null): Promise<void> {
  await db.query(
    `INSERT INTO articles (id, premoderation, premoderation_until) VALUES ($1, $2, $3)
     ON CONFLICT (id) DO UPDATE SET premoderation = EXCLUDED.premoderation,
       premoderation_until = EXCLUDED.premoderation_until, updated_at = now()`,
    [articleId, on, on ? until : null],
  );
}

export interface ArticleActivityRow {
  article_id: string;
  held: number;
  pending: number;
  last_comment_at: Date | null;
  closed: boolean;
  premoderation: boolean;
  premoderation_until: Date | null;
  surge_until: Date | null;
}

/**
 * The articles a moderator is likely to look after: those with comments waiting, those commented
 * on in the last 48 hours, and those closed, pre-moderated or surging; waiting ones first, then by
 * their latest comment. "Closed" is the intake's own definition (auto-close included).
 */
export async function listArticleActivity(db: Queryable, autoCloseAfterDays: number | null, limit: number): Promise<ArticleActivityRow[]> {
  return db.query<ArticleActivityRow>(
    `WITH activity AS (
       SELECT article_id, max(created_at) AS last_comment_at,
              count(*) FILTER (WHERE status = 'held')::int AS held,
              count(*) FILTER (WHERE status = 'pending')::int AS pending
       FROM comments WHERE created_at > now() - interval '48 hours' OR status IN ('held', 'pending')
       GROUP BY article_id
     ), surging AS (
       SELECT article_id, max(until) AS surge_until FROM article_surges WHERE until > now() GROUP BY article_id
     ), ids AS (
       SELECT article_id FROM activity
       UNION SELECT id FROM articles
         WHERE closed_at IS NOT NULL OR (premoderation AND (premoderation_until IS NULL OR premoderation_until > now()))
       UNION SELECT article_id FROM surging
     )
     SELECT ids.article_id, coalesce(act.held, 0) AS held, coalesce(act.pending, 0) AS pending, act.last_comment_at,
            ${articleClosedSql('ids.article_id', '$1')} AS closed,
            ${ARTICLE_PREMODERATION_SQL} AS premoderation, a.premoderation_until, s.surge_until
     FROM ids
     LEFT JOIN activity act ON act.article_id = ids.article_id
     LEFT JOIN articles a ON a.id = ids.article_id
     LEFT JOIN surging s ON s.article_id = ids.article_id
     ORDER BY coalesce(act.held, 0) + coalesce(act.pending, 0) > 0 DESC, act.last_comment_at DESC NULLS LAST, ids.article_id
     LIMIT $2`,
    [autoCloseAfterDays, limit],
  );
}
