import request from 'supertest';
import { apiClient } from '../helpers/api-client';
import { buildComment, randomArticleId } from '../helpers/factories';
import { isAdminRoute, isModeratorRoute, mountedRoutes, pathFor, type MountedRoute } from '../helpers/routes';
import { useTestStack } from '../helpers/test-stack';

/** Headers, limits and refusals that hold on every response (complements test/api/ops and moderation tests). */
describe('HTTP hardening', () => {
  const stack = useTestStack({ env: { RATE_LIMIT: '3/60s', TRUST_PROXY: '1' } });

  const id = '00000000-0000-4000-8000-000000000000';

  test('When any kind of response is sent (2xx, 4xx, 5xx-free errors, ops), then helmet headers are on it and no stack or SQL is in the body', async () => {
    const articleId = randomArticleId();
    const responses = await Promise.all([
      request(stack.app).post(`/v1/articles/${articleId}/comments`).set('X-Forwarded-For', '198.51.100.1').send(buildComment()),
      request(stack.app).post(`/v1/articles/${articleId}/comments`).set('X-Forwarded-For', '198.51.100.2').send({ body: 1 }),
      request(stack.app)
        .post(`/v1/articles/${articleId}/comments`)
        .set('X-Forwarded-For', '198.51.100.3')
        .set('Content-Type', 'text/plain')
        .send('x'),
      request(stack.app)
        .post(`/v1/articles/${articleId}/comments`)
        .set('X-Forwarded-For', '198.51.100.4')
        .set('Content-Type', 'application/json')
        .send('{"a":'),
      request(stack.app).get(`/v1/articles/${articleId}/comments`),
      request(stack.app).get(`/v1/comments/${id}`),
      request(stack.app).get('/no/such/path'),
      request(stack.app).get('/v1/moderation/comments'),
      request(stack.app).get('/healthz'),
      request(stack.app).get('/readyz'),
      request(stack.app).get('/metrics'),
      request(stack.app).get('/openapi.json'),
    ]);
    for (const response of responses) {
      expect(response.status).toBeLessThan(500);
      expect(response.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'content-security-policy': expect.stringContaining("default-src 'self'"),
        'strict-transport-security': expect.stringContaining('max-age='),
        'referrer-policy': 'no-referrer',
      });
      expect(response.headers['x-powered-by']).toBeUndefined();
      if (response.status >= 400) {
        expect(response.body).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
        expect(response.text).not.toMatch(/\bat .+:\d+:\d+|node_modules|SELECT |INSERT |\/work\//);
      }
    }
  });

  test('When one client IP (X-Forwarded-For behind TRUST_PROXY) posts past the limit as different authors, then 429 with Retry-After, and another IP still posts', async () => {
    const articleId = randomArticleId();
    const from = (ip: string) =>
      request(stack.app).post(`/v1/articles/${articleId}/comments`).set('X-Forwarded-For', ip).send(buildComment());

    const allowed = [await from('192.0.2.77'), await from('192.0.2.77'), await from('192.0.2.77')];
    const limited = await from('192.0.2.77');
    const other = await from('192.0.2.78');

    expect(allowed.map((r) => r.status)).toEqual([202, 202, 202]);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(other.status).toBe(202);
    const [row] = await stack.services.db.query<{ n: number }>('SELECT count(*)::int AS n FROM comments WHERE article_id = $1', [
      articleId,
    ]);
    expect(row.n).toBe(4);
  });

  test('When a revoked moderator key is used, then every moderation endpoint refuses it', async () => {
    const admin = apiClient(stack.app);
    const created = await admin.createModerator(`revoked-all-${randomArticleId()}`);
    await stack.services.db.query('UPDATE moderators SET revoked_at = now() WHERE id = $1', [created.body.id]);
    const auth = `Bearer ${created.body.apiKey}`;

    const responses = await Promise.all([
      request(stack.app).get('/v1/moderation/comments').set('Authorization', auth),
      request(stack.app).get(`/v1/moderation/comments/${id}`).set('Authorization', auth),
      ...['approve', 'reject', 'spam'].map((action) =>
        request(stack.app).post(`/v1/moderation/comments/${id}/${action}`).set('Authorization', auth),
      ),
      request(stack.app).post('/v1/admin/moderators').set('Authorization', auth).send({ name: 'x' }),
    ]);

    expect(responses.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 401]);
  });

  test('When any moderator or admin route is called without a key or with a wrong one, then 401; with a moderator key on an admin route, then 403', async () => {
    const created = await apiClient(stack.app).createModerator(`walker-${randomArticleId()}`);
    const params = { id, deliveryId: id, articleId: randomArticleId(), list: 'banned', term: 'zorbleflex' };
    const call = (route: MountedRoute, authorization?: string) => {
      const req = request(stack.app)[route.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete'](pathFor(route, params));
      return authorization ? req.set('Authorization', authorization) : req;
    };
    const routes = mountedRoutes(stack.express).filter(isModeratorRoute);
    const answers = async (authorization?: string, which = routes) =>
      Promise.all(which.map(async (route) => `${route.method} ${route.path} ${(await call(route, authorization)).status}`));

    const adminRoutes = routes.filter(isAdminRoute);
    expect(routes.length).toBeGreaterThan(20);
    expect(adminRoutes.length).toBeGreaterThan(5);
    expect(await answers()).toEqual(routes.map((r) => `${r.method} ${r.path} 401`));
    expect(await answers('Bearer not-a-key')).toEqual(routes.map((r) => `${r.method} ${r.path} 401`));
    expect(await answers(`Bearer ${created.body.apiKey}`, adminRoutes)).toEqual(adminRoutes.map((r) => `${r.method} ${r.path} 403`));
  });
});
