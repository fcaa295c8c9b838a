import type { Queryable } from '../src/db/pool';
import type { Config } from '../src/config';
import type { DecisionContext } from '../src/comments/decision-context-repository';
import { authorStanding } from '../src/moderation/trust';
import type { CheckBudget } from './checks/budget';
import { findLinks } from './checks/spam/links';
import type { NewsroomContext } from './decide';
import { createWordListMatcher, type WordListMatcher } from './word-list-matcher';

export interface NewsroomSettings {
  trustMinApproved: number;
  trustWindowDays: number;
  holdFirstCommentWithLink: boolean;
  wordLists: WordListMatcher;
}

export function newsroomSettings(config: Config): NewsroomSettings {
  return {
    trustMinApproved: config.trustMinApproved,
    trustWindowDays: config.trustWindowDays,
    holdFirstCommentWithLink: config.holdFirstCommentWithLink,
    wordLists: createWordListMatcher(),
  };
}

/**
 * The inputs of the newsroom's rules for one comment, from facts read with the comment in one
 * statement (src/comments/decision-context-repository.ts). Only a moved word-list version costs a
 * further read (the lists, once per version per process).
 */
export async function buildNewsroomContext(
  db: Queryable,
  context: Pick<DecisionContext, 'comment' | 'ban' | 'authorRecord' | 'wordListVersion' | 'trust'>,
  settings: NewsroomSettings,
  budget?: CheckBudget,
): Promise<NewsroomContext> {
  const { comment, ban, authorRecord, trust } = context;
  const hits = await settings.wordLists.match(db, comment.body, context.wordListVersion, budget);
  const nameHits = await settings.wordLists.match(db, comment.author_name, context.wordListVersion, budget);
  // The newsroom's own trust settings (edited at run time) win over the environment's.
  const author = authorStanding(authorRecord, {
    minApproved: trust.minApproved ?? settings.trustMinApproved,
    windowDays: trust.windowDays ?? settings.trustWindowDays,
  });
  return {
    ban,
    wordLists: {
      banned: hits.banned.map((hit) => hit.term),
      suspect: hits.suspect.map((hit) => hit.term),
      inAuthorName: { banned: nameHits.banned.map((hit) => hit.term), suspect: nameHits.suspect.map((hit) => hit.term) },
    },
    author: { trusted: author.trusted, firstTime: author.firstTime },
    hasLink: findLinks(comment.body).length > 0,
    holdFirstCommentWithLink: trust.holdFirstCommentWithLink ?? settings.holdFirstCommentWithLink,
  };
}
