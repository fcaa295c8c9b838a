import request from 'supertest';
import { randomArticleId, buildComment } from '../helpers/factories';
import { useTestStack, withTestStack } from '../helpers/test-stack';

const METRICS_TOKEN = 'metrics-token-0123456789';

describe('Operations endpoints', () => {
  const stack = useTestStack({ env: { METRICS_TOKEN } });

  test('When /healthz is called, then 200', async () => {
    expect((await request(stack.app).get('/healthz')).status).toBe(200);
  });

  test('When PostgreSQL and Redis answer, then /readyz is 200 and says both are up', async () => {
    const response = await request(stack.app).get('/readyz');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ postgres: 'up', redis: 'up' });
  });

  test('When Redis is unreachable, then /readyz stays 200 and reports redis down', async () => {
    await withTestStack({ env: { REDIS_URL: 'redis://127.0.0.1:1' } }, async (noRedis) => {
      const response = await request(noRedis.app).get('/readyz');
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ postgres: 'up', redis: 'down' });
    });
  });

  test('When PostgreSQL is unreachable, then /readyz is 503 and a POST is 503 with nothing acknowledged', async () => {
    await withTestStack({ env: { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/sift', DB_CONNECT_TIMEOUT_MS: '500' } }, async (noPg) => {
      const ready = await request(noPg.app).get('/readyz');
      expect(ready.status).toBe(503);
      expect(ready.body.postgres).toBe('down');

      const post = await request(noPg.app).post(`/v1/articles/${randomArticleId()}/comments`).send(buildComment());
      expect(post.status).toBe(503);
      expect(post.body.error.code).toBe('storage_unavailable');
    });
  });

  test('When a comment is posted, then /metrics counts it in Prometheus text', async () => {
    await request(stack.app).post(`/v1/articles/${randomArticleId()}/comments`).send(buildComment());

    const response = await request(stack.app).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`);

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    expect(response.text).toMatch(/sift_comments_received_total \d+/);
    expect(response.text).toContain('sift_queue_depth');
    expect(response.text).toContain('sift_oldest_pending_age_seconds');
  });

  test('When any response is sent, then helmet headers are on it', async () => {
    const response = await request(stack.app).get('/healthz');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toBeDefined();
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  test('When an unknown path is requested, then 404 in the contract shape', async () => {
    const response = await request(stack.app).get('/nope');
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
  });
});

describe('CORS', () => {
  const stack = useTestStack({ env: { CORS_ORIGINS: 'https://news.example, https://www.news.example' } });

  test('When a listed origin preflights a POST, then it is allowed with the Idempotency-Key header', async () => {
    const response = await request(stack.app)
      .options('/v1/articles/a1/comments')
      .set('Origin', 'https://news.example')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type,idempotency-key');
    expect(response.status).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe('https://news.example');
    expect(response.headers['access-control-allow-headers']).toMatch(/Idempotency-Key/i);
  });

  test('When an unlisted origin calls, then no CORS header lets its browser read the answer', async () => {
    const response = await request(stack.app).get('/v1/articles/a1/comments').set('Origin', 'https://evil.example');
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('RATE_LIMIT', () => {
  const stack = useTestStack({ env: { RATE_LIMIT: '2/60s' } });

  test('When one author posts more than the limit, then 429 with Retry-After and the extra comment is not stored', async () => {
    const articleId = randomArticleId();
    const author = { authorEmail: `limited-${articleId}@example.org` };
    const post = () =>
      request(stack.app).post(`/v1/articles/${articleId}/comments`).set('X-Forwarded-For', '203.0.113.9').send(buildComment(author));

    const statuses = [(await post()).status, (await post()).status];
    const limited = await post();

    expect(statuses).toEqual([202, 202]);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body.error.code).toBe('rate_limited');
    const [row] = await stack.services.db.query<{ n: number }>('SELECT count(*)::int AS n FROM comments WHERE article_id = $1', [
      articleId,
    ]);
    expect(row.n).toBe(2);
  });
});
