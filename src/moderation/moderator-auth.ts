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
 * A key → who holds it, or null. Keys are compared as SHA-256 digests with timingSafeEqual, so
 * neither the admin key nor a stored key leaks through response timing; moderator keys are stored
 * only hashed. Shared by the Bearer check and the console's sign-in.
 */
export function createKeyChecker(db: Queryable, adminApiKey: string | null) {
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

/** `Authorization: Bearer <key>` → who is asking; 401 otherwise. */
export function createAuthenticator(db: Queryable, adminApiKey: string | null) {
  const principalForKey = createKeyChecker(db, adminApiKey);

  return async function authenticate(authorization: string | undefined): Promise<Principal> {
    const match = /^Bearer (\S+)$/.exec(authorization ?? '');
    const principal = match ? await principalForKey(match[1]!) : null;
    if (!principal) throw unauthorized();
    return principal;
  };
}

export function assertAdmin(principal: Principal): void {
  if (principal.role !== 'admin') throw new AppError('forbidden', 403, 'This endpoint needs the admin key');
}
