import type { CommentStatus } from '../src/comments/comment-repository';
import type { AbuseResult } from './checks/abuse';
import type { AuthorNameResult } from './checks/author-name';
import type { ProfanityResult, SpamResult } from './checks/types';
import type { OutsideVerdict } from './providers/outside-checks';

export interface CheckResults {
  spam: SpamResult;
  profanity: ProfanityResult;
  /** Links, phone numbers and promotional phrases in the author name. */
  authorName?: AuthorNameResult;
  /** Insults aimed at a person, threats, attacks on a group (worker/checks/abuse/). */
  abuse?: AbuseResult;
  /** Akismet and Perspective, when configured (worker/providers/). */
  outside?: OutsideVerdict;
}

export interface Policy {
  /** isSpam comes from the spam check at SPAM_THRESHOLD; a score at or above this holds the comment. */
  holdThreshold: number;
  /** PROFANITY_MASKED: what a masked word ("f**k", "s***") does; `hold` when not given. */
  maskedProfanity?: 'approve' | 'hold' | 'reject';
}

export interface ArticleContext {
  premoderation: boolean;
}

/** What the newsroom's own tools say about this comment, gathered by moderate-job.ts. */
export interface NewsroomContext {
  /** An active ban on the author's email or the client's IP. */
  ban: { id: string; kind: 'email' | 'ip' | 'reader'; reasonCode: string | null } | null;
  /** Terms found in the body; `inAuthorName`, those found in the author name. */
  wordLists: { banned: string[]; suspect: string[]; inAuthorName?: { banned: string[]; suspect: string[] } };
  author: { trusted: boolean; firstTime: boolean };
  hasLink: boolean;
  holdFirstCommentWithLink: boolean;
}

const NO_CONTEXT: NewsroomContext = {
  ban: null,
  wordLists: { banned: [], suspect: [] },
  author: { trusted: false, firstTime: false },
  hasLink: false,
  holdFirstCommentWithLink: false,
};

export interface Decision {
  status: Extract<CommentStatus, 'approved' | 'held' | 'spam' | 'rejected'>;
  /** Which rule decided, for the audit trail and the moderators' statistics. */
  rule: string;
  reason: string;
  /** For rejections: the reason code shown in the decision log. */
  reasonCode?: string;
}

/**
 * The policy, pure, first match wins:
 *  1. ban             the author or client is banned                     → rejected
 *  2. banned-term     a term on the moderators' banned list              → rejected
 *  3. spam            clear spam                                          → spam
 *  4. provider-spam   Akismet says spam                                   → spam
 *  5. profanity       the built-in profanity check (body or author name)  → held
 *  6. profanity-masked a masked word ("f**k"), per PROFANITY_MASKED      → held | rejected | (approve: no rule)
 *  7. abuse           an insult at a person, a threat, an attack on a group → held (never rejected by itself)
 *  8. author-name     a link, phone number or promotion in the name       → held
 *  9. suspect-term    a term on the moderators' suspect list              → held
 * 10. provider-hold   Perspective flags it, or a provider did not answer  → held
 * 11. borderline-spam a borderline spam score, unless the author is trusted → held
 * 12. first-time-link a first-time author's comment carries a link        → held
 * 13. premoderation   the article is in pre-moderation                    → held
 * 14. trusted         borderline, but a trusted author                    → approved
 * 15. clean                                                               → approved
 * The moderators' lists are matched against the body and the author name alike.
 */
