import { ALLOWED_PATTERNS, ALLOWED_WORDS, ContextJudge } from './allowlist';
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

// What each letter may be written as, once normalize.ts has folded case, accents and look-alikes.
// '*' is an emoji written inside a word (normalize.ts), which stands for a vowel.
const LEET: Record<string, string> = {
  a: 'a4@*', b: 'b8', e: 'e3*', g: 'g9', i: 'i1!|l*', l: 'l1|i', o: 'o0*', s: 's5$', t: 't7', u: 'uvy4@*',
};

/** Between the words of a moderator's phrase ("bell end"): spaces, hyphens, any punctuation. */
const PHRASE_GAP = ' -#';

/**
 * A form as the automaton's atoms: each letter a class, and a run of n equal letters n atoms of
 * which the last may repeat when `stretch` is set ("fuuuck"; "ass" needs at least two s).
 */
export function formAtoms(form: string, stretch = true): Atom[] {
  const atoms: Atom[] = [];
  for (let i = 0; i < form.length; ) {
    let j = i;
    while (j < form.length && form[j] === form[i]) j++;
    if (form[i] === ' ') atoms.push({ chars: PHRASE_GAP, loop: true });
    else for (let k = i; k < j; k++) atoms.push({ chars: LEET[form[i]] ?? form[i], loop: stretch && k === j - 1 });
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

const ALLOW_PATTERNS: Array<{ atoms: Atom[] }> = [
  ...ALLOWED_WORDS.map((w) => ({ atoms: formAtoms(w, false) })),
  ...ALLOWED_PATTERNS.map((sets) => ({ atoms: sets.map((chars) => ({ chars, loop: false })) })),
];
const LONGEST_ALLOWED = Math.max(...ALLOW_PATTERNS.map((p) => p.atoms.length));

const allowPatterns = (start: number, end: number): Pattern[] => ALLOW_PATTERNS.map((p) => ({ ...p, start, end, id: ALLOW }));

/** Allowlisted words that fill a whole string (a rejoined pair). */
const WHOLE_ALLOWED = new ClassAutomaton(allowPatterns(EDGE, EDGE));

// Prefixes that may come before an `anywhere` term in a rejoined split word, and endings after it.
const AFFIXES = new ClassAutomaton([
  ...COMPOUND_PREFIXES.map((p) => ({ atoms: formAtoms(p), start: EDGE, end: 0, id: PREFIX })),
  ...ENDINGS.filter(Boolean).map((e) => ({ atoms: formAtoms(e), start: 0, end: EDGE, id: ENDING })),
]);

/** Characters that make up a written word, for word boundaries (not "!" or "|": "shit!", "|dick|"). */
const IS_WORD = new Uint8Array(64);
for (const s of encode('abcdefghijklmnopqrstuvwxyz0123456789@$*')) IS_WORD[s] = 1;

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
const TOKEN = /[a-z0-9@$!|]+/g;

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
      for (const form of t.forms) {
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

  find(original: string, options: FindOptions = {}): TermMatch[] {
    const norm = normalize(original);
    const found: TermMatch[] = [];
    const judge = new ContextJudge(original, options.asName);
    this.findInWords(norm, judge, found, options.deadline);
    this.findInJoined(original, norm, judge, found, options.deadline);
    return dedupe(found);
  }

  private accept(norm: Normalized, judge: ContextJudge, term: MatcherTerm, nFrom: number, nTo: number, via: TermMatch['via'], found: TermMatch[]): void {
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
    for (let i = 0; i <= n; i++) {
      if (i === 0 || !IS_WORD[symbols[i - 1]]) starts[i] = EDGE_BIT;
      if (i === n || !IS_WORD[symbols[i]]) ends[i] = EDGE_BIT;
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
    for (let i = 0; i < tokens.length; ) {
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
    for (const m of whole) if (m.start === first) this.accept(norm, judge, this.terms[m.id], idx[m.start], idx[m.end - 1] + 1, 'spaced', found);
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
    pairScratch = { symbols: new Uint8Array(size), starts: new Uint8Array(size), ends: new Uint8Array(size), affixStarts: new Uint8Array(size), affixEnds: new Uint8Array(size) };
  } else {
    pairScratch.starts.fill(0, 0, n + 1);
    pairScratch.ends.fill(0, 0, n + 1);
    pairScratch.affixStarts.fill(0, 0, n + 1);
    pairScratch.affixEnds.fill(0, 0, n + 1);
  }
  return pairScratch;
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
