import request from 'supertest';
import { apiClient } from '../helpers/api-client';
import { buildComment, randomArticleId } from '../helpers/factories';
import { ensureBuilt, freePort, startProcess, waitForHttp } from '../helpers/processes';
import { ADMIN_KEY, TEST_SECRET_KEY, useTestStack, withTestStack, type TestStack } from '../helpers/test-stack';
import { waitFor } from '../helpers/wait-for';

interface AccessLine {
  level: number;
  msg: string;
  req: { method: string; path: string };
  res: { status: number };
  responseTime: number;
  route?: string;
  moderator?: string;
  ip?: string;
}

/** The access lines the stack has written so far, parsed. */
const accessLines = (stack: TestStack): AccessLine[] =>
  stack.logs.lines.map((line) => JSON.parse(line) as AccessLine).filter((line) => line.msg === 'request' && line.req);

/** Waits for the access line of `method path` (written when the response finishes). */
const lineFor = (stack: TestStack, method: string, path: string) =>
  waitFor(() => accessLines(stack).find((l) => l.req.method === method && l.req.path === path), 5_000, `${method} ${path}`);

describe('Access log (one line per request)', () => {
  const stack = useTestStack();

  test('When a reader posts a comment, then one line gives method, path, route, status and duration, and neither email, name, body nor IP', async () => {
    const articleId = randomArticleId('access');
    const comment = buildComment();

    const posted = await request(stack.app).post(`/v1/articles/${articleId}/comments`).send(comment);

    expect(posted.status).toBe(202);
    const line = await lineFor(stack, 'POST', `/v1/articles/${articleId}/comments`);
    expect(line).toMatchObject({
      level: 30,
      req: { method: 'POST', path: `/v1/articles/${articleId}/comments` },
      res: { status: 202 },
      route: '/v1/articles/:articleId/comments',
      responseTime: expect.any(Number),
    });
    expect(line).not.toHaveProperty('ip');
    expect(line).not.toHaveProperty('moderator');
    const text = JSON.stringify(line);
    for (const secret of [comment.authorEmail, comment.authorName, comment.body, '127.0.0.1', 'ffff']) expect(text).not.toContain(secret);
  });

  test('When the commenter follows their comment with ?token=, then the line has the path without the query and the token is nowhere in the log', async () => {
    const posted = await request(stack.app).post(`/v1/articles/${randomArticleId()}/comments`).send(buildComment());
    const { id, statusToken } = posted.body as { id: string; statusToken: string };

    expect((await request(stack.app).get(`/v1/comments/${id}/status`).query({ token: statusToken })).status).toBe(200);

    const line = await lineFor(stack, 'GET', `/v1/comments/${id}/status`);
    expect(line.res.status).toBe(200);
    expect(stack.logs.text).not.toContain(statusToken);
    expect(stack.logs.text).not.toContain('token=');
  });

  test('When a moderator or the admin calls the API, then the line names them and never carries a key; a ban lookup by ?email= leaves no address', async () => {
    const name = `Access ${randomArticleId()}`;
    const created = await apiClient(stack.app).createModerator(name);
    const key = created.body.apiKey as string;
    const email = `looked.up.${Date.now()}@example.org`;

    await request(stack.app).get('/v1/moderation/comments').set('Authorization', `Bearer ${key}`);
    await request(stack.app).get('/v1/moderation/bans').query({ email }).set('Authorization', `Bearer ${key}`);

    expect(await lineFor(stack, 'GET', '/v1/moderation/comments')).toMatchObject({ moderator: name, res: { status: 200 } });
    expect((await lineFor(stack, 'GET', '/v1/moderation/bans')).moderator).toBe(name);
    expect((await lineFor(stack, 'POST', '/v1/admin/moderators')).moderator).toBe('admin');
    for (const secret of [key, ADMIN_KEY, email, 'Bearer']) expect(stack.logs.text).not.toContain(secret);
  });

  test('When a request has a wrong key or an unknown path, then it is logged too, with its 4xx and no moderator', async () => {
    await request(stack.app).get('/v1/moderation/comments').set('Authorization', 'Bearer not-a-key-at-all');
    await request(stack.app).get('/no-such-page');

    expect(await lineFor(stack, 'GET', '/no-such-page')).toMatchObject({ res: { status: 404 }, level: 30 });
    const refused = accessLines(stack).filter((l) => l.req.path === '/v1/moderation/comments' && l.res.status === 401);
    expect(refused).toHaveLength(1);
    expect(refused[0]).not.toHaveProperty('moderator');
    expect(stack.logs.text).not.toContain('not-a-key-at-all');
  });

  test('When ACCESS_LOG_IP=true, then the line carries the client IP; when ACCESS_LOG=false, there is no access line', async () => {
    await withTestStack({ env: { ACCESS_LOG_IP: 'true' }, shareDatabaseWith: stack }, (withIp) =>
      withTestStack({ env: { ACCESS_LOG: 'false' }, shareDatabaseWith: stack }, async (without) => {
        await request(withIp.app).get('/healthz');
        await request(without.app).get('/healthz');

        expect((await lineFor(withIp, 'GET', '/healthz')).ip).toMatch(/127\.0\.0\.1/);
        expect(accessLines(without)).toEqual([]);
      }),
    );
  });
});

describe('LOG_FORMAT=pretty', () => {
  beforeAll(() => ensureBuilt(), 120_000);

  test('When the API runs with LOG_FORMAT=pretty, then its lines are readable text, not JSON, and still carry no key', async () => {
    const port = await freePort();
    const api = startProcess(['node', 'dist/src/server.js'], {
      DATABASE_URL: process.env.SIFT_TEST_DATABASE_URL!,
      REDIS_URL: process.env.SIFT_TEST_REDIS_URL!,
      SECRET_KEY: TEST_SECRET_KEY,
      ADMIN_API_KEY: ADMIN_KEY,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_FORMAT: 'pretty',
    });
    try {
      await waitForHttp(`http://127.0.0.1:${port}/healthz`, 30_000);
      await fetch(`http://127.0.0.1:${port}/v1/moderation/comments`, { headers: { Authorization: `Bearer ${ADMIN_KEY}` } });
      const output = await waitFor(
        () => (api.output().includes('/v1/moderation/comments') ? api.output() : undefined),
        10_000,
        'the access line',
      );

      expect(output).toMatch(/INFO: Sift API listening/);
      expect(output).toMatch(/INFO: request .*"path":"\/v1\/moderation\/comments"/);
      expect(
        output
          .split('\n')
          .filter(Boolean)
          .some((line) => line.startsWith('{')),
      ).toBe(false);
      expect(output).not.toContain(ADMIN_KEY);
    } finally {
      expect(await api.stop('SIGTERM')).toBe(0);
    }
  }, 60_000);
});
