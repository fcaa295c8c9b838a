import type { Queryable } from '../db/pool';
import type { WebhookEvent, WebhookPayload } from './events';

/** All SQL on webhooks, their deliveries and delivery attempts. */

export interface WebhookRow {
  id: string;
  url: string;
  secret_enc: Buffer;
  events: WebhookEvent[];
  description: string | null;
  created_at: Date;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface DeliveryRow {
  id: string;
  webhook_id: string;
  event_id: string;
  event_type: WebhookEvent;
  payload: WebhookPayload;
  status: DeliveryStatus;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  replay_of: string | null;
  delivered_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface AttemptRow {
  attempt: number;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
  created_at: Date;
}

const WEBHOOK_COLUMNS = 'id, url, secret_enc, events, description, created_at';
const DELIVERY_COLUMNS = `id, webhook_id, event_id, event_type, payload, status, attempts, last_status_code, last_error,
  replay_of, delivered_at, created_at, updated_at`;

export async function insertWebhook(
  db: Queryable,
  w: { id: string; url: string; secretEnc: Buffer; events: readonly WebhookEvent[]; description: string | null },
): Promise<WebhookRow> {
  const [row] = await db.query<WebhookRow>(
    `INSERT INTO webhooks (id, url, secret_enc, events, description) VALUES ($1, $2, $3, $4, $5)
     RETURNING ${WEBHOOK_COLUMNS}`,
    [w.id, w.url, w.secretEnc, w.events, w.description],
  );
  return row;
}

export function listActiveWebhooks(db: Queryable): Promise<WebhookRow[]> {
  return db.query<WebhookRow>(`SELECT ${WEBHOOK_COLUMNS} FROM webhooks WHERE deleted_at IS NULL ORDER BY created_at, id`);
}

export async function findActiveWebhook(db: Queryable, id: string): Promise<WebhookRow | null> {
  const [row] = await db.query<WebhookRow>(`SELECT ${WEBHOOK_COLUMNS} FROM webhooks WHERE id = $1 AND deleted_at IS NULL`, [id]);
  return row ?? null;
}

/** Deleted webhooks keep their delivery log; nothing more is sent to them. */
export async function softDeleteWebhook(db: Queryable, id: string): Promise<boolean> {
  const rows = await db.query('UPDATE webhooks SET deleted_at = now() WHERE id = $1 AND deleted_at IS NULL RETURNING id', [id]);
  return rows.length === 1;
}

export interface NewDelivery {
  id: string;
  webhookId: string;
  eventId: string;
  eventType: WebhookEvent;
  commentId: string | null;
  payload: WebhookPayload;
  replayOf?: string | null;
}

/** Inserts the deliveries that do not exist yet (same webhook and event); returns how many were new. */
export async function insertDeliveries(db: Queryable, deliveries: NewDelivery[]): Promise<number> {
  if (deliveries.length === 0) return 0;
  const rows = await db.query(
    `INSERT INTO webhook_deliveries (id, webhook_id, event_id, event_type, comment_id, payload, replay_of)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::uuid[], $6::jsonb[], $7::uuid[])
     ON CONFLICT (webhook_id, event_id) DO NOTHING
     RETURNING id`,
    [
      deliveries.map((d) => d.id),
      deliveries.map((d) => d.webhookId),
      deliveries.map((d) => d.eventId),
      deliveries.map((d) => d.eventType),
      deliveries.map((d) => d.commentId),
      deliveries.map((d) => JSON.stringify(d.payload)),
      deliveries.map((d) => d.replayOf ?? null),
    ],
  );
  return rows.length;
}

export async function findDelivery(db: Queryable, webhookId: string, id: string): Promise<DeliveryRow | null> {
  const [row] = await db.query<DeliveryRow>(`SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries WHERE id = $1 AND webhook_id = $2`, [
    id,
    webhookId,
  ]);
  return row ?? null;
}

/** The delivery with what is needed to send it; null when it or its webhook is gone. */
export async function findDeliveryToSend(db: Queryable, id: string): Promise<(DeliveryRow & { url: string; secret_enc: Buffer }) | null> {
  const [row] = await db.query<DeliveryRow & { url: string; secret_enc: Buffer }>(
    `SELECT d.id, d.webhook_id, d.event_id, d.event_type, d.payload, d.status, d.attempts, d.last_status_code,
            d.last_error, d.replay_of, d.delivered_at, d.created_at, d.updated_at, w.url, w.secret_enc
     FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
     WHERE d.id = $1 AND w.deleted_at IS NULL`,
    [id],
  );
  return row ?? null;
}

export async function listDeliveries(
  db: Queryable,
  webhookId: string,
  filter: { status?: DeliveryStatus | undefined; limit: number; before?: { createdUs: string; id: string } | undefined },
): Promise<(DeliveryRow & { created_us: string })[]> {
  return db.query<DeliveryRow & { created_us: string }>(
    `SELECT ${DELIVERY_COLUMNS}, (extract(epoch FROM created_at) * 1000000)::int8::text AS created_us
     FROM webhook_deliveries
     WHERE webhook_id = $1 AND ($2::text IS NULL OR status = $2)
       AND ($3::int8 IS NULL OR (created_at, id) < (timestamptz 'epoch' + $3::int8 * interval '1 microsecond', $4::uuid))
     ORDER BY created_at DESC, id DESC LIMIT $5`,
    [webhookId, filter.status ?? null, filter.before?.createdUs ?? null, filter.before?.id ?? null, filter.limit],
  );
}

export function listAttempts(db: Queryable, deliveryId: string): Promise<AttemptRow[]> {
  return db.query<AttemptRow>(
    `SELECT attempt, status_code, error, duration_ms, created_at FROM webhook_delivery_attempts
     WHERE delivery_id = $1 ORDER BY id`,
    [deliveryId],
  );
}

/** Deliveries nobody has queued yet (new, replayed, or queued while Redis was away). */
export async function listUnqueued(db: Queryable, limit: number): Promise<string[]> {
  const rows = await db.query<{ id: string }>(`SELECT id FROM webhook_deliveries WHERE queued_at IS NULL ORDER BY created_at LIMIT $1`, [
    limit,
  ]);
  return rows.map((row) => row.id);
}

export async function markQueued(db: Queryable, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.query(`UPDATE webhook_deliveries SET queued_at = now() WHERE id = ANY($1::uuid[]) AND queued_at IS NULL`, [ids]);
}

/** Deliveries not yet delivered nor given up, per webhook, and the age of the oldest (the /metrics backlog gauges). */
export function pendingDeliveriesByWebhook(db: Queryable): Promise<{ webhook_id: string; pending: number; oldest_age_seconds: number }[]> {
  return db.query(
    `SELECT webhook_id, count(*)::int AS pending, extract(epoch FROM now() - min(created_at))::float8 AS oldest_age_seconds
     FROM webhook_deliveries WHERE status = 'pending' GROUP BY webhook_id`,
  );
}

/** Pending deliveries queued a while ago: the sweep checks their job still exists (Redis may have lost it). */
export async function listLongPending(db: Queryable, olderThanSeconds: number, limit: number): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT id FROM webhook_deliveries
     WHERE status = 'pending' AND queued_at < now() - $1 * interval '1 second'
     ORDER BY queued_at LIMIT $2`,
    [olderThanSeconds, limit],
  );
  return rows.map((row) => row.id);
}

export async function recordAttempt(
  db: Queryable,
  a: { deliveryId: string; attempt: number; statusCode: number | null; error: string | null; durationMs: number; outcome: DeliveryStatus },
): Promise<void> {
  await db.query(
    `WITH attempt AS (
       INSERT INTO webhook_delivery_attempts (delivery_id, attempt, status_code, error, duration_ms)
       VALUES ($1, $2, $3, $4, $5)
     )
     UPDATE webhook_deliveries
     SET attempts = attempts + 1, last_status_code = $3, last_error = $4, status = $6, updated_at = now(),
         delivered_at = CASE WHEN $6 = 'delivered' THEN now() ELSE delivered_at END
     WHERE id = $1`,
    [a.deliveryId, a.attempt, a.statusCode, a.error, a.durationMs, a.outcome],
  );
}

/** The delivery log keeps names and bodies: it is purged like everything else after the retention period. */
export async function purgeOldDeliveries(db: Queryable, days: number, limit: number): Promise<number> {
  const rows = await db.query(
    `DELETE FROM webhook_deliveries WHERE id IN (
       SELECT id FROM webhook_deliveries
       WHERE created_at < now() - $1 * interval '1 day' AND status <> 'pending'
       LIMIT $2)
     RETURNING id`,
    [days, limit],
  );
  return rows.length;
}

/** A delivery whose webhook was deleted is closed, so nothing keeps trying it. */
export async function failOrphanedDelivery(db: Queryable, id: string): Promise<void> {
  await db.query(
    `UPDATE webhook_deliveries SET status = 'failed', last_error = 'webhook deleted', updated_at = now()
     WHERE id = $1 AND status = 'pending'`,
    [id],
  );
}
