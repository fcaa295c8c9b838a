import { createHash } from 'node:crypto';
import request from 'supertest';
import { Redis } from 'ioredis';
import { apiClient } from '../helpers/api-client';
import { buildComment, randomArticleId } from '../helpers/factories';
import { useTestStack } from '../helpers/test-stack';
import { waitForDecision } from '../helpers/wait-for';

/**
 * Where an email address could leak, scanned for the address itself and for unkeyed hashes of it
 * (what a scraper would compute): the database at rest, public responses and headers, log lines,
 * /metrics, the job data in Redis and error messages.
 */
describe('Privacy scan', () => {
  const stack = useTestStack({
    worker: true,
    env: { RATE_LIMIT: '2/60s', TRUST_PROXY: '1', LOG_LEVEL: 'debug', METRICS_TOKEN: 'metrics-token-0123456789' },
  });
  const emails = [`Dana.Scully.${Date.now()}@Example.org`, `fox.${Date.now()}@example.net`];
  const needles: string[] = [];
  for (const email of emails) {
    for (const form of [email, email.toLowerCase()]) {
      needles.push(form);
      for (const algorithm of ['md5', 'sha1', 'sha256', 'sha512']) {
        const digest = createHash(algorithm).update(form).digest();
        needles.push(digest.toString('hex'), digest.toString('base64'), digest.toString('base64url'));
      }
    }
  }
  const leaks = (text: string) => needles.filter((needle) => text.toLowerCase().includes(needle.toLowerCase()));
  const publicTexts: string[] = [];

  beforeAll(async () => {
    const api = apiClient(stack.app);
    const articleId = randomArticleId('privacy');
    const record = (response: request.Response) => {
      publicTexts.push(JSON.stringify(response.headers), response.text);
      return response;
    };
    let client = 0;
    const post = (body: object, key?: string, sameClient = false) => {
      // Each request from its own client address (unless asked), so only the per-author limit is
      // reached; that limit counts an author per client (issue 16).
      if (!sameClient) client += 1;
      const req = request(stack.app).post(`/v1/articles/${articleId}/comments`).set('X-Forwarded-For', `203.0.113.${client}`);
      return (key ? req.set('Idempotency-Key', key) : req).send(body);
    };
    const ids: string[] = [];
    for (const email of emails) {
      const key = `key-${articleId}-${emails.indexOf(email)}`;
      const response = record(await post(buildComment({ authorEmail: email }), key));
      ids.push(response.body.id);
      record(await post(buildComment({ authorEmail: email }), key)); // 422: same key, other body
      record(await post(buildComment({ authorEmail: email }), undefined, true)); // second comment of the author
      record(await post(buildComment({ authorEmail: email }), undefined, true)); // third, same client: 429 per author
      record(await post(buildComment({ authorEmail: `${email}@broken` }))); // 400
      record(await post({ ...buildComment({ authorEmail: email }), parentId: '00000000-0000-4000-8000-000000000000' })); // 400
    }
    for (const id of ids) await waitForDecision(stack.services.db, id, 20_000);
    await api.moderate(ids[0], 'approve');
    record(await request(stack.app).get(`/v1/articles/${articleId}/comments`));
    for (const id of ids) record(await request(stack.app).get(`/v1/comments/${id}`));
    record(await request(stack.app).get('/readyz'));
  }, 60_000);

  test('When the moderator view is asked, then it has the address (so the scan would see a leak)', async () => {
    const [row] = await stack.services.db.query<{ id: string }>('SELECT id FROM comments ORDER BY created_at LIMIT 1');
    const view = await apiClient(stack.app).view(row.id);
    expect(leaks(view.text).length).toBeGreaterThan(0);
  });

  test('When every table and column of the database is dumped as text, then no address and no unkeyed hash of one appears', async () => {
    const tables = await stack.services.db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    let dump = '';
    for (const { table_name } of tables) {
      // Table names come from the catalogue, not from input; quoted as identifiers.
      const rows = await stack.services.db.query<{ line: string }>(
        `SELECT row_to_json(t)::text AS line FROM "${table_name.replace(/"/g, '""')}" t`,
      );
      dump += rows.map((row) => row.line).join('\n');
    }
    expect(dump).toContain('author_email_enc');
    expect(leaks(dump)).toEqual([]);
  });

  test('When public responses, headers, errors, log lines and metrics are scanned, then no address and no unkeyed hash appears', async () => {
    const metrics = await request(stack.app).get('/metrics').set('Authorization', 'Bearer metrics-token-0123456789');
    expect(metrics.status).toBe(200);
    expect(publicTexts.join('\n')).toContain('rate_limited');
    expect(publicTexts.join('\n')).toContain('idempotency_key_reused');

    expect(leaks(publicTexts.join('\n'))).toEqual([]);
    expect(stack.logs.lines.length).toBeGreaterThan(0);
    expect(leaks(stack.logs.text)).toEqual([]);
    expect(leaks(metrics.text)).toEqual([]);
  });

  test('When every key under the queue prefix in Redis is read, then job payloads carry ids only', async () => {
    const redis = new Redis(stack.config.redisUrl);
    try {
      const keys = await redis.keys(`${stack.config.queuePrefix}:*`);
      let contents = '';
      for (const key of keys) {
        const type = await redis.type(key);
        if (type === 'hash') contents += JSON.stringify(await redis.hgetall(key));
        else if (type === 'string') contents += await redis.get(key);
        else if (type === 'list') contents += JSON.stringify(await redis.lrange(key, 0, -1));
        else if (type === 'zset') contents += JSON.stringify(await redis.zrange(key, 0, -1));
        else if (type === 'set') contents += JSON.stringify(await redis.smembers(key));
        else if (type === 'stream') contents += JSON.stringify(await redis.xrange(key, '-', '+'));
      }
      expect(contents).toContain('commentId');
      expect(leaks(contents)).toEqual([]);
    } finally {
      redis.disconnect();
    }
  });
});
