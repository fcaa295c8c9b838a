import type { CommentChecks, CommentRow, CommentStatus } from '../comments/comment-repository';
import { toPublicComment, type PublicComment } from '../comments/public-view';
import { NO_REPORTS, type ReportSummary } from '../reports/report-repository';

export interface ModeratorView extends PublicComment {
  articleId: string;
  /** null when this server cannot decrypt it; `authorEmailUnavailable` then says why and what fixes it. */
  authorEmail: string | null;
  authorEmailUnavailable?: string;
  status: CommentStatus;
  decidedBy: string | null;
  decidedAt: string | null;
  checks: CommentChecks | null;
  /** Posted by a reader signed in to the site (SSO): name and address came from the site's token. */
  signedIn: boolean;
  /** Readers' reports: how many are waiting for a decision, by reason, and how many ever came. */
  reports: ReportSummary;
}

/**
 * Why an email cannot be shown: it was encrypted under a SECRET_KEY this process does not have (the
 * key was changed, typically from the development key, without listing the old one). Everything
 * else about the comment still works, so the desk keeps moderating while the operator fixes it.
 */
export const EMAIL_KEY_MISSING =
  'Encrypted under a SECRET_KEY this server does not have (was SECRET_KEY changed?): set SECRET_KEYS_PREVIOUS to the former key, then run npm run rotate-keys';

/** What a moderator sees: the public fields plus the decision, its reasons and the (decrypted) email. */
export function toModeratorView(
  row: CommentRow,
  decryptEmail: (ciphertext: Buffer) => string,
  reports: ReportSummary = NO_REPORTS,
): ModeratorView {
  return {
    ...toPublicComment(row),
    articleId: row.article_id,
    ...authorEmail(row.author_email_enc, decryptEmail),
    status: row.status,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at ? row.decided_at.toISOString() : null,
    checks: row.checks,
    signedIn: row.signed_in ?? false,
    reports,
  };
}

function authorEmail(
  ciphertext: Buffer,
  decryptEmail: (ciphertext: Buffer) => string,
): Pick<ModeratorView, 'authorEmail' | 'authorEmailUnavailable'> {
  try {
    return { authorEmail: decryptEmail(ciphertext) };
  } catch {
    return { authorEmail: null, authorEmailUnavailable: EMAIL_KEY_MISSING };
  }
}
