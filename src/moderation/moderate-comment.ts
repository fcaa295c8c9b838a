import type { Db, Queryable } from '../db/pool';
import { notFound } from '../errors';
import type { Metrics } from '../metrics';
import type { Secrets } from '../privacy/secrets';
import {
  countForModeration,
  findComment,
  type CommentRow,
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
import { findReportSummaries, resolveOpenReports } from '../reports/report-repository';
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
 * A moderator's decision: the status change, its audit row, (for approve and spam) a label for
 * the learned spam filter, and the settling of the comment's open reports (upheld when the comment
 * is removed, dismissed when it is published, each linked to the audit row), all in one transaction.
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
    const openReports = (await findReportSummaries(tx, [commentId])).get(commentId)?.open ?? 0;
    const resolution = toStatus === 'approved' ? 'dismissed' : 'upheld';
    const eventId = await insertModerationEvent(tx, {
      commentId,
      actor: principal.name,
      moderatorId: principal.moderatorId,
      fromStatus: current.status,
      toStatus,
      reason,
      details: decisionDetails(action, context, openReports ? { [resolution]: openReports } : null),
    });
    if (openReports) await resolveOpenReports(tx, commentId, { resolution, by: principal.name, eventId });
    await recordFeedback(tx, action, current.status !== toStatus, { commentId, body: current.body, principal });
    return row;
  });
  if (changesPublicList(fromStatus, updated.status)) await deps.listCache?.invalidate(updated.article_id);
  deps.metrics.decisions.inc({ status: updated.status, by: 'moderator' });
  return viewOf(deps, updated);
}

/** The moderator view of a row, with its reports. */
export async function viewOf(deps: Pick<ModerationDeps, 'db' | 'secrets'>, row: CommentRow): Promise<ModeratorView> {
  const reports = await findReportSummaries(deps.db, [row.id]);
  return toModeratorView(row, deps.secrets.decryptEmail, reports.get(row.id));
}

/** What else the decision log shows about a human decision: its reason code and how it was made. */
export interface DecisionContext {
  reasonCode?: ReasonCode | null;
  /** 'bulk' for a bulk action, 'ban' when a ban rejected the author's waiting comments. */
  via?: 'bulk' | 'ban';
}

function decisionDetails(
  action: ModerationAction,
  { reasonCode, via }: DecisionContext,
  reports: Partial<Record<'upheld' | 'dismissed', number>> | null,
): Record<string, unknown> | null {
  const code = action === 'approve' ? null : (reasonCode ?? (action === 'spam' ? 'spam' : null));
  if (!code && !via && !reports) return null;
  return { ...(code ? { reasonCode: code } : {}), ...(via ? { via } : {}), ...(reports ? { reports } : {}) };
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
  return viewOf(deps, row);
}

export async function listModerationQueue(
  deps: ModerationDeps,
  filter: ModerationFilter,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ comments: ModeratorView[]; nextCursor: string | null; total: number }> {
  // JSON, so no filter value can make two different lists' scopes equal.
  const status = filter.reported ? 'reported' : (filter.status ?? '');
  const scope = `moderation:${JSON.stringify([status, filter.articleId ?? '', filter.order, filter.q ?? ''])}`;
  const from = page.cursor ? deps.cursors.decode(scope, page.cursor) : null;
  const [rows, total] = await Promise.all([listForModeration(deps.db, filter, from, page.limit + 1), countForModeration(deps.db, filter)]);
  const shown = rows.slice(0, page.limit);
  const last = shown[shown.length - 1];
  const reports = await findReportSummaries(
    deps.db,
    shown.map((row) => row.id),
  );
  return {
    comments: shown.map((row) => toModeratorView(row, deps.secrets.decryptEmail, reports.get(row.id))),
    nextCursor: rows.length > page.limit && last ? deps.cursors.encode(scope, { createdUs: last.created_us, id: last.id }) : null,
    total,
  };
}
