/**
 * SQL, the one definition of "comments are closed on this article now": a moderator closed it, or,
 * with `autoCloseAfterDays`, that many days passed since its first comment, unless a moderator
 * reopened it (see src/articles/article-controls.ts). `article` is a SQL expression for the
 * article's id, `days` one for AUTO_CLOSE_AFTER_DAYS (float8, NULL for never); both are placeholders
 * or column references, never input spliced into the text. Used by intake's INSERT (src/comments/comment-repository.ts)
 * and the console's article list.
 *
 * The first comment is asked for in the order only comments_article_created_idx gives, read
 * backwards: (article DESC, created_at, id), the article written as a range of one value so that
 * PostgreSQL cannot drop it from the order. `min(created_at)`, or an `=` on the article, let a
 * generic plan built on one article's statistics walk comments_created_idx from the oldest comment
 * of any article instead, the whole archive for a new story (test/plans.test.ts).
 */
export function articleClosedSql(article: string, days: string): string {
  return `(coalesce((SELECT a.closed_at <= now() FROM articles a WHERE a.id = ${article}), false)
     OR (${days}::float8 IS NOT NULL
         AND NOT coalesce((SELECT a.auto_close_disabled FROM articles a WHERE a.id = ${article}), false)
         AND coalesce((SELECT c.created_at FROM comments c WHERE c.article_id >= ${article} AND c.article_id <= ${article}
                       ORDER BY c.article_id DESC, c.created_at, c.id LIMIT 1)
                      <= now() - ${days}::float8 * interval '1 day', false)))`;
}

/** SQL, over a row `a` of articles (NULL columns when the article has no row): in pre-moderation now. */
export const ARTICLE_PREMODERATION_SQL =
  'coalesce(a.premoderation AND (a.premoderation_until IS NULL OR a.premoderation_until > now()), false)';
