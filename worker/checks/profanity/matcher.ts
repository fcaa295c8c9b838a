import { ALLOWED_PATTERNS, ALLOWED_WHOLE_WORDS, ALLOWED_WORDS, ContextJudge } from './allowlist';
import type { Deadline } from '../budget';
import { ClassAutomaton, encode, type AutomatonMatch, type Atom, type Pattern } from './automaton';
import { normalize, type Normalized } from './normalize';
import { COMPOUND_PREFIXES, ENDINGS } from './terms';

/**
 * Where a term may sit inside a written word: `word` only as the whole word (the default), `start`
 * at the start of a word ("idiot*"), `end` at its end ("*head"), `anywhere` inside any word.
 */
export type Bound = 'word' | 'start' | 'end' | 'anywhere';

export interface MatcherTerm {
  term: string;
  forms: string[];
  bound: Bound;
  /** Apply the built-in context rules (Dick as a name, blue tits). */
  contextRules?: boolean;
}

export interface TermMatch {
  term: string;
  /** UTF-16 span in the original text. */
  start: number;
  end: number;
  /** How the match was found: inside one written word, letters spaced out, or a word split in two. */
  via: 'word' | 'spaced' | 'split';
}

// What each letter may be written as, once normalize.ts has folded case, accents, look-alikes and
// drawings. '*' is an emoji written inside a word, which stands for a vowel (or for nothing:
// automaton.ts); '+' and '(' are symbols inside a word (normalize.ts); '^' is an a ("w^nker").
// '>' and '}' are drawings of two possible letters: `|>` (d or p), `}{` (h or x).
const LEET: Record<string, string> = {
  a: 'a4@*^',
  b: 'b86',
  c: 'c(',
  d: 'd>',
  e: 'e3*',
  g: 'g96',
  h: 'h#}',
  i: 'i1!|l*',
  l: 'l1|i',
  o: 'o0*',
  p: 'p>',
  s: 's5$',
  t: 't7+',
  u: 'uvy4@*',
  x: 'x}',
};

/**
 * Letters written as two other letters or leet letters: "phuck", "vvanker", "rnotherfucker", and
 * drawings made of two characters that are letters themselves, so that both readings stay open:
 * `|3` (b, or "le" in "bel|3nd"), `|o` (p, or "lo" in "bo||ocks"), `|c` `1<` (k), `cl` (d). Read
 * inside terms only, so "savvy", "l3" or "io" elsewhere stay innocent. The pair's letters go through
 * LEET: "i3" is also `|3` `!3` `13` `I3`. `inside`: not as a term's first letter ("click" is no
 * dick; and a pair led by the wide i class would wake at every i and l); at the start of a word
 * `|3` and `|o` are drawings (normalize.ts).
 */
const LETTER_PAIRS: Array<{ letter: string; pair: string; inside?: boolean }> = [
  { letter: 'f', pair: 'ph' },
  { letter: 'w', pair: 'vv' },
  { letter: 'm', pair: 'rn' },
  { letter: 'b', pair: 'i3', inside: true },
  { letter: 'p', pair: 'io', inside: true },
  { letter: 'k', pair: 'ic', inside: true },
  { letter: 'd', pair: 'cl', inside: true },
];

/** A form and its spellings with letter pairs (each pair for all of its letter). */
export function formVariants(form: string): string[] {
  let variants = [form];
  for (const { letter, pair, inside } of LETTER_PAIRS) {
    if (!form.includes(letter, inside ? 1 : 0)) continue;
    const spell = (v: string) => (inside ? v[0] + v.slice(1).split(letter).join(pair) : v.split(letter).join(pair));
    variants = variants.flatMap((v) => [v, spell(v)]);
  }
  return [...new Set(variants)];
}

/** A letter drawn in a way no table has (normalize.ts): any letter, a few to a term (fewUnknown). */
const UNKNOWN = '%';

/** At most one unknown letter in four: "fu|#ker" is a term, "f%%k" is not. */
function fewUnknown(text: string, from: number, to: number): boolean {
  let unknown = 0;
  for (let k = from; k < to; k++) if (text.charCodeAt(k) === 37) unknown++;
  return unknown * 4 <= to - from;
}

