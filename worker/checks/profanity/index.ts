import type { ProfanityResult } from '../types';
import type { Deadline } from '../budget';
import { MaskedMatcher, TermMatcher, type Bound, type MatcherTerm, type TermMatch } from './matcher';
import { foldText, normalize } from './normalize';
import { BUILT_IN_TERMS } from './terms';

const BUILT_IN: MatcherTerm[] = BUILT_IN_TERMS.map((t) => ({
  term: t.term,
  forms: t.forms,
  bound: t.anywhere ? 'anywhere' : 'word',
  contextRules: true,
}));
const builtIn = new TermMatcher(BUILT_IN);
const masked = new MaskedMatcher(BUILT_IN);

/** 'fuck' → 'f*ck', so reasons can name a term without printing it. */
export function maskTerm(term: string): string {
  const vowel = term.slice(1).search(/[aeiou]/);
  const at = vowel >= 0 ? vowel + 1 : Math.min(1, term.length - 1);
  return term.slice(0, at) + '*' + term.slice(at + 1);
}

const HIDDEN = /[\p{Cf}\u180E]/gu;

function describe(match: TermMatch, original: string): string {
  const slice = original.slice(match.start, Math.min(match.end, match.start + 200));
  let visible = slice.replace(HIDDEN, '');
  const notes: string[] = [];
  if (visible.length !== slice.length) notes.push('hidden characters');
  if (visible.length > 40) visible = `${visible.slice(0, 40)}…`;
  if (match.via === 'split') notes.push('split word');
  const masked = maskTerm(match.term);
  if (notes.length === 0 && visible.toLowerCase() === match.term) return `contains '${masked}'`;
  return `matched '${masked}' written as '${visible}'${notes.length ? ` (${notes.join(', ')})` : ''}`;
}

/** An asterisk or a hash, or two or three marks between letters ("f--k"): a masked word may be there. */
const MAY_BE_MASKED = /[*#]|\p{L}[^\p{L}\p{N}\s]{2,3}\p{L}/u;

/** Links are not words: their "://" must not read as a masked "s***" ("https://"). */
const LINK = /\b[a-z][a-z0-9+.-]*:\/\/\S*|\bwww\.\S+/giu;

/** The text with its links blanked out, offsets kept; the same string when it has none. */
function withoutLinks(text: string): string {
  return text.replace(LINK, (link) => ' '.repeat(link.length));
}

/** A moderator needs a few examples of how a term was written, not one per repetition. */
const MAX_REASONS = 10;

export function checkProfanity(text: string, deadline?: Deadline, options: { asName?: boolean } = {}): ProfanityResult {
  const norm = normalize(text);
  const matches = builtIn.find(text, { deadline, asName: options.asName }, norm);
  const terms = [...new Set(matches.map((m) => m.term))];
  const reasons = new Set<string>();
  for (const m of matches) {
    if (reasons.size >= MAX_REASONS) break;
    reasons.add(describe(m, text));
  }
  // Masked words matter only when nothing is written out: PROFANITY_MASKED decides them.
  const maskable = matches.length === 0 && MAY_BE_MASKED.test(text) ? withoutLinks(text) : null;
  const maskedWords =
    maskable !== null && MAY_BE_MASKED.test(maskable) ? masked.find(maskable, deadline, maskable === text ? norm : undefined) : [];
  for (const written of maskedWords) reasons.add(`masked word '${written.length > 40 ? `${written.slice(0, 40)}…` : written}'`);
  return { isProfane: matches.length > 0, terms, reasons: [...reasons], masked: maskedWords };
}

/**
 * The body's and the author name's profanity as one result: the terms of both, the name's reasons
 * marked as such, and `inAuthorName` naming the terms found in the name.
 */
export function checkBodyAndName(body: string, authorName: string, deadline?: Deadline): ProfanityResult {
  const inBody = checkProfanity(body, deadline);
  const inName = checkProfanity(authorName, deadline, { asName: true });
  if (!inName.isProfane && !inName.masked?.length) return inBody;
  return {
    isProfane: inBody.isProfane || inName.isProfane,
    terms: [...new Set([...inBody.terms, ...inName.terms])],
    reasons: [...inBody.reasons, ...inName.reasons.map((reason) => `author name: ${reason}`)],
    masked: [...(inBody.masked ?? []), ...(inName.masked ?? [])],
    ...(inName.isProfane ? { inAuthorName: inName.terms } : {}),
  };
}

/**
 * A moderator's word list, matched with the same normalisation and allowlist as the built-in check.
 * A term matches as a whole word, plural included; "idiot*" also matches words that start with it,
 * "*head" words that end with it, "*word*" anywhere. Compile once, call many times.
 */
export function createTermMatcher(terms: string[]): (text: string, deadline?: Deadline) => Array<{ term: string; matched: string }> {
  const compiled: MatcherTerm[] = [];
  for (const raw of terms) {
    const trimmed = raw.trim();
    const leading = trimmed.startsWith('*');
    const trailing = trimmed.endsWith('*') && trimmed.length > 1;
    const core = foldText(trimmed.replace(/^\*|\*$/g, ''))
      .replace(/-+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    if (!core) continue;
    const bound: Bound = leading && trailing ? 'anywhere' : leading ? 'end' : trailing ? 'start' : 'word';
    const forms = bound === 'word' ? [core, `${core}s`, `${core}es`] : [core];
    compiled.push({ term: raw, forms, bound });
  }
  const matcher = new TermMatcher(compiled);
  return (text: string, deadline?: Deadline) =>
    matcher.find(text, { deadline }).map((m) => ({ term: m.term, matched: text.slice(m.start, m.end) }));
}
