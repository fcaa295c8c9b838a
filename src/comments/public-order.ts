import type { CursorCodec } from './cursor';
import { invalidCursor } from './cursor';
import type { ChangedRow, OrderKey, OrderedRow, PublicSort } from './public-list-repository';

/**
 * The public list's order, and why paging it stays honest when comments move.
 *
 * Every order puts the editors' picks first (phase "featured", then the rest), and within a phase
 * sorts by time (oldest, newest) or by recommendations, then time (top). Recommendations and picks
 * change while a reader pages: a comment recommended past the reader's position would be skipped,
 * one unpicked after the reader saw it among the picks would come again. So a list is read as of a
 * moment, its snapshot: the first page fixes it, and its cursor carries it to every next page. A
 * comment whose place changed after the snapshot (public_order_changes says which, and by how much)
 * is left out of the index read and put back where it stood at the snapshot; every other comment's
 * place is the same now as then. Each page is therefore a page of one fixed order: no comment is
 * shown twice, none skipped. What the page shows of a comment (its count, its pick mark) is today's.
 *
 * Comments approved after the snapshot join the order where they fall, as new comments always did.
 */

/** A comment in the order: its phase and its key as at the snapshot. */
export interface Placed {
  row: OrderedRow;
  featured: boolean;
  key: OrderKey;
}

/** Where a cursor's page starts. */
export interface PagePosition {
  snapshotUs: string;
  featured: boolean;
  key: OrderKey;
}

/**
 * A change is stamped (clock_timestamp) moments before its statement commits, so a first page read
 * in between would not see a change stamped before its moment, and a later page would. A list
 * therefore counts recommendations as of this long before its moment: every recommendation stamped
 * before that had committed when the first page was read (one small statement takes milliseconds
 * from stamp to commit). The price: for this long a new recommendation shows in the count but does
 * not move the comment yet. Picks count from the moment itself, so a pick shows first at once; a
 * moderator's pick committed in the very milliseconds a reader's first page is read may be the one
 * comment that reader's later pages place otherwise.
 */
export const SNAPSHOT_SETTLE_MS = 2_000;
/** How long a cursor is good for; public_order_changes is kept a little longer (the retention purge). */
export const CURSOR_LIFETIME_HOURS = 24;

/** -1, 0 or 1: where `a` comes relative to `b` in this order (within one phase). */
export function compareKeys(sort: PublicSort, a: OrderKey, b: OrderKey): number {
  if (sort === 'top' && a.recommendations !== b.recommendations) return a.recommendations > b.recommendations ? -1 : 1;
  const ta = BigInt(a.createdUs);
  const tb = BigInt(b.createdUs);
  // uuids order as their bytes do, which is the order of their (lower-case, canonical) text.
  const byTime = ta !== tb ? (ta < tb ? -1 : 1) : a.id === b.id ? 0 : a.id < b.id ? -1 : 1;
  return sort === 'newest' ? -byTime : byTime;
}

/**
 * One phase's comments after `from` as at the snapshot, in order: the index read (comments that did
 * not move, whose key now is their key then) merged with the moved comments that belong here.
 */
export function mergePhase(
  sort: PublicSort,
  featured: boolean,
  from: OrderKey | null,
  steady: OrderedRow[],
  changed: ChangedRow[],
): Placed[] {
  const placed: Placed[] = steady.map((row) => ({ row, featured, key: keyOf(row, row.recommendations) }));
  for (const row of changed) {
    if (row.featured_then !== featured) continue;
    const key = keyOf(row, row.recommendations_then);
    if (from && compareKeys(sort, key, from) <= 0) continue;
    placed.push({ row, featured, key });
  }
  return placed.sort((a, b) => compareKeys(sort, a.key, b.key));
}

const keyOf = (row: OrderedRow, recommendations: number): OrderKey => ({ recommendations, createdUs: row.created_us, id: row.id });

/**
 * Cursors are opaque and signed for one article and one order (the scope), so a cursor of another
 * list, or of this list in another order, is a 400. The payload: phase, snapshot, key.
 */
export const listScope = (articleId: string, sort: PublicSort) => `public:${articleId}:${sort}`;

const PAYLOAD = /^([fr])\.(\d{1,20})\.(-?\d{1,10})\.(\d{1,20})\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export function encodeListCursor(codec: CursorCodec, scope: string, position: PagePosition): string {
  const { key } = position;
  return codec.seal(scope, `${position.featured ? 'f' : 'r'}.${position.snapshotUs}.${key.recommendations}.${key.createdUs}.${key.id}`);
}

export function decodeListCursor(codec: CursorCodec, scope: string, cursor: string, nowMs = Date.now()): PagePosition {
  const match = PAYLOAD.exec(codec.open(scope, cursor));
  if (!match) throw invalidCursor();
  const [, phase, snapshotUs, recommendations, createdUs, id] = match as unknown as [string, string, string, string, string, string];
  if (BigInt(snapshotUs) < BigInt(nowMs - CURSOR_LIFETIME_HOURS * 3_600_000) * 1000n) {
    throw invalidCursor(`cursor has expired (older than ${CURSOR_LIFETIME_HOURS} hours); start again from the first page`);
  }
  return { snapshotUs, featured: phase === 'f', key: { recommendations: Number(recommendations), createdUs, id } };
}
