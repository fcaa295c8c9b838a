import type { Queryable } from '../db/pool';
import type { BanKind } from '../moderation/bans/ban-repository';
import type { ReasonCode } from '../moderation/reason-codes';
import type { AuthorRecord } from '../moderation/trust';
import type { TrustOverrides } from '../moderation/trust-settings-repository';
import type { CommentRow } from './comment-repository';

/** How often this author, this client and this text were seen shortly before a comment. */
export interface BehaviourCounts {
  authorRecentCount: number;
  ipRecentCount: number;
  duplicateBodyCount: number;
}

/** Everything the worker reads to decide one comment, as of one snapshot. */
export interface DecisionContext {
  comment: CommentRow;
  behaviour: BehaviourCounts;
  article: { premoderation: boolean };
  ban: { id: string; kind: BanKind; reasonCode: ReasonCode | null } | null;
  authorRecord: AuthorRecord;
  /** The moderators' word lists' version counter, so the matcher recompiles only when it moved. */
  wordListVersion: string;
  /** The newsroom's trust settings (null: the environment's); the author record used windowDays already. */
  trust: TrustOverrides;
}

interface ContextRow extends CommentRow, BehaviourCounts, AuthorRecord {
  premoderation: boolean;
  ban_id: string | null;
  ban_kind: BanKind | null;
  ban_reason_code: ReasonCode | null;
  word_list_version: string;
  trust_min_approved: number | null;
  trust_window_days: number | null;
  trust_hold_first_link: boolean | null;
}

/**
 * The worker's decision read, the one place it is written: for any number of comments, in one
 * statement and one round trip, each comment, its behaviour counts, its article's pre-moderation,
 * an active ban on its author or client, the author's record (over the newsroom's trust window),
 * the word-list version and the trust settings. Comments that do not exist are absent from the map.
 *
 * Its plan must not depend on the statistics (docs/performance.md, "Plans that statistics cannot
 * break"): it is prepared, so PostgreSQL may keep a generic plan built when the table held 50 rows.
 * Each read of `comments` is therefore written so that exactly one index can serve it:
 * - the comments by the primary key (`id = ANY`);
 * - each behaviour count as a row comparison over (hash, created_at): the window is a range of
 *   comments_author_recent_idx, comments_ip_recent_idx or comments_body_recent_idx, and no other
 *   index can take it (a plain `created_at BETWEEN` let a generic plan range over every recent
 *   comment, comments_created_idx, filtering by hash: O(n²) in a burst);
 * - the author's record by comments_author_recent_idx (`author_email_hash =`, no other index has it).
 * The connections run with sequential scans off (src/db/pool.ts), so a stale estimate cannot swap
 * any of these for a scan of the table. test/plans.test.ts holds the plan in three states.
 */
export async function loadDecisionContexts(
  db: Queryable,
  commentIds: string[],
  settings: { trustWindowDays: number },
): Promise<Map<string, DecisionContext>> {
  const rows = await db.query<ContextRow>(
    `SELECT c.id, c.article_id, c.parent_id, c.author_name, c.author_email_enc, c.author_email_hash, c.ip_hash,
            c.body, c.body_hash, c.status, c.checks, c.decided_by, c.decided_at, c.created_at,
            (SELECT count(*)::int FROM comments b
              WHERE (b.author_email_hash, b.created_at) >= (c.author_email_hash, c.created_at - interval '10 minutes')
                AND (b.author_email_hash, b.created_at) <= (c.author_email_hash, c.created_at)
                AND b.id <> c.id) AS "authorRecentCount",
            (SELECT count(*)::int FROM comments b
              WHERE b.ip_hash IS NOT NULL
                AND (b.ip_hash, b.created_at) >= (c.ip_hash, c.created_at - interval '10 minutes')
                AND (b.ip_hash, b.created_at) <= (c.ip_hash, c.created_at)
                AND b.id <> c.id) AS "ipRecentCount",
            (SELECT count(*)::int FROM comments b
              WHERE (b.body_hash, b.created_at) >= (c.body_hash, c.created_at - interval '24 hours')
                AND (b.body_hash, b.created_at) <= (c.body_hash, c.created_at)
                AND b.id <> c.id) AS "duplicateBodyCount",
            rec."approvedInWindow", rec."rejectedInWindow", rec."approvedEver", rec."approvedFromClient",
            coalesce(a.premoderation AND (a.premoderation_until IS NULL OR a.premoderation_until > now()), false) AS premoderation,
            ban.id AS ban_id, ban.kind AS ban_kind, ban.reason_code AS ban_reason_code,
            coalesce((SELECT version::text FROM word_list_version), '0') AS word_list_version,
            ts.min_approved AS trust_min_approved, ts.window_days AS trust_window_days,
            ts.hold_first_comment_with_link AS trust_hold_first_link
     FROM comments c
     LEFT JOIN trust_settings ts ON ts.singleton
     LEFT JOIN articles a ON a.id = c.article_id
     CROSS JOIN LATERAL (
       SELECT count(*) FILTER (WHERE r.status = 'approved'
                                 AND r.decided_at > now() - coalesce(ts.window_days::float8, $2::float8) * interval '1 day')::int AS "approvedInWindow",
              count(*) FILTER (WHERE r.status IN ('rejected', 'spam')
                                 AND r.decided_at > now() - coalesce(ts.window_days::float8, $2::float8) * interval '1 day')::int AS "rejectedInWindow",
              count(*) FILTER (WHERE r.status = 'approved')::int AS "approvedEver",
              count(*) FILTER (WHERE r.status = 'approved' AND r.ip_hash = c.ip_hash)::int AS "approvedFromClient"
       FROM comments r WHERE r.author_email_hash = c.author_email_hash AND r.id <> c.id) AS rec
     LEFT JOIN LATERAL (
       SELECT bans.id, bans.kind, bans.reason_code FROM bans
       WHERE bans.lifted_at IS NULL AND (bans.expires_at IS NULL OR bans.expires_at > now())
         AND ((bans.kind IN ('email', 'reader') AND bans.value_hash = c.author_email_hash)
              OR (c.ip_hash IS NOT NULL AND bans.kind = 'ip' AND bans.value_hash = c.ip_hash))
       ORDER BY bans.expires_at DESC NULLS FIRST LIMIT 1) AS ban ON true
     WHERE c.id = ANY($1::uuid[])`,
    [commentIds, settings.trustWindowDays],
    { prepare: true },
  );
  return new Map(rows.map((row) => [row.id, toContext(row)]));
}

function toContext(row: ContextRow): DecisionContext {
  const {
    authorRecentCount,
    ipRecentCount,
    duplicateBodyCount,
    approvedInWindow,
    rejectedInWindow,
    approvedEver,
    approvedFromClient,
    premoderation,
    ban_id,
    ban_kind,
    ban_reason_code,
    word_list_version,
    trust_min_approved,
    trust_window_days,
    trust_hold_first_link,
    ...comment
  } = row;
  return {
    comment,
    behaviour: { authorRecentCount, ipRecentCount, duplicateBodyCount },
    article: { premoderation },
    ban: ban_id ? { id: ban_id, kind: ban_kind!, reasonCode: ban_reason_code } : null,
    authorRecord: { approvedInWindow, rejectedInWindow, approvedEver, approvedFromClient },
    wordListVersion: word_list_version,
    trust: { minApproved: trust_min_approved, windowDays: trust_window_days, holdFirstCommentWithLink: trust_hold_first_link },
  };
}
