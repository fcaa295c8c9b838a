import type { Queryable } from '../db/pool';

/** SQL for the retention purge. Each call touches at most `limit` rows, so locks stay short. */

export async function deleteExpiredRefusedComments(db: Queryable, days: number, limit: number): Promise<number> {
  const rows = await db.query(
    `DELETE FROM comments WHERE id IN (
       SELECT id FROM comments
       WHERE status IN ('spam', 'rejected')
         AND coalesce(decided_at, created_at) < now() - $1 * interval '1 day'
       LIMIT $2)
     RETURNING id`,
    [days, limit],
  );
  return rows.length;
}

export async function clearExpiredIpHashes(db: Queryable, days: number, limit: number): Promise<number> {
  const rows = await db.query(
    `UPDATE comments SET ip_hash = NULL WHERE id IN (
       SELECT id FROM comments
       WHERE ip_hash IS NOT NULL AND created_at < now() - $1 * interval '1 day'
       LIMIT $2)
     RETURNING id`,
    [days, limit],
  );
  return rows.length;
}

/**
 * Spam labels left without their comment (before migration 050 a purged comment's label kept its
 * text with no link back): nothing can tell whose they are, so none can be erased on request.
 */
export async function deleteOrphanedSpamFeedback(db: Queryable, limit: number): Promise<number> {
  const rows = await db.query(
    `DELETE FROM spam_feedback WHERE id IN (SELECT id FROM spam_feedback WHERE comment_id IS NULL LIMIT $1) RETURNING id`,
    [limit],
  );
  return rows.length;
}

/** Bans that ended (lifted or expired) more than `days` ago: their hashes and reasons serve nothing. */
export async function deleteEndedBans(db: Queryable, days: number, limit: number): Promise<number> {
  const rows = await db.query(
    `DELETE FROM bans WHERE id IN (
       SELECT id FROM bans WHERE least(lifted_at, expires_at) < now() - $1 * interval '1 day' LIMIT $2)
     RETURNING id`,
    [days, limit],
  );
  return rows.length;
}

/**
 * The public list's log of changes to its order serves cursors, which are good for a day
 * (src/comments/public-order.ts): an hour more and it is dropped.
 */
export async function deleteOldOrderChanges(db: Queryable, limit: number): Promise<number> {
  const rows = await db.query(
    `DELETE FROM public_order_changes WHERE id IN (
       SELECT id FROM public_order_changes WHERE created_at < now() - interval '25 hours' LIMIT $1)
     RETURNING id`,
    [limit],
  );
  return rows.length;
}

/** A decided report older than `days` keeps its reason and decision, not who made it. */
export async function clearSettledReporters(db: Queryable, days: number, limit: number): Promise<number> {
  const rows = await db.query(
    `UPDATE comment_reports SET reader_hash = NULL WHERE id IN (
       SELECT id FROM comment_reports
       WHERE resolved_at < now() - $1 * interval '1 day' AND reader_hash IS NOT NULL
       LIMIT $2)
     RETURNING id`,
    [days, limit],
  );
  return rows.length;
}
