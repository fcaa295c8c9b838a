import { contentSignals, PHONE } from './spam/content';
import { linkSignals } from './spam/links';

/**
 * The author name is shown beside every comment, so it is read for what the body is read for
 * (issue 16.3): links, phone numbers and the spam check's promotional rules here; profanity, the
 * moderators' word lists and the abuse check where those run. A name is a few words, so the body's
 * style signals (shouting, repeated letters) do not apply: "JOHN SMITH" is a name, not a shout.
 */
export interface AuthorNameResult {
  /** The name carries a link, a phone number or a promotional phrase. */
  flagged: boolean;
  reasons: string[];
}

const STYLE = /^(?:shouting|repeated characters)\b/;

export function checkAuthorName(name: string): AuthorNameResult {
  const reasons: string[] = [];
  const links = linkSignals(name);
  if (links.count > 0) reasons.push(`a link in the author name: ${links.reasons.join('; ')}`);
  if (PHONE.test(name)) reasons.push('a phone number in the author name');
  for (const reason of contentSignals(name, links.count > 0).reasons) {
    if (STYLE.test(reason) || reason === 'contains a phone number') continue;
    reasons.push(`the author name: ${reason}`);
  }
  return { flagged: reasons.length > 0, reasons };
}
