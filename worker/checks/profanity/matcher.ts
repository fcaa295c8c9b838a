import { ALLOWED_PATTERNS, ALLOWED_WORDS, isInnocentInContext } from './allowlist';
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
const LEET: Record<string, string> = {
  a: 'a4@*', b: 'b8', e: 'e3*', g: 'g9', i: 'i1!|l*', l: 'l1|i', o: 'o0*', s: 's5$', t: 't7', u: 'uvy4@*',
};

const WORD_CHAR = 'a-z0-9@$*';
const NOT_BEFORE = `(?<![${WORD_CHAR}])`;
const NOT_AFTER = `(?![${WORD_CHAR}])`;

function letterClass(ch: string): string {
  const leet = LEET[ch];
  if (leet) return `[${leet.replace(/[\\\]^-]/g, '\\$&')}]`;
  if (ch === ' ') return '[ \\-]+';
  return ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A form as a regex source. Repeated letters ("fuuuck") match when `stretch` is set. */
export function formSource(form: string, stretch = true): string {
  let out = '';
  for (let i = 0; i < form.length; ) {
    let j = i;
    while (j < form.length && form[j] === form[i]) j++;
    const n = j - i;
    const cls = letterClass(form[i]);
    if (form[i] === ' ') out += cls;
    else if (stretch) out += n === 1 ? `${cls}+` : `${cls}{${n},}`;
    else out += n === 1 ? cls : `${cls}{${n}}`;
    i = j;
  }
  return out;
}

function alternation(terms: MatcherTerm[]): string {
  return terms
    .map((t) => `(${[...t.forms].sort((a, b) => b.length - a.length).map((f) => formSource(f)).join('|')})`)
    .join('|');
}

function groupIndex(m: RegExpExecArray): number {
  for (let g = 1; g < m.length; g++) if (m[g] !== undefined) return g - 1;
  return -1;
}

const ALLOWED = ALLOWED_WORDS.map((w) => new RegExp(formSource(w, false), 'g'));

/** True when an allowlisted word inside `word` covers [from, to). */
function isAllowlisted(word: string, from: number, to: number): boolean {
  for (const re of [...ALLOWED, ...ALLOWED_PATTERNS]) {
    const global = re.global ? re : new RegExp(re.source, 'g');
    global.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = global.exec(word)) !== null) {
      if (m.index <= from && m.index + m[0].length >= to) return true;
      if (m[0].length === 0) global.lastIndex++;
    }
  }
  return false;
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
    while (value.length > 1 && value.endsWith('!')) value = value.slice(0, -1);
    if (value === '!' || value === '|') continue;
    tokens.push({ text: value, from: m.index, to: m.index + value.length });
  }
  return tokens;
}

interface Scan {
  name: string;
  regex: RegExp;
  terms: MatcherTerm[];
}

export class TermMatcher {
  private readonly scans: Scan[] = [];
  private readonly wholeJoined: RegExp | null;
  private readonly anyJoined: RegExp | null;
  private readonly pairJoined: RegExp | null;
  private readonly wholeTerms: MatcherTerm[];
  private readonly anyTerms: MatcherTerm[];

  constructor(terms: MatcherTerm[]) {
    const byBound = (b: Bound) => terms.filter((t) => t.bound === b && t.forms.length > 0);
    const add = (name: Bound, before: string, after: string) => {
      const group = byBound(name);
      if (group.length) this.scans.push({ name, regex: new RegExp(`${before}(?:${alternation(group)})${after}`, 'g'), terms: group });
    };
    add('word', NOT_BEFORE, NOT_AFTER);
    add('start', NOT_BEFORE, '');
    add('end', '', NOT_AFTER);
    add('anywhere', '', '');
    // Spaced-out letters and split words are checked as one joined string.
    this.wholeTerms = terms.filter((t) => t.bound !== 'anywhere' && t.forms.length > 0);
    this.anyTerms = terms.filter((t) => t.bound === 'anywhere' && t.forms.length > 0);
    this.wholeJoined = this.wholeTerms.length ? new RegExp(`^(?:${alternation(this.wholeTerms)})$`) : null;
    this.anyJoined = this.anyTerms.length ? new RegExp(alternation(this.anyTerms), 'g') : null;
    const prefixes = COMPOUND_PREFIXES.map((p) => formSource(p)).join('|');
    const endings = ENDINGS.filter(Boolean).map((e) => formSource(e)).join('|');
    this.pairJoined = this.anyTerms.length
      ? new RegExp(`^(?:${prefixes})?(?:${alternation(this.anyTerms)})(?:${endings})?$`)
      : null;
  }

  find(original: string): TermMatch[] {
    const norm = normalize(original);
    const found: TermMatch[] = [];
    this.findInWords(original, norm, found);
    this.findInJoined(original, norm, found);
    return dedupe(found);
  }

