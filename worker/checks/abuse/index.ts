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
import { GROUP, GROUP_ONE, GROUP_PREDICATE, HARSH, INSULT_ADJ, INSULT_NOUN, ONE_PREDICATE, ROLE, SLUR, WORST } from './words';

export type AbuseKind = 'insult' | 'threat' | 'group';

export interface AbuseResult {
  isAbusive: boolean;
  kinds: AbuseKind[];
  /** For moderators, e.g. "a threat: 'should be shot'". */
  reasons: string[];
}

/**
 * Any run of insulting adjectives. A star, not {0,3}: V8 copies a bounded repeat once per repeat, and
 * this list is long. Still linear: each adjective must end at a space, so a run splits only one way.
 */
const ADJS = `(?:${INSULT_ADJ}(?:,| and)? )*`;
const DET = '(?:(?:such|quite|what|nothing but|just|only) )?(?:an? |the |one |some |another )?';

interface Rule {
  kind: AbuseKind;
  pattern: RegExp;
  /** What the moderator reads, before the quoted words. */
  what: string;
  /** The rule cannot match unless a group is named: skipped, unscanned, when none is. */
  needsGroup?: boolean;
}

const YOU = '(?:you|u|ya|yer|ye)';
const YOU_ARE = `(?:${YOU} (?:are|r|were|really are|truly are|must be|clearly are|seem to be|sound like)|you're|youre|ur|your|you are just|you're just|you really are|yer|ya)`;
/** A person, insulted by the adjective before it ("pathetic little man"). */
const PERSON =
  '(?:little |old |young )?(?:man|woman|boy|girl|person|thing|creature|specimen|individual|excuse for a (?:man|woman|human being)|human being)';
/** Not aimed at a reader: "you muppets at the council" speaks to an institution. */
const NOT_A_READER = '(?! (?:at|in|from|running|who run) (?:the|this|that|our|your) )';

/** After "you <word>": an object means the word was a verb ("you worm your way in"), not a name-call. */
const NOT_A_VERB = '(?! (?:your|my|his|her|their|its|our|the|a|an|them|him|it|me|us|this|that|out|up|off|in|into)\\b)';
const YOU_LIKE = `${YOU} (?:sound|talk|write|post|act|behave|argue|think|type) like`;
/** Whom a threat can be made against: a pronoun, or a person named by role ("that ref", "the judges"). */
const TARGET = `(?:you|u|him|her|them|'em|em|the lot(?: of them)?|all of them|every one of them|(?:that|the|this|those|these|every|our|your|his|her|their|whoever) (?:[a-z'-]+ ){0,2}?${ROLE})\\b`;
const MODAL =
  "(?:should|needs? to|ought to|will|'ll|'d|would|wants? to|gonna|going to|is going to|are going to|must|can't wait to|would love to|let's|lets)";

/**
 * A family of patterns as one rule: one alternation is one scan of the text, and measured faster in
 * V8 than the same patterns as separate expressions (checks-bench). Written as a list to be read.
 */
