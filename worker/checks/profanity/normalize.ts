/**
 * Folds the ways people disguise letters into one plain lowercase form, keeping for every output
 * character the span of the original text it came from, so a match can be quoted back to a moderator.
 *
 * Output alphabet: a-z, 0-9, the leet symbols @ $ ! | (kept, because whether `1` means i or l is
 * decided by the matcher, not here), ' ' for whitespace and '-' for any other separator (punctuation,
 * emoji, symbols). Zero-width and other invisible format characters and accents are dropped outright,
 * so "f\u200Buck" and "fück" both become "fuck".
 */

export interface Normalized {
  text: string;
  /** For each char of `text`, the UTF-16 index in the original where its source starts. */
  start: number[];
  /** For each char of `text`, the UTF-16 index in the original where its source ends (exclusive). */
  end: number[];
}

// Letters from other scripts that look like Latin ones. Applied after lowercasing and NFKD, so
// uppercase, fullwidth, styled and accented variants of these need no entries of their own.
const LOOKALIKES: Record<string, string> = {
  // Cyrillic
  'а': 'a', 'в': 'b', 'г': 'r', 'е': 'e', 'и': 'u', 'к': 'k', 'м': 'm', 'н': 'h', 'о': 'o',
  'п': 'n', 'р': 'p', 'с': 'c', 'т': 't', 'у': 'y', 'х': 'x', 'ь': 'b', 'ѕ': 's', 'і': 'i',
  'ј': 'j', 'һ': 'h', 'ԁ': 'd', 'ԛ': 'q', 'ԝ': 'w', 'ӏ': 'l', 'ү': 'y', 'ɩ': 'i',
  // Greek
  'α': 'a', 'β': 'b', 'γ': 'y', 'ε': 'e', 'η': 'n', 'ι': 'i', 'κ': 'k', 'μ': 'u', 'ν': 'v',
  'ο': 'o', 'ρ': 'p', 'τ': 't', 'υ': 'u', 'χ': 'x', 'ω': 'w', 'ϲ': 'c',
  // Armenian
  'օ': 'o', 'ս': 'u', 'հ': 'h',
  // Latin letters that NFKD does not take apart
  'ı': 'i', 'ȷ': 'j', 'ł': 'l', 'ø': 'o', 'đ': 'd', 'ð': 'd', 'ħ': 'h', 'ŀ': 'l', 'ƒ': 'f',
  'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'ɑ': 'a', 'ɡ': 'g', 'ŧ': 't',
  // Small capitals
  'ᴀ': 'a', 'ʙ': 'b', 'ᴄ': 'c', 'ᴅ': 'd', 'ᴇ': 'e', 'ꜰ': 'f', 'ɢ': 'g', 'ʜ': 'h', 'ɪ': 'i',
  'ᴊ': 'j', 'ᴋ': 'k', 'ʟ': 'l', 'ᴍ': 'm', 'ɴ': 'n', 'ᴏ': 'o', 'ᴘ': 'p', 'ʀ': 'r', 'ꜱ': 's',
  'ᴛ': 't', 'ᴜ': 'u', 'ᴠ': 'v', 'ᴡ': 'w', 'ʏ': 'y', 'ᴢ': 'z',
  // Symbols used as letters
  '¡': 'i', '€': 'e', '¢': 'c', '¥': 'y',
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
  return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch === '@' || ch === '$' || ch === '!' || ch === '|';
}

const cache = new Map<string, string>();

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
  else {
    out = '';
    const decomposed = ch.normalize('NFKD').replace(MARKS, '').toLowerCase();
    for (const c of decomposed) {
      const mapped = LOOKALIKES[c] ?? c;
      out += [...mapped].every(isKept) ? mapped : '-';
    }
    if (out.length > 1 && out.includes('-')) out = out.replace(/-+/g, '-');
    if (out === '' && decomposed === '') out = '';
  }
  if (cache.size < 10_000) cache.set(ch, out);
  return out;
}

// Multi-character drawings of a letter, checked on the original text before folding.
const DRAWN: Array<[string, string]> = [['|_|', 'u'], ['\\/', 'v'], ['()', 'o'], ['|\\|', 'n']];

export function normalize(input: string): Normalized {
  let text = '';
  const start: number[] = [];
  const end: number[] = [];
  let i = 0;
  outer: while (i < input.length) {
    const c = input[i];
    if (c === '|' || c === '\\' || c === '(') {
      for (const [drawing, letter] of DRAWN) {
        if (input.startsWith(drawing, i)) {
          text += letter;
          start.push(i);
          end.push(i + drawing.length);
          i += drawing.length;
          continue outer;
        }
      }
    }
    const cp = input.codePointAt(i) ?? 0;
    const width = cp > 0xffff ? 2 : 1;
    let folded = foldCodePoint(width === 2 ? input.slice(i, i + 2) : c);
    if (folded === '-' && cp >= 0x2600) folded = emojiInWord(input, i, width, text, cp) ?? folded;
    for (const f of folded) {
      text += f;
      start.push(i);
      end.push(i + width);
    }
    i += width;
  }
  return { text, start, end };
}

const PICTOGRAPHIC = /^\p{Extended_Pictographic}$/u;
// eslint-disable-next-line no-misleading-character-class -- variation selector and skin-tone modifiers, each matched on its own
const LETTER_AFTER = /^[\uFE0F\u{1F3FB}-\u{1F3FF}]*[\p{L}\p{N}]/u;
const PEACH = 0x1f351;

/**
 * An emoji written inside a word stands for a letter: "f🦆ck", "sh💩t" (any vowel, shown as '*',
 * which the matcher accepts for a vowel), and the peach for "ass" when joined to a word ("🍑hole").
 * A self-masked "sh*t" typed with an asterisk is not touched: that is a policy choice (docs/checks.md).
 */
function emojiInWord(input: string, i: number, width: number, text: string, cp: number): string | undefined {
  if (!PICTOGRAPHIC.test(String.fromCodePoint(cp))) return undefined;
  // The last character only: a regex anchored with $ would read the whole text each time.
  const letterBefore = text.length > 0 && /[a-z0-9@$]/.test(text[text.length - 1]);
  const letterAfter = LETTER_AFTER.test(input.slice(i + width, i + width + 8));
  if (cp === PEACH) return letterBefore || letterAfter ? 'ass' : undefined;
  return letterBefore && letterAfter ? '*' : undefined;
}

/** Plain folded text, for callers that need no positions (e.g. duplicate detection). */
export function foldText(input: string): string {
  return normalize(input).text;
}
