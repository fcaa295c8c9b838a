import { randomUUID } from 'node:crypto';
import { createPendingCommentWriter } from '../../src/comments/pending-writer';
import type { NewCommentRow } from '../../src/comments/comment-repository';
import { randomArticleId } from '../helpers/factories';
import { useTestStack } from '../helpers/test-stack';

describe('intake INSERTs shared by concurrent POSTs', () => {
  const stack = useTestStack();

  const row = (articleId: string, overrides: Partial<NewCommentRow> = {}): NewCommentRow => ({
    id: randomUUID(),
    articleId,
    parentId: null,
    authorName: 'Reader',
    authorEmailEnc: stack.services.secrets.encryptEmail('reader@example.org'),
    authorEmailHash: stack.services.secrets.emailHash('reader@example.org'),
    ipHash: null,
    body: `A comment ${randomUUID()}`,
    bodyHash: Buffer.alloc(32, 1),
    ...overrides,
  });

  test('When PostgreSQL refuses one comment of a shared INSERT, then only that comment fails and the others are committed', async () => {
    const write = createPendingCommentWriter(stack.services.db, null);
    const articleId = randomArticleId();
    // A reply to a comment that does not exist breaks the parent foreign key.
    const orphan = row(articleId, { parentId: randomUUID() });
    const good = [row(articleId), row(articleId), row(articleId)];

    // The four calls of this turn share one statement, which PostgreSQL refuses because of the orphan.
    const outcomes = await Promise.allSettled([write(good[0]), write(good[1]), write(orphan), write(good[2])]);

    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[2] as PromiseRejectedResult).reason).toMatchObject({ code: '23503' });
    const stored = await stack.services.db.query<{ id: string }>('SELECT id FROM comments WHERE article_id = $1', [articleId]);
    expect(new Set(stored.map((r) => r.id))).toEqual(new Set(good.map((g) => g.id)));
  });
});
