import request from 'supertest';
import { apiClient } from '../helpers/api-client';
import { randomArticleId } from '../helpers/factories';
import { ADMIN_KEY, useTestStack } from '../helpers/test-stack';
import { waitFor, waitForDecision } from '../helpers/wait-for';
import { startReceiver } from './receiver';

const auth = { Authorization: `Bearer ${ADMIN_KEY}` };
const FAST = { WEBHOOK_ALLOW_PRIVATE: '1', WEBHOOK_POLL_MS: '100', WEBHOOK_RETRY_BASE_MS: '200' };

describe('POST /v1/admin/webhooks (deliveries)', () => {
  const stack = useTestStack({ worker: true, env: FAST });
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(() => receiver.close());

  const register = async (path: string, events: string[]) => {
    const response = await request(stack.app)
      .post('/v1/admin/webhooks')
      .set(auth)
      .send({ url: receiver.url(path), events, description: `test ${path}` });
    expect(response.status).toBe(201);
    receiver.expectSecret(path, response.body.secret);
    return response.body as { id: string; secret: string };
  };
  const eventsFor = (path: string, commentId: string, type: string) =>
    receiver.at(path).filter((r) => r.body.type === type && r.body.data.commentId === commentId && r.answered === 204);

  test('When a comment is received and approved, then both events arrive signed, without the email', async () => {
    await register('/all', ['comment.received', 'comment.approved', 'comment.held', 'comment.rejected', 'comment.spam']);
    const email = `webhook.reader.${Date.now()}@example.org`;
    const articleId = randomArticleId();
    const id = await apiClient(stack.app).post(articleId, { authorName: 'Dana', authorEmail: email });

    const received = await waitFor(() => eventsFor('/all', id, 'comment.received')[0], 15_000, 'comment.received');
    const approved = await waitFor(() => eventsFor('/all', id, 'comment.approved')[0], 15_000, 'comment.approved');

    expect(received.verified).toBe(true);
    expect(received.headers['sift-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(received.body).toMatchObject({
      id: `evt_received_${id}`,
      type: 'comment.received',
      data: { commentId: id, articleId, status: 'pending', authorName: 'Dana', decidedBy: null },
    });
    expect(approved.verified).toBe(true);
    expect(approved.headers['sift-event']).toBe('comment.approved');
    expect(approved.body.data).toMatchObject({
      commentId: id,
      status: 'approved',
      previousStatus: 'pending',
      decidedBy: 'auto',
      rule: 'clean',
    });
    for (const delivery of [received, approved]) {
      expect(delivery.raw).not.toContain(email);
      expect(delivery.raw.toLowerCase()).not.toContain('email');
    }
  });

  test('When the worker holds a comment and moderators reject and mark spam, then held, rejected and spam events arrive, and a repeated decision sends nothing', async () => {
    const api = apiClient(stack.app);
    const held = await api.post(randomArticleId(), { body: 'You are a fucking idiot and so is your editor.' });
    expect(await waitForDecision(stack.services.db, held)).toBe('held');
    await waitFor(() => eventsFor('/all', held, 'comment.held')[0], 15_000, 'comment.held');

    await api.moderate(held, 'reject', { reason: 'abusive' });
    const rejected = await waitFor(() => eventsFor('/all', held, 'comment.rejected')[0], 15_000, 'comment.rejected');
    expect(rejected.body.data).toMatchObject({ status: 'rejected', previousStatus: 'held', decidedBy: 'admin', rule: null });

    await api.moderate(held, 'spam');
    const spam = await waitFor(() => eventsFor('/all', held, 'comment.spam')[0], 15_000, 'comment.spam');
    expect(spam.verified).toBe(true);

    await api.moderate(held, 'spam');
    const later = await api.post(randomArticleId());
    await waitFor(() => eventsFor('/all', later, 'comment.received')[0], 15_000, 'a later event');
    expect(eventsFor('/all', held, 'comment.spam')).toHaveLength(1);
  });

  test('When the receiver fails twice, then the delivery is retried, succeeds, and the log shows three attempts', async () => {
    const hook = await register('/flaky', ['comment.approved']);
    receiver.failNext('/flaky', 2);
    const id = await apiClient(stack.app).post(randomArticleId());

    const delivered = await waitFor(() => eventsFor('/flaky', id, 'comment.approved')[0], 20_000, 'the third attempt');
    expect(delivered.verified).toBe(true);
    const attempts = receiver.at('/flaky').filter((r) => r.body.data.commentId === id);
    expect(attempts.map((a) => a.answered)).toEqual([500, 500, 204]);
    expect(new Set(attempts.map((a) => a.headers['sift-delivery'])).size).toBe(1);

    const log = await waitFor(
      async () => {
        const page = await request(stack.app).get(`/v1/admin/webhooks/${hook.id}/deliveries`).set(auth);
        return page.body.deliveries[0]?.status === 'delivered' ? page.body : undefined;
      },
      10_000,
      'the delivery log',
    );
    const entry = log.deliveries[0];
    expect(entry).toMatchObject({ webhookId: hook.id, event: 'comment.approved', status: 'delivered', attempts: 3, lastStatusCode: 204 });

    const detail = await request(stack.app).get(`/v1/admin/webhooks/${hook.id}/deliveries/${entry.id}`).set(auth);
    expect(detail.status).toBe(200);
    expect(detail.body.attemptLog.map((a: { statusCode: number }) => a.statusCode)).toEqual([500, 500, 204]);
    expect(detail.body.payload).toMatchObject({ type: 'comment.approved', data: { commentId: id } });
    const counted = (await stack.worker!.metrics.webhookAttempts.get()).values;
    const retries = counted.find((v) => v.labels.outcome === 'retry' && v.labels.event === 'comment.approved');
    expect(retries?.value).toBeGreaterThanOrEqual(2);
  });

  test('When a delivery is replayed, then the receiver gets the same event again under a new delivery id', async () => {
    const hook = await register('/replay', ['comment.approved']);
    const id = await apiClient(stack.app).post(randomArticleId());
    const first = await waitFor(() => eventsFor('/replay', id, 'comment.approved')[0], 15_000, 'first delivery');
    const deliveryId = String(first.headers['sift-delivery']);

    const replay = await request(stack.app).post(`/v1/admin/webhooks/${hook.id}/deliveries/${deliveryId}/replay`).set(auth);

    expect(replay.status).toBe(202);
    expect(replay.body).toMatchObject({ replayOf: deliveryId, status: 'pending', event: 'comment.approved' });
    const second = await waitFor(
      () => eventsFor('/replay', id, 'comment.approved').find((r) => r.headers['sift-delivery'] === replay.body.id),
      15_000,
      'the replay',
    );
    expect(second.verified).toBe(true);
    expect(second.body.id).toBe(first.body.id);
  });

  test('When a delivery is replayed, then the delivery log reports the event id the receiver got, for the replay as for the original', async () => {
    const hook = await register('/replay-log', ['comment.approved']);
    const id = await apiClient(stack.app).post(randomArticleId());
    const first = await waitFor(() => eventsFor('/replay-log', id, 'comment.approved')[0], 15_000, 'first delivery');
    const deliveryId = String(first.headers['sift-delivery']);

    const replay = await request(stack.app).post(`/v1/admin/webhooks/${hook.id}/deliveries/${deliveryId}/replay`).set(auth);
    const again = await request(stack.app).post(`/v1/admin/webhooks/${hook.id}/deliveries/${replay.body.id}/replay`).set(auth);

    expect(replay.body.eventId).toBe(first.body.id);
    expect(again.body).toMatchObject({ eventId: first.body.id, replayOf: replay.body.id });
    const log = await request(stack.app).get(`/v1/admin/webhooks/${hook.id}/deliveries`).set(auth);
    expect(log.body.deliveries.map((d: { eventId: string }) => d.eventId)).toEqual([first.body.id, first.body.id, first.body.id]);
    const one = await request(stack.app).get(`/v1/admin/webhooks/${hook.id}/deliveries/${replay.body.id}`).set(auth);
    expect(one.body).toMatchObject({ eventId: first.body.id, payload: { id: first.body.id } });
    const received = await waitFor(
      () => eventsFor('/replay-log', id, 'comment.approved').find((r) => r.headers['sift-delivery'] === again.body.id),
      15_000,
      'the replay of the replay',
    );
    expect(received.body.id).toBe(first.body.id);
  });

  test('When a webhook is deleted, then it is no longer listed and gets nothing more', async () => {
    const hook = await register('/deleted', ['comment.received']);
    expect((await request(stack.app).delete(`/v1/admin/webhooks/${hook.id}`).set(auth)).status).toBe(204);
    const list = await request(stack.app).get('/v1/admin/webhooks').set(auth);
    expect(list.body.webhooks.map((w: { id: string }) => w.id)).not.toContain(hook.id);
    expect(JSON.stringify(list.body)).not.toContain('secret');

    const id = await apiClient(stack.app).post(randomArticleId());
    await waitFor(() => eventsFor('/all', id, 'comment.received')[0], 15_000, 'the other webhook');
    expect(receiver.at('/deleted')).toHaveLength(0);
  });

  test('When a moderator key is used, then 403', async () => {
    const moderator = await apiClient(stack.app).createModerator(`hooks-${Date.now()}`);
    const response = await request(stack.app)
      .get('/v1/admin/webhooks')
      .set({ Authorization: `Bearer ${moderator.body.apiKey}` });
    expect(response.status).toBe(403);
  });

  test('When the events are unknown, then 400 naming the field', async () => {
    const response = await request(stack.app)
      .post('/v1/admin/webhooks')
      .set(auth)
      .send({ url: receiver.url('/x'), events: ['comment.eaten'] });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/^events/);
  });
});

describe('POST /v1/admin/webhooks (address policy)', () => {
  const stack = useTestStack();

  test.each([
    'http://127.0.0.1:9/hook',
    'http://localhost:9/hook',
    'http://[::1]:9/hook',
    'http://10.1.2.3/hook',
    'http://169.254.169.254/latest/meta-data',
    'http://[::ffff:127.0.0.1]/hook',
    'http://192.168.1.10/hook',
    'http://[::ffff:0:127.0.0.1]/hook',
    'http://[::127.0.0.1]/hook',
    'http://[2002:a9fe:a9fe::1]/latest/meta-data',
    'http://[64:ff9b:1::a00:1]/hook',
  ])('When WEBHOOK_ALLOW_PRIVATE is not set and the URL is %s, then 400 webhook_url_refused', async (url) => {
    const response = await request(stack.app)
      .post('/v1/admin/webhooks')
      .set(auth)
      .send({ url, events: ['comment.received'] });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('webhook_url_refused');
    expect((await request(stack.app).get('/v1/admin/webhooks').set(auth)).body.webhooks).toEqual([]);
  });
});