/** Between the words of a moderator's phrase ("bell end"): spaces, hyphens, any punctuation. */
const PHRASE_GAP = ' -#';

/**
 * A form as the automaton's atoms: each letter a class, and a run of n equal letters n atoms of
 * which the last may repeat when `stretch` is set ("fuuuck"; "ass" needs at least two s).
 */
export function formAtoms(form: string, stretch = true): Atom[] {
  const atoms: Atom[] = [];
  for (let i = 0; i < form.length;) {
    let j = i;
    while (j < form.length && form[j] === form[i]) j++;
    if (form[i] === ' ') atoms.push({ chars: PHRASE_GAP, loop: true });
    // An unknown letter is never a term's first: "a/fuck" must not read as "%uck" held on to.
    else
      for (let k = i; k < j; k++) atoms.push({ chars: (LEET[form[i]] ?? form[i]) + (k > 0 ? UNKNOWN : ''), loop: stretch && k === j - 1 });
    i = j;
  }
  return atoms;
}

// Anchor classes (automaton.ts): 0 anywhere; EDGE a word boundary, or the edge of a joined run;
// COMPOUND where a compound prefix ends or an ending starts, in a rejoined split word.
const EDGE = 1;
const COMPOUND = 2;
const EDGE_BIT = 1 << EDGE;
const COMPOUND_BIT = 1 << COMPOUND;

/** Pattern ids below zero: an allowlisted word, a compound prefix, an ending. */
const ALLOW = -1;
const PREFIX = -2;
const ENDING = -3;

/** An emoji inside a word may stand for a letter of a term, not of an innocent word ("sh|🥴te" is no Shiite). */
const lettersOnly = (atoms: Atom[]): Atom[] => atoms.map((a) => ({ ...a, chars: a.chars.replace('*', '') }));

const ALLOW_PATTERNS: Array<{ atoms: Atom[] }> = [
  ...ALLOWED_WORDS.map((w) => ({ atoms: lettersOnly(formAtoms(w, false)) })),
  ...ALLOWED_PATTERNS.map((sets) => ({ atoms: sets.map((chars) => ({ chars, loop: false })) })),
];
const LONGEST_ALLOWED = Math.max(...ALLOW_PATTERNS.map((p) => p.atoms.length));

const allowPatterns = (start: number, end: number): Pattern[] => [
  ...ALLOW_PATTERNS.map((p) => ({ ...p, start, end, id: ALLOW })),
  ...ALLOWED_WHOLE_WORDS.map((w) => ({ atoms: formAtoms(w, false), start: EDGE, end: EDGE, id: ALLOW })),
];

/** Allowlisted words that fill a whole string (a rejoined pair). */
const WHOLE_ALLOWED = new ClassAutomaton(allowPatterns(EDGE, EDGE));

// Prefixes that may come before an `anywhere` term in a rejoined split word, and endings after it.
const AFFIXES = new ClassAutomaton([
  ...COMPOUND_PREFIXES.map((p) => ({ atoms: formAtoms(p), start: EDGE, end: 0, id: PREFIX })),
  ...ENDINGS.filter(Boolean).map((e) => ({ atoms: formAtoms(e), start: 0, end: EDGE, id: ENDING })),
]);

/** Characters that make up a written word, for word boundaries (not ! | + or (: "shit!", "|dick|", "ass+"). */
const IS_WORD = new Uint8Array(64);
for (const s of encode('abcdefghijklmnopqrstuvwxyz0123456789@$*>}^%')) IS_WORD[s] = 1;

const [UNKNOWN_SYMBOL] = encode(UNKNOWN);

/** Which allowlisted words cover which spans of one scanned string. */
class Allowed {
  private readonly minStartByEnd: Int32Array | null;

  constructor(matches: AutomatonMatch[], length: number) {
    let table: Int32Array | null = null;
    for (const m of matches) {
      if (m.id !== ALLOW) continue;
      table ??= new Int32Array(length + 1).fill(length + 1);
      if (m.start < table[m.end]) table[m.end] = m.start;
    }
    this.minStartByEnd = table;
  }

