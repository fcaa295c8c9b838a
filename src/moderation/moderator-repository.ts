import type { Queryable } from '../db/pool';

export interface ModeratorRow {
  id: string;
  name: string;
  api_key_hash: Buffer;
  key_last_used_at: Date | null;
}

/** A moderator as admins manage them: never the key, nor its hash. */
export interface ModeratorAccountRow {
  id: string;
  name: string;
  created_at: Date;
  key_issued_at: Date;
  key_last_used_at: Date | null;
  revoked_at: Date | null;
}

export type ModeratorKeyAction = 'created' | 'key_issued' | 'revoked';

export interface ModeratorKeyEventRow {
  action: ModeratorKeyAction;
  actor: string;
  created_at: Date;
}

const ACCOUNT_COLUMNS = 'id, name, created_at, key_issued_at, key_last_used_at, revoked_at';

export async function insertModerator(db: Queryable, id: string, name: string, apiKeyHash: Buffer): Promise<void> {
  await db.query('INSERT INTO moderators (id, name, api_key_hash) VALUES ($1, $2, $3)', [id, name, apiKeyHash]);
}

export async function findActiveModeratorByKeyHash(db: Queryable, apiKeyHash: Buffer): Promise<ModeratorRow | null> {
  const [row] = await db.query<ModeratorRow>(
    'SELECT id, name, api_key_hash, key_last_used_at FROM moderators WHERE api_key_hash = $1 AND revoked_at IS NULL',
    [apiKeyHash],
  );
  return row ?? null;
}

/**
 * Records that the key was used, at most once a minute per key (a write per request would turn
 * every moderator read into a row update). Only the key that was used: a key replaced meanwhile
 * leaves the new key's time alone.
 */
export async function touchModeratorKey(db: Queryable, id: string, apiKeyHash: Buffer): Promise<void> {
  await db.query(
    `UPDATE moderators SET key_last_used_at = now()
     WHERE id = $1 AND api_key_hash = $2 AND (key_last_used_at IS NULL OR key_last_used_at < now() - interval '1 minute')`,
    [id, apiKeyHash],
  );
}

export function listModerators(db: Queryable): Promise<ModeratorAccountRow[]> {
  return db.query<ModeratorAccountRow>(`SELECT ${ACCOUNT_COLUMNS} FROM moderators ORDER BY lower(name), id`);
}

export async function findModerator(db: Queryable, id: string, forUpdate = false): Promise<ModeratorAccountRow | null> {
  const [row] = await db.query<ModeratorAccountRow>(
    `SELECT ${ACCOUNT_COLUMNS} FROM moderators WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return row ?? null;
}

/** A new key replaces the old one (which stops working at once) and lifts a revocation. */
export async function replaceModeratorKey(db: Queryable, id: string, apiKeyHash: Buffer): Promise<ModeratorAccountRow> {
  const [row] = await db.query<ModeratorAccountRow>(
    `UPDATE moderators SET api_key_hash = $2, key_issued_at = now(), key_last_used_at = NULL, revoked_at = NULL
     WHERE id = $1 RETURNING ${ACCOUNT_COLUMNS}`,
    [id, apiKeyHash],
  );
  return row;
}

export async function revokeModeratorKey(db: Queryable, id: string): Promise<ModeratorAccountRow> {
  const [row] = await db.query<ModeratorAccountRow>(`UPDATE moderators SET revoked_at = now() WHERE id = $1 RETURNING ${ACCOUNT_COLUMNS}`, [
    id,
  ]);
  return row;
}

export async function insertModeratorKeyEvent(
  db: Queryable,
  moderatorId: string,
  action: ModeratorKeyAction,
  actor: string,
): Promise<void> {
  await db.query('INSERT INTO moderator_key_events (moderator_id, action, actor) VALUES ($1, $2, $3)', [moderatorId, action, actor]);
}

export function listModeratorKeyEvents(db: Queryable, moderatorId: string): Promise<ModeratorKeyEventRow[]> {
  return db.query<ModeratorKeyEventRow>('SELECT action, actor, created_at FROM moderator_key_events WHERE moderator_id = $1 ORDER BY id', [
    moderatorId,
  ]);
}
