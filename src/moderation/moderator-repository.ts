import type { Queryable } from '../db/pool';

export interface ModeratorRow {
  id: string;
  name: string;
  api_key_hash: Buffer;
}

export async function insertModerator(db: Queryable, id: string, name: string, apiKeyHash: Buffer): Promise<void> {
  await db.query('INSERT INTO moderators (id, name, api_key_hash) VALUES ($1, $2, $3)', [id, name, apiKeyHash]);
}

export async function findActiveModeratorByKeyHash(db: Queryable, apiKeyHash: Buffer): Promise<ModeratorRow | null> {
  const [row] = await db.query<ModeratorRow>(
    'SELECT id, name, api_key_hash FROM moderators WHERE api_key_hash = $1 AND revoked_at IS NULL',
    [apiKeyHash],
  );
  return row ?? null;
}
