import type { Queryable } from '../db/pool';

/** SQL for privacy requests: everything keyed by one author's email lookup hash, and the audit rows. */

export interface AuthorCommentRow {
  id: string;
  article_id: string;
  parent_id: string | null;
  author_name: string;
  body: string;
  status: string;
  created_at: Date;
  decided_at: Date | null;
  decided_by: string | null;
  has_ip: boolean;
}

export function listAuthorComments(db: Queryable, emailHashes: Buffer[], forUpdate = false): Promise<AuthorCommentRow[]> {
  return db.query<AuthorCommentRow>(
    `SELECT id, article_id, parent_id, author_name, body, status, created_at, decided_at, decided_by,
            ip_hash IS NOT NULL AS has_ip
     FROM comments
     -- A signed-in reader's comments are keyed by their reader id; the address in their token is in sso_email_hash.
     WHERE author_email_hash = ANY($1::bytea[]) OR sso_email_hash = ANY($1::bytea[])
     ORDER BY created_at, id${forUpdate ? ' FOR UPDATE' : ''}`,
    [emailHashes],
  );
}

export interface StatusChangeRow {
  comment_id: string;
  from_status: string;
  to_status: string;
  created_at: Date;
}

export function listStatusChanges(db: Queryable, commentIds: string[]): Promise<StatusChangeRow[]> {
  return db.query<StatusChangeRow>(
    `SELECT comment_id, from_status, to_status, created_at FROM moderation_events
     WHERE comment_id = ANY($1::uuid[]) ORDER BY id`,
    [commentIds],
  );
}

export interface BanRow {
  id: string;
  reason: string | null;
  created_at: Date;
  expires_at: Date | null;
  lifted_at: Date | null;
}

export function listEmailBans(db: Queryable, emailHashes: Buffer[]): Promise<BanRow[]> {
  return db.query<BanRow>(
    `SELECT id, reason, created_at, expires_at, lifted_at FROM bans WHERE kind = 'email' AND value_hash = ANY($1::bytea[]) ORDER BY created_at`,
    [emailHashes],
  );
}

export interface NoticeRow {
  id: string;
  comment_id: string;
  reason: string;
  explanation: string | null;
  reporter_name: string | null;
  location: string | null;
  created_at: Date;
  resolution: string | null;
  resolved_at: Date | null;
}

/** Notices of illegal content the address sent (readers' other reports carry no address). */
export function listReporterNotices(db: Queryable, emailHashes: Buffer[]): Promise<NoticeRow[]> {
  return db.query<NoticeRow>(
    `SELECT id, comment_id, reason, explanation, reporter_name, location, created_at, resolution, resolved_at
     FROM comment_reports WHERE reporter_email_hash = ANY($1::bytea[]) ORDER BY created_at, id`,
    [emailHashes],
  );
}

/**
 * The sender's part of their notices: name, address (ciphertext and hash), their words, where they
 * read the comment, and the reader hash. The report itself stays (its reason and the decision).
 */
export async function eraseReporterNotices(db: Queryable, emailHashes: Buffer[]): Promise<number> {
  const rows = await db.query(
    `UPDATE comment_reports
     SET reporter_name = NULL, reporter_email_enc = NULL, reporter_email_hash = NULL,
         explanation = CASE WHEN explanation IS NULL THEN NULL ELSE '[removed]' END, location = NULL, reader_hash = NULL
     WHERE reporter_email_hash = ANY($1::bytea[])
     RETURNING id`,
    [emailHashes],
  );
  return rows.length;
}

export interface ErasureCounts {
  spamFeedback: number;
  idempotencyKeys: number;
  webhookDeliveries: number;
  bans: number;
}

/**
 * Waits for a webhook dispatch round in progress and keeps the next one out until this transaction
 * ends, so no delivery is built from a comment as it was before the erasure.
 */
export async function holdWebhookDispatch(db: Queryable): Promise<void> {
  await db.query('SELECT 1 FROM webhook_dispatch_state FOR UPDATE');
}

/**
 * The rows beside the comments that carry their text, an unkeyed request hash, the email or IP hash,
 * or moderators' words about them.
 */
