import { createHash, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Db } from '../db/pool';
import { AppError, badRequest } from '../errors';
import type { Metrics } from '../metrics';
import type { Secrets } from '../privacy/secrets';
import type { ModerationEnqueuer } from '../queue/moderation-queue';
import { findParent, insertPendingComment, type NewCommentRow } from './comment-repository';
import type { NewComment } from './comment-schemas';
import { claimIdempotencyKey, findIdempotentAnswer } from './idempotency-repository';
import type { PendingCommentWriter } from './pending-writer';

export interface SubmitDeps {
  db: Db;
  secrets: Secrets;
  enqueuer: ModerationEnqueuer;
  metrics: Metrics;
  logger: Logger;
  /** AUTO_CLOSE_AFTER_DAYS: intake refuses comments that many days after an article's first one. */
  config?: { autoCloseAfterDays: number | null };
  /** Commits comments without an Idempotency-Key, concurrent ones in one statement. */
  pendingComments: PendingCommentWriter;
}

export interface Submission {
  articleId: string;
  comment: NewComment;
  /** The keyed hash of the author's email (`Secrets.emailHash`), computed once per request. */
  authorEmailHash: Buffer;
  clientIp: string | null;
  idempotencyKey: string | null;
  /** A reader signed in to the site (SSO): their name and address are already in `comment`. */
  reader?: { subject: string; badge: string | null } | null;
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
  if (submission.idempotencyKey) return submitIdempotent(deps, submission, submission.idempotencyKey);
  await assertParentApproved(deps, submission);
  const accepted = await commitPending(deps, submission);
  await queueModeration(deps, accepted.id);
  return accepted;
}

/** With an Idempotency-Key: a retry of a committed request gets the first answer, not a second comment. */
async function submitIdempotent(deps: SubmitDeps, submission: Submission, key: string): Promise<Accepted> {
  const requestHash = hashRequest(submission);
  const replay = await replayIdempotent(deps, key, requestHash);
  if (replay) return replay;
  await assertParentApproved(deps, submission);
  const { accepted, committedHere } = await commitPendingIdempotent(deps, submission, { key, requestHash });
  // A lost race answers with the winner's comment, which the winner queued.
  if (committedHere) await queueModeration(deps, accepted.id);
  return accepted;
}

async function queueModeration(deps: SubmitDeps, commentId: string): Promise<void> {
  deps.metrics.commentsReceived.inc();
  await enqueueOrLeaveToSweeper(deps, commentId);
}

function hashRequest({ articleId, comment, reader }: Submission): Buffer {
  const fields: unknown[] = [articleId, comment.authorName, comment.authorEmail, comment.body, comment.parentId ?? null];
  // Appended only when used, so a key stored before these existed still matches its retry.
  if (reader || comment.notifyReplies) fields.push(reader?.subject ?? null, reader?.badge ?? null, comment.notifyReplies ?? false);
  const canonical = JSON.stringify(fields);
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

/** Without an Idempotency-Key the INSERT is the only write: autocommitted (with those of concurrent POSTs). */
async function commitPending(deps: SubmitDeps, submission: Submission): Promise<Accepted> {
  const row = newCommentRow(deps, submission);
  return acceptedOrClosed(row, await deps.pendingComments(row));
}

/** The INSERT and the key's claim in one transaction; a lost race on the key answers as the winner did. */
async function commitPendingIdempotent(
  deps: SubmitDeps,
  submission: Submission,
  { key, requestHash }: { key: string; requestHash: Buffer },
): Promise<{ accepted: Accepted; committedHere: boolean }> {
  const row = newCommentRow(deps, submission);
  return deps.db
    .withTransaction(async (tx) => {
      const inserted = await insertPendingComment(tx, row, deps.config?.autoCloseAfterDays ?? null);
      const accepted = acceptedOrClosed(row, inserted?.created_at ?? null);
      if (!(await claimIdempotencyKey(tx, key, requestHash, row.id, accepted))) throw new LostIdempotencyRace();
      return { accepted, committedHere: true };
    })
    .catch(async (error) => {
      if (!(error instanceof LostIdempotencyRace)) throw error;
      // Another request with this key committed first: answer as it did (or 422 if it differs).
      return { accepted: (await replayIdempotent(deps, key, requestHash))!, committedHere: false };
    });
}

function newCommentRow(deps: SubmitDeps, { articleId, comment, authorEmailHash, clientIp, reader }: Submission): NewCommentRow {
  return {
    id: randomUUID(),
    articleId,
    parentId: comment.parentId ?? null,
    authorName: comment.authorName,
    authorEmailEnc: deps.secrets.encryptEmail(comment.authorEmail),
    authorEmailHash,
    ipHash: clientIp ? deps.secrets.ipHash(clientIp) : null,
    body: comment.body,
    bodyHash: bodyHash(comment.body),
    authorSsoEnc: reader ? deps.secrets.encryptEmail(reader.subject) : null,
    ssoEmailHash: reader ? deps.secrets.emailHash(comment.authorEmail) : null,
    authorBadge: reader?.badge ?? null,
    notifyReplies: comment.notifyReplies ?? false,
  };
}

/** The INSERT checks the article in the same statement; no row (no created_at) means it is closed. */
function acceptedOrClosed(row: NewCommentRow, createdAt: Date | null): Accepted {
  if (!createdAt) throw new AppError('comments_closed', 409, 'Comments are closed for this article');
  return { id: row.id, articleId: row.articleId, status: 'pending', createdAt: createdAt.toISOString() };
}

class LostIdempotencyRace extends Error {}

/** Duplicate detection looks at the text as a reader sees it: case, spacing and punctuation aside. */
export function bodyHash(body: string): Buffer {
  const normalized = body
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}]+/gu, ' ')
    .trim();
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
