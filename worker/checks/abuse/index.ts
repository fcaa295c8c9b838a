/**
 * Abuse without (or beside) a swear word (issue 19): insults aimed at a person, threats, and attacks
 * on a group. Hits hold the comment for a moderator with the reason in words (rule `abuse`); the
 * check never rejects by itself, because phrasing carries more weight here than in the word lists.
 *
 * What it does not count: criticism of public figures and institutions ("the minister is useless",
 * "the council are idiots" is robust opinion about people in public life, not an attack on another
 * reader), reporting ("he was shot dead", "the killer should be jailed"), idiom ("I could kill for a
 * coffee", "shoot the messenger", "the plan should be killed off"), and quoting an insult or a slur
 * to condemn it ("calling refugees 'vermin' is disgusting", "he was called a p*ki at school").
 *
 * Every pattern is a flat regular expression over the text folded to lower case (no nested
 * repetition), so the check costs time in proportion to the length of the comment.
 */
export type AbuseKind = 'insult' | 'threat' | 'group';

export interface AbuseResult {
  isAbusive: boolean;
  kinds: AbuseKind[];
  /** For moderators, e.g. "a threat: 'should be shot'". */
  reasons: string[];
}

const INSULT_NOUN =
  '(?:idiot|moron|imbecile|cretin|fool|clown|loser|halfwit|half-wit|dimwit|nitwit|numpty|muppet|pillock|plonker|prat|twit|buffoon|dunce|simpleton|degenerate|scumbag|scum|lowlife|low-life|parasite|troll|freak|creep|cockroach|vermin|retard|waste of (?:space|oxygen|skin)|piece of (?:garbage|trash|work|filth|scum|rubbish|excrement)|sad little (?:man|woman|boy|girl|person)|nobody|nonentity|gammon|simp|bellend|knobhead|tosser|dickhead|wanker|twat|coward|bigot|hypocrite|snake|rat|pig|slug|leech|bottom feeder|sheep)s?';
const INSULT_ADJ =
  '(?:stupid|thick|dumb|brainless|pathetic|worthless|useless|ignorant|clueless|deluded|braindead|brain-dead|mindless|spineless|gutless|vile|disgusting|despicable|subhuman|dim|dense|senile|demented|moronic|idiotic|retarded|ugly|fat|smelly|sad|little|old|silly|bloody|absolute|complete|total|utter|right|proper|miserable|sad old|nasty|lying|hateful|bigoted|inbred|pompous|bitter|arrogant|smug|gormless|witless|feeble-minded|village|fucking|fuckin|effing|frigging|freaking|sodding|bleeding|damn|goddamn|flaming|[a-z]+[*#@]+[a-z]*)';
const ADJS = `(?:${INSULT_ADJ}(?:,| and)? ){0,3}`;
const DET = '(?:(?:such|quite|what|nothing but|just|only) )?(?:an? |the |one |some |another )?';

interface Rule {
  kind: AbuseKind;
  pattern: RegExp;
  /** What the moderator reads, before the quoted words. */
  what: string;
}

const YOU = '(?:you|u|ya|yer|ye)';
const YOU_ARE = `(?:${YOU} (?:are|r|were|really are|truly are|must be|clearly are|seem to be|sound like)|you're|youre|ur|your|you are just|you're just|you really are|yer|ya)`;
/** A person, insulted by the adjective before it ("pathetic little man"). */
const PERSON =
  '(?:little |old |young )?(?:man|woman|boy|girl|person|thing|creature|specimen|individual|excuse for a (?:man|woman|human being)|human being)';
const HARSH =
  '(?:pathetic|worthless|vile|disgusting|despicable|spineless|gutless|sad|miserable|nasty|hateful|ignorant|stupid|thick|brainless|horrible|repulsive|revolting|wretched|odious|loathsome|small-minded|bitter)';
/** Not aimed at a reader: "you muppets at the council" speaks to an institution. */
const NOT_A_READER = '(?! (?:at|in|from|running|who run) (?:the|this|that|our|your) )';

