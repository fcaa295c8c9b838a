import type { Queryable } from '../db/pool';

/**
 * Trust, from an author's record under their keyed email hash: N approved comments and no
 * rejection (or spam) in the last D days make an author trusted, and a trusted author's comment
 * skips holding for a borderline spam score (never for a banned term, clear spam or a ban). An
 * author with no approved comment ever is a first-timer: with HOLD_FIRST_COMMENT_WITH_LINK their
 * comment is held when it carries a link.
 */

export interface TrustSettings {
  minApproved: number;
  windowDays: number;
}

export interface AuthorRecord {
  approvedInWindow: number;
  rejectedInWindow: number;
  approvedEver: number;
}

export interface AuthorStanding {
  trusted: boolean;
  firstTime: boolean;
  record: AuthorRecord;
}

/**
 * SQL: the author's earlier comments (not this one), by when they were decided. The arguments are
 * SQL expressions (placeholders or column references), never input.
 */
export function authorRecordSql(emailHash: string, commentId: string, windowDays: string): string {
  return `SELECT
       count(*) FILTER (WHERE r.status = 'approved' AND r.decided_at > now() - ${windowDays} * interval '1 day')::int AS "approvedInWindow",
       count(*) FILTER (WHERE r.status IN ('rejected', 'spam') AND r.decided_at > now() - ${windowDays} * interval '1 day')::int AS "rejectedInWindow",
       count(*) FILTER (WHERE r.status = 'approved')::int AS "approvedEver"
     FROM comments r WHERE r.author_email_hash = ${emailHash} AND r.id <> ${commentId}`;
}

/** The author's earlier comments (not this one), by when they were decided. */
export async function findAuthorRecord(
  db: Queryable,
  comment: { id: string; author_email_hash: Buffer },
  windowDays: number,
): Promise<AuthorRecord> {
  const [row] = await db.query<AuthorRecord>(authorRecordSql('$1', '$2', '$3'), [
    comment.author_email_hash,
    comment.id,
    windowDays,
  ]);
  return row!;
}

export function authorStanding(record: AuthorRecord, settings: TrustSettings): AuthorStanding {
  const trusted = settings.minApproved > 0 && record.approvedInWindow >= settings.minApproved && record.rejectedInWindow === 0;
  return { trusted, firstTime: record.approvedEver === 0, record };
}
