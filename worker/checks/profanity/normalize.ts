/**
 * Folds the ways people disguise letters into one plain lowercase form, keeping for every output
 * character the span of the original text it came from, so a match can be quoted back to a moderator.
 *
 * Output alphabet: a-z, 0-9, the leet symbols @ $ ! | # ^ (kept, because whether `1` means i or l is
 * decided by the matcher, not here), `+` and `(` when they stand inside a word (`b!+ch`, `fu(k`),
 * `*` for an emoji inside a word, `~` for a typed asterisk (a masked letter, `f**k`), `%` for a
 * letter drawn in a way no table has (unknownLetters; `*` for the rest of its drawing), ' ' for
 * whitespace and '-' for any other separator (punctuation, emoji, symbols). Zero-width and other
 * invisible format characters and accents are dropped outright, so "f\u200Buck" and "fück" both
 * become "fuck". Letters of other scripts that look like Latin ones (LOOKALIKES, then Unicode's
 * confusables) and letters drawn with several characters (DRAWN: `|\/|`, `|<`, `(_)`) become the
 * letter they show.
 */
import { CONFUSABLE_LETTERS } from './confusables';

export interface Normalized {
  text: string;
  /**
   * The text reads another way too: a drawing was read where one starting at its second character
   * reaches further ("[]-[": `[]` for o, or `[` for c and `]-[` for h). normalize(input, true)
   * reads it that way.
   */
  ambiguous?: boolean;
  /** For each char of `text`, the UTF-16 index in the original where its source starts. */
  start: number[];
  /** For each char of `text`, the UTF-16 index in the original where its source ends (exclusive). */
  end: number[];
}

// Letters from other scripts that look like Latin ones. Applied after lowercasing and NFKD, so
// uppercase, fullwidth, styled and accented variants of these need no entries of their own.
const LOOKALIKES: Record<string, string> = {
  // Cyrillic
  а: 'a',
  в: 'b',
  г: 'r',
  е: 'e',
  и: 'u',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  п: 'n',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  ь: 'b',
  ѕ: 's',
  і: 'i',
  ј: 'j',
  һ: 'h',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  ӏ: 'l',
  ү: 'y',
  ɩ: 'i',
  // Greek
  α: 'a',
  β: 'b',
  γ: 'y',
  ε: 'e',
  η: 'n',
  ι: 'i',
  κ: 'k',
  μ: 'u',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ω: 'w',
  ϲ: 'c',
  // Armenian
  օ: 'o',
  ս: 'u',
  հ: 'h',
  // Runic letters drawn like Latin capitals that confusables.txt does not list (it has ᚷ ᛁ ᛕ ᛖ)
  ᚱ: 'r',
  ᛒ: 'b',
  ᚠ: 'f',
  ᚻ: 'h',
  ᛏ: 't',
  ᚲ: 'c',
  ᛉ: 'y',
  // Latin letters that NFKD does not take apart
  ı: 'i',
  ȷ: 'j',
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ħ: 'h',
  ŀ: 'l',
  ƒ: 'f',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ɑ: 'a',
  ɡ: 'g',
  ŧ: 't',
  // Small capitals
  ᴀ: 'a',
  ʙ: 'b',
  ᴄ: 'c',
  ᴅ: 'd',
  ᴇ: 'e',
  ꜰ: 'f',
  ɢ: 'g',
  ʜ: 'h',
  ɪ: 'i',
  ᴊ: 'j',
  ᴋ: 'k',
  ʟ: 'l',
  ᴍ: 'm',
  ɴ: 'n',
  ᴏ: 'o',
  ᴘ: 'p',
  ʀ: 'r',
  ꜱ: 's',
  ᴛ: 't',
  ᴜ: 'u',
  ᴠ: 'v',
  ᴡ: 'w',
  ʏ: 'y',
  ᴢ: 'z',
  // Symbols used as letters
  '¡': 'i',
  '€': 'e',
  '¢': 'c',
  '¥': 'y',
  '†': 't',
  '§': 's',
  '©': 'c',
  '®': 'r',
  // Emoji drawn as a letter
  '💲': 's',
  '⭕': 'o',
  '❌': 'x',
  '✖': 'x',
  '❎': 'x',
  '❗': '!',
  '❕': '!',
};

