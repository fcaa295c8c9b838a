import request from 'supertest';
import { apiClient } from '../helpers/api-client';
import { randomArticleId } from '../helpers/factories';
import { useTestStack } from '../helpers/test-stack';

describe('GET /v1/comment-counts', () => {
  const stack = useTestStack({ env: { CORS_ORIGINS: 'https://news.example' } });
  // A second API "process" on the same database and Redis prefix, with its own in-memory cache.
  const otherProcess = useTestStack(() => ({ shareDatabaseWith: stack, env: { QUEUE_PREFIX: stack.config.queuePrefix } }));
  let api: ReturnType<typeof apiClient>;
  beforeAll(() => {
    api = apiClient(stack.app);
  });

  const counts = (articleIds: string, app = stack.app) => request(app).get('/v1/comment-counts').query({ articleIds });

  test('When a section page asks for three articles, then each gets its approved count, 0 for none, in the order asked', async () => {
    const [busy, quiet, empty] = [randomArticleId('busy'), randomArticleId('quiet'), randomArticleId('empty')];
    await api.postApproved(busy);
    await api.postApproved(busy);
    await api.post(busy); // pending: not counted
    const rejected = await api.post(busy);
    await api.moderate(rejected, 'reject');
    await api.postApproved(quiet);

    const response = await counts(`${empty},${busy},${quiet}`);

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ counts: { [empty]: 0, [busy]: 2, [quiet]: 1 } });
    expect(Object.keys(response.body.counts)).toEqual([empty, busy, quiet]);
    expect(response.headers['cache-control']).toBe('public, max-age=2, stale-while-revalidate=30');
  });

  test('When a moderator publishes or removes a comment, then the next count shows it at once, in every process', async () => {
    const articleId = randomArticleId();
    const kept = await api.postApproved(articleId);
    const waiting = await api.post(articleId);
    expect((await counts(articleId)).body.counts[articleId]).toBe(1);
    expect((await counts(articleId, otherProcess.app)).body.counts[articleId]).toBe(1);

    await api.moderate(waiting, 'approve');
    expect((await counts(articleId, otherProcess.app)).body.counts[articleId]).toBe(2);
    await api.moderate(kept, 'reject');

    expect((await counts(articleId)).body.counts[articleId]).toBe(1);
    expect((await counts(articleId, otherProcess.app)).body.counts[articleId]).toBe(1);
  });

  test('When a count was read, then it is served from the cache until a decision on the article changes it', async () => {
    const articleId = randomArticleId();
    await api.postApproved(articleId);
    expect((await counts(articleId)).body.counts[articleId]).toBe(1);
    // Behind the API's back (no decision, so no invalidation): the kept count is what is served.
    const sneaked = await api.post(articleId);
    await stack.services.db.query(`UPDATE comments SET status = 'approved' WHERE id = $1`, [sneaked]);

    const cached = await counts(articleId);
    const third = await api.post(articleId);
    await api.moderate(third, 'approve');
    const fresh = await counts(articleId);

    expect(cached.body.counts[articleId]).toBe(1);
    expect(fresh.body.counts[articleId]).toBe(3);
  });

  test('When the same article is named twice, then it is counted once', async () => {
    const articleId = randomArticleId();
    await api.postApproved(articleId);

    const response = await request(stack.app).get(`/v1/comment-counts?articleIds=${articleId},${articleId}&articleIds=${articleId}`);

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ counts: { [articleId]: 1 } });
  });

  test('When 100 articles are asked for, then 100 counts; 101 is a 400 too_many_articles', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => `section-${i}-${randomArticleId()}`.slice(0, 40));

    const hundred = await counts(ids.slice(0, 100).join(','));
    const tooMany = await counts(ids.join(','));

    expect(hundred.status).toBe(200);
    expect(Object.keys(hundred.body.counts)).toHaveLength(100);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error).toEqual({ code: 'too_many_articles', message: expect.stringContaining('at most 100') });
  });

  test.each([
    ['no articleIds', ''],
    ['an empty list', '?articleIds=,,'],
    ['an id with a space', '?articleIds=good-one,bad%20one'],
    ['an id of 201 characters', `?articleIds=${'a'.repeat(201)}`],
    ['an object', '?articleIds[a]=b'],
  ])('When the query has %s, then 400 in the contract shape', async (_case, query) => {
    const response = await request(stack.app).get(`/v1/comment-counts${query}`);
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
  });

  test('When a section page on an allowed origin asks, then CORS lets it read the answer', async () => {
    const response = await counts(randomArticleId()).set('Origin', 'https://news.example');
    expect(response.headers['access-control-allow-origin']).toBe('https://news.example');
  });
});
