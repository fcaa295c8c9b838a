import type { Queryable } from '../db/pool';
import { articleClosedSql } from '../articles/article-repository';
import type { PublicCommentRow } from './public-view';
import type { Position } from './cursor';

/**
 * All SQL on the comments table. Every status change, the worker's and the moderators', goes
 * through here. Public queries select only the public columns: never the email or its hash.
 */

export type CommentStatus = 'pending' | 'approved' | 'held' | 'rejected' | 'spam';
export const COMMENT_STATUSES: readonly CommentStatus[] = ['pending', 'approved', 'held', 'rejected', 'spam'];

export interface CommentChecks {
  spam: { isSpam: boolean; score: number; reasons: string[] };
  profanity: { isProfane: boolean; terms: string[]; reasons?: string[] };
  [extra: string]: unknown;
}

export interface CommentRow extends PublicCommentRow {
  article_id: string;
  author_email_enc: Buffer;
  author_email_hash: Buffer;
  ip_hash: Buffer | null;
  body_hash: Buffer;
  status: CommentStatus;
  checks: CommentChecks | null;
  decided_by: string | null;
  decided_at: Date | null;
  /** Posted by a reader signed in to the site (SSO). Absent from reads that did not select it. */
  signed_in?: boolean;
  notify_replies?: boolean;
}

export interface PagedRow {
  created_us: string;
}

const PUBLIC_COLUMNS = 'id, parent_id, author_name, body, created_at, author_badge, recommendations, featured';
const CREATED_US = '(extract(epoch FROM created_at) * 1000000)::int8::text AS created_us';
/** The timestamp a cursor's microsecond count stands for, from parameter $n. */
const after = (n: number) => `timestamptz 'epoch' + $${n}::int8 * interval '1 microsecond'`;

export interface NewCommentRow {
  id: string;
  articleId: string;
  parentId: string | null;
  authorName: string;
  authorEmailEnc: Buffer;
  authorEmailHash: Buffer;
  ipHash: Buffer | null;
  body: string;
  bodyHash: Buffer;
  /** A signed-in reader's id (the token's `sub`), encrypted like an address; null for the anonymous form. */
  authorSsoEnc?: Buffer | null;
  /** The keyed hash of a signed-in reader's address (their author key is the reader hash). */
  ssoEmailHash?: Buffer | null;
  authorBadge?: string | null;
  notifyReplies?: boolean;
}

/**
 * The new comment, pending, unless its article is closed to comments now: the check and the INSERT
 * are one statement (one round trip, no window between them). Null when the article is closed.
 */
export async function insertPendingComment(
  db: Queryable,
  c: NewCommentRow,
  autoCloseAfterDays: number | null,
): Promise<{ created_at: Date } | null> {
  const [row] = await db.query<{ created_at: Date }>(
    `INSERT INTO comments (id, article_id, parent_id, author_name, author_email_enc, author_email_hash, ip_hash, body, body_hash,
                           author_sso_enc, sso_email_hash, author_badge, notify_replies)
     SELECT $1::uuid, $2::text, $3::uuid, $4::text, $5::bytea, $6::bytea, $7::bytea, $8::text, $9::bytea,
            $11::bytea, $12::bytea, $13::text, $14::boolean
     WHERE NOT ${articleClosedSql('$2::text', '$10')}
     RETURNING created_at`,
    [
      c.id,
      c.articleId,
      c.parentId,
      c.authorName,
      c.authorEmailEnc,
      c.authorEmailHash,
      c.ipHash,
      c.body,
      c.bodyHash,
      autoCloseAfterDays,
      c.authorSsoEnc ?? null,
      c.ssoEmailHash ?? null,
      c.authorBadge ?? null,
      c.notifyReplies ?? false,
    ],
    { prepare: true },
  );
  return row ?? null;
}

/**
 * Several new comments, pending, in one statement (intake gathers concurrent POSTs: see
 * src/comments/pending-writer.ts). Each row is checked against its own article exactly as
 * `insertPendingComment` does; the answer maps each inserted id to its created_at, and a row
 * missing from it was refused because its article is closed.
 */
