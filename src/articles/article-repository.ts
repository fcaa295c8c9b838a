import type { Queryable } from '../db/pool';

export interface ArticleSettings {
  closed: boolean;
  premoderation: boolean;
}

/**
 * SQL, the one definition of "comments are closed on this article now": a moderator closed it, or,
 * with `autoCloseAfterDays`, that many days passed since its first comment, unless a moderator
 * reopened it (see src/articles/article-controls.ts). `article` is a SQL expression for the
 * article's id, `days` one for AUTO_CLOSE_AFTER_DAYS (float8, NULL for never); both are placeholders
 * or column references, never input spliced into the text. Used by intake's INSERT and below.
 */
export function articleClosedSql(article: string, days: string): string {
  return `(coalesce((SELECT a.closed_at <= now() FROM articles a WHERE a.id = ${article}), false)
     OR (${days}::float8 IS NOT NULL
         AND NOT coalesce((SELECT a.auto_close_disabled FROM articles a WHERE a.id = ${article}), false)
         AND coalesce((SELECT min(c.created_at) FROM comments c WHERE c.article_id = ${article})
                      <= now() - ${days}::float8 * interval '1 day', false)))`;
}

/** SQL, over a row `a` of articles (NULL columns when the article has no row): in pre-moderation now. */
export const ARTICLE_PREMODERATION_SQL =
  'coalesce(a.premoderation AND (a.premoderation_until IS NULL OR a.premoderation_until > now()), false)';

/**
 * An article's effective settings now. An article without a row is open and moderated
 * automatically.
 */
export async function findArticleSettings(
  db: Queryable,
  articleId: string,
  options: { autoCloseAfterDays?: number | null } = {},
): Promise<ArticleSettings> {
  const [row] = await db.query<ArticleSettings>(
    `SELECT ${articleClosedSql('$1', '$2')} AS closed, ${ARTICLE_PREMODERATION_SQL} AS premoderation
     FROM (SELECT $1::text AS id) AS k LEFT JOIN articles a ON a.id = k.id`,
    [articleId, options.autoCloseAfterDays ?? null],
  );
  return row!;
}
