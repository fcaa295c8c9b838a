import { checkDeadline, type Deadline } from './budget';
import { checkAbuse, type AbuseResult } from './abuse';
import { checkAuthorName, type AuthorNameResult } from './author-name';
import { checkBodyAndName } from './profanity';
import { LearnedFilter, SpamCheck } from './spam';
import type { CommentForChecks, ProfanityResult, SpamResult } from './types';

export type { AuthorNameResult } from './author-name';
export type { AbuseResult } from './abuse';

export type { BehaviourSignals, CommentForChecks, ProfanityResult, SpamResult } from './types';
export { LearnedFilter } from './spam';
export { checkProfanity, createTermMatcher } from './profanity';
export { CheckBudget, CheckBudgetExceeded, type Deadline } from './budget';

export interface BuiltInResults {
  spam: SpamResult;
  profanity: ProfanityResult;
  /** Links, phone numbers and promotional phrases in the author name. */
  authorName: AuthorNameResult;
  /** Insults aimed at a person, threats, attacks on a group, in the body or the author name. */
  abuse: AbuseResult;
}

function abuseInBodyAndName(body: string, authorName: string): AbuseResult {
  const inBody = checkAbuse(body);
  const inName = checkAbuse(authorName);
  if (!inName.isAbusive) return inBody;
  return {
    isAbusive: true,
    kinds: [...new Set([...inBody.kinds, ...inName.kinds])],
    reasons: [...inBody.reasons, ...inName.reasons.map((reason) => `author name: ${reason}`)],
  };
}

/**
 * Both checks, pure and synchronous: the worker supplies behaviour signals and the trained filter.
 * With a deadline (CHECK_BUDGET_MS), a check that runs past it throws CheckBudgetExceeded.
 */
export function createChecks(
  filter: LearnedFilter,
  options: { spamThreshold?: number } = {},
): { run(comment: CommentForChecks, deadline?: Deadline): BuiltInResults } {
  const spam = new SpamCheck(filter, options);
  return {
    run(comment, deadline) {
      // The author name is read by every check that reads the body (issue 16.3).
      const profanity = checkBodyAndName(comment.body, comment.authorName, deadline);
      const authorName = checkAuthorName(comment.authorName);
      const abuse = abuseInBodyAndName(comment.body, comment.authorName);
      checkDeadline(deadline);
      return { spam: spam.check(comment), profanity, authorName, abuse };
    },
  };
}
