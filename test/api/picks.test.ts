import request from 'supertest';
import { apiClient } from '../helpers/api-client';
import { randomArticleId } from '../helpers/factories';
import { useTestStack } from '../helpers/test-stack';

describe('POST /v1/moderation/comments/:id/feature and /unfeature', () => {
  const stack = useTestStack();
  let admin: ReturnType<typeof apiClient>;
  let moderator: ReturnType<typeof apiClient>;
  let moderatorName: string;
  beforeAll(async () => {
    admin = apiClient(stack.app);
    moderatorName = `Editor ${randomArticleId('m')}`;
    moderator = apiClient(stack.app, (await admin.createModerator(moderatorName)).body.apiKey);
  });

  test('When a moderator features a published comment, then it is marked in both views and audited under their name once', async () => {
    const articleId = randomArticleId();
    const id = await admin.postApproved(articleId);

    const featured = await moderator.feature(id);
    const again = await moderator.feature(id);

    expect(featured.status).toBe(200);
    expect(featured.body).toMatchObject({ id, articleId, status: 'approved', featured: true, recommendations: 0 });
    expect(again.body).toMatchObject({ id, featured: true });
    expect((await request(stack.app).get(`/v1/comments/${id}`)).body).toMatchObject({ id, featured: true });
    const log = (await admin.history(id)).body;
    expect(log.history.filter((entry: { rule: string }) => entry.rule === 'editors-pick')).toEqual([
      expect.objectContaining({ by: moderatorName, from: null, to: 'featured', rule: 'editors-pick' }),
    ]);
  });

  test('When a moderator unfeatures a comment, then it is no longer marked, and both changes are in its log, in order', async () => {
    const id = await admin.postApproved(randomArticleId());
    await moderator.feature(id);

    const unfeatured = await moderator.feature(id, false);

    expect(unfeatured.status).toBe(200);
    expect(unfeatured.body).toMatchObject({ id, featured: false });
    expect((await request(stack.app).get(`/v1/comments/${id}`)).body).toMatchObject({ featured: false });
    const log = (await admin.history(id)).body;
    expect(log.history.filter((entry: { rule: string }) => entry.rule === 'editors-pick').map((entry: { to: string }) => entry.to)).toEqual(
      ['featured', 'unfeatured'],
    );
  });

  test.each(['pending', 'held', 'rejected'])('When the comment is %s, then featuring it is a 409 and nothing changes', async (state) => {
    const id = await admin.post(randomArticleId());
    if (state === 'held') await stack.services.db.query(`UPDATE comments SET status = 'held' WHERE id = $1`, [id]);
    if (state === 'rejected') await admin.moderate(id, 'reject');

    const response = await moderator.feature(id);

    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('not_published');
    expect((await admin.view(id)).body).toMatchObject({ featured: false });
  });

  test('When a featured comment is rejected, then it leaves the public list, picks and all', async () => {
    const articleId = randomArticleId();
    const id = await admin.postApproved(articleId);
    await moderator.feature(id);

    await admin.moderate(id, 'reject');

    const page = await request(stack.app).get(`/v1/articles/${articleId}/comments`);
    expect(page.body).toMatchObject({ total: 0, comments: [] });
  });

  test.each(['not-a-uuid', '00000000-0000-4000-8000-000000000000'])('When the id is %s, then 404', async (id) => {
    expect((await moderator.feature(id)).status).toBe(404);
    expect((await moderator.feature(id, false)).status).toBe(404);
  });

  test('When no key is sent, then 401 and nothing is featured', async () => {
    const id = await admin.postApproved(randomArticleId());

    const response = await request(stack.app).post(`/v1/moderation/comments/${id}/feature`);

    expect(response.status).toBe(401);
    expect((await admin.view(id)).body).toMatchObject({ featured: false });
  });
});
