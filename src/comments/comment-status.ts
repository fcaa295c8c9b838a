import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { Queryable } from '../db/pool';
import { notFound } from '../errors';
import type { CommentStatus } from './comment-repository';

/**
 * The commenter's view of their own comment. The 202 of a POST carries a `statusToken`: an
 * HMAC-SHA256 of the comment id under a key derived from SECRET_KEY. Nothing is stored, so an
 * Idempotency-Key replay answers the same token and a database dump reveals none. Tokens made with a
 * key in SECRET_KEYS_PREVIOUS are still accepted after a rotation.
 */
export type CommenterStatus = 'pending' | 'approved' | 'held' | 'not_published';

export interface StatusTokens {
  issue(commentId: string): string;
  verify(commentId: string, token: string): boolean;
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function createStatusTokens(secretKeyHex: string, previousKeysHex: readonly string[] = []): StatusTokens {
  const keys = [secretKeyHex, ...previousKeysHex].map((hex) =>
    Buffer.from(hkdfSync('sha256', Buffer.from(hex, 'hex'), Buffer.alloc(0), 'sift comment status token v1', 32)),
  );
  const mac = (key: Buffer, commentId: string) => createHmac('sha256', key).update(commentId.toLowerCase()).digest();
  return {
    issue: (commentId) => mac(keys[0], commentId).toString('base64url'),
    verify(commentId, token) {
      if (!TOKEN.test(token)) return false;
      const given = Buffer.from(token, 'base64url');
      // Every key is tried, so the time taken does not tell which one (if any) matched.
      return keys.map((key) => timingSafeEqual(given, mac(key, commentId))).includes(true);
    },
  };
}

/** Moderators' statuses as a commenter is told them: reasons and the kind of refusal stay private. */
export function toCommenterStatus(status: CommentStatus): CommenterStatus {
  switch (status) {
    case 'pending':
    case 'approved':
    case 'held':
      return status;
    default:
      return 'not_published';
  }
}

/** A wrong token and an unknown comment answer the same 404, so ids cannot be probed. */
export async function getCommenterStatus(
  deps: { db: Queryable; statusTokens: StatusTokens },
  commentId: string,
  token: string | undefined,
): Promise<{ id: string; status: CommenterStatus }> {
  const missing = () => notFound('No comment with this id and token');
  if (!token || !deps.statusTokens.verify(commentId, token)) throw missing();
  const [row] = await deps.db.query<{ status: CommentStatus }>('SELECT status FROM comments WHERE id = $1', [commentId]);
  if (!row) throw missing();
  return { id: commentId, status: toCommenterStatus(row.status) };
}