const INVISIBLE = /^[\p{Cf}\p{M}\u180E\u3164\u115F\u1160\uFFA0]+$/u;
const MARKS = /\p{M}/gu;

/** Letters drawn as emoji or enclosed letters that have no compatibility decomposition. */
function enclosedLetter(cp: number): string | undefined {
  if (cp >= 0x1f1e6 && cp <= 0x1f1ff) return String.fromCharCode(97 + cp - 0x1f1e6); // regional indicators
  if (cp >= 0x1f150 && cp <= 0x1f169) return String.fromCharCode(97 + cp - 0x1f150); // negative circled
  if (cp >= 0x1f170 && cp <= 0x1f189) return String.fromCharCode(97 + cp - 0x1f170); // negative squared
  return undefined;
}

function isKept(ch: string): boolean {
  return (
    (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch === '@' || ch === '$' || ch === '!' || ch === '|' || ch === '#' || ch === '^'
  );
}

const cache = new Map<string, string>();

/**
 * The Latin letter a character is drawn as, if any. Looked up before NFKD as well as after (NFKD
 * turns the lunate sigma ϲ, which looks like c, into the final sigma ς). Both cases are tried: a
 * Cherokee capital's lower case is another letter.
 */
function lookalike(c: string): string | undefined {
  const lower = c.toLowerCase();
  return LOOKALIKES[lower] ?? CONFUSABLE_LETTERS.get(c) ?? CONFUSABLE_LETTERS.get(lower) ?? CONFUSABLE_LETTERS.get(c.toUpperCase());
}

/** The folded form of one code point: '' (drop), ' ', '-', or one or more kept characters. */
export function foldCodePoint(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 128) {
    if (code >= 65 && code <= 90) return String.fromCharCode(code + 32);
    if (isKept(ch)) return ch;
    return code === 32 || (code >= 9 && code <= 13) ? ' ' : '-';
  }
  const hit = cache.get(ch);
  if (hit !== undefined) return hit;
  let out: string;
  const cp = ch.codePointAt(0) ?? 0;
  const enclosed = enclosedLetter(cp);
  if (enclosed) out = enclosed;
  else if (INVISIBLE.test(ch)) out = '';
  else if (/^\s$/u.test(ch)) out = ' ';
  else if (lookalike(ch) !== undefined && [...lookalike(ch)!].every(isKept)) out = lookalike(ch)!;
  else {
    out = '';
    const decomposed = ch.normalize('NFKD').replace(MARKS, '');
    for (const c of decomposed) {
      // Case first: a Cherokee capital's lower case is another letter, so the confusables are read both ways.
      const mapped = lookalike(c) ?? c.toLowerCase();
      out += [...mapped].every(isKept) ? mapped : '-';
    }
    if (out.length > 1 && out.includes('-')) out = out.replace(/-+/g, '-');
    if (out === '' && decomposed === '') out = '';
  }
  if (cache.size < 10_000) cache.set(ch, out);
  return out;
}

/**
 * Letters drawn with several characters, from the usual leetspeak tables, read on the original text
 * before folding, longest first. Only drawings made of symbols: "ph" for f, "vv" for w or "rn" for
 * m are letters already and are read by the matcher, inside terms only (so "savvy" stays innocent).
 * Two drawings stand for two letters each and fold to a symbol the matcher reads as either: '>' for
 * `|>` (d or p), '}' for `}{` (h or x). Digit drawings (`12` for r, `13` for b) are in DIGIT_DRAWN.
 */
