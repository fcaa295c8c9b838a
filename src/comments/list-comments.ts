import type { Queryable } from '../db/pool';
import { notFound } from '../errors';
import { countApprovedComments, findApprovedComment, listApprovedComments } from './comment-repository';
import type { CursorCodec } from './cursor';
import { toPublicComment, type PublicComment } from './public-view';

export interface ReadDeps {
  readDb: Queryable;
  /** The primary, asked when the read path (a replica) has not got the comment (yet). */
  primaryDb?: Queryable;
  cursors: CursorCodec;
}

export interface CommentPage {
  articleId: string;
  total: number;
  comments: PublicComment[];
  nextCursor: string | null;
}

/**
 * Approved comments of an article, oldest first, in keyset pages: a page never repeats or skips a
 * comment because newer ones arrived. Replies carry their parentId; the widget threads them.
 */
export async function listPublicComments(
  deps: ReadDeps,
  articleId: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<CommentPage> {
  const scope = `public:${articleId}`;
  const from = page.cursor ? deps.cursors.decode(scope, page.cursor) : null;
  const [rows, total] = await Promise.all([
    listApprovedComments(deps.readDb, articleId, from, page.limit + 1),
    countApprovedComments(deps.readDb, articleId),
  ]);
  const shown = rows.slice(0, page.limit);
  const last = shown[shown.length - 1];
  return {
    articleId,
    total,
    comments: shown.map(toPublicComment),
    nextCursor: rows.length > page.limit && last ? deps.cursors.encode(scope, { createdUs: last.created_us, id: last.id }) : null,
  };
}

export async function getPublicComment(deps: ReadDeps, id: string): Promise<PublicComment> {
  const found = await findApprovedComment(deps.readDb, id);
  // A replica that lags must not 404 a comment just approved on the primary.
  const row = found ?? (deps.primaryDb && deps.primaryDb !== deps.readDb ? await findApprovedComment(deps.primaryDb, id) : null);
  if (!row) throw notFound('No published comment with this id');
  return toPublicComment(row);
}
