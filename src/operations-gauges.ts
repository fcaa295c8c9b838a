import type { Queue } from 'bullmq';
import type { Queryable } from './db/pool';
import type { Metrics } from './metrics';
import { queueSizes } from './moderation/stats';
import type { ModerationJob } from './queue/moderation-queue';
import { pendingDeliveriesByWebhook } from './webhooks/webhook-repository';

export interface GaugeSources {
  readDb: Queryable;
  queue: Queue<ModerationJob>;
  metrics: Metrics;
}

/** How long one reading of the gauges serves scrapes: Prometheus scrapes every 15-60 s, often from two servers. */
export const GAUGE_MAX_AGE_MS = 5_000;

/**
 * The gauges read at scrape time — BullMQ's job counts, the pending and held queues (sizes and
 * oldest ages) and the webhook backlog per webhook — refreshed at most once every `maxAgeMs`, so
 * scrapes from several Prometheus servers, or a scraper gone wild, cost one set of queries. Each
 * query is on a partial or status index. A dependency that does not answer leaves its gauges as
 * they were.
 */
export function createGaugeRefresher(sources: GaugeSources, maxAgeMs = GAUGE_MAX_AGE_MS): () => Promise<void> {
  let last: { at: number; done: Promise<void> } | null = null;
  return () => {
    if (!last || Date.now() - last.at >= maxAgeMs) last = { at: Date.now(), done: refresh(sources) };
    return last.done;
  };
}

async function refresh({ readDb, queue, metrics }: GaugeSources): Promise<void> {
  await Promise.all([
    queue
      .getJobCounts('waiting', 'active', 'delayed', 'failed')
      .then((counts) => {
        for (const [state, count] of Object.entries(counts)) metrics.queueDepth.set({ state }, count);
      })
      .catch(() => undefined),
    queueSizes(readDb)
      .then((queues) => {
        metrics.oldestPendingAge.set(queues.oldestPendingAgeSeconds ?? 0);
        metrics.heldComments.set(queues.held);
        metrics.oldestHeldAge.set(queues.oldestHeldAgeSeconds ?? 0);
      })
      .catch(() => undefined),
    pendingDeliveriesByWebhook(readDb)
      .then((rows) => {
        // A webhook whose backlog emptied (or that was deleted) drops out rather than keeping its last value.
        metrics.webhookBacklog.reset();
        metrics.webhookOldestPendingAge.reset();
        for (const row of rows) {
          metrics.webhookBacklog.set({ webhook: row.webhook_id }, row.pending);
          metrics.webhookOldestPendingAge.set({ webhook: row.webhook_id }, row.oldest_age_seconds);
        }
      })
      .catch(() => undefined),
  ]);
}
