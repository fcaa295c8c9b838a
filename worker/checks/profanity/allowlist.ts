/**
 * Innocent words that contain a listed term, "the Scunthorpe problem". A match is dropped when an
 * allowlisted word in the same written word covers it. Entries are compared after normalisation,
 * so "Ѕcunthorpe" with a Cyrillic S is covered too. Built-in whole-word terms already ignore most of
 * these; they are listed anyway because moderators' own lists (createTermMatcher) may use prefixes
 * such as "ass*" or "cock*".
 */
export const ALLOWED_WORDS: string[] = [
  // places
  'scunthorpe',
  'penistone',
  'middlesex',
  'essex',
  'sussex',
  'wessex',
  'cockermouth',
  'cockfosters',
  'shitterton',
  'clitheroe',
  'twatt',
  'assington',
  'crapstone',
  'titsey',
  'pissouri',
  'fukushima',
  'phuket',
  'lickey',
  'cockburnspath',
  'penshurst',
  'wankie',
  'dickleburgh',
  'hornchurch',
  'cumbria',
  'cumbernauld',
  'cumnock',
  'lancashire',
  // people
  'dickens',
  'dickensian',
  'dickinson',
  'dickson',
  'dickie',
  'hancock',
  'cockburn',
  'hitchcock',
  'babcock',
  'alcock',
  'woodcock',
  'glasscock',
  'cummings',
  'matsushita',
  'hassan',
  'hassell',
  'cockerill',
  'wankel',
  'assange',
  'bassett',
  'cassidy',
  'cassandra',
  'titus',
  'titian',
  // words
  'assassin',
  'assassinate',
  'assassination',
  'assess',
  'assessment',
  'asset',
  'assets',
  'assist',
  'assistant',
  'assume',
  'assumption',
  'assure',
  'assurance',
  'assembly',
  'assert',
  'assign',
  'associate',
  'association',
  'assort',
  'assortment',
  'bass',
  'bassist',
  'class',
  'classic',
  'classify',
  'grass',
  'grassroots',
  'glass',
  'brass',
  'mass',
  'massive',
  'pass',
  'passage',
  'passenger',
  'passion',
  'passive',
  'password',
  'compass',
  'embassy',
  'ambassador',
  'harass',
  'harassment',
  'carcass',
  'cassette',
  'massage',
  'lass',
  'hassle',
  'jurassic',
  'morass',
  'crass',
  'trespass',
  'surpass',
  'bypass',
  'amass',
  'sassy',
  'cuirass',
  'molasses',
  'tassel',
  'vassal',
  'therapist',
  'analysis',
  'analyst',
  'analytics',
  'analogue',
  'canal',
  'banal',
  'anal',
  'arsenal',
  'arsenic',
  'parse',
  'sparse',
  'hoarse',
  'coarse',
  'rehearse',
  'cocktail',
  'cockney',
  'cockroach',
  'cockpit',
  'cockle',
  'cockatoo',
  'cockatiel',
  'cocker',
  'cockerel',
  'peacock',
  'stopcock',
  'shuttlecock',
  'ballcock',
  'weathercock',
  'hancock',
  'dickey',
  'benedick',
  'shiitake',
  'shitake',
  'cumulative',
  'cumulus',
  'cucumber',
  'circumstance',
  'document',
  'documentary',
  'incumbent',
  'succumb',
  'scuttlebutt',
  'buttress',
  'button',
  'titanic',
  'titanium',
  'title',
  'titled',
  'petition',
  'competition',
  'constitution',
  'titillate',
  'titmouse',
  'tithe',
  'swank',
  'swanky',
  'prickly',
  'pricked',
  'pricking',
  'prickle',
  'pissarro',
  'crapaud',
  'scrap',
  'scrappy',
  'skyscraper',
  'sextant',
  'sexton',
  'hello',
  'shell',
  'hellenic',
  'michelle',
  'penile',
  'penis',
  'knobbly',
  'bugaboo',
  'spunky',
  'cunning',
  'cunningham',
  // more names and words that embed a term
  'shiite',
  'shiites',
  'dikshit',
  'kshitij',
  'mishit',
  'mishits',
  'mishitting',
  'shittah',
  'shittim',
  'cumberbatch',
  'titchmarsh',
  'wankdorf',
  'assad',
  'bassoon',
  'bastion',
  'titicaca',
  'lightwater',
  'cumming',
  'cumming',
  'cockshutt',
  'pissarro',
  'hassocks',
  'scunthorpe',
];

/** Innocent only as the whole word: Bitche (Moselle) is not "bitches". */
export const ALLOWED_WHOLE_WORDS: string[] = ['bitche'];

/**
 * Patterns for innocent families too large to list: Japanese names such as Yamashita, Kinoshita,
 * Takeshita or Yoshitaka put "shit" between vowels, which English compounds (bullshit, shite) do not.
 * Each entry is a sequence of character sets over the folded text (what /[aeiou]shit[aiou]/ says).
 */
export const ALLOWED_PATTERNS: string[][] = [['aeiou', 's', 'h', 'i', 't', 'aiou']];

/**
 * Words that are innocent in context: "Dick" as a name (Philip K. Dick, Dick Van Dyke, Moby Dick)
 * and tits as birds (blue tits, coal tits). `before`/`after` are the original text around the match.
 */