const DRAWN: Array<[string, string]> = (
  [
    ['|\\/|', 'm'],
    ['/\\/\\', 'm'],
    ['/V\\', 'm'],
    ['[V]', 'm'],
    ['(V)', 'm'],
    ['(v)', 'm'],
    ['|V|', 'm'],
    ['|v|', 'm'],
    ['|\\|\\', 'm'],
    [']\\/[', 'm'],
    ['(\\/)', 'm'],
    ['|\\|', 'n'],
    ['/\\/', 'n'],
    ['[\\]', 'n'],
    ['{\\}', 'n'],
    ['<\\>', 'n'],
    ['^/', 'n'],
    ['\\/\\/', 'w'],
    ['\\^/', 'w'],
    ['\\V/', 'w'],
    ['\\X/', 'w'],
    ['\\/', 'v'],
    ['(_)', 'u'],
    ['|_|', 'u'],
    ['\\_/', 'u'],
    ['()', 'o'],
    ['[]', 'o'],
    ['<>', 'o'],
    ['/-\\', 'a'],
    ['/_\\', 'a'],
    ['/\\', 'a'],
    ['|3', 'b'],
    ['!3', 'b'],
    ['I3', 'b'],
    ['|o', 'p'],
    ['|8', 'b'],
    ['|)', 'd'],
    ['[)', 'd'],
    ['|]', 'd'],
    ['|}', 'd'],
    ['[-', 'e'],
    ['|=', 'f'],
    ['(_+', 'g'],
    ['|-|', 'h'],
    [']-[', 'h'],
    ['[-]', 'h'],
    ['}{', '}'],
    [')-(', 'h'],
    ['(-)', 'h'],
    ['/-/', 'h'],
    ['|~|', 'h'],
    ['|<', 'k'],
    ['|{', 'k'],
    ['|(', 'k'],
    ['/<', 'k'],
    ['>|', 'k'],
    ['|_', 'l'],
    ['|>', '>'],
    ['|D', 'p'],
    ['|°', 'p'],
    ['|2', 'r'],
    ['|`', 'r'],
    ['|~', 'r'],
    ['|?', 'r'],
    ['I2', 'r'],
    ['|^', 'r'],
    ['-|-', 't'],
    ["']['", 't'],
    ['><', 'x'],
    [')(', 'x'],
    ['`/', 'y'],
  ] as Array<[string, string]>
).sort((a, b) => b[0].length - a[0].length);
const DRAWING_STARTS = new Set(DRAWN.map(([drawing]) => drawing[0]));
/** The drawings by their first character, longest first: a character is tried against its own few. */
const DRAWN_BY_START = new Map<string, Array<[string, string]>>();
for (const entry of DRAWN) {
  const list = DRAWN_BY_START.get(entry[0][0]) ?? [];
  list.push(entry);
  DRAWN_BY_START.set(entry[0][0], list);
}
const NONE: Array<[string, string]> = [];
const drawingsFrom = (ch: string | undefined) => (ch === undefined ? NONE : (DRAWN_BY_START.get(ch) ?? NONE));
/**
 * Drawings made of two characters that read as letters too: drawings only where a word starts
 * (`|3itch`); inside a word they stay two characters, which the matcher reads both ways (`bel|3nd`
 * "bellend", `bo||ocks`, `cra|o`: LETTER_PAIRS in matcher.ts).
 */
const AT_WORD_START = new Set(['|3', '!3', 'I3', '|o']);

/**
 * ASCII characters that fold to one character whatever is around them: not the start of a drawing,
 * not a symbol that depends on its neighbours (* + ( < [ {), not the 1 of 12 and 13, not = or ~
 * (which may draw part of a letter: unknownLetters).
 */
const PLAIN_ASCII: Array<string | undefined> = Array.from({ length: 128 }, (_, code) => {
  const ch = String.fromCharCode(code);
  if (DRAWING_STARTS.has(ch) || '*+(<[{1=~'.includes(ch)) return undefined;
  return foldCodePoint(ch);
});

function lastClosers(input: string): Record<string, number> {
  const found: Record<string, number> = { ')': -1, ']': -1, '>': -1, '}': -1 };
  const openers: Record<string, string> = { ')': '(', ']': '[', '>': '<', '}': '{' };
  let left = 4;
  for (let k = input.length - 1; k >= 0 && left > 0; k--) {
    const opener = openers[input[k]];
    if (opener && found[input[k]] < 0 && input[k - 1] !== opener) {
      found[input[k]] = k;
      left--;
    }
  }
  return found;
}

