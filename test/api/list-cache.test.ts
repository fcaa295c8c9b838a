import request from 'supertest';
import { apiClient } from '../helpers/api-client';
import { randomArticleId } from '../helpers/factories';
import { useTestStack, type TestStack } from '../helpers/test-stack';
import { waitForDecision } from '../helpers/wait-for';

describe('GET /v1/articles/:articleId/comments (cached page)', () => {
  const stack = useTestStack();
  // A second API "process" on the same database and Redis prefix, with its own in-memory cache.
  const otherProcess = useTestStack(() => ({ shareDatabaseWith: stack, env: { QUEUE_PREFIX: stack.config.queuePrefix } }));
  let api: ReturnType<typeof apiClient>;
  beforeAll(() => {
    api = apiClient(stack.app);
  });

  const list = (app: TestStack['app'], articleId: string, etag?: string) => {
    const req = request(app).get(`/v1/articles/${articleId}/comments`);
    return etag ? req.set('If-None-Match', etag) : req;
  };
  const ids = (response: request.Response) => (response.body.comments as { id: string }[]).map((c) => c.id);

  test('When a moderator approves a comment after the page was read, then the next read shows it at once, in every process', async () => {
    const articleId = randomArticleId();
    const first = await api.postApproved(articleId, { body: 'The first approved comment' });
    const waiting = await api.post(articleId, { body: 'Waiting for a moderator' });
    expect(ids(await list(stack.app, articleId))).toEqual([first]);
    expect(ids(await list(otherProcess.app, articleId))).toEqual([first]);

    await api.moderate(waiting, 'approve');

    const here = await list(stack.app, articleId);
    const there = await list(otherProcess.app, articleId);
    expect(here.body).toMatchObject({ total: 2 });
    expect(ids(here)).toEqual([first, waiting]);
    expect(ids(there)).toEqual([first, waiting]);
  });

  test('When a moderator rejects a published comment, then the next read no longer shows it', async () => {
    const articleId = randomArticleId();
    const kept = await api.postApproved(articleId, { body: 'Stays up' });
    const removed = await api.postApproved(articleId, { body: 'Comes down' });
    expect(ids(await list(otherProcess.app, articleId))).toEqual([kept, removed]);

    await api.moderate(removed, 'reject');

    expect(ids(await list(otherProcess.app, articleId))).toEqual([kept]);
  });

  test('When the page is unchanged, then If-None-Match gets a 304; after a decision, a 200 with a new ETag', async () => {
    const articleId = randomArticleId();
    await api.postApproved(articleId, { body: 'Already up' });
    const firstRead = await list(stack.app, articleId);
    const etag = firstRead.headers.etag;
    expect(firstRead.status).toBe(200);
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(firstRead.headers['cache-control']).toBe('public, max-age=2, stale-while-revalidate=30');
    expect(firstRead.headers['content-type']).toMatch(/^application\/json/);

    // A new pending comment does not change the public page.
    const later = await api.post(articleId, { body: 'Approved later' });
    const unchanged = await list(stack.app, articleId, etag);
    const unchangedElsewhere = await list(otherProcess.app, articleId, etag);
    expect(unchanged.status).toBe(304);
    expect(unchangedElsewhere.status).toBe(304);

    await api.moderate(later, 'approve');

    const changed = await list(otherProcess.app, articleId, etag);
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(changed.body).toMatchObject({ total: 2 });
    expect((await list(stack.app, articleId, changed.headers.etag)).status).toBe(304);
  });

  test('When a browser asks for gzip, then the page comes gzipped with an ETag of its own, and the same JSON as uncompressed', async () => {
    const articleId = randomArticleId();
    await api.postApproved(articleId, { body: 'Compressed once, sent to every reader' });
    const read = (encoding: string, etag?: string) => list(stack.app, articleId, etag).set('Accept-Encoding', encoding);

    const gzipped = await read('gzip, deflate, br');
    const plain = await read('identity');

    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(gzipped.headers.vary).toMatch(/Accept-Encoding/);
    expect(plain.headers.vary).toMatch(/Accept-Encoding/);
    expect(gzipped.body).toEqual(plain.body);
    expect(gzipped.headers.etag).not.toBe(plain.headers.etag);
    expect((await read('gzip', gzipped.headers.etag)).status).toBe(304);
    expect((await read('identity', plain.headers.etag)).status).toBe(304);
    // A validator of the other encoding names other bytes: the client gets this encoding's.
    expect((await read('gzip', plain.headers.etag)).status).toBe(200);
  });

  test('When pages of different sizes and cursors are read, then each is its own page', async () => {
    const articleId = randomArticleId();
    const a = await api.postApproved(articleId, { body: 'One' });
    const b = await api.postApproved(articleId, { body: 'Two' });

    const firstPage = await request(stack.app).get(`/v1/articles/${articleId}/comments`).query({ limit: 1 });
    const all = await list(stack.app, articleId);
    const secondPage = await request(stack.app)
      .get(`/v1/articles/${articleId}/comments`)
      .query({ limit: 1, cursor: firstPage.body.nextCursor as string });

    expect(ids(firstPage)).toEqual([a]);
    expect(ids(all)).toEqual([a, b]);
    expect(ids(secondPage)).toEqual([b]);
  });

  test('When a moderator endpoint answers, then it tells caches not to store it', async () => {
    const response = await api.list();

    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
  });
});

describe('GET /v1/articles/:articleId/comments (cached page, worker decisions)', () => {
  const stack = useTestStack({ worker: true });

  test('When the worker approves a comment after the page was read, then the next read shows it', async () => {
    const articleId = randomArticleId();
    const before = await request(stack.app).get(`/v1/articles/${articleId}/comments`);
    expect(before.body).toMatchObject({ total: 0, comments: [] });
    const id = await apiClient(stack.app).post(articleId, { body: 'The council should publish the full report on its website.' });

    expect(await waitForDecision(stack.services.db, id)).toBe('approved');

    const after = await request(stack.app).get(`/v1/articles/${articleId}/comments`);
    expect(after.body).toMatchObject({ total: 1, comments: [{ id }] });
  });
});

describe('GET /v1/articles/:articleId/comments (cached page, Redis unreachable)', () => {
  const stack = useTestStack({ env: { REDIS_URL: 'redis://127.0.0.1:1' } });

  test('When Redis cannot be reached, then every read is built from PostgreSQL: a change shows at once, even one no decision announced', async () => {
    const api = apiClient(stack.app);
    const articleId = randomArticleId();
    const kept = await api.postApproved(articleId, { body: 'Approved while Redis is away' });
    const other = await api.post(articleId, { body: 'Approved behind the cache' });
    const read = async () => (await request(stack.app).get(`/v1/articles/${articleId}/comments`)).body;
    expect(await read()).toMatchObject({ total: 1, comments: [{ id: kept }] });

    await stack.services.db.query(`UPDATE comments SET status = 'approved', decided_at = now() WHERE id = $1`, [other]);

    expect(await read()).toMatchObject({ total: 2, comments: [{ id: kept }, { id: other }] });
  });
});
