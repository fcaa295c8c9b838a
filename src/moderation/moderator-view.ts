import type { CommentChecks, CommentRow, CommentStatus } from '../comments/comment-repository';
import { toPublicComment, type PublicComment } from '../comments/public-view';

export interface ModeratorView extends PublicComment {
  articleId: string;
  authorEmail: string;
  status: CommentStatus;
  decidedBy: string | null;
  decidedAt: string | null;
  checks: CommentChecks | null;
}

/** What a moderator sees: the public fields plus the decision, its reasons and the (decrypted) email. */
export function toModeratorView(row: CommentRow, decryptEmail: (ciphertext: Buffer) => string): ModeratorView {
  return {
    ...toPublicComment(row),
    articleId: row.article_id,
    authorEmail: decryptEmail(row.author_email_enc),
    status: row.status,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at ? row.decided_at.toISOString() : null,
    checks: row.checks,
  };
}
