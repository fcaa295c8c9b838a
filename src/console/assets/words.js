// @ts-check
/** What the API's codes mean, in a moderator's words. */

/** @type {Record<string, string>} */
const RULES = {
  ban: 'the author or their connection is banned',
  'banned-term': 'it contains a term on the banned word list',
  spam: 'the spam check scored it as spam',
  profanity: 'the profanity check found offensive words',
  'profanity-masked': 'it contains a masked offensive word, such as f**k',
  'suspect-term': 'it contains a term on the suspect word list',
  'author-name': 'its author name carries a link, a phone number or a promotion',
  'borderline-spam': 'its spam score is borderline',
  'first-time-link': "it is a first-time author's comment with a link",
  premoderation: 'its article is in pre-moderation',
  trusted: 'its spam score is borderline, but the author is trusted',
  abuse: 'the abuse check found an insult, a threat or an attack on a group',
  clean: 'it passed the spam, profanity and abuse checks',
  'reader-reports': 'enough readers reported it',
  'editors-pick': "an editors' pick",
  'check-timeout': 'its checks took longer than the time allowed for one comment',
  intake: 'posted by the commenter',
  moderator: "a moderator's decision",
};

/** @param {string} rule */
export const ruleInWords = (rule) => RULES[rule] ?? rule;

/** The reason codes a rejection (or a ban) can carry, as the API knows them. */
export const REASON_CODES = /** @type {const} */ ([
  ['offensive', 'Offensive'],
  ['abusive', 'Abusive'],
  ['off-topic', 'Off-topic'],
  ['spam', 'Spam'],
  ['illegal', 'Illegal'],
  ['other', 'Other'],
]);

/** @type {Record<string, string>} */
export const STATUS = { pending: 'Pending', held: 'Held', approved: 'Approved', rejected: 'Rejected', spam: 'Spam' };

/** @param {string} code */
export const reasonLabel = (code) => REASON_CODES.find(([value]) => value === code)?.[1] ?? code;

/** What a decision did, in the past tense. @type {Record<string, string>} */
export const DONE = { approve: 'Approved', reject: 'Rejected', spam: 'Marked as spam' };

/** Why readers report a comment (POST /v1/comments/{id}/reports). @type {Record<string, string>} */
export const REPORT_REASONS = {
  spam: 'Spam',
  abusive: 'Abusive',
  'off-topic': 'Off-topic',
  misinformation: 'Misinformation',
  illegal: 'Illegal content (notice)',
};

/** "abusive ×2, spam" from { abusive: 2, spam: 1 }. @param {Record<string, number>} reasons */
export const reportReasons = (reasons) =>
  Object.entries(reasons)
    .map(([reason, n]) => `${(REPORT_REASONS[reason] ?? reason).toLowerCase()}${n > 1 ? ` ×${n}` : ''}`)
    .join(', ');