  /** An allowlisted word in the same written word spans [from, to): "assassin" over "ass". */
  covers(from: number, to: number): boolean {
    const table = this.minStartByEnd;
    if (!table) return false;
    const last = Math.min(table.length - 1, from + LONGEST_ALLOWED);
    for (let end = to; end <= last; end++) if (table[end] <= from) return true;
    return false;
  }
}

interface Token {
  text: string;
  from: number; // index in normalized text
  to: number;
}

// '*' (an emoji inside a word) is a letter for the word scan but separates spaced-out letters here.
const TOKEN = /[a-z0-9@$!|+(>}#^%]+/g;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(text)) !== null) {
    let value = m[0];
    // A trailing "!" is punctuation ("shit!"), not a leet i.
    let cut = value.length;
    while (cut > 1 && value[cut - 1] === '!') cut--;
    if (cut < value.length) value = value.slice(0, cut);
    if (value === '!' || value === '|') continue;
    tokens.push({ text: value, from: m.index, to: m.index + value.length });
  }
  return tokens;
}

export interface FindOptions {
  deadline?: Deadline;
  /** The text is an author name: a capitalised "Dick" or "Cocks" is a name there. */
  asName?: boolean;
}

/**
 * A term set compiled once into three automata: one for the written words of the folded text, one
 * for runs of spaced-out letters ("s h i t"), one for a word split in two ("fu ck"). Every search
 * is linear in the length of the text (automaton.ts).
 */
export class TermMatcher {
  private readonly words: ClassAutomaton;
  private readonly spaced: ClassAutomaton;
  private readonly pairs: ClassAutomaton;

  constructor(private readonly terms: MatcherTerm[]) {
    const words: Pattern[] = [];
    const spaced: Pattern[] = [];
    const pairs: Pattern[] = [];
    terms.forEach((t, id) => {
      const anywhere = t.bound === 'anywhere';
      for (const form of t.forms.flatMap(formVariants)) {
        const atoms = formAtoms(form);
        words.push({
          atoms,
          id,
          start: t.bound === 'word' || t.bound === 'start' ? EDGE : 0,
          end: t.bound === 'word' || t.bound === 'end' ? EDGE : 0,
        });
        // Joined letters: whole-word terms must fill the run; `anywhere` terms may sit inside it.
        spaced.push({ atoms, id, start: anywhere ? 0 : EDGE, end: anywhere ? 0 : EDGE });
        // A rejoined pair is exactly a term, or a compound prefix, an `anywhere` term and an ending.
        pairs.push({ atoms, id, start: anywhere ? COMPOUND : EDGE, end: anywhere ? COMPOUND : EDGE });
      }
    });
    this.words = new ClassAutomaton([...words, ...allowPatterns(0, 0)]);
    this.spaced = new ClassAutomaton([...spaced, ...allowPatterns(0, 0)]);
    this.pairs = new ClassAutomaton(pairs);
  }

  /** Trie nodes over the three automata: what a term set costs to hold. */
  get size(): number {
    return this.words.size + this.spaced.size + this.pairs.size;
  }

  /**
   * Matches in the usual reading of the text, or when none, in the written words of its other
   * reading (overlapping drawings: normalize.ts).
   */
  find(original: string, options: FindOptions = {}, norm: Normalized = normalize(original)): TermMatch[] {
    const found: TermMatch[] = [];
    const judge = new ContextJudge(original, options.asName);
    this.findInWords(norm, judge, found, options.deadline);
    this.findInJoined(original, norm, judge, found, options.deadline);
    if (found.length === 0 && norm.ambiguous) this.findInWords(normalize(original, true), judge, found, options.deadline);
    return dedupe(found);
  }

  private accept(
    norm: Normalized,
    judge: ContextJudge,
    term: MatcherTerm,
    nFrom: number,
    nTo: number,
    via: TermMatch['via'],
    found: TermMatch[],
  ): void {
    if (!fewUnknown(norm.text, nFrom, nTo)) return;
    const start = norm.start[nFrom];
    const end = norm.end[nTo - 1];
    if (term.contextRules && judge.isInnocent(term.term, start, end)) return;
    found.push({ term: term.term, start, end, via });
  }

