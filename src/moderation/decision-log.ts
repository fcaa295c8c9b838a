import type { Queryable } from '../db/pool';
import { notFound } from '../errors';
import { listPickEvents, type PickEventRow } from './pick-repository';

/**
 * A comment's decision log: its arrival, then every automatic and human decision from the audit
 * trail (moderation_events), oldest first: when, who, from → to, the rule that fired, the scores.
 * Editors' picks are in it too (rule "editors-pick", to "featured" or "unfeatured").
 */

export interface DecisionLogEntry {
  at: string;
  /** 'auto' for the worker, the moderator's name, or 'commenter' for the arrival. */
  by: string;
  from: string | null;
  to: string;
  /** The worker's rule (ban, banned-term, spam, …, clean), or 'moderator' for a human decision. */
  rule: string;
  reason: string | null;
  reasonCode: string | null;
  /** Set for bulk actions ('bulk') and ban clean-ups ('ban'). */
  via: string | null;
  scores: { spam: number | null; profaneTerms: string[] } | null;
}

interface EventRow {
  created_at: Date;
  actor: string;
  from_status: string;
  to_status: string;
  reason: string | null;
  details: { rule?: string; spamScore?: number; profaneTerms?: string[]; reasonCode?: string; via?: string } | null;
}

export async function getDecisionLog(
  db: Queryable,
  commentId: string,
): Promise<{ commentId: string; status: string; history: DecisionLogEntry[] }> {
  const [comment] = await db.query<{ status: string; created_at: Date }>('SELECT status, created_at FROM comments WHERE id = $1', [
    commentId,
  ]);
  if (!comment) throw notFound('No comment with this id');
  const [events, picks] = await Promise.all([
    db.query<EventRow>(
      `SELECT created_at, actor, from_status, to_status, reason, details
       FROM moderation_events WHERE comment_id = $1 ORDER BY id`,
      [commentId],
    ),
    listPickEvents(db, commentId),
  ]);
  const arrival: DecisionLogEntry = {
    at: comment.created_at.toISOString(),
    by: 'commenter',
    from: null,
    to: 'pending',
    rule: 'intake',
    reason: null,
    reasonCode: null,
    via: null,
    scores: null,
  };
  const history = [...events.map(toEntry), ...picks.map(pickEntry)].sort((a, b) => a.at.localeCompare(b.at));
  return { commentId, status: comment.status, history: [arrival, ...history] };
}

function pickEntry(row: PickEventRow): DecisionLogEntry {
  return {
    at: row.created_at.toISOString(),
    by: row.actor,
    from: null,
    to: row.action,
    rule: 'editors-pick',
    reason: null,
    reasonCode: null,
    via: null,
    scores: null,
  };
}

function toEntry(row: EventRow): DecisionLogEntry {
  const details = row.details ?? {};
  const automatic = row.actor === 'auto';
  return {
    at: row.created_at.toISOString(),
    by: row.actor,
    from: row.from_status,
    to: row.to_status,
    rule: automatic ? (details.rule ?? 'auto') : 'moderator',
    reason: row.reason,
    reasonCode: details.reasonCode ?? null,
    via: details.via ?? null,
    scores: automatic ? { spam: details.spamScore ?? null, profaneTerms: details.profaneTerms ?? [] } : null,
  };
}
