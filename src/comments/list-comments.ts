import type { Db, Queryable } from '../db/pool';
import { notFound } from '../errors';
import { findApprovedComment } from './comment-repository';
import type { CursorCodec } from './cursor';
import {
  countApprovedComments,
  findOrderChangesSince,
  listApprovedInOrder,
  type ChangedRow,
  type PublicSort,
} from './public-list-repository';
import {
  SNAPSHOT_SETTLE_MS,
  decodeListCursor,
  encodeListCursor,
  listScope,
  mergePhase,
  type PagePosition,
  type Placed,
} from './public-order';
import { toPublicComment, type PublicComment } from './public-view';

export interface ReadDeps {
  readDb: Db;
  /** The primary, asked when the read path (a replica) has not got the comment (yet). */
  primaryDb?: Queryable;
  cursors: CursorCodec;
}

export interface CommentPage {
  articleId: string;
  sort: PublicSort;
  total: number;
  comments: PublicComment[];
  nextCursor: string | null;
}

/**
 * Approved comments of an article in keyset pages: editors' picks first, then the rest, each part
 * oldest first (the default), newest first or most recommended first. A page never repeats or skips
 * a comment, whether new ones arrive or comments gain recommendations meanwhile (see
 * src/comments/public-order.ts). Replies carry their parentId; the widget threads them.
 */
export async function listPublicComments(
  deps: ReadDeps,
  articleId: string,
  page: { sort: PublicSort; limit: number; cursor?: string | undefined },
): Promise<CommentPage> {
  const scope = listScope(articleId, page.sort);
  const from = page.cursor ? decodeListCursor(deps.cursors, scope, page.cursor) : null;
  // One snapshot for the page's reads: the changes it corrects for and the index reads it corrects
  // agree on which changes have happened.
  const { snapshotUs, total, placed } = await deps.readDb.withTransaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const { snapshotUs, changed } = await findOrderChangesSince(tx, articleId, from?.snapshotUs ?? null, SNAPSHOT_SETTLE_MS);
    const placed = await readInOrder(tx, articleId, page.sort, from, changed, page.limit + 1);
    return { snapshotUs, placed, total: await countApprovedComments(tx, articleId) };
  });
  const shown = placed.slice(0, page.limit);
  const last = shown[shown.length - 1];
  return {
    articleId,
    sort: page.sort,
    total,
    comments: shown.map((item) => toPublicComment(item.row)),
    nextCursor:
      placed.length > page.limit && last
        ? encodeListCursor(deps.cursors, scope, { snapshotUs, featured: last.featured, key: last.key })
        : null,
  };
}

/** The next `want` comments after `from`: the rest of its phase, then (if need be) the next phase. */
async function readInOrder(
  db: Queryable,
  articleId: string,
  sort: PublicSort,
  from: PagePosition | null,
  changed: ChangedRow[],
  want: number,
): Promise<Placed[]> {
  const phases = from && !from.featured ? [false] : [true, false];
  const exclude = changed.map((row) => row.id);
  const positionIn = (featured: boolean) => (from && from.featured === featured ? from.key : null);
  const placed: Placed[] = [];
  for (const featured of phases) {
    if (placed.length >= want) break;
    const from = positionIn(featured);
    const steady = await listApprovedInOrder(db, articleId, { sort, featured, from, exclude, limit: want - placed.length });
    placed.push(...mergePhase(sort, featured, from, steady, changed).slice(0, want - placed.length));
  }
  return placed;
}

export async function getPublicComment(deps: ReadDeps, id: string): Promise<PublicComment> {
  const found = await findApprovedComment(deps.readDb, id);
  // A replica that lags must not 404 a comment just approved on the primary.
  const row = found ?? (deps.primaryDb && deps.primaryDb !== deps.readDb ? await findApprovedComment(deps.primaryDb, id) : null);
  if (!row) throw notFound('No published comment with this id');
  return toPublicComment(row);
}
