import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import type { Logger } from 'pino';
import type { Queryable } from '../src/db/pool';
import type { Metrics } from '../src/metrics';
import { RefusedAddressError } from '../src/webhooks/address-guard';
import { postJson } from '../src/webhooks/http-post';
import type { SecretBox } from '../src/webhooks/secret-box';
import { signatureHeader } from '../src/webhooks/signature';
import { failOrphanedDelivery, findDeliveryToSend, recordAttempt } from '../src/webhooks/webhook-repository';
import type { DeliveryJob } from '../src/webhooks/webhook-queue';
import type { ReceiverSlots } from './receiver-slots';

export interface DeliverDeps {
  db: Queryable;
  secretBox: SecretBox;
  logger: Logger;
  metrics: Metrics;
  allowPrivate: boolean;
  timeoutMs: number;
  slots: ReceiverSlots;
}

type DeliveryToSend = NonNullable<Awaited<ReturnType<typeof findDeliveryToSend>>>;

export type DeliveryOutcome = { delivered: number } | { skipped: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One attempt at one delivery: sign the stored payload with a fresh timestamp, POST it, log the
 * attempt. A 2xx delivers; anything else throws so BullMQ retries with the webhook backoff; an address
 * that is (or became, by DNS) private fails at once and for good. A delivery whose receiver already
 * has its share of this process's slots is put back for a moment, without counting as an attempt.
 */
export function createDeliverJob(deps: DeliverDeps) {
  return async function deliver(job: Job<DeliveryJob>, token?: string): Promise<DeliveryOutcome> {
    const deliveryId = job.data?.deliveryId;
    if (typeof deliveryId !== 'string' || !UUID.test(deliveryId)) throw new UnrecoverableError('malformed delivery job');
    const delivery = await findDeliveryToSend(deps.db, deliveryId);
    if (!delivery) {
      await failOrphanedDelivery(deps.db, deliveryId);
      return { skipped: 'no such delivery, or its webhook was deleted' };
    }
    if (delivery.status !== 'pending') return { skipped: `already ${delivery.status}` };
    const slot = deps.slots.take(delivery.webhook_id);
    if (!slot.taken) {
      await job.moveToDelayed(Date.now() + slot.retryInMs, token);
      throw new DelayedError();
    }
    const started = Date.now();
    try {
      return await send(job, delivery);
    } finally {
      deps.slots.release(delivery.webhook_id, Date.now() - started);
    }
  };

  async function send(job: Job<DeliveryJob>, delivery: DeliveryToSend): Promise<DeliveryOutcome> {
    const deliveryId = delivery.id;
    const body = JSON.stringify(delivery.payload);
    const attempt = delivery.attempts + 1;
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const started = Date.now();
    let statusCode: number | null = null;
    let problem: string | null = null;
    let refused = false;
    const secret = openSecret(deps.secretBox, delivery.secret_enc);
    if (secret === null) {
      // Retried like any failure: once the operator lists the old key, the delivery goes out.
      problem = SECRET_KEY_MISSING;
    } else {
      const headers = {
        'Content-Type': 'application/json',
        'User-Agent': 'Sift-Webhooks/1',
        'Sift-Event': delivery.event_type,
        'Sift-Delivery': delivery.id,
        'Sift-Signature': signatureHeader(secret, body),
      };
      try {
        const result = await postJson(delivery.url, body, headers, { timeoutMs: deps.timeoutMs, allowPrivate: deps.allowPrivate });
        statusCode = result.status;
        if (statusCode < 200 || statusCode > 299) problem = `receiver answered ${statusCode}`;
      } catch (error) {
        refused = error instanceof RefusedAddressError;
        problem = describe(error);
      }
    }
    const outcome = problem === null ? 'delivered' : refused || lastAttempt ? 'failed' : 'pending';
    await recordAttempt(deps.db, {
      deliveryId,
      attempt,
      statusCode,
      error: problem,
      durationMs: Date.now() - started,
      outcome,
    });
    deps.metrics.webhookAttempts.inc({ outcome: outcome === 'pending' ? 'retry' : outcome, event: delivery.event_type });
    if (problem === null) return { delivered: statusCode! };
    if (refused) throw new UnrecoverableError(problem);
    throw new Error(problem);
  }
}

/** What the delivery log says when the webhook's signing secret cannot be opened. */
export const SECRET_KEY_MISSING =
  "the webhook's secret was sealed under a SECRET_KEY this worker does not have: set SECRET_KEYS_PREVIOUS to the former key (npm run rotate-keys then re-seals it)";

function openSecret(box: SecretBox, sealed: Buffer): string | null {
  try {
    return box.open(sealed);
  } catch {
    return null;
  }
}

function describe(error: unknown): string {
  const e = error as { code?: string; message?: string };
  return (e.code ? `${e.code}: ` : '') + String(e.message ?? error).slice(0, 300);
}
