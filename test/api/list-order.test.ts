import request from 'supertest';
import { encodeListCursor, listScope } from '../../src/comments/public-order';
import { apiClient } from '../helpers/api-client';
import { randomArticleId } from '../helpers/factories';
import { useTestStack } from '../helpers/test-stack';
import { waitFor } from '../helpers/wait-for';

interface Shown {
  id: string;
  recommendations: number;
  featured: boolean;
}

describe('GET /v1/articles/:articleId/comments?sort=oldest|newest|top', () => {
  const stack = useTestStack({ env: { TRUST_PROXY: '1' } });
  let api: ReturnType<typeof apiClient>;
  beforeAll(() => {
    api = apiClient(stack.app);
  });

  const list = (articleId: string, query: Record<string, string | number> = {}) =>
    request(stack.app).get(`/v1/articles/${articleId}/comments`).query(query);
  const ids = (response: request.Response) => (response.body.comments as Shown[]).map((c) => c.id);
  let reader = 0;
  /** `n` new readers recommend the comment; answers their addresses. */
  const recommendBy = async (id: string, n: number) => {
    const ips: string[] = [];
    for (let i = 0; i < n; i++) {
      const ip = `10.20.${Math.floor(reader / 250)}.${(reader++ % 250) + 1}`;
      expect((await api.recommend(id, ip)).status).toBe(200);
      ips.push(ip);
    }
    return ips;
  };
  /**
   * As if the article's recommendations and picks were made a minute ago: a list orders by what
   * had settled a moment before it was first read (src/comments/public-order.ts).
   */
  const settle = (articleId: string) =>
    stack.services.db.query(`UPDATE public_order_changes SET created_at = created_at - interval '1 minute' WHERE article_id = $1`, [
      articleId,
    ]);

  /** Every page of the list in this order, `limit` at a time; `between` runs after each page. */
  async function readAll(articleId: string, sort: string, limit: number, between: (page: number) => Promise<void> = async () => {}) {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 1; page < 50; page++) {
      const response = await list(articleId, { sort, limit, ...(cursor ? { cursor } : {}) });
      expect(response.status).toBe(200);
      seen.push(...ids(response));
      cursor = response.body.nextCursor;
      if (!cursor) return seen;
      await between(page);
    }
    throw new Error('the list never ended');
  }

  test('When no sort is given, then oldest first; newest gives the reverse; top the most recommended first, ties oldest first', async () => {
    const articleId = randomArticleId();
    const [a, b, c, d] = [
      await api.postApproved(articleId),
      await api.postApproved(articleId),
      await api.postApproved(articleId),
      await api.postApproved(articleId),
    ];
    await recommendBy(c, 3);
    await recommendBy(a, 1);
    await recommendBy(d, 1);
    await settle(articleId);

    const [plain, oldest, newest, top] = await Promise.all([
      list(articleId),
      list(articleId, { sort: 'oldest' }),
      list(articleId, { sort: 'newest' }),
      list(articleId, { sort: 'top' }),
    ]);

    expect(plain.body).toMatchObject({ articleId, sort: 'oldest', total: 4, nextCursor: null });
    expect(ids(plain)).toEqual([a, b, c, d]);
    expect(ids(oldest)).toEqual([a, b, c, d]);
    expect(newest.body).toMatchObject({ sort: 'newest', total: 4 });
    expect(ids(newest)).toEqual([d, c, b, a]);
    expect(top.body).toMatchObject({ sort: 'top', total: 4 });
    expect(ids(top)).toEqual([c, a, d, b]);
    expect((top.body.comments as Shown[]).map((x) => x.recommendations)).toEqual([3, 1, 1, 0]);
  });

  test('When readers recommend while another reader pages through the most recommended, then every comment is seen exactly once, in the order the first page began', async () => {
    const articleId = randomArticleId();
    const comments: string[] = [];
    for (let i = 0; i < 8; i++) comments.push(await api.postApproved(articleId, { body: `comment ${i}` }));
    // comments[i] has 8 - i recommendations: the top order is the posting order.
    const readers: string[][] = [];
    for (const [i, id] of comments.entries()) readers.push(await recommendBy(id, 8 - i));
    await settle(articleId);
    let late = '';

    const seen = await readAll(articleId, 'top', 2, async (page) => {
      if (page !== 1) return;
      // After the first page: the last comment overtakes everyone, a first-page one falls to the
      // bottom, and a new comment is published.
      await recommendBy(comments[7], 12);
      for (const ip of readers[1]) expect((await api.recommend(comments[1], ip, false)).body.recommended).toBe(false);
      late = await api.postApproved(articleId, { body: 'published while paging' });
    });

    expect(seen).toEqual([...comments, late]);
    const fresh = await list(articleId, { sort: 'top', limit: 100 });
    expect(fresh.body.comments.find((c: Shown) => c.id === comments[7]).recommendations).toBe(13);
  });

  test('When a moderator picks a comment, then it comes first and is marked under every order, and is not shown twice', async () => {
    const articleId = randomArticleId();
    const [a, b, c] = [await api.postApproved(articleId), await api.postApproved(articleId), await api.postApproved(articleId)];
    await recommendBy(a, 2);
    await settle(articleId);
    await list(articleId, { sort: 'top' }); // a page cached before the pick must not be served after it

    expect((await api.feature(b)).status).toBe(200);

    const orders = await Promise.all(['oldest', 'newest', 'top'].map((sort) => list(articleId, { sort })));
    expect(orders.map(ids)).toEqual([
      [b, a, c],
      [b, c, a],
      [b, a, c],
    ]);
    for (const order of orders) {
      expect((order.body.comments as Shown[]).map((x) => x.featured)).toEqual([true, false, false]);
    }
  });

  test('When picks change while a reader pages, then no comment is skipped or repeated', async () => {
    const articleId = randomArticleId();
    const comments: string[] = [];
    for (let i = 0; i < 6; i++) comments.push(await api.postApproved(articleId, { body: `comment ${i}` }));
    await api.feature(comments[4]);
    await settle(articleId);

    const seen = await readAll(articleId, 'oldest', 2, async (page) => {
      if (page !== 1) return;
      // The reader has seen the pick and comments[0]: the pick is withdrawn, another comment picked.
      await api.feature(comments[4], false);
      await api.feature(comments[5]);
    });

    expect(seen).toEqual([comments[4], comments[0], comments[1], comments[2], comments[3], comments[5]]);
    expect(ids(await list(articleId, { limit: 1 }))).toEqual([comments[5]]);
  });

  test('When a reader recommends a comment, then its count shows at once and it moves up the most recommended within seconds', async () => {
    const articleId = randomArticleId();
    const [a, b] = [await api.postApproved(articleId), await api.postApproved(articleId)];
    expect(ids(await list(articleId, { sort: 'top' }))).toEqual([a, b]);

    await recommendBy(b, 1);

    const counted = await list(articleId, { sort: 'top' });
    expect((counted.body.comments as Shown[]).find((x) => x.id === b)!.recommendations).toBe(1);
    await waitFor(async () => (ids(await list(articleId, { sort: 'top' }))[0] === b ? true : undefined), 15_000, 'b to lead the top order');
  });

  test('When the same article is read in each order, then each order is cached apart', async () => {
    const articleId = randomArticleId();
    const [a, b] = [await api.postApproved(articleId), await api.postApproved(articleId)];

    const first = await list(articleId, { sort: 'oldest' });
    const second = await list(articleId, { sort: 'newest' });
    const again = await list(articleId, { sort: 'oldest' });

    expect(ids(first)).toEqual([a, b]);
    expect(ids(second)).toEqual([b, a]);
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(second.headers.etag).not.toBe(first.headers.etag);
  });

  test.each([
    ['a cursor of the oldest order used with top', 'oldest', 'top'],
    ['a cursor of the top order used with newest', 'top', 'newest'],
  ])('When the query has %s, then 400 invalid_cursor', async (_case, from, to) => {
    const articleId = randomArticleId();
    for (let i = 0; i < 3; i++) await api.postApproved(articleId);
    const page = await list(articleId, { sort: from, limit: 1 });

    const response = await list(articleId, { sort: to, limit: 1, cursor: page.body.nextCursor });

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('invalid_cursor');
  });

  test.each([
    ['an unknown sort', { sort: 'best' }],
    ['a sort in capitals', { sort: 'TOP' }],
    ['a forged top cursor', { sort: 'top', cursor: 'ci4xLjAuMTcwMDAwMDAwMDAwMDAwMC4wMDAw.AAAAAAAAAAAAAAAA' }],
    ['a cursor that is not base64url', { sort: 'newest', cursor: 'not a cursor!' }],
  ])('When the query has %s, then 400 in the contract shape', async (_case, query) => {
    const response = await list(randomArticleId(), query);
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
  });

  test('When a cursor is older than a day, then 400 invalid_cursor that says to start again', async () => {
    const articleId = randomArticleId();
    const id = await api.postApproved(articleId);
    const dayAgoUs = String((Date.now() - 25 * 3_600_000) * 1000);
    const stale = encodeListCursor(stack.services.cursors, listScope(articleId, 'top'), {
      snapshotUs: dayAgoUs,
      featured: false,
      key: { recommendations: 0, createdUs: dayAgoUs, id },
    });

    const response = await list(articleId, { sort: 'top', cursor: stale });

    expect(response.status).toBe(400);
    expect(response.body.error).toEqual({ code: 'invalid_cursor', message: expect.stringContaining('start again') });
  });
});
