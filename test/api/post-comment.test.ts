import request from 'supertest';
import { buildComment, randomArticleId } from '../helpers/factories';
import { useTestStack } from '../helpers/test-stack';
import { jobCarrying } from '../helpers/queue-jobs';

describe('POST /v1/articles/:articleId/comments', () => {
  const stack = useTestStack();

  const post = (articleId: string, body: unknown) =>
    request(stack.app)
      .post(`/v1/articles/${articleId}/comments`)
      .send(body as object);
  const countStored = async (articleId: string) =>
    (await stack.services.db.query<{ n: number }>('SELECT count(*)::int AS n FROM comments WHERE article_id = $1', [articleId]))[0].n;

  test('When a valid comment is posted, then 202 with the pending comment, committed and queued', async () => {
    const articleId = randomArticleId();

    const response = await post(articleId, buildComment());

    expect(response.status).toBe(202);
    expect(response.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      articleId,
      status: 'pending',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      statusToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    expect(await countStored(articleId)).toBe(1);
    const job = await stack.services.queue.getJob(`comment-${response.body.id}`);
    expect(job?.data).toEqual({ commentId: response.body.id });
  });

  test('When the email is malformed, then 400 naming the field and nothing is stored', async () => {
    const articleId = randomArticleId();

    const response = await post(articleId, buildComment({ authorEmail: 'not-an-email' }));

    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error: { code: 'invalid_request', message: expect.stringContaining('authorEmail') } });
    expect(await countStored(articleId)).toBe(0);
  });

  test.each([
    ['authorName missing', { authorName: undefined }],
    ['authorName too long', { authorName: 'x'.repeat(101) }],
    ['body only spaces', { body: '   \n ' }],
    ['body too long', { body: 'y'.repeat(10_001) }],
    ['email too long', { authorEmail: `${'a'.repeat(250)}@x.org` }],
    ['parentId not a uuid', { parentId: '42' }],
    ['body with a NUL character', { body: 'hello\u0000world' }],
    ['body with a lone surrogate', { body: 'broken \ud800 text' }],
    ['body of the wrong type', { body: 42 }],
  ])('When %s, then 400 in the contract shape', async (_case, override) => {
    const response = await post(randomArticleId(), { ...buildComment(), ...override });

    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
  });

  test('When the article id has characters outside the allowed set, then 400', async () => {
    const response = await post('bad%20id', buildComment());
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('articleId');
  });

  test('When the body is malformed JSON, then 400 invalid_json', async () => {
    const response = await request(stack.app)
      .post(`/v1/articles/${randomArticleId()}/comments`)
      .set('Content-Type', 'application/json')
      .send('{"authorName": "A",');
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error: { code: 'invalid_json', message: expect.any(String) } });
  });

  test('When the body is not JSON, then 415', async () => {
    const response = await request(stack.app)
      .post(`/v1/articles/${randomArticleId()}/comments`)
      .set('Content-Type', 'text/plain')
      .send('hello');
    expect(response.status).toBe(415);
    expect(response.body.error.code).toBe('unsupported_media_type');
  });

  test('When the body is larger than the limit, then 413 and nothing is stored', async () => {
    const articleId = randomArticleId();
    const response = await post(articleId, buildComment({ body: 'z'.repeat(200_000) }));
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('payload_too_large');
    expect(await countStored(articleId)).toBe(0);
  });

  test('When unknown fields are sent, then they are ignored', async () => {
    const response = await post(randomArticleId(), { ...buildComment(), status: 'approved', isAdmin: true });
    expect(response.status).toBe(202);
    expect(response.body.status).toBe('pending');
  });

  test('When parentId names a comment that is not approved, then 400 invalid_parent', async () => {
    const articleId = randomArticleId();
    const parent = await post(articleId, buildComment());

    const reply = await post(articleId, buildComment({ parentId: parent.body.id }));

    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('invalid_parent');
  });

  test('When the article is closed, then 409 comments_closed', async () => {
    const articleId = randomArticleId();
    await stack.services.db.query('INSERT INTO articles (id, closed_at) VALUES ($1, now())', [articleId]);

    const response = await post(articleId, buildComment());

    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('comments_closed');
  });

  test('When many comments arrive at once, for open and closed articles, then each gets its own answer and each 202 is a committed row with its own job', async () => {
    // Concurrent POSTs share one INSERT (src/comments/pending-writer.ts): a closed article in the
    // same batch must refuse only its own comments.
    const open = randomArticleId();
    const closed = randomArticleId();
    await stack.services.db.query('INSERT INTO articles (id, closed_at) VALUES ($1, now())', [closed]);
    const bodies = Array.from({ length: 40 }, (_, i) => buildComment({ body: `Comment number ${i} on the NHS story` }));

    const answers = await Promise.all(bodies.map((body, i) => post(i % 4 === 0 ? closed : open, body)));

    answers.forEach((answer, i) => expect(answer.status).toBe(i % 4 === 0 ? 409 : 202));
    const accepted = answers.filter((a) => a.status === 202).map((a) => a.body);
    const rows = await stack.services.db.query<{ id: string; body: string; status: string; created_at: Date }>(
      'SELECT id, body, status, created_at FROM comments WHERE article_id = $1',
      [open],
    );
    expect(rows).toHaveLength(30);
    for (const answer of accepted) {
      const row = rows.find((r) => r.id === answer.id)!;
      expect(row.status).toBe('pending');
      expect(row.created_at.toISOString()).toBe(answer.createdAt);
      expect(await jobCarrying(stack.services.queue, answer.id)).toBeTruthy();
    }
    expect(new Set(rows.map((r) => r.body))).toEqual(new Set(bodies.filter((_, i) => i % 4 !== 0).map((b) => b.body)));
    expect(await countStored(closed)).toBe(0);
  });

  describe('Idempotency-Key', () => {
    test('When the same key and body are sent twice, then the first answer is returned and one comment exists', async () => {
      const articleId = randomArticleId();
      const comment = buildComment();
      const first = await post(articleId, comment).set('Idempotency-Key', `k-${articleId}`);
      const second = await post(articleId, comment).set('Idempotency-Key', `k-${articleId}`);

      expect(second.status).toBe(202);
      expect(second.body).toEqual(first.body);
      expect(await countStored(articleId)).toBe(1);
    });

    test('When the same key is sent concurrently, then one comment is created', async () => {
      const articleId = randomArticleId();
      const comment = buildComment();
      const answers = await Promise.all(Array.from({ length: 5 }, () => post(articleId, comment).set('Idempotency-Key', `c-${articleId}`)));

      expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 202, 202]);
      expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
      expect(await countStored(articleId)).toBe(1);
    });

    test('When the same key comes with a different body, then 422', async () => {
      const articleId = randomArticleId();
      await post(articleId, buildComment()).set('Idempotency-Key', `d-${articleId}`);
      const second = await post(articleId, buildComment()).set('Idempotency-Key', `d-${articleId}`);

      expect(second.status).toBe(422);
      expect(second.body.error.code).toBe('idempotency_key_reused');
      expect(await countStored(articleId)).toBe(1);
    });
  });
});
