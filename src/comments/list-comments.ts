import type { Queryable } from '../db/pool';
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
  readDb: Queryable;
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
  const [{ snapshotUs, changed }, total] = await Promise.all([
    findOrderChangesSince(deps.readDb, articleId, from?.snapshotUs ?? null, SNAPSHOT_SETTLE_MS),
    countApprovedComments(deps.readDb, articleId),
  ]);
  const placed = await readInOrder(deps.readDb, articleId, page.sort, from, changed, page.limit + 1);
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
  // Both phases at once: the picks are usually none, and the rest is then needed anyway.
  const steady = await Promise.all(
    phases.map((featured) => listApprovedInOrder(db, articleId, { sort, featured, from: positionIn(featured), exclude, limit: want })),
  );
  const placed: Placed[] = [];
  phases.forEach((featured, i) => {
    if (placed.length >= want) return;
    placed.push(...mergePhase(sort, featured, positionIn(featured), steady[i]!, changed).slice(0, want - placed.length));
  });
  return placed;
}

export async function getPublicComment(deps: ReadDeps, id: string): Promise<PublicComment> {
  const found = await findApprovedComment(deps.readDb, id);
  // A replica that lags must not 404 a comment just approved on the primary.
  const row = found ?? (deps.primaryDb && deps.primaryDb !== deps.readDb ? await findApprovedComment(deps.primaryDb, id) : null);
  if (!row) throw notFound('No published comment with this id');
  return toPublicComment(row);
}
