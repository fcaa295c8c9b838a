import type { Queryable } from '../db/pool';

export type FeedbackLabel = 'spam' | 'ham';

export interface FeedbackRow {
  id: string;
  comment_id: string | null;
  label: FeedbackLabel;
  body: string;
}

export async function insertSpamFeedback(
  db: Queryable,
  feedback: { commentId: string; label: FeedbackLabel; body: string; moderatorId: string | null },
): Promise<void> {
  await db.query('INSERT INTO spam_feedback (comment_id, label, body, moderator_id) VALUES ($1, $2, $3, $4)', [
    feedback.commentId,
    feedback.label,
    feedback.body,
    feedback.moderatorId,
  ]);
}

/** The worker follows this table by id: everything after the last row it has learned from. */
export async function listSpamFeedbackAfter(db: Queryable, afterId: string, limit: number): Promise<FeedbackRow[]> {
  return db.query<FeedbackRow>(`SELECT id::text, comment_id, label, body FROM spam_feedback WHERE id > $1::int8 ORDER BY id LIMIT $2`, [
    afterId,
    limit,
  ]);
}

/** A moderator's label to report to Akismet, with what Akismet was sent when it checked the comment. */
export interface AkismetReport {
  id: string;
  label: FeedbackLabel;
  body: string;
  author_name: string;
  ip_hash: Buffer | null;
  created_at: Date;
}

/**
 * Claims up to `limit` unreported labels (each worker gets different ones) and returns those whose
 * comment Akismet checked; the rest are only marked. The claim commits at once, so no transaction
 * is held open across calls to Akismet.
 */
export async function claimAkismetReports(db: Queryable, limit: number): Promise<AkismetReport[]> {
  return db.query<AkismetReport>(
    `WITH claimed AS (
       UPDATE spam_feedback SET akismet_reported_at = now()
       WHERE id IN (SELECT id FROM spam_feedback WHERE akismet_reported_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING id, comment_id, label, body
     )
     SELECT claimed.id::text, claimed.label, claimed.body, c.author_name, c.ip_hash, c.created_at
     FROM claimed JOIN comments c ON c.id = claimed.comment_id
     WHERE c.checks -> 'outside' ? 'akismet'
     ORDER BY claimed.id`,
    [limit],
  );
}

/** Gives claimed labels back, so that the next poll reports them (Akismet did not take them). */
export async function unclaimAkismetReports(db: Queryable, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.query('UPDATE spam_feedback SET akismet_reported_at = NULL WHERE id = ANY($1::int8[])', [ids]);
}