function startsDrawing(input: string, at: number): boolean {
  return drawingsFrom(input[at]).some(([drawing]) => input.startsWith(drawing, at));
}

/** Drawings made of digits, read only next to a letter ("wanke12", "13itch"), so numbers stay numbers. */
const DIGIT_DRAWN: Array<[string, string]> = [
  ['12', 'r'],
  ['13', 'b'],
];

/** What comes next is part of a word: a letter or digit of any script, a leet symbol, a symbol used as a letter. */
const WORDISH_NEXT = /^[\p{L}\p{N}@$!|^¡€¢¥†§©®]/u;
const LETTER_NEXT = /^\p{L}/u;
const WORDISH_LAST = /[a-z0-9@$!|*+(#~>}^]/;
const LETTER_LAST = /[a-z]/;
const CLOSERS: Record<string, string> = { '(': ')', '[': ']', '<': '>', '{': '}' };
const REGIONAL = (cp: number) => cp >= 0x1f1e6 && cp <= 0x1f1ff;

/** ASCII characters a drawing no table has may be made of (unknownLetters). */
const DRAWS = 1;
const MAY_DRAW = new Uint8Array(128);
for (const ch of '/\\()[]{}<>~^`=|#$@+') MAY_DRAW[ch.charCodeAt(0)] = DRAWS;
const NON_LATIN_DRAWING = /^[\p{L}\p{S}]$/u;
const PICTURE = /^\p{Extended_Pictographic}$/u;
const drawsCache = new Map<string, number>();

/** DRAWS for a letter or symbol (not an emoji) that reads as no Latin letter ("И", "∂"). */
function mayDrawLetter(ch: string): number {
  let hit = drawsCache.get(ch);
  if (hit === undefined) {
    hit = NON_LATIN_DRAWING.test(ch) && !PICTURE.test(ch) ? DRAWS : 0;
    if (drawsCache.size < 10_000) drawsCache.set(ch, hit);
  }
  return hit;
}

/** Whether a drawing starting one character into the drawing at `at` reaches past its end. */
function reachesFurther(input: string, at: number, length: number): boolean {
  for (const [drawing] of drawingsFrom(input[at + 1])) if (drawing.length > length - 1 && input.startsWith(drawing, at + 1)) return true;
  return false;
}

/**
 * `alternative`: the other reading, which the matcher tries only when the usual one finds nothing.
 * Where two drawings overlap and the later one reaches further, it reads the first character alone
 * and the later drawing ("b1†[]-[" is "b1t(h", bitch); the written words where nothing differs are
 * blanked.
 */
export function normalize(input: string, alternative = false): Normalized {
  // Where each bracket is last closed, so that "(until Friday)" stays a parenthesis and an unclosed
  // "(unt" reads as a c: one pass, then each bracket is answered in constant time. A closer right
  // after its opener is a drawing ("()" for o), not a close.
  let lastCloser: Record<string, number> | null = null;
  const closedAfter = (bracket: string, at: number) => {
    lastCloser ??= lastClosers(input);
    return lastCloser[CLOSERS[bracket]] > at;
  };
  let text = '';
  const start: number[] = [];
  const end: number[] = [];
  const emit = (out: string, from: number, to: number) => {
    for (const f of out) {
      text += f;
      start.push(from);
      end.push(to);
    }
  };
  let ambiguous = false;
  /** Where a separator that may be part of a drawing was written (unknownLetters reads only these). */
  let drawDashes: number[] | null = null;
  /** Where the other reading differs from the usual one (alternative only). */
  const changed: number[] = [];
  let i = 0;
  outer: while (i < input.length) {
    // Most of a comment is plain ASCII with nothing to read twice: one table look-up.
    const code0 = input.charCodeAt(i);
    const fast = code0 < 128 ? PLAIN_ASCII[code0] : undefined;
    if (fast !== undefined) {
      text += fast;
      start.push(i);
      end.push(i + 1);
      i++;
      continue;
    }
    const c = input[i];
    if (DRAWING_STARTS.has(c)) {
      for (const [drawing, letter] of drawingsFrom(c)) {
        if (input.startsWith(drawing, i)) {
          if (AT_WORD_START.has(drawing) && text.length > 0 && WORDISH_LAST.test(text[text.length - 1])) continue;
          if (reachesFurther(input, i, drawing.length)) {
            ambiguous = true;
            if (alternative) {
              changed.push(text.length);
              break;
            }
          }
          emit(letter, i, i + drawing.length);
          i += drawing.length;
          continue outer;
        }
      }
    }
    const code = c.charCodeAt(0);
    // Symbols that stand for a letter in a word: + for t, ( < [ { for c; * masks a letter.
    if (code === 42) {
      emit('~', i, i + 1);
      i++;
      continue;
    }
    if (code === 43 || code === 40 || code === 60 || code === 91 || code === 123) {
      const after = text.length > 0 && WORDISH_LAST.test(text[text.length - 1]);
      const next = input.slice(i + 1, i + 3);
      // Inside or at the end of a word ("sh!+"), or starting one ("+wat"); a bracket starts a
      // word only when nothing closes it later ("(vnt", not "(until Friday)").
      const wordNext = WORDISH_NEXT.test(next) || startsDrawing(input, i + 1);
      // A + also starts a word before a digit or symbol ("+0sser") or an emoji inside it ("+🤯w@t").
      const inWord =
        code === 43
          ? after || wordNext || WORDISH_NEXT.test(input.slice(pastEmoji(input, i + 1), i + 20))
          : wordNext && (after || !closedAfter(c, i));
      if (!inWord) (drawDashes ??= []).push(text.length);
      emit(inWord ? (code === 43 ? '+' : '(') : '-', i, i + 1);
      i++;
      continue;
    }
    if (code === 49) {
      const drawn = DIGIT_DRAWN.find(([digits]) => input.startsWith(digits, i));
      if (drawn && ((text.length > 0 && LETTER_LAST.test(text[text.length - 1])) || LETTER_NEXT.test(input.slice(i + 2, i + 4)))) {
        emit(drawn[1], i, i + 2);
        i += 2;
        continue;
      }
    }
    const cp = input.codePointAt(i) ?? 0;
    const width = cp > 0xffff ? 2 : 1;
    if (REGIONAL(cp) && isFlag(input, i)) {
      // Two regional indicators alone are a flag, an emoji; three or more spell letters.
      emit(emojiInWord(input, i, 4, text, 0x1f3f3) ?? '-', i, i + 4);
      i += 4;
      continue;
    }
    const ch = width === 2 ? input.slice(i, i + 2) : c;
    let folded = foldCodePoint(ch);
    if (folded === '-' && cp >= 0x2600) folded = emojiInWord(input, i, width, text, cp) ?? folded;
    // Only characters read here may be part of a drawing no table has (unknownLetters).
    if (folded === '-') {
      if ((cp < 128 ? MAY_DRAW[cp] & DRAWS : mayDrawLetter(ch)) !== 0) (drawDashes ??= []).push(text.length);
    }
    emit(folded, i, i + width);
    i += width;
  }
  // Most comments have no separator a drawing could be made of: no second pass over them.
  // unknownLetters rewrites the text in place (same length, same offsets), writing only `end`.
  const read = drawDashes === null ? text : unknownLetters(input, text, start, end, drawDashes);
  return { text: alternative ? onlyWordsAt(read, changed) : read, start, end, ambiguous };
}

/** Characters an unread drawing of a letter is made of: drawing punctuation, letters, symbols, marks. */
const DRAWING_PART = /^[|/\\()[\]{}<>~^`=\p{L}\p{S}\p{M}\p{Cf}]+$/u;
const EMOJI_IN = /\p{Extended_Pictographic}/u;
/** Stars and dots written for an asterisk mask a letter ("sh✱te"), accents for an apostrophe ("don´t"): they draw none. */
const MASK_LIKE = /[∗⁎✱✲✳✴✵✶✷✸✹✺✻✼✽❋★☆⋆•·●◦∙´`′ʼʻ]/u;
/** Folded characters a word is made of, by char code: 1 after an unknown letter, 2 also before one ('!'). */
const AROUND_UNKNOWN = new Uint8Array(128);
for (const ch of 'abcdefghijklmnopqrstuvwxyz0123456789@$|+(^>}') AROUND_UNKNOWN[ch.charCodeAt(0)] = 3;
AROUND_UNKNOWN['!'.charCodeAt(0)] = 2;
const beforeUnknown = (text: string, at: number) => at >= 0 && (AROUND_UNKNOWN[text.charCodeAt(at)] & 2) !== 0;
const afterUnknown = (text: string, at: number) => at < text.length && (AROUND_UNKNOWN[text.charCodeAt(at)] & 1) !== 0;
/** A longer run of unread characters is not one letter. */
const LONGEST_UNKNOWN = 3;

/**
 * A letter drawn in a way no table has ("fu|#ck"... "w(LИk"): a run of up to three separators
 * inside a word, made of drawing punctuation or of letters and symbols that read as no Latin letter,
 * beside an ASCII character (so words of other scripts stay as they are), becomes '%', one unknown
 * letter. The matcher lets a term have few of them (matcher.ts). Not hyphens, stops, apostrophes or
 * asterisks: "co-op", "e.g.", "don't" and masked words ("f*ck", "f--k") read as before.
 */
/** A quick no for the usual separators ("don't", "e.g.", "1,000", "co-op"): ASCII that draws nothing. */
function mayBeDrawn(input: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const code = input.charCodeAt(k);
    if (code < 128 && (MAY_DRAW[code] & DRAWS) === 0) return false;
  }
  return true;
}

/** Where each link ("scheme://...", "www....") starts and ends, as pairs in order; whitespace ends one. */
function linkSpans(input: string): number[] {
  const spans: number[] = [];
  for (const mark of ['://', 'www.']) {
    for (let at = input.indexOf(mark); at >= 0; at = input.indexOf(mark, at + mark.length)) {
      let from = at;
      while (from > 0 && !isSpace(input.charCodeAt(from - 1))) from--;
      let to = at + mark.length;
      while (to < input.length && !isSpace(input.charCodeAt(to))) to++;
      spans.push(from, to);
      at = to;
    }
  }
  // Two marks in one link ("https://www.") give the same span twice; order by start.
  const pairs: Array<[number, number]> = [];
  for (let k = 0; k < spans.length; k += 2) pairs.push([spans[k], spans[k + 1]]);
  return pairs.sort((a, b) => a[0] - b[0]).flat();
}

const isSpace = (code: number) => code === 32 || (code >= 9 && code <= 13) || code === 0xa0;

function unknownLetters(input: string, text: string, start: number[], end: number[], dashes: number[]): string {
  let parts: string[] | null = null;
  let copied = 0;
  let links: number[] | null = null;
  let link = 0;
  const inLink = (at: number) => {
    links ??= linkSpans(input);
    while (link < links.length && links[link + 1] <= at) link += 2;
    return link < links.length && links[link] <= at;
  };
  let done = 0;
  for (const dash of dashes) {
    if (dash < done) continue;
    let a = dash;
    while (a > 0 && text[a - 1] === '-') a--;
    let b = dash + 1;
    while (b < text.length && text[b] === '-') b++;
    done = b;
    if (b - a <= LONGEST_UNKNOWN && beforeUnknown(text, a - 1) && afterUnknown(text, b) && mayBeDrawn(input, start[a], end[b - 1])) {
      const from = start[a];
      const to = end[b - 1];
      const drawn = input.slice(from, to);
      // Letters spaced out by one separator each ("f/u/c/k") are read as spaced letters, not as one word.
      const spaced = b - a === 1 && !beforeUnknown(text, a - 2) && !afterUnknown(text, b + 1);
      if (
        !spaced &&
        DRAWING_PART.test(drawn) &&
        !EMOJI_IN.test(drawn) &&
        !MASK_LIKE.test(drawn) &&
        (input.charCodeAt(from - 1) < 128 || input.charCodeAt(to) < 128) &&
        !inLink(from)
      ) {
        // In place, so no offsets move: '%' spans the run, the rest of it is skipped like an emoji.
        (parts ??= []).push(text.slice(copied, a), '%', '*'.repeat(b - a - 1));
        end[a] = to;
        copied = b;
      }
    }
  }
  if (!parts) return text;
  parts.push(text.slice(copied));
  return parts.join('');
}

/**
 * The other reading keeps only the written words where it differs from the usual one (blanks for
 * the rest, offsets unchanged): the matcher reads it after the usual one, and must not read the
 * whole text twice.
 */
const LONGEST_WORD = 40;

function onlyWordsAt(text: string, changed: number[]): string {
  if (changed.length === 0) return ' '.repeat(text.length);
  changed.sort((a, b) => a - b);
  const parts: string[] = [];
  let copied = 0;
  for (const at of changed) {
    if (at < copied) continue;
    let from = at;
    while (from > 0 && text[from - 1] !== ' ') from--;
    let to = at;
    while (to < text.length && text[to] !== ' ') to++;
    // A "word" longer than any written word is no word a letter was drawn in: blank too.
    parts.push(' '.repeat(from - copied), to - from <= LONGEST_WORD ? text.slice(from, to) : ' '.repeat(to - from));
    copied = to;
  }
  parts.push(' '.repeat(text.length - copied));
  return parts.join('');
}

const EMOJI_PART = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F\u200D]/u;

