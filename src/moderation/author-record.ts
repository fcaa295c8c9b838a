import type { Logger } from 'pino';
import { findAuthorsOtherComments, findComment, type CommentStatus } from '../comments/comment-repository';
import { notFound } from '../errors';
import type { ModerationDeps } from './moderate-comment';
import type { Principal } from './moderator-auth';

/**
 * What a moderator may know about a comment's author beyond the comment: their other comments and
 * how each was decided (grouped by the keyed email hash, so without the address), and, when they
 * ask for it, the address itself.
 */

export interface AuthorRecordView {
  commentId: string;
  authorName: string;
  byStatus: Partial<Record<CommentStatus, number>>;
  others: Array<{ id: string; articleId: string; body: string; status: CommentStatus; decidedBy: string | null; createdAt: string }>;
}

const OTHERS_SHOWN = 20;

export async function getAuthorRecord(deps: Pick<ModerationDeps, 'db'>, commentId: string): Promise<AuthorRecordView> {
  const comment = await findComment(deps.db, commentId);
  const found = comment && (await findAuthorsOtherComments(deps.db, commentId, OTHERS_SHOWN));
  if (!comment || !found) throw notFound('No comment with this id');
  return {
    commentId,
    authorName: comment.author_name,
    byStatus: found.byStatus,
    others: found.comments.map((row) => ({
      id: row.id,
      articleId: row.article_id,
      body: row.body,
      status: row.status,
      decidedBy: row.decided_by,
      createdAt: row.created_at.toISOString(),
    })),
  };
}

/** The author's address, for the moderator who asked; logged (without the address) as asked for. */
export async function revealAuthorEmail(
  deps: Pick<ModerationDeps, 'db' | 'secrets'> & { logger: Logger },
  principal: Principal,
  commentId: string,
): Promise<{ commentId: string; authorEmail: string }> {
  const comment = await findComment(deps.db, commentId);
  if (!comment) throw notFound('No comment with this id');
  deps.logger.info({ commentId, by: principal.name }, 'author email shown to a moderator');
  return { commentId, authorEmail: deps.secrets.decryptEmail(comment.author_email_enc) };
}
