import request from 'supertest';
import { apiClient } from '../helpers/api-client';
import { randomArticleId } from '../helpers/factories';
import { useTestStack } from '../helpers/test-stack';

describe('GET /v1/articles/:articleId/comments', () => {
  const stack = useTestStack();
  let api: ReturnType<typeof apiClient>;
  beforeAll(() => {
    api = apiClient(stack.app);
  });

  const list = (articleId: string, query: Record<string, string | number> = {}) =>
    request(stack.app).get(`/v1/articles/${articleId}/comments`).query(query);

  test('When an article has no comments, then an empty page with total 0', async () => {
    const articleId = randomArticleId();

    const response = await list(articleId);

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ articleId, sort: 'oldest', total: 0, comments: [], nextCursor: null });
  });

  test('When comments are approved, pending and rejected, then only approved ones are listed, oldest first, without emails', async () => {
    const articleId = randomArticleId();
    const first = await api.postApproved(articleId, { body: 'First approved', authorName: 'Ann', authorEmail: 'ann@example.org' });
    await api.post(articleId, { body: 'Still pending' });
    const rejected = await api.post(articleId, { body: 'Rejected one' });
    await api.moderate(rejected, 'reject');
    const second = await api.postApproved(articleId, { body: 'Second approved' });

    const response = await list(articleId);

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ articleId, total: 2, nextCursor: null });
    expect(response.body.comments).toEqual([
      {
        id: first,
        parentId: null,
        authorName: 'Ann',
        body: 'First approved',
        createdAt: expect.any(String),
        badge: null,
        recommendations: 0,
        featured: false,
      },
      {
        id: second,
        parentId: null,
        authorName: expect.any(String),
        body: 'Second approved',
        createdAt: expect.any(String),
        badge: null,
        recommendations: 0,
        featured: false,
      },
    ]);
    expect(response.text).not.toContain('ann@example.org');
  });

  test('When a reader replies to an approved comment, then the reply carries its parentId', async () => {
    const articleId = randomArticleId();
    const parent = await api.postApproved(articleId);
    const reply = await api.postApproved(articleId, { parentId: parent, body: 'Agreed.' });

    const response = await list(articleId);

    expect(response.body.comments.map((c: { id: string; parentId: string | null }) => [c.id, c.parentId])).toEqual([
      [parent, null],
      [reply, parent],
    ]);
  });

  test('When a parentId belongs to another article, then the reply is refused with 400', async () => {
    const parent = await api.postApproved(randomArticleId());

    const response = await request(stack.app)
      .post(`/v1/articles/${randomArticleId()}/comments`)
      .send({ authorName: 'A', authorEmail: 'a@example.org', body: 'x', parentId: parent });

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('invalid_parent');
  });

  test('When paging with limit and cursor while new comments arrive, then every comment is seen once, in order', async () => {
    const articleId = randomArticleId();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await api.postApproved(articleId, { body: `comment ${i}` }));

    const page1 = await list(articleId, { limit: 2 });
    ids.push(await api.postApproved(articleId, { body: 'arrived while paging' }));
    const page2 = await list(articleId, { limit: 2, cursor: page1.body.nextCursor });
    const page3 = await list(articleId, { limit: 2, cursor: page2.body.nextCursor });

    const seen = [page1, page2, page3].flatMap((p) => p.body.comments.map((c: { id: string }) => c.id));
    expect(seen).toEqual(ids);
    expect(page3.body.nextCursor).toBeNull();
    expect(page3.body.total).toBe(6);
  });

  test.each([
    ['a forged cursor', { cursor: 'bm90LWEtY3Vyc29y.AAAAAAAAAAAAAAAA' }],
    ['garbage as cursor', { cursor: '%%%' }],
    ['limit 0', { limit: 0 }],
    ['limit 101', { limit: 101 }],
    ['limit not a number', { limit: 'ten' }],
  ])('When the query has %s, then 400', async (_case, query) => {
    const response = await list(randomArticleId(), query);
    expect(response.status).toBe(400);
    expect(response.body.error).toEqual({ code: expect.any(String), message: expect.any(String) });
  });

  test('When the query parameters are present but empty, then they mean "not given"', async () => {
    const response = await request(stack.app).get(`/v1/articles/${randomArticleId()}/comments?limit=&cursor=`);
    expect(response.status).toBe(200);
    expect(response.body.nextCursor).toBeNull();
  });

  test('When a cursor from one article is used on another, then 400', async () => {
    const articleId = randomArticleId();
    await api.postApproved(articleId);
    await api.postApproved(articleId);
    const page = await list(articleId, { limit: 1 });

    const response = await list(randomArticleId(), { cursor: page.body.nextCursor });

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('invalid_cursor');
  });
});

describe('GET /v1/comments/:id', () => {
  const stack = useTestStack();
  let api: ReturnType<typeof apiClient>;
  beforeAll(() => {
    api = apiClient(stack.app);
  });

  test('When the comment is approved, then its public view', async () => {
    const articleId = randomArticleId();
    const id = await api.postApproved(articleId, { authorName: 'Bea', body: 'Patch your systems.', authorEmail: 'bea@example.org' });

    const response = await request(stack.app).get(`/v1/comments/${id}`);

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      id,
      parentId: null,
      authorName: 'Bea',
      body: 'Patch your systems.',
      createdAt: expect.any(String),
      badge: null,
      recommendations: 0,
      featured: false,
    });
    expect(JSON.stringify(response.headers)).not.toContain('bea@example.org');
  });

  test.each(['pending', 'rejected', 'spam'])('When the comment is %s, then 404', async (state) => {
    const id = await api.post(randomArticleId());
    if (state === 'rejected') await api.moderate(id, 'reject');
    if (state === 'spam') await api.moderate(id, 'spam');

    const response = await request(stack.app).get(`/v1/comments/${id}`);

    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('not_found');
  });

  test('When the id is not a uuid, then 404', async () => {
    const response = await request(stack.app).get('/v1/comments/not-a-uuid');
    expect(response.status).toBe(404);
  });
});
