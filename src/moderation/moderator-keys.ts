import { randomUUID } from 'node:crypto';
import type { Db } from '../db/pool';
import { AppError, notFound } from '../errors';
import { hashApiKey, newApiKey, type Principal } from './moderator-auth';
import { isReservedName } from './reserved-names';
import {
  findModerator,
  insertModerator,
  insertModeratorKeyEvent,
  listModeratorKeyEvents,
  listModerators,
  replaceModeratorKey,
  revokeModeratorKey,
  type ModeratorAccountRow,
} from './moderator-repository';

/**
 * Moderators' keys through their life: created with a key (shown once), listed with when each key
 * was last used, replaced by a new key (the old one stops working at once), revoked. Each change
 * writes an audit row in the same transaction. Keys are stored only as SHA-256 hashes.
 */

export interface ModeratorAccount {
  id: string;
  name: string;
  active: boolean;
  createdAt: string;
  keyIssuedAt: string;
  /** Updated at most once a minute per key. */
  keyLastUsedAt: string | null;
  revokedAt: string | null;
}

export interface IssuedKey {
  id: string;
  name: string;
  apiKey: string;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

const toAccount = (row: ModeratorAccountRow): ModeratorAccount => ({
  id: row.id,
  name: row.name,
  active: row.revoked_at === null,
  createdAt: row.created_at.toISOString(),
  keyIssuedAt: row.key_issued_at.toISOString(),
  keyLastUsedAt: iso(row.key_last_used_at),
  revokedAt: iso(row.revoked_at),
});

export async function createModerator(db: Db, admin: Principal, name: string): Promise<IssuedKey> {
  if (isReservedName(name)) {
    throw new AppError(
      'name_reserved',
      400,
      'name: reserved for the worker, the admin key or commenters in the audit trail; choose another',
    );
  }
  const id = randomUUID();
  const apiKey = newApiKey();
  try {
    await db.withTransaction(async (tx) => {
      await insertModerator(tx, id, name, hashApiKey(apiKey));
      await insertModeratorKeyEvent(tx, id, 'created', admin.name);
    });
  } catch (error) {
    if ((error as { code?: string }).code === '23505') {
      throw new AppError('moderator_exists', 409, 'A moderator with this name already exists');
    }
    throw error;
  }
  return { id, name, apiKey };
}

export async function listModeratorAccounts(db: Db): Promise<{ moderators: ModeratorAccount[] }> {
  return { moderators: (await listModerators(db)).map(toAccount) };
}

export async function getModeratorAccount(
  db: Db,
  id: string,
): Promise<ModeratorAccount & { history: { action: string; by: string; at: string }[] }> {
  const row = await findModerator(db, id);
  if (!row) throw notFound('No moderator with this id');
  const events = await listModeratorKeyEvents(db, id);
  return { ...toAccount(row), history: events.map((e) => ({ action: e.action, by: e.actor, at: e.created_at.toISOString() })) };
}

/** A new key for an existing moderator; the old key is refused from the next request on. */
export async function issueModeratorKey(db: Db, admin: Principal, id: string): Promise<IssuedKey> {
  const apiKey = newApiKey();
  const row = await db.withTransaction(async (tx) => {
    if (!(await findModerator(tx, id, true))) throw notFound('No moderator with this id');
    const updated = await replaceModeratorKey(tx, id, hashApiKey(apiKey));
    await insertModeratorKeyEvent(tx, id, 'key_issued', admin.name);
    return updated;
  });
  return { id: row.id, name: row.name, apiKey };
}

/** Revokes the moderator's key (refused from the next request on); revoking again changes nothing. */
export async function revokeModerator(db: Db, admin: Principal, id: string): Promise<ModeratorAccount> {
  const row = await db.withTransaction(async (tx) => {
    const current = await findModerator(tx, id, true);
    if (!current) throw notFound('No moderator with this id');
    if (current.revoked_at) return current;
    const updated = await revokeModeratorKey(tx, id);
    await insertModeratorKeyEvent(tx, id, 'revoked', admin.name);
    return updated;
  });
  return toAccount(row);
}
