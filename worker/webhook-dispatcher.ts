import { randomUUID } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import type { Db } from '../src/db/pool';
import { STATUS_EVENTS, type WebhookPayload } from '../src/webhooks/events';
import {
  advanceDispatchState,
  fastForwardDispatchState,
  listCommentsAfter,
  listDecisionEventsAfter,
  listSurgesAfter,
  lockDispatchState,
} from '../src/webhooks/dispatch-repository';
import {
  insertDeliveries,
  listActiveWebhooks,
  listLongPending,
  listUnqueued,
  markQueued,
  purgeOldDeliveries,
  type NewDelivery,
  type WebhookRow,
} from '../src/webhooks/webhook-repository';
import { deliveryJobId, type DeliveryJob } from '../src/webhooks/webhook-queue';

export interface DispatchDeps {
  db: Db;
  queue: Queue<DeliveryJob>;
  logger: Logger;
  /** Deliveries (their payloads carry names and bodies) older than this are deleted. */
  retentionDays: number;
}

/** How long a row may take between taking its id and committing. Rows younger are looked at again. */
export const GRACE_SECONDS = 10;
const BATCH = 1000;

interface SourceEvent {
  /** The source row's position, to move the cursor past it once settled. */
  position: string;
  settled: boolean;
  eventId: string;
  commentId: string | null;
  createdAt: Date;
  /** null: a row the cursor passes over without an event (a decision that changed nothing). */
  payload: WebhookPayload | null;
}

/**
 * The outbox follower. Every decision already writes a moderation_events row in its own transaction,
 * every comment a row, every surge an article_surges row; this turns them into one delivery row per
 * subscribed webhook, in the same transaction that moves the cursor. Queuing the deliveries is a
 * separate, repeatable step (deterministic job ids), so a Redis outage delays webhooks, never drops them.
 */
export function createDispatcher(deps: DispatchDeps) {
  // Rows inside the grace period come back every round; this spares re-inserting them.
  const recentlyDispatched = new Set<string>();

  /** One batch from each source; `more` when a source had a full batch and the cursor moved over it. */
  async function dispatchRound(): Promise<{ inserted: number; more: boolean }> {
    return deps.db.withTransaction(async (tx) => {
      const state = await lockDispatchState(tx);
      if (!state) return { inserted: 0, more: false }; // another worker is dispatching
      const webhooks = await listActiveWebhooks(tx);
      if (webhooks.length === 0) {
        await fastForwardDispatchState(tx, GRACE_SECONDS);
        return { inserted: 0, more: false };
      }
      // One client: the three reads run one after the other.
      const decisions = (await listDecisionEventsAfter(tx, state.events_after, GRACE_SECONDS, BATCH)).map(fromDecision);
      const comments = (
        await listCommentsAfter(tx, { at: state.comments_after_at, id: state.comments_after_id }, GRACE_SECONDS, BATCH)
      ).map(fromComment);
      const surges = (await listSurgesAfter(tx, state.surges_after, GRACE_SECONDS, BATCH)).map(fromSurge);

      const deliveries = [...decisions, ...comments, ...surges].flatMap((event) => deliveriesFor(event, webhooks));
      const fresh = deliveries.filter((d) => !recentlyDispatched.has(`${d.webhookId}/${d.eventId}`));
      const inserted = await insertDeliveries(tx, fresh);
      if (recentlyDispatched.size > 100_000) recentlyDispatched.clear();
      for (const d of fresh) recentlyDispatched.add(`${d.webhookId}/${d.eventId}`);

      const moved = { eventsAfter: settledEnd(decisions), surgesAfter: settledEnd(surges), commentsAfterId: settledEnd(comments) };
      await advanceDispatchState(tx, moved);
      const more =
        (decisions.length === BATCH && moved.eventsAfter !== null) ||
        (comments.length === BATCH && moved.commentsAfterId !== null) ||
        (surges.length === BATCH && moved.surgesAfter !== null);
      return { inserted, more };
    });
  }

  /** Queues every delivery not queued yet; duplicates across workers collapse on the job id. */
  async function queueNew(): Promise<number> {
    const ids = await listUnqueued(deps.db, BATCH);
    if (ids.length === 0) return 0;
    await deps.queue.addBulk(
      ids.map((deliveryId) => ({ name: 'deliver', data: { deliveryId }, opts: { jobId: deliveryJobId(deliveryId) } })),
    );
    await markQueued(deps.db, ids);
    return ids.length;
  }

  /** Pending deliveries whose job Redis no longer has (lost data, or a crash between two steps). */
  async function requeueLost(): Promise<number> {
    let requeued = 0;
    for (const deliveryId of await listLongPending(deps.db, 300, 200)) {
      const job = await deps.queue.getJob(deliveryJobId(deliveryId));
      if (job && (await job.getState()) !== 'completed') continue;
      if (job) await job.remove().catch(() => undefined);
      await deps.queue.add('deliver', { deliveryId }, { jobId: deliveryJobId(deliveryId) });
      requeued += 1;
    }
    if (requeued > 0) deps.logger.warn({ requeued }, 'webhook deliveries re-queued after their jobs were lost');
    return requeued;
  }

  let rounds = 0;
  return {
    dispatchRound,
    queueNew,
    async tick(): Promise<void> {
      let inserted = 0;
      // A full batch means a backlog: keep going, a few batches a round.
      for (let i = 0; i < 10; i++) {
        const round = await dispatchRound();
        inserted += round.inserted;
        if (!round.more) break;
      }
      const queued = await queueNew();
      if (rounds++ % 60 === 0) {
        await requeueLost();
        await purgeOldDeliveries(deps.db, deps.retentionDays, 1000);
      }
      if (inserted > 0 || queued > 0) deps.logger.debug({ inserted, queued }, 'webhook deliveries dispatched');
    },
  };
}