function anyOf(kind: AbuseKind, what: string, patterns: string[]): Rule {
  return { kind, what, pattern: new RegExp(patterns.join('|')) };
}

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
    pattern: new RegExp(`(?:^|[^a-z'])${YOU},? ${ADJS}${INSULT_NOUN}\\b${NOT_A_READER}${NOT_A_VERB}`),
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
  anyOf('insult', 'an insult aimed at a person', [
    // "you are, without doubt, the thickest poster on this site"
    `\\b${YOU_ARE},? (?:[a-z]+,? ){0,3}?the ${WORST} (?:person|man|woman|human|human being|commenter|poster|contributor|specimen|individual|idiot|troll|bloke|guy|creature)\\b`,
    // "you talk like a brainwashed sheep"
    `\\b${YOU_LIKE} ${DET}${ADJS}${INSULT_NOUN}\\b`,
    // "you've got the brains of a goldfish"
    `\\b(?:you|you've|you have|you've got|you have got|you got|ya got) (?:the )?(?:brains?|brain cells|iq|intelligence|mental age|reading age|attention span|common sense|wit) of an? `,
    // "your comments are the ravings of a lunatic"
    `\\byour (?:comments?|posts?|opinions?|views?|rants?|replies|reply|words) (?:are|is|read like|sound like) (?:the )?(?:ravings?|rantings?|ramblings?|drivel|work|output|musings|words) of an? ${ADJS}${INSULT_NOUN}\\b`,
    // "oh look, the village idiot again. that's you, ken."
    `\\b(?:the|an?) ${ADJS}${INSULT_NOUN}\\b[^?]{0,40}?[.!] (?:that's|that is|i mean|i'm talking about|looking at|yes,?) you\\b`,
  ]),
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
      /\b(?:i|we)(?:'ll| will|'d| would)? (?:break|snap|smash) (?:your|his|her|their) (?:legs|neck|jaw|face|arms|nose|skull)\b|\b(?:i'm|we're|i am|we are) (?:coming|coming round|coming over) for (?:you|u|him|her|them)\b|\b(?:wants?|needs?) (?:shooting|hanging|stringing up|putting down|a bullet|a good kicking)\b|\bwhat's coming to (?:you|him|her|them)\b|\bruns? (?:you|him|her|them) over\b|\bswinging from (?:lampposts|lamp posts|trees|a rope)\b|\b(?:i|we)(?:'d|'ll| would| will)? (?:happily |gladly )?(?:shoot|kill|hang|stab) (?:the lot(?: of them)?|all of them|every one of them|the pair of them)\b|\b(?:i|we) know where (?:you|u|he|she|they) (?:live|lives|work|works|sleep)\b|\bwatch your back\b|\byou(?:'ll| will| are going to|'re going to|'re gonna) (?:regret|pay for) (?:this|it|that|what you said|your words)\b|\b(?:you're|you are|your|ur) (?:dead|finished|a dead (?:man|woman))(?: meat)?\b(?! (?:right|wrong|on))|\bhope (?:you|u|he|she|they|your (?:kids|family|children)) (?:die|dies|burn|burns|rot|rots|choke|chokes|drown|drowns)\b(?! in (?:jail|prison|a cell)\b)|\bhope (?:you|u|he|she|they|your (?:kids|family|children)) (?:get|gets|catch|catches) (?:cancer|aids|killed|shot|stabbed|raped|beaten|run over|hit by a (?:bus|car|train|lorry))\b|\b(?:someone|somebody|someone needs to|people should) (?:should |needs? to |ought to |will )?(?:shoot|kill|stab|hang|take out|deal with|sort out|put down|run over|firebomb|torch) (?:him|her|them|you|that (?:man|woman)|the lot)\b|\b(?:someone|somebody|i|we) (?:should |needs? to |ought to |will |'ll |'d |would )?take (?:him|her|them|you) out\b|\b(?:go |just |please )?(?:kill|hang|neck) yourself\b(?! (?:laughing|with laughter|trying|working|for))|\bkys\b|\b(?:a |put a |deserves? a )bullet (?:in|through|between) (?:your|his|her|their|the) (?:head|skull|eyes|face|brain)|\b(?:string|hang|round|line) (?:them|him|her|'em|em|the lot|the lot of them|these people) (?:all )?up\b|\b(?:deserves?|ought|needs?) to die\b|\bshould (?:all )?die\b|\b(?:burn|torch|firebomb) (?:their|the|that) (?:mosque|synagogue|church|temple|house|home|hotel|office)s?\b/,
  },
  anyOf('threat', 'a threat', [
    // First-person or "someone" intent, harm, and a person: "someone should stab that MP".
    `\\b(?:someone|somebody|anyone|people|we|i|i'd|i'll|we'd|we'll) (?:[a-z']+ )?${MODAL} (?:just |happily |gladly |finally |personally |really )?(?:shoot|kill|stab|hang|lynch|string up|strangle|murder|behead|execute|knife|shank|glass|batter|beat up|kneecap|firebomb|petrol bomb|gas|maim|cripple|headbutt|bottle|torch) ${TARGET}(?! (?:off|out|down|in the (?:polls|election|vote|debate)|at the (?:polls|ballot box|election)|on (?:saturday|sunday|the pitch)|at home|away)\\b)`,
    // "put a bullet in that judge", "I'd stick a knife in him"
    `\\b(?:put|stick|plant|shove|pump) (?:a|another|one|two) (?:bullet|bullets|knife|blade|round) (?:in|into|through|between) (?:${TARGET}|(?:his|her|their|your) (?:head|skull|eyes|face|chest|back|brain|heart|guts))`,
    // "I'd gladly put him in the ground myself"
    `\\b(?:${MODAL}|i|we) (?:[a-z]+ )?put (?:you|him|her|them|'em|that \\w+|the lot of them) (?:in the ground|in (?:a|the) (?:morgue|box|body bag|wheelchair|coffin)|six feet under|in intensive care)\\b`,
    // Passive harm: "should be beaten black and blue", "deserves to be tarred and feathered"
    `\\b(?:should|ought to|needs? to|deserves? to|must) (?:all |both |just |simply )?(?:be |get )(?:beaten black and blue|kneecapped|tarred and feathered|thrown off a (?:bridge|roof|cliff|building)|set (?:on fire|alight)|skinned alive|flogged|castrated|shot on sight|put down like (?:a dog|dogs|animals|vermin)|hung,? drawn and quartered|hanged,? drawn and quartered|put in the ground|knifed|glassed|lined up against (?:a|the) wall)\\b`,
    // Imperative at the start of a sentence: "Execute the traitors", "Hang the lot of them".
    `(?:^|[.!?:;] )(?:just |now |then |let's |lets )?(?:execute|shoot|hang|lynch|string up|behead|stab|kill|gas|kneecap|beat up|batter|murder|torch|firebomb) (?:all (?:the |these |those |of the )?|every (?:last |single )?|the |those |these |that |this )?(?:[a-z'-]+ ){0,2}?(?:${ROLE}|traitors?)\\b`,
    // "drag them out of Westminster and beat them senseless", "line the board up and shoot them"
    `\\b(?:drag|haul|take|march|frogmarch|pull|round) [^.!?]{0,50}?\\band (?:beat|shoot|hang|lynch|stab|kill|string up|batter|execute|behead|burn|flog|gas) (?:them|him|her|em|'em|the lot|every one)\\b`,
    `\\bline (?:[a-z'-]+ ){1,4}?up (?:and (?:shoot|execute|gas|hang)|against (?:a|the) wall)\\b`,
    // Property: "someone should torch that GP's car"
    `\\b(?:burn|torch|firebomb|petrol bomb) (?:down )?(?:their|the|that|this|his|her|your) (?:[a-z'-]+ ){0,2}?(?:mosque|synagogue|church|temple|house|home|hotel|office|offices|car|van|shop|surgery|clinic|headquarters|hq|flat)s?\\b`,
    `\\b(?:hope|should|deserves?|needs?|wants?|'ll|will)\\b[^.!?]{0,30}?\\ba brick through (?:his|her|their|your|the) (?:[a-z'-]+ ){0,2}?(?:window|windows|windscreen)`,
    // Wants or needs harm: "the judge wants his throat cutting", "a good kicking is what he needs"
    `\\b(?:deserves?|wants?|needs?) (?:a (?:good |proper |sound )?(?:kicking|beating|battering|bullet|kneecapping)|(?:his|her|their|your) (?:throat|head|legs|neck|face|teeth|skull) (?:cutting|slitting|kicking in|smashing in|caving in|breaking|knocking out|kicked in|smashed in|caved in|broken|cut|slit|knocked out))\\b`,
    `\\ba (?:good |proper |sound )?(?:kicking|beating|battering|bullet|kneecapping) is (?:what|all) (?:[a-z']+ ){1,3}?(?:needs|deserves|wants)\\b`,
    // Wishes: "hope the minister ends up in the ground", "may they choke to death", "wish a slow death on"
    `\\bhope (?:you|u|he|she|they|your (?:kids|family|children)|(?:the|that|this|those|these) (?:[a-z'-]+ ){0,2}?${ROLE}) (?:ends? up (?:dead|in the ground|in a (?:box|coffin|body bag)|six feet under|in the morgue)|dies|die|chokes? to death|drops? dead|gets? (?:killed|shot|stabbed|murdered|lynched|hanged|beaten to death))\\b(?! (?:a |an )?(?:political|electoral|professional|career|natural|quiet) death| in (?:the polls|office|jail|prison|a cell)\\b)`,
    `\\bmay (?:you|he|she|they|(?:the|that|this|those|these) (?:[a-z'-]+ ){0,2}?${ROLE}) (?:die|rot|burn|choke|suffer|drop dead)\\b(?! (?:in (?:jail|prison|a cell)|of embarrassment|with shame)\\b)`,
    `\\b(?:wish|wishing|hope for|hoping for|pray for|praying for) (?:a )?(?:(?:slow|painful|horrible|agonising|agonizing|lingering|violent|long)(?:,| and)? ){1,3}death (?:on|upon|for|to)\\b|\\bwish(?:ing)? death (?:on|upon)\\b`,
    `(?:^|[.!?] )(?:just |go |please |now )?(?:die|drop dead)(?:[,!]|\\.(?!\\.)|$| you\\b)`,
    // Known whereabouts: "I know which school your kids go to", "I've got your address"
    `\\b(?:i|we)(?: all)? know (?:where|which (?:school|house|street|road|office|pub|gym|car)) (?:you|u|he|she|they|your (?:kids|children|family|wife|husband|daughter|son|mum|mother)|(?:the|that|this) (?:[a-z'-]+ )?${ROLE}) (?:live|lives|work|works|sleep|sleeps|go|goes|go to|goes to|drink|drinks|park|parks|drive|drives)\\b`,
    `\\b(?:i|we)(?:'ve| have) got (?:your|his|her|their) (?:home )?address\\b(?! (?:wrong|right|on (?:file|record)))|\\b(?:i|we) (?:found|looked up|tracked down|dug up) (?:your|his|her|their) (?:home )?address\\b`,
    `\\bnice (?:house|car|family|kids|home|place|shop|business|motor|dog|wife|husband)\\b[^?]{0,60}?\\bshame if (?:something|anything)\\b`,
    // Provocation then consequence: "keep talking and see what happens", "say that to my face and …"
    `\\b(?:keep (?:talking|posting|typing|commenting|mouthing off|running your mouth|running your gob)|say that again|say that to my face|show your face (?:round|around|near) here)(?:,? (?:mate|pal|sunshine|love|son|pal|buddy|sweetheart))?,? (?:and|then|or) (?:see what happens|watch what happens|you'll (?:see|regret|be sorry|find out|end up|be next|get (?:hurt|what's coming|it))|you won't|see if you|see how)`,
    `\\bwon't be (?:laughing|so brave|so smug|so clever|so cocky|so tough|smiling|so mouthy|so gobby) (?:when|once|after) (?:i|we)\\b`,
    `\\bbetter (?:pray|hope) (?:i|we) (?:never|don't) (?:see|meet|find|catch|run into|bump into)\\b|\\bbetter watch (?:your|his|her|their) back\\b`,
    `\\b(?:won't|will not|wouldn't|never) (?:walk|get|make it|leave) (?:out|away|home)?(?: of (?:it|here|there|town))? ?(?:alive|in one piece)\\b`,
    `\\byou(?:'ll| will|'re going to|'re gonna| are going to) (?:be found (?:dead|face down|in a (?:ditch|canal|river|skip|bin bag))|end up (?:in the ground|in a (?:box|coffin|body bag)|six feet under|in the morgue))\\b`,
  ]),
];

