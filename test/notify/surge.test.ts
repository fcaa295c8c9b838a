import request from 'supertest';
import { apiClient } from '../helpers/api-client';
import { buildComment, randomArticleId } from '../helpers/factories';
import { ADMIN_KEY, useTestStack } from '../helpers/test-stack';
import { waitFor, waitForDecision } from '../helpers/wait-for';
import { startReceiver } from './receiver';

const auth = { Authorization: `Bearer ${ADMIN_KEY}` };

describe('Surge mode (worker)', () => {
  const stack = useTestStack({
    worker: true,
    env: {
      WEBHOOK_ALLOW_PRIVATE: '1',
      WEBHOOK_POLL_MS: '100',
      SURGE_COMMENTS: '3',
      SURGE_WINDOW_MINUTES: '1',
      SURGE_SPAM_RATE: '0.6',
      SURGE_SPAM_MIN_COMMENTS: '3',
      SURGE_DURATION_MINUTES: '5',
      SURGE_POLL_SECONDS: '1',
      TRUST_PROXY: '1',
    },
  });
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    receiver = await startReceiver();
    const hook = await request(stack.app)
      .post('/v1/admin/webhooks')
      .set(auth)
      .send({ url: receiver.url('/surge'), events: ['article.surge'] });
    receiver.expectSecret('/surge', hook.body.secret);
  });
  afterAll(() => receiver.close());

  const surgeEvent = (articleId: string) =>
    waitFor(() => receiver.at('/surge').find((r) => r.body.data.articleId === articleId), 15_000, `article.surge for ${articleId}`);

  test('When an article gets more than SURGE_COMMENTS comments in the window, then it switches to pre-moderation and the webhook says so', async () => {
    const api = apiClient(stack.app);
    const articleId = randomArticleId('busy');
    for (let i = 0; i < 4; i++) await api.post(articleId);

    const event = await surgeEvent(articleId);

    expect(event.verified).toBe(true);
    expect(event.body).toMatchObject({ type: 'article.surge', data: { articleId, trigger: 'volume', comments: 4 } });
    const until = Date.parse(String(event.body.data.premoderationUntil));
    expect(until - Date.now()).toBeGreaterThan(4 * 60_000);

    const next = await api.post(articleId);
    expect(await waitForDecision(stack.services.db, next)).toBe('held');
    const quiet = await api.post(randomArticleId('quiet'));
    expect(await waitForDecision(stack.services.db, quiet)).toBe('approved');

    const surges = await request(stack.app).get('/v1/moderation/surges').set(auth);
    expect(surges.status).toBe(200);
    expect(surges.body.active).toEqual([expect.objectContaining({ articleId, trigger: 'volume', active: true })]);
    const stats = await request(stack.app).get('/v1/moderation/stats').set(auth);
    expect(stats.body.surges).toMatchObject({
      started: expect.any(Number),
      active: expect.arrayContaining([expect.objectContaining({ articleId })]),
    });
    expect(receiver.at('/surge').filter((r) => r.body.data.articleId === articleId)).toHaveLength(1);
  });

  const OFFERS = ['Cheap pills here, trust me', 'Buy cheap viagra online now', 'Casino bonus, click now'];
  /** Spam from the given clients, one comment each, decided before returning. */
  async function spamFrom(articleId: string, clients: string[]): Promise<void> {
    const ids: string[] = [];
    for (const [i, client] of clients.entries()) {
      const response = await request(stack.app)
        .post(`/v1/articles/${articleId}/comments`)
        .set('X-Forwarded-For', client)
        .send(buildComment({ body: `${OFFERS[i % OFFERS.length]} http://spam.example/${Math.random()}` }));
      expect(response.status).toBe(202);
      ids.push(response.body.id);
    }
    for (const id of ids) expect(await waitForDecision(stack.services.db, id)).toBe('spam');
  }

  test("When most of an article's recent comments are spam from several clients, then it switches to pre-moderation on the spam rate", async () => {
    const articleId = randomArticleId('spammed');
    await spamFrom(articleId, ['198.51.100.1', '198.51.100.2', '198.51.100.3']);

    const event = await surgeEvent(articleId);

    expect(event.body.data).toMatchObject({ articleId, trigger: 'spam_rate', comments: 3, spamRate: 1 });
  });

  test('When all the spam on an article comes from one client, then the article is not switched (the spam rate counts clients)', async () => {
    const oneClient = randomArticleId('one-spammer');
    await spamFrom(oneClient, ['198.51.100.9', '198.51.100.9', '198.51.100.9']);
    // A later article that does surge: once its event is out, the monitor has looked at both.
    const several = randomArticleId('many-spammers');
    await spamFrom(several, ['198.51.100.10', '198.51.100.11', '198.51.100.12']);
    await surgeEvent(several);

    expect(receiver.at('/surge').filter((r) => r.body.data.articleId === oneClient)).toEqual([]);
    const controls = await request(stack.app).get(`/v1/moderation/articles/${oneClient}`).set(auth);
    expect(controls.body).toMatchObject({ premoderation: false });
  });
});
