import { Queue } from 'bullmq';
import request from 'supertest';
import { apiClient } from '../helpers/api-client';
import { randomArticleId } from '../helpers/factories';
import { ADMIN_KEY, uniquePrefix, useTestStack } from '../helpers/test-stack';
import { waitFor } from '../helpers/wait-for';
import { WEBHOOK_QUEUE } from '../../src/webhooks/webhook-queue';
import { startReceiver } from './receiver';

describe('Webhook dispatcher (two workers)', () => {
  const env = { WEBHOOK_ALLOW_PRIVATE: '1', WEBHOOK_POLL_MS: '50', QUEUE_PREFIX: uniquePrefix() };
  const first = useTestStack({ worker: true, env });
  const second = useTestStack({ worker: true, env, shareDatabaseWith: first });
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(() => receiver.close());

  test('When two workers dispatch the same decisions, then every event reaches the receiver exactly once', async () => {
    const hook = await request(first.app)
      .post('/v1/admin/webhooks')
      .set({ Authorization: `Bearer ${ADMIN_KEY}` })
      .send({ url: receiver.url('/once'), events: ['comment.received', 'comment.approved'] });
    receiver.expectSecret('/once', hook.body.secret);
    const articleId = randomArticleId();
    const ids = await Promise.all(Array.from({ length: 20 }, (_, i) => apiClient(i % 2 ? second.app : first.app).post(articleId)));

    await waitFor(
      () => (receiver.at('/once').filter((r) => r.body.type === 'comment.approved').length >= ids.length ? true : undefined),
      20_000,
      'every approval',
    );
    // A duplicate could still arrive while a delivery is not recorded as delivered or a job is left
    // to run (or to run again); once neither holds, nothing more will be sent.
    const queue = new Queue(WEBHOOK_QUEUE, { connection: { url: first.config.redisUrl }, prefix: first.config.queuePrefix });
    try {
      await waitFor(
        async () => {
          const [deliveries] = await first.services.db.query<{ n: number; open: number }>(
            `SELECT count(*)::int AS n, count(*) FILTER (WHERE status <> 'delivered')::int AS open FROM webhook_deliveries WHERE webhook_id = $1`,
            [hook.body.id],
          );
          const jobs = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
          const settled = deliveries.n === 2 * ids.length && deliveries.open === 0 && Object.values(jobs).every((n) => n === 0);
          return settled ? true : undefined;
        },
        20_000,
        'every delivery done and no job left',
      );
    } finally {
      await queue.close();
    }

    const eventIds = receiver.at('/once').map((r) => r.body.id);
    expect(eventIds).toHaveLength(2 * ids.length);
    expect(new Set(eventIds).size).toBe(2 * ids.length);
    expect(receiver.at('/once').every((r) => r.verified)).toBe(true);
    const [row] = await first.services.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE webhook_id = $1`, [
      hook.body.id,
    ]);
    expect(row.n).toBe(2 * ids.length);
  });

  test('When Redis loses the queued deliveries, then the workers queue them again and they arrive', async () => {
    const hook = await request(first.app)
      .post('/v1/admin/webhooks')
      .set({ Authorization: `Bearer ${ADMIN_KEY}` })
      .send({ url: receiver.url('/lost'), events: ['comment.received'] });
    receiver.expectSecret('/lost', hook.body.secret);
    const queue = new Queue(WEBHOOK_QUEUE, { connection: { url: first.config.redisUrl }, prefix: first.config.queuePrefix });
    try {
      await queue.pause();
      const id = await apiClient(first.app).post(randomArticleId());
      await waitFor(
        async () => {
          const [row] = await first.services.db.query<{ queued: boolean }>(
            `SELECT queued_at IS NOT NULL AS queued FROM webhook_deliveries WHERE webhook_id = $1`,
            [hook.body.id],
          );
          return row?.queued ? true : undefined;
        },
        10_000,
        'the delivery to be queued',
      );

      await queue.obliterate({ force: true });
      await queue.resume();
      await first.services.db.query(`UPDATE webhook_deliveries SET queued_at = now() - interval '10 minutes' WHERE webhook_id = $1`, [
        hook.body.id,
      ]);

      const delivered = await waitFor(
        () => receiver.at('/lost').find((r) => r.body.data.commentId === id),
        20_000,
        'the re-queued delivery',
      );
      expect(delivered.verified).toBe(true);
      expect(first.logs.text + second.logs.text).toContain('re-queued after their jobs were lost');
    } finally {
      await queue.close();
    }
  });
});
