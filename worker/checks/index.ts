import { checkProfanity } from './profanity';
import { LearnedFilter, SpamCheck } from './spam';
import type { CommentForChecks, ProfanityResult, SpamResult } from './types';

export type { BehaviourSignals, CommentForChecks, ProfanityResult, SpamResult } from './types';
export { LearnedFilter } from './spam';
export { checkProfanity, createTermMatcher } from './profanity';

/** Both checks, pure and synchronous: the worker supplies behaviour signals and the trained filter. */
export function createChecks(
  filter: LearnedFilter,
  options: { spamThreshold?: number } = {},
): { run(comment: CommentForChecks): { spam: SpamResult; profanity: ProfanityResult } } {
  const spam = new SpamCheck(filter, options);
  return {
    run(comment) {
      return { spam: spam.check(comment), profanity: checkProfanity(comment.body) };
    },
  };
}
