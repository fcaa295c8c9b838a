import { z } from 'zod';
import type { Queryable } from '../db/pool';
import { badRequest } from '../errors';
import { surgeStats, type SurgeStats } from '../surge/surge-repository';
import { reportStats, type ReportStats } from '../reports/report-repository';

/**
 * Moderation statistics over a period: the queues now, the worker's decisions per rule, and how
 * often moderators overturned each rule. A rule's decision counts as overturned when the latest
 * human decision on the comment disagrees about publishing it: the worker held or binned a comment
 * a moderator approved (a false positive), or published one a moderator then removed. Readers'
 * reports are counted too: received, and upheld or dismissed by moderators' decisions (a hold by
 * reports is the rule "reader-reports", overturned when the moderator publishes the comment again).
 */

export const statsQuerySchema = z
  .object({
    period: z
      .string()
      .regex(/^\d{1,4}[hd]$/, 'expected e.g. 24h or 7d')
      .optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((q) => !(q.period && q.from), { message: 'give period or from, not both' });

export type StatsQuery = z.infer<typeof statsQuerySchema>;

export interface RuleStats {
  rule: string;
  decisions: number;
  byStatus: { approved: number; held: number; rejected: number; spam: number };
  /** Decisions a moderator later acted on. */
  reviewed: number;
  overturned: number;
  /** overturned / reviewed; null when none was reviewed. */
  overturnRate: number | null;
}

export interface ModerationStats {
  from: string;
  to: string;
  queues: { pending: number; held: number; oldestHeldAgeSeconds: number | null; oldestPendingAgeSeconds: number | null };
  rules: RuleStats[];
  moderators: { decisions: number; byStatus: Record<string, number>; byReasonCode: Record<string, number> };
  /** Surge mode (issue 8): articles pre-moderated by themselves now, and surges started in the period. */
  surges: SurgeStats;
  /** Readers' reports (issue 20) received and settled in the period, and those open now. */
  reports: ReportStats;
}

export function statsPeriod(query: StatsQuery, now = new Date()): { from: Date; to: Date } {
  const to = query.to ? new Date(query.to) : now;
  let from: Date;
  if (query.from) from = new Date(query.from);
  else {
    const match = /^(\d+)([hd])$/.exec(query.period ?? '7d')!;
    from = new Date(to.getTime() - Number(match[1]) * (match[2] === 'h' ? 3_600_000 : 86_400_000));
  }
  if (from >= to) throw badRequest('from: must be before to');
  return { from, to };
}

export async function getModerationStats(db: Queryable, query: StatsQuery): Promise<ModerationStats> {
  const { from, to } = statsPeriod(query);
  const [queues, rules, moderators, surges, reports] = await Promise.all([
    queueSizes(db),
    ruleStats(db, from, to),
    moderatorStats(db, from, to),
    surgeStats(db, from, to),
    reportStats(db, from, to),
  ]);
  return { from: from.toISOString(), to: to.toISOString(), queues, rules, moderators, surges, reports };
}

/** The queues now: pending and held counts and their oldest comment's age (also the /metrics gauges). */
export async function queueSizes(db: Queryable): Promise<ModerationStats['queues']> {
  const [row] = await db.query<ModerationStats['queues']>(
    `SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending,
            count(*) FILTER (WHERE status = 'held')::int AS held,
            extract(epoch FROM now() - min(created_at) FILTER (WHERE status = 'held'))::float8 AS "oldestHeldAgeSeconds",
            extract(epoch FROM now() - min(created_at) FILTER (WHERE status = 'pending'))::float8 AS "oldestPendingAgeSeconds"
     FROM comments WHERE status IN ('pending', 'held')`,
  );
  return row;
}

interface RuleRow {
  rule: string;
  decisions: number;
  approved: number;
  held: number;
  rejected: number;
  spam: number;
  reviewed: number;
  overturned: number;
}

async function ruleStats(db: Queryable, from: Date, to: Date): Promise<RuleStats[]> {
  const rows = await db.query<RuleRow>(
    `WITH auto AS (
       SELECT id, comment_id, to_status, coalesce(details->>'rule', 'unknown') AS rule
       FROM moderation_events WHERE actor = 'auto' AND created_at >= $1 AND created_at < $2
     ), judged AS (
       SELECT auto.*, human.to_status AS human_status
       FROM auto LEFT JOIN LATERAL (
         SELECT to_status FROM moderation_events h
         WHERE h.comment_id = auto.comment_id AND h.actor <> 'auto' AND h.id > auto.id
         ORDER BY h.id DESC LIMIT 1
       ) AS human ON true
     )
     SELECT rule, count(*)::int AS decisions,
            count(*) FILTER (WHERE to_status = 'approved')::int AS approved,
            count(*) FILTER (WHERE to_status = 'held')::int AS held,
            count(*) FILTER (WHERE to_status = 'rejected')::int AS rejected,
            count(*) FILTER (WHERE to_status = 'spam')::int AS spam,
            count(human_status)::int AS reviewed,
            count(*) FILTER (WHERE human_status IS NOT NULL
                               AND (human_status = 'approved') <> (to_status = 'approved'))::int AS overturned
     FROM judged GROUP BY rule ORDER BY decisions DESC, rule`,
    [from, to],
  );
  return rows.map((row) => ({
    rule: row.rule,
    decisions: row.decisions,
    byStatus: { approved: row.approved, held: row.held, rejected: row.rejected, spam: row.spam },
    reviewed: row.reviewed,
    overturned: row.overturned,
    overturnRate: row.reviewed ? Number((row.overturned / row.reviewed).toFixed(4)) : null,
  }));
}

async function moderatorStats(db: Queryable, from: Date, to: Date): Promise<ModerationStats['moderators']> {
  const rows = await db.query<{ to_status: string; reason_code: string | null; count: number }>(
    `SELECT to_status, details->>'reasonCode' AS reason_code, count(*)::int AS count
     FROM moderation_events WHERE actor <> 'auto' AND created_at >= $1 AND created_at < $2
     GROUP BY 1, 2`,
    [from, to],
  );
  const result: ModerationStats['moderators'] = { decisions: 0, byStatus: {}, byReasonCode: {} };
  for (const row of rows) {
    result.decisions += row.count;
    result.byStatus[row.to_status] = (result.byStatus[row.to_status] ?? 0) + row.count;
    if (row.reason_code) result.byReasonCode[row.reason_code] = (result.byReasonCode[row.reason_code] ?? 0) + row.count;
  }
  return result;
}
