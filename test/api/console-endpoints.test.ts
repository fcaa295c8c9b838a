import request from 'supertest';
import { apiClient } from '../helpers/api-client';
import { randomArticleId } from '../helpers/factories';
import { ADMIN_KEY, useTestStack } from '../helpers/test-stack';
import { newsroomClient } from '../newsroom/newsroom-helpers';

const auth = { Authorization: `Bearer ${ADMIN_KEY}` };

describe('The moderator endpoints added for the console', () => {
  const stack = useTestStack();
  let client: ReturnType<typeof apiClient>;
  beforeAll(() => {
    client = apiClient(stack.app);
  });

  describe('GET /v1/moderation/comments?q=&order=decided', () => {
    test('When a moderator searches text, then comments whose body or author name contain it match, and % is taken literally', async () => {
      const tag = randomArticleId('q');
      const inBody = await client.post(randomArticleId(), { body: `A 100% sure thing about ${tag}.` });
      const inName = await client.post(randomArticleId(), { authorName: `Fan of ${tag}` });
      await client.post(randomArticleId(), { body: `A 100 sure thing about ${tag}.` });

      const byText = await client.list({ q: tag, limit: 10 });
      const literal = await client.list({ q: `100% sure thing about ${tag}` });

      expect(byText.body.total).toBe(3);
      expect(byText.body.comments.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining([inBody, inName]));
      expect(literal.body.comments.map((c: { id: string }) => c.id)).toEqual([inBody]);
    });

    test('When a moderator asks for the recently decided, then approved, rejected and spam come newest decision first, pages included', async () => {
      const articleId = randomArticleId();
      const [a, b, c] = [await client.post(articleId), await client.post(articleId), await client.post(articleId)];
      await client.post(articleId);
      await client.moderate(b, 'reject');
      await client.moderate(a, 'approve');
      await client.moderate(c, 'spam');

      const first = await client.list({ articleId, order: 'decided', decidedWithin: '1h', limit: 2 });
      const second = await client.list({ articleId, order: 'decided', decidedWithin: '1h', limit: 2, cursor: first.body.nextCursor });

      expect(first.body.comments.map((x: { id: string }) => x.id)).toEqual([c, a]);
      expect(second.body.comments.map((x: { id: string }) => x.id)).toEqual([b]);
      expect([first.body.total, second.body.nextCursor]).toEqual([3, null]);
    });
  });

  describe('GET /v1/moderation/comments/{id}/author', () => {
    test("When a moderator looks at a comment's author, then their other comments and outcomes come without the address", async () => {
      const email = `regular.${randomArticleId('a')}@example.org`;
      const articleId = randomArticleId();
      const older = await client.postApproved(articleId, { authorEmail: email, body: 'An approved one.' });
      const rejected = await client.post(articleId, { authorEmail: email });
      await client.moderate(rejected, 'reject');
      const current = await client.post(articleId, { authorEmail: email, authorName: 'Regular' });
      await client.post(articleId);

      const response = await request(stack.app).get(`/v1/moderation/comments/${current}/author`).set(auth);

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ commentId: current, authorName: 'Regular', byStatus: { approved: 1, rejected: 1 } });
      expect(response.body.others.map((o: { id: string }) => o.id)).toEqual([rejected, older]);
      expect(response.text).not.toContain(email);
      expect((await request(stack.app).get(`/v1/moderation/comments/${randomUuid()}/author`).set(auth)).status).toBe(404);
    });
  });

  describe('GET /v1/moderation/articles', () => {
    test('When comments wait on an article and another is closed, then both are listed with their state, waiting first', async () => {
      const waiting = randomArticleId('w');
      const closed = randomArticleId('c');
      await client.post(waiting);
      await newsroomClient(stack.app, stack.services.db).article(closed, 'close');

      const { body } = await request(stack.app).get('/v1/moderation/articles').set(auth);

      const find = (id: string) => body.articles.find((a: { articleId: string }) => a.articleId === id);
      expect(find(waiting)).toMatchObject({ pending: 1, held: 0, closed: false, premoderation: false, surgeUntil: null });
      expect(find(closed)).toMatchObject({ pending: 0, closed: true, lastCommentAt: null });
      expect(body.articles.findIndex((a: { articleId: string }) => a.articleId === waiting)).toBeLessThan(
        body.articles.findIndex((a: { articleId: string }) => a.articleId === closed),
      );
    });
  });
});

describe('GET/PUT /v1/moderation/trust', () => {
  // SPAM_HOLD_THRESHOLD=0: every comment that is not clear spam is "borderline", held unless trusted.
  const stack = useTestStack({
    worker: true,
    env: { SPAM_HOLD_THRESHOLD: '0', TRUST_MIN_APPROVED: '3', HOLD_FIRST_COMMENT_WITH_LINK: 'false' },
  });
  let mod: ReturnType<typeof newsroomClient>;
  beforeAll(() => {
    mod = newsroomClient(stack.app, stack.services.db);
  });

  test('When a moderator lowers the approvals that make an author trusted, then the next comment is decided with it', async () => {
    const email = `once.${randomArticleId('t')}@example.org`;
    const { id } = await mod.postAndDecide(randomArticleId(), { authorEmail: email });
    await apiClient(stack.app).moderate(id, 'approve');
    const before = await mod.postAndDecide(randomArticleId(), { authorEmail: email });

    const put = await request(stack.app).put('/v1/moderation/trust').set(auth).send({ minApproved: 1 });
    const after = await mod.postAndDecide(randomArticleId(), { authorEmail: email });

    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      minApproved: 1,
      windowDays: 90,
      defaults: { minApproved: 3 },
      overrides: { minApproved: 1, windowDays: null },
      updatedBy: 'admin',
    });
    expect([before.status, after.status]).toEqual(['held', 'approved']);
    expect(await mod.lastRule(after.id)).toBe('trusted');

    const reset = await request(stack.app).put('/v1/moderation/trust').set(auth).send({ minApproved: null });
    expect(reset.body).toMatchObject({ minApproved: 3, overrides: { minApproved: null } });
    expect((await mod.postAndDecide(randomArticleId(), { authorEmail: email })).status).toBe('held');
  });

  test('When the settings are out of range or empty, then 400 names the field', async () => {
    const bad = await request(stack.app).put('/v1/moderation/trust').set(auth).send({ windowDays: 0 });
    const empty = await request(stack.app).put('/v1/moderation/trust').set(auth).send({});

    expect([bad.status, bad.body.error.message]).toEqual([400, expect.stringMatching(/^windowDays:/)]);
    expect(empty.status).toBe(400);
    expect((await request(stack.app).get('/v1/moderation/trust').set(auth)).body).toMatchObject({ windowDays: 90 });
  });
});

function randomUuid(): string {
  return '00000000-0000-4000-8000-' + Date.now().toString(16).padStart(12, '0').slice(-12);
}
