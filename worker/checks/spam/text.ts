/**
 * Text clean-up shared by the spam signals. Comments copied from web pages keep HTML entities and
 * line breaks (`&#39;`, `<br />`), and many carry invisible characters (a trailing byte-order mark is
 * common in the YouTube data); none of these should count as evidence either way.
 */
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

export function decodeEntities(text: string): string {
  if (!text.includes('&') && !text.includes('<')) return text;
  return text
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/?[a-z][^>]{0,200}>/gi, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      const lower = name.toLowerCase();
      if (lower.startsWith('#x')) return safeChar(parseInt(lower.slice(2), 16), whole);
      if (lower.startsWith('#')) return safeChar(parseInt(lower.slice(1), 10), whole);
      return NAMED[lower] ?? whole;
    });
}

function safeChar(code: number, fallback: string): string {
  return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}

const INVISIBLE = /[\p{Cf}\u180E]/gu;

/** Entities decoded, invisible characters removed, whitespace collapsed. */
export function cleanText(text: string): string {
  return decodeEntities(text).replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

const LETTER = /\p{L}/u;
const UPPER = /\p{Lu}/u;

/**
 * Letters and capital letters in a text, for the shouting signals. A loop with an ASCII fast path:
 * two Unicode-class regex replaces per comment cost more than the rest of a rule check.
 */
export function letterCase(text: string): { letters: number; capitals: number } {
  let letters = 0;
  let capitals = 0;
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if (c < 128) {
      if (c >= 65 && c <= 90) {
        letters++;
        capitals++;
      } else if (c >= 97 && c <= 122) letters++;
    } else if (LETTER.test(ch)) {
      letters++;
      if (UPPER.test(ch)) capitals++;
    }
  }
  return { letters, capitals };
}
