import request from 'supertest';
import { apiClient } from '../helpers/api-client';
import { buildComment, randomArticleId } from '../helpers/factories';
import { useTestStack } from '../helpers/test-stack';
import { waitFor } from '../helpers/wait-for';
import { startModerationWorker } from '../../worker/moderation-worker';
import { newsroomClient } from './newsroom-helpers';

describe('Newsroom moderation tools', () => {
  const stack = useTestStack({ worker: true, env: { TRUST_PROXY: '1', AUTO_CLOSE_AFTER_DAYS: '1' } });
  let mod: ReturnType<typeof newsroomClient>;
  let admin: ReturnType<typeof newsroomClient>;
  let moderatorKey: string;
  beforeAll(async () => {
    admin = newsroomClient(stack.app, stack.services.db);
    moderatorKey = (await apiClient(stack.app).createModerator('Priya')).body.apiKey;
    mod = newsroomClient(stack.app, stack.services.db, moderatorKey);
  });

  describe('word lists', () => {
    test('When a moderator bans a term, then the next comment writing it in leetspeak is rejected with rule banned-term', async () => {
      const article = randomArticleId();
      const before = await mod.postAndDecide(article, { body: 'The minister is a total grifter, nothing new.' });
      expect(before.status).toBe('approved');

      await mod.addTerms('banned', ['grifter']);
      const after = await mod.postAndDecide(article, { body: 'The minister is a total gr1ft3r, nothing new.' });

      expect(after.status).toBe('rejected');
      const { history } = await mod.history(after.id);
      expect(history.at(-1)).toMatchObject({ by: 'auto', from: 'pending', to: 'rejected', rule: 'banned-term', reasonCode: 'offensive' });
      expect(history.at(-1).reason).toContain('grifter');
    });

    test('When a suspect term is added and later removed, then the next comment is held, and after removal approved', async () => {
      const article = randomArticleId();
      await mod.addTerms('suspect', ['bailout*']);

      const held = await mod.postAndDecide(article, { body: 'Another b@il0uts for the banks, who pays?' });
      expect(held.status).toBe('held');
      expect(await mod.lastRule(held.id)).toBe('suspect-term');

      const lists = await mod.removeTerm('suspect', 'BAILOUT*');
      expect(lists.suspect).toEqual([]);
      const approved = await mod.postAndDecide(article, { body: 'Another bailouts for the banks, who pays?' });
      expect(approved.status).toBe('approved');
    });

    test('When the lists are read, then each term shows who added it, and a blank term is refused', async () => {
      const lists = await mod.addTerms('banned', ['scumbag']);
      expect(lists.banned).toEqual(expect.arrayContaining([expect.objectContaining({ term: 'scumbag', addedBy: 'Priya' })]));
      const bad = await request(stack.app)
        .post('/v1/moderation/word-lists/banned/terms')
        .set(mod.auth)
        .send({ terms: ['**'] });
      expect(bad.status).toBe(400);
      const wrongList = await request(stack.app)
        .post('/v1/moderation/word-lists/naughty/terms')
        .set(mod.auth)
        .send({ terms: ['x1'] });
      expect(wrongList.status).toBe(400);
    });

    test('When a term is changed, then a second worker picks it up for its next comment without a restart', async () => {
      const second = await startModerationWorker(stack.config, stack.services.logger);
      try {
        const article = randomArticleId();
        // Both workers have compiled the lists before the change.
        await Promise.all([1, 2, 3, 4].map(() => mod.postAndDecide(article, { body: 'A warm-up comment about council tax.' })));
        await mod.addTerms('banned', ['quisling']);
        const results = await Promise.all(
          [1, 2, 3, 4, 5, 6].map((n) => mod.postAndDecide(article, { body: `You q-u-i-s-l-i-n-g number ${n}.` })),
        );
        expect(results.map((r) => r.status)).toEqual(Array(6).fill('rejected'));
      } finally {
        await second.close();
      }
    });
  });

  describe('bans', () => {
    test('When a moderator bans an email with rejectPending, then waiting comments and the next comment are rejected, with a neutral 202', async () => {
      const email = 'troll.one@example.org';
      const article = randomArticleId();
      await mod.premoderation(article, { enabled: true });
      const waiting = await mod.postAndDecide(article, { authorEmail: email });
      expect(waiting.status).toBe('held');

      const ban = await mod.ban({ email: 'Troll.One@example.org', reason: 'harassment', reasonCode: 'abusive', rejectPending: true });
      expect(ban).toMatchObject({ kind: 'email', active: true, expiresAt: null, createdBy: 'Priya', rejectedComments: [waiting.id] });
      expect(JSON.stringify(ban)).not.toContain('troll');

      const { history: waitingHistory } = await mod.history(waiting.id);
      expect(waitingHistory.at(-1)).toMatchObject({ by: 'Priya', from: 'held', to: 'rejected', reasonCode: 'abusive', via: 'ban' });

      const next = await request(stack.app)
        .post(`/v1/articles/${randomArticleId()}/comments`)
        .send(buildComment({ authorEmail: email }));
      expect(next.status).toBe(202);
      expect(next.body).toMatchObject({ status: 'pending' });
      expect(JSON.stringify(next.body)).not.toMatch(/ban|harass|abusive/i);
      await waitFor(async () => ((await mod.lastRule(next.body.id)) === 'ban' ? true : undefined));
      const { history, status } = await mod.history(next.body.id);
      expect(status).toBe('rejected');
      expect(history.at(-1)).toMatchObject({ rule: 'ban', reasonCode: 'abusive' });
    });

    test('When a ban is lifted or has expired, then the author posts normally again', async () => {
      const email = 'reformed@example.org';
      const ban = await mod.ban({ email });
      expect((await mod.postAndDecide(randomArticleId(), { authorEmail: email })).status).toBe('rejected');
      await mod.liftBan(ban.id);
      expect((await mod.postAndDecide(randomArticleId(), { authorEmail: email })).status).toBe('approved');

      const shortBan = await mod.ban({ email: 'brief@example.org', durationDays: 0.00002 });
      expect(new Date(shortBan.expiresAt).getTime()).toBeGreaterThan(Date.now());
      const activeBans = async () =>
        (await request(stack.app).get('/v1/moderation/bans').set(mod.auth).query({ email: 'brief@example.org' })).body.bans as unknown[];
      expect(await activeBans()).toHaveLength(1);
      await waitFor(async () => ((await activeBans()).length === 0 ? true : undefined), 10_000, 'the short ban to expire');
      expect((await mod.postAndDecide(randomArticleId(), { authorEmail: 'brief@example.org' })).status).toBe('approved');
    });

    test('When a moderator tries an IP ban, then 403; with the admin key, the next comment from that IP is rejected', async () => {
      const ip = '203.0.113.77';
      const forwarded = { 'X-Forwarded-For': ip };
      const first = await mod.postAndDecide(randomArticleId(), {}, forwarded);
      expect(first.status).toBe('approved');

      const refused = await request(stack.app).post('/v1/moderation/bans').set(mod.auth).send({ commentId: first.id, kind: 'ip' });
      expect(refused.status).toBe(403);
      const ban = await admin.ban({ commentId: first.id, kind: 'ip', durationDays: 1 });
      expect(ban).toMatchObject({ kind: 'ip', createdBy: 'admin' });

      expect((await mod.postAndDecide(randomArticleId(), {}, forwarded)).status).toBe('rejected');
      expect((await mod.postAndDecide(randomArticleId(), {}, { 'X-Forwarded-For': '203.0.113.78' })).status).toBe('approved');
      const listed = await request(stack.app).get('/v1/moderation/bans').set(mod.auth).query({ ip });
      expect(listed.body.bans).toEqual([expect.objectContaining({ id: ban.id, active: true })]);
    });
  });

  describe('article controls', () => {
    test('When a moderator closes an article, then posting answers 409 comments_closed, and after reopening 202', async () => {
      const article = randomArticleId();
      const closed = await mod.article(article, 'close');
      expect(closed).toMatchObject({ articleId: article, closed: true });

      const refused = await request(stack.app).post(`/v1/articles/${article}/comments`).send(buildComment());
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('comments_closed');

      await mod.article(article, 'reopen');
      expect((await request(stack.app).post(`/v1/articles/${article}/comments`).send(buildComment())).status).toBe(202);
    });

    test('When the first comment is older than AUTO_CLOSE_AFTER_DAYS, then posting answers 409 until a moderator reopens', async () => {
      const article = randomArticleId();
      const { id } = await mod.postAndDecide(article);
      await stack.services.db.query(`UPDATE comments SET created_at = now() - interval '2 days' WHERE id = $1`, [id]);

      const view = await request(stack.app).get(`/v1/moderation/articles/${article}`).set(mod.auth);
      expect(view.body).toMatchObject({ closed: true, autoClosesAt: expect.any(String) });
      expect((await request(stack.app).post(`/v1/articles/${article}/comments`).send(buildComment())).status).toBe(409);

      expect(await mod.article(article, 'reopen')).toMatchObject({ closed: false, autoClosesAt: null });
      expect((await request(stack.app).post(`/v1/articles/${article}/comments`).send(buildComment())).status).toBe(202);
    });

    test('When an article is put into pre-moderation, then its next comment is held; switched off, approved', async () => {
      const article = randomArticleId();
      const on = await mod.premoderation(article, { enabled: true, until: new Date(Date.now() + 3_600_000).toISOString() });
      expect(on).toMatchObject({ premoderation: true, premoderationUntil: expect.any(String) });

      const held = await mod.postAndDecide(article);
      expect(held.status).toBe('held');
      expect(await mod.lastRule(held.id)).toBe('premoderation');

      await mod.premoderation(article, { enabled: false });
      expect((await mod.postAndDecide(article)).status).toBe('approved');
    });
  });

  describe('bulk actions and the decision log', () => {
    test('When a moderator bulk-approves held comments, then all are public and each has its own audit entry', async () => {
      const article = randomArticleId();
      await mod.premoderation(article, { enabled: true });
      const ids = [];
      for (let i = 0; i < 3; i++) ids.push((await mod.postAndDecide(article)).id);
      const missing = '00000000-0000-4000-8000-000000000000';

      const result = await mod.bulk({ action: 'approve', ids: [...ids, missing] });

      expect(result).toMatchObject({ action: 'approve', succeeded: 3, failed: 1 });
      expect(result.results.at(-1)).toMatchObject({ id: missing, ok: false, error: { code: 'not_found' } });
      const page = await request(stack.app).get(`/v1/articles/${article}/comments`);
      expect(page.body.comments.map((c: { id: string }) => c.id).sort()).toEqual([...ids].sort());
      for (const id of ids) {
        const { history } = await mod.history(id);
        expect(history.map((e: { rule: string }) => e.rule)).toEqual(['intake', 'premoderation', 'moderator']);
        expect(history.at(-1)).toMatchObject({ by: 'Priya', from: 'held', to: 'approved', via: 'bulk' });
      }
    });

    test('When a moderator bulk-marks spam, then each comment teaches the spam filter as a single action does', async () => {
      const article = randomArticleId();
      const ids = [(await mod.postAndDecide(article)).id, (await mod.postAndDecide(article)).id];
      await mod.bulk({ action: 'spam', ids });
      const rows = await stack.services.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM spam_feedback WHERE comment_id = ANY($1::uuid[]) AND label = 'spam'`,
        [ids],
      );
      expect(rows[0].n).toBe(2);
      const { history } = await mod.history(ids[0]);
      expect(history.at(-1)).toMatchObject({ to: 'spam', reasonCode: 'spam', via: 'bulk' });
    });

    test('When a comment is rejected with a reason code, then the log shows it, and a plain reason still works', async () => {
      const article = randomArticleId();
      const a = await mod.postAndDecide(article);
      const b = await mod.postAndDecide(article);
      const client = apiClient(stack.app, moderatorKey);
      await client.moderate(a.id, 'reject', { reason: 'not about the story', reasonCode: 'off-topic' });
      await client.moderate(b.id, 'reject', { reason: 'free text only' });

      const { history } = await mod.history(a.id);
      expect(history).toEqual([
        expect.objectContaining({ by: 'commenter', to: 'pending', rule: 'intake' }),
        expect.objectContaining({
          by: 'auto',
          from: 'pending',
          to: 'approved',
          rule: 'clean',
          scores: { spam: expect.any(Number), profaneTerms: [] },
        }),
        expect.objectContaining({
          by: 'Priya',
          from: 'approved',
          to: 'rejected',
          rule: 'moderator',
          reason: 'not about the story',
          reasonCode: 'off-topic',
        }),
      ]);
      expect((await mod.history(b.id)).history.at(-1)).toMatchObject({ reason: 'free text only', reasonCode: null });
      const badCode = await request(stack.app).post(`/v1/moderation/comments/${b.id}/reject`).set(mod.auth).send({ reasonCode: 'rude' });
      expect(badCode.status).toBe(400);
    });

    test('When the history of an unknown comment is asked for, then 404; without a key, 401', async () => {
      const unknown = await request(stack.app).get('/v1/moderation/comments/00000000-0000-4000-8000-000000000000/history').set(mod.auth);
      expect(unknown.status).toBe(404);
      for (const call of [
        request(stack.app).get('/v1/moderation/stats'),
        request(stack.app).get('/v1/moderation/word-lists'),
        request(stack.app).post('/v1/moderation/bans').send({ email: 'x@example.org' }),
        request(stack.app).post('/v1/moderation/comments/bulk').send({ action: 'approve', ids: [] }),
        request(stack.app).put(`/v1/moderation/articles/${randomArticleId()}/premoderation`).send({ enabled: true }),
      ]) {
        expect((await call).status).toBe(401);
      }
    });
  });

  describe('GET /v1/moderation/stats', () => {
    test('When moderators overturn a rule, then stats count its decisions, reviews and overturns, and the held queue', async () => {
      const before = await mod.stats({ period: '1h' });
      type Rule = { rule: string; decisions: number; reviewed: number; overturned: number };
      const rule = (stats: { rules: Rule[] }) =>
        stats.rules.find((r) => r.rule === 'premoderation') ?? { decisions: 0, reviewed: 0, overturned: 0 };

      const article = randomArticleId();
      await mod.premoderation(article, { enabled: true });
      const a = await mod.postAndDecide(article);
      const b = await mod.postAndDecide(article);
      await mod.postAndDecide(article);
      const client = apiClient(stack.app, moderatorKey);
      await client.moderate(a.id, 'approve');
      await client.moderate(b.id, 'reject', { reasonCode: 'illegal' });

      const after = await mod.stats({ period: '1h' });
      expect(rule(after)).toMatchObject({
        decisions: rule(before).decisions + 3,
        reviewed: rule(before).reviewed + 2,
        overturned: rule(before).overturned + 1,
      });
      expect(after.queues.held).toBeGreaterThanOrEqual(1);
      expect(after.queues.oldestHeldAgeSeconds).toBeGreaterThanOrEqual(0);
      expect(after.moderators.byReasonCode.illegal).toBe((before.moderators.byReasonCode.illegal ?? 0) + 1);
      const bad = await request(stack.app).get('/v1/moderation/stats').set(mod.auth).query({ period: 'forever' });
      expect(bad.status).toBe(400);
    });
  });
});
