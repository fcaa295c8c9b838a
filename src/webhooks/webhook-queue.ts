import type { JobsOptions } from 'bullmq';

export const WEBHOOK_QUEUE = 'webhooks';

/** Jobs carry the delivery's id only; the worker re-reads the payload and the webhook. */
export interface DeliveryJob {
  deliveryId: string;
}

export const deliveryJobId = (deliveryId: string) => `delivery-${deliveryId}`;

/** Each retry waits twice as long as the one before, from `baseMs`, never more than an hour. */
export function retryDelay(attemptsMade: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attemptsMade - 1), 3_600_000);
}

/** How many attempts keep a delivery trying for `hours` under that schedule (at least 2). */
export function attemptsFor(hours: number, baseMs: number): number {
  const windowMs = hours * 3_600_000;
  let elapsed = 0;
  let attempts = 1;
  while (elapsed < windowMs && attempts < 500) {
    elapsed += retryDelay(attempts, baseMs);
    attempts += 1;
  }
  return Math.max(2, attempts);
}

export function deliveryJobOptions(retry: { retryBaseMs: number; retryHours: number }): JobsOptions {
  return {
    attempts: attemptsFor(retry.retryHours, retry.retryBaseMs),
    backoff: { type: 'webhook' },
    removeOnComplete: { age: 3600, count: 10_000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  };
}
