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
  await db.query(
    'INSERT INTO spam_feedback (comment_id, label, body, moderator_id) VALUES ($1, $2, $3, $4)',
    [feedback.commentId, feedback.label, feedback.body, feedback.moderatorId],
  );
}

/** The worker follows this table by id: everything after the last row it has learned from. */
export async function listSpamFeedbackAfter(db: Queryable, afterId: string, limit: number): Promise<FeedbackRow[]> {
  return db.query<FeedbackRow>(
    `SELECT id::text, comment_id, label, body FROM spam_feedback WHERE id > $1::int8 ORDER BY id LIMIT $2`,
    [afterId, limit],
  );
}
