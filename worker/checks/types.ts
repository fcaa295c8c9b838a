export interface SpamResult {
  isSpam: boolean;
  /** 0..1, calibrated so that 0.5 is the tuned spam operating point and [0.3, 0.5) is "hold". */
  score: number;
  reasons: string[];
}

export interface ProfanityResult {
  isProfane: boolean;
  /** Canonical terms, e.g. 'fuck'. */
  terms: string[];
  /** For moderators, e.g. "matched 'f*ck' written as 'f u c k'". */
  reasons: string[];
  /** The terms found in the author name (absent when the name is clean). */
  inAuthorName?: string[];
  /**
   * Words written with letters masked ("f**k", "s***"), as written, when no term is written out;
   * PROFANITY_MASKED decides whether they pass, hold or reject. Absent on older results.
   */
  masked?: string[];
}

export interface BehaviourSignals {
  /** Earlier comments by the same author (keyed email hash) in the last 10 minutes. */
  authorRecentCount: number;
  /** Earlier comments from the same client IP hash in the last 10 minutes. */
  ipRecentCount: number;
  /** Earlier comments with the same normalised body in the last 24 h, any author. */
  duplicateBodyCount: number;
}

export interface CommentForChecks {
  body: string;
  authorName: string;
  behaviour?: BehaviourSignals;
}
