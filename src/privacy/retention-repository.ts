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
