import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Queryable } from '../db/pool';
import { AppError } from '../errors';
import { findActiveModeratorByKeyHash, touchModeratorKey } from './moderator-repository';

export type Principal =
  | { role: 'admin'; name: string; moderatorId: null }
  | { role: 'moderator'; name: string; moderatorId: string };

export const hashApiKey = (key: string) => createHash('sha256').update(key, 'utf8').digest();

export const newApiKey = () => `sift_${randomBytes(32).toString('base64url')}`;

const unauthorized = () =>
  new AppError('unauthorized', 401, 'A valid moderator key is required (Authorization: Bearer <key>)', true, {
    'WWW-Authenticate': 'Bearer realm="sift"',
  });

/**
 * Bearer key → who is asking. Keys are compared as SHA-256 digests with timingSafeEqual, so neither
 * the admin key nor a stored key leaks through response timing; moderator keys are stored only hashed.
 */
export function createAuthenticator(db: Queryable, adminApiKey: string | null) {
  const adminHash = adminApiKey ? hashApiKey(adminApiKey) : null;

  return async function authenticate(authorization: string | undefined): Promise<Principal> {
    const match = /^Bearer ([\x21-\x7e]{1,512})$/.exec(authorization ?? '');
    if (!match) throw unauthorized();
    const given = hashApiKey(match[1]!);
    if (adminHash && timingSafeEqual(given, adminHash)) return { role: 'admin', name: 'admin', moderatorId: null };
    const moderator = await findActiveModeratorByKeyHash(db, given);
    if (!moderator || !timingSafeEqual(given, moderator.api_key_hash)) throw unauthorized();
    if (!moderator.key_last_used_at || Date.now() - moderator.key_last_used_at.getTime() >= 60_000) {
      await touchModeratorKey(db, moderator.id, given);
    }
    return { role: 'moderator', name: moderator.name, moderatorId: moderator.id };
  };
}

export function assertAdmin(principal: Principal): void {
  if (principal.role !== 'admin') throw new AppError('forbidden', 403, 'This endpoint needs the admin key');
}
