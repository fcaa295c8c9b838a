import type { Queryable } from '../db/pool';

/** All SQL of reply notifications: the follower's cursor, the outbox, and unsubscribing. */

export async function lockNotifyState(db: Queryable): Promise<{ events_after: string; idle: boolean } | null> {
  const [row] = await db.query<{ events_after: string; idle: boolean }>(
    `SELECT events_after::text, updated_at < now() - interval '1 hour' AS idle FROM reply_notify_state FOR UPDATE SKIP LOCKED`,
  );
  return row ?? null;
}

/**
 * No worker followed approvals for an hour (SMTP was off, or every worker was stopped): start from
 * the end, rather than mail readers about replies approved long ago.
 */
export async function fastForwardNotifyState(db: Queryable): Promise<void> {
  await db.query(
    `UPDATE reply_notify_state SET events_after = greatest(events_after, (SELECT coalesce(max(id), 0) FROM moderation_events)), updated_at = now()`,
  );
}

export async function advanceNotifyState(db: Queryable, eventsAfter: string | null): Promise<void> {
  await db.query(`UPDATE reply_notify_state SET events_after = coalesce($1::int8, events_after), updated_at = now()`, [eventsAfter]);
}

export interface ApprovalEventRow {
  id: string;
  settled: boolean;
}

/**
 * The next decision events after the cursor, each "settled" once older than the grace period (a
 * transaction that took a lower id may commit a little later, so the cursor moves only over settled
 * rows), and in the same statement the outbox rows for the approvals among them: a reply, approved,
 * whose parent's author asked for notifications and is someone else (another author key). A row
 * already there (the same event seen again, or the reply approved a second time) is left as it is.
 */
export async function queueReplyNotifications(
  db: Queryable,
  afterId: string,
  graceSeconds: number,
  limit: number,
): Promise<{ events: ApprovalEventRow[]; queued: number }> {
  const events = await db.query<ApprovalEventRow>(
    `SELECT id::text, created_at < now() - $2 * interval '1 second' AS settled
     FROM moderation_events WHERE id > $1::int8 ORDER BY id LIMIT $3`,
    [afterId, graceSeconds, limit],
  );
  if (events.length === 0) return { events, queued: 0 };
  const queued = await db.query<{ reply_id: string }>(
    `INSERT INTO reply_notifications (reply_id, parent_id)
     SELECT DISTINCT r.id, r.parent_id
     FROM moderation_events e
     JOIN comments r ON r.id = e.comment_id
     JOIN comments p ON p.id = r.parent_id
     WHERE e.id > $1::int8 AND e.id <= $2::int8 AND e.to_status = 'approved' AND e.from_status <> 'approved'
       AND r.status = 'approved' AND p.notify_replies AND p.author_email_hash <> r.author_email_hash
     ON CONFLICT (reply_id) DO NOTHING
     RETURNING reply_id`,
    [afterId, events[events.length - 1].id],
  );
  return { events, queued: queued.length };
}

export interface ClaimedNotification {
  reply_id: string;
  parent_id: string;
  attempts: number;
}

/** Due rows, and rows whose sender died mid-send, taken by this worker for `leaseSeconds`. */
export function claimDueNotifications(db: Queryable, limit: number, leaseSeconds: number): Promise<ClaimedNotification[]> {
  return db.query<ClaimedNotification>(
    `UPDATE reply_notifications n
     SET status = 'sending', attempts = n.attempts + 1, locked_until = now() + $2 * interval '1 second'
     WHERE n.reply_id IN (
       SELECT reply_id FROM reply_notifications
       WHERE status IN ('queued', 'sending') AND next_attempt_at <= now()
         AND (status = 'queued' OR locked_until < now())
       ORDER BY next_attempt_at LIMIT $1
       FOR UPDATE SKIP LOCKED)
     RETURNING n.reply_id, n.parent_id, n.attempts`,
    [limit, leaseSeconds],
  );
}

export interface NotificationContent {
  reply_status: string;
  reply_author_name: string;
  reply_body: string;
  article_id: string;
  parent_status: string;
  parent_author_name: string;
  parent_body: string;
  parent_email_enc: Buffer;
  parent_notify: boolean;
}

/** What the email says, read at send time: the reply may have been unpublished, or the reader unsubscribed, since. */
export async function findNotificationContent(db: Queryable, replyId: string): Promise<NotificationContent | null> {
  const [row] = await db.query<NotificationContent>(
    `SELECT r.status AS reply_status, r.author_name AS reply_author_name, r.body AS reply_body, r.article_id,
            p.status AS parent_status, p.author_name AS parent_author_name, p.body AS parent_body,
            p.author_email_enc AS parent_email_enc, p.notify_replies AS parent_notify
     FROM comments r JOIN comments p ON p.id = r.parent_id WHERE r.id = $1`,
    [replyId],
  );
  return row ?? null;
}

export async function finishNotification(
  db: Queryable,
  replyId: string,
  status: 'sent' | 'skipped' | 'failed',
  error: string | null,
): Promise<void> {
  await db.query(
    `UPDATE reply_notifications SET status = $2, last_error = $3, locked_until = NULL,
       sent_at = CASE WHEN $2 = 'sent' THEN now() ELSE sent_at END
     WHERE reply_id = $1`,
    [replyId, status, error],
  );
}

export async function retryNotificationLater(db: Queryable, replyId: string, delayMs: number, error: string): Promise<void> {
  await db.query(
    `UPDATE reply_notifications SET status = 'queued', locked_until = NULL, last_error = $3,
       next_attempt_at = now() + $2 * interval '1 millisecond'
     WHERE reply_id = $1`,
    [replyId, delayMs, error],
  );
}

/**
 * One click on "unsubscribe": no more reply emails for any comment of this author (the same author
 * key: a signed-in reader's id, or the address's hash). Answers whether the comment exists.
 */
export async function unsubscribeAuthorOf(db: Queryable, commentId: string): Promise<boolean> {
  const [row] = await db.query<{ found: boolean }>(
    `WITH own AS (SELECT author_email_hash FROM comments WHERE id = $1),
     off AS (
       UPDATE comments c SET notify_replies = false FROM own
       WHERE c.author_email_hash = own.author_email_hash AND c.notify_replies
       RETURNING c.id
     )
     SELECT EXISTS (SELECT 1 FROM own) AS found, (SELECT count(*) FROM off) AS turned_off`,
    [commentId],
  );
  return row.found;
}
