import { randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../db/pool';
import { AppError, badRequest, notFound } from '../errors';
import { assertPublicUrl, RefusedAddressError } from './address-guard';
import type { WebhookEvent } from './events';
import type { SecretBox } from './secret-box';
import {
  findActiveWebhook,
  findDelivery,
  insertDeliveries,
  insertWebhook,
  listActiveWebhooks,
  listAttempts,
  listDeliveries,
  softDeleteWebhook,
  type DeliveryRow,
  type DeliveryStatus,
  type WebhookRow,
} from './webhook-repository';

export interface WebhookDeps {
  db: Db;
  secretBox: SecretBox;
  allowPrivate: boolean;
}

export interface WebhookView {
  id: string;
  url: string;
  events: WebhookEvent[];
  description: string | null;
  createdAt: string;
}

export interface DeliveryView {
  id: string;
  webhookId: string;
  eventId: string;
  event: WebhookEvent;
  status: DeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  replayOf: string | null;
  createdAt: string;
  updatedAt: string;
  deliveredAt: string | null;
}

const toWebhookView = (row: WebhookRow): WebhookView => ({
  id: row.id,
  url: row.url,
  events: row.events,
  description: row.description,
  createdAt: row.created_at.toISOString(),
});

const toDeliveryView = (row: DeliveryRow): DeliveryView => ({
  id: row.id,
  webhookId: row.webhook_id,
  // What the receiver gets (the payload's id). A replay's event_id column carries a #replay- suffix
  // only to keep the one-delivery-per-event-and-webhook constraint; the receiver never sees it.
  eventId: row.payload.id,
  event: row.event_type,
  status: row.status,
  attempts: row.attempts,
  lastStatusCode: row.last_status_code,
  lastError: row.last_error,
  replayOf: row.replay_of,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
  deliveredAt: row.delivered_at ? row.delivered_at.toISOString() : null,
});

/**
 * Registers a webhook. The URL must not resolve to a private address (unless allowed); the secret,
 * generated when not given, is answered once here and stored only encrypted.
 */
export async function createWebhook(
  deps: WebhookDeps,
  input: { url: string; events: WebhookEvent[]; secret?: string | undefined; description?: string | null | undefined },
): Promise<WebhookView & { secret: string }> {
  await assertAllowedUrl(input.url, deps.allowPrivate);
  const secret = input.secret ?? `whsec_${randomBytes(32).toString('base64url')}`;
  const row = await insertWebhook(deps.db, {
    id: randomUUID(),
    url: input.url,
    secretEnc: deps.secretBox.seal(secret),
    events: [...new Set(input.events)],
    description: input.description ?? null,
  });
  return { ...toWebhookView(row), secret };
}

async function assertAllowedUrl(raw: string, allowPrivate: boolean): Promise<void> {
  const url = new URL(raw);
  if (url.username || url.password) throw badRequest('url: must not carry credentials', 'invalid_webhook_url');
  try {
    await assertPublicUrl(url, allowPrivate);
  } catch (error) {
    if (error instanceof RefusedAddressError) {
      throw new AppError('webhook_url_refused', 400, `url: ${error.message}; set WEBHOOK_ALLOW_PRIVATE=1 to allow it`);
    }
    throw badRequest(`url: the host does not resolve (${(error as { code?: string }).code ?? 'error'})`, 'invalid_webhook_url');
  }
}

export async function listWebhooks(deps: WebhookDeps): Promise<{ webhooks: WebhookView[] }> {
  const rows = await listActiveWebhooks(deps.db);
  return { webhooks: rows.map(toWebhookView) };
}

export async function deleteWebhook(deps: WebhookDeps, id: string): Promise<void> {
  if (!(await softDeleteWebhook(deps.db, id))) throw notFound('No webhook with this id');
}

export async function listWebhookDeliveries(
  deps: WebhookDeps,
  webhookId: string,
  query: { status?: DeliveryStatus | undefined; limit: number; before?: string | undefined },
): Promise<{ deliveries: DeliveryView[]; nextBefore: string | null }> {
  await requireWebhook(deps, webhookId);
  const before = query.before ? decodeBefore(query.before) : undefined;
  const rows = await listDeliveries(deps.db, webhookId, { status: query.status, limit: query.limit + 1, before });
  const shown = rows.slice(0, query.limit);
  const last = shown[shown.length - 1];
  return {
    deliveries: shown.map(toDeliveryView),
    nextBefore: rows.length > query.limit && last ? encodeBefore(last) : null,
  };
}

export async function getWebhookDelivery(
  deps: WebhookDeps,
  webhookId: string,
  deliveryId: string,
): Promise<DeliveryView & { payload: unknown; attemptLog: unknown[] }> {
  const row = await findDelivery(deps.db, webhookId, deliveryId);
  if (!row) throw notFound('No delivery with this id for this webhook');
  const attempts = await listAttempts(deps.db, deliveryId);
  return {
    ...toDeliveryView(row),
    payload: row.payload,
    attemptLog: attempts.map((a) => ({
      attempt: a.attempt,
      statusCode: a.status_code,
      error: a.error,
      durationMs: a.duration_ms,
      at: a.created_at.toISOString(),
    })),
  };
}

/**
 * Sends a delivery's event again, as a new delivery (its own id, attempts and log; the payload and
 * the event id are the same). The worker's dispatcher queues it within WEBHOOK_POLL_MS.
 */
export async function replayDelivery(deps: WebhookDeps, webhookId: string, deliveryId: string): Promise<DeliveryView> {
  await requireWebhook(deps, webhookId);
  const original = await findDelivery(deps.db, webhookId, deliveryId);
  if (!original) throw notFound('No delivery with this id for this webhook');
  const id = randomUUID();
  await insertDeliveries(deps.db, [
    {
      id,
      webhookId,
      eventId: `${original.event_id}#replay-${id}`,
      eventType: original.event_type,
      commentId: (original.payload.data as { commentId?: string }).commentId ?? null,
      payload: original.payload,
      replayOf: original.id,
    },
  ]);
  const row = await findDelivery(deps.db, webhookId, id);
  return toDeliveryView(row!);
}

async function requireWebhook(deps: WebhookDeps, id: string): Promise<void> {
  if (!(await findActiveWebhook(deps.db, id))) throw notFound('No webhook with this id');
}

function encodeBefore(row: { created_us: string; id: string }): string {
  return Buffer.from(JSON.stringify([row.created_us, row.id])).toString('base64url');
}

function decodeBefore(raw: string): { createdUs: string; id: string } {
  try {
    const [createdUs, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof createdUs !== 'string' || !/^\d{1,18}$/.test(createdUs)) throw new Error('bad');
    if (typeof id !== 'string' || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) throw new Error('bad');
    return { createdUs, id };
  } catch {
    throw badRequest('before: not a cursor from this list', 'invalid_cursor');
  }
}