const RULES: Rule[] = [
  // Insults aimed at a person: the reader addressed, or another commenter named with @.
  { kind: 'insult', what: 'an insult aimed at a person', pattern: new RegExp(`\\b${YOU_ARE} ${DET}${ADJS}${INSULT_NOUN}\\b`) },
  {
    kind: 'insult',
    what: 'an insult aimed at a person',
    pattern: new RegExp(
      `\\b${YOU_ARE} (?:so |really |just |utterly |completely |clearly |too )?(?:stupid|thick|dumb|brainless|pathetic|worthless|ignorant|clueless|deluded|braindead|brain-dead|moronic|idiotic|retarded|vile|disgusting|despicable|subhuman|beneath contempt|a joke|an embarrassment|a disgrace to)\\b`,
    ),
  },
  {
    kind: 'insult',
    what: 'an insult aimed at a person',
    pattern: new RegExp(`(?:^|[^a-z'])${YOU},? ${ADJS}${INSULT_NOUN}\\b${NOT_A_READER}`),
  },
  {
    kind: 'insult',
    what: 'an insult aimed at a person',
    pattern: new RegExp(
      `\\b(?:what|such) (?:an? )?${HARSH},? (?:${HARSH} )?${PERSON} you are\\b|(?:^|[^a-z'])(?:${YOU}|${YOU_ARE} (?:an? |such an? )?)${HARSH},? (?:${HARSH} )?${PERSON}\\b`,
    ),
  },
  {
    kind: 'insult',
    what: 'an insult aimed at a person',
    pattern: new RegExp(
      `\\b(?:what|such) (?:an? )?${ADJS}${INSULT_NOUN} you are\\b|\\b${INSULT_NOUN} like you\\b|\\bhow (?:stupid|thick|dumb|dense|ignorant) (?:are you|can you be)\\b|\\bare you (?:stupid|thick|dumb|an idiot|a moron|thick or)\\b|\\b${YOU_ARE} (?:the|easily the|officially the) (?:dumbest|stupidest|thickest|most (?:stupid|ignorant|pathetic|clueless)) (?:person|man|woman|commenter|poster|idiot|troll)\\b`,
    ),
  },
  {
    kind: 'insult',
    what: 'an insult aimed at a person',
    pattern: new RegExp(`@[a-z0-9_]+,? (?:is|'s|you're|you are|=) ${DET}${ADJS}${INSULT_NOUN}\\b`),
  },
  {
    kind: 'insult',
    what: 'an insult aimed at a person',
    pattern:
      /\b(?:shut (?:up|your (?:mouth|face|trap))|crawl back (?:under|into) (?:your|the|a) (?:rock|hole|bridge|stone|cave)|go back (?:under|to) your (?:bridge|rock|basement|mum's basement|mother's basement|cave)|nobody (?:cares|asked) (?:what you think|for your opinion|about your opinion|you)|get back in your (?:box|kennel|cage))\b/,
  },
  // Threats, to anyone.
  {
    kind: 'threat',
    what: 'a threat',
    pattern:
      /\b(?:should|ought to|needs? to|deserves? to|must|will|gonna|going to|want to see (?:them|him|her|you)) (?:all |both |each |every one |themselves )?(?:be |get )(?:shot|hanged|hung|lynched|strung up|killed|murdered|stabbed|gassed|exterminated|beheaded|executed|burn(?:ed|t) alive|burn(?:ed|t) at the stake|beaten (?:to death|up|senseless|to a pulp)|put (?:up )?against (?:a|the) wall|wiped out|shot dead|taken out(?: and shot)?|lined up and shot|hunted down|put six feet under|tortured|raped|dragged out and (?:shot|hanged|hung|beaten|lynched)|taken out back and shot|run (?:over|off the road))\b(?! (?:(?:down|off|in|on|out|up)\b|by (?:the |a )?(?:camera|photographer|director)))/,
  },
  {
    kind: 'threat',
    what: 'a threat',
    pattern:
      /\b(?:i|we)(?:'ll| will|'m going to|'m gonna| am going to| are going to|'re going to|'d| would| want to| wanna| will personally)? (?:kill|shoot|stab|hang|strangle|murder|hurt|beat up|batter|deck|punch|smash|slit|gut|end|find|come for|come after|hunt down|burn) (?:you|u|him|her|them|your (?:family|kids|children|house|face))\b(?! (?:a|an|some|the|one|something|anything|tickets?|home|later|there|first|in (?:the|a) (?:polls|election|vote|debate|argument|quiz)|at (?:the|a) (?:polls|election|ballot box|quiz))\b)/,
  },
  {
    kind: 'threat',
    what: 'a threat',
    pattern:
      /\b(?:i|we)(?:'ll| will|'d| would)? (?:break|snap|smash) (?:your|his|her|their) (?:legs|neck|jaw|face|arms|nose|skull)\b|\b(?:i'm|we're|i am|we are) (?:coming|coming round|coming over) for (?:you|u|him|her|them)\b|\b(?:wants?|needs?) (?:shooting|hanging|stringing up|putting down|a bullet|a good kicking)\b|\bwhat's coming to (?:you|him|her|them)\b|\bruns? (?:you|him|her|them) over\b|\bswinging from (?:lampposts|lamp posts|trees|a rope)\b|\b(?:i|we)(?:'d|'ll| would| will)? (?:happily |gladly )?(?:shoot|kill|hang|stab) (?:the lot(?: of them)?|all of them|every one of them|the pair of them)\b|\b(?:i|we) know where (?:you|u|he|she|they) (?:live|lives|work|works|sleep)\b|\bwatch your back\b|\byou(?:'ll| will| are going to|'re going to|'re gonna) (?:regret|pay for) (?:this|it|that|what you said|your words)\b|\b(?:you're|you are|your|ur) (?:dead|finished|a dead (?:man|woman))(?: meat)?\b(?! (?:right|wrong|on))|\bhope (?:you|u|he|she|they|your (?:kids|family|children)) (?:die|dies|burn|burns|rot|rots|choke|chokes|drown|drowns)\b(?! in (?:jail|prison|a cell)\b)|\bhope (?:you|u|he|she|they|your (?:kids|family|children)) (?:get|gets|catch|catches) (?:cancer|aids|killed|shot|stabbed|raped|beaten|run over|hit by a (?:bus|car|train|lorry))\b|\b(?:someone|somebody|someone needs to|people should) (?:should |needs? to |ought to |will )?(?:shoot|kill|stab|hang|take out|deal with|sort out|put down|run over|firebomb|torch) (?:him|her|them|you|that (?:man|woman)|the lot)\b|\b(?:someone|somebody|i|we) (?:should |needs? to |ought to |will |'ll |'d |would )?take (?:him|her|them|you) out\b|\b(?:go |just |please )?(?:kill|hang|neck) yourself\b|\bkys\b|\b(?:a |put a |deserves? a )bullet (?:in|through|between) (?:your|his|her|their|the) (?:head|skull|eyes|face|brain)|\b(?:string|hang|round|line) (?:them|him|her|'em|em|the lot|the lot of them|these people) (?:all )?up\b|\b(?:deserves?|ought|needs?) to die\b|\bshould (?:all )?die\b|\b(?:burn|torch|firebomb) (?:their|the|that) (?:mosque|synagogue|church|temple|house|home|hotel|office)s?\b/,
  },
];

