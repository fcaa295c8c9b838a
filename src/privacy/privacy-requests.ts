import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Db } from '../db/pool';
import { bodyHash } from '../comments/submit-comment';
import type { Secrets } from './secrets';
import {
  anonymiseComments,
  deleteComments,
  eraseAround,
  eraseReporterNotices,
  listReporterNotices,
  holdWebhookDispatch,
  insertPrivacyRequest,
  listAuthorComments,
  listEmailBans,
  listStatusChanges,
} from './privacy-request-repository';

/**
 * Privacy requests (GDPR access and erasure) for one email address, found by its keyed lookup hash.
 * Each is audited in privacy_requests under a random id, with counts and the admin's name: never
 * the address nor its hash. The address itself is never logged.
 */
export interface PrivacyDeps {
  db: Db;
  secrets: Secrets;
  logger: Logger;
  /** The public list cache, when the API has one: pages showing an erased name are dropped. */
  listCache?: { invalidate(articleId: string): Promise<void> };
}

export const REMOVED = '[removed]';
/** What an anonymised comment's address decrypts to: a reserved, undeliverable domain (RFC 6761). */
export const ERASED_EMAIL = 'erased@erased.invalid';

export interface ExportedData {
  requestId: string;
  generatedAt: string;
  comments: Array<{
    id: string;
    articleId: string;
    parentId: string | null;
    authorName: string;
    body: string;
    status: string;
    createdAt: string;
    decidedAt: string | null;
    decidedBy: string | null;
    ipAddressHashKept: boolean;
    history: Array<{ from: string; to: string; at: string }>;
  }>;
  bans: Array<{ id: string; reason: string | null; createdAt: string; expiresAt: string | null; liftedAt: string | null }>;
  /** Notices of illegal content the address sent (issue 20), with what a moderator decided. */
  notices: Array<{
    id: string;
    commentId: string;
    explanation: string | null;
    reporterName: string | null;
    location: string | null;
    createdAt: string;
    resolution: string | null;
    resolvedAt: string | null;
  }>;
}

export async function exportPersonalData(deps: PrivacyDeps, email: string, requestedBy: string): Promise<ExportedData> {
  const hash = deps.secrets.emailLookupHashes(email);
  const requestId = randomUUID();
  const comments = await listAuthorComments(deps.db, hash);
  const [history, bans, notices] = await Promise.all([
    listStatusChanges(
      deps.db,
      comments.map((c) => c.id),
    ),
    listEmailBans(deps.db, hash),
    listReporterNotices(deps.db, hash),
  ]);
  await insertPrivacyRequest(deps.db, {
    id: requestId,
    kind: 'export',
    mode: null,
    requestedBy,
    comments: comments.length,
    details: { bans: bans.length, notices: notices.length },
  });
  return {
    requestId,
    generatedAt: new Date().toISOString(),
    comments: comments.map((c) => ({
      id: c.id,
      articleId: c.article_id,
      parentId: c.parent_id,
      authorName: c.author_name,
      body: c.body,
      status: c.status,
      createdAt: c.created_at.toISOString(),
      decidedAt: c.decided_at?.toISOString() ?? null,
      decidedBy: c.decided_by,
      ipAddressHashKept: c.has_ip,
      history: history
        .filter((h) => h.comment_id === c.id)
        .map((h) => ({ from: h.from_status, to: h.to_status, at: h.created_at.toISOString() })),
    })),
    bans: bans.map((b) => ({
      id: b.id,
      reason: b.reason,
      createdAt: b.created_at.toISOString(),
      expiresAt: b.expires_at?.toISOString() ?? null,
      liftedAt: b.lifted_at?.toISOString() ?? null,
    })),
    notices: notices.map((n) => ({
      id: n.id,
      commentId: n.comment_id,
      explanation: n.explanation,
      reporterName: n.reporter_name,
      location: n.location,
      createdAt: n.created_at.toISOString(),
      resolution: n.resolution,
      resolvedAt: n.resolved_at?.toISOString() ?? null,
    })),
  };
}

export interface ErasureRequest {
  email: string;
  mode: 'anonymise' | 'remove';
  /** For `anonymise`: keep the text (default) or replace it with "[removed]". */
  body: 'keep' | 'remove';
}

export interface ErasureResult {
  requestId: string;
  mode: 'anonymise' | 'remove';
  comments: number;
  spamFeedback: number;
  webhookDeliveries: number;
  bans: number;
  /** Notices of illegal content the address sent: the sender's details removed, the report kept. */
  notices: number;
}

/**
 * Erases one author: their comments anonymised or removed; the address ciphertext, its hash and the
 * IP hashes gone; the moderators' spam labels with their text, the idempotency records (an unkeyed
 * hash over the address) and email bans deleted; webhook delivery payloads scrubbed. One transaction.
 */
export async function eraseAuthor(deps: PrivacyDeps, request: ErasureRequest, requestedBy: string): Promise<ErasureResult> {
  const hash = deps.secrets.emailLookupHashes(request.email);
  const requestId = randomUUID();
  const scrubBody = request.mode === 'remove' || request.body === 'remove';
  const { result, articles } = await deps.db.withTransaction(async (tx) => {
    await holdWebhookDispatch(tx);
    const comments = await listAuthorComments(tx, hash, true);
    const ids = comments.map((c) => c.id);
    const counts = await eraseAround(tx, ids, hash, { removeDeliveries: request.mode === 'remove', scrubBody });
    const notices = await eraseReporterNotices(tx, hash);
    if (request.mode === 'remove') {
      await deleteComments(tx, ids);
    } else {
      await anonymiseComments(tx, ids, {
        name: REMOVED,
        emailEnc: deps.secrets.encryptEmail(ERASED_EMAIL),
        body: scrubBody ? REMOVED : null,
        bodyHash: scrubBody ? bodyHash(REMOVED) : null,
      });
    }
    const result: ErasureResult = {
      requestId,
      mode: request.mode,
      comments: ids.length,
      spamFeedback: counts.spamFeedback,
      webhookDeliveries: counts.webhookDeliveries,
      bans: counts.bans,
      notices,
    };
    await insertPrivacyRequest(tx, {
      id: requestId,
      kind: 'erase',
      mode: request.mode,
      requestedBy,
      comments: ids.length,
      details: { body: scrubBody ? 'removed' : 'kept', ...counts, notices },
    });
    return { result, articles: [...new Set(comments.filter((c) => c.status === 'approved').map((c) => c.article_id))] };
  });
  for (const articleId of articles) {
    await deps.listCache
      ?.invalidate(articleId)
      .catch((error: Error) => deps.logger.warn({ requestId, err: error.message }, 'list cache not invalidated after erasure'));
  }
  deps.logger.info({ requestId, mode: request.mode, comments: result.comments }, 'privacy erasure done');
  return result;
}