  private findInWords(norm: Normalized, judge: ContextJudge, found: TermMatch[], deadline?: Deadline): void {
    const symbols = encode(norm.text);
    const n = symbols.length;
    const starts = new Uint8Array(n + 1);
    const ends = new Uint8Array(n + 1);
    // An unknown letter may also be a separator ("optout/F4Q"): a word may start or end beside it.
    for (let i = 0; i <= n; i++) {
      if (i === 0 || !IS_WORD[symbols[i - 1]] || symbols[i - 1] === UNKNOWN_SYMBOL) starts[i] = EDGE_BIT;
      if (i === n || !IS_WORD[symbols[i]] || symbols[i] === UNKNOWN_SYMBOL) ends[i] = EDGE_BIT;
    }
    const matches = this.words.scan(symbols, n, starts, ends, deadline);
    const allowed = new Allowed(matches, n);
    for (const m of matches) {
      if (m.id >= 0 && !allowed.covers(m.start, m.end)) this.accept(norm, judge, this.terms[m.id], m.start, m.end, 'word', found);
    }
  }

  private findInJoined(original: string, norm: Normalized, judge: ContextJudge, found: TermMatch[], deadline?: Deadline): void {
    const tokens = tokenize(norm.text);
    const gap = (a: Token, b: Token) => b.from - a.to;
    // Letters spaced out one by one: "s h i t", "c.u.n.t", "a. s. s. h. o. l. e."
    for (let i = 0; i < tokens.length;) {
      let j = i;
      while (j < tokens.length && isOneLetter(tokens[j].text) && (j === i || gap(tokens[j - 1], tokens[j]) <= 3)) j++;
      if (j - i >= 2) this.matchSpaced(norm, judge, tokens.slice(i, j), found, deadline);
      i = Math.max(j, i + 1);
    }
    // A word split in two: "fu ck", "ba stards". Held to whole forms so "this hit" stays innocent.
    for (let i = 0; i + 1 < tokens.length; i++) {
      const a = tokens[i];
      const b = tokens[i + 1];
      if (a.text.length < 2 || b.text.length < 2 || !isPairGap(norm.text, a.to, b.from)) continue;
      // Two capitalised words are a name or a place ("Bell End"), not a split word.
      if (isCapital(original.charCodeAt(norm.start[a.from])) && isCapital(original.charCodeAt(norm.start[b.from]))) continue;
      this.matchPair(norm, judge, a, b, found, deadline);
    }
  }

  private matchSpaced(norm: Normalized, judge: ContextJudge, run: Token[], found: TermMatch[], deadline?: Deadline): void {
    const idx: number[] = [];
    for (const t of run) for (let k = t.from; k < t.to; k++) idx.push(k);
    const symbols = encode(run.map((t) => t.text).join(''));
    const n = symbols.length;
    const starts = new Uint8Array(n + 1);
    const ends = new Uint8Array(n + 1);
    // Whole-word terms must fill the run, allowing a leading "a" or "i" ("be a d i c k").
    starts[0] = EDGE_BIT;
    if (/^[ai]$/.test(run[0].text)) starts[1] = EDGE_BIT;
    ends[n] = EDGE_BIT;
    const matches = this.spaced.scan(symbols, n, starts, ends, deadline);
    const allowed = new Allowed(matches, n);
    const whole = matches.filter((m) => m.id >= 0 && this.terms[m.id].bound !== 'anywhere');
    const first = Math.min(...whole.map((m) => m.start));
    for (const m of whole)
      if (m.start === first) this.accept(norm, judge, this.terms[m.id], idx[m.start], idx[m.end - 1] + 1, 'spaced', found);
    for (const m of matches) {
      if (m.id < 0 || this.terms[m.id].bound !== 'anywhere' || allowed.covers(m.start, m.end)) continue;
      this.accept(norm, judge, this.terms[m.id], idx[m.start], idx[m.end - 1] + 1, 'spaced', found);
    }
  }

