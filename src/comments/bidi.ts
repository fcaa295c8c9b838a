/**
 * Bidirectional-text controls (issue 16.4). An override (U+202D LRO, U+202E RLO) makes a browser
 * draw the letters after it in the order it forces: "\u202Ekcuf" is stored, and checked, as "kcuf"
 * but read as "fuck"; "\u202Emoc.rekcah" shows as a link. Embeddings, isolates and marks (U+202A-C,
 * U+2066-9, LRM, RLM, ALM) move whole words and neutral characters, which right-to-left writing
 * needs and nothing else does.
 *
 * So: outside right-to-left scripts every bidi control is dropped; in text with Hebrew, Arabic,
 * Syriac, Thaana, N'Ko or another right-to-left script, only the overrides are. What is stored is
 * then what readers see, letter for letter, and that is what the checks read.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;
const OVERRIDES = /[\u202D\u202E]/g;
const ANY_BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;
/** Letters of right-to-left scripts: Hebrew to the Arabic extensions, their presentation forms, and the historic RTL planes. */
const RIGHT_TO_LEFT = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;

export function withoutBidiSpoofing(text: string): string {
  if (!ANY_BIDI.test(text)) return text;
  return RIGHT_TO_LEFT.test(text) ? text.replace(OVERRIDES, '') : text.replace(BIDI_CONTROLS, '');
}
