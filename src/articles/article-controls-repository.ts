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
  return row!;
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
