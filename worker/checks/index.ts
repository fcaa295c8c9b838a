import { checkDeadline, type Deadline } from './budget';
import { checkProfanity } from './profanity';
import { LearnedFilter, SpamCheck } from './spam';
import type { CommentForChecks, ProfanityResult, SpamResult } from './types';

export type { BehaviourSignals, CommentForChecks, ProfanityResult, SpamResult } from './types';
export { LearnedFilter } from './spam';
export { checkProfanity, createTermMatcher } from './profanity';
export { CheckBudget, CheckBudgetExceeded, type Deadline } from './budget';

/**
 * Both checks, pure and synchronous: the worker supplies behaviour signals and the trained filter.
 * With a deadline (CHECK_BUDGET_MS), a check that runs past it throws CheckBudgetExceeded.
 */
export function createChecks(
  filter: LearnedFilter,
  options: { spamThreshold?: number } = {},
): { run(comment: CommentForChecks, deadline?: Deadline): { spam: SpamResult; profanity: ProfanityResult } } {
  const spam = new SpamCheck(filter, options);
  return {
    run(comment, deadline) {
      const profanity = checkProfanity(comment.body, deadline);
      checkDeadline(deadline);
      return { spam: spam.check(comment), profanity };
    },
  };
}
