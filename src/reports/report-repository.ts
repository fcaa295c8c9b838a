import type { Queryable } from '../db/pool';
import type { ReportReason } from './report-schemas';

/** All SQL on comment_reports. A report never leaves here with its reader hash. */

export interface NewReportRow {
  id: string;
  commentId: string;
  readerHash: Buffer;
  reason: ReportReason;
  explanation: string | null;
  notice: { reporterName: string; reporterEmailEnc: Buffer; reporterEmailHash: Buffer; goodFaith: true; location: string | null } | null;
}

/** The report's time, or null when this reader already reported this comment. */
export async function insertReport(db: Queryable, report: NewReportRow): Promise<Date | null> {
  const { notice } = report;
  const [row] = await db.query<{ created_at: Date }>(
    `INSERT INTO comment_reports (id, comment_id, reader_hash, reason, explanation,
                                  reporter_name, reporter_email_enc, reporter_email_hash, good_faith, location)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (comment_id, reader_hash) DO NOTHING
     RETURNING created_at`,
    [
      report.id,
      report.commentId,
      report.readerHash,
      report.reason,
      report.explanation,
      notice?.reporterName ?? null,
      notice?.reporterEmailEnc ?? null,
      notice?.reporterEmailHash ?? null,
      notice ? notice.goodFaith : null,
      notice?.location ?? null,
    ],
  );
  return row?.created_at ?? null;
}

export type ReasonCounts = Partial<Record<ReportReason, number>>;

export interface ReportSummary {
  /** Reports no moderator has decided yet. */
  open: number;
  total: number;
  /** The open reports by reason. */
  reasons: ReasonCounts;
}

export const NO_REPORTS: ReportSummary = Object.freeze({ open: 0, total: 0, reasons: Object.freeze({}) });

/** The reports of each of these comments; comments never reported are absent from the map. */
export async function findReportSummaries(db: Queryable, commentIds: string[]): Promise<Map<string, ReportSummary>> {
  const summaries = new Map<string, ReportSummary>();
  if (commentIds.length === 0) return summaries;
  const rows = await db.query<{ comment_id: string; reason: ReportReason; open: number; total: number }>(
    `SELECT comment_id, reason, count(*) FILTER (WHERE resolved_at IS NULL)::int AS open, count(*)::int AS total
     FROM comment_reports WHERE comment_id = ANY ($1::uuid[])
     GROUP BY comment_id, reason`,
    [commentIds],
  );
  for (const row of rows) {
    const summary = summaries.get(row.comment_id) ?? { open: 0, total: 0, reasons: {} };
    summary.open += row.open;
    summary.total += row.total;
    if (row.open > 0) summary.reasons[row.reason] = row.open;
    summaries.set(row.comment_id, summary);
  }
  return summaries;
}

/**
 * Settles a comment's open reports with a moderator's decision on it: upheld when the comment was
 * removed, dismissed when it was published. Answers how many were settled, by reason.
 */
export async function resolveOpenReports(
  db: Queryable,
  commentId: string,
  decision: { resolution: 'upheld' | 'dismissed'; by: string; eventId: string },
): Promise<number> {
  const rows = await db.query(
    `UPDATE comment_reports SET resolved_at = now(), resolution = $2, resolved_by = $3, decision_event_id = $4
     WHERE comment_id = $1 AND resolved_at IS NULL
     RETURNING id`,
    [commentId, decision.resolution, decision.by, decision.eventId],
  );
  return rows.length;
}

export interface ReportRow {
  id: string;
  reason: ReportReason;
  explanation: string | null;
  reporter_name: string | null;
  has_email: boolean;
  good_faith: boolean | null;
  location: string | null;
  created_at: Date;
  resolved_at: Date | null;
  resolution: 'upheld' | 'dismissed' | null;
  resolved_by: string | null;
  decision_status: string | null;
  decision_reason: string | null;
}

/** A comment's reports, newest first, each with the decision that settled it (from the audit trail). */
export async function listCommentReports(db: Queryable, commentId: string): Promise<ReportRow[]> {
  return db.query<ReportRow>(
    `SELECT r.id, r.reason, r.explanation, r.reporter_name, r.reporter_email_enc IS NOT NULL AS has_email, r.good_faith,
            r.location, r.created_at, r.resolved_at, r.resolution, r.resolved_by,
            e.to_status AS decision_status, e.reason AS decision_reason
     FROM comment_reports r LEFT JOIN moderation_events e ON e.id = r.decision_event_id
     WHERE r.comment_id = $1
     ORDER BY r.created_at DESC, r.id`,
    [commentId],
  );
}

export async function findReporterEmail(
  db: Queryable,
  reportId: string,
): Promise<{ comment_id: string; reporter_email_enc: Buffer | null } | null> {
  const [row] = await db.query<{ comment_id: string; reporter_email_enc: Buffer | null }>(
    'SELECT comment_id, reporter_email_enc FROM comment_reports WHERE id = $1',
    [reportId],
  );
  return row ?? null;
}

export interface ReportStats {
  /** Reports made in the period, in all and by reason. */
  received: number;
  byReason: ReasonCounts;
  /** Reports a moderator settled in the period: the comment removed (upheld) or kept (dismissed). */
  upheld: number;
  dismissed: number;
  /** upheld / (upheld + dismissed); null when none was settled. */
  upheldRate: number | null;
  /** Notices of illegal content (DSA) received and settled in the period. */
  notices: { received: number; upheld: number; dismissed: number };
  /** Reports waiting for a moderator now, and the comments they are about. */
  open: number;
  openComments: number;
}

export async function reportStats(db: Queryable, from: Date, to: Date): Promise<ReportStats> {
  const [received, settled, open] = await Promise.all([
    db.query<{ reason: ReportReason; n: number }>(
      `SELECT reason, count(*)::int AS n FROM comment_reports WHERE created_at >= $1 AND created_at < $2 GROUP BY reason`,
      [from, to],
    ),
    db.query<{ resolution: 'upheld' | 'dismissed'; illegal: boolean; n: number }>(
      `SELECT resolution, reason = 'illegal' AS illegal, count(*)::int AS n FROM comment_reports
       WHERE resolved_at >= $1 AND resolved_at < $2 GROUP BY 1, 2`,
      [from, to],
    ),
    db.query<{ open: number; comments: number }>(
      `SELECT count(*)::int AS open, count(DISTINCT comment_id)::int AS comments FROM comment_reports WHERE resolved_at IS NULL`,
    ),
  ]);
  const sum = (rows: Array<{ n: number }>) => rows.reduce((total, row) => total + row.n, 0);
  const upheld = sum(settled.filter((row) => row.resolution === 'upheld'));
  const dismissed = sum(settled.filter((row) => row.resolution === 'dismissed'));
  return {
    received: sum(received),
    byReason: Object.fromEntries(received.map((row) => [row.reason, row.n])),
    upheld,
    dismissed,
    upheldRate: upheld + dismissed ? Number((upheld / (upheld + dismissed)).toFixed(4)) : null,
    notices: {
      received: received.find((row) => row.reason === 'illegal')?.n ?? 0,
      upheld: sum(settled.filter((row) => row.illegal && row.resolution === 'upheld')),
      dismissed: sum(settled.filter((row) => row.illegal && row.resolution === 'dismissed')),
    },
    open: open[0].open,
    openComments: open[0].comments,
  };
}
