import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/pool';
import { AppError } from '../errors';
import { createKeyChecker, hashApiKey, type Principal } from '../moderation/moderator-auth';
import { deleteDeadSessions, deleteSession, findLiveSession, insertSession, touchSession } from './session-repository';

/**
 * The moderation console's server-side sessions. Signing in with a moderator key (or the admin key)
 * opens a session whose random token travels only in an HttpOnly cookie; the database keeps its
 * SHA-256, so a copy of the table opens nothing. A session ends at sign-out, after its lifetime,
 * after `idleMinutes` without a moderator's own request, when the moderator's key is revoked, and,
 * for the admin, when ADMIN_API_KEY changes.
 *
 * Each session has a CSRF token, an HMAC of its token under a key derived from SECRET_KEY: nothing
 * more to store, checked in constant time. It is handed out once, in the sign-in answer, and never
 * for the cookie alone; the console sends it in a header with every call. So a page on another site
 * can neither read it nor (SameSite=Strict) send the cookie, and a stolen cookie without it opens
 * nothing.
 */

export interface ConsoleSession {
  principal: Principal;
  csrfToken: string;
  expiresAt: Date;
}

export interface ConsoleSessionSettings {
  secretKey: string;
  adminApiKey: string | null;
  sessionHours: number;
  idleMinutes: number;
}

/** A session token as the cookie carries it: 32 random bytes, base64url. */
export const SESSION_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** How often, at most, a session's last activity is written: the idle limit is this precise. */
const TOUCH_EVERY_MS = 60_000;

const wrongKey = () => new AppError('unauthorized', 401, 'That key was not accepted');

export function createConsoleSessions(db: Db, settings: ConsoleSessionSettings) {
  const derive = (purpose: string) => createHmac('sha256', Buffer.from(settings.secretKey, 'hex')).update(purpose).digest();
  const csrfKey = derive('sift console csrf v1');
  const adminMarkKey = derive('sift console admin key v1');
  // Which admin key opened a session, without storing anything that helps to guess it.
  const adminKeyMark = settings.adminApiKey ? createHmac('sha256', adminMarkKey).update(hashApiKey(settings.adminApiKey)).digest() : null;
  const principalForKey = createKeyChecker(db, settings.adminApiKey);
  const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest();
  const csrfToken = (token: string) => createHmac('sha256', csrfKey).update(token, 'utf8').digest('base64url');

  const sessions = {
    /**
     * A session for the holder of `key`; 401 for a key that is not accepted. `current` is the token
     * the browser's cookie already holds: a live session of the same moderator is joined (a second
     * tab signing in keeps the first one working, both on one session and one CSRF token); any
     * other is ended, since the new cookie replaces it.
     */
    async signIn(key: string, current: string | null = null): Promise<ConsoleSession & { token: string }> {
      const principal = await principalForKey(key);
      if (!principal) throw wrongKey();
      if (current !== null) {
        const live = await sessions.find(current, true);
        if (live && live.principal.role === principal.role && live.principal.moderatorId === principal.moderatorId)
          return { ...live, token: current };
        await sessions.signOut(current);
      }
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(Date.now() + settings.sessionHours * 3_600_000);
      await deleteDeadSessions(db, settings.idleMinutes);
      await insertSession(db, {
        tokenHash: hashToken(token),
        role: principal.role,
        moderatorId: principal.moderatorId,
        name: principal.name,
        adminKeyMark: principal.role === 'admin' ? adminKeyMark : null,
        expiresAt,
      });
      return { token, principal, csrfToken: csrfToken(token), expiresAt };
    },

    /**
     * The live session for a cookie's token, or null. `active`: the moderator asked for this (not a
     * background poll), so it counts against the idle limit.
     */
    async find(token: string, active: boolean): Promise<ConsoleSession | null> {
      if (!SESSION_TOKEN_PATTERN.test(token)) return null;
      const tokenHash = hashToken(token);
      const row = await findLiveSession(db, tokenHash, settings.idleMinutes);
      if (!row) return null;
      if (row.role === 'admin' && !(adminKeyMark && row.admin_key_mark && timingSafeEqual(row.admin_key_mark, adminKeyMark))) {
        return null;
      }
      if (active && Date.now() - row.last_seen_at.getTime() > TOUCH_EVERY_MS) await touchSession(db, tokenHash);
      const principal: Principal =
        row.role === 'admin'
          ? { role: 'admin', name: row.name, moderatorId: null }
          : { role: 'moderator', name: row.name, moderatorId: row.moderator_id! };
      return { principal, csrfToken: csrfToken(token), expiresAt: row.expires_at };
    },

    async signOut(token: string): Promise<void> {
      if (SESSION_TOKEN_PATTERN.test(token)) await deleteSession(db, hashToken(token));
    },

    /** Whether `given` is this session's CSRF token, compared in constant time. */
    csrfMatches(token: string, given: string | undefined): boolean {
      const expected = Buffer.from(csrfToken(token));
      const actual = Buffer.from(given ?? '');
      return actual.length === expected.length && timingSafeEqual(actual, expected);
    },
  };
  return sessions;
}

export type ConsoleSessions = ReturnType<typeof createConsoleSessions>;
