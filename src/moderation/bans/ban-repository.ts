import type { Queryable } from '../../db/pool';
import type { ReasonCode } from '../reason-codes';

/** `reader`: a signed-in reader, by the keyed hash of the site's id for them (their author key). */
export type BanKind = 'email' | 'ip' | 'reader';

export interface BanRow {
  id: string;
  kind: BanKind;
  reason: string | null;
  reason_code: ReasonCode | null;
  created_by: string;
  created_at: Date;
  expires_at: Date | null;
  lifted_at: Date | null;
  lifted_by: string | null;
}

const COLUMNS = 'id, kind, reason, reason_code, created_by, created_at, expires_at, lifted_at, lifted_by';
const ACTIVE = 'lifted_at IS NULL AND (expires_at IS NULL OR expires_at > now())';

export interface NewBan {
  id: string;
  kind: BanKind;
  valueHash: Buffer;
  reason: string | null;
  reasonCode: ReasonCode | null;
  createdBy: string;
  expiresAt: Date | null;
  /** The comment the ban was made from, if any: erasing its author removes the ban. */
  commentId: string | null;
}

export async function insertBan(db: Queryable, ban: NewBan): Promise<BanRow> {
  const [row] = await db.query<BanRow>(
    `INSERT INTO bans (id, kind, value_hash, reason, reason_code, created_by, expires_at, comment_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
    [ban.id, ban.kind, ban.valueHash, ban.reason, ban.reasonCode, ban.createdBy, ban.expiresAt, ban.commentId],
  );
  return row;
}

export async function findBan(db: Queryable, id: string): Promise<BanRow | null> {
  const [row] = await db.query<BanRow>(`SELECT ${COLUMNS} FROM bans WHERE id = $1`, [id]);
  return row ?? null;
}

export async function liftBan(db: Queryable, id: string, by: string): Promise<BanRow | null> {
  const [row] = await db.query<BanRow>(
    `UPDATE bans SET lifted_at = now(), lifted_by = $2 WHERE id = $1 AND lifted_at IS NULL RETURNING ${COLUMNS}`,
    [id, by],
  );
  return row ?? null;
}

export async function listBans(
  db: Queryable,
  filter: { valueHash: Buffer | null; kind: BanKind | null; activeOnly: boolean },
  limit: number,
): Promise<BanRow[]> {
  return db.query<BanRow>(
    `SELECT ${COLUMNS} FROM bans
     WHERE ($1::bytea IS NULL OR value_hash = $1) AND ($2::text IS NULL OR kind = $2)
       AND (NOT $3 OR (${ACTIVE}))
     ORDER BY created_at DESC, id LIMIT $4`,
    [filter.valueHash, filter.kind, filter.activeOnly, limit],
  );
}

/** The author's or client's comments still waiting for a decision, for "reject their pending and held". */
export async function findWaitingComments(db: Queryable, kind: BanKind, valueHash: Buffer, limit: number): Promise<string[]> {
  const column = kind === 'ip' ? 'ip_hash' : 'author_email_hash';
  const rows = await db.query<{ id: string }>(
    `SELECT id FROM comments WHERE ${column} = $1 AND status IN ('pending', 'held') ORDER BY created_at LIMIT $2`,
    [valueHash, limit],
  );
  return rows.map((row) => row.id);
}

/** A comment's author key (a signed-in reader's id hash, or the address hash) and client hash. */
export async function findCommentHashes(
  db: Queryable,
  commentId: string,
): Promise<{ email: Buffer; ip: Buffer | null; signedIn: boolean } | null> {
  const [row] = await db.query<{ author_email_hash: Buffer; ip_hash: Buffer | null; signed_in: boolean }>(
    'SELECT author_email_hash, ip_hash, author_sso_enc IS NOT NULL AS signed_in FROM comments WHERE id = $1',
    [commentId],
  );
  return row ? { email: row.author_email_hash, ip: row.ip_hash, signedIn: row.signed_in } : null;
}
