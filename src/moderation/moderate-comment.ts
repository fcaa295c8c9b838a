import type { Db, Queryable } from '../db/pool';
import { notFound } from '../errors';
import type { Metrics } from '../metrics';
import type { Secrets } from '../privacy/secrets';
import {
  countForModeration,
  findComment,
  listForModeration,
  recordModeratorDecision,
  type CommentStatus,
  type ModerationFilter,
} from '../comments/comment-repository';
import type { CursorCodec } from '../comments/cursor';
import { changesPublicList, type ListCache } from '../comments/list-cache';
import { insertModerationEvent } from './audit-repository';
import type { ReasonCode } from './reason-codes';
import type { Principal } from './moderator-auth';
import { insertSpamFeedback, type FeedbackLabel } from './spam-feedback-repository';
import { toModeratorView, type ModeratorView } from './moderator-view';

export type ModerationAction = 'approve' | 'reject' | 'spam';

const RESULT: Record<ModerationAction, CommentStatus> = { approve: 'approved', reject: 'rejected', spam: 'spam' };
const FEEDBACK: Partial<Record<ModerationAction, FeedbackLabel>> = { approve: 'ham', spam: 'spam' };

export interface ModerationDeps {
  db: Db;
  secrets: Secrets;
  metrics: Metrics;
  cursors: CursorCodec;
  /** Told after the commit when a comment appears on or leaves the public list. */
  listCache?: Pick<ListCache, 'invalidate'>;
}

/**
 * A moderator's decision: the status change, its audit row and (for approve and spam) a label for
 * the learned spam filter, all in one transaction.
 */
export async function moderateComment(
  deps: ModerationDeps,
  principal: Principal,
  commentId: string,
  action: ModerationAction,
  reason: string | null,
  context: DecisionContext = {},
): Promise<ModeratorView> {
  let fromStatus: CommentStatus = 'pending';
  const updated = await deps.db.withTransaction(async (tx) => {
    const current = await findComment(tx, commentId, true);
    if (!current) throw notFound('No comment with this id');
    fromStatus = current.status;
    const toStatus = RESULT[action];
    const row = await recordModeratorDecision(tx, commentId, toStatus, principal.name);
    await insertModerationEvent(tx, {
      commentId,
      actor: principal.name,
      moderatorId: principal.moderatorId,
      fromStatus: current.status,
      toStatus,
      reason,
      details: decisionDetails(action, context),
    });
    await recordFeedback(tx, action, current.status !== toStatus, { commentId, body: current.body, principal });
    return row;
  });
  if (changesPublicList(fromStatus, updated.status)) await deps.listCache?.invalidate(updated.article_id);
  deps.metrics.decisions.inc({ status: updated.status, by: 'moderator' });
  return toModeratorView(updated, deps.secrets.decryptEmail);
}

/** What else the decision log shows about a human decision: its reason code and how it was made. */
export interface DecisionContext {
  reasonCode?: ReasonCode | null;
  /** 'bulk' for a bulk action, 'ban' when a ban rejected the author's waiting comments. */
  via?: 'bulk' | 'ban';
}

function decisionDetails(action: ModerationAction, { reasonCode, via }: DecisionContext): Record<string, unknown> | null {
  const code = action === 'approve' ? null : (reasonCode ?? (action === 'spam' ? 'spam' : null));
  if (!code && !via) return null;
  return { ...(code ? { reasonCode: code } : {}), ...(via ? { via } : {}) };
}

async function recordFeedback(
  tx: Queryable,
  action: ModerationAction,
  statusChanged: boolean,
  { commentId, body, principal }: { commentId: string; body: string; principal: Principal },
): Promise<void> {
  const label = FEEDBACK[action];
  // Repeating a decision teaches nothing new; counting it twice would overweight one comment.
  if (!label || !statusChanged) return;
  await insertSpamFeedback(tx, { commentId, label, body, moderatorId: principal.moderatorId });
}

export async function getModeratorView(deps: ModerationDeps, commentId: string): Promise<ModeratorView> {
  const row = await findComment(deps.db, commentId);
  if (!row) throw notFound('No comment with this id');
  return toModeratorView(row, deps.secrets.decryptEmail);
}

export async function listModerationQueue(
  deps: ModerationDeps,
  filter: ModerationFilter,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ comments: ModeratorView[]; nextCursor: string | null; total: number }> {
  // JSON, so no filter value can make two different lists' scopes equal.
  const scope = `moderation:${JSON.stringify([filter.status ?? '', filter.articleId ?? '', filter.order, filter.q ?? ''])}`;
  const from = page.cursor ? deps.cursors.decode(scope, page.cursor) : null;
  const [rows, total] = await Promise.all([
    listForModeration(deps.db, filter, from, page.limit + 1),
    countForModeration(deps.db, filter),
  ]);
  const shown = rows.slice(0, page.limit);
  const last = shown[shown.length - 1];
  return {
    comments: shown.map((row) => toModeratorView(row, deps.secrets.decryptEmail)),
    nextCursor: rows.length > page.limit && last ? deps.cursors.encode(scope, { createdUs: last.created_us, id: last.id }) : null,
    total,
  };
}
