/**
 * Trust, from an author's record under their keyed email hash: N approved comments and no
 * rejection (or spam) in the last D days make an author trusted, and a trusted author's comment
 * skips holding for a borderline spam score (never for a banned term, clear spam or a ban).
 *
 * The address is not verified: anyone who knows a regular's can type it. So for links the author
 * is a first-timer unless a comment of theirs was approved from the same client (IP hash, kept for
 * RETENTION_DAYS): with HOLD_FIRST_COMMENT_WITH_LINK an impostor's link is held, and so is a
 * regular's first link from a new network, once.
 */

export interface TrustSettings {
  minApproved: number;
  windowDays: number;
}

export interface AuthorRecord {
  approvedInWindow: number;
  rejectedInWindow: number;
  approvedEver: number;
  /** Approved comments of this address posted from this comment's client. */
  approvedFromClient: number;
}

export interface AuthorStanding {
  trusted: boolean;
  firstTime: boolean;
  record: AuthorRecord;
}

export function authorStanding(record: AuthorRecord, settings: TrustSettings): AuthorStanding {
  const trusted = settings.minApproved > 0 && record.approvedInWindow >= settings.minApproved && record.rejectedInWindow === 0;
  return { trusted, firstTime: record.approvedFromClient === 0, record };
}
