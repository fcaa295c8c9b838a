/**
 * Names the audit trail gives to actors who are not moderators: the worker (`auto`), the admin key
 * (`admin`) and the commenter (intake). A moderator named like one would have their decisions read
 * as the worker's or the admin's, so these are refused however they are spelled: any case, width,
 * accents, spaces, invisible characters, and the look-alike letters and digits below.
 */
const RESERVED = new Set(['auto', 'admin', 'commenter']);

/** Cyrillic and Greek letters that look like Latin ones, and digits that stand in for letters. */
const LOOK_ALIKES: Record<string, string> = {
  а: 'a',
  е: 'e',
  о: 'o',
  с: 'c',
  р: 'p',
  х: 'x',
  у: 'y',
  і: 'i',
  ј: 'j',
  ѕ: 's',
  ԁ: 'd',
  м: 'm',
  т: 't',
  н: 'h',
  α: 'a',
  ε: 'e',
  ο: 'o',
  ι: 'i',
  τ: 't',
  υ: 'u',
  μ: 'm',
  ν: 'v',
  κ: 'k',
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  l: 'i',
  '|': 'i',
  '!': 'i',
};

export function isReservedName(name: string): boolean {
  const folded = [...name.normalize('NFKD').toLowerCase()]
    .map((ch) => LOOK_ALIKES[ch] ?? ch)
    .join('')
    .replace(/[^a-z]/g, '');
  return RESERVED.has(folded);
}
