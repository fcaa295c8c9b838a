import type { Queryable } from '../db/pool';
import type { PublicCommentRow } from './public-view';

/**
 * The SQL of the public list in its three orders, picks first (src/comments/list-comments.ts tells
 * the story). Only public columns are selected: never the email or its hash. Each order reads one
 * index range (sql/092_public_order_indexes.sql): the article and the pick are its leading columns,
 * and the position after a cursor is a row comparison over the columns that follow, in the index's
 * order, so no other index can serve it (docs/performance.md, "Plans that statistics cannot break").
 */

export const PUBLIC_SORTS = ['oldest', 'newest', 'top'] as const;
export type PublicSort = (typeof PUBLIC_SORTS)[number];

export interface OrderedRow extends PublicCommentRow {
  /** created_at in microseconds since the epoch, exact, as text (cursors carry it). */
  created_us: string;
}

/** A comment whose place in the order changed after a list's snapshot, with its place then. */
export interface ChangedRow extends OrderedRow {
  recommendations_then: number;
  featured_then: boolean;
}

/** Where a page starts: after this comment's key, in this pick phase. */
export interface OrderKey {
  recommendations: number;
  createdUs: string;
  id: string;
}

const COLUMNS = `id, parent_id, author_name, body, created_at, author_badge, recommendations, featured,
  (extract(epoch FROM created_at) * 1000000)::int8::text AS created_us`;
const C_COLUMNS = `c.id, c.parent_id, c.author_name, c.body, c.created_at, c.author_badge, c.recommendations, c.featured,
  (extract(epoch FROM c.created_at) * 1000000)::int8::text AS created_us`;
/** The timestamp a microsecond count stands for, from parameter $n. */
const at = (n: number) => `timestamptz 'epoch' + $${n}::int8 * interval '1 microsecond'`;

/**
 * One statement per order; only these fixed texts are ever sent (nothing from input is spliced).
 * $1 article, $2 featured, $3 position's created_us (NULL: from the start), $4 its id, $5 ids to
 * leave out (their place is worked out from their history), $6 limit; top: $7 the position's
 * recommendations.
 *
 * The article and the pick are written as ranges of one value and kept in the ORDER BY and in the
 * row comparison: an = would let PostgreSQL drop them from the order, and a row comparison that
 * starts at created_at is an index condition for comments_created_idx too. So written, only the
 * index whose leading columns are (article, featured, …) in that order can give the rows in order.
 */
const PHASE = `article_id >= $1::text AND article_id <= $1::text AND featured >= $2::boolean AND featured <= $2::boolean AND status = 'approved'`;
const PAGE_SQL: Record<PublicSort, string> = {
  oldest: `SELECT ${COLUMNS} FROM comments
     WHERE ${PHASE}
       AND ($3::int8 IS NULL OR (article_id, featured, created_at, id) > ($1, $2, ${at(3)}, $4::uuid))
       AND id <> ALL ($5::uuid[])
     ORDER BY article_id, featured, created_at, id LIMIT $6`,
  newest: `SELECT ${COLUMNS} FROM comments
     WHERE ${PHASE}
       AND ($3::int8 IS NULL OR (article_id, featured, created_at, id) < ($1, $2, ${at(3)}, $4::uuid))
       AND id <> ALL ($5::uuid[])
     ORDER BY article_id DESC, featured DESC, created_at DESC, id DESC LIMIT $6`,
  top: `SELECT ${COLUMNS} FROM comments
     WHERE ${PHASE}
       AND ($3::int8 IS NULL OR (article_id, featured, -recommendations, created_at, id) > ($1, $2, -$7::int4, ${at(3)}, $4::uuid))
       AND id <> ALL ($5::uuid[])
     ORDER BY article_id, featured, -recommendations, created_at, id LIMIT $6`,
};

/** Approved comments of one pick phase, in the order, after `from`, leaving out `exclude`. */
export async function listApprovedInOrder(
  db: Queryable,
  articleId: string,
  page: { sort: PublicSort; featured: boolean; from: OrderKey | null; exclude: string[]; limit: number },
): Promise<OrderedRow[]> {
  const { from } = page;
  const params: unknown[] = [articleId, page.featured, from?.createdUs ?? null, from?.id ?? null, page.exclude, page.limit];
  if (page.sort === 'top') params.push(from?.recommendations ?? 0);
  return db.query<OrderedRow>(PAGE_SQL[page.sort], params);
}

/**
 * The moment a list's pages are read as of (`snapshotUs`: given by the cursor, or now for a first
 * page), and the approved comments of the article whose place changed since, each with its
 * recommendations and pick as they were then. Recommendations count from `settleMs` before the
 * moment (see SNAPSHOT_SETTLE_MS); picks from the moment itself. A few rows: the changes of one
 * article since a reader's first page.
 */
export async function findOrderChangesSince(
  db: Queryable,
  articleId: string,
  snapshotUs: string | null,
  settleMs: number,
): Promise<{ snapshotUs: string; changed: ChangedRow[] }> {
  const rows = await db.query<{ snapshot_us: string } & (ChangedRow | { [K in keyof ChangedRow]: null })>(
    `WITH t AS (
       SELECT coalesce($2::int8, (extract(epoch FROM clock_timestamp()) * 1000000)::int8) AS us
     ), changed AS (
       SELECT o.comment_id,
              sum(o.recommendations_delta)::int AS delta,
              (array_agg(o.featured_before ORDER BY o.id) FILTER (WHERE o.featured_before IS NOT NULL))[1] AS featured_before
       FROM public_order_changes o
       WHERE o.article_id = $1
         AND o.created_at > timestamptz 'epoch' + ((SELECT us FROM t) - $3::int8 * 1000) * interval '1 microsecond'
         AND (o.featured_before IS NULL OR o.created_at > timestamptz 'epoch' + (SELECT us FROM t) * interval '1 microsecond')
       GROUP BY o.comment_id
     )
     SELECT t.us::text AS snapshot_us, ${C_COLUMNS},
            c.recommendations - ch.delta AS recommendations_then,
            coalesce(ch.featured_before, c.featured) AS featured_then
     FROM t
     LEFT JOIN changed ch ON true
     LEFT JOIN comments c ON c.id = ch.comment_id AND (c.status = 'approved') IS TRUE`,
    [articleId, snapshotUs, settleMs],
  );
  return {
    snapshotUs: rows[0].snapshot_us,
    changed: rows.filter((row): row is { snapshot_us: string } & ChangedRow => row.id !== null),
  };
}

export async function countApprovedComments(db: Queryable, articleId: string): Promise<number> {
  const [row] = await db.query<{ total: number }>(
    `SELECT count(*)::int AS total FROM comments WHERE article_id = $1 AND status = 'approved'`,
    [articleId],
  );
  return row.total;
}

/** Approved comments of each article asked for; an article without any is absent from the map. */
export async function countApprovedByArticle(db: Queryable, articleIds: string[]): Promise<Map<string, number>> {
  const rows = await db.query<{ article_id: string; total: number }>(
    `SELECT article_id, count(*)::int AS total FROM comments
     WHERE article_id = ANY ($1::text[]) AND status = 'approved'
     GROUP BY article_id`,
    [articleIds],
  );
  return new Map(rows.map((row) => [row.article_id, row.total]));
}
