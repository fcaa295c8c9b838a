import { randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../db/pool';
import { AppError, notFound } from '../errors';
import type { Metrics } from '../metrics';
import type { Secrets } from '../privacy/secrets';
import { findComment, holdReportedComment, type CommentRow } from '../comments/comment-repository';
import type { ListCache } from '../comments/list-cache';
import { insertModerationEvent } from '../moderation/audit-repository';
import { findReportSummaries, insertReport, type NewReportRow, type ReasonCounts } from './report-repository';
import type { NewReport } from './report-schemas';

export interface ReportDeps {
  db: Db;
  secrets: Secrets;
  metrics: Metrics;
  listCache?: Pick<ListCache, 'invalidate'>;
  /** REPORT_HOLD_THRESHOLD: this many readers' open reports hold a published comment; null: never. */
  holdThreshold: number | null;
}

export interface ReportReceipt {
  id: string;
  commentId: string;
  reason: NewReport['reason'];
  receivedAt: string;
  /** What happens next, in words the reader (or the notice's sender) can keep. */
  confirmation: string;
}

/** The worker's rule name for a hold by readers' reports (decision log, stats, webhooks). */
export const REPORTS_RULE = 'reader-reports';

const notPublished = () => notFound('No published comment with this id');

/**
 * A reader reports a published comment (or one held by reports), once per comment. When the comment's reports still open
 * come from `holdThreshold` readers, it goes back to held (audited as the worker's rule
 * "reader-reports") until a moderator decides; the decision settles the reports (see
 * src/moderation/moderate-comment.ts). A notice of illegal content also keeps its sender's name and
 * (encrypted) address for the moderators, and is confirmed to the sender in the answer.
 */
export async function reportComment(deps: ReportDeps, commentId: string, readerHash: Buffer, report: NewReport): Promise<ReportReceipt> {
  const row = newReportRow(deps, commentId, readerHash, report);
  const { receivedAt, heldArticle } = await deps.db.withTransaction(async (tx) => {
    // The row lock makes concurrent reports of one comment count one after the other.
    const comment = await findComment(tx, commentId, true);
    if (!comment || !(await isReportable(tx, comment))) throw notPublished();
    const receivedAt = await insertReport(tx, row);
    if (!receivedAt) throw new AppError('already_reported', 409, 'You have already reported this comment');
    const held = comment.status === 'approved' && (await holdIfReportedEnough(tx, deps.holdThreshold, commentId));
    return { receivedAt, heldArticle: held ? comment.article_id : null };
  });
  if (heldArticle) {
    await deps.listCache?.invalidate(heldArticle);
    deps.metrics.decisions.inc({ status: 'held', by: 'auto' });
  }
  return { id: row.id, commentId, reason: report.reason, receivedAt: receivedAt.toISOString(), confirmation: confirmation(report) };
}

/**
 * Published, or held because readers reported it (others may still report what they saw on their
 * page): other comments answer as an unknown id does, so reports cannot probe what is not public.
 */
async function isReportable(tx: Queryable, comment: CommentRow): Promise<boolean> {
  if (comment.status === 'approved') return true;
  if (comment.status !== 'held') return false;
  return ((await findReportSummaries(tx, [comment.id])).get(comment.id)?.open ?? 0) > 0;
}

function newReportRow(deps: ReportDeps, commentId: string, readerHash: Buffer, report: NewReport): NewReportRow {
  const notice =
    report.reason === 'illegal' && 'reporterEmail' in report
      ? {
          reporterName: report.reporterName,
          reporterEmailEnc: deps.secrets.encryptEmail(report.reporterEmail),
          reporterEmailHash: deps.secrets.emailHash(report.reporterEmail),
          goodFaith: true as const,
          location: report.location ?? null,
        }
      : null;
  return { id: randomUUID(), commentId, readerHash, reason: report.reason, explanation: report.explanation ?? null, notice };
}

async function holdIfReportedEnough(tx: Queryable, threshold: number | null, commentId: string): Promise<boolean> {
  if (threshold === null) return false;
  const summary = (await findReportSummaries(tx, [commentId])).get(commentId);
  if (!summary || summary.open < threshold) return false;
  if (!(await holdReportedComment(tx, commentId))) return false;
  await insertModerationEvent(tx, {
    commentId,
    actor: 'auto',
    moderatorId: null,
    fromStatus: 'approved',
    toStatus: 'held',
    reason: `Reported by ${summary.open} readers (${describeReasons(summary.reasons)})`,
    details: { rule: REPORTS_RULE, reports: summary.open, reasons: summary.reasons },
  });
  return true;
}

const describeReasons = (reasons: ReasonCounts) =>
  Object.entries(reasons)
    .map(([reason, n]) => `${reason} ×${n}`)
    .join(', ');

function confirmation(report: NewReport): string {
  if (report.reason === 'illegal') {
    return (
      'We have received your notice of illegal content. A moderator will review the comment and decide on it; ' +
      'we may write to the address you gave about the decision. Your name and address are shown to our moderators only.'
    );
  }
  return 'Thank you. A moderator will look at this comment.';
}