/** The index after an emoji (with its modifiers and joiners) at `at`, or `at` when none is there. */
function pastEmoji(input: string, at: number): number {
  let j = at;
  while (j < input.length && j < at + 16) {
    const cp = input.codePointAt(j) ?? 0;
    const ch = String.fromCodePoint(cp);
    if (cp < 0x2000 || !EMOJI_PART.test(ch)) break;
    j += ch.length;
  }
  return j;
}

/** A pair of regional indicators not part of a longer run: a flag. */
function isFlag(input: string, i: number): boolean {
  const before = i >= 2 ? (input.codePointAt(i - 2) ?? 0) : 0;
  return REGIONAL(input.codePointAt(i + 2) ?? 0) && !REGIONAL(input.codePointAt(i + 4) ?? 0) && !REGIONAL(before);
}

const PICTOGRAPHIC = /^\p{Extended_Pictographic}$/u;
// eslint-disable-next-line no-misleading-character-class -- variation selector and skin-tone modifiers, each matched on its own
const LETTER_AFTER = /^[\uFE0F\u200D\u{1F3FB}-\u{1F3FF}]*[\p{L}\p{N}@$!|#*]/u;
const PEACH = 0x1f351;
const PEACH_AFTER = /^\uFE0F?(?:holes?|hats?|wipes?|face|es)(?![a-z])/i;
const PEACH_BEFORE = /(?:dumb|jack|smart|fat|lard|bad)$/;

/**
 * An emoji written inside a word stands for a letter or is a decoration: "f🦆ck", "sh💩t", "bit🤡ch"
 * (shown as '*', which the matcher reads as any vowel or as nothing), and the peach for "ass" when
 * joined to a word ("🍑hole"). A typed asterisk ("sh*t") is a masked letter, '~': whether masked
 * words pass, hold or reject is PROFANITY_MASKED.
 */
function emojiInWord(input: string, i: number, width: number, text: string, cp: number): string | undefined {
  if (!PICTOGRAPHIC.test(String.fromCodePoint(cp))) return undefined;
  // The last character only: a regex anchored with $ would read the whole text each time.
  const letterBefore = text.length > 0 && /[a-z0-9@$!|+(#>}^]/.test(text[text.length - 1]);
  const letterAfter = LETTER_AFTER.test(input.slice(i + width, i + width + 8));
  // The peach is "ass" where an ass compound is spelt round it ("🍑hole", "dumb🍑"), else an emoji.
  if (cp === PEACH && (PEACH_AFTER.test(input.slice(i + width, i + width + 8)) || PEACH_BEFORE.test(text.slice(-6)))) return 'ass';
  return letterBefore && letterAfter ? '*' : undefined;
}

/** Plain folded text, for callers that need no positions (e.g. duplicate detection). */
export function foldText(input: string): string {
  return normalize(input).text;
}
