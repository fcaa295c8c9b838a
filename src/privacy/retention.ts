import type { Logger } from 'pino';
import type { Queryable } from '../db/pool';
import { runPeriodically } from '../periodic';
import { clearExpiredIpHashes, deleteExpiredRefusedComments } from './retention-repository';

export interface RetentionDeps {
  db: Queryable;
  logger: Logger;
  /** RETENTION_DAYS: spam/rejected comments and every IP hash older than this are removed. */
  days: number;
}

export interface PurgeResult {
  deletedComments: number;
  clearedIpHashes: number;
}

const BATCH = 1000;

/**
 * Removes what Sift no longer needs: comments refused (spam or rejected) more than `days` ago,
 * with their audit rows and idempotency keys (ON DELETE CASCADE), and the keyed IP hash of every
 * comment older than `days` (it only serves the short-term behaviour checks). Approved and held
 * comments stay. Safe to run from several workers at once: each statement is idempotent.
 */
export async function purgeExpired(deps: RetentionDeps): Promise<PurgeResult> {
  const result: PurgeResult = { deletedComments: 0, clearedIpHashes: 0 };
  for (;;) {
    const n = await deleteExpiredRefusedComments(deps.db, deps.days, BATCH);
    result.deletedComments += n;
    if (n < BATCH) break;
  }
  for (;;) {
    const n = await clearExpiredIpHashes(deps.db, deps.days, BATCH);
    result.clearedIpHashes += n;
    if (n < BATCH) break;
  }
  if (result.deletedComments > 0 || result.clearedIpHashes > 0) {
    deps.logger.info({ ...result, retentionDays: deps.days }, 'retention purge');
  }
  return result;
}

export function startRetention(deps: RetentionDeps, intervalSeconds: number): { stop(): Promise<void> } {
  return runPeriodically(intervalSeconds * 1000, () => purgeExpired(deps), (error) =>
    deps.logger.warn({ err: error.message }, 'retention purge failed; will try again'),
  );
}
