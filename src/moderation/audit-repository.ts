import type { Queryable } from '../db/pool';

/** One row per decision on a comment, automatic or human: the audit trail. */
export interface ModerationEvent {
  commentId: string;
  actor: string;
  moderatorId: string | null;
  fromStatus: string;
  toStatus: string;
  reason: string | null;
  details?: Record<string, unknown> | null;
}

/** The new row's id (reports record the decision that settled them by it). */
export async function insertModerationEvent(db: Queryable, event: ModerationEvent): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO moderation_events (comment_id, actor, moderator_id, from_status, to_status, reason, details)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     RETURNING id`,
    [
      event.commentId,
      event.actor,
      event.moderatorId,
      event.fromStatus,
      event.toStatus,
      event.reason,
      event.details ? JSON.stringify(event.details) : null,
    ],
  );
  return row.id;
}