// Capitalised words next to "Dick" that do not make it a name ("What a Dick", "DICK MOVE").
const COMMON_CAPITALISED = new Set([
  'a',
  'an',
  'the',
  'be',
  'is',
  'are',
  'was',
  'what',
  'such',
  'total',
  'you',
  'big',
  'move',
  'head',
  'like',
  'and',
  'or',
  'of',
  'to',
  'so',
  'he',
  'she',
  'they',
  'his',
  'your',
  'absolute',
  'complete',
  'massive',
  'i',
  'im',
  'dont',
  'stop',
  'being',
]);
const BIRD_TITS = /\b(blue|great|coal|marsh|willow|crested|bearded|penduline|tailed|long-tailed)\s+$/i;

const DOG_CONTEXT =
  /\b(?:pupp(?:y|ies)|pups?|litters?|whelp\w*|breed\w*|kennels?|dogs?|greyhounds?|spaniels?|terriers?|labradors?|retrievers?|collies?|crufts|vets?|in\s+season|spayed)\b/i;
const ROOSTER_AFTER = /^\s*(?:crow\w*|pheasants?|robins?|sparrows?|birds?|fights?|fighting|and\s+(?:hen|bull)|-and-bull|a\s+snook)\b/i;
const ROOSTER_CONTEXT = /\b(?:hens?|roosters?|chickens?|poultry|farmyard|crowing|crowed|weather\s*vane)\b/i;
const DONKEY_BEFORE = /\b(?:wild|feral|domestic|asiatic|african|somali|nubian|balaam's|an?\s+old\s+grey)\s+$/i;
const DONKEY_CONTEXT = /\b(?:donkeys?|mules?|foals?|ox|oxen|nature\s+reserve|sanctuary|braying)\b/i;

// "Dick" next to a capitalised word that is a name: prev/next word, in capitals or title case.
const NAME_WORD = { upper: '[A-Z][A-Z]+', title: '[A-Z][a-z]+' };
const NAME_BEFORE = {
  upper: new RegExp(`(?:^|[\\s-])(${NAME_WORD.upper}|[A-Z]\\.)[\\s-]+$`),
  title: new RegExp(`(?:^|[\\s-])(${NAME_WORD.title}|[A-Z]\\.)[\\s-]+$`),
};
const NAME_AFTER = {
  upper: new RegExp(`^(?:['’]s)?[\\s-]+(${NAME_WORD.upper})\\b`),
  title: new RegExp(`^(?:['’]s)?[\\s-]+(${NAME_WORD.title})\\b`),
};

/** How much text either side of a match the context rules read; they look at the next few words. */
export const CONTEXT_WINDOW = 80;

/**
 * `before`/`after` are the original text around the match (at most CONTEXT_WINDOW characters);
 * `inText(re)` says whether the whole comment matches `re` (for "puppies" anywhere in it), and is
 * answered once per comment and pattern, so many matches cost no more than one.
 */
export function isInnocentInContext(
  term: string,
  written: string,
  before: string,
  after: string,
  inText: (re: RegExp) => boolean,
): boolean {
  if (written.length > 40) return false;
  if (term === 'dick' && /^(?:Dick|DICK)S?s?$/.test(written)) {
    const style = written === written.toUpperCase() ? 'upper' : 'title';
    const prev = NAME_BEFORE[style].exec(before);
    const next = NAME_AFTER[style].exec(after);
    const isName = (w: string | undefined) => !!w && !COMMON_CAPITALISED.has(w.toLowerCase());
    return isName(prev?.[1]) || isName(next?.[1]);
  }
  if (term === 'tits') return BIRD_TITS.test(before);
  // Animals and plants, only when written plainly: a disguised spelling shows intent.
  const plain = /^[A-Za-z]+$/.test(written);
  if (!plain) return false;
  if (term === 'bitch') return inText(DOG_CONTEXT);
  if (term === 'cock') return ROOSTER_AFTER.test(after) || inText(ROOSTER_CONTEXT) || /^-a-doodle/i.test(after);
  if (term === 'ass') return DONKEY_BEFORE.test(before) || inText(DONKEY_CONTEXT);
  if (term === 'pussy') return /^[\s-]*(?:willows?|cats?|foot|riot)\b/i.test(after);
  if (term === 'prick')
    return (
      /\b(?:pin|needle|finger|thorn)\s*$/i.test(before) ||
      /^\s+(?:test|blood|of\s+(?:a|the)\s+(?:needle|thorn|pin))\b/i.test(after) ||
      /^\s+up\s+(?:their|his|her|its|your|my|our)\s+ears/i.test(after)
    );
  return false;
}

/** In an author name, a capitalised Dick or Cocks is a first name or a surname (Dick Francis, Richard Cocks). */
const NAME_SENSE = /^(?:Dick|Cock|DICK|COCK)[sS]?$/;

/** The context rules for one comment (or author name), with the whole-text answers kept. */
export class ContextJudge {
  private readonly inText = new Map<RegExp, boolean>();

  constructor(
    private readonly original: string,
    private readonly asName = false,
  ) {}

  isInnocent(term: string, start: number, end: number): boolean {
    const text = this.original;
    if (this.asName && (term === 'dick' || term === 'cock') && NAME_SENSE.test(text.slice(start, Math.min(end, start + 6)))) return true;
    return isInnocentInContext(
      term,
      text.slice(start, Math.min(end, start + 41)),
      text.slice(Math.max(0, start - CONTEXT_WINDOW), start),
      text.slice(end, end + CONTEXT_WINDOW),
      (re) => {
        let hit = this.inText.get(re);
        if (hit === undefined) this.inText.set(re, (hit = re.test(text)));
        return hit;
      },
    );
  }
}
