import type { CommentStatus } from '../src/comments/comment-repository';
import type { ProfanityResult, SpamResult } from './checks/types';

export interface CheckResults {
  spam: SpamResult;
  profanity: ProfanityResult;
}

export interface Policy {
  /** isSpam comes from the spam check at SPAM_THRESHOLD; a score at or above this holds the comment. */
  holdThreshold: number;
}

export interface ArticleContext {
  premoderation: boolean;
}

export interface Decision {
  status: Extract<CommentStatus, 'approved' | 'held' | 'spam' | 'rejected'>;
  /** Which rule decided, for the audit trail and the moderators' statistics. */
  rule: string;
  reason: string;
}

/**
 * The default policy, pure: clear spam is binned, anything profane or borderline waits for a
 * moderator, everything else is published. An article in pre-moderation holds every comment that
 * is not clearly spam.
 */
export function decide(results: CheckResults, policy: Policy, article: ArticleContext): Decision {
  const { spam, profanity } = results;
  if (spam.isSpam) {
    return { status: 'spam', rule: 'spam', reason: `spam score ${spam.score.toFixed(2)}: ${spam.reasons.join('; ')}` };
  }
  if (profanity.isProfane) {
    return { status: 'held', rule: 'profanity', reason: `profanity: ${profanity.terms.join(', ')}` };
  }
  if (spam.score >= policy.holdThreshold) {
    return {
      status: 'held',
      rule: 'borderline-spam',
      reason: `borderline spam score ${spam.score.toFixed(2)}: ${spam.reasons.join('; ') || 'no single strong signal'}`,
    };
  }
  if (article.premoderation) {
    return { status: 'held', rule: 'premoderation', reason: 'the article is in pre-moderation' };
  }
  return { status: 'approved', rule: 'clean', reason: 'passed the spam and profanity checks' };
}
