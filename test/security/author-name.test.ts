import request from 'supertest';
import { randomArticleId } from '../helpers/factories';
import { useTestStack } from '../helpers/test-stack';
import { newsroomClient } from '../newsroom/newsroom-helpers';

/**
 * Issue 16.3: the author name is shown beside the comment, so every check that reads the body reads
 * the name too. Before, each of these names was published with a clean body.
 */
const CLEAN_BODY = 'The bypass consultation closes on Friday; the council has published the traffic figures.';

describe('POST /v1/articles/:articleId/comments with an author name that the checks must read', () => {
  const stack = useTestStack({ worker: true, env: { TRUST_PROXY: '1' } });
  let newsroom: ReturnType<typeof newsroomClient>;
  beforeAll(async () => {
    newsroom = newsroomClient(stack.app, stack.services.db);
    await newsroom.addTerms('banned', ['grifter']);
    await newsroom.addTerms('suspect', ['shill*']);
  });

  const isPublic = async (articleId: string) => (await request(stack.app).get(`/v1/articles/${articleId}/comments`)).body.total as number;

  test.each([
    ['a slur', 'N1gger Hater', 'held', 'profanity', 'profanity in the author name: nigger'],
    ['profanity in look-alike letters', 'Fuсk The Council', 'held', 'profanity', 'profanity in the author name: fuck'],
    [
      'a link',
      'Dave at pharma-deals.xyz',
      'held',
      'author-name',
      'a link in the author name: 1 link, 1 to a suspicious domain (pharma-deals.xyz)',
    ],
    ['a phone number', 'Dave call 07700 900456', 'held', 'author-name', 'a phone number in the author name'],
    ['a banned term', 'Gr1fter Watch', 'rejected', 'banned-term', "banned term: 'grifter' in the author name"],
    ['a suspect term', 'Paid shills everywhere', 'held', 'suspect-term', "suspect term: 'shill*' in the author name"],
  ])(
    'When the name carries %s and the body is clean, then the comment is not published and the reason names the author name',
    async (_what, authorName, status, rule, reason) => {
      const articleId = randomArticleId();

      const posted = await newsroom.postAndDecide(articleId, { authorName, body: CLEAN_BODY });

      expect(posted.status).toBe(status);
      const { history } = await newsroom.history(posted.id);
      expect(history.at(-1)).toMatchObject({ by: 'auto', to: status, rule, reason });
      expect(await isPublic(articleId)).toBe(0);
    },
  );

  test.each(['Dick Francis', 'Richard Cocks', 'Anne Hassan of Scunthorpe', 'JOHN SMITH', 'Sam from Penistone'])(
    'When the name is a real name that contains a listed word ("%s"), then the comment is approved',
    async (authorName) => {
      const articleId = randomArticleId();

      const posted = await newsroom.postAndDecide(articleId, { authorName, body: CLEAN_BODY });

      expect(posted.status).toBe('approved');
      expect(await isPublic(articleId)).toBe(1);
    },
  );

  test('When the name is profane, then the moderator view records which terms were in the name', async () => {
    const posted = await newsroom.postAndDecide(randomArticleId(), { authorName: 'Sh1thead', body: CLEAN_BODY });

    const view = await request(stack.app).get(`/v1/moderation/comments/${posted.id}`).set(newsroom.auth);
    expect(view.body.checks).toMatchObject({
      profanity: { isProfane: true, terms: ['shit'], inAuthorName: ['shit'] },
      authorName: { flagged: false, reasons: [] },
    });
  });
});
