import { apiClient } from '../helpers/api-client';
import { workerDecision as decision } from '../helpers/decision-log';
import { randomArticleId } from '../helpers/factories';
import { startFakePerspective, type FakeProvider } from '../helpers/fake-providers';
import { useTestStack } from '../helpers/test-stack';

function perspectiveEnv(perspective: FakeProvider, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PERSPECTIVE_API_KEY: 'fake-google-key-1',
    PERSPECTIVE_URL: `${perspective.url}/v1alpha1`,
    PERSPECTIVE_TIMEOUT_MS: '3000',
    ...extra,
  };
}

describe('Perspective (PERSPECTIVE_API_KEY), through the API and the worker', () => {
  let perspective: FakeProvider;
  beforeAll(async () => {
    perspective = await startFakePerspective();
  });
  const stack = useTestStack(() => ({ worker: true, env: perspectiveEnv(perspective, { PROVIDER_BREAKER_FAILURES: '50' }) }));
  afterAll(() => perspective?.close());

  afterEach(() => {
    perspective.mode = 'ok';
  });

  test('When Perspective scores a comment toxic, then it is held with the attributes in words, never rejected', async () => {
    const body = 'Honestly you-are-vile and everyone on this thread knows it.';
    const id = await apiClient(stack.app).post(randomArticleId('pe'), { body, authorEmail: 'private.person@example.org' });

    expect(await decision(stack, id)).toEqual({
      status: 'held',
      rule: 'provider-hold',
      reason: 'Perspective: toxic (TOXICITY 0.93), insulting (INSULT 0.93)',
    });
    const sent = perspective.requests.find((r) => r.raw.includes('you-are-vile'))!;
    expect(sent.path).toBe('/v1alpha1/comments:analyze');
    expect(sent.query.get('key')).toBe('fake-google-key-1');
    expect(sent.contentType).toMatch(/^application\/json/);
    expect(JSON.parse(sent.raw)).toMatchObject({
      comment: { text: body },
      requestedAttributes: { TOXICITY: {}, SEVERE_TOXICITY: {}, IDENTITY_ATTACK: {}, INSULT: {}, THREAT: {} },
      doNotStore: true,
    });
    expect(sent.raw).not.toContain('private.person');
  });

  test('When Perspective scores a comment below the threshold, then it is published', async () => {
    const id = await apiClient(stack.app).post(randomArticleId('pe'), { body: 'The minister should answer the question she was asked.' });
    expect(await decision(stack, id)).toMatchObject({ status: 'approved', rule: 'clean' });
  });

  test.each([
    ['does not answer in time', 'slow', 'Perspective did not answer within 3000 ms'],
    ['is down', 'down', 'Perspective answered HTTP 503'],
  ] as const)('When Perspective %s, then the comment is held with the reason in words', async (_what, mode, failure) => {
    perspective.mode = mode;
    const id = await apiClient(stack.app).post(randomArticleId('pe'), { body: `Good to see the library open on Sundays again (${mode}).` });
    expect(await decision(stack, id)).toEqual({
      status: 'held',
      rule: 'provider-hold',
      reason: `${failure}: held for a moderator instead of publishing it unchecked`,
    });
  });
});

describe('Perspective circuit breaker (PROVIDER_BREAKER_FAILURES)', () => {
  let perspective: FakeProvider;
  beforeAll(async () => {
    perspective = await startFakePerspective();
    perspective.mode = 'down';
  });
  const stack = useTestStack(() => ({
    worker: true,
    env: perspectiveEnv(perspective, { PROVIDER_BREAKER_FAILURES: '2', PROVIDER_BREAKER_RESET_MS: '600000' }),
  }));
  afterAll(() => perspective?.close());

  test('When Perspective keeps failing, then the circuit opens, it is no longer called and comments are held saying so', async () => {
    const client = apiClient(stack.app);
    const articleId = randomArticleId('pe-breaker');
    for (let i = 0; i < 2; i++) await decision(stack, await client.post(articleId, { body: `Comment ${i} about the flood defences.` }));
    expect(perspective.requests).toHaveLength(2);

    const id = await client.post(articleId, { body: 'A third comment, after the circuit opened.' });
    expect(await decision(stack, id)).toMatchObject({
      status: 'held',
      reason:
        'Perspective is not being called after repeated failures (circuit open): held for a moderator instead of publishing it unchecked',
    });
    expect(perspective.requests).toHaveLength(2);
    expect(await stack.worker!.metrics.registry.metrics()).toContain('sift_provider_breaker_state{provider="perspective"} 1');
  });
});
