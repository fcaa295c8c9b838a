import { UnrecoverableError, type Job } from 'bullmq';
import type { Logger } from 'pino';
import type { Db } from '../src/db/pool';
import type { Metrics } from '../src/metrics';
import { recordAutomaticDecisionsAudited, type AutomaticDecision, type CommentRow } from '../src/comments/comment-repository';
import { loadDecisionContexts, type BehaviourCounts } from '../src/comments/decision-context-repository';
import { createBatcher, createStatementBatcher } from '../src/batcher';
import { withoutBidiSpoofing } from '../src/comments/bidi';
import { commentIdsOf, type ModerationJob } from '../src/queue/moderation-queue';
import type { ListCache } from '../src/comments/list-cache';
import { decide, decideAfterTimeout, type CheckResults, type Decision, type Policy } from './decide';
import { CheckBudget, CheckBudgetExceeded, type Deadline } from './checks/budget';
import type { CommentForChecks } from './checks/types';
import { buildNewsroomContext, type NewsroomSettings } from './newsroom-context';
import type { OutsideChecks } from './providers/outside-checks';

export interface Checks {
  run(comment: CommentForChecks, deadline?: Deadline): CheckResults;
}

export interface ModerateDeps {
  db: Db;
  checks: Checks;
  policy: Policy;
  metrics: Metrics;
  logger: Logger;
  /** Word lists, bans and trust. */
  newsroom: NewsroomSettings;
  /** Told after an approval commits, so the public list shows the comment at once. */
  listCache: Pick<ListCache, 'invalidate'>;
  /** Akismet and Perspective, when configured; their answer (or failure) joins the check results. */
  outside?: Pick<OutsideChecks, 'check'> | null;
  /** CHECK_BUDGET_MS: the time one comment's built-in checks and word lists may take. */
  checkBudgetMs?: number;
}

const DEFAULT_CHECK_BUDGET_MS = 1000;

/** What became of one comment. */
export type CommentOutcome = { decided: Decision['status'] } | { skipped: string };

/** What became of a job's comment, or of each of a job's comments. */
export type JobOutcome = CommentOutcome | { comments: CommentOutcome[] };

/** A job may name a comment that is gone (erased meanwhile, or a hand-made job). */
const NO_SUCH_COMMENT: CommentOutcome = { skipped: 'no such comment' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The moderation job: for each of its comments, load the comment, run the checks, record the
 * decision. Safe to run any number of times: only a still-pending comment is decided, and the
 * decision is written under that guard.
 */
export function createModerateJob(deps: ModerateDeps) {
  // The concurrent jobs' reads, and their decisions, each go to PostgreSQL as one statement; a
  // decision PostgreSQL refuses is then written alone, so it fails only its own job.
  const settings = { trustWindowDays: deps.newsroom.trustWindowDays };
  const loadContext = createBatcher(async (ids: string[]) => {
    const contexts = await loadDecisionContexts(deps.db, ids, settings);
    return ids.map((id) => contexts.get(id) ?? null);
  });
  const record = createStatementBatcher(
    (decisions: AutomaticDecision[]) => recordAutomaticDecisionsAudited(deps.db, decisions),
    async (decision: AutomaticDecision) => (await recordAutomaticDecisionsAudited(deps.db, [decision]))[0],
  );

  async function moderateComment(commentId: string): Promise<CommentOutcome> {
    // Everything the decision reads, in one statement (with the other comments being decided now).
    const context = await loadContext(commentId);
    if (!context) return NO_SUCH_COMMENT;
    if (context.comment.status !== 'pending') return { skipped: `already ${context.comment.status}` };
    // What readers see (src/comments/bidi.ts): the API stores it so; rows stored before it did are read so.
    const comment = {
      ...context.comment,
      body: withoutBidiSpoofing(context.comment.body),
      author_name: withoutBidiSpoofing(context.comment.author_name),
    };

    let results: CheckResults | null;
    let decision: Decision;
    // The comment's time budget (CHECK_BUDGET_MS). Past it, a moderator decides: the job ends
    // normally, so the comment is never handed to another worker to be checked again.
    const budget = new CheckBudget(deps.checkBudgetMs ?? DEFAULT_CHECK_BUDGET_MS);
    try {
      results = await withOutsideChecks(
        deps,
        comment,
        budget.run((deadline) => runChecks(deps, comment, context.behaviour, deadline)),
      );
      const newsroom = await buildNewsroomContext(deps.db, { ...context, comment }, deps.newsroom, budget);
      decision = decide(results, deps.policy, context.article, newsroom);
    } catch (error) {
      if (!(error instanceof CheckBudgetExceeded)) throw error;
      results = null;
      decision = decideAfterTimeout(error.budgetMs, context.ban);
      deps.metrics.checkTimeouts.inc();
      deps.logger.warn(
        { commentId, budgetMs: error.budgetMs, bodyLength: comment.body.length },
        'checks ran past their time budget; held for a moderator',
      );
    }
    const recorded = await record(toAutomaticDecision(comment, results, decision));
    if (!recorded) return { skipped: 'decided meanwhile' };
    if (decision.status === 'approved') await deps.listCache.invalidate(comment.article_id);
    deps.metrics.decisions.inc({ status: decision.status, by: 'auto' });
    return { decided: decision.status };
  }

  return async function moderateJob(job: Job<ModerationJob>): Promise<JobOutcome> {
    const commentIds = commentIdsOf(job.data);
    if (!commentIds || !commentIds.every((id) => UUID.test(id))) {
      throw new UnrecoverableError('malformed moderation job: no comment id');
    }
    if (commentIds.length === 1) {
      const outcome = await moderateComment(commentIds[0]);
      if (outcome === NO_SUCH_COMMENT) throw new UnrecoverableError(`comment ${commentIds[0]} does not exist`);
      return outcome;
    }
    // Each comment of the job is decided alone (a comment that does not exist is skipped); if one
    // failed, the job is tried again once the others are done, and finds them decided.
    const settled = await Promise.allSettled(commentIds.map(moderateComment));
    const failed = settled.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
    return { comments: settled.map((result) => (result as PromiseFulfilledResult<CommentOutcome>).value) };
  };
}

function runChecks(deps: ModerateDeps, comment: CommentRow, behaviour: BehaviourCounts, deadline: Deadline): CheckResults {
  const end = deps.metrics.checkDuration.startTimer({ check: 'spam+profanity' });
  try {
    return deps.checks.run({ body: comment.body, authorName: comment.author_name, behaviour }, deadline);
  } finally {
    end();
  }
}

async function withOutsideChecks(deps: ModerateDeps, comment: CommentRow, results: CheckResults): Promise<CheckResults> {
  if (!deps.outside) return results;
  const outside = await deps.outside.check({
    body: comment.body,
    authorName: comment.author_name,
    ipHash: comment.ip_hash,
    createdAt: comment.created_at,
  });
  return { ...results, outside };
}

/** The decision and its audit row, written atomically (one statement) and only while still pending. */
function toAutomaticDecision(comment: CommentRow, results: CheckResults | null, decision: Decision): AutomaticDecision {
  return {
    id: comment.id,
    status: decision.status,
    checks: results ? { ...results } : null,
    audit: {
      reason: decision.reason,
      details: {
        rule: decision.rule,
        ...(results ? { spamScore: results.spam.score, profaneTerms: results.profanity.terms } : {}),
        ...(decision.reasonCode ? { reasonCode: decision.reasonCode } : {}),
      },
    },
  };
}
