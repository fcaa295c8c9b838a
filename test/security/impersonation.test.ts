import request from 'supertest';
import { apiClient } from '../helpers/api-client';
import { buildComment, randomArticleId } from '../helpers/factories';
import { useTestStack } from '../helpers/test-stack';
import { newsroomClient } from '../newsroom/newsroom-helpers';

/**
 * An email address is not verified: anyone who knows a regular's address can type it (issue 16,
 * items 10 and 15). These tests play the impostor.
 */
describe("Someone else typing a regular reader's address", () => {
  // Borderline holding off (hold threshold = spam threshold), so the link rule decides; posting
  // limited to 3 a minute per client and author.
  const stack = useTestStack({
    worker: true,
    env: { TRUST_PROXY: '1', SPAM_HOLD_THRESHOLD: '0.5', SPAM_THRESHOLD: '0.5', RATE_LIMIT: '3/60s' },
  });
  let mod: ReturnType<typeof newsroomClient>;
  const regularIp = '203.0.113.10';
  const impostorIp = '203.0.113.66';
  const otherImpostorIp = '203.0.113.67';
  const withLink = 'The full council report is at https://www.example.gov.uk/reports/budget-2024 for anyone curious.';

  beforeAll(() => {
    mod = newsroomClient(stack.app, stack.services.db);
  });

  test("When an impostor posts a link under a regular's address from another client, then it is held as a first-time link; the regular's own link is not", async () => {
    const email = 'regular.linker@example.org';
    const first = await mod.postAndDecide(
      randomArticleId(),
      { authorEmail: email, body: 'Good reporting on the budget.' },
      { 'X-Forwarded-For': regularIp },
    );
    if (first.status !== 'approved') await apiClient(stack.app).moderate(first.id, 'approve');

    const impostor = await mod.postAndDecide(randomArticleId(), { authorEmail: email, body: withLink }, { 'X-Forwarded-For': impostorIp });
    const regular = await mod.postAndDecide(
      randomArticleId(),
      { authorEmail: email, body: `${withLink} Page 12.` },
      { 'X-Forwarded-For': regularIp },
    );

    expect(impostor.status).toBe('held');
    expect(await mod.lastRule(impostor.id)).toBe('first-time-link');
    expect(regular.status).toBe('approved');
  });

  test("When an impostor uses up the per-author limit with a regular's address, then the regular can still post from their own client", async () => {
    const email = 'locked.out@example.org';
    const post = (ip: string) =>
      request(stack.app)
        .post(`/v1/articles/${randomArticleId()}/comments`)
        .set('X-Forwarded-For', ip)
        .send(buildComment({ authorEmail: email }));
    for (let i = 0; i < 3; i++) expect((await post(otherImpostorIp)).status).toBe(202);
    const refused = await post(otherImpostorIp);
    expect(refused.status).toBe(429);

    const fromRegular = await post(regularIp);

    expect(fromRegular.status).toBe(202);
  });

  test.each([
    ['troll@example.org', 'Troll+evade@Example.org'],
    ['t.roll.er@gmail.com', 'trolLer+2@googlemail.com'],
    ['Some.One+news@Gmail.com', 'someone@gmail.com'],
  ])('When %s is banned and a comment comes from %s, then it is rejected by the ban', async (banned, sender) => {
    await mod.ban({ email: banned, durationDays: 1 });

    const next = await mod.postAndDecide(randomArticleId(), { authorEmail: sender });

    expect(next.status).toBe('rejected');
    expect(await mod.lastRule(next.id)).toBe('ban');
  });

  test('When a different address at the same host is used, then the ban does not touch it', async () => {
    await mod.ban({ email: 'someone.else@example.org', durationDays: 1 });
    const next = await mod.postAndDecide(randomArticleId(), { authorEmail: 'someone.elsewhere@example.org' });
    expect(next.status).toBe('approved');
  });
});

describe('POST /v1/admin/moderators (reserved names)', () => {
  const stack = useTestStack();

  test.each(['auto', 'admin', 'AUTO', ' Admin ', 'аuto', 'ａｄｍｉｎ', 'a\u200Buto', 'adm1n', 'Commenter'])(
    'When a moderator is to be named %j, then 400 name_reserved and no moderator is created',
    async (name) => {
      const response = await apiClient(stack.app).createModerator(name);
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ error: { code: 'name_reserved', message: expect.stringMatching(/^name: /) } });
    },
  );

  test('When a moderator is named like a person, then 201 as before', async () => {
    const response = await apiClient(stack.app).createModerator(`Autumn ${Date.now()}`);
    expect(response.status).toBe(201);
  });
});
