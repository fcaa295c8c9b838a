import { findLinks } from './links';
import { cleanText, letterCase } from './text';

/**
 * What the learned filter sees of a comment: its words and word pairs, plus tokens for things that
 * are not words but tell spam apart (a link and its domain, money, a phone number, runs of emoji,
 * shouting). Each feature counts once per comment: repeating a word should not repeat its evidence.
 * Feature names starting with '#' are shown to moderators in plain words by `describeFeature`.
 */
const STOP = new Set(['the', 'a', 'an', 'and', 'or', 'of', 'to', 'in', 'is', 'it', 'on', 'for', 'at', 'be', 'as', 'so']);

export function extractFeatures(raw: string): string[] {
  const text = cleanText(raw);
  const out = new Set<string>();
  let rest = text;
  for (const link of findLinks(text)) {
    out.add('#link');
    const host = link
      .replace(/^https?:\/\//i, '')
      .split(/[/?#:]/)[0]
      .toLowerCase()
      .replace(/^www\./, '');
    out.add(`#domain:${host}`);
    if (/youtu\.?be/.test(host) && /\/(user|channel|c)\//i.test(link)) out.add('#channel-link');
    rest = rest.replace(link, ' ');
  }
  if (/[$£€]\s?\d|\d\s?(?:dollars|usd|pounds|euros)\b/i.test(rest)) out.add('#money');
  if (/(?:\+|\b00)\d[\d\s().-]{8,}\d|\b\d{3}[\s.-]\d{3}[\s.-]\d{4}\b/.test(rest)) out.add('#phone');
  if (/(?:\p{Extended_Pictographic}\s*){3,}/u.test(rest)) out.add('#emoji-run');
  const { letters, capitals } = letterCase(rest);
  if (letters >= 12 && capitals / letters > 0.7) out.add('#shouting');
  if (/!{3,}/.test(rest)) out.add('#exclamations');
  const words = rest
    .toLowerCase()
    .replace(/[’']/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0 && w.length <= 24)
    .map((w) => (/^\d+$/.test(w) ? (w.length >= 3 ? '#number' : w) : w));
  let previous = '';
  for (const w of words) {
    if (w.length > 1 && !STOP.has(w)) out.add(w);
    if (previous) out.add(`${previous} ${w}`);
    previous = w;
  }
  return [...out];
}

const PLAIN: Record<string, string> = {
  '#link': 'a link',
  '#channel-link': 'a channel link',
  '#money': 'money',
  '#phone': 'a phone number',
  '#emoji-run': 'emoji run',
  '#shouting': 'shouting',
  '#exclamations': '!!!',
  '#number': 'a long number',
};

export function describeFeature(feature: string): string {
  if (feature.startsWith('#domain:')) return feature.slice('#domain:'.length);
  return PLAIN[feature] ?? feature;
}