  private accept(original: string, norm: Normalized, term: MatcherTerm, nFrom: number, nTo: number, via: TermMatch['via'], found: TermMatch[]): void {
    const start = norm.start[nFrom];
    const end = norm.end[nTo - 1];
    if (term.contextRules && isInnocentInContext(term.term, original.slice(start, end), original.slice(0, start), original.slice(end))) return;
    found.push({ term: term.term, start, end, via });
  }

  private findInWords(original: string, norm: Normalized, found: TermMatch[]): void {
    const text = norm.text;
    for (const scan of this.scans) {
      scan.regex.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = scan.regex.exec(text)) !== null) {
        const term = scan.terms[groupIndex(m)];
        const from = m.index;
        const to = from + m[0].length;
        let ws = from;
        let we = to;
        while (ws > 0 && /[a-z0-9@$!|*]/.test(text[ws - 1])) ws--;
        while (we < text.length && /[a-z0-9@$!|*]/.test(text[we])) we++;
        if (!isAllowlisted(text.slice(ws, we), from - ws, to - ws)) this.accept(original, norm, term, from, to, 'word', found);
        if (m[0].length === 0) scan.regex.lastIndex++;
      }
    }
  }

  private findInJoined(original: string, norm: Normalized, found: TermMatch[]): void {
    const tokens = tokenize(norm.text);
    const gap = (a: Token, b: Token) => norm.text.slice(a.to, b.from);
    // Letters spaced out one by one: "s h i t", "c.u.n.t", "a. s. s. h. o. l. e."
    for (let i = 0; i < tokens.length; ) {
      let j = i;
      while (j < tokens.length && isOneLetter(tokens[j].text) && (j === i || gap(tokens[j - 1], tokens[j]).length <= 3)) j++;
      if (j - i >= 2) this.matchSpaced(original, norm, tokens.slice(i, j), found);
      i = Math.max(j, i + 1);
    }
    // A word split in two: "fu ck", "ba stards". Held to whole forms so "this hit" stays innocent.
    for (let i = 0; i + 1 < tokens.length; i++) {
      const a = tokens[i];
      const b = tokens[i + 1];
      if (a.text.length < 2 || b.text.length < 2 || !/^ {1,2}$|^-$/.test(gap(a, b))) continue;
      // Two capitalised words are a name or a place ("Bell End"), not a split word.
      if (/^[A-Z]/.test(original.slice(norm.start[a.from])) && /^[A-Z]/.test(original.slice(norm.start[b.from]))) continue;
      const joined = a.text + b.text;
      const idx = [...range(a.from, a.to), ...range(b.from, b.to)];
      const wm = this.wholeJoined?.exec(joined);
      if (wm) this.accept(original, norm, this.wholeTerms[groupIndex(wm)], idx[0], idx[idx.length - 1] + 1, 'split', found);
      const am = this.pairJoined?.exec(joined);
      if (am && !isAllowlisted(joined, 0, joined.length)) {
        this.accept(original, norm, this.anyTerms[groupIndex(am)], idx[0], idx[idx.length - 1] + 1, 'split', found);
      }
    }
  }

  private matchSpaced(original: string, norm: Normalized, run: Token[], found: TermMatch[]): void {
    const joined = run.map((t) => t.text).join('');
    const idx = run.flatMap((t) => range(t.from, t.to));
    // Whole-word terms must fill the run, allowing a leading "a" or "i" ("be a d i c k").
    for (const skip of [0, 1]) {
      if (skip === 1 && !/^[ai]$/.test(run[0].text)) break;
      const wm = this.wholeJoined?.exec(joined.slice(skip));
      if (wm) {
        this.accept(original, norm, this.wholeTerms[groupIndex(wm)], idx[skip], idx[idx.length - 1] + 1, 'spaced', found);
        break;
      }
    }
    if (!this.anyJoined) return;
    this.anyJoined.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = this.anyJoined.exec(joined)) !== null) {
      const from = m.index;
      const to = from + m[0].length;
      if (!isAllowlisted(joined, from, to)) this.accept(original, norm, this.anyTerms[groupIndex(m)], idx[from], idx[to - 1] + 1, 'spaced', found);
    }
  }
}

/** "s", or one letter held down ("ccc"), as in "f u ccc k". */
function isOneLetter(token: string): boolean {
  return token.length === 1 || (token.length <= 6 && [...token].every((c) => c === token[0]));
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i++) out.push(i);
  return out;
}

function dedupe(matches: TermMatch[]): TermMatch[] {
  const out: TermMatch[] = [];
  for (const m of matches.sort((a, b) => a.start - b.start || b.end - a.end)) {
    if (!out.some((o) => o.term === m.term && o.start <= m.start && o.end >= m.end)) out.push(m);
  }
  return out;
}
