import { letterCase } from './text';

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
  /** Promotional only because of candidate words: no rule fired. */
  candidateOnly: boolean;
}

/** A short code to text or reply to: "text WIN to 80082", "txt the word: CLAIM to No: 81010". */
const SHORT_CODE = /\b(?:text|txt|send|reply|rply|sms|msg|mms)(?:ing|ed|s)?\b(?:\s+\S+){1,8}?\s+(?:to|on)\s+(?:no:?\s*)?\d{4,6}(?!\d)/i;

/** "Reply GO to this message", "txt YES now": a keyword in capitals to send back (case matters). */
const REPLY_KEYWORD =
  /\b(?:[Rr]eply|REPLY|[Tt]xt|TXT|[Tt]ext|TEXT|[Ss]end|SEND)\s+(?:with\s+)?["'“]?[A-Z0-9#]{2,}["'”]?(?:\s+(?:or|&|and)\s+[A-Z0-9#]{2,})?\s+(?:to\s+(?:this|us|claim|get|join|receive|start|subscribe|opt)|now|for\s+(?:your|ur|a|more))\b/;

/**
 * "Reply POST", "txt back your NAME and AGE", "text the keyword PICSFREE1", "reply with \"ADP\"": a word
 * in capitals to send back, the call to action of text-message marketing. Case matters, so it is
 * read only in a text that is not itself written in capitals ("TEXT BACK ON THIS NUMBER LUV KATE").
 */
const SEND_KEYWORD =
  /\b(?:[Rr]eply|REPLY|[Rr]ply|[Tt]xt|TXT|[Tt]ext|TEXT|[Ss]end|SEND)\s+(?:back\s+)?(?:with\s+)?(?:the\s+(?:word|keyword)\s+)?(?:(?:your|ur|yr)\s+)?["“]?(?!ME\b|U\b|OK\b|TO\b|IT\b|IN\b|ON\b|AT\b|NO\b|YES\b(?!\s+(?:to|for)))[A-Z][A-Z0-9#]{1,}["”]?(?![a-z])/;

interface Rule {
  pattern: RegExp;
  /** When given, the rule fires only if this matches too (a claim is spam only with an ask). */
  andAlso?: RegExp;
  /**
   * An offer named by topic words ("casino", "gift cards", "thanks to Dr Patel") counts only when
   * the comment also gives a way to take it up (a link, a contact, "sign up"): readers discuss
   * casinos, scams and their doctors; spam always says where to go.
   */
  needsPayload?: boolean;
  /** Case-sensitive: read only when the text is not written in capitals. */
  quiet?: boolean;
  /** The rule does not fire when this matches (a reader's appeal asks for shares too). */
  unless?: RegExp;
  weight: number;
  reason: string;
}

const RULES: Rule[] = [
  {
    // Premium-rate and shared-cost numbers (UK 09, 0871/0870/0844/0845; US 1-900): whoever gives
    // one is paid by the minute. Readers give helplines (0800, 111, 101), not these.
    // Written glued to the words around it too ("call09050000327", "0871277810910p/min"): the
    // number starts where the digits start, whatever letters touch it.
    pattern: /(?<!\d)(?:09\d{8,9}|08(?:7[01]|4[45])\d{6,7}|1-?900-?\d{3}-?\d{4})/,
    weight: 1.5,
    reason: 'gives a premium-rate number',
  },
  {
    // "Text WIN to 80082", "reply STOP to 87070", "txt the word: CLAIM to No: 81010": a short code
    // to act on, the call to action of text-message and phone-in spam.
    pattern: SHORT_CODE,
    weight: 1.5,
    reason: 'asks to text a short code',
  },
  {
    pattern: REPLY_KEYWORD,
    weight: 1.5,
    reason: 'asks to text a short code',
  },
  {
    pattern: SEND_KEYWORD,
    quiet: true,
    weight: 1.5,
    reason: 'asks to text back a keyword',
  },
  {
    // The small print only marketing carries: charges per message or minute, "T&Cs apply", how to
    // stop the messages.
    pattern:
      /(?:\bt\s?&\s?c'?s?\b|\b(?:txt|text|reply|send)\s+stop\b|\bto\s+opt[\s-]?out\b|\b\d{2,3}p\s*(?:\/|per|a)\s*(?:msg|min|minute|txt|text|wk|week)\b|[£$€]\d+(?:\.\d+)?\s*(?:\/|per)\s*(?:msg|min|txt|wk)\b|\b(?:16|18)\+\s*only\b|\bcustomer\s+(?:service|care|servic)\s*(?:on|call)?\s*\d)/i,
    weight: 1.2,
    reason: 'premium-rate terms or an opt-out',
  },
  {
    // "You have won", "claim your prize", "selected to receive a £900 reward": a prize the reader
    // must take up somewhere (needs a link, a number or a short code to count).
    pattern:
      /\b(?:(?:you|u)(?:'ve|\s+have|\s+r|\s+are)?\s+(?:been\s+|just\s+)?(?:won|selected|awarded|chosen)|(?:claim|collect)\s+(?:your|ur|a|the|this)\s+(?:\S+\s+){0,2}?(?:prize|reward|cash|voucher|bonus|gift|award)|(?:won|win)\s+(?:a|an|the|\d+|[£$€]\d[\d,]*)\s+(?:\S+\s+){0,2}?(?:prize|cash|holiday|voucher|award|bonus|reward|tickets?)|(?:cash|prize|guaranteed)\s+(?:prize|reward|award)|prize\s+(?:draw|jackpot)|is\s+(?:the\s+)?winner|(?:free|cash)\s+entry)\b/i,
    weight: 1.5,
    needsPayload: true,
    reason: 'money or prize offer',
  },
  {
    // The text YouTube's share button writes; pasted under other videos it is a link-drop.
    pattern: /\b(?:check\s+out|take\s+a\s+look\s+at|watch|listen\s+to)\s+this\s+(?:video|playlist|channel|song|track)\s+on\s+you\s*tu/i,
    weight: 2.5,
    reason: 'shared-video link text',
  },
  {
    // "Subscribe", "Come subscribe", "great, subscribe": an imperative on its own, not a reader's
    // "I subscribe to the paper".
    pattern: /^\W*(?:\w+\W+){0,2}(?:come\s+|pls\s+|please\s+|plz\s+|go\s+)?subscri(?:be|bete)\b\W*(?:\w+\W*){0,2}$/i,
    weight: 1.6,
    reason: 'asks for subscribers',
  },
  {
    // "Check out my channel", "visit our site", "my new song": the verb with something a creator
    // makes, not "check my maths", "visit our local library" (those need an ask, next rule).
    pattern:
      /\b(?:(?:check(?:ing)?\s+(?:out\s+)?|visit\s+|see\s+|watch\s+|listen\s+to\s+|view\s+|hear\s+)(?:my|our)\s+(?:\w+\s+){0,2}?(?:channel|vids?|videos?|songs?|music|page|blog|website|site|profile|playlist|account|rap|raps|beats?|album|ep|band|instagram|insta|twitter|soundcloud|facebook|tiktok|covers?|stuff|shop|store|mixtape|content|tracks?|freestyles?|remix(?:es)?|vlogs?)|(?:my|our)\s+(?:new\s+|first\s+|latest\s+|own\s+)?(?:youtube\s+)?(?:channel|vids|mixtape|soundcloud)|(?:my|our)\s+(?:new|first|latest)\s+(?:youtube\s+)?(?:vid|videos?|songs?|blog|website|covers?|playlist|rap|beats?|album|ep|single))\b/i,
    weight: 1.6,
    reason: 'self-promotion',
  },
  {
    // "My page", "my videos", "our band": promotion when the comment also asks for something
    // ("... please", "go to", "like", a link), a reader's life otherwise ("my account was frozen",
    // "my music teacher", "our band played there in 1994").
    pattern:
      /\b(?:my|our)\s+(?:own\s+)?(?:youtube\s+)?(?:vid|videos?|songs?|music|page|blog|website|site|covers?|profile|playlist|account|rap|beats?|album|ep|band|instagram|twitter|soundcloud|facebook)\b/i,
    andAlso:
      /\b(?:check|visit|watch|listen|view|subscri\w*|sub|please|plz|pls|support|likes?\s+(?:it|this|my|and|&|pls|please|plz|4)|comment|follow|go\s+to|search|link|here|https?|www|thanks|thank\s+you|thx|enjoy|would\s+(?:mean|love|appreciate|be\s+(?:great|awesome|nice|amazing|cool|appreciated))|let\s+me\s+know)\b/i,
    weight: 1.6,
    reason: 'self-promotion',
  },
  {
    // "Visit our ...", "check my ...", "watch my ..." with anything else: promotion only with an
    // ask ("please", "like it", "subscribe", a link), not "check my maths", "visit our library".
    pattern: /\b(?:check(?:ing)?\s+(?:out\s+)?|visit\s+|see\s+|watch\s+|listen\s+to\s+|view\s+|hear\s+)(?:my|our)\b/i,
    andAlso:
      /\b(?:subscri\w*|sub|please|plz|pls|likes?\s+(?:it|this|my|and|&|pls|please|plz|4)|comment|follow\s+(?:me|us)|link|https?|www|thanks|thank\s+you|thx|enjoy|would\s+(?:mean|love|appreciate|be\s+(?:great|awesome|nice|amazing|cool|appreciated))|let\s+me\s+know)\b/i,
    weight: 1.6,
    reason: 'self-promotion',
  },
  {
    // The same asks in the languages that most often reach English-language sites: "suscríbete a
    // mi canal", "inscreva-se no meu canal", "abonnez-vous à ma chaîne", "abonniert meinen Kanal".
    pattern:
      /(?:^|[^\p{L}])(?:(?:su(?:b)?scr[ií]b\w*|visit\w*|pas(?:en|a|sem)\s+(?:por|no|pelo)|entr(?:en|a)\s+(?:a|en)|v(?:enha|enham|em)\s+(?:para|pro|no|ao)|ver|vean|mir(?:a|en)|conozcan|confiram|conheçam|inscrevam-se|inscreva-se|se\s+inscrev\w*|abonnez-vous|abonne-toi|iscriviti|(?:schaut|abonniert)\s+(?:auf|bei)?)\s+(?:\S+\s+){0,2}?(?:mi|meu|mon|ma|mein(?:en)?|il\s+mio)\s+(?:nuevo\s+|novo\s+)?(?:canal|chaîne|chaine|kanal|canale)|su(?:b)?scr[ií]b(?:ete|anse|ance)|inscrevam?-se|abonnez-vous|abonne-toi|iscriviti|s[ií]gueme|me\s+sigam)(?![\p{L}])/iu,
    weight: 1.2,
    reason: 'self-promotion (not English)',
  },
  {
    // A cryptocurrency wallet address: the comment asks to be sent money.
    pattern: /\b(?:[13][a-km-zA-HJ-NP-Z1-9]{25,34}|bc1[a-z0-9]{25,60}|0x[a-fA-F0-9]{40})\b/,
    weight: 1.5,
    reason: 'gives a crypto wallet address',
  },
  {
    // Subscriber counts as a goal or a boast: "if I get 100 subscribers", "help me reach 1k subs",
    // "I'm a rapper with 25000 subscribers", "become my first subscriber". A reader mentioning a
    // channel's subscribers ("the channel has 3m subscribers") speaks of someone else.
    pattern:
      /\b(?:(?:i|me|my|i'?m|we|us|our)\b[^.!?\n]{0,40}?\b\d[\d.,]*\s*k?\s+(?:subs|subscribers?)\b|(?:my|our)\s+first\s+(?:\d+\s+)?subscribers?|become\s+my\s+\w*\s*subscriber|sub\s+(?:to\s+)?me\b|(?:my|our)\s+new\s+\w+\s+channel)/i,
    weight: 1.2,
    reason: 'asks for subscribers',
  },
  {
    // A newcomer introducing themselves to strangers under someone else's post: "check me out",
    // "I'm a new youtuber", "it would mean the world if you", the copied "getting popular fast" text.
    pattern:
      /\b(?:(?:come\s+|go\s+)?check\s+(?:me|us)\s+out|(?:i'?m|we'?re)\s+(?:a\s+)?(?:new|small|young|upcoming|aspiring)\s+(?:\w+\s+)?(?:youtubers?|vloggers?)|new\s+youtuber|new\s+to\s+youtube|would\s+mean\s+(?:a\s+lot|so\s+much|the\s+(?:absolute\s+)?world)(?:\s+to\s+(?:me|us))?\s+if\s+(?:you|u)\s+(?:could\s+|would\s+|can\s+)?(?:sub\w*|check\w*|like\w*|watch\w*|listen\w*|follow\w*|view\w*|visit\w*|gave|give)|getting\s+(?:popular|known|famous)\s+fast|(?:follow|like|sub)\s*(?:4|for)\s*(?:follow|like|sub)|subscribe\s+back|check\s+(?:it|them|'em)\s+out\s+(?:and|&|n)\s+(?:please\s+|pls\s+)?subscri)\b/i,
    weight: 1.2,
    reason: 'self-promotion',
  },
  {
    // A creator's claim ("I made a gaming channel", "we did some covers", "I make beats") is spam
    // when it comes with an ask ("check it out", "please watch", "subscribe"); without one it is a
    // reader's story ("we did a cover of this at the school concert").
    pattern:
      /\b(?:i\s+(?:just\s+|have\s+|recently\s+)?(?:started|made|created|opened|launched)\s+(?:a|my)\s+(?:new\s+|own\s+)?(?:youtube\s+|gaming\s+|music\s+)?channel|(?:i|we)\s+(?:just\s+|also\s+)?(?:make|made|do|did|upload|uploaded|post|posted|recorded|sing|rap|produce)\s+(?:a\s+|some\s+|my\s+own\s+|my\s+|new\s+|\w+\s+){0,2}(?:covers?|remix(?:es)?|beats|raps?|mixtapes?|freestyles?|parod(?:y|ies)|vlogs?|(?:gaming|minecraft|music|comedy|prank)\s+videos)|(?:i'?m|i\s+am)\s+(?:a|an)\s+(?:\w+\s+){0,3}(?:music\s+producer|rapper|youtuber|vlogger|beatboxer))\b/i,
    andAlso:
      /\b(?:check(?:ed|ing)?\s+(?:(?:it|them|'em|me|us)\s+out|out\s+(?:some|one|any|all)\s+of\s+(?:my|our))|(?:please|plz|pls)\s+(?:\w+\s+){0,3}(?:watch|listen|look|check|see|view)|take\s+(?:a\s+|one\s+|1\s+)?(?:look|listen|second|minute)|(?:watch|listen\s+to|hear)\s+(?:it|them|my|our)\b|subscri\w*|let\s+me\s+know\s+what\s+you\s+think|would\s+(?:mean|love|appreciate|be\s+(?:great|wonderful|awesome|amazing|cool))|thumbs\s+up|g[ai]ve\s+(?:it|me|us|them)\s+a)\b/i,
    weight: 1.2,
    reason: 'self-promotion',
  },
  {
    // "Subscribe if you're watching in 2015", "... subscribe for me", "Subscribe to itz recaps", a
    // comment ending in "subscribe": the imperative asking for subscribers, not a reader's
    // "Subscribe to the paper? No thanks" or "Subscribe and you get the archive".
    pattern:
      /(?:^|[.!?]\s+)subscri(?:be|bete)\s+(?:if\s+(?:you|u|ur)\b|(?:for|4)\s+(?:me|us)\b|to\s+(?!(?:the|a|an|this|that|these|it|our|their|your|his|her|its|any|every|one|more|newsletters?|papers?)\b)[\w+@]|(?:and|&|n)\s+(?:like|share|comment|u|ill|i'?ll)\b)|\bsubscri(?:be|bete)\s+(?:for|4)\s+(?:me|us)\b|\b(?:channel|please|pls|plz|and|now)\W+subscri(?:be|bete)\W*$/i,
    weight: 1.2,
    reason: 'asks for subscribers',
  },
  {
    pattern:
      /\b(?:subscri(?:be|bing)\s+(?:to\s+)?(?:me|my|our|us|him|her|this\s+(?:channel|page|account|guy|girl))|sub\s*(?:4|for)\s*sub|sub\s+to\s+(?:me|my)|subscribers?\s+(?:please|plz|pls)|please\s+subscribe(?!\s+to\s+(?:the|a|an|our)\s+(?!channel))|(?:help\s+me|me\s+to)\s+(?:get|reach|hit)\s+\d+)/i,
    weight: 1.6,
    reason: 'asks for subscribers',
  },
  {
    pattern:
      /\b(?:(?:please|plz|pls)\s+(?:\w+\s+){0,3}(?:like|subscribe(?!\s+to\s+(?:the|a|an|our)\s+(?!channel))|sub|follow|support\s+me|view\s+my|check\s+(?:out\s+)?my|like\s+and\s+share)|thumbs?\s+up\s+(?:so|this\s+comment|my)|give\s+(?:it|me|this|my)\s+a\s+(?:like|thumbs)|like\s+this\s+comment|leave\s+a\s+like|hit\s+(?:the\s+)?like\s+button|like\s*(?:and|&|n)\s*(?:share|subscri(?:be|b)))\b/i,
    // As much as the other asks (subscribers, self-promotion): at 1.0 "Like this comment for no
    // reason" stayed published. 28 spam comments of the videos match, no legitimate one of any source
    // but a text message ("Please dont say like that", already marked spam by its other words).
    weight: 1.6,
    // "Please like and share the appeal, she has been missing since Tuesday": readers spread appeals.
    unless: /\b(?:appeal|missing|lost\s+(?:dog|cat)|police\s+(?:say|said|are|want)|information)\b/i,
    reason: 'asks for likes or shares',
  },
  {
    // "Message me" only with a way or a reason to do it off the page: a reader's "message me here
    // and I'll walk you through the forms" keeps the conversation in the comments.
    pattern:
      /\b(?:follow\s+me|add\s+me|follow\s+us|(?:message|text|dm|inbox|pm|email)\s+(?:me|us)\s+(?:on|at|via|for|now|today|asap|directly|privately|@|\+|\d)|dm\s+me|inbox\s+me|hit\s+me\s+up|contact\s+(?:me|us)\s+(?:on|via|at))\b/i,
    weight: 1.1,
    reason: 'asks to be contacted or followed',
  },
  {
    // An income with an amount per period is the offer and the pitch in one.
    pattern:
      /(?:\$|£|€)\s?\d[\d,]*(?:\.\d+)?k?\s*(?:\/|per|a|an|every)\s*(?:day|week|month|hour)\b|\b(?:earn|make|made|making|profits?\s+of)\s+(?:\$|£|€)?\d[\d,]*k?\s*(?:a|per|every|each)\s+(?:day|week|month|hour)\b/i,
    weight: 1.5,
    reason: 'money or prize offer',
  },
  {
    pattern:
      /\b(?:(?:make|making|earn|earning|made|earned)\s+(?:\S+\s+){0,3}(?:money|cash|dollars|bucks|income|\$|£|€)|work(?:ing)?\s+from\s+home|start\s+earning|online\s+jobs?|(?:earn|make\s+money)\s+(?:online|from\s+home)|extra\s+income|passive\s+income|get\s+paid|paid\s+to|free\s+(?:money|gift|iphone|ipad|cash|followers|views|subscribers|likes|robux|gems|v-?bucks)|giveaway|gift\s*cards?|binary\s+options|(?:investment|trading)\s+(?:plan|opportunity|manager|platform|group)|account\s+manager|(?:guaranteed|daily|weekly)\s+(?:returns?|profits?)|double\s+your\s+(?:money|bitcoin|btc|investment)|sugar\s+daddy|loan\s+offer|instant\s+loans?|no\s+credit\s+check)\b/i,
    weight: 1.5,
    needsPayload: true,
    reason: 'money or prize offer',
  },
  {
    pattern:
      /\b(?:(?:on|via|at|through|contact|message|text|call|reach|add)\s+(?:\w+\s+){0,2}(?:whatsapp|telegram|kik|wickr|viber|signal)(?!\s+(?:message|messages|group\s+chat|scam|channels?))|(?:whatsapp|telegram|kik|viber)\s*(?::|\+|@|me\b|him\b|her\b|us\b|now\b)|signal\s+me)/i,
    weight: 1.0,
    reason: 'moves the conversation to a messaging app',
  },
  {
    pattern:
      /\b(?:spell\s*caster|love\s+spell|herbal\s+(?:cure|medicine|remedy)|recovery\s+(?:expert|hacker|agent|specialist)s?|(?:recover(?:ed)?|got)\s+(?:all\s+)?(?:my|your|the)\s+(?:lost\s+)?(?:funds|bitcoin|crypto|money)\s+back|hacker\s+named|(?:thanks\s+to|thank\s+you)\s+(?:expert\s+\w+\s+)?(?:dr|mr|mrs|ms|miss|sir|madam)\.?\s+[a-z]+|(?:dr|mr|mrs|ms)\.?\s+[a-z]+(?:\s+[a-z]+)?\s+(?:helped|cured|brought|made|recovered)|certified\s+(?:\w+\s+)?(?:hacker|trader|account\s+manager)|illuminati|brotherhood|fixed\s+match(?:es)?|sure\s+(?:odds|wins?))\b/i,
    weight: 1.5,
    needsPayload: true,
    reason: 'testimonial, recovery or miracle-cure scam',
  },
  {
    pattern: /\b[a-z0-9._%+-]{1,64}@(?:gmail|yahoo|outlook|hotmail|protonmail|proton|aol|icloud|mail|yandex|gmx)\.[a-z.]{2,6}\b/i,
    weight: 1.0,
    reason: 'gives an email address to contact',
  },
  {
    pattern:
      /\b(?:viagra|cialis|casino|porn|hot\s+singles|sexy\s+(?:girls|women|pics)|webcams?|cam\s+girls|escorts?|hook\s?ups?|nudes?|onlyfans|dating\s+site|lonely\s+(?:women|girls|housewives|wives|ladies)|singles\s+(?:in\s+your\s+area|near\s+you|nearby)|(?:women|girls)\s+near\s+you|no\s+prescription|without\s+(?:a\s+)?prescription|cheap\s+(?:meds|pills|essays?|assignments|seo|backlinks|followers)|replica\s+(?:watches|rolex|bags))\b/i,
    weight: 1.5,
    needsPayload: true,
    reason: 'adult, pharmacy or gambling offer',
  },
  {
    pattern:
      /\b(?:click\s+(?:here|this|the\s+link|my|on\s+my)|go\s+to\s+(?:my|this)\s+(?:link|site|page|channel)|link\s+in\s+(?:my|the)\s+(?:bio|profile|description)|(?:details|info|information|more|link|links)\s+(?:is\s+|are\s+)?(?:on|in)\s+my\s+(?:profile|bio|page|channel)|search\s+(?:for\s+)?(?:my|")|look\s+(?:me|us)\s+up|google\s+(?:my|me))\b/i,
    weight: 1.0,
    // "Don't click the link": readers warn each other about scam texts. "Click the link in the
    // article": readers point at the page they are reading.
    unless:
      /\b(?:don'?t|do\s+not|never|didn'?t|did\s+not|before\s+you)\s+click|\b(?:in|under|below|above|at\s+the\s+(?:top|bottom|end)\s+of)\s+(?:the|this)\s+(?:article|story|piece|report|live\s*blog)\b/i,
    reason: 'call to action',
  },
  {
    pattern:
      /\b(?:promo(?:tion)?\s+code|discount\s+code|coupon|limited\s+offer|act\s+now|order\s+now|buy\s+now|100%\s+free|risk[-\s]free|guaranteed)\b/i,
    weight: 1.0,
    needsPayload: true,
    reason: 'sales pitch',
  },
];

/**
 * Words that make a comment a candidate for spam at all. They carry no weight of their own (readers
 * say "subscribe" and "check out" too); they only let the learned filter's verdict count in full.
 */
const CANDIDATE =
  /\b(?:subscri\w*|sub|subs|channel|check\s+(?:out\s+)?(?:this|my|our|it\s+out)|visit|follow|share|click|free|win|money|cash|promo\w*|like\s+(?:this|if|my)|bitcoin|btc|crypto|forex|whatsapp|telegram|invest\w*|loans?|my\s+(?:video|song|page|music)|download|app|offer|earn)\b/i;

/**
 * Candidate words that are not an ask: a few words with nothing to click or find ("Check this out",
 * "Free at last"), or a reader on subscribing to a publication ("Subscribe to the Guardian? No
 * thanks"). Spam needs a payload (a link, a channel, a name to look up); without a rule or a link
 * these stay with the learned filter's ceiling.
 */
const PUBLICATION =
  /\b[Ss]ubscri\w*\s+(?:to\s+)?(?:the\s+(?!Channel\b)[A-Z][a-z]+|(?:the|a|an|our|my)\s+(?:local\s+)?(?:paper|newspaper|magazine|print|digital\s+edition))/;

function readerTalk(text: string): boolean {
  const words = text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  return words <= 3 || PUBLICATION.test(text);
}

/**
 * A phone number written to be dialled: international (+44 ..., 00 ...), North American
 * (555-123-4567), or a full national number (07700 900456, 0800 542 0825, 0207-083-6089), also
 * when glued to the words around it ("call09050000327", "08704439680Ts&Cs"): ten digits from a
 * leading 0 are a number to dial, whatever touches them.
 */
export const PHONE =
  /(?:\+|\b00)\d[\d\s().-]{8,}\d|\b\d{3}[\s.-]\d{3}[\s.-]\d{4}\b|(?<!\d)0[1-9]\d{8,9}|\b0\d{2,4}[\s-]\d{3,4}[\s-]?\d{3,4}\b/;

/** "Sucscribe", "suscribe", "subcribe", "subscrib": misspelt (often on purpose) to slip past filters. */
const MISSPELT_SUBSCRIBE = /\bs[uo][bcs]{1,3}c?r?i?be?\b/gi;

/** Where to take an offer up, besides links, phone numbers and the contact rules. */
const PAYLOAD =
  /\b(?:(?:contact|reach|email|e-mail|call|text|message|dm|inbox|write\s+to)\s+(?:him|her|them|me|us|dr|mr|mrs|ms|on|at|via|now|today)|join\s+(?:now|today|us|our|the\s+group)|sign\s+up|register\s+(?:now|today|free|for\s+free|here)|free\s+registration|claim\s+(?:yours|your|it|now)|order\s+(?:now|today|yours)|apply\s+(?:now|today|at|here)|buy\s+(?:now|here|online)|ask\s+me\s+how|(?:on|in)\s+my\s+(?:profile|bio)|visit\s+(?:us|our|my|this|the\s+site))\b/i;

export function contentSignals(raw: string, hasLink = false): ContentSignals {
  const text = raw.replace(MISSPELT_SUBSCRIBE, 'subscribe');
  let weight = 0;
  const reasons: string[] = [];
  let promotional = false;
  const { letters, capitals } = letterCase(text);
  const capitalised = letters >= 12 && capitals / letters > 0.6;
  let payload =
    hasLink ||
    PHONE.test(text) ||
    PAYLOAD.test(text) ||
    SHORT_CODE.test(text) ||
    REPLY_KEYWORD.test(text) ||
    (!capitalised && SEND_KEYWORD.test(text));
  const offers: Array<[Rule, string]> = [];
  for (const rule of RULES) {
    if (rule.quiet && capitalised) continue;
    const m = rule.pattern.exec(text);
    if (m && (!rule.andAlso || rule.andAlso.test(text)) && !rule.unless?.test(text)) {
      if (rule.needsPayload) {
        offers.push([rule, m[0]]);
        continue;
      }
      weight += rule.weight;
      reasons.push(`${rule.reason}: '${m[0].trim().slice(0, 40)}'`);
      promotional = true;
      payload = true;
    }
  }
  // Offers count once the comment says where to take them up; otherwise they only make the text
  // a candidate, for the learned filter to judge.
  let offerOnly = false;
  for (const [rule, matched] of offers) {
    if (!payload) {
      offerOnly = true;
      continue;
    }
    weight += rule.weight;
    reasons.push(`${rule.reason}: '${matched.trim().slice(0, 40)}'`);
    promotional = true;
  }
  if (PHONE.test(text)) {
    weight += 0.8;
    reasons.push('contains a phone number');
    promotional = true;
  }
  if (letters >= 20 && capitals / letters > 0.7) {
    weight += 0.4;
    reasons.push(`shouting (${Math.round((100 * capitals) / letters)}% capitals)`);
  }
  const repeated = /(\S)\1{5,}/u.exec(text);
  if (repeated) {
    weight += 0.2;
    reasons.push(`repeated characters ('${repeated[0].slice(0, 10)}')`);
  }
  let candidateOnly = false;
  if (!promotional && (offerOnly || (CANDIDATE.test(text) && !readerTalk(text)))) {
    promotional = true;
    candidateOnly = true;
  }
  return { weight, reasons, promotional, candidateOnly };
}
