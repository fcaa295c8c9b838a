import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Queryable } from '../db/pool';
import { AppError } from '../errors';
import { findActiveModeratorByKeyHash, touchModeratorKey } from './moderator-repository';

export type Principal = { role: 'admin'; name: string; moderatorId: null } | { role: 'moderator'; name: string; moderatorId: string };

export type Role = Principal['role'];

/** Who holds an API key: the admin, an active moderator, or (null) nobody. */
export type KeyHolder = (key: string) => Promise<Principal | null>;

export const hashApiKey = (key: string) => createHash('sha256').update(key, 'utf8').digest();

export const newApiKey = () => `sift_${randomBytes(32).toString('base64url')}`;

/**
 * A key → who holds it, or null. Keys are compared as SHA-256 digests with timingSafeEqual, so
 * neither the admin key nor a stored key leaks through response timing; moderator keys are stored
 * only hashed. Shared by the Bearer check and the console's sign-in.
 */
export function createKeyChecker(db: Queryable, adminApiKey: string | null): KeyHolder {
  const adminHash = adminApiKey ? hashApiKey(adminApiKey) : null;

  return async function principalForKey(key: string): Promise<Principal | null> {
    if (!API_KEY_PATTERN.test(key)) return null;
    const given = hashApiKey(key);
    if (adminHash && timingSafeEqual(given, adminHash)) return { role: 'admin', name: 'admin', moderatorId: null };
    const moderator = await findActiveModeratorByKeyHash(db, given);
    if (!moderator || !timingSafeEqual(given, moderator.api_key_hash)) return null;
    if (!moderator.key_last_used_at || Date.now() - moderator.key_last_used_at.getTime() >= 60_000) {
      await touchModeratorKey(db, moderator.id, given);
    }
    return { role: 'moderator', name: moderator.name, moderatorId: moderator.id };
  };
}

/** What a key may look like: visible ASCII, at most 512 characters. */
export const API_KEY_PATTERN = /^[\x21-\x7e]{1,512}$/;

export function assertAdmin(principal: Principal): void {
  if (principal.role !== 'admin') throw new AppError('forbidden', 403, 'This endpoint needs the admin key');
}