  private matchPair(norm: Normalized, judge: ContextJudge, a: Token, b: Token, found: TermMatch[], deadline?: Deadline): void {
    const n = a.text.length + b.text.length;
    const buf = pairBuffers(n);
    encode(a.text, buf.symbols, 0);
    encode(b.text, buf.symbols, a.text.length);
    // Many pairs start with a letter no term or compound prefix starts with.
    const first = buf.symbols[0];
    if (!this.pairs.canStartWith(first, EDGE_BIT | COMPOUND_BIT) && !AFFIXES.canStartWith(first, EDGE_BIT)) return;
    const { symbols, starts, ends, affixStarts, affixEnds } = buf;
    starts[0] = EDGE_BIT | COMPOUND_BIT;
    ends[n] = EDGE_BIT | COMPOUND_BIT;
    affixStarts[0] = EDGE_BIT;
    affixEnds[n] = EDGE_BIT;
    for (const m of AFFIXES.scan(symbols, n, affixStarts, affixEnds, deadline)) {
      if (m.id === PREFIX) starts[m.end] |= COMPOUND_BIT;
      else ends[m.start] |= COMPOUND_BIT;
    }
    const matches = this.pairs.scan(symbols, n, starts, ends, deadline);
    if (matches.length === 0) return;
    // An allowlisted word written as the whole pair is innocent ("as sassin" is not).
    if (WHOLE_ALLOWED.scan(symbols, n, starts, ends, deadline).length > 0) return;
    for (const m of matches) this.accept(norm, judge, this.terms[m.id], a.from, b.to, 'split', found);
  }
}

interface PairBuffers {
  symbols: Uint8Array;
  starts: Uint8Array;
  ends: Uint8Array;
  affixStarts: Uint8Array;
  affixEnds: Uint8Array;
}

let pairScratch: PairBuffers | null = null;

/** Buffers for a rejoined pair, reused (zeroed) across pairs: a comment has thousands of pairs. */
function pairBuffers(n: number): PairBuffers {
  if (!pairScratch || pairScratch.symbols.length < n + 1) {
    const size = Math.max(64, 2 * (n + 1));
    pairScratch = {
      symbols: new Uint8Array(size),
      starts: new Uint8Array(size),
      ends: new Uint8Array(size),
      affixStarts: new Uint8Array(size),
      affixEnds: new Uint8Array(size),
    };
  } else {
    pairScratch.starts.fill(0, 0, n + 1);
    pairScratch.ends.fill(0, 0, n + 1);
    pairScratch.affixStarts.fill(0, 0, n + 1);
    pairScratch.affixEnds.fill(0, 0, n + 1);
  }
  return pairScratch;
}

/** Symbols of a masked letter: a typed asterisk ('~' once folded), a hash, an at sign ("f@#k"). */
const MASKS = '~#@';
const IS_MASKED_WORD = new Uint8Array(64);
for (const s of encode('abcdefghijklmnopqrstuvwxyz0123456789@$*+(>}~#')) IS_MASKED_WORD[s] = 1;
const [TILDE, HASH] = encode('~#');
const IS_LETTER = new Uint8Array(64);
for (const s of encode('abcdefghijklmnopqrstuvwxyz')) IS_LETTER[s] = 1;
/** Longer runs of letters and asterisks, or with more masks, are not one masked word ("f***ing" has 3). */
const LONGEST_MASKED_WORD = 20;
const MOST_MASKS = 4;

/**
 * Words written with some letters masked: "f*cking", "f**k", "s***", "a**hole". Each term's forms
 * in its usual spelling, every letter but the first also accepting a mask (one mask, one letter);
 * a match must show a mask and a letter.
 * Only written words of up to 20 characters with one to four masks are scanned, so a run of
 * asterisks costs nothing and a word's cost stays small. "A*" and "A**" in capitals are exam grades.
 */
export class MaskedMatcher {
  private readonly words: ClassAutomaton;

  constructor(terms: MatcherTerm[]) {
    const patterns: Pattern[] = [];
    terms.forEach((t, id) => {
      // People mask the usual spelling ("f**king", not "f**kin"), letter for letter.
      for (const form of t.forms.filter((f) => f.includes(t.term) || t.term.includes(f))) {
        const atoms = formAtoms(form, false).map((atom, k) =>
          k === 0 || atom.chars === PHRASE_GAP ? atom : { ...atom, chars: atom.chars + MASKS },
        );
        patterns.push({ atoms, id, start: t.bound === 'anywhere' ? 0 : EDGE, end: t.bound === 'anywhere' ? 0 : EDGE });
      }
    });
    this.words = new ClassAutomaton(patterns);
  }

