import type { Logger } from 'pino';
import type { Queryable } from '../db/pool';
import type { SecretBox } from '../webhooks/secret-box';
import type { Secrets } from './secrets';

export interface RotationResult {
  scanned: number;
  rotated: number;
  /** Rows whose key is neither SECRET_KEY nor in SECRET_KEYS_PREVIOUS: left as they are. */
  undecryptable: number;
  /** Webhook signing secrets sealed again under SECRET_KEY. */
  webhookSecrets: number;
}

const BATCH = 500;

/**
 * Re-encrypts every email written under a previous key with the current SECRET_KEY and recomputes
 * its lookup hash (an HMAC under a key derived from SECRET_KEY, so it changes with the key). Each
 * row is updated only if its ciphertext is still the one read, so a row changed meanwhile (erased,
 * say) is never overwritten. Safe to stop and run again: rotated rows are skipped.
 *
 * Client IP hashes cannot be recomputed (the addresses are not kept); they keep the old key's
 * value until retention clears them, which only weakens the short-term per-IP behaviour signal.
 */
export async function rotateEmailKeys(db: Queryable, secrets: Secrets, logger: Logger): Promise<RotationResult> {
  const result: RotationResult = { scanned: 0, rotated: 0, undecryptable: 0, webhookSecrets: 0 };
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await db.query<{ id: string; author_email_enc: Buffer; author_sso_enc: Buffer | null }>(
      'SELECT id, author_email_enc, author_sso_enc FROM comments WHERE id > $1 ORDER BY id LIMIT $2',
      [after, BATCH],
    );
    if (rows.length === 0) break;
    after = rows[rows.length - 1].id;
    result.scanned += rows.length;
    for (const row of rows) {
      if (!secrets.needsRotation(row.author_email_enc)) continue;
      let email: string;
      let subject: string | null;
      try {
        email = secrets.decryptEmail(row.author_email_enc);
        subject = row.author_sso_enc ? secrets.decryptEmail(row.author_sso_enc) : null;
      } catch {
        result.undecryptable += 1;
        continue;
      }
      // A signed-in reader's author key is the hash of their reader id; their address has its own column.
      const updated = await db.query(
        `UPDATE comments SET author_email_enc = $2, author_email_hash = $3, author_sso_enc = $5, sso_email_hash = $6
         WHERE id = $1 AND author_email_enc = $4 RETURNING id`,
        [
          row.id,
          secrets.encryptEmail(email),
          subject === null ? secrets.emailHash(email) : secrets.readerHash(subject),
          row.author_email_enc,
          subject === null ? null : secrets.encryptEmail(subject),
          subject === null ? null : secrets.emailHash(email),
        ],
      );
      result.rotated += updated.length;
    }
    logger.info({ ...result }, 'key rotation progress');
  }
  return result;
}

/**
 * Seals every webhook's signing secret (deleted webhooks too: their rows keep it) under the current
 * SECRET_KEY, so the previous key can then be dropped without stopping deliveries. A secret that no
 * configured key opens is counted in `undecryptable` and left as it is.
 */
export async function rotateWebhookSecrets(db: Queryable, box: SecretBox, result: RotationResult): Promise<void> {
  const rows = await db.query<{ id: string; secret_enc: Buffer }>('SELECT id, secret_enc FROM webhooks');
  for (const row of rows) {
    if (!box.needsRotation(row.secret_enc)) continue;
    let secret: string;
    try {
      secret = box.open(row.secret_enc);
    } catch {
      result.undecryptable += 1;
      continue;
    }
    const updated = await db.query('UPDATE webhooks SET secret_enc = $2 WHERE id = $1 AND secret_enc = $3 RETURNING id', [
      row.id,
      box.seal(secret),
      row.secret_enc,
    ]);
    result.webhookSecrets += updated.length;
  }
}
