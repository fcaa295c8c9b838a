import request from 'supertest';
import { apiClient } from '../helpers/api-client';
import { randomArticleId } from '../helpers/factories';
import { useTestStack, type TestStack } from '../helpers/test-stack';
import { waitFor } from '../helpers/wait-for';

/** Every key under the stack's prefix, by SCAN (the shared Redis holds other stacks' keys too). */
async function keysUnder(stack: TestStack): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await stack.services.redis.scan(cursor, 'MATCH', `${stack.config.queuePrefix}:*`, 'COUNT', 1000);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  return keys.sort();
}

describe('GET /v1/articles/:articleId/comments (anonymous readers)', () => {
  const stack = useTestStack();

  test('When readers GET 300 made-up article ids, then Redis holds no more keys than before', async () => {
    // The moderation queue writes its meta key once, after connecting.
    const before = await waitFor(
      async () => {
        const keys = await keysUnder(stack);
        return keys.some((key) => key.endsWith(':meta')) ? keys : undefined;
      },
      5000,
      "the queue's meta key",
    );

    for (let i = 0; i < 30; i++) {
      const answers = await Promise.all(
        Array.from({ length: 10 }, () => request(stack.app).get(`/v1/articles/${randomArticleId('nobody')}/comments`)),
      );
      for (const answer of answers) expect(answer.body).toMatchObject({ total: 0, comments: [], nextCursor: null });
    }

    expect(await keysUnder(stack)).toEqual(before);
  });

  test('When a cursor carries characters base64url does not have, then 400 invalid_cursor instead of the page', async () => {
    const api = apiClient(stack.app);
    const articleId = randomArticleId();
    for (let i = 0; i < 3; i++) await api.postApproved(articleId);
    const first = await request(stack.app).get(`/v1/articles/${articleId}/comments?limit=1`);
    const cursor = String(first.body.nextCursor);
    const [encoded, signature] = cursor.split('.') as [string, string];
    expect((await request(stack.app).get(`/v1/articles/${articleId}/comments`).query({ limit: 1, cursor })).status).toBe(200);

    const junk = [
      `${encoded}!.${signature}`,
      `${encoded.slice(0, 4)}*${encoded.slice(4)}.${signature}`,
      `${encoded}.${signature}%`,
      `${encoded} .${signature}`,
      `${encoded}.${signature}==`,
      `${encoded}\u00e9.${signature}`,
      `${encoded}.${signature}A`,
    ];
    for (const bad of junk) {
      const response = await request(stack.app).get(`/v1/articles/${articleId}/comments`).query({ limit: 1, cursor: bad });
      expect({ cursor: bad, status: response.status, body: response.body }).toMatchObject({
        status: 400,
        body: { error: { code: 'invalid_cursor', message: expect.any(String) } },
      });
    }
  });
});

describe('READ_RATE_LIMIT', () => {
  const stack = useTestStack({ env: { READ_RATE_LIMIT: '5/60s', TRUST_PROXY: '1' } });

  test('When one client reads more than the limit, then 429 with Retry-After, and other clients still read', async () => {
    const articleId = randomArticleId();
    const read = (ip: string, path = `/v1/articles/${articleId}/comments`) => request(stack.app).get(path).set('X-Forwarded-For', ip);
    for (let i = 0; i < 5; i++) expect((await read('203.0.113.7')).status).toBe(200);

    const refused = await read('203.0.113.7');
    const single = await read('203.0.113.7', '/v1/comments/00000000-0000-4000-8000-000000000000');

    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ error: { code: 'rate_limited', message: expect.stringMatching(/try again in \d+ seconds/) } });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(single.status).toBe(429);
    expect((await read('203.0.113.8')).status).toBe(200);
  });

  test('When the limit is reached by reading, then posting a comment still works', async () => {
    const response = await request(stack.app)
      .post(`/v1/articles/${randomArticleId()}/comments`)
      .set('X-Forwarded-For', '203.0.113.7')
      .send({ authorName: 'Reader', authorEmail: 'reader.limit@example.org', body: 'Reading is limited, posting has its own limit.' });
    expect(response.status).toBe(202);
  });
});