const GROUP =
  '(?:muslims|moslems|jews|jewish people|christians|hindus|sikhs|catholics|immigrants|migrants|refugees|asylum seekers|foreigners|blacks|black people|whites|asians|africans|arabs|gypsies|gipsies|travellers|roma|romanians|poles|polish people|pakistanis|indians|chinese people|the chinese|mexicans|gays|gay people|lesbians|homosexuals|trans people|transgender people|trannies|women|disabled people|the disabled|scousers|the irish|irish people|englishmen|the english|the scots|the welsh|albanians|eastern europeans|nigerians|somalis|afghans|syrians|ukrainians|russians|israelis|palestinians)';
const SLUR =
  '(?:pakis?|wogs?|kikes?|spics?|chinks?|faggots?|fags|trann(?:y|ies)|pikeys?|gyppos?|ragheads?|towelheads?|darkies|darkeys?|coons?|retards?|negroes|sambos?|dykes?|poofs?|poofters?|spastics?|mongs?|yids?)';

const GROUP_RULES: Rule[] = [
  {
    kind: 'group',
    what: 'an attack on a group',
    pattern: new RegExp(
      `\\b(?:all |these |those |the |most |bloody |filthy |dirty )*${GROUP} (?:are|is|r|were) (?:all |just |nothing but |basically |simply |a bunch of |like |no better than |lower than |worse than )*(?:vermin|animals|rats|cockroaches|parasites|scum|filth|savages|subhuman|sub-human|thieves|thugs|gangsters|perverts|filthy|disgusting|mentally ill|too (?:stupid|thick|dumb|emotional|weak) to|a disease|a plague|a cancer|an infestation|invaders|leeches|trash|garbage|dirty|inferior|evil|criminals|rapists|terrorists|paedos|paedophiles|breeding like rabbits|not human|less than human|a virus|a blight|a drain on (?:society|the country|us|this country)|the enemy|a disgrace|thick|stupid|lazy scroungers|scroungers|dogs|pigs|monkeys|apes)\\b`,
    ),
  },
  {
    kind: 'group',
    what: 'an attack on a group',
    pattern: new RegExp(
      `\\b${GROUP} (?:don't|do not|shouldn't|should not) belong (?:here|in (?:this|our|the|britain|england|parliament|office|charge|power|politics|sport|football|schools))\\b|\\b${GROUP} (?:control|run|own) (?:the |all the )?(?:banks|media|world|government|money|press)\\b|\\b${GROUP} (?:commit|cause|do) (?:all|most) (?:of )?(?:the )?crime`,
    ),
  },
  {
    kind: 'group',
    what: 'an attack on a group',
    pattern: new RegExp(
      `\\b(?:all |these |those |the |most )*${GROUP}\\b[^.!?]{0,40}? (?:should|must|need to|needs to|ought to|deserve to) (?:all )?(?:go back|be deported|be sent (?:back|home)|be kicked out|get out|be removed|be banned|be shot|be gassed|be exterminated|be wiped out|be locked up|be sterilised|be rounded up|not be allowed (?:to (?:vote|breed|live|exist|work|marry)|in|here)|die|disappear|leave)\\b`,
    ),
  },
  {
    kind: 'group',
    what: 'an attack on a group',
    pattern: new RegExp(
      `\\b(?:send|ship|kick|throw|deport|boot) (?:the |all (?:the |these |those )?|these |those )?${GROUP} (?:all )?(?:back|out|home)\\b|\\b(?:send|ship|kick) (?:them|em|'em) all back\\b|\\bgo back (?:to|where) (?:you|they) came from\\b|\\bgo back to (?:your|their) own (?:country|countries)\\b|\\b(?:get rid of|wipe out|rid (?:this|our) country of) (?:all )?(?:the |these |those )?${GROUP}\\b`,
    ),
  },
  { kind: 'group', what: 'a slur', pattern: new RegExp(`(?:^|[^a-z'*])${SLUR}\\b`) },
];

