/**
 * Trust, from an author's record under their keyed email hash: N approved comments and no
 * rejection (or spam) in the last D days make an author trusted, and a trusted author's comment
 * skips holding for a borderline spam score (never for a banned term, clear spam or a ban). An
 * author with no approved comment ever is a first-timer: with HOLD_FIRST_COMMENT_WITH_LINK their
 * comment is held when it carries a link.
 */

export interface TrustSettings {
  minApproved: number;
  windowDays: number;
}

export interface AuthorRecord {
  approvedInWindow: number;
  rejectedInWindow: number;
  approvedEver: number;
}

export interface AuthorStanding {
  trusted: boolean;
  firstTime: boolean;
  record: AuthorRecord;
}

export function authorStanding(record: AuthorRecord, settings: TrustSettings): AuthorStanding {
  const trusted = settings.minApproved > 0 && record.approvedInWindow >= settings.minApproved && record.rejectedInWindow === 0;
  return { trusted, firstTime: record.approvedEver === 0, record };
}
