import request from 'supertest';
import { randomArticleId } from '../helpers/factories';
import { useTestStack } from '../helpers/test-stack';
import { newsroomClient } from '../newsroom/newsroom-helpers';

/**
 * Issue 16.4: text behind a bidi override (U+202E ... U+202C) was stored and checked in one order
 * and drawn in the other, so "\u202Ekcuf\u202C" passed the checks and read as the word itself, and
 * a name could be drawn as another. Now the API drops bidi controls outside right-to-left scripts
 * (and overrides everywhere): what is stored, checked and shown is the same sequence of letters.
 */
const RLO = '\u202E';
const PDF = '\u202C';
const CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;

describe('POST /v1/articles/:articleId/comments with bidi controls', () => {
  const stack = useTestStack({ worker: true, env: { TRUST_PROXY: '1' } });
  let newsroom: ReturnType<typeof newsroomClient>;
  beforeAll(() => {
    newsroom = newsroomClient(stack.app, stack.services.db);
  });

  const publicComment = async (id: string) => (await request(stack.app).get(`/v1/comments/${id}`)).body;

  test('When a word is written backwards behind an override, then the override is dropped and readers see the letters as stored', async () => {
    const { id, status } = await newsroom.postAndDecide(randomArticleId(), { body: `The new timetable is ${RLO}kcuf${PDF} awful.` });

    expect(status).toBe('approved');
    expect(await publicComment(id)).toMatchObject({ body: 'The new timetable is kcuf awful.' });
  });

  test('When a link is written backwards behind an override, then readers see it backwards, not as a link', async () => {
    const { id } = await newsroom.postAndDecide(randomArticleId(), { body: `Read this: ${RLO}moc.evil//:sptth${PDF}` });

    expect((await publicComment(id)).body).toBe('Read this: moc.evil//:sptth');
  });

  test('When a name hides behind an override, then it is stored and shown in the order it was typed', async () => {
    const { id } = await newsroom.postAndDecide(randomArticleId(), {
      authorName: `${RLO}rotidE ehT${PDF}`,
      body: 'Thanks for the update on the roadworks.',
    });

    expect(await publicComment(id)).toMatchObject({ authorName: 'rotidE ehT' });
  });

  test('When a comment in Arabic or Hebrew carries marks and isolates, then they are kept, and only an override is dropped', async () => {
    const arabic = 'شكرا على \u2067التقرير\u2069 \u200Fحول الطرق';
    const { id } = await newsroom.postAndDecide(randomArticleId(), { authorName: 'עמית\u200F', body: `${arabic} ${RLO}kcuf${PDF}` });

    const shown = await publicComment(id);
    expect(shown).toMatchObject({ authorName: 'עמית\u200F', body: `${arabic} kcuf${PDF}` });
    expect(shown.body).not.toContain(RLO);
  });

  test.each([
    ['body', { body: `${RLO}${PDF}\u200E` }],
    ['authorName', { authorName: `\u2066${RLO}\u2069` }],
  ])('When the %s is made only of bidi controls, then 400 and nothing is stored', async (field, fields) => {
    const response = await request(stack.app)
      .post(`/v1/articles/${randomArticleId()}/comments`)
      .send({ authorName: 'Reader', authorEmail: 'reader@example.org', body: 'Fine.', ...fields });

    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: expect.any(String), message: expect.stringContaining(field) });
  });

  test('When comments are listed, then no name or body carries a bidi control outside right-to-left text', async () => {
    const articleId = randomArticleId();
    await newsroom.postAndDecide(articleId, { authorName: `Dana${RLO}`, body: `Agreed${'\u2066'} with the ${'\u200E'}council.` });

    const { comments } = (await request(stack.app).get(`/v1/articles/${articleId}/comments`)).body;
    expect(comments).toMatchObject([{ authorName: 'Dana', body: 'Agreed with the council.' }]);
    expect(comments.some((c: { authorName: string; body: string }) => CONTROLS.test(c.authorName + c.body))).toBe(false);
  });
});
