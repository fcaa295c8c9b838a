import type { Queryable } from '../db/pool';
import { badRequest } from '../errors';
import { findArticleControls, listArticleActivity, upsertClosed, upsertPremoderation } from './article-controls-repository';

/**
 * Per-article controls: close and reopen commenting (intake then answers 409 comments_closed),
 * auto-close N days after the first comment (AUTO_CLOSE_AFTER_DAYS; a reopen overrides it for that
 * article), and pre-moderation (every comment that is not rejected or spam is held), optionally
 * until a time. Changes apply to the next comment: intake and the worker read the row each time.
 */

export interface ArticleControls {
  articleId: string;
  closed: boolean;
  closedAt: string | null;
  /** When auto-close shuts (or shut) the article; null when it does not apply. */
  autoClosesAt: string | null;
  premoderation: boolean;
  premoderationUntil: string | null;
  firstCommentAt: string | null;
}

export async function getArticleControls(db: Queryable, articleId: string, autoCloseAfterDays: number | null): Promise<ArticleControls> {
  const row = await findArticleControls(db, articleId);
  const now = Date.now();
  const autoClosesAt =
    autoCloseAfterDays && row.first_comment_at && !row.auto_close_disabled
      ? new Date(row.first_comment_at.getTime() + autoCloseAfterDays * 86_400_000)
      : null;
  const closedByHand = !!row.closed_at && row.closed_at.getTime() <= now;
  const premoderation = row.premoderation && (!row.premoderation_until || row.premoderation_until.getTime() > now);
  return {
    articleId,
    closed: closedByHand || (!!autoClosesAt && autoClosesAt.getTime() <= now),
    closedAt: row.closed_at?.toISOString() ?? null,
    autoClosesAt: autoClosesAt?.toISOString() ?? null,
    premoderation,
    premoderationUntil: premoderation ? (row.premoderation_until?.toISOString() ?? null) : null,
    firstCommentAt: row.first_comment_at?.toISOString() ?? null,
  };
}

export async function closeArticle(db: Queryable, articleId: string): Promise<void> {
  await upsertClosed(db, articleId, new Date());
}

/** Reopens commenting, and keeps auto-close from shutting the article again. */
export async function reopenArticle(db: Queryable, articleId: string): Promise<void> {
  await upsertClosed(db, articleId, null);
}

/**
 * Switches an article's pre-moderation on (until a time, or until switched off) or off. The next
 * comment the worker decides for the article is held. Also the hook for surge mode (issue 8).
 */
export async function setPremoderation(db: Queryable, articleId: string, on: boolean, until?: Date | null): Promise<void> {
  if (on && until && until.getTime() <= Date.now()) throw badRequest('until: must be in the future');
  await upsertPremoderation(db, articleId, on, on ? (until ?? null) : null);
}

export interface ArticleActivity {
  articleId: string;
  held: number;
  pending: number;
  lastCommentAt: string | null;
  closed: boolean;
  premoderation: boolean;
  premoderationUntil: string | null;
  /** Pre-moderated by surge mode until then; null when not surging. */
  surgeUntil: string | null;
}

/** The articles that need a moderator's eye now (see listArticleActivity). */
export async function listArticles(
  db: Queryable,
  autoCloseAfterDays: number | null,
  limit: number,
): Promise<{ articles: ArticleActivity[] }> {
  const rows = await listArticleActivity(db, autoCloseAfterDays, limit);
  return {
    articles: rows.map((row) => ({
      articleId: row.article_id,
      held: row.held,
      pending: row.pending,
      lastCommentAt: row.last_comment_at?.toISOString() ?? null,
      closed: row.closed,
      premoderation: row.premoderation,
      premoderationUntil: row.premoderation ? (row.premoderation_until?.toISOString() ?? null) : null,
      surgeUntil: row.surge_until?.toISOString() ?? null,
    })),
  };
}
