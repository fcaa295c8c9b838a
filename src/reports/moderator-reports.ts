import type { Logger } from 'pino';
import type { Queryable } from '../db/pool';
import { notFound } from '../errors';
import type { Secrets } from '../privacy/secrets';
import type { Principal } from '../moderation/moderator-auth';
import { findComment } from '../comments/comment-repository';
import { findReporterEmail, listCommentReports, type ReportRow } from './report-repository';
import type { ReportReason } from './report-schemas';

/**
 * What moderators see of the reports on a comment. The reader who reported is never named (their
 * hash never leaves the database); a notice of illegal content shows its sender's name, and their
 * address only when a moderator asks for it (logged, without the address, as an author's is).
 */
export interface ReportView {
  id: string;
  reason: ReportReason;
  explanation: string | null;
  createdAt: string;
  /** Illegal-content notices (DSA Article 16): who sent it and what they stated. */
  notice: { reporterName: string | null; hasEmail: boolean; goodFaith: boolean; location: string | null } | null;
  /** The moderator's decision on the comment that settled the report; null while it is open. */
  decision: {
    resolution: 'upheld' | 'dismissed';
    by: string | null;
    at: string;
    status: string | null;
    reason: string | null;
  } | null;
}

export async function getCommentReports(db: Queryable, commentId: string): Promise<{ commentId: string; reports: ReportView[] }> {
  const comment = await findComment(db, commentId);
  if (!comment) throw notFound('No comment with this id');
  return { commentId, reports: (await listCommentReports(db, commentId)).map(toReportView) };
}

function toReportView(row: ReportRow): ReportView {
  return {
    id: row.id,
    reason: row.reason,
    explanation: row.explanation,
    createdAt: row.created_at.toISOString(),
    notice:
      row.reason === 'illegal'
        ? { reporterName: row.reporter_name, hasEmail: row.has_email, goodFaith: row.good_faith === true, location: row.location }
        : null,
    decision:
      row.resolution && row.resolved_at
        ? {
            resolution: row.resolution,
            by: row.resolved_by,
            at: row.resolved_at.toISOString(),
            status: row.decision_status,
            reason: row.decision_reason,
          }
        : null,
  };
}

/** A notice's sender's address, for the moderator who asked (to answer them about the decision). */
export async function revealReporterEmail(
  deps: { db: Queryable; secrets: Secrets; logger: Logger },
  principal: Principal,
  reportId: string,
): Promise<{ reportId: string; commentId: string; reporterEmail: string }> {
  const found = await findReporterEmail(deps.db, reportId);
  if (!found || !found.reporter_email_enc) throw notFound('No report with an address and this id');
  deps.logger.info({ reportId, commentId: found.comment_id, by: principal.name }, 'reporter email shown to a moderator');
  return { reportId, commentId: found.comment_id, reporterEmail: deps.secrets.decryptEmail(found.reporter_email_enc) };
}