export async function eraseAround(
  db: Queryable,
  ids: string[],
  emailHashes: Buffer[],
  opts: { removeDeliveries: boolean; scrubBody: boolean },
): Promise<ErasureCounts> {
  const feedback = await db.query('DELETE FROM spam_feedback WHERE comment_id = ANY($1::uuid[]) RETURNING id', [ids]);
  // The idempotency request hash is an unkeyed SHA-256 over the name, the address and the body.
  const keys = await db.query('DELETE FROM idempotency_keys WHERE comment_id = ANY($1::uuid[]) RETURNING key', [ids]);
  const deliveries = opts.removeDeliveries
    ? await db.query('DELETE FROM webhook_deliveries WHERE comment_id = ANY($1::uuid[]) RETURNING id', [ids])
    : await db.query(
        `UPDATE webhook_deliveries
         SET payload = jsonb_set(
               jsonb_set(payload, '{data,authorName}', '"[removed]"'),
               '{data,body}', CASE WHEN $2 THEN '"[removed]"'::jsonb ELSE payload->'data'->'body' END)
         WHERE comment_id = ANY($1::uuid[]) RETURNING id`,
        [ids, opts.scrubBody],
      );
  if (opts.removeDeliveries) {
    // Replies by others stay; their payloads no longer point at a removed comment.
    await db.query(
      `UPDATE webhook_deliveries SET payload = jsonb_set(payload, '{data,parentId}', 'null')
       WHERE payload->'data'->>'parentId' = ANY($1::text[])`,
      [ids],
    );
  }
  // Moderators' reasons may quote the comment or name its author; the rule and reason code stay.
  await db.query(
    `UPDATE moderation_events
     SET reason = CASE WHEN reason IS NULL THEN NULL ELSE '[removed]' END,
         details = CASE WHEN $2 THEN details - 'profaneTerms' ELSE details END
     WHERE comment_id = ANY($1::uuid[])`,
    [ids, opts.scrubBody],
  );
  // Email bans on the address, and any ban made from one of the comments (an IP ban holds the IP hash).
  const bans = await db.query(
    `DELETE FROM bans WHERE (kind = 'email' AND value_hash = ANY($1::bytea[])) OR comment_id = ANY($2::uuid[]) RETURNING id`,
    [emailHashes, ids],
  );
  return {
    spamFeedback: feedback.length,
    idempotencyKeys: keys.length,
    webhookDeliveries: deliveries.length,
    bans: bans.length,
  };
}

export async function deleteComments(db: Queryable, ids: string[]): Promise<void> {
  await db.query('DELETE FROM comments WHERE id = ANY($1::uuid[])', [ids]);
}

/**
 * Anonymises in place: the name (and optionally the body) replaced, the address replaced by the
 * ciphertext of a placeholder, the lookup hash by random bytes (so the comments no longer group as
 * one author), the IP hash dropped.
 */
export async function anonymiseComments(
  db: Queryable,
  ids: string[],
  replacement: { name: string; emailEnc: Buffer; body: string | null; bodyHash: Buffer | null },
): Promise<void> {
  await db.query(
    `UPDATE comments SET
       author_name = $2,
       author_email_enc = $3,
       author_email_hash = decode(md5(random()::text || id::text) || md5(random()::text || clock_timestamp()::text), 'hex'),
       ip_hash = NULL,
       author_sso_enc = NULL,
       sso_email_hash = NULL,
       author_badge = NULL,
       notify_replies = false,
       body = coalesce($4, body),
       body_hash = coalesce($5, body_hash),
       checks = CASE WHEN $4::text IS NULL THEN checks ELSE NULL END
     WHERE id = ANY($1::uuid[])`,
    [ids, replacement.name, replacement.emailEnc, replacement.body, replacement.bodyHash],
  );
}

export async function insertPrivacyRequest(
  db: Queryable,
  r: { id: string; kind: 'export' | 'erase'; mode: 'anonymise' | 'remove' | null; requestedBy: string; comments: number; details: object },
): Promise<void> {
  await db.query(`INSERT INTO privacy_requests (id, kind, mode, requested_by, comments, details) VALUES ($1, $2, $3, $4, $5, $6)`, [
    r.id,
    r.kind,
    r.mode,
    r.requestedBy,
    r.comments,
    JSON.stringify(r.details),
  ]);
}
