/**
 * Link signals. A link is the payload of most comment spam, but readers link too (a council report,
 * the video itself), so a link on its own only raises the score; shorteners, hidden destinations and
 * several links raise it more.
 */
export interface LinkSignals {
  count: number;
  /** Links that are not to a reputable reference (public bodies, universities, encyclopaedias, news). */
  unvetted: number;
  domains: string[];
  shorteners: number;
  obfuscated: number;
  weight: number;
  reasons: string[];
}

const SHORTENERS = new Set([
  'bit.ly',
  'goo.gl',
  'tinyurl.com',
  't.co',
  'ow.ly',
  'is.gd',
  'buff.ly',
  'adf.ly',
  'bitly.com',
  'cutt.ly',
  'rebrand.ly',
  'shorturl.at',
  'tiny.cc',
  'rb.gy',
  'v.gd',
  'shorte.st',
  'bc.vc',
  'x.co',
  'lnkd.in',
  'soo.gd',
  'linkbucks.com',
  'adfoc.us',
  's.id',
  'linktr.ee',
  'po.st',
  'qr.net',
  'tr.im',
  'clck.ru',
  'shrt.li',
]);

const SUSPICIOUS_TLDS = new Set([
  'xyz',
  'top',
  'click',
  'loan',
  'win',
  'bid',
  'review',
  'work',
  'party',
  'tk',
  'ml',
  'ga',
  'cf',
  'gq',
  'biz',
  'info',
  'ru',
  'cn',
  'online',
  'site',
  'club',
  'icu',
  'buzz',
  'live',
  'shop',
  'stream',
]);

// Two-letter endings that are also English words (in, be, to, at, it, us, am) are left out: "end.It"
// is a missing space more often than a link.
const TLDS =
  'com|net|org|ly|gl|co|info|biz|me|tv|io|ru|uk|de|pl|xyz|top|club|online|site|cc|gd|ws|tk|ml|ga|cf|gq|fm|ee|gy|eu|ca|au|fr|nl|br|mx|vn|click|live|shop|stream|icu|buzz|win|bid|loan|work|party|review';

const URL = new RegExp(
  [
    'https?://[^\\s<>"\']+',
    'www\\.[^\\s<>"\']+',
    `\\b[a-z0-9][a-z0-9-]{0,62}(?:\\.[a-z0-9-]{1,63}){0,8}\\.(?:${TLDS})\\b(?:/[^\\s<>"']*)?`,
  ].join('|'),
  'gi',
);

// "youtube . com/user/x", "mysite dot com", "bit(.)ly/x": written so a link filter will not see them.
const OBFUSCATED = new RegExp(
  `\\b[a-z0-9-]{2,63}\\s*(?:\\(\\s*\\.\\s*\\)|\\[\\s*\\.\\s*\\]|\\s\\.\\s|\\s+dot\\s+|\\.\\s+(?=(?:com|net|org)\\b))\\s*(?:${TLDS})\\b|\\b(?:delete|remove)\\s+(?:the\\s+)?spaces\\b`,
  'gi',
);

/**
 * Where readers point each other for the facts: public bodies, universities, reference works and
 * established newsrooms. A link there is not evidence of spam on its own (scam text still is).
 */
const REPUTABLE =
  /(?:^|\.)(?:gov|gov\.uk|nhs\.uk|police\.uk|parliament\.uk|ac\.uk|edu|mil|int|europa\.eu|gov\.[a-z]{2}|gc\.ca|bbc\.co\.uk|bbc\.com|wikipedia\.org|wikimedia\.org|theguardian\.com|reuters\.com|apnews\.com|ft\.com|nytimes\.com|washingtonpost\.com|economist\.com|thetimes\.co\.uk|telegraph\.co\.uk|independent\.co\.uk|news\.sky\.com|itv\.com|channel4\.com|fullfact\.org|ourworldindata\.org|archive\.org|doi\.org|nature\.com|who\.int|ons\.gov\.uk|un\.org|citizensadvice\.org\.uk|moneysavingexpert\.com|which\.co\.uk|snopes\.com|factcheck\.org|politifact\.com)$/;

/** A YouTube video link: often the reader sharing the very video or clip being discussed. */
const VIDEO_LINK = /(?:^|\/\/|\.)(?:youtu\.be\/|youtube\.com\/watch)/i;

/**
 * A referral or affiliate code in the query: whoever posted it is paid per click or sign-up. It
 * weighs as much as a shortener and a link together (1.5): 15 spam comments of the videos carry one,
 * no legitimate comment of any source does.
 */
const REFERRAL = /[?&#](?:ref|referral|referrer|aff|affiliate|aff_id|affid|friend|invite|invite_code|tag|r)=(?=[\w-]*\d)[\w-]{3,}/i;

function domainOf(url: string): string {
  const host = url
    .replace(/^https?:\/\//i, '')
    .split(/[/?#:]/)[0]
    .toLowerCase();
  return host.replace(/^www\./, '').replace(/\.+$/, '');
}

export function findLinks(text: string): string[] {
  return text.match(URL) ?? [];
}

export function linkSignals(text: string): LinkSignals {
  const links = findLinks(text).filter((l) => !/^\d+(\.\d+)+$/.test(l) && !/^[a-z]\.[a-z]$/i.test(l));
  const domains = links.map(domainOf);
  const shorteners = domains.filter((d) => SHORTENERS.has(d)).length;
  const obfuscated = (text.match(OBFUSCATED) ?? []).length;
  const suspicious = domains.filter((d) => SUSPICIOUS_TLDS.has(d.split('.').pop() ?? '')).length;
  const count = links.length + obfuscated;
  const reputable = domains.filter((d) => REPUTABLE.test(d)).length;
  const video = links.filter((l) => VIDEO_LINK.test(l)).length;
  const referral = links.filter((l) => REFERRAL.test(l)).length;
  const unvetted = count - reputable;
  let weight = 0;
  const reasons: string[] = [];
  if (count > 0) {
    // One link weighs by where it goes: a reputable source nothing, a video less than elsewhere.
    weight += count > 1 ? 1.4 : reputable ? 0 : video ? 0.4 : 0.8;
    weight += Math.min(shorteners, 2) * 0.8 + Math.min(obfuscated, 1) * 1.2 + Math.min(suspicious, 1) * 0.5 + Math.min(referral, 1) * 1.5;
    const parts = [`${count} link${count === 1 ? '' : 's'}`];
    if (shorteners) parts.push(`${shorteners} to URL shorteners`);
    if (obfuscated) parts.push(`${obfuscated} written to dodge link filters`);
    if (suspicious) parts.push(`${suspicious} to a suspicious domain`);
    if (referral) parts.push(`${referral} with a referral code`);
    if (reputable) parts.push(`${reputable} to a reputable source`);
    const shown = [...new Set(domains)].slice(0, 3).join(', ');
    reasons.push(parts.join(', ') + (shown ? ` (${shown})` : ''));
  }
  return { count, unvetted, domains, shorteners, obfuscated, weight, reasons };
}
