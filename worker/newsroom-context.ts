import type { Queryable } from '../src/db/pool';
import type { Config } from '../src/config';
import type { CommentRow } from '../src/comments/comment-repository';
import { findActiveBan } from '../src/moderation/bans/ban-repository';
import { authorStanding, findAuthorRecord } from '../src/moderation/trust';
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

/** The inputs of the newsroom's rules for one comment: three small reads, run side by side. */
export async function gatherNewsroomContext(
  db: Queryable,
  comment: CommentRow,
  settings: NewsroomSettings,
): Promise<NewsroomContext> {
  const [ban, hits, record] = await Promise.all([
    findActiveBan(db, comment.author_email_hash, comment.ip_hash),
    settings.wordLists.match(db, comment.body),
    findAuthorRecord(db, comment, settings.trustWindowDays),
  ]);
  const author = authorStanding(record, { minApproved: settings.trustMinApproved, windowDays: settings.trustWindowDays });
  return {
    ban: ban ? { id: ban.id, kind: ban.kind, reasonCode: ban.reason_code } : null,
    wordLists: { banned: hits.banned.map((hit) => hit.term), suspect: hits.suspect.map((hit) => hit.term) },
    author: { trusted: author.trusted, firstTime: author.firstTime },
    hasLink: findLinks(comment.body).length > 0,
    holdFirstCommentWithLink: settings.holdFirstCommentWithLink,
  };
}
