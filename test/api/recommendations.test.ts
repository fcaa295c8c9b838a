import request from 'supertest';
import { apiClient } from '../helpers/api-client';
import { randomArticleId } from '../helpers/factories';
import { useTestStack } from '../helpers/test-stack';

describe('POST and DELETE /v1/comments/:id/recommendation', () => {
  const stack = useTestStack({ env: { TRUST_PROXY: '1', CORS_ORIGINS: 'https://news.example' } });
  let api: ReturnType<typeof apiClient>;
  beforeAll(() => {
    api = apiClient(stack.app);
  });

  const publicView = async (id: string) => (await request(stack.app).get(`/v1/comments/${id}`)).body;

  test('When readers recommend a comment, then each counts once, and the count shows in the public view and the list at once', async () => {
    const articleId = randomArticleId();
    const id = await api.postApproved(articleId);
    await request(stack.app).get(`/v1/articles/${articleId}/comments`); // a page cached before

    const first = await api.recommend(id, '203.0.113.10');
    const again = await api.recommend(id, '203.0.113.10');
    const other = await api.recommend(id, '203.0.113.11');

    expect(first.status).toBe(200);
    expect(first.body).toEqual({ id, recommendations: 1, recommended: true });
    expect(again.body).toEqual({ id, recommendations: 1, recommended: true });
    expect(other.body).toEqual({ id, recommendations: 2, recommended: true });
    expect(await publicView(id)).toMatchObject({ id, recommendations: 2 });
    const page = await request(stack.app).get(`/v1/articles/${articleId}/comments`);
    expect(page.body.comments).toEqual([expect.objectContaining({ id, recommendations: 2 })]);
  });

  test('When a reader takes a recommendation back, then the count goes down once, and taking it back again changes nothing', async () => {
    const id = await api.postApproved(randomArticleId());
    await api.recommend(id, '203.0.113.20');
    await api.recommend(id, '203.0.113.21');

    const undone = await api.recommend(id, '203.0.113.20', false);
    const twice = await api.recommend(id, '203.0.113.20', false);
    const never = await api.recommend(id, '203.0.113.22', false);

    expect(undone.status).toBe(200);
    expect(undone.body).toEqual({ id, recommendations: 1, recommended: false });
    expect(twice.body).toEqual({ id, recommendations: 1, recommended: false });
    expect(never.body).toEqual({ id, recommendations: 1, recommended: false });
    expect(await publicView(id)).toMatchObject({ recommendations: 1 });
    expect((await api.recommend(id, '203.0.113.20')).body).toEqual({ id, recommendations: 2, recommended: true });
  });

  test('When thirty readers recommend at once, and one of them thirty times, then the count is exactly thirty', async () => {
    const id = await api.postApproved(randomArticleId());

    const answers = await Promise.all([
      ...Array.from({ length: 30 }, (_, i) => api.recommend(id, `203.0.113.${100 + i}`)),
      ...Array.from({ length: 29 }, () => api.recommend(id, '203.0.113.100')),
    ]);

    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect(await publicView(id)).toMatchObject({ recommendations: 30 });
    const [row] = await stack.services.db.query<{ n: number; logged: number }>(
      `SELECT (SELECT count(*) FROM comment_recommendations WHERE comment_id = $1)::int AS n,
              (SELECT sum(recommendations_delta) FROM public_order_changes WHERE comment_id = $1)::int AS logged`,
      [id],
    );
    expect(row).toEqual({ n: 30, logged: 30 });
  });

  test('When a reader recommends, then only a keyed hash of them is stored, never their address, and no answer carries it', async () => {
    const id = await api.postApproved(randomArticleId());

    const answer = await api.recommend(id, '203.0.113.77');

    const rows = await stack.services.db.query<{ reader_hash: Buffer }>(
      'SELECT reader_hash FROM comment_recommendations WHERE comment_id = $1',
      [id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].reader_hash).toHaveLength(32);
    expect(rows[0].reader_hash.toString('latin1')).not.toContain('203.0.113.77');
    expect(rows[0].reader_hash.equals(stack.services.secrets.ipHash('203.0.113.77'))).toBe(false);
    expect(JSON.stringify(answer.body) + JSON.stringify(answer.headers)).not.toMatch(/203\.0\.113\.77|[0-9a-f]{64}/);
  });

  test.each([
    ['pending', 'post'],
    ['rejected', 'post'],
    ['pending', 'delete'],
  ])('When the comment is %s, then %s answers 404 and nothing is counted', async (state, method) => {
    const id = await api.post(randomArticleId());
    if (state === 'rejected') await api.moderate(id, 'reject');

    const response = await api.recommend(id, '203.0.113.30', method === 'post');

    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('not_found');
    const [row] = await stack.services.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM comment_recommendations WHERE comment_id = $1',
      [id],
    );
    expect(row.n).toBe(0);
  });

  test.each(['not-a-uuid', '00000000-0000-4000-8000-000000000000'])('When the id is %s, then 404', async (id) => {
    expect((await api.recommend(id, '203.0.113.31')).status).toBe(404);
    expect((await api.recommend(id, '203.0.113.31', false)).status).toBe(404);
  });

  test('When the body is not JSON, then 415; an empty body or a JSON one is fine', async () => {
    const id = await api.postApproved(randomArticleId());
    const url = `/v1/comments/${id}/recommendation`;

    const text = await request(stack.app).post(url).set('X-Forwarded-For', '203.0.113.40').set('Content-Type', 'text/plain').send('yes');
    const json = await request(stack.app).post(url).set('X-Forwarded-For', '203.0.113.40').send({});
    const broken = await request(stack.app)
      .post(url)
      .set('X-Forwarded-For', '203.0.113.41')
      .set('Content-Type', 'application/json')
      .send('{');

    expect(text.status).toBe(415);
    expect(json.status).toBe(200);
    expect(broken.status).toBe(400);
  });

  test('When a widget on an allowed origin takes a recommendation back, then the preflight allows DELETE', async () => {
    const id = await api.postApproved(randomArticleId());

    const preflight = await request(stack.app)
      .options(`/v1/comments/${id}/recommendation`)
      .set('Origin', 'https://news.example')
      .set('Access-Control-Request-Method', 'DELETE');

    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://news.example');
    expect(preflight.headers['access-control-allow-methods']).toContain('DELETE');
  });
});

describe('RECOMMEND_RATE_LIMIT', () => {
  const stack = useTestStack({ env: { TRUST_PROXY: '1', RECOMMEND_RATE_LIMIT: '2/60s' } });

  test('When one client recommends past the limit, then 429 with Retry-After, and another client still can', async () => {
    const api = apiClient(stack.app);
    const articleId = randomArticleId();
    const ids = [await api.postApproved(articleId), await api.postApproved(articleId), await api.postApproved(articleId)];

    const allowed = [await api.recommend(ids[0], '192.0.2.50'), await api.recommend(ids[1], '192.0.2.50', false)];
    const limited = await api.recommend(ids[2], '192.0.2.50');
    const other = await api.recommend(ids[2], '192.0.2.51');

    expect(allowed.map((r) => r.status)).toEqual([200, 200]);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(other.status).toBe(200);
    expect(other.body.recommendations).toBe(1);
  });
});