function settledEnd(events: SourceEvent[]): string | null {
  let end: string | null = null;
  for (const event of events) {
    if (!event.settled) break;
    end = event.position;
  }
  return end;
}

function deliveriesFor(event: SourceEvent, webhooks: WebhookRow[]): NewDelivery[] {
  const payload = event.payload;
  if (!payload) return [];
  // A webhook hears about what happens after it was created, never history.
  return webhooks
    .filter((w) => w.events.includes(payload.type) && event.createdAt >= w.created_at)
    .map((w) => ({
      id: randomUUID(),
      webhookId: w.id,
      eventId: event.eventId,
      eventType: payload.type,
      commentId: event.commentId,
      payload,
    }));
}

function fromDecision(row: Awaited<ReturnType<typeof listDecisionEventsAfter>>[number]): SourceEvent {
  const type = row.from_status === row.to_status ? null : (STATUS_EVENTS[row.to_status] ?? null);
  const eventId = `evt_decision_${row.id}`;
  return {
    position: row.id,
    settled: row.settled,
    eventId,
    commentId: row.comment_id,
    createdAt: row.created_at,
    payload: type && {
      id: eventId,
      type,
      createdAt: row.created_at.toISOString(),
      data: {
        commentId: row.comment_id,
        articleId: row.article_id,
        parentId: row.parent_id,
        status: row.to_status,
        previousStatus: row.from_status,
        authorName: row.author_name,
        body: row.body,
        decidedBy: row.actor,
        rule: row.actor === 'auto' ? row.rule : null,
      },
    },
  };
}

function fromComment(row: Awaited<ReturnType<typeof listCommentsAfter>>[number]): SourceEvent {
  const eventId = `evt_received_${row.id}`;
  return {
    position: row.id,
    settled: row.settled,
    eventId,
    commentId: row.id,
    createdAt: row.created_at,
    payload: {
      id: eventId,
      type: 'comment.received',
      createdAt: row.created_at.toISOString(),
      data: {
        commentId: row.id,
        articleId: row.article_id,
        parentId: row.parent_id,
        status: 'pending',
        previousStatus: null,
        authorName: row.author_name,
        body: row.body,
        decidedBy: null,
        rule: null,
      },
    },
  };
}

function fromSurge(row: Awaited<ReturnType<typeof listSurgesAfter>>[number]): SourceEvent {
  const eventId = `evt_surge_${row.id}`;
  return {
    position: row.id,
    settled: row.settled,
    eventId,
    commentId: null,
    createdAt: row.created_at,
    payload: {
      id: eventId,
      type: 'article.surge',
      createdAt: row.created_at.toISOString(),
      data: {
        articleId: row.article_id,
        trigger: row.trigger,
        comments: row.comments,
        spamRate: row.spam_rate,
        premoderationUntil: row.until.toISOString(),
      },
    },
  };
}