export async function insertPendingComments(
  db: Queryable,
  rows: NewCommentRow[],
  autoCloseAfterDays: number | null,
): Promise<Map<string, Date>> {
  const column = <K extends keyof NewCommentRow>(key: K, otherwise: unknown = null) => rows.map((row) => row[key] ?? otherwise);
  const inserted = await db.query<{ id: string; created_at: Date }>(
    `INSERT INTO comments (id, article_id, parent_id, author_name, author_email_enc, author_email_hash, ip_hash, body, body_hash,
                           author_sso_enc, sso_email_hash, author_badge, notify_replies)
     SELECT n.id, n.article_id, n.parent_id, n.author_name, n.author_email_enc, n.author_email_hash, n.ip_hash, n.body, n.body_hash,
            n.author_sso_enc, n.sso_email_hash, n.author_badge, n.notify_replies
     FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::bytea[], $6::bytea[], $7::bytea[], $8::text[], $9::bytea[],
                 $11::bytea[], $12::bytea[], $13::text[], $14::boolean[])
          AS n(id, article_id, parent_id, author_name, author_email_enc, author_email_hash, ip_hash, body, body_hash,
               author_sso_enc, sso_email_hash, author_badge, notify_replies)
     WHERE NOT ${articleClosedSql('n.article_id', '$10')}
     RETURNING id, created_at`,
    [
      column('id'),
      column('articleId'),
      column('parentId'),
      column('authorName'),
      column('authorEmailEnc'),
      column('authorEmailHash'),
      column('ipHash'),
      column('body'),
      column('bodyHash'),
      autoCloseAfterDays,
      column('authorSsoEnc'),
      column('ssoEmailHash'),
      column('authorBadge'),
      column('notifyReplies', false),
    ],
    { prepare: true },
  );
  return new Map(inserted.map((row) => [row.id, row.created_at]));
}

export async function findParent(db: Queryable, id: string): Promise<{ article_id: string; status: CommentStatus } | null> {
  const [row] = await db.query<{ article_id: string; status: CommentStatus }>('SELECT article_id, status FROM comments WHERE id = $1', [
    id,
  ]);
  return row ?? null;
}

export async function findApprovedComment(db: Queryable, id: string): Promise<PublicCommentRow | null> {
  const [row] = await db.query<PublicCommentRow>(`SELECT ${PUBLIC_COLUMNS} FROM comments WHERE id = $1 AND status = 'approved'`, [id]);
  return row ?? null;
}

const FULL_COLUMNS = `id, article_id, parent_id, author_name, author_email_enc, author_email_hash, ip_hash,
  body, body_hash, status, checks, decided_by, decided_at, created_at, author_badge, notify_replies,
  author_sso_enc IS NOT NULL AS signed_in, recommendations, featured`;

