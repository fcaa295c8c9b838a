import { UnrecoverableError, type Job } from 'bullmq';
import type { Logger } from 'pino';
import type { Db } from '../src/db/pool';
import type { Metrics } from '../src/metrics';
import { findArticleSettings } from '../src/articles/article-repository';
import {
  behaviourCounts,
  findComment,
  recordAutomaticDecisionAudited,
  type CommentRow,
} from '../src/comments/comment-repository';
import type { ModerationJob } from '../src/queue/moderation-queue';
import type { ListCache } from '../src/comments/list-cache';
import { decide, type CheckResults, type Decision, type Policy } from './decide';
import type { CommentForChecks } from './checks/types';
import { gatherNewsroomContext, type NewsroomSettings } from './newsroom-context';

export interface Checks {
  run(comment: CommentForChecks): CheckResults;
}

export interface ModerateDeps {
  db: Db;
  checks: Checks;
  policy: Policy;
  metrics: Metrics;
  logger: Logger;
  /** Word lists, bans and trust (issue 7); without it only the checks and the article decide. */
  newsroom?: NewsroomSettings;
  /** Told after an approval commits, so the public list shows the comment at once. */
  listCache?: Pick<ListCache, 'invalidate'>;
}

export type JobOutcome = { decided: Decision['status'] } | { skipped: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The moderation job: load the comment, run the checks, record the decision. Safe to run any number
 * of times: only a still-pending comment is decided, and the decision is written under that guard.
 */
export function createModerateJob(deps: ModerateDeps) {
  return async function moderateJob(job: Job<ModerationJob>): Promise<JobOutcome> {
    const commentId = job.data?.commentId;
    if (typeof commentId !== 'string' || !UUID.test(commentId)) {
      throw new UnrecoverableError('malformed moderation job: no comment id');
    }
    const comment = await findComment(deps.db, commentId);
    if (!comment) throw new UnrecoverableError(`comment ${commentId} does not exist`);
    if (comment.status !== 'pending') return { skipped: `already ${comment.status}` };

    // Independent reads, side by side: one round trip of latency instead of three.
    const [results, article, newsroom] = await Promise.all([
      runChecks(deps, comment),
      findArticleSettings(deps.db, comment.article_id),
      deps.newsroom ? gatherNewsroomContext(deps.db, comment, deps.newsroom) : undefined,
    ]);
    const decision = decide(results, deps.policy, article, newsroom);
    const recorded = await recordDecision(deps, comment, results, decision);
    if (!recorded) return { skipped: 'decided meanwhile' };
    if (decision.status === 'approved') await deps.listCache?.invalidate(comment.article_id);
    deps.metrics.decisions.inc({ status: decision.status, by: 'auto' });
    return { decided: decision.status };
  };
}

async function runChecks(deps: ModerateDeps, comment: CommentRow): Promise<CheckResults> {
  const behaviour = await behaviourCounts(deps.db, comment);
  const end = deps.metrics.checkDuration.startTimer({ check: 'spam+profanity' });
  try {
    return deps.checks.run({ body: comment.body, authorName: comment.author_name, behaviour });
  } finally {
    end();
  }
}

/** The decision and its audit row, atomically (one statement); false when the comment was no longer pending. */
async function recordDecision(
  deps: ModerateDeps,
  comment: CommentRow,
  results: CheckResults,
  decision: Decision,
): Promise<boolean> {
  return recordAutomaticDecisionAudited(deps.db, comment.id, decision.status, { ...results }, {
    reason: decision.reason,
    details: {
      rule: decision.rule,
      spamScore: results.spam.score,
      profaneTerms: results.profanity.terms,
      ...(decision.reasonCode ? { reasonCode: decision.reasonCode } : {}),
    },
  });
}