const GROUP_RULES: Rule[] = [
  {
    kind: 'group',
    what: 'an attack on a group',
    needsGroup: true,
    pattern: new RegExp(
      `\\b(?:all |these |those |the |most |bloody |filthy |dirty )*${GROUP} (?:are|is|r|were) (?:all |just |nothing but |basically |simply |a bunch of |like |no better than |lower than |worse than )*${GROUP_PREDICATE}\\b`,
    ),
  },
  {
    kind: 'group',
    what: 'an attack on a group',
    needsGroup: true,
    pattern: new RegExp(
      `\\b${GROUP} (?:don't|do not|shouldn't|should not) belong (?:here|in (?:this|our|the|britain|england|parliament|office|charge|power|politics|sport|football|schools))\\b|\\b${GROUP} (?:control|run|own) (?:the |all the )?(?:banks|media|world|government|money|press)\\b|\\b${GROUP} (?:commit|cause|do) (?:all|most) (?:of )?(?:the )?crime`,
    ),
  },
  {
    kind: 'group',
    what: 'an attack on a group',
    needsGroup: true,
    pattern: new RegExp(
      `\\b(?:all |these |those |the |most )*${GROUP}\\b[^.!?]{0,40}? (?:should|must|need to|needs to|ought to|deserve to) (?:all |just |simply )?(?:go back|go home|be driven out|be thrown out|be chucked out|be expelled|be banished|be left (?:in the (?:channel|sea)|to drown|to die|to rot)|be drowned|be put down|be culled|be hanged|be hung|be burned|be put on (?:a|the) (?:boat|plane)|be sent packing|die off|be deported|be sent (?:back|home)|be kicked out|get out|be removed|be banned|be shot|be gassed|be exterminated|be wiped out|be locked up|be sterilised|be rounded up|not be allowed (?:to (?:vote|breed|live|exist|work|marry)|in|here)|die|disappear|leave)\\b`,
    ),
  },
  {
    kind: 'group',
    what: 'an attack on a group',
    pattern: new RegExp(
      `\\b(?:send|ship|kick|throw|deport|boot) (?:the |all (?:the |these |those )?|these |those )?${GROUP} (?:all )?(?:back|out|home)\\b|\\b(?:send|ship|kick) (?:them|em|'em) all back\\b|\\bgo back (?:to|where) (?:you|they) came from\\b|\\bgo back to (?:your|their) own (?:country|countries)\\b|\\b(?:get rid of|wipe out|rid (?:this|our) country of) (?:all )?(?:the |these |those )?${GROUP}\\b`,
    ),
  },
  {
    ...anyOf('group', 'an attack on a group', [
      // "Every Muslim is a terrorist waiting to happen"
      `\\b(?:every|each|any) (?:single |last )?${GROUP_ONE} (?:is|'s) (?:just |nothing but |basically )?${ONE_PREDICATE}\\b`,
      // "Poles are taking over and they're all criminals"
      `\\b${GROUP}\\b[^.!?]{0,60}?\\b(?:they're|they are|theyre|they r) (?:all |just |nothing but |basically |a bunch of |like )*${GROUP_PREDICATE}\\b`,
      // Dehumanising verbs: "breed like rats", "infest", "spread disease"
      `\\b${GROUP}\\b[^.!?]{0,20}?\\b(?:breed(?:s|ing)? like|infest(?:s|ing)?|swarm(?:s|ing)? (?:in|into|over|across|all over)|spread(?:s|ing)? (?:disease|diseases|germs|filth))\\b`,
      `\\b${GROUP} belong in (?:the kitchen|cages?|zoos?|the jungle|camps?|chains|the gutter|the sea)\\b`,
      `\\b${GROUP} (?:shouldn't|should not|mustn't|must not) (?:be allowed )?(?:near|around|to teach|teach|work with) (?:children|kids|schools)\\b`,
      // Imperatives at the start of a sentence: "Deport every last Somali", "Get the Xs out"
      `(?:^|[.!?:;] )(?:just |now |so )?(?:deport|round up|expel|exterminate|sterilise|sterilize|get rid of|drive out|kick out|throw out|chuck out|ship out) (?:the |all (?:the |these |those |of the )?|these |those |every (?:last |single )?)?(?:${GROUP}|${GROUP_ONE})\\b`,
      `(?:^|[.!?:;] )(?:just |now |so )?(?:get|send|kick|throw|drive|run|turf|boot|chuck|ship) (?:the |all (?:the |these |those |of the )?|these |those |every (?:last |single )?)?(?:${GROUP}|${GROUP_ONE}) (?:all )?(?:out|back|home|packing)\\b(?! of (?:the |a |their )?(?:rubble|water|sea|boats?|cold|rain|danger|harm's way|fire|floods?|wreckage|mud|snow)\\b)`,
    ]),
    needsGroup: true,
  },
  { kind: 'group', what: 'a slur', pattern: new RegExp(`(?:^|[^a-z'*])${SLUR}\\b`) },
];

