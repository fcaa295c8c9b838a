import { randomArticleId } from '../helpers/factories';
import { useTestStack } from '../helpers/test-stack';
import { newsroomClient } from '../newsroom/newsroom-helpers';

/**
 * Issue 16.1 and 16.2 through the API: comments crafted to make the matcher backtrack. Before,
 * the first kind kept a worker busy for 1.5-4 s each and the second for minutes (past the job's
 * lock, so it moved to the next worker); now each is decided like any comment.
 */
const fill = (unit: string, length = 10_000) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

describe('POST /v1/articles/:articleId/comments with text crafted against the matcher', () => {
  const stack = useTestStack({ worker: true, env: { TRUST_PROXY: '1' } });
  let newsroom: ReturnType<typeof newsroomClient>;
  beforeAll(async () => {
    newsroom = newsroomClient(stack.app, stack.services.db);
    await newsroom.addTerms('suspect', ['militia', 'militant', 'millionaire', 'civilian']);
  });

  test.each([
    ['a profane word repeated as one word', fill('fuck')],
    ['a profane word repeated with look-alike letters', fill('fuсk ƒυ¢к ')],
    ['a profane word in leetspeak repeated', fill('b1tch ')],
    ['spaced-out profane letters repeated', fill('s h i t ')],
  ])('When a 10,000-character comment is %s, then it is decided and held for profanity', async (_what, body) => {
    const { id, status } = await newsroom.postAndDecide(randomArticleId(), { body });

    expect(status).toBe('held');
    expect(await newsroom.lastRule(id)).toBe('profanity');
  });

  test.each([
    ['repeated digits after an m', `m${'1'.repeat(9_999)}`],
    ['repeated i and l', fill('il1|')],
    ['repeated digits, spaced', fill('m 1 1 1 1 1 1 1 1 ')],
  ])(
    'When moderators list "militia"-like terms and a 10,000-character comment is %s, then it is decided without a match',
    async (_what, body) => {
      const { id, status } = await newsroom.postAndDecide(randomArticleId(), { body });

      expect(status).not.toBe('pending');
      expect(await newsroom.lastRule(id)).not.toBe('suspect-term');
    },
  );

  test('When such a crafted comment also names a listed term, then the term is found and the comment held', async () => {
    const { id, status } = await newsroom.postAndDecide(randomArticleId(), { body: `m${'1'.repeat(9_000)} and the m1l1t1a marched` });

    expect(status).toBe('held');
    expect(await newsroom.lastRule(id)).toBe('suspect-term');
  });
});
