import { createHmac } from 'node:crypto';
import request from 'supertest';
import { createCursorCodec } from '../../src/comments/cursor';
import { apiClient } from '../helpers/api-client';
import { buildComment, randomArticleId } from '../helpers/factories';
import { useTestStack } from '../helpers/test-stack';

/** Hostile or broken requests beyond the field rules covered in test/api/post-comment.test.ts. */
describe('POST and GET under bad input', () => {
  const stack = useTestStack();
  let api: ReturnType<typeof apiClient>;
  beforeAll(() => {
    api = apiClient(stack.app);
  });

  const postRaw = (articleId: string, contentType: string, payload: string | Buffer) =>
    request(stack.app).post(`/v1/articles/${articleId}/comments`).set('Content-Type', contentType).send(payload);
  const countStored = async (articleId: string) =>
    (await stack.services.db.query<{ n: number }>('SELECT count(*)::int AS n FROM comments WHERE article_id = $1', [articleId]))[0].n;
  const expectNoLeak = (response: request.Response) => {
    expect(response.text).not.toMatch(/\bat .+\.(js|ts):\d+|node_modules|SELECT |INSERT |UPDATE |syntax error|relation "/i);
  };

  test.each([
    ['nested 5,000 deep', '['.repeat(5000) + ']'.repeat(5000)],
    ['nested objects 3,000 deep', '{"a":'.repeat(3000) + '1' + '}'.repeat(3000)],
    [
      'a body field that is an array of 5,000 numbers',
      JSON.stringify({ ...buildComment(), body: Array.from({ length: 5000 }, (_, i) => i) }),
    ],
    ['a top-level string', '"just a string"'],
    ['null', 'null'],
  ])('When the JSON is %s, then 400 in the contract shape and nothing is stored', async (_case, payload) => {
    const articleId = randomArticleId();

    const response = await postRaw(articleId, 'application/json', payload);

    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
    expectNoLeak(response);
    expect(await countStored(articleId)).toBe(0);
  });

  test('When the JSON is huge (1 MB of keys), then 413 before it is parsed', async () => {
    const huge = JSON.stringify(Object.fromEntries(Array.from({ length: 40_000 }, (_, i) => [`k${i}`, 'xxxxxxxxxx'])));
    const response = await postRaw(randomArticleId(), 'application/json', huge);
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('payload_too_large');
  });

  test.each([
    ['application/x-www-form-urlencoded', 'authorName=A&authorEmail=a%40b.org&body=hi'],
    ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="body"\r\n\r\nhi\r\n--x--'],
    ['text/html', '<b>hi</b>'],
    ['application/xml', '<comment/>'],
  ])('When the content type is %s, then 415 and nothing is stored', async (contentType, payload) => {
    const articleId = randomArticleId();
    const response = await postRaw(articleId, contentType, payload);
    expect(response.status).toBe(415);
    expect(response.body.error.code).toBe('unsupported_media_type');
    expect(await countStored(articleId)).toBe(0);
  });

  test('When JSON is sent in a charset other than UTF-8, then 415', async () => {
    const response = await postRaw(randomArticleId(), 'application/json; charset=latin1', JSON.stringify(buildComment()));
    expect(response.status).toBe(415);
  });

  test('When a cursor is forged, tampered with, signed with another key or stale from an old SECRET_KEY, then 400 invalid_cursor', async () => {
    const articleId = randomArticleId();
    for (let i = 0; i < 3; i++) await api.postApproved(articleId);
    const first = await request(stack.app).get(`/v1/articles/${articleId}/comments?limit=1`);
    const real: string = first.body.nextCursor;
    const [payload, signature] = real.split('.') as [string, string];
    const position = Buffer.from(payload, 'base64url').toString();
    const otherKey = createHmac('sha256', Buffer.from('b2'.repeat(32), 'hex'))
      .update('sift cursor v1')
      .digest();
    const [createdUs, id] = position.split('.') as [string, string];
    const cursors = [
      Buffer.from(`${createdUs}.${id}`).toString('base64url'),
      `${Buffer.from(`0.${id}`).toString('base64url')}.${signature}`,
      `${payload}.${signature.slice(0, -2)}AA`,
      createCursorCodec(otherKey).encode(`public:${articleId}`, { createdUs, id }),
      `${payload}.${signature}.extra`,
      "' OR 1=1 --",
      'x'.repeat(600),
    ];

    for (const cursor of cursors) {
      const response = await request(stack.app).get(`/v1/articles/${articleId}/comments`).query({ cursor });
      expect({ cursor, status: response.status }).toEqual({ cursor, status: 400 });
      expect(response.body.error.code).toMatch(/invalid_cursor|invalid_request/);
    }
    expect((await request(stack.app).get(`/v1/articles/${articleId}/comments`).query({ cursor: real })).status).toBe(200);
  });

  test('When SQL injection and script strings are posted, then they are stored and served back as inert text', async () => {
    const articleId = randomArticleId();
    const hostile = [
      "Robert'); DROP TABLE comments;--",
      "' OR '1'='1' UNION SELECT author_email_enc, NULL FROM comments --",
      '<script>alert(document.cookie)</script>',
      '<img src=x onerror=alert(1)>',
      '{{constructor.constructor("return process")()}}',
      '${7*7} %s %n \\x00',
    ];
    const ids = [];
    for (const text of hostile) ids.push(await api.postApproved(articleId, { authorName: text.slice(0, 100), body: text }));

    const page = await request(stack.app).get(`/v1/articles/${articleId}/comments?limit=100`);

    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^application\/json/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.body.comments.map((c: { body: string }) => c.body)).toEqual(hostile);
    const [tables] = await stack.services.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM comments WHERE id = ANY($1::uuid[])`, [
      ids,
    ]);
    expect(tables.n).toBe(hostile.length);
  });

  test('When the same Idempotency-Key is reused for another article, then 422 and nothing new is stored', async () => {
    const first = randomArticleId();
    const second = randomArticleId();
    const comment = buildComment();
    const key = `cross-${first}`;
    expect((await request(stack.app).post(`/v1/articles/${first}/comments`).set('Idempotency-Key', key).send(comment)).status).toBe(202);

    const reused = await request(stack.app).post(`/v1/articles/${second}/comments`).set('Idempotency-Key', key).send(comment);

    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('idempotency_key_reused');
    expect(await countStored(second)).toBe(0);
  });

  test('When an Idempotency-Key is not visible ASCII or too long, then 400', async () => {
    for (const key of ['has space', 'x'.repeat(256)]) {
      const response = await request(stack.app)
        .post(`/v1/articles/${randomArticleId()}/comments`)
        .set('Idempotency-Key', key)
        .send(buildComment());
      expect(response.status).toBe(400);
    }
  });
});