export async function findComment(db: Queryable, id: string, forUpdate = false): Promise<CommentRow | null> {
  const [row] = await db.query<CommentRow>(`SELECT ${FULL_COLUMNS} FROM comments WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return row ?? null;
}

export interface ModerationFilter {
  status?: CommentStatus;
  /** Only comments with reports no moderator has decided yet (the reported queue). */
  reported?: boolean;
  articleId?: string;
  /** Words in the body or the author's name, case-insensitively. */
  q?: string;
  /** `decided`: approved, rejected and spam comments, the most recently decided first. */
  order: 'newest' | 'oldest' | 'decided';
  /** With order=decided: only decisions since then. */
  decidedSince?: Date;
}

/** `q` as an ILIKE pattern that matches it literally anywhere: its own % _ and \ are escaped. */
const containsPattern = (q: string | undefined) => (q ? `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%` : null);

/**
 * $1 status, $2 article, $3 search pattern and $4 decided-since are optional filters. The search is
 * a scan of the filtered rows (no trigram index: it would tax every comment's INSERT for a rare
 * query); the other filters and the order use the status, article and decided_at indexes.
 */
const MODERATION_FILTER = `($1::text IS NULL OR status = $1)
       AND ($2::text IS NULL OR article_id = $2)
       AND ($3::text IS NULL OR body ILIKE $3 OR author_name ILIKE $3)
       AND ($4::timestamptz IS NULL OR decided_at >= $4)`;

/**
 * The reported queue reads the few comments with open reports by their ids (through the reports'
 * partial index and the primary key), never the comments indexes from end to end.
 */
const REPORTED_FILTER = 'id IN (SELECT comment_id FROM comment_reports WHERE resolved_at IS NULL)';
/** The filter of a moderation list: fixed text only, chosen by whether it is the reported queue. */
const moderationFilter = (filter: ModerationFilter) =>
  filter.reported ? `${REPORTED_FILTER} AND ${MODERATION_FILTER}` : MODERATION_FILTER;

export async function listForModeration(
  db: Queryable,
  filter: ModerationFilter,
  from: Position | null,
  limit: number,
): Promise<(CommentRow & PagedRow)[]> {
  const filters = [filter.status ?? null, filter.articleId ?? null, containsPattern(filter.q), filter.decidedSince ?? null];
  if (filter.order === 'decided') {
    // The cursor's position is the decision's time here (created_us names the page position).
    return db.query(
      `SELECT ${FULL_COLUMNS}, (extract(epoch FROM decided_at) * 1000000)::int8::text AS created_us FROM comments
       WHERE decided_at IS NOT NULL AND status IN ('approved', 'rejected', 'spam') AND ${moderationFilter(filter)}
         AND ($5::text IS NULL OR (decided_at, id) < (${after(5)}, $6::uuid))
       ORDER BY decided_at DESC, id DESC
       LIMIT $7`,
      [...filters, from?.createdUs ?? null, from?.id ?? null, limit],
    );
  }
  const direction = filter.order === 'oldest' ? 'ASC' : 'DESC';
  const comparison = filter.order === 'oldest' ? '>' : '<';
  // Only the fixed direction keyword is spliced into the text, from the two values above, never from input.
  return db.query(
    `SELECT ${FULL_COLUMNS}, ${CREATED_US} FROM comments
     WHERE ${moderationFilter(filter)}
       AND ($5::text IS NULL OR (created_at, id) ${comparison} (${after(5)}, $6::uuid))
     ORDER BY created_at ${direction}, id ${direction}
     LIMIT $7`,
    [...filters, from?.createdUs ?? null, from?.id ?? null, limit],
  );
}

export async function countForModeration(db: Queryable, filter: ModerationFilter): Promise<number> {
  const [row] = await db.query<{ total: number }>(
    `SELECT count(*)::int AS total FROM comments
     WHERE ${moderationFilter(filter)} AND ($5::boolean IS FALSE OR (decided_at IS NOT NULL AND status IN ('approved', 'rejected', 'spam')))`,
    [filter.status ?? null, filter.articleId ?? null, containsPattern(filter.q), filter.decidedSince ?? null, filter.order === 'decided'],
  );
  return row.total;
}

export interface AuthorCommentRow {
  id: string;
  article_id: string;
  body: string;
  status: CommentStatus;
  decided_by: string | null;
  created_at: Date;
}

/**
 * The other comments of this comment's author (same keyed email hash), newest first, and how many
 * they have in each status. Nothing of the address itself is selected.
 */
export async function findAuthorsOtherComments(
  db: Queryable,
  commentId: string,
  limit: number,
): Promise<{ comments: AuthorCommentRow[]; byStatus: Partial<Record<CommentStatus, number>> } | null> {
  const [own] = await db.query<{ author_email_hash: Buffer }>('SELECT author_email_hash FROM comments WHERE id = $1', [commentId]);
  if (!own) return null;
  const [comments, counts] = await Promise.all([
    db.query<AuthorCommentRow>(
      `SELECT id, article_id, body, status, decided_by, created_at FROM comments
       WHERE author_email_hash = $1 AND id <> $2 ORDER BY created_at DESC LIMIT $3`,
      [own.author_email_hash, commentId, limit],
    ),
    db.query<{ status: CommentStatus; count: number }>(
      `SELECT status, count(*)::int AS count FROM comments WHERE author_email_hash = $1 AND id <> $2 GROUP BY status`,
      [own.author_email_hash, commentId],
    ),
  ]);
  return { comments, byStatus: Object.fromEntries(counts.map((row) => [row.status, row.count])) };
}

export async function recordModeratorDecision(
  db: Queryable,
  id: string,
  status: CommentStatus,
  moderatorName: string,
): Promise<CommentRow> {
  const [row] = await db.query<CommentRow>(
    `UPDATE comments SET status = $2, decided_by = $3, decided_at = now()
     WHERE id = $1
     RETURNING ${FULL_COLUMNS}`,
    [id, status, moderatorName],
  );
  return row;
}

/**
 * A published comment that enough readers reported goes back to held until a moderator decides:
 * the change and its audit row, in the caller's transaction. False when it was no longer approved.
 */
export async function holdReportedComment(db: Queryable, id: string): Promise<boolean> {
  const rows = await db.query(
    `UPDATE comments SET status = 'held', decided_by = 'auto', decided_at = now()
     WHERE id = $1 AND status = 'approved'
     RETURNING id`,
    [id],
  );
  return rows.length > 0;
}

/** Picks or unpicks a comment; the row after, or null when there is no such comment. */
export async function setFeatured(db: Queryable, id: string, featured: boolean): Promise<CommentRow | null> {
  const [row] = await db.query<CommentRow>(`UPDATE comments SET featured = $2 WHERE id = $1 RETURNING ${FULL_COLUMNS}`, [id, featured]);
  return row ?? null;
}

/**
 * The oldest comments pending for longer than `olderThanSeconds`. With `queuedWith` (the comments
 * of the queue's oldest running and oldest waiting jobs), only those committed before them: the rest
 * are in those jobs or in later ones (intake queues its comments in the order it committed them).
 */
export async function findStalePending(
  db: Queryable,
  olderThanSeconds: number,
  limit: number,
  queuedWith: string[] | null = null,
): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT id FROM comments
     WHERE status = 'pending' AND created_at < now() - $1 * interval '1 second'
       AND created_at < coalesce((SELECT min(q.created_at) FROM comments q WHERE q.id = ANY($3::uuid[])), 'infinity')
     ORDER BY created_at LIMIT $2`,
    [olderThanSeconds, limit, queuedWith],
  );
  return rows.map((row) => row.id);
}