export function decide(results: CheckResults, policy: Policy, article: ArticleContext, context: NewsroomContext = NO_CONTEXT): Decision {
  const { spam, profanity } = results;
  if (context.ban) return banDecision(context.ban);
  const inName = context.wordLists.inAuthorName ?? { banned: [], suspect: [] };
  if (context.wordLists.banned.length || inName.banned.length) {
    return {
      status: 'rejected',
      rule: 'banned-term',
      reason: `banned term: ${found(context.wordLists.banned, inName.banned)}`,
      reasonCode: 'offensive',
    };
  }
  if (spam.isSpam) {
    return { status: 'spam', rule: 'spam', reason: `spam score ${spam.score.toFixed(2)}: ${spam.reasons.join('; ')}` };
  }
  if (results.outside?.spam) {
    return { status: 'spam', rule: 'provider-spam', reason: results.outside.spam };
  }
  if (profanity.isProfane) {
    const nameOnly = profanity.inAuthorName?.length && profanity.terms.every((term) => profanity.inAuthorName!.includes(term));
    return {
      status: 'held',
      rule: 'profanity',
      reason: `profanity${nameOnly ? ' in the author name' : ''}: ${profanity.terms.join(', ')}`,
    };
  }
  const masked = policy.maskedProfanity ?? 'hold';
  const abuse = results.abuse?.isAbusive ? `abuse: ${results.abuse.reasons.join('; ')}` : null;
  if (profanity.masked?.length && masked !== 'approve') {
    const reason = `masked profanity: ${quote(profanity.masked)}${abuse ? `; ${abuse}` : ''}`;
    return masked === 'reject'
      ? { status: 'rejected', rule: 'profanity-masked', reason, reasonCode: 'offensive' }
      : { status: 'held', rule: 'profanity-masked', reason };
  }
  if (abuse) return { status: 'held', rule: 'abuse', reason: abuse };
  if (results.authorName?.flagged) {
    return { status: 'held', rule: 'author-name', reason: results.authorName.reasons.join('; ') };
  }
  if (context.wordLists.suspect.length || inName.suspect.length) {
    return { status: 'held', rule: 'suspect-term', reason: `suspect term: ${found(context.wordLists.suspect, inName.suspect)}` };
  }
  if (results.outside?.hold.length) {
    return { status: 'held', rule: 'provider-hold', reason: results.outside.hold.join('; ') };
  }
  const borderline = spam.score >= policy.holdThreshold;
  if (borderline && !context.author.trusted) {
    return {
      status: 'held',
      rule: 'borderline-spam',
      reason: `borderline spam score ${spam.score.toFixed(2)}: ${spam.reasons.join('; ') || 'no single strong signal'}`,
    };
  }
  if (context.holdFirstCommentWithLink && context.author.firstTime && context.hasLink) {
    return { status: 'held', rule: 'first-time-link', reason: "a first-time author's comment with a link" };
  }
  if (article.premoderation) {
    return { status: 'held', rule: 'premoderation', reason: 'the article is in pre-moderation' };
  }
  if (borderline) {
    return { status: 'approved', rule: 'trusted', reason: `borderline spam score ${spam.score.toFixed(2)}, but a trusted author` };
  }
  return { status: 'approved', rule: 'clean', reason: 'passed the spam, profanity and abuse checks' };
}

function banDecision(ban: NonNullable<NewsroomContext['ban']>): Decision {
  return {
    status: 'rejected',
    rule: 'ban',
    reason: `the ${ban.kind === 'ip' ? 'client IP' : 'author'} is banned (ban ${ban.id})`,
    reasonCode: ban.reasonCode ?? 'abusive',
  };
}

/**
 * The checks ran past CHECK_BUDGET_MS: a ban still rejects (it needs no check); otherwise a
 * moderator decides. The comment is not checked again, on this worker or another.
 */
export function decideAfterTimeout(budgetMs: number, ban: NewsroomContext['ban']): Decision {
  if (ban) return banDecision(ban);
  return {
    status: 'held',
    rule: 'check-timeout',
    reason: `the checks took longer than the ${budgetMs} ms allowed for one comment (CHECK_BUDGET_MS), so a moderator decides instead`,
  };
}

const quote = (terms: string[]) => [...new Set(terms)].map((term) => `'${term}'`).join(', ');

/** "'grifter', 'shill' in the author name". */
function found(inBody: string[], inName: string[]): string {
  return [inBody.length ? quote(inBody) : '', inName.length ? `${quote(inName)} in the author name` : ''].filter(Boolean).join('; ');
}
