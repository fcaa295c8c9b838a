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

/**
 * A name's own results, kept for the next comment by the same name (readers come back): the name
 * checks are pure, and a busy thread has the same few names again and again.
 */
const nameResults = new Map<string, { abuse: AbuseResult; authorName: AuthorNameResult }>();
const NAMES_KEPT = 2000;

function checkName(authorName: string): { abuse: AbuseResult; authorName: AuthorNameResult } {
  let found = nameResults.get(authorName);
  if (!found) {
    found = { abuse: checkAbuse(authorName), authorName: checkAuthorName(authorName) };
    if (nameResults.size >= NAMES_KEPT) nameResults.delete(nameResults.keys().next().value!);
    nameResults.set(authorName, found);
  }
  return found;
}

function abuseInBodyAndName(body: string, authorName: string): AbuseResult {
  const inBody = checkAbuse(body);
  const inName = checkName(authorName).abuse;
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
      const authorName = checkName(comment.authorName).authorName;
      const abuse = abuseInBodyAndName(comment.body, comment.authorName);
      checkDeadline(deadline);
      return { spam: spam.check(comment), profanity, authorName, abuse };
    },
  };
}