  /** The masked words as written (at most 10). `norm`: the text normalised already, when it is. */
  find(original: string, deadline?: Deadline, norm: Normalized = normalize(original)): string[] {
    const symbols = encode(norm.text);
    dashesAsMasks(symbols);
    const found = new Set<string>();
    for (let from = 0; from < symbols.length && found.size < 10;) {
      if (!IS_MASKED_WORD[symbols[from]]) {
        from++;
        continue;
      }
      let to = from;
      let masks = 0;
      let letters = 0;
      while (to < symbols.length && IS_MASKED_WORD[symbols[to]]) {
        if (symbols[to] === TILDE || symbols[to] === HASH) masks++;
        else if (IS_LETTER[symbols[to]]) letters++;
        to++;
      }
      if (masks > 0 && masks <= MOST_MASKS && letters > 0 && to - from <= LONGEST_MASKED_WORD) {
        for (const written of this.matchWord(original, norm, symbols.subarray(from, to), from, deadline)) found.add(written);
      }
      from = to;
    }
    return [...found];
  }

  /** The longest masked match in one written word, as written. */
  private matchWord(original: string, norm: Normalized, word: Uint8Array, offset: number, deadline?: Deadline): string[] {
    const n = word.length;
    const starts = new Uint8Array(n + 1);
    const ends = new Uint8Array(n + 1);
    starts[0] = EDGE_BIT;
    ends[n] = EDGE_BIT;
    let best: string | null = null;
    for (const m of this.words.scan(word, n, starts, ends, deadline)) {
      let masked = false;
      for (let k = m.start; k < m.end && !masked; k++) masked = word[k] === TILDE || word[k] === HASH;
      if (!masked) continue;
      const written = original.slice(norm.start[offset + m.start], norm.end[offset + m.end - 1]);
      if (/^A\*{1,2}$/.test(written)) continue;
      if (best === null || written.length > best.length) best = written;
    }
    return best === null ? [] : [best];
  }
}

const [DASH] = encode('-');

/** Two or three separators between letters mask letters too: "f--k", "s..t". */
function dashesAsMasks(symbols: Uint8Array): void {
  for (let i = 1; i < symbols.length;) {
    if (symbols[i] !== DASH || !IS_MASKED_WORD[symbols[i - 1]]) {
      i++;
      continue;
    }
    let j = i;
    while (j < symbols.length && symbols[j] === DASH) j++;
    if (j - i >= 2 && j - i <= 3 && j < symbols.length && IS_MASKED_WORD[symbols[j]]) symbols.fill(TILDE, i, j);
    i = j;
  }
}

/** Split words are joined across one or two spaces or one other separator: "fu ck", "fu-ck". */
function isPairGap(text: string, from: number, to: number): boolean {
  const gap = to - from;
  if (gap === 1) return text[from] === ' ' || text[from] === '-';
  return gap === 2 && text[from] === ' ' && text[from + 1] === ' ';
}

function isCapital(code: number): boolean {
  return code >= 65 && code <= 90;
}

/** "s", or one letter held down ("ccc"), as in "f u ccc k". */
function isOneLetter(token: string): boolean {
  if (token.length === 1) return true;
  if (token.length > 6) return false;
  for (let k = 1; k < token.length; k++) if (token[k] !== token[0]) return false;
  return true;
}

/** Drops a match inside another of the same term; linear after the sort. */
function dedupe(matches: TermMatch[]): TermMatch[] {
  const out: TermMatch[] = [];
  const reach = new Map<string, number>();
  for (const m of matches.sort((a, b) => a.start - b.start || b.end - a.end)) {
    if ((reach.get(m.term) ?? -1) >= m.end) continue;
    reach.set(m.term, Math.max(reach.get(m.term) ?? -1, m.end));
    out.push(m);
  }
  return out;
}
