import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per process; labels never carry an email, a key or an article body. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpRequests: new Counter({
      name: 'sift_http_requests_total',
      help: 'HTTP requests by route and status',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'sift_http_request_duration_seconds',
      help: 'HTTP request duration',
      labelNames: ['method', 'route'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    commentsReceived: new Counter({
      name: 'sift_comments_received_total',
      help: 'Comments committed as pending',
      registers: [registry],
    }),
    enqueueFailures: new Counter({
      name: 'sift_enqueue_failures_total',
      help: 'Moderation jobs that could not be queued at intake (the sweeper queues them later)',
      registers: [registry],
    }),
    decisions: new Counter({
      name: 'sift_decisions_total',
      help: 'Comment decisions by outcome and by whom (auto or moderator)',
      labelNames: ['status', 'by'],
      registers: [registry],
    }),
    checkTimeouts: new Counter({
      name: 'sift_check_timeouts_total',
      help: 'Comments whose checks ran past CHECK_BUDGET_MS and were held for a moderator',
      registers: [registry],
    }),
    checkDuration: new Histogram({
      name: 'sift_check_duration_seconds',
      help: 'Time spent in each moderation check',
      labelNames: ['check'],
      buckets: [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1],
      registers: [registry],
    }),
    queueDepth: new Gauge({
      name: 'sift_queue_depth',
      help: 'Moderation jobs by state (a job carries one comment or the comments of one intake batch, up to 64)',
      labelNames: ['state'],
      registers: [registry],
    }),
    oldestPendingAge: new Gauge({
      name: 'sift_oldest_pending_age_seconds',
      help: 'Age of the oldest comment still pending',
      registers: [registry],
    }),
    heldComments: new Gauge({
      name: 'sift_held_comments',
      help: 'Comments held, waiting for a moderator',
      registers: [registry],
    }),
    oldestHeldAge: new Gauge({
      name: 'sift_oldest_held_age_seconds',
      help: 'Age of the oldest comment waiting for a moderator (0 when none): a stalled desk',
      registers: [registry],
    }),
    webhookBacklog: new Gauge({
      name: 'sift_webhook_backlog',
      help: 'Webhook deliveries neither delivered nor given up yet, per webhook',
      labelNames: ['webhook'],
      registers: [registry],
    }),
    webhookOldestPendingAge: new Gauge({
      name: 'sift_webhook_oldest_pending_age_seconds',
      help: 'Age of the oldest delivery still pending, per webhook: a stalled receiver',
      labelNames: ['webhook'],
      registers: [registry],
    }),
    swept: new Counter({
      name: 'sift_swept_total',
      help: 'Pending comments re-queued by the sweeper',
      registers: [registry],
    }),
    providerCalls: new Counter({
      name: 'sift_provider_calls_total',
      help: 'Calls to outside providers (akismet, perspective) by call and outcome (ok, failure, timeout, short-circuit)',
      labelNames: ['provider', 'call', 'outcome'],
      registers: [registry],
    }),
    providerFailures: new Counter({
      name: 'sift_provider_failures_total',
      help: 'Failed calls to outside providers, by reason (timeout, http status, network, bad answer, circuit open)',
      labelNames: ['provider', 'reason'],
      registers: [registry],
    }),
    providerLatency: new Histogram({
      name: 'sift_provider_latency_seconds',
      help: 'Time an outside provider took to answer (or to fail)',
      labelNames: ['provider', 'call'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
      registers: [registry],
    }),
    providerBreakerState: new Gauge({
      name: 'sift_provider_breaker_state',
      help: "An outside provider's circuit: 0 closed (calling), 0.5 half-open (trying one call), 1 open (not calling)",
      labelNames: ['provider'],
      registers: [registry],
    }),
    webhookAttempts: new Counter({
      name: 'sift_webhook_attempts_total',
      help: 'Webhook delivery attempts by outcome (delivered, retry, failed) and event type',
      labelNames: ['outcome', 'event'],
      registers: [registry],
    }),
    replyNotifications: new Counter({
      name: 'sift_reply_notifications_total',
      help: 'Reply notification emails by outcome: sent, retry (a temporary SMTP failure), failed (for good), skipped (unpublished or unsubscribed since)',
      labelNames: ['outcome'],
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