/**
 * A worker's decision: written with its audit row in one statement, so the UPDATE's guard (still
 * pending) and the audit INSERT commit together or not at all, in one round trip.
 *
 * Committed without waiting for the WAL flush (`synchronous_commit` off for this statement's own
 * transaction only): a decision can be computed again, so a PostgreSQL crash may only put the last
 * fraction of a second of decisions back to `pending`, and the sweeper queues those again (a pending
 * comment whose job completed). Any later synchronous commit that saw the decision (a moderator's
 * action, the webhook outbox's cursor) flushes it first. Intake never does this: a 202 means durable.
 */
export interface AutomaticDecision {
  id: string;
  status: CommentStatus;
  /** null when the checks did not finish (CHECK_BUDGET_MS). */
  checks: CommentChecks | null;
  audit: { reason: string | null; details: Record<string, unknown> };
}

/**
 * Several of the worker's decisions in one statement, each guarded and audited as above; the whole
 * batch commits or fails together. For each decision, in order: whether it was recorded (false when
 * that comment was no longer pending, or when the same comment came earlier in the batch).
 */
export async function recordAutomaticDecisionsAudited(db: Queryable, decisions: AutomaticDecision[]): Promise<boolean[]> {
  const seen = new Set<string>();
  const unique = decisions.filter((decision) => !seen.has(decision.id) && seen.add(decision.id));
  const rows = await db.query<{ comment_id: string }>(
    `WITH relaxed AS (SELECT set_config('synchronous_commit', 'off', true)),
     input AS (
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[]) AS t(id, status, checks, reason, details)
     ),
     decided AS (
       UPDATE comments c SET status = i.status, checks = i.checks::jsonb, decided_by = 'auto', decided_at = now()
       FROM input i
       -- The ids as an index condition on the primary key, and the guard written so that it does
       -- not match comments_pending_idx's predicate: otherwise a generic plan built when no
       -- comment was pending scans that index whole, for every batch of a burst.
       WHERE c.id = ANY($1::uuid[]) AND c.id = i.id AND (c.status = 'pending') IS TRUE
       RETURNING c.id
     )
     INSERT INTO moderation_events (comment_id, actor, moderator_id, from_status, to_status, reason, details)
     SELECT i.id, 'auto', NULL, 'pending', i.status, i.reason, i.details::jsonb
     FROM decided d JOIN input i ON i.id = d.id, relaxed
     RETURNING comment_id`,
    [
      unique.map((d) => d.id),
      unique.map((d) => d.status),
      unique.map((d) => (d.checks === null ? null : JSON.stringify(d.checks))),
      unique.map((d) => d.audit.reason),
      unique.map((d) => JSON.stringify(d.audit.details)),
    ],
    { prepare: true },
  );
  const recorded = new Set(rows.map((row) => row.comment_id));
  const answered = new Set<string>();
  return decisions.map((d) => {
    if (answered.has(d.id)) return false;
    answered.add(d.id);
    return recorded.has(d.id);
  });
}
