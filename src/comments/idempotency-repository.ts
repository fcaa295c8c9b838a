import type { Queryable } from '../db/pool';

export interface StoredAnswer {
  request_hash: Buffer;
  response: unknown;
}

export async function findIdempotentAnswer(db: Queryable, key: string): Promise<StoredAnswer | null> {
  const [row] = await db.query<StoredAnswer>('SELECT request_hash, response FROM idempotency_keys WHERE key = $1', [key]);
  return row ?? null;
}

/**
 * Claims the key inside the comment's transaction. A concurrent request with the same key waits on
 * the unique index until this one commits, then claims nothing (false) and replays this answer.
 */
export async function claimIdempotencyKey(
  db: Queryable,
  key: string,
  requestHash: Buffer,
  commentId: string,
  response: unknown,
): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO idempotency_keys (key, request_hash, comment_id, response)
     VALUES ($1, $2, $3, $4) ON CONFLICT (key) DO NOTHING RETURNING key`,
    [key, requestHash, commentId, JSON.stringify(response)],
  );
  return rows.length === 1;
}
