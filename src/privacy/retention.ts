import type { Logger } from 'pino';
import type { Queryable } from '../db/pool';
import { runPeriodically } from '../periodic';
import {
  clearExpiredIpHashes,
  deleteEndedBans,
  clearSettledReporters,
  deleteExpiredRefusedComments,
  deleteOldOrderChanges,
  deleteOrphanedSpamFeedback,
} from './retention-repository';

export interface RetentionDeps {
  db: Queryable;
  logger: Logger;
  /** RETENTION_DAYS: spam/rejected comments and every IP hash older than this are removed. */
  days: number;
}

export interface PurgeResult {
  deletedComments: number;
  clearedIpHashes: number;
  deletedOrphanedFeedback: number;
  deletedEndedBans: number;
  deletedOrderChanges: number;
  clearedReporterHashes: number;
}

const BATCH = 1000;

/**
 * Removes what Sift no longer needs: comments refused (spam or rejected) more than `days` ago,
 * with their audit rows, idempotency keys and moderators' spam labels (ON DELETE CASCADE), the
 * keyed IP hash of every comment older than `days` (it only serves the short-term behaviour
 * checks), spam labels left without a comment, and bans that ended more than `days` ago; the public
 * list's order changes once no cursor can need them (a day), and the reader hash of reports decided
 * more than `days` ago. Approved and held comments stay. Safe to run from several workers at once: each statement is idempotent.
 */
export async function purgeExpired(deps: RetentionDeps): Promise<PurgeResult> {
  const inBatches = async (step: () => Promise<number>) => {
    let total = 0;
    for (;;) {
      const n = await step();
      total += n;
      if (n < BATCH) return total;
    }
  };
  const result: PurgeResult = {
    deletedComments: await inBatches(() => deleteExpiredRefusedComments(deps.db, deps.days, BATCH)),
    clearedIpHashes: await inBatches(() => clearExpiredIpHashes(deps.db, deps.days, BATCH)),
    deletedOrphanedFeedback: await inBatches(() => deleteOrphanedSpamFeedback(deps.db, BATCH)),
    deletedEndedBans: await inBatches(() => deleteEndedBans(deps.db, deps.days, BATCH)),
    deletedOrderChanges: await inBatches(() => deleteOldOrderChanges(deps.db, BATCH)),
    clearedReporterHashes: await inBatches(() => clearSettledReporters(deps.db, deps.days, BATCH)),
  };
  if (Object.values(result).some((n) => n > 0)) {
    deps.logger.info({ ...result, retentionDays: deps.days }, 'retention purge');
  }
  return result;
}

export function startRetention(deps: RetentionDeps, intervalSeconds: number): { stop(): Promise<void> } {
  return runPeriodically(
    intervalSeconds * 1000,
    () => purgeExpired(deps),
    (error) => deps.logger.warn({ err: error.message }, 'retention purge failed; will try again'),
  );
}
