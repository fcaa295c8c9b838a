import type { Logger } from 'pino';
import type { Config } from '../src/config';
import type { Db } from '../src/db/pool';
import type { Metrics } from '../src/metrics';
import { handleError } from '../src/errors';
import { runPeriodically } from '../src/periodic';
import type { Secrets } from '../src/privacy/secrets';
import {
  advanceNotifyState,
  claimDueNotifications,
  fastForwardNotifyState,
  findNotificationContent,
  finishNotification,
  lockNotifyState,
  queueReplyNotifications,
  retryNotificationLater,
  type ClaimedNotification,
} from '../src/notify/reply-notification-repository';
import { createReplyMailer, SendFailure, type ReplyMailer } from '../src/notify/reply-mailer';
import { createUnsubscribeTokens, type UnsubscribeTokens } from '../src/notify/unsubscribe-tokens';

/** How old a decision event must be before the cursor moves past it (see queueReplyNotifications). */
export const NOTIFY_GRACE_SECONDS = 3;
const EVENTS_PER_ROUND = 1000;
const SENDS_PER_ROUND = 20;
/** How long one worker holds a notification it is sending; then another may take it over. */
const LEASE_SECONDS = 120;

export interface NotifierDeps {
  db: Db;
  logger: Logger;
  secrets: Secrets;
  mailer: ReplyMailer;
  tokens: UnsubscribeTokens;
  metrics?: Metrics;
  /** Where readers reach the API: the unsubscribe link is `${publicUrl}/v1/notifications/unsubscribe?token=…`. */
  publicUrl: string;
  maxAttempts: number;
  retryBaseMs: number;
}

/**
 * Reply notifications, in every worker. Each round: follow moderation_events (every approval, the
 * worker's or a moderator's, writes one) into the outbox, one worker at a time; then send what is
 * due, each row claimed by one worker (FOR UPDATE SKIP LOCKED). A failed send is retried with
 * doubling delays, up to NOTIFY_MAX_ATTEMPTS; a 5xx answer about the message is not retried.
 * Logs name the reply and the SMTP code, never an address.
 */
export function createReplyNotifier(deps: NotifierDeps) {
  async function follow(): Promise<number> {
    return deps.db.withTransaction(async (tx) => {
      const state = await lockNotifyState(tx);
      if (!state) return 0; // another worker is following
      if (state.idle) {
        await fastForwardNotifyState(tx);
        return 0;
      }
      const { events, queued } = await queueReplyNotifications(tx, state.events_after, NOTIFY_GRACE_SECONDS, EVENTS_PER_ROUND);
      let settledEnd: string | null = null;
      for (const event of events) {
        if (!event.settled) break;
        settledEnd = event.id;
      }
      await advanceNotifyState(tx, settledEnd);
      return queued;
    });
  }

  async function sendOne(claimed: ClaimedNotification): Promise<void> {
    const content = await findNotificationContent(deps.db, claimed.reply_id);
    // Unpublished since, parent gone or unpublished, or the reader unsubscribed: nothing to say.
    if (!content || content.reply_status !== 'approved' || content.parent_status !== 'approved' || !content.parent_notify) {
      await finishNotification(deps.db, claimed.reply_id, 'skipped', null);
      deps.metrics?.replyNotifications.inc({ outcome: 'skipped' });
      return;
    }
    let to: string;
    try {
      to = deps.secrets.decryptEmail(content.parent_email_enc);
    } catch {
      await finishNotification(deps.db, claimed.reply_id, 'failed', 'address not decryptable (SECRET_KEYS_PREVIOUS)');
      deps.metrics?.replyNotifications.inc({ outcome: 'failed' });
      deps.logger.warn(
        { replyId: claimed.reply_id },
        'reply notification not sent: the address was encrypted under a key this worker does not have',
      );
      return;
    }
    try {
      await deps.mailer.send({
        to,
        replyId: claimed.reply_id,
        parentAuthorName: content.parent_author_name,
        replyAuthorName: content.reply_author_name,
        replyBody: content.reply_body,
        parentBody: content.parent_body,
        articleId: content.article_id,
        unsubscribeUrl: `${deps.publicUrl}/v1/notifications/unsubscribe?token=${deps.tokens.issue(claimed.parent_id)}`,
      });
    } catch (error) {
      const failure = error instanceof SendFailure ? error : new SendFailure('unknown', false);
      if (failure.permanent || claimed.attempts >= deps.maxAttempts) {
        await finishNotification(deps.db, claimed.reply_id, 'failed', failure.code);
        deps.metrics?.replyNotifications.inc({ outcome: 'failed' });
        deps.logger.warn(
          { replyId: claimed.reply_id, attempts: claimed.attempts, code: failure.code },
          'reply notification failed for good',
        );
      } else {
        const delay = Math.min(deps.retryBaseMs * 2 ** (claimed.attempts - 1), 3_600_000) * (1 + Math.random() * 0.1);
        await retryNotificationLater(deps.db, claimed.reply_id, Math.round(delay), failure.code);
        deps.metrics?.replyNotifications.inc({ outcome: 'retry' });
        deps.logger.info(
          { replyId: claimed.reply_id, attempts: claimed.attempts, code: failure.code },
          'reply notification will be retried',
        );
      }
      return;
    }
    await finishNotification(deps.db, claimed.reply_id, 'sent', null);
    deps.metrics?.replyNotifications.inc({ outcome: 'sent' });
    deps.logger.info({ replyId: claimed.reply_id }, 'reply notification sent');
  }

  async function sendDue(): Promise<number> {
    const claimed = await claimDueNotifications(deps.db, SENDS_PER_ROUND, LEASE_SECONDS);
    for (const row of claimed) await sendOne(row);
    return claimed.length;
  }

  return {
    follow,
    sendDue,
    async tick(): Promise<void> {
      await follow();
      // A full batch means more are due: keep going a few batches.
      for (let i = 0; i < 5 && (await sendDue()) === SENDS_PER_ROUND; i++);
    },
  };
}

/** Runs the notifier in this worker process when SMTP_URL is set; otherwise nothing. */
export function startReplyNotifier(deps: {
  config: Config;
  db: Db;
  logger: Logger;
  secrets: Secrets;
  metrics: Metrics;
}): { stop(): Promise<void> } | null {
  const { config, db, logger, secrets, metrics } = deps;
  if (!config.smtp) return null;
  const mailer = createReplyMailer(config.smtp);
  const notifier = createReplyNotifier({
    db,
    logger,
    secrets,
    mailer,
    metrics,
    tokens: createUnsubscribeTokens(config.secretKey, config.previousSecretKeys),
    publicUrl: config.publicUrl ?? `http://localhost:${config.port}`,
    maxAttempts: config.notify.maxAttempts,
    retryBaseMs: config.notify.retryBaseMs,
  });
  const running = runPeriodically(
    config.notify.pollMs,
    () => notifier.tick(),
    (error) => handleError(logger, error, { source: 'reply notifier' }),
  );
  return {
    async stop() {
      await running.stop();
      mailer.close();
    },
  };
}
