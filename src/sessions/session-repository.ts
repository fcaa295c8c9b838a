import type { Queryable } from '../db/pool';

/** SQL on console_sessions: the cookie's token is never stored, only its SHA-256. */

export interface SessionRow {
  role: 'admin' | 'moderator';
  moderator_id: string | null;
  name: string;
  admin_key_mark: Buffer | null;
  expires_at: Date;
  last_seen_at: Date;
}

export interface NewSession {
  tokenHash: Buffer;
  role: 'admin' | 'moderator';
  moderatorId: string | null;
  name: string;
  adminKeyMark: Buffer | null;
  expiresAt: Date;
}

export async function insertSession(db: Queryable, s: NewSession): Promise<void> {
  await db.query(
    `INSERT INTO console_sessions (token_hash, role, moderator_id, name, admin_key_mark, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [s.tokenHash, s.role, s.moderatorId, s.name, s.adminKeyMark, s.expiresAt],
  );
}

/**
 * A session that is neither expired nor idle for `idleMinutes`, and whose moderator's key is still
 * active; the moderator's name as it is now.
 */
export async function findLiveSession(db: Queryable, tokenHash: Buffer, idleMinutes: number): Promise<SessionRow | null> {
  const [row] = await db.query<SessionRow>(
    `SELECT s.role, s.moderator_id, coalesce(m.name, s.name) AS name, s.admin_key_mark, s.expires_at, s.last_seen_at
     FROM console_sessions s LEFT JOIN moderators m ON m.id = s.moderator_id
     WHERE s.token_hash = $1 AND s.expires_at > now() AND s.last_seen_at > now() - $2 * interval '1 minute'
       AND (s.moderator_id IS NULL OR m.revoked_at IS NULL)`,
    [tokenHash, idleMinutes],
  );
  return row ?? null;
}

export async function touchSession(db: Queryable, tokenHash: Buffer): Promise<void> {
  await db.query('UPDATE console_sessions SET last_seen_at = now() WHERE token_hash = $1', [tokenHash]);
}

export async function deleteSession(db: Queryable, tokenHash: Buffer): Promise<void> {
  await db.query('DELETE FROM console_sessions WHERE token_hash = $1', [tokenHash]);
}

/** Sessions past their lifetime or idle limit; run at each sign-in, so the table stays small. */
export async function deleteDeadSessions(db: Queryable, idleMinutes: number): Promise<void> {
  await db.query(`DELETE FROM console_sessions WHERE expires_at <= now() OR last_seen_at <= now() - $1 * interval '1 minute'`, [
    idleMinutes,
  ]);
}
