import request from 'supertest';
import { workerDecision } from '../helpers/decision-log';
import { randomArticleId } from '../helpers/factories';
import { apiClient } from '../helpers/api-client';
import { useTestStack } from '../helpers/test-stack';

/** Issue 19: abuse without a swear word is held for a moderator with the reason in words, never rejected by itself. */
describe('POST /v1/articles/:articleId/comments and the abuse check', () => {
  const stack = useTestStack({ worker: true });
  let api: ReturnType<typeof apiClient>;
  beforeAll(() => {
    api = apiClient(stack.app);
  });

  test.each([
    [
      'an insult aimed at a reader',
      'You are an idiot if you think the bypass will fix anything.',
      'insult',
      "abuse: an insult aimed at a person: 'you are an idiot'",
    ],
    ['a threat', 'People like you should be shot.', 'threat', "abuse: a threat: 'should be shot'"],
    ['an attack on a group', 'Immigrants are vermin, the lot of them.', 'group', "abuse: an attack on a group: 'immigrants are vermin'"],
  ])(
    'When a comment carries %s, then it is held with rule abuse, the reason in words, and the kind in its checks',
    async (_what, body, kind, reason) => {
      const articleId = randomArticleId();
      const id = await api.post(articleId, { body });

      expect(await workerDecision(stack, id)).toEqual({ status: 'held', rule: 'abuse', reason });
      expect((await api.view(id)).body.checks).toMatchObject({
        spam: { isSpam: false },
        profanity: { isProfane: false, terms: [] },
        abuse: { isAbusive: true, kinds: [kind] },
      });
      expect((await request(stack.app).get(`/v1/articles/${articleId}/comments`)).body.total).toBe(0);
    },
  );

  test.each([
    ['criticism of a public figure', 'The minister is an idiot and should resign.'],
    ['a slur quoted to condemn it', "Calling refugees 'vermin' is disgusting and the MP should apologise."],
    ['reporting', 'The killer should be jailed for life.'],
    ['an idiom', 'I could kill for a decent bus service round here.'],
  ])('When a comment is %s, then it is approved and its checks record no abuse', async (_what, body) => {
    const id = await api.post(randomArticleId(), { body });

    expect(await workerDecision(stack, id)).toMatchObject({ status: 'approved', rule: 'clean' });
    expect((await api.view(id)).body.checks.abuse).toEqual({ isAbusive: false, kinds: [], reasons: [] });
  });

  test('When the author name is abusive and the body clean, then it is held and the reason says the name', async () => {
    const id = await api.post(randomArticleId(), { authorName: 'Muslims are vermin', body: 'The bypass consultation closes on Friday.' });

    expect(await workerDecision(stack, id)).toEqual({
      status: 'held',
      rule: 'abuse',
      reason: "abuse: author name: an attack on a group: 'muslims are vermin'",
    });
  });

  test('When an abusive comment also masks a swear word, then it is held (never rejected by abuse) and both reasons are given', async () => {
    const id = await api.post(randomArticleId(), { body: 'You are a f*cking idiot.' });

    const decision = await workerDecision(stack, id);
    expect(decision).toMatchObject({ status: 'held', rule: 'profanity-masked' });
    expect(decision.reason).toContain('abuse: an insult aimed at a person');
  });
});
