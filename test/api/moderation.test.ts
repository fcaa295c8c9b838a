import request from 'supertest';
import { apiClient } from '../helpers/api-client';
import { randomArticleId } from '../helpers/factories';
import { useTestStack, withTestStack } from '../helpers/test-stack';

describe('Moderation API', () => {
  const stack = useTestStack();
  let admin: ReturnType<typeof apiClient>;
  beforeAll(() => {
    admin = apiClient(stack.app);
  });

  const auditRows = (commentId: string) =>
    stack.services.db.query<{ actor: string; from_status: string; to_status: string; reason: string | null }>(
      'SELECT actor, from_status, to_status, reason FROM moderation_events WHERE comment_id = $1 ORDER BY id',
      [commentId],
    );

  describe('authentication', () => {
    test.each([
      ['no key', undefined],
      ['a wrong key', 'Bearer not-the-key'],
      ['a malformed header', 'Basic abc'],
    ])('When the request has %s, then 401 on every moderation endpoint', async (_case, header) => {
      const id = '00000000-0000-4000-8000-000000000000';
      const calls = [
        request(stack.app).get('/v1/moderation/comments'),
        request(stack.app).get(`/v1/moderation/comments/${id}`),
        request(stack.app).post(`/v1/moderation/comments/${id}/approve`),
        request(stack.app).post(`/v1/moderation/comments/${id}/reject`),
        request(stack.app).post(`/v1/moderation/comments/${id}/spam`),
        request(stack.app).post('/v1/admin/moderators').send({ name: 'x' }),
      ];
      for (const call of calls) {
        const response = await (header ? call.set('Authorization', header) : call);
        expect(response.status).toBe(401);
        expect(response.body.error.code).toBe('unauthorized');
      }
    });

    test('When ADMIN_API_KEY is unset, then even a guessed key is refused', async () => {
      await withTestStack({ env: { ADMIN_API_KEY: '' } }, async (noAdmin) => {
        const response = await request(noAdmin.app).get('/v1/moderation/comments').set('Authorization', 'Bearer ');
        expect(response.status).toBe(401);
      });
    });

    test('When the admin creates a moderator, then the key works once shown, is stored only hashed, and cannot reach admin endpoints', async () => {
      const name = `mod-${randomArticleId()}`;
      const created = await admin.createModerator(name);
      expect(created.status).toBe(201);
      expect(created.body).toEqual({ id: expect.any(String), name, apiKey: expect.stringMatching(/^sift_/) });

      const moderator = apiClient(stack.app, created.body.apiKey);
      expect((await moderator.list()).status).toBe(200);
      const forbidden = await moderator.createModerator('another');
      expect(forbidden.status).toBe(403);
      expect(forbidden.body.error.code).toBe('forbidden');

      const [stored] = await stack.services.db.query<{ api_key_hash: Buffer }>('SELECT api_key_hash FROM moderators WHERE id = $1', [
        created.body.id,
      ]);
      expect(stored.api_key_hash.toString('latin1')).not.toContain(created.body.apiKey);
    });

    test('When a moderator key is revoked, then it is refused', async () => {
      const created = await admin.createModerator(`revoked-${randomArticleId()}`);
      await stack.services.db.query('UPDATE moderators SET revoked_at = now() WHERE id = $1', [created.body.id]);

      const response = await apiClient(stack.app, created.body.apiKey).list();

      expect(response.status).toBe(401);
    });

    test('When a moderator name is taken or empty, then 409 or 400', async () => {
      const name = `dup-${randomArticleId()}`;
      await admin.createModerator(name);
      expect((await admin.createModerator(name)).status).toBe(409);
      expect((await admin.createModerator('  ')).status).toBe(400);
    });
  });

  describe('POST /v1/moderation/comments/:id/{approve,reject,spam}', () => {
    test('When a moderator approves a pending comment, then it becomes public, decidedBy names them, and the audit row is written', async () => {
      const created = await admin.createModerator(`ann-${randomArticleId()}`);
      const moderator = apiClient(stack.app, created.body.apiKey);
      const articleId = randomArticleId();
      const id = await admin.post(articleId, { authorEmail: 'writer@example.org' });

      const view = await moderator.moderate(id, 'approve');

      expect(view).toMatchObject({
        id,
        articleId,
        authorEmail: 'writer@example.org',
        status: 'approved',
        decidedBy: created.body.name,
        decidedAt: expect.any(String),
        checks: null,
      });
      expect((await request(stack.app).get(`/v1/comments/${id}`)).status).toBe(200);
      expect(await auditRows(id)).toEqual([{ actor: created.body.name, from_status: 'pending', to_status: 'approved', reason: null }]);
    });

    test('When a comment is rejected with a reason, then the reason is in the audit trail and the comment leaves the public list', async () => {
      const articleId = randomArticleId();
      const id = await admin.postApproved(articleId);

      const view = await admin.moderate(id, 'reject', { reason: 'off-topic' });

      expect(view.status).toBe('rejected');
      expect((await request(stack.app).get(`/v1/articles/${articleId}/comments`)).body.total).toBe(0);
      expect((await auditRows(id)).at(-1)).toEqual({ actor: 'admin', from_status: 'approved', to_status: 'rejected', reason: 'off-topic' });
    });

    test('When approve and spam decisions are made, then each comment feeds the spam filter once per label, and a change of mind relabels it', async () => {
      const spamId = await admin.post(randomArticleId(), { body: 'Cheap pills at example.biz' });
      const hamId = await admin.post(randomArticleId(), { body: 'A thoughtful reply' });
      const changedId = await admin.post(randomArticleId(), { body: 'Borderline at first sight' });

      await admin.moderate(spamId, 'spam');
      await admin.moderate(spamId, 'spam');
      await admin.moderate(hamId, 'approve');
      await admin.moderate(hamId, 'approve');
      await admin.moderate(changedId, 'spam');
      await admin.moderate(changedId, 'approve');

      const rows = await stack.services.db.query<{ comment_id: string; label: string }>(
        'SELECT comment_id, label FROM spam_feedback WHERE comment_id = ANY($1) ORDER BY id',
        [[spamId, hamId, changedId]],
      );
      expect(rows).toEqual([
        { comment_id: spamId, label: 'spam' },
        { comment_id: hamId, label: 'ham' },
        { comment_id: changedId, label: 'spam' },
        { comment_id: changedId, label: 'ham' },
      ]);
    });

    test('When the comment does not exist, then 404', async () => {
      const response = await request(stack.app)
        .post('/v1/moderation/comments/00000000-0000-4000-8000-000000000000/approve')
        .set('Authorization', 'Bearer test-admin-key-0123456789abcdef');
      expect(response.status).toBe(404);
    });

    test('When the reason is not a string, then 400', async () => {
      const id = await admin.post(randomArticleId());
      const response = await request(stack.app)
        .post(`/v1/moderation/comments/${id}/reject`)
        .set('Authorization', 'Bearer test-admin-key-0123456789abcdef')
        .send({ reason: 42 });
      expect(response.status).toBe(400);
    });
  });

  describe('GET /v1/moderation/comments', () => {
    test('When filtered by article and status, then total counts the matches and pages run newest first', async () => {
      const articleId = randomArticleId();
      const ids = [await admin.post(articleId), await admin.post(articleId), await admin.post(articleId)];
      await admin.moderate(ids[0], 'reject');

      const page1 = await admin.list({ articleId, status: 'pending', limit: 1 });
      const page2 = await admin.list({ articleId, status: 'pending', limit: 1, cursor: page1.body.nextCursor });

      expect(page1.status).toBe(200);
      expect(page1.body.total).toBe(2);
      expect(page1.body.comments[0]).toMatchObject({ id: ids[2], status: 'pending', authorEmail: expect.stringContaining('@') });
      expect(page2.body.comments.map((c: { id: string }) => c.id)).toEqual([ids[1]]);
      expect(page2.body.nextCursor).toBeNull();
    });

    test('When order=oldest, then the oldest comes first', async () => {
      const articleId = randomArticleId();
      const first = await admin.post(articleId);
      await admin.post(articleId);

      const response = await admin.list({ articleId, order: 'oldest' });

      expect(response.body.comments[0].id).toBe(first);
      expect(response.body.total).toBe(2);
    });

    test('When the filters are sent empty, as a URL template would, then the whole queue is listed', async () => {
      const response = await request(stack.app)
        .get('/v1/moderation/comments?status=&articleId=&limit=&cursor=')
        .set('Authorization', 'Bearer test-admin-key-0123456789abcdef');
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ comments: expect.any(Array), total: expect.any(Number) });
    });

    test('When the status filter is unknown, then 400', async () => {
      const response = await admin.list({ status: 'deleted' });
      expect(response.status).toBe(400);
    });

    test('When a cursor from another filter is used, then 400', async () => {
      const articleId = randomArticleId();
      await admin.post(articleId);
      await admin.post(articleId);
      const page = await admin.list({ articleId, limit: 1 });

      const response = await admin.list({ articleId, status: 'held', cursor: page.body.nextCursor });

      expect(response.status).toBe(400);
    });
  });
});