/** Words around a phrase that show it is quoted to report or condemn it, not said. */
const QUOTING_BEFORE =
  /(?:(?<![a-z])'|\b(?:called|calling|call|calls|said|says|saying|say|word|words|term|slur|slurs|quote|quoted|quoting|described as|describing|referred to as|labelled|labeled|branded|shouted|shouting|chanted|chanting|wrote|writing|tweeted|posted|heard|claim|claimed|claims|accused of saying|the idea that|the notion that|the claim that|to suggest that|suggesting|suggests|implying|implies|like saying|told|telling|threatened|threatening|threatens|threats|vowed|vowing|charged with|convicted of|accused of|admitted|yelled|screamed|using|use|used|uses|phrase|phrases|language|rhetoric|headline|slogan|banner|banners|chant|chants|poster|posters|graffiti|leaflet|leaflets|sign|signs)\b|")[^.!?]{0,80}$/;
const QUOTING_AFTER =
  /^[^.!?]{0,30}(?:\b(?:is|are|was|were|isn't|is not)\b[^.!?]{0,30}\b(?:racist|racism|disgusting|disgraceful|unacceptable|dehumanising|dehumanizing|vile|hate speech|shameful|appalling|abhorrent|wrong|hateful|bigoted|offensive|sickening|not ok|not okay|never ok)\b)/;
/** Who is spoken of just before a threat's verb: a thing, not a person ("the bill should be killed"). */
const THING_BEFORE =
  /\b(?:plan|plans|bill|bills|idea|ideas|proposal|proposals|scheme|schemes|policy|policies|order|warrant|project|film|show|programme|program|series|photo|picture|painting|scene|episode|budget|law|laws|motion|amendment|deal|strategy|character|characters|franchise|app|website|tax|rule|rules|it|this|that|which|measure|legislation|treaty|merger|bid|application|campaign|notion|theory|argument|myth|rumour|story|dog|dogs|horse|horses|cow|cows|badgers?|animals?|fox|foxes|pests?|rats|weeds?|trees?|engine|car|cars|van|drone|drones|plane|planes|scheme|book|books|season|contract)\s+(?:(?:really|just|all|simply|definitely|probably|now|also|then|quickly|never|not|surely)\s+)?$/;

/** The text as the rules read it, in its own case (for names) and folded to lower case. */
function cased(text: string): string {
  return (
    text
      .normalize('NFKC')
      .replace(/[\u00AD\u180E\u200B-\u200F\u2060-\u2064\uFEFF]/g, '')
      .replace(/[’‘`´]/g, "'")
      .replace(/[“”„‟«»]/g, '"')
      // Nothing the rules read lies above Latin-1: emoji and other scripts become spaces, so an emoji
      // between two words ("you 😡 absolute cretin") does not hide what the words say.
      .replace(/[\u0100-\uFFFF]/g, ' ')
      .replace(/\s+/g, ' ')
  );
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

/** One quick scan for a group's name, so the group rules (each a long scan) run only when it finds one. */
const NAMES_A_GROUP = new RegExp(`\\b(?:${GROUP}|${GROUP_ONE})\\b`);

const COMPILED = [...RULES, ...GROUP_RULES].map((rule) => ({ ...rule, global: new RegExp(rule.pattern.source, 'g') }));
/** Occurrences of one rule looked at before giving up on it: each costs a look at its surroundings. */
const MOST_OCCURRENCES = 20;

export function checkAbuse(text: string): AbuseResult {
  const original = cased(text.slice(0, MAX_LENGTH));
  const folded = original.toLowerCase();
  const kinds = new Set<AbuseKind>();
  const reasons: string[] = [];
  let namesGroup: boolean | undefined;
  for (const rule of COMPILED) {
    if (rule.needsGroup && !(namesGroup ??= NAMES_A_GROUP.test(folded))) continue;
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
