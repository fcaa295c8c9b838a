import type { Queryable } from '../db/pool';

export interface ArticleSettings {
  closed: boolean;
  premoderation: boolean;
}

const OPEN: ArticleSettings = { closed: false, premoderation: false };

export async function findArticleSettings(db: Queryable, articleId: string): Promise<ArticleSettings> {
  const [row] = await db.query<ArticleSettings>(
    `SELECT closed_at IS NOT NULL AND closed_at <= now() AS closed, premoderation
     FROM articles WHERE id = $1`,
    [articleId],
  );
  return row ?? OPEN;
}
