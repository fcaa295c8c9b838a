import { createHash, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Db, Queryable } from '../db/pool';
import { AppError, badRequest, isDatabaseUnavailable, storageUnavailable } from '../errors';
import type { Metrics } from '../metrics';
import type { Secrets } from '../privacy/secrets';
import type { ModerationEnqueuer } from '../queue/moderation-queue';
import { findParent, insertPendingComment } from './comment-repository';
import type { NewComment } from './comment-schemas';
import { claimIdempotencyKey, findIdempotentAnswer } from './idempotency-repository';

export interface SubmitDeps {
  db: Db;
  secrets: Secrets;
  enqueuer: ModerationEnqueuer;
  metrics: Metrics;
  logger: Logger;
  /** AUTO_CLOSE_AFTER_DAYS: intake refuses comments that many days after an article's first one. */
  config?: { autoCloseAfterDays: number | null };
}

export interface Submission {
  articleId: string;
  comment: NewComment;
  clientIp: string | null;
  idempotencyKey: string | null;
}

export interface Accepted {
  id: string;
  articleId: string;
  status: 'pending';
  createdAt: string;
}

/**
 * Intake: commit the comment as pending, then queue its moderation. The 202 that follows means
 * the row is in PostgreSQL; a failed enqueue is only counted, because the worker's sweeper queues
 * any comment left pending.
 */
export async function submitComment(deps: SubmitDeps, submission: Submission): Promise<Accepted> {
  const requestHash = hashRequest(submission);
  try {
    if (submission.idempotencyKey) {
      const replay = await replayIdempotent(deps, submission.idempotencyKey, requestHash);
      if (replay) return replay;
    }
    await assertParentApproved(deps, submission);
    const accepted = await commitPending(deps, submission, requestHash);
    if ('replayOf' in accepted) return accepted.replayOf;
    deps.metrics.commentsReceived.inc();
    await enqueueOrLeaveToSweeper(deps, accepted.id);
    return accepted;
  } catch (error) {
    if (isDatabaseUnavailable(error)) throw storageUnavailable();
    throw error;
  }
}

function hashRequest({ articleId, comment }: Submission): Buffer {
  const canonical = JSON.stringify([articleId, comment.authorName, comment.authorEmail, comment.body, comment.parentId ?? null]);
  return createHash('sha256').update(canonical).digest();
}

async function replayIdempotent(deps: SubmitDeps, key: string, requestHash: Buffer): Promise<Accepted | null> {
  const stored = await findIdempotentAnswer(deps.db, key);
  if (!stored) return null;
  if (!stored.request_hash.equals(requestHash)) {
    throw new AppError('idempotency_key_reused', 422, 'This Idempotency-Key was already used for a different comment');
  }
  return stored.response as Accepted;
}

async function assertParentApproved(deps: SubmitDeps, { articleId, comment }: Submission): Promise<void> {
  if (!comment.parentId) return;
  const parent = await findParent(deps.db, comment.parentId);
  if (!parent || parent.article_id !== articleId || parent.status !== 'approved') {
    throw badRequest('parentId: must be an approved comment of the same article', 'invalid_parent');
  }
}

async function commitPending(
  deps: SubmitDeps,
  { articleId, comment, clientIp, idempotencyKey }: Submission,
  requestHash: Buffer,
): Promise<Accepted | { replayOf: Accepted }> {
  const id = randomUUID();
  const write = async (tx: Queryable): Promise<Accepted> => {
    const inserted = await insertPendingComment(tx, {
      id,
      articleId,
      parentId: comment.parentId ?? null,
      authorName: comment.authorName,
      authorEmailEnc: deps.secrets.encryptEmail(comment.authorEmail),
      authorEmailHash: deps.secrets.emailHash(comment.authorEmail),
      ipHash: clientIp ? deps.secrets.ipHash(clientIp) : null,
      body: comment.body,
      bodyHash: bodyHash(comment.body),
    }, deps.config?.autoCloseAfterDays ?? null);
    // The INSERT checks the article in the same statement; no row means it is closed.
    if (!inserted) throw new AppError('comments_closed', 409, 'Comments are closed for this article');
    const accepted: Accepted = { id, articleId, status: 'pending', createdAt: inserted.created_at.toISOString() };
    if (idempotencyKey && !(await claimIdempotencyKey(tx, idempotencyKey, requestHash, id, accepted))) {
      throw new LostIdempotencyRace();
    }
    return accepted;
  };
  // Without an Idempotency-Key the INSERT is the only write: autocommitted on its own, it is just as
  // committed when it returns, without the BEGIN and COMMIT round trips.
  if (!idempotencyKey) return write(deps.db);
  const outcome = await deps.db.withTransaction(write).catch(async (error) => {
    if (!(error instanceof LostIdempotencyRace)) throw error;
    // Another request with this key committed first: answer as it did (or 422 if it differs).
    return { replayOf: (await replayIdempotent(deps, idempotencyKey!, requestHash))! };
  });
  return outcome;
}

class LostIdempotencyRace extends Error {}

/** Duplicate detection looks at the text as a reader sees it: case, spacing and punctuation aside. */
export function bodyHash(body: string): Buffer {
  const normalized = body.normalize('NFKC').toLowerCase().replace(/[\s\p{P}]+/gu, ' ').trim();
  return createHash('sha256').update(normalized).digest();
}

async function enqueueOrLeaveToSweeper(deps: SubmitDeps, commentId: string): Promise<void> {
  try {
    await deps.enqueuer.enqueue(commentId);
  } catch (error) {
    deps.metrics.enqueueFailures.inc();
    deps.logger.warn({ commentId, err: (error as Error).message }, 'moderation job not queued; the sweeper will queue it');
  }
}
