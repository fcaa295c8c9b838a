import request from 'supertest';
import { apiClient } from '../helpers/api-client';
import { workerDecision as decision } from '../helpers/decision-log';
import { buildComment, randomArticleId } from '../helpers/factories';
import { startFakeAkismet, type FakeProvider } from '../helpers/fake-providers';
import { useTestStack } from '../helpers/test-stack';
import { waitFor } from '../helpers/wait-for';

// Generous timeouts: a loaded machine may take a second to answer even locally; the slow cases wait them out.
function akismetEnv(akismet: FakeProvider, extra: Record<string, string> = {}): Record<string, string> {
  return {
    AKISMET_API_KEY: 'fakekey12345',
    AKISMET_SITE_URL: 'https://news.example',
    AKISMET_URL: akismet.url,
    AKISMET_TIMEOUT_MS: '3000',
    ...extra,
  };
}

describe('Akismet (AKISMET_API_KEY), through the API and the worker', () => {
  let akismet: FakeProvider;
  beforeAll(async () => {
    akismet = await startFakeAkismet();
  });
  const stack = useTestStack(() => ({ worker: true, env: akismetEnv(akismet, { PROVIDER_BREAKER_FAILURES: '50' }) }));
  afterAll(() => akismet?.close());

  afterEach(() => {
    akismet.mode = 'ok';
  });

  const checked = (body: string) =>
    akismet.requests.filter((r) => r.path === '/1.1/comment-check' && new URLSearchParams(r.raw).get('comment_content') === body);

  test('When Akismet answers true with the discard pro-tip, then the comment goes to spam with Akismet as the reason', async () => {
    const body = 'Great article, see buy-cheap-pills dot example for more';
    const comment = buildComment({ body, authorEmail: 'secret.reader@example.org' });
    const id = (
      await request(stack.app)
        .post(`/v1/articles/${randomArticleId('ak')}/comments`)
        .send(comment)
    ).body.id as string;

    expect(await decision(stack, id)).toMatchObject({
      status: 'spam',
      rule: 'provider-spam',
      reason: 'Akismet: blatant spam (pro-tip: discard)',
    });
    const [sent] = checked(body);
    expect(sent.contentType).toMatch(/^application\/x-www-form-urlencoded/);
    const form = new URLSearchParams(sent.raw);
    expect(Object.fromEntries(form)).toMatchObject({
      api_key: 'fakekey12345',
      blog: 'https://news.example',
      comment_type: 'comment',
      comment_author: comment.authorName,
      comment_content: body,
    });
    expect(form.get('user_ip')).toMatch(/^2001:db8:/);
    // The commenter's email never leaves Sift.
    expect(sent.raw).not.toContain('secret.reader');
    expect(sent.raw).not.toContain('comment_author_email');
  });

  test('When Akismet answers false, then a clean comment is published after Akismet was asked', async () => {
    const body = 'The council should publish the full minutes of that meeting.';
    const id = await apiClient(stack.app).post(randomArticleId('ak'), { body });
    expect(await decision(stack, id)).toMatchObject({ status: 'approved', rule: 'clean' });
    expect(checked(body)).toHaveLength(1);
  });

  test.each([
    ['does not answer in time', 'slow', 'Akismet did not answer within 3000 ms'],
    ['is down', 'down', 'Akismet answered HTTP 503'],
  ] as const)('When Akismet %s, then the comment is held with the reason in words, not published', async (_what, mode, failure) => {
    akismet.mode = mode;
    const id = await apiClient(stack.app).post(randomArticleId('ak'), {
      body: `A perfectly ordinary reader comment about the bypass (${mode}).`,
    });
    const reason = `${failure}: held for a moderator instead of publishing it unchecked`;
    expect(await decision(stack, id)).toEqual({ status: 'held', rule: 'provider-hold', reason });
    const view = await apiClient(stack.app).view(id);
    expect(view.body.checks.outside).toEqual({ spam: null, hold: [reason], akismet: { error: failure } });
  });

  test('When a moderator marks spam a comment Akismet let through, then Akismet receives submit-spam for it', async () => {
    const body = 'Lovely piece. I made a fortune with a tip from a friend, ask me how.';
    const client = apiClient(stack.app);
    const id = await client.post(randomArticleId('ak'), { body });
    await decision(stack, id);
    await client.moderate(id, 'spam');

    const submitted = await waitFor(
      () => akismet.requests.find((r) => r.path === '/1.1/submit-spam' && new URLSearchParams(r.raw).get('comment_content') === body),
      10_000,
      'submit-spam',
    );
    expect(Object.fromEntries(new URLSearchParams(submitted.raw))).toMatchObject({
      api_key: 'fakekey12345',
      blog: 'https://news.example',
      comment_content: body,
    });
    // Reported once, as spam only.
    expect(
      akismet.requests.filter((r) => r.path.startsWith('/1.1/submit-') && new URLSearchParams(r.raw).get('comment_content') === body),
    ).toHaveLength(1);
  });

  test('When a moderator approves a comment Akismet called spam, then Akismet receives submit-ham for it', async () => {
    const body = 'akismet-says-spam but this is really a reader asking about bin collections';
    const client = apiClient(stack.app);
    const id = await client.post(randomArticleId('ak'), { body });
    expect((await decision(stack, id)).status).toBe('spam');
    await client.moderate(id, 'approve');

    await waitFor(
      () => akismet.requests.find((r) => r.path === '/1.1/submit-ham' && new URLSearchParams(r.raw).get('comment_content') === body),
      10_000,
      'submit-ham',
    );
  });
});

describe('Akismet circuit breaker (PROVIDER_BREAKER_FAILURES)', () => {
  let akismet: FakeProvider;
  beforeAll(async () => {
    akismet = await startFakeAkismet();
    akismet.mode = 'down';
  });
  const stack = useTestStack(() => ({
    worker: true,
    env: akismetEnv(akismet, { PROVIDER_BREAKER_FAILURES: '3', PROVIDER_BREAKER_RESET_MS: '600000' }),
  }));
  afterAll(() => akismet?.close());

  test('When Akismet fails again and again, then the circuit opens, Akismet is no longer called and comments are held saying so', async () => {
    const client = apiClient(stack.app);
    const articleId = randomArticleId('breaker');
    for (let i = 0; i < 3; i++) {
      const id = await client.post(articleId, { body: `Reader comment number ${i} on the consultation.` });
      expect((await decision(stack, id)).reason).toMatch(/^Akismet answered HTTP 503/);
    }
    expect(akismet.requests).toHaveLength(3);

    const id = await client.post(articleId, { body: 'A fourth reader comment, after the circuit opened.' });
    expect(await decision(stack, id)).toEqual({
      status: 'held',
      rule: 'provider-hold',
      reason: 'Akismet is not being called after repeated failures (circuit open): held for a moderator instead of publishing it unchecked',
    });
    expect(akismet.requests).toHaveLength(3);

    const metrics = await stack.worker!.metrics.registry.metrics();
    expect(metrics).toContain('sift_provider_breaker_state{provider="akismet"} 1');
    expect(metrics).toMatch(/sift_provider_calls_total\{provider="akismet",call="comment-check",outcome="failure"\} 3/);
    expect(metrics).toMatch(/sift_provider_calls_total\{provider="akismet",call="comment-check",outcome="short-circuit"\} 1/);
    expect(metrics).toMatch(/sift_provider_failures_total\{provider="akismet",reason="circuit-open"\} 1/);
    expect(metrics).toMatch(/sift_provider_latency_seconds_count\{provider="akismet",call="comment-check"\} 3/);
  });
});
