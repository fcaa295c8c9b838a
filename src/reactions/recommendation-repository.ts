import type { Queryable } from '../db/pool';

/**
 * Recommendations: one row per reader per comment, the comment's count beside it, and the change
 * logged for the public list's snapshots (public_order_changes), all in one statement, so the count
 * is never out of step with the rows. The log's timestamp is taken after the comment's row lock is
 * held (it reads what the UPDATE returned), so a change is stamped moments before it commits. The
 * status test is written `(…) IS TRUE` so that it matches no partial index's predicate: the comment
 * is found by its primary key whatever the statistics (docs/performance.md).
 */

export interface RecommendationState {
  articleId: string;
  recommendations: number;
  /** Whether this call changed anything (false: the reader had already (un)recommended it). */
  changed: boolean;
}

/** Null when no approved comment has this id. */
export async function addRecommendation(db: Queryable, commentId: string, readerHash: Buffer): Promise<RecommendationState | null> {
  const [row] = await db.query<{ article_id: string; recommendations: number; changed: number }>(
    `WITH target AS (
       SELECT id, article_id, recommendations FROM comments WHERE id = $1 AND (status = 'approved') IS TRUE
     ), added AS (
       INSERT INTO comment_recommendations (comment_id, reader_hash)
       SELECT id, $2::bytea FROM target
       ON CONFLICT (comment_id, reader_hash) DO NOTHING
       RETURNING comment_id
     ), counted AS (
       UPDATE comments c SET recommendations = c.recommendations + 1
       FROM added WHERE c.id = added.comment_id
       RETURNING c.id, c.article_id, c.recommendations
     ), logged AS (
       INSERT INTO public_order_changes (article_id, comment_id, recommendations_delta)
       SELECT article_id, id, 1 FROM counted
       RETURNING id
     )
     SELECT t.article_id, coalesce((SELECT recommendations FROM counted), t.recommendations) AS recommendations,
            (SELECT count(*) FROM logged)::int AS changed
     FROM target t`,
    [commentId, readerHash],
  );
  return row ? { articleId: row.article_id, recommendations: row.recommendations, changed: row.changed > 0 } : null;
}

/** Null when no approved comment has this id. */
export async function removeRecommendation(db: Queryable, commentId: string, readerHash: Buffer): Promise<RecommendationState | null> {
  const [row] = await db.query<{ article_id: string; recommendations: number; changed: number }>(
    `WITH target AS (
       SELECT id, article_id, recommendations FROM comments WHERE id = $1 AND (status = 'approved') IS TRUE
     ), removed AS (
       DELETE FROM comment_recommendations r USING target
       WHERE r.comment_id = target.id AND r.reader_hash = $2::bytea
       RETURNING r.comment_id
     ), counted AS (
       UPDATE comments c SET recommendations = c.recommendations - 1
       FROM removed WHERE c.id = removed.comment_id
       RETURNING c.id, c.article_id, c.recommendations
     ), logged AS (
       INSERT INTO public_order_changes (article_id, comment_id, recommendations_delta)
       SELECT article_id, id, -1 FROM counted
       RETURNING id
     )
     SELECT t.article_id, coalesce((SELECT recommendations FROM counted), t.recommendations) AS recommendations,
            (SELECT count(*) FROM logged)::int AS changed
     FROM target t`,
    [commentId, readerHash],
  );
  return row ? { articleId: row.article_id, recommendations: row.recommendations, changed: row.changed > 0 } : null;
}
