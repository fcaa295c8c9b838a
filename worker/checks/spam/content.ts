/**
 * Content signals: what the comment asks the reader to do. Spam wants a click, a subscriber, a
 * message or money; readers argue about the story. Each rule carries the weight it adds to the
 * spam log-odds and the words a moderator sees.
 */
export interface ContentSignals {
  weight: number;
  reasons: string[];
  /** A promotional rule fired, or the text uses words spam is made of (not only style). */
  promotional: boolean;
}

interface Rule {
  pattern: RegExp;
  weight: number;
  reason: string;
}

const RULES: Rule[] = [
  {
    pattern: /\b(?:check(?:ing)?\s+(?:out\s+)?(?:my|our)|(?:visit|see|watch|listen\s+to|view|hear)\s+(?:my|our)|(?:my|our)\s+(?:new\s+|first\s+|latest\s+|own\s+)?(?:youtube\s+)?(?:channel|vids?|videos?|songs?|music|mixtape|page|blog|website|site|covers?|profile|playlist|account|rap|beats?|album|ep|band|instagram|twitter|soundcloud|facebook)\b)/i,
    weight: 1.6,
    reason: 'self-promotion',
  },
  {
    pattern: /\b(?:subscri(?:be|bing)\s+(?:to\s+)?(?:me|my|our|us|him|her|this)|sub\s*(?:4|for)\s*sub|sub\s+to\s+(?:me|my)|subscribers?\s+(?:please|plz|pls)|please\s+subscribe|(?:help\s+me|me\s+to)\s+(?:get|reach|hit)\s+\d+)/i,
    weight: 1.6,
    reason: 'asks for subscribers',
  },
  {
    pattern: /\b(?:(?:please|plz|pls)\s+(?:\w+\s+){0,4}(?:like|share|subscribe|sub|check|support|view|follow|comment)|thumbs?\s+up\s+(?:so|this\s+comment|my)|give\s+(?:it|me|this|my)\s+a\s+(?:like|thumbs)|like\s+this\s+comment|leave\s+a\s+like|hit\s+(?:the\s+)?like\s+button|like\s+(?:and|&)\s+(?:share|subscribe))\b/i,
    weight: 1.0,
    reason: 'asks for likes or shares',
  },
  {
    pattern: /\b(?:follow\s+me|add\s+me|follow\s+us|message\s+me|text\s+me|dm\s+me|inbox\s+me|hit\s+me\s+up|contact\s+(?:me|us)\s+(?:on|via|at))\b/i,
    weight: 1.1,
    reason: 'asks to be contacted or followed',
  },
  {
    pattern: /\b(?:(?:make|making|earn|earning|made|earned)\s+(?:\S+\s+){0,3}(?:money|cash|dollars|bucks|income|\$|£|€)|\$\s?\d[\d,]*(?:\.\d+)?\s*(?:\/|per|a|an|every)\s*(?:day|week|month|hour)|work(?:ing)?\s+from\s+home|online\s+job|extra\s+income|passive\s+income|get\s+paid|paid\s+to|free\s+(?:money|gift|iphone|ipad|cash|followers|views|subscribers|likes|robux|gems|v-?bucks)|giveaway|gift\s*cards?|bitcoin|btc|crypto|forex|binary\s+options|investment\s+(?:plan|opportunity|manager)|sugar\s+daddy|loan\s+offer)\b/i,
    weight: 1.5,
    reason: 'money or prize offer',
  },
  {
    pattern: /\b(?:whatsapp|telegram|kik|wickr|signal\s+me|viber)\b/i,
    weight: 1.0,
    reason: 'moves the conversation to a messaging app',
  },
  {
    pattern: /\b(?:viagra|cialis|casino|porn|hot\s+singles|sexy\s+(?:girls|women|pics)|webcams?|cam\s+girls|escorts?|hook\s?ups?|nudes?|onlyfans|dating\s+site)\b/i,
    weight: 1.5,
    reason: 'adult, pharmacy or gambling offer',
  },
  {
    pattern: /\b(?:click\s+(?:here|this|the\s+link|my|on\s+my)|go\s+to\s+(?:my|this)\s+(?:link|site|page|channel)|link\s+in\s+(?:my|the)\s+(?:bio|profile|description)|search\s+(?:for\s+)?(?:my|")|look\s+(?:me|us)\s+up|google\s+(?:my|me))\b/i,
    weight: 1.0,
    reason: 'call to action',
  },
  {
    pattern: /\b(?:promo(?:tion)?\s+code|discount\s+code|coupon|limited\s+offer|act\s+now|order\s+now|buy\s+now|100%\s+free|risk[-\s]free|guaranteed)\b/i,
    weight: 1.0,
    reason: 'sales pitch',
  },
];

/**
 * Words that make a comment a candidate for spam at all. They carry no weight of their own (readers
 * say "subscribe" and "check out" too); they only let the learned filter's verdict count in full.
 */
const CANDIDATE = /\b(?:subscri\w*|sub|subs|channel|check\s+(?:out\s+)?(?:this|my|our|it\s+out)|visit|follow|share|click|free|win|money|cash|promo\w*|views?|like\s+(?:this|if|my)|my\s+(?:video|song|page|music)|download|app|offer|earn)\b/i;

const PHONE = /(?:\+|\b00)\d[\d\s().-]{8,}\d|\b\d{3}[\s.-]\d{3}[\s.-]\d{4}\b/;

export function contentSignals(text: string): ContentSignals {
  let weight = 0;
  const reasons: string[] = [];
  let promotional = false;
  for (const rule of RULES) {
    const m = rule.pattern.exec(text);
    if (m) {
      weight += rule.weight;
      reasons.push(`${rule.reason}: '${m[0].trim().slice(0, 40)}'`);
      promotional = true;
    }
  }
  if (PHONE.test(text)) {
    weight += 0.8;
    reasons.push('contains a phone number');
    promotional = true;
  }
  const letters = text.replace(/[^\p{L}]/gu, '');
  const capitals = text.replace(/[^\p{Lu}]/gu, '').length;
  if (letters.length >= 20 && capitals / letters.length > 0.7) {
    weight += 0.4;
    reasons.push(`shouting (${Math.round((100 * capitals) / letters.length)}% capitals)`);
  }
  const repeated = /(\S)\1{5,}/u.exec(text);
  if (repeated) {
    weight += 0.2;
    reasons.push(`repeated characters ('${repeated[0].slice(0, 10)}')`);
  }
  if (!promotional && CANDIDATE.test(text)) promotional = true;
  return { weight, reasons, promotional };
}