/** Words around a phrase that show it is quoted to report or condemn it, not said. */
const QUOTING_BEFORE =
  /(?:(?<![a-z])'|\b(?:called|calling|call|calls|said|says|saying|say|word|words|term|slur|slurs|quote|quoted|quoting|described as|describing|referred to as|labelled|labeled|branded|shouted|shouting|chanted|chanting|wrote|writing|tweeted|posted|heard|claim|claimed|claims|accused of saying|the idea that|the notion that|the claim that|to suggest that|suggesting|suggests|implying|implies|like saying|told|telling|yelled|screamed|using|use|used|uses|phrase|phrases|language|rhetoric|headline|slogan|banner|banners|chant|chants|poster|posters|graffiti|leaflet|leaflets|sign|signs)\b|["“‘«])[^.!?]{0,80}$/;
const QUOTING_AFTER =
  /^[^.!?]{0,30}(?:\b(?:is|are|was|were|isn't|is not)\b[^.!?]{0,30}\b(?:racist|racism|disgusting|disgraceful|unacceptable|dehumanising|dehumanizing|vile|hate speech|shameful|appalling|abhorrent|wrong|hateful|bigoted|offensive|sickening|not ok|not okay|never ok)\b)/;
/** Who is spoken of just before a threat's verb: a thing, not a person ("the bill should be killed"). */
const THING_BEFORE =
  /\b(?:plan|plans|bill|bills|idea|ideas|proposal|proposals|scheme|schemes|policy|policies|order|warrant|project|film|show|programme|program|series|photo|picture|painting|scene|episode|budget|law|laws|motion|amendment|deal|strategy|character|characters|franchise|app|website|tax|rule|rules|it|this|that|which|measure|legislation|treaty|merger|bid|application|campaign|notion|theory|argument|myth|rumour|story|dog|dogs|horse|horses|cow|cows|badgers?|animals?|fox|foxes|pests?|rats|weeds?|trees?|engine|car|cars|van|drone|drones|plane|planes|scheme|book|books|season|contract)\s+(?:(?:really|just|all|simply|definitely|probably|now|also|then|quickly|never|not|surely)\s+)?$/;

/** The text as the rules read it, in its own case (for names) and folded to lower case. */
function cased(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u00AD\u180E\u200B-\u200F\u2060-\u2064\uFEFF]/g, '')
    .replace(/[’‘`´]/g, "'")
    .replace(/\s+/g, ' ');
}

/** A capitalised word inside a sentence is a name (Offa's Dyke, Dick Van Dyke), not a slur. */
function isName(cased: string, folded: string, at: number): boolean {
  if (cased.length !== folded.length) return false;
  const first = cased[at];
  if (first === first.toLowerCase()) return false;
  return /[\p{L},;:'’-]\s*$/u.test(cased.slice(Math.max(0, at - 3), at));
}

function quoted(text: string, index: number, length: number): boolean {
  const before = text.slice(Math.max(0, index - 100), index);
  const after = text.slice(index + length, index + length + 80);
  return QUOTING_BEFORE.test(before) || QUOTING_AFTER.test(after);
}

/** At most this many characters are read (a comment is at most 10,000). */
const MAX_LENGTH = 20_000;

const COMPILED = [...RULES, ...GROUP_RULES].map((rule) => ({ ...rule, global: new RegExp(rule.pattern.source, 'g') }));
/** Occurrences of one rule looked at before giving up on it: each costs a look at its surroundings. */
const MOST_OCCURRENCES = 20;

export function checkAbuse(text: string): AbuseResult {
  const original = cased(text.slice(0, MAX_LENGTH));
  const folded = original.toLowerCase();
  const kinds = new Set<AbuseKind>();
  const reasons: string[] = [];
  for (const rule of COMPILED) {
    rule.global.lastIndex = 0;
    let m: RegExpExecArray | null;
    // The first occurrence that is not quoted to condemn it (or said of a thing) counts.
    for (let seen = 0; seen < MOST_OCCURRENCES && (m = rule.global.exec(folded)) !== null; seen++) {
      const lead = m[0].length - m[0].replace(/^[^a-z@]+/, '').length;
      const said = m[0].slice(lead).trim();
      const at = m.index + lead;
      if (m[0].length === 0) rule.global.lastIndex++;
      if (quoted(folded, at, said.length)) continue;
      if (rule.what === 'a slur' && isName(original, folded, at)) continue;
      if (rule.kind === 'threat' && THING_BEFORE.test(folded.slice(Math.max(0, at - 60), at))) continue;
      kinds.add(rule.kind);
      reasons.push(`${rule.what}: '${said.length > 60 ? `${said.slice(0, 60)}…` : said}'`);
      break;
    }
  }
  return { isAbusive: kinds.size > 0, kinds: [...kinds], reasons: [...new Set(reasons)] };
}
