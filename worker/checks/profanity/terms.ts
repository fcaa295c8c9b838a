/**
 * The built-in list. Each entry names the canonical term reported to moderators and the spellings
 * that count as it. Spellings are written plainly: leetspeak, repeated letters, separators and
 * look-alike letters are handled by normalize.ts and matcher.ts, not listed here.
 *
 * `anywhere` terms also match inside longer words (motherfucker, bullshit), so every innocent word
 * that contains one must be in allowlist.ts. Every other term must be a whole word in one of the
 * listed forms, because the innocent words containing them are too many to list (assassin, class,
 * Cockermouth, Dickens, pricked, Wankel, Penistone, cocktail).
 */
export interface TermSpec {
  term: string;
  forms: string[];
  anywhere?: boolean;
}

function inflect(stems: string[], endings: string[]): string[] {
  return stems.flatMap((stem) => endings.map((ending) => stem + ending));
}

export const BUILT_IN_TERMS: TermSpec[] = [
  { term: 'fuck', forms: ['fuck', 'phuck'], anywhere: true },
  {
    term: 'fuck',
    forms: inflect(['fuk', 'phuk', 'fck', 'fuq', 'fcuk', 'fucc', 'phuq'], ['', 's', 'in', 'ing', 'ed', 'er', 'ers', 'n', 'off']),
  },
  { term: 'shit', forms: ['shit'], anywhere: true },
  { term: 'shit', forms: [...inflect(['shyt'], ['', 's', 'ty', 'e']), 'shiet', 'sheit', 'sheeit'] },
  { term: 'cunt', forms: ['cunt'], anywhere: true },
  { term: 'cunt', forms: ['kunt', 'kunts'] },
  { term: 'bitch', forms: ['bitch'], anywhere: true },
  { term: 'bitch', forms: ['biatch', 'biotch', 'beotch', 'byatch', 'bytch', 'bytches', 'beyotch'] },
  { term: 'bastard', forms: ['bastard'], anywhere: true },
  { term: 'bollocks', forms: ['bollock'], anywhere: true },
  { term: 'bollocks', forms: ['bollox'] },
  { term: 'whore', forms: ['whore'], anywhere: true },
  { term: 'motherfucker', forms: ['mofo', 'mofos'] },
  {
    term: 'ass',
    forms: [
      ...inflect(['ass', 'azz'], ['', 'es', 'hole', 'holes', 'hat', 'hats', 'wipe', 'wipes', 'face']),
      ...inflect(['jackass', 'dumbass', 'smartass', 'fatass', 'lardass'], ['', 'es']),
    ],
  },
  { term: 'arse', forms: inflect(['arse'], ['', 's', 'd', 'hole', 'holes', 'y', 'wipe']) },
  { term: 'dick', forms: [...inflect(['dick'], ['', 's', 'head', 'heads', 'ish', 'wad', 'wads', 'face', 'hole']), 'dikhead', 'dikheads'] },
  { term: 'prick', forms: ['prick', 'pricks'] },
  { term: 'cock', forms: inflect(['cock'], ['', 's', 'sucker', 'suckers', 'sucking', 'head', 'heads']) },
  { term: 'twat', forms: inflect(['twat'], ['', 's', 'ting', 'ted']) },
  { term: 'wank', forms: [...inflect(['wank'], ['', 's', 'er', 'ers', 'ing', 'ed', 'y', 'stain', 'stains']), 'wanka', 'wankas'] },
  { term: 'piss', forms: inflect(['piss'], ['', 'ed', 'es', 'ing', 'er', 'head', 'heads', 'take', 'y']) },
  { term: 'crap', forms: ['crap', 'crappy', 'crapper'] },
  { term: 'bugger', forms: inflect(['bugger'], ['', 's', 'ed', 'ing', 'y']) },
  { term: 'tosser', forms: ['tosser', 'tossers'] },
  { term: 'knobhead', forms: ['knobhead', 'knobheads', 'knobend', 'knobends'] },
  { term: 'bellend', forms: ['bellend', 'bellends'] },
  { term: 'slut', forms: ['slut', 'sluts', 'slutty'] },
  { term: 'skank', forms: ['skank', 'skanks', 'skanky'] },
  { term: 'tits', forms: ['tits', 'titties', 'titty'] },
  { term: 'pussy', forms: ['pussy', 'pussies'] },
  { term: 'douchebag', forms: ['douche', 'douches', 'douchebag', 'douchebags'] },
  { term: 'jizz', forms: ['jizz'] },
  { term: 'minge', forms: ['minge'] },
  { term: 'goddamn', forms: ['goddamn', 'goddamned', 'goddam'] },
  { term: 'nigger', forms: ['nigger', 'niggers', 'nigga', 'niggas'] },
  { term: 'wtf', forms: ['wtf', 'stfu', 'ffs', 'omfg'] },
];

/**
 * Compound prefixes that may come before an `anywhere` term when a split word is rejoined
 * ("mother fu cking"). Rejoined pairs are otherwise held to the term plus an ending, so that
 * "this hit" or "a bit cheaper" are never read as profanity.
 */
export const COMPOUND_PREFIXES = ['mother', 'cluster', 'bull', 'horse', 'dip', 'bat', 'ape', 'holy', 'dumb', 'jack'];
export const ENDINGS = [
  '',
  's',
  'es',
  'e',
  'y',
  'ty',
  'in',
  'ing',
  'ed',
  'er',
  'ers',
  'head',
  'heads',
  'hole',
  'holes',
  'face',
  'wit',
  'show',
  'ton',
];
