import request from 'supertest';
import { apiClient } from '../helpers/api-client';
import { buildComment, randomArticleId } from '../helpers/factories';
import { useTestStack, withTestStack } from '../helpers/test-stack';
import { waitFor, waitForDecision, waitForFeedbackLearned } from '../helpers/wait-for';
import { commentIdsOf } from '../../src/queue/moderation-queue';
import { sweepPending } from '../../worker/sweep-pending';

describe('Moderation worker', () => {
  const stack = useTestStack({ worker: true });
  let api: ReturnType<typeof apiClient>;
  beforeAll(() => {
    api = apiClient(stack.app);
  });

  const moderatorView = async (id: string) => (await api.view(id)).body;

  test('When a clean comment is posted, then it is approved by "auto" with both checks recorded, and becomes public', async () => {
    const articleId = randomArticleId();
    const id = await api.post(articleId, {
      body: 'The NHS trusts that had patched their Windows machines were far less affected. Lessons for everyone.',
    });

    expect(await waitForDecision(stack.services.db, id)).toBe('approved');
    expect(await moderatorView(id)).toMatchObject({
      status: 'approved',
      decidedBy: 'auto',
      checks: {
        spam: { isSpam: false, score: expect.any(Number), reasons: expect.any(Array) },
        profanity: { isProfane: false, terms: [] },
      },
    });
    expect((await request(stack.app).get(`/v1/articles/${articleId}/comments`)).body.total).toBe(1);
  });

  test('When an obvious spam comment is posted, then it is marked spam with reasons and never public', async () => {
    const id = await api.post(randomArticleId(), {
      body: 'CHECK OUT MY CHANNEL!!! Subscribe for FREE iPhone giveaway http://bit.ly/free-iphone http://tinyurl.com/win-now make $$$ from home',
    });

    expect(await waitForDecision(stack.services.db, id)).toBe('spam');
    const view = await moderatorView(id);
    expect(view.checks.spam.isSpam).toBe(true);
    expect(view.checks.spam.reasons.length).toBeGreaterThan(0);
    expect((await request(stack.app).get(`/v1/comments/${id}`)).status).toBe(404);
  });

  test('When profanity is disguised with leetspeak and separators, then it is held with the term named', async () => {
    const id = await api.post(randomArticleId(), {
      body: 'The people who wrote this ransomware are f u c k i n g criminals, and the sh1t minister too.',
    });

    expect(await waitForDecision(stack.services.db, id)).toBe('held');
    const view = await moderatorView(id);
    expect(view.checks.profanity.isProfane).toBe(true);
    expect(view.checks.profanity.terms.length).toBeGreaterThan(0);
  });

  test('When a comment mentions Scunthorpe, Penistone and an assassin, then it is approved', async () => {
    const id = await api.post(randomArticleId(), {
      body: 'Hospitals in Scunthorpe and Penistone were hit too; one analyst called the attackers digital assassins. Cocktail of failures.',
    });

    expect(await waitForDecision(stack.services.db, id)).toBe('approved');
    expect((await moderatorView(id)).checks.profanity).toMatchObject({ isProfane: false, terms: [] });
  });

  test('When one reader posts the same clean text many times from one IP, then every copy is approved', async () => {
    const articleId = randomArticleId();
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      ids.push(await api.post(articleId, { authorEmail: 'busy.reader@example.org', body: 'test comment' }));
    }

    const statuses = await Promise.all(ids.map((id) => waitForDecision(stack.services.db, id)));

    expect(statuses).toEqual(ids.map(() => 'approved'));
  });

  test('When a moderator approves a held comment, then it becomes public', async () => {
    const articleId = randomArticleId();
    const id = await api.post(articleId, { body: 'This is b.u.l.l.s.h.i.t and everyone knows it.' });
    expect(await waitForDecision(stack.services.db, id)).toBe('held');

    await api.moderate(id, 'approve');

    expect((await request(stack.app).get(`/v1/comments/${id}`)).status).toBe(200);
  });

  test('When the same job is delivered again after the decision, then nothing changes and only one audit row exists', async () => {
    const id = await api.post(randomArticleId());
    await waitForDecision(stack.services.db, id);

    await stack.services.queue.add('moderate', { commentId: id }, { jobId: `again-${id}` });
    await waitFor(
      async () => ((await stack.services.queue.getJob(`again-${id}`))?.finishedOn ? true : undefined),
      10_000,
      'second delivery',
    );

    const events = await stack.services.db.query('SELECT actor FROM moderation_events WHERE comment_id = $1', [id]);
    expect(events).toEqual([{ actor: 'auto' }]);
  });

  test('When comments are queued in the same moment, then they go as one job and each is decided on its own', async () => {
    const articleId = randomArticleId();
    const bodies = [
      'The trust that patched its machines in March lost nothing. Worth a follow-up piece.',
      'CHECK OUT MY CHANNEL!!! Subscribe for FREE iPhone giveaway http://bit.ly/free-iphone http://tinyurl.com/win-now',
      'This is b.u.l.l.s.h.i.t and everyone knows it.',
    ];
    // Committed by an API that cannot reach Redis: pending, with no job yet.
    const ids = await withTestStack({ shareDatabaseWith: stack, env: { REDIS_URL: 'redis://127.0.0.1:1' } }, (cutOff) =>
      Promise.all(
        bodies.map(
          async (body) =>
            (await request(cutOff.app).post(`/v1/articles/${articleId}/comments`).send(buildComment({ body }))).body.id as string,
        ),
      ),
    );

    // As intake queues the comments of concurrent POSTs: three calls in one turn of the event loop.
    await Promise.all(ids.map((id) => stack.services.enqueuer.enqueue(id)));

    const job = await stack.services.queue.getJob(`comments-${ids[0]}-3`);
    expect(job?.data).toEqual({ commentIds: ids });
    expect(await Promise.all(ids.map((id) => waitForDecision(stack.services.db, id)))).toEqual(['approved', 'spam', 'held']);
    const events = await stack.services.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM moderation_events WHERE comment_id = ANY($1::uuid[])',
      [ids],
    );
    expect(events[0].n).toBe(3);
  });

  test('When a job names several comments, one of them unknown, then the others are decided and the job completes', async () => {
    const articleId = randomArticleId();
    const [clean, spam] = await Promise.all([
      api.post(articleId, { body: 'Good to see the regional trusts sharing their recovery plans openly.' }),
      api.post(articleId, { body: 'Make $500 a day from home!!! DM me on WhatsApp +44 7700 900123 http://bit.ly/easy-cash' }),
    ]);
    await Promise.all([clean, spam].map((id) => waitForDecision(stack.services.db, id)));
    const fresh = await api.post(articleId, { body: 'A fair summary of a very long day for the NHS.' });
    const unknown = '00000000-0000-4000-8000-000000000001';

    // The same comments again (one pending, two decided), as a retried shared job would find them.
    const job = await stack.services.queue.add('moderate', { commentIds: [clean, unknown, spam, fresh] }, { jobId: `shared-${fresh}` });
    await waitFor(async () => ((await job.getState()) === 'completed' ? true : undefined), 10_000, 'the shared job to complete');

    expect(await waitForDecision(stack.services.db, fresh)).toBe('approved');
    const events = await stack.services.db.query<{ comment_id: string }>(
      'SELECT comment_id FROM moderation_events WHERE comment_id = ANY($1::uuid[])',
      [[clean, spam, fresh]],
    );
    expect(events.map((e) => e.comment_id).sort()).toEqual([clean, spam, fresh].sort());
  });

  test('When a backlog waits in the queue, then the sweeper queues the comment that was lost and not those waiting in a job', async () => {
    const articleId = randomArticleId();
    const lost = await withTestStack(
      { shareDatabaseWith: stack, env: { REDIS_URL: 'redis://127.0.0.1:1' } },
      async (cutOff) => (await request(cutOff.app).post(`/v1/articles/${articleId}/comments`).send(buildComment())).body.id as string,
    );
    await stack.services.queue.pause();
    let waiting: string[];
    try {
      waiting = await Promise.all([1, 2, 3].map(() => api.post(articleId)));
      await sweepPending({
        db: stack.services.db,
        queue: stack.services.queue,
        metrics: stack.worker!.metrics,
        logger: stack.services.logger,
        afterSeconds: 0,
      });

      const queued = (await stack.services.queue.getJobs(['wait'])).flatMap((job) => commentIdsOf(job.data) ?? []);
      expect(queued.filter((id) => id === lost)).toHaveLength(1);
      for (const id of waiting) expect(queued.filter((queuedId) => queuedId === id)).toHaveLength(1);
    } finally {
      await stack.services.queue.resume();
    }
    expect(await Promise.all([lost, ...waiting].map((id) => waitForDecision(stack.services.db, id)))).toEqual([
      'approved',
      'approved',
      'approved',
      'approved',
    ]);
  });

  test('When a poison job arrives, then it fails without retries and the worker keeps deciding comments', async () => {
    const poison = await stack.services.queue.add('moderate', { commentId: 'not-a-uuid' }, { jobId: `poison-${randomArticleId()}` });
    const missing = await stack.services.queue.add('moderate', { commentId: '00000000-0000-4000-8000-000000000000' });

    await waitFor(async () => ((await poison.getState()) === 'failed' ? true : undefined), 10_000, 'poison job to fail');
    await waitFor(async () => ((await missing.getState()) === 'failed' ? true : undefined), 10_000, 'missing-comment job to fail');
    expect((await stack.services.queue.getJob(poison.id!))!.attemptsMade).toBe(1);

    const id = await api.post(randomArticleId());
    expect(await waitForDecision(stack.services.db, id)).toBe('approved');
  });

  test('When intake cannot reach Redis, then the POST is still 202 and the sweeper gets the comment decided', async () => {
    await withTestStack({ shareDatabaseWith: stack, env: { REDIS_URL: 'redis://127.0.0.1:1' } }, async (cutOff) => {
      const response = await request(cutOff.app).post(`/v1/articles/${randomArticleId()}/comments`).send(buildComment());
      expect(response.status).toBe(202);

      expect(await waitForDecision(stack.services.db, response.body.id, 15_000)).toBe('approved');
    });
  });

  test('When PostgreSQL lost a decision whose job had completed, then the sweeper queues the comment again and it is decided once', async () => {
    const id = await api.post(randomArticleId());
    expect(await waitForDecision(stack.services.db, id)).toBe('approved');
    // The decision commits before the job is marked completed in Redis.
    const job = await stack.services.queue.getJob(`comment-${id}`);
    await waitFor(async () => ((await job!.getState()) === 'completed' ? true : undefined), 10_000, 'the job to complete');

    // What a crash does to a decision committed without its WAL flush: the comment and its audit
    // row are back as before the decision, while Redis still says the job completed.
    await stack.services.db.withTransaction(async (tx) => {
      await tx.query('DELETE FROM moderation_events WHERE comment_id = $1', [id]);
      await tx.query(
        `UPDATE comments SET status = 'pending', checks = NULL, decided_by = NULL, decided_at = NULL,
           created_at = created_at - interval '10 seconds' WHERE id = $1`,
        [id],
      );
    });

    expect(await waitForDecision(stack.services.db, id, 15_000)).toBe('approved');
    const events = await stack.services.db.query('SELECT actor, to_status FROM moderation_events WHERE comment_id = $1', [id]);
    expect(events).toEqual([{ actor: 'auto', to_status: 'approved' }]);
  });

  test('When a moderator marks comments as spam, then the worker learns within seconds and flags the same kind of text', async () => {
    const phrase = 'zorbleflex quantum vitamins discount zorbleflex';
    const probe = () => ({ body: `${phrase} ${randomArticleId()}` });
    const before = await api.post(randomArticleId(), probe());
    await waitForDecision(stack.services.db, before);
    const scoreBefore = (await moderatorView(before)).checks.spam.score;

    for (let i = 0; i < 6; i++) {
      const id = await api.post(randomArticleId(), probe());
      await waitForDecision(stack.services.db, id);
      await api.moderate(id, 'spam');
    }
    await waitForFeedbackLearned(stack.services.db, stack.logs);
    const after = await api.post(randomArticleId(), probe());
    await waitForDecision(stack.services.db, after);

    expect((await moderatorView(after)).checks.spam.score).toBeGreaterThan(scoreBefore);
  });
});
