import type { Queryable } from '../db/pool';

/**
 * What the worker's dispatcher reads: the three sources it follows (decisions in moderation_events,
 * new comments, surges) and its position in each, one row locked with FOR UPDATE SKIP LOCKED so that
 * only one worker dispatches at a time. Rows are "settled" once older than the grace period: a
 * transaction that took a lower id may commit a little later, so the cursor moves only over settled
 * rows, and the newer ones are looked at again next round (their inserts are idempotent).
 */
export interface DispatchState {
  events_after: string;
  surges_after: string;
  /** As text, so the microseconds survive the round trip through JavaScript. */
  comments_after_at: string;
  comments_after_id: string;
}

export async function lockDispatchState(db: Queryable): Promise<DispatchState | null> {
  const [row] = await db.query<DispatchState>(
    `SELECT events_after::text, surges_after::text, comments_after_at::text, comments_after_id::text
     FROM webhook_dispatch_state FOR UPDATE SKIP LOCKED`,
  );
  return row ?? null;
}

export interface DecisionEventRow {
  id: string;
  comment_id: string;
  actor: string;
  from_status: string;
  to_status: string;
  rule: string | null;
  created_at: Date;
  settled: boolean;
  article_id: string;
  parent_id: string | null;
  author_name: string;
  body: string;
}

export function listDecisionEventsAfter(db: Queryable, afterId: string, graceSeconds: number, limit: number): Promise<DecisionEventRow[]> {
  return db.query<DecisionEventRow>(
    `SELECT e.id::text, e.comment_id, e.actor, e.from_status, e.to_status, e.details->>'rule' AS rule, e.created_at,
            e.created_at < now() - $2 * interval '1 second' AS settled,
            c.article_id, c.parent_id, c.author_name, c.body
     FROM moderation_events e JOIN comments c ON c.id = e.comment_id
     WHERE e.id > $1::int8 ORDER BY e.id LIMIT $3`,
    [afterId, graceSeconds, limit],
  );
}

export interface NewCommentEventRow {
  id: string;
  article_id: string;
  parent_id: string | null;
  author_name: string;
  body: string;
  created_at: Date;
  settled: boolean;
}

export function listCommentsAfter(
  db: Queryable,
  after: { at: string; id: string },
  graceSeconds: number,
  limit: number,
): Promise<NewCommentEventRow[]> {
  return db.query<NewCommentEventRow>(
    `SELECT c.id, c.article_id, c.parent_id, c.author_name, c.body, c.created_at,
            c.created_at < now() - $3 * interval '1 second' AS settled
     FROM comments c
     WHERE c.created_at >= $1::timestamptz -- the indexable half of the row comparison
       AND (c.created_at, c.id) > ($1::timestamptz, $2::uuid)
     ORDER BY c.created_at, c.id LIMIT $4`,
    [after.at, after.id, graceSeconds, limit],
  );
}

export interface SurgeEventRow {
  id: string;
  article_id: string;
  trigger: 'volume' | 'spam_rate';
  comments: number;
  spam_rate: number | null;
  until: Date;
  created_at: Date;
  settled: boolean;
}

export function listSurgesAfter(db: Queryable, afterId: string, graceSeconds: number, limit: number): Promise<SurgeEventRow[]> {
  return db.query<SurgeEventRow>(
    `SELECT id::text, article_id, trigger, comments, spam_rate, until, started_at AS created_at,
            started_at < now() - $2 * interval '1 second' AS settled
     FROM article_surges WHERE id > $1::int8 ORDER BY id LIMIT $3`,
    [afterId, graceSeconds, limit],
  );
}

export async function advanceDispatchState(
  db: Queryable,
  to: { eventsAfter: string | null; surgesAfter: string | null; commentsAfterId: string | null },
): Promise<void> {
  // The comment cursor is copied from the row in SQL, so its microseconds survive.
  await db.query(
    `UPDATE webhook_dispatch_state SET
       events_after = coalesce($1::int8, events_after),
       surges_after = coalesce($2::int8, surges_after),
       comments_after_at = coalesce((SELECT created_at FROM comments WHERE id = $3::uuid), comments_after_at),
       comments_after_id = CASE WHEN $3::uuid IS NULL OR NOT EXISTS (SELECT 1 FROM comments WHERE id = $3::uuid)
                                THEN comments_after_id ELSE $3::uuid END`,
    [to.eventsAfter, to.surgesAfter, to.commentsAfterId],
  );
}

/** With no webhook to serve, skip straight to the settled end of every source. */
export async function fastForwardDispatchState(db: Queryable, graceSeconds: number): Promise<void> {
  // The newest settled comment is never behind the cursor: the cursor only ever moves onto settled rows.
  await db.query(
    `WITH last_comment AS (
       SELECT created_at, id FROM comments WHERE created_at < now() - $1 * interval '1 second'
       ORDER BY created_at DESC, id DESC LIMIT 1
     )
     UPDATE webhook_dispatch_state SET
       events_after = greatest(events_after, coalesce(
         (SELECT max(id) FROM moderation_events WHERE created_at < now() - $1 * interval '1 second'), 0)),
       surges_after = greatest(surges_after, coalesce(
         (SELECT max(id) FROM article_surges WHERE started_at < now() - $1 * interval '1 second'), 0)),
       comments_after_at = coalesce((SELECT created_at FROM last_comment), comments_after_at),
       comments_after_id = coalesce((SELECT id FROM last_comment), comments_after_id)`,
    [graceSeconds],
  );
}
