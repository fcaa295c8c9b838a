import type { Queryable } from '../db/pool';

export interface ArticleSettings {
  closed: boolean;
  premoderation: boolean;
}

/**
 * An article's effective settings now. An article without a row is open and moderated
 * automatically. With `autoCloseAfterDays`, an article also counts as closed that many days after
 * its first comment, unless a moderator reopened it (see src/articles/article-controls.ts).
 */
export async function findArticleSettings(
  db: Queryable,
  articleId: string,
  options: { autoCloseAfterDays?: number | null } = {},
): Promise<ArticleSettings> {
  const [row] = await db.query<ArticleSettings>(
    `SELECT coalesce(a.closed_at <= now(), false)
              OR ($2::float8 IS NOT NULL AND NOT coalesce(a.auto_close_disabled, false)
                  AND coalesce((SELECT min(c.created_at) FROM comments c WHERE c.article_id = $1)
                               <= now() - $2::float8 * interval '1 day', false)) AS closed,
            coalesce(a.premoderation AND (a.premoderation_until IS NULL OR a.premoderation_until > now()), false)
              AS premoderation
     FROM (SELECT $1::text AS id) AS k LEFT JOIN articles a ON a.id = k.id`,
    [articleId, options.autoCloseAfterDays ?? null],
  );
  return row!;
}
