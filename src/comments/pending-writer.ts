import { createStatementBatcher } from '../batcher';
import type { Queryable } from '../db/pool';
import { insertPendingComment, insertPendingComments, type NewCommentRow } from './comment-repository';

/** Commits one new comment as pending; answers its created_at, or null when its article is closed. */
export type PendingCommentWriter = (row: NewCommentRow) => Promise<Date | null>;

/**
 * Intake's INSERTs, gathered: the comments of concurrent POSTs go to PostgreSQL as one autocommitted
 * multi-row statement, and each POST answers once that statement has committed (a 202 still means
 * the row is in PostgreSQL). The statement goes when the event-loop turn that made the calls is over
 * (src/batcher.ts): a lone POST waits for no timer.
 *
 * If the shared statement fails for any reason but PostgreSQL being away, each comment is retried
 * on its own, so one comment PostgreSQL refuses never costs the others theirs.
 */
export function createPendingCommentWriter(
  db: Queryable,
  autoCloseAfterDays: number | null,
  options: { maxBatch?: number; maxInFlight?: number } = {},
): PendingCommentWriter {
  const insertOne = async (row: NewCommentRow) => (await insertPendingComment(db, row, autoCloseAfterDays))?.created_at ?? null;
  const insertMany = async (rows: NewCommentRow[]) => {
    const created = await insertPendingComments(db, rows, autoCloseAfterDays);
    return rows.map((row) => created.get(row.id) ?? null);
  };

  // One statement in flight: the POSTs that arrive meanwhile make the next one larger, which measured
  // a lower POST p99 than two in flight at the same throughput (docs/performance.md).
  return createStatementBatcher(insertMany, insertOne, { maxBatch: options.maxBatch ?? 64, maxInFlight: options.maxInFlight ?? 1 });
}
