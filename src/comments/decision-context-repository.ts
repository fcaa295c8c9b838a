import type { Queryable } from '../db/pool';
import { ARTICLE_PREMODERATION_SQL } from '../articles/article-repository';
import { activeBanSql, type BanKind } from '../moderation/bans/ban-repository';
import type { ReasonCode } from '../moderation/reason-codes';
import { authorRecordSql, type AuthorRecord } from '../moderation/trust';
import type { TrustOverrides } from '../moderation/trust-settings-repository';
import { FULL_COLUMNS, behaviourCountsSql, type BehaviourCounts, type CommentRow } from './comment-repository';

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
 * One statement, one round trip, for any number of comments: each comment, its behaviour counts,
 * its article's pre-moderation, an active ban on its author or client, the author's record (over
 * the newsroom's trust window), the word-list version and the trust settings. Each part is the same SQL as its own repository's reader (the fragments come
 * from there), so the meaning is theirs. Comments that do not exist are absent from the map.
 * Prepared: planning it took longer than running it.
 */
export async function loadDecisionContexts(
  db: Queryable,
  commentIds: string[],
  settings: { trustWindowDays: number },
): Promise<Map<string, DecisionContext>> {
  const rows = await db.query<ContextRow>(
    `SELECT c.*, beh.*, rec.*,
            ${ARTICLE_PREMODERATION_SQL} AS premoderation,
            ban.id AS ban_id, ban.kind AS ban_kind, ban.reason_code AS ban_reason_code,
            coalesce((SELECT version::text FROM word_list_version), '0') AS word_list_version,
            ts.min_approved AS trust_min_approved, ts.window_days AS trust_window_days,
            ts.hold_first_comment_with_link AS trust_hold_first_link
     FROM (SELECT ${FULL_COLUMNS} FROM comments WHERE id = ANY($1::uuid[])) AS c
     LEFT JOIN trust_settings ts ON ts.singleton
     LEFT JOIN articles a ON a.id = c.article_id
     CROSS JOIN LATERAL (${behaviourCountsSql({
       id: 'c.id',
       emailHash: 'c.author_email_hash',
       ipHash: 'c.ip_hash',
       bodyHash: 'c.body_hash',
       createdAt: 'c.created_at',
     })}) AS beh
     CROSS JOIN LATERAL (${authorRecordSql('c.author_email_hash', 'c.id', 'coalesce(ts.window_days::float8, $2::float8)')}) AS rec
     LEFT JOIN LATERAL (${activeBanSql('c.author_email_hash', 'c.ip_hash')}) AS ban ON true`,
    [commentIds, settings.trustWindowDays],
    { prepare: true },
  );
  return new Map(rows.map((row) => [row.id, toContext(row)]));
}

function toContext(row: ContextRow): DecisionContext {
  const {
    authorRecentCount, ipRecentCount, duplicateBodyCount,
    approvedInWindow, rejectedInWindow, approvedEver,
    premoderation, ban_id, ban_kind, ban_reason_code, word_list_version,
    trust_min_approved, trust_window_days, trust_hold_first_link,
    ...comment
  } = row;
  return {
    comment,
    behaviour: { authorRecentCount, ipRecentCount, duplicateBodyCount },
    article: { premoderation },
    ban: ban_id ? { id: ban_id, kind: ban_kind!, reasonCode: ban_reason_code } : null,
    authorRecord: { approvedInWindow, rejectedInWindow, approvedEver },
    wordListVersion: word_list_version,
    trust: { minApproved: trust_min_approved, windowDays: trust_window_days, holdFirstCommentWithLink: trust_hold_first_link },
  };
}
