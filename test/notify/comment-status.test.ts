import request from 'supertest';
import { apiClient } from '../helpers/api-client';
import { buildComment, randomArticleId } from '../helpers/factories';
import { useTestStack } from '../helpers/test-stack';
import { waitForDecision } from '../helpers/wait-for';

describe('GET /v1/comments/:id/status', () => {
  const stack = useTestStack({ worker: true });

  const post = (articleId: string, body = buildComment(), key?: string) => {
    const req = request(stack.app).post(`/v1/articles/${articleId}/comments`);
    return (key ? req.set('Idempotency-Key', key) : req).send(body);
  };
  const status = (id: string, token?: string) =>
    request(stack.app)
      .get(`/v1/comments/${id}/status`)
      .query(token === undefined ? {} : { token });

  test('When a comment is posted, then the 202 carries a token that reads pending, then approved', async () => {
    const posted = await post(randomArticleId());
    expect(posted.status).toBe(202);
    expect(posted.body).toMatchObject({
      id: expect.any(String),
      status: 'pending',
      statusToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });

    const first = await status(posted.body.id, posted.body.statusToken);
    expect(first.status).toBe(200);
    expect(['pending', 'approved']).toContain(first.body.status);

    await waitForDecision(stack.services.db, posted.body.id);
    const later = await status(posted.body.id, posted.body.statusToken);
    expect(later.body).toEqual({ id: posted.body.id, status: 'approved' });
    expect(later.headers['cache-control']).toBe('no-store');
    expect(stack.logs.text).not.toContain(posted.body.statusToken);
  });

  test('When the same Idempotency-Key is sent again, then the replay answers the same token', async () => {
    const articleId = randomArticleId();
    const body = buildComment();
    const first = await post(articleId, body, 'status-replay-1');
    const again = await post(articleId, body, 'status-replay-1');

    expect(again.status).toBe(202);
    expect(again.body).toEqual(first.body);
    const [row] = await stack.services.db.query<{ response: object }>('SELECT response FROM idempotency_keys WHERE key = $1', [
      'status-replay-1',
    ]);
    expect(JSON.stringify(row.response)).not.toContain(first.body.statusToken);
  });

  test('When a moderator holds, rejects or marks spam, then the commenter reads held or not_published and no reason', async () => {
    const api = apiClient(stack.app);
    const posted = await post(randomArticleId());
    const { id, statusToken } = posted.body;
    await waitForDecision(stack.services.db, id);

    await stack.services.db.query(`UPDATE comments SET status = 'held' WHERE id = $1`, [id]);
    expect((await status(id, statusToken)).body).toEqual({ id, status: 'held' });
    await api.moderate(id, 'reject', { reason: 'off-topic rant' });
    const rejected = await status(id, statusToken);
    expect(rejected.body).toEqual({ id, status: 'not_published' });
    expect(rejected.text).not.toContain('off-topic');
    await api.moderate(id, 'spam');
    expect((await status(id, statusToken)).body).toEqual({ id, status: 'not_published' });
  });

  test.each([
    ['no token', undefined],
    ['a token of another comment', 'other'],
    ['a malformed token', 'abc'],
  ])('When it is asked with %s, then 404 and nothing about the comment', async (_label, token) => {
    const a = await post(randomArticleId());
    const b = await post(randomArticleId());
    const given = token === 'other' ? b.body.statusToken : token;

    const response = await status(a.body.id, given);

    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
  });

  test('When the id is unknown, then 404 as for a wrong token', async () => {
    const response = await status('00000000-0000-4000-8000-000000000000', 'A'.repeat(43));
    expect(response.status).toBe(404);
  });
});
